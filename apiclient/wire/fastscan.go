package wire

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"strings"
	"unicode/utf8"
)

// scanState is how far the unit scanner got.
type scanState uint8

const (
	scanOK   scanState = iota
	scanMore           // the buffer ends inside the construct
	scanBail           // the construct is left to encoding/xml
)

// maxDepth bounds the scanner's recursion; deeper documents go to encoding/xml.
const maxDepth = 64

// unitParser scans one child of the root (a unit) held whole in b. It
// accepts only constructs whose meaning in encoding/xml's lenient mode it
// reproduces exactly, and bails out on anything else.
type unitParser struct {
	b     []byte
	i     int
	state scanState
	reuse bool // build the unit from pool (an item, handed over then dropped)

	text    []byte    // the unit's decoded text, one string once the unit ends
	refs    []textRef // which node's text is where in text
	scratch []byte    // an attribute value being decoded
	pool    []*Node
	used    int
	names   map[string]string
	recent  []string // names by order of appearance in the last unit
	seq     int
}

type textRef struct {
	n       *Node
	s, e    int
	trimmed bool // the span holds no white space at either end
}

func (p *unitParser) begin(b []byte, reuse bool) {
	p.b, p.i, p.state, p.reuse = b, 0, scanOK, reuse
	p.text, p.refs, p.used, p.seq = p.text[:0], p.refs[:0], 0, 0
}

// has reports whether n more bytes are buffered, noting scanMore if not.
func (p *unitParser) has(n int) bool {
	if len(p.b)-p.i >= n {
		return true
	}
	p.state = scanMore
	return false
}

func (p *unitParser) fail() { p.state = scanBail }

func (p *unitParser) ok() bool { return p.state == scanOK }

// skipSpace skips what encoding/xml's space() skips.
func (p *unitParser) skipSpace() {
	for p.i < len(p.b) && isSpace(p.b[p.i]) {
		p.i++
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// element reads one element at p.i ('<' followed by a name start).
func (p *unitParser) element(depth int) *Node {
	if depth > maxDepth {
		p.fail()
		return nil
	}
	p.i++
	name := p.name()
	if !p.ok() {
		return nil
	}
	n := p.node(name)
	if selfClosed := p.startTag(n); p.ok() && !selfClosed {
		p.content(n, name, depth)
	}
	return n
}

func (p *unitParser) node(name []byte) *Node {
	return p.nodeNamed(p.intern(name))
}

// nodeNamed is node for a name already interned.
func (p *unitParser) nodeNamed(name string) *Node {
	var n *Node
	if p.reuse {
		if p.used == len(p.pool) {
			p.pool = append(p.pool, &Node{})
		}
		n = p.pool[p.used]
		p.used++
		*n = Node{Attrs: n.Attrs[:0], Children: n.Children[:0]}
	} else {
		n = &Node{}
	}
	n.Name = name
	return n
}

// intern returns a shared string for a name. Report items repeat their
// names in the same order, so the name seen at the same place in the last
// unit is tried before the table.
func (p *unitParser) intern(b []byte) string {
	k := p.seq
	p.seq++
	if k < len(p.recent) && p.recent[k] == string(b) {
		return p.recent[k]
	}
	s := p.lookup(b)
	switch {
	case k < len(p.recent):
		p.recent[k] = s
	case k < maxNames:
		p.recent = append(p.recent, s)
	}
	return s
}

func (p *unitParser) lookup(b []byte) string {
	if s, ok := p.names[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(p.names) < maxNames {
		p.names[s] = s
	}
	return s
}

// name reads a name at p.i. Names with a colon (name spaces) or non-ASCII
// letters are left to encoding/xml.
func (p *unitParser) name() []byte {
	if !p.has(1) {
		return nil
	}
	start := p.i
	if !nameStart[p.b[start]] {
		p.fail()
		return nil
	}
	i := start + 1
	for i < len(p.b) && plainNameByte[p.b[i]] {
		i++
	}
	switch {
	case i == len(p.b):
		p.state = scanMore
		return nil
	case p.b[i] == ':' || p.b[i] >= utf8.RuneSelf:
		p.fail()
		return nil
	}
	p.i = i
	return p.b[start:i]
}

// startTag reads the attributes up to '>' or '/>'; selfClosed is true for '/>'.
func (p *unitParser) startTag(n *Node) (selfClosed bool) {
	for p.ok() {
		p.skipSpace()
		if !p.has(1) {
			return false
		}
		switch c := p.b[p.i]; {
		case c == '>':
			p.i++
			return false
		case c == '/':
			if p.has(2) && p.b[p.i+1] == '>' {
				p.i += 2
				return true
			}
			if p.ok() {
				p.fail()
			}
		case nameStart[c]:
			p.attribute(n)
		default:
			p.fail()
		}
	}
	return false
}

// attribute reads name="value" (or 'value'); nil="true" marks the node nil
// as StreamXML does.
func (p *unitParser) attribute(n *Node) {
	name := p.name()
	if p.skipSpace(); !p.ok() || !p.has(1) {
		return
	}
	if p.b[p.i] != '=' {
		p.fail() // a bare attribute name: encoding/xml's lenient rule
		return
	}
	p.i++
	if p.skipSpace(); !p.has(1) {
		return
	}
	quote := p.b[p.i]
	if quote != '"' && quote != '\'' {
		p.fail()
		return
	}
	p.i++
	p.scratch = p.charData(p.scratch[:0], quote)
	if !p.ok() {
		return
	}
	p.i++
	if string(name) == "nil" && string(p.scratch) == "true" {
		n.Nil = true
		return
	}
	n.Attrs = append(n.Attrs, Attr{p.intern(name), string(p.scratch)})
}

// content reads an element's text and children up to its end tag.
func (p *unitParser) content(n *Node, name []byte, depth int) {
	var own textSpan
	p.leaves(n, depth)
	for p.ok() {
		if !own.set {
			p.skipBlankBeforeTag()
		}
		if !p.has(1) {
			return
		}
		if p.b[p.i] != '<' {
			seg := len(p.text)
			p.text = p.charData(p.text, 0)
			own.add(p, seg)
			continue
		}
		if !p.has(2) {
			return
		}
		switch c := p.b[p.i+1]; {
		case c == '/':
			p.endTag(name)
			own.assign(p, n)
			return
		case c == '!':
			seg := len(p.text)
			p.markup()
			own.add(p, seg)
		case nameStart[c]:
			if child := p.leaf(depth + 1); child != nil {
				n.Children = append(n.Children, child)
			} else if child := p.element(depth + 1); p.ok() {
				n.Children = append(n.Children, child)
			}
		default:
			p.fail()
		}
	}
}

// endTag reads </name> at p.i; any other name is left to encoding/xml
// (whose lenient mode closes mismatched elements in its own way).
func (p *unitParser) endTag(name []byte) {
	p.i += 2
	if !p.has(len(name) + 1) {
		return
	}
	if !bytes.Equal(p.b[p.i:p.i+len(name)], name) {
		p.fail()
		return
	}
	p.i += len(name)
	if c := p.b[p.i]; c == ':' || c >= utf8.RuneSelf || plainNameByte[c] {
		p.fail() // a longer name
		return
	}
	if p.skipSpace(); !p.has(1) {
		return
	}
	if p.b[p.i] != '>' {
		p.fail()
		return
	}
	p.i++
}

// markup reads a comment or a CDATA section at p.i ("<!").
func (p *unitParser) markup() {
	if !p.has(4) {
		return
	}
	switch {
	case p.b[p.i+2] == '-' && p.b[p.i+3] == '-':
		p.comment()
	case p.b[p.i+2] == '[':
		p.cdata()
	default:
		p.fail() // a directive
	}
}

// comment skips <!-- ... -->. encoding/xml ends a comment at its first
// "--", which must be followed by '>'.
func (p *unitParser) comment() {
	body := p.b[p.i+4:]
	k := bytes.Index(body, []byte("--"))
	if k < 0 || k+2 >= len(body) {
		p.state = scanMore
		return
	}
	if body[k+2] != '>' {
		p.fail()
		return
	}
	p.i += 4 + k + 3
}

var cdataOpen = []byte("<![CDATA[")

// cdata appends the content of <![CDATA[ ... ]]> to the unit's text.
func (p *unitParser) cdata() {
	if !p.has(len(cdataOpen)) {
		return
	}
	if !bytes.Equal(p.b[p.i:p.i+len(cdataOpen)], cdataOpen) {
		p.fail()
		return
	}
	body := p.b[p.i+len(cdataOpen):]
	k := bytes.Index(body, []byte("]]>"))
	if k < 0 {
		p.state = scanMore
		return
	}
	var ok bool
	if p.text, ok = appendChecked(p.text, body[:k]); !ok {
		p.fail()
		return
	}
	p.i += len(cdataOpen) + k + 3
}

// finishTexts gives every node of the unit its text, all cut from one string.
func (p *unitParser) finishTexts() {
	if len(p.refs) == 0 {
		return
	}
	all := string(p.text)
	for _, r := range p.refs {
		if r.trimmed {
			r.n.Text = all[r.s:r.e]
		} else {
			r.n.Text = strings.TrimSpace(all[r.s:r.e])
		}
	}
}

// textSpan is where an element's own text lies in the unit's text. Text
// pieces split by a child are joined by copying; white space before the
// first real text is dropped, as trimming would drop it.
type textSpan struct {
	s, e int
	set  bool
}

func (t *textSpan) add(p *unitParser, seg int) {
	end := len(p.text)
	switch {
	case !p.ok() || end == seg:
	case !t.set:
		if isBlank(p.text[seg:]) {
			p.text = p.text[:seg]
			return
		}
		t.s, t.e, t.set = seg, end, true
	case t.e == seg:
		t.e = end
	default:
		p.text = append(p.text, p.text[t.s:t.e]...)
		p.text = append(p.text, p.text[seg:end]...)
		t.s, t.e = end, len(p.text)
	}
}

func (t *textSpan) assign(p *unitParser, n *Node) {
	if p.ok() && t.set {
		p.refs = append(p.refs, textRef{n: n, s: t.s, e: t.e})
	}
}

func isBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\n' {
			return false
		}
	}
	return true
}

// leaves reads the plain leaf children at the start of n's content, and
// the white space between them, in a tight loop (a report item is only
// that); content goes on from the first thing that is not one.
func (p *unitParser) leaves(n *Node, depth int) {
	for {
		p.skipBlankBeforeTag()
		if p.i+1 >= len(p.b) || p.b[p.i] != '<' || !nameStart[p.b[p.i+1]] {
			return
		}
		child := p.leaf(depth + 1)
		if child == nil {
			return
		}
		n.Children = append(n.Children, child)
	}
}

// skipBlankBeforeTag skips white space that is followed by a tag: text
// that textSpan would drop anyway (isBlank's white space), skipped without
// decoding it.
func (p *unitParser) skipBlankBeforeTag() {
	i := p.i
	for i < len(p.b) && (p.b[i] == ' ' || p.b[i] == '\n' || p.b[i] == '\t') {
		i++
	}
	if i < len(p.b) && p.b[i] == '<' {
		p.i = i
	}
}

var nilTrue = []byte(` nil="true"/>`)

// leaf reads, in one tight pass, the shapes a report item's fields have:
// <name>plain text</name>, <name/> and <name nil="true"/>. Anything else
// (attributes, children, entities, CDATA, a buffer that ends inside) is
// left to element: leaf then returns nil and consumes nothing. What it
// builds is what element would.
func (p *unitParser) leaf(depth int) *Node {
	b, i := p.b, p.i+1
	if depth > maxDepth {
		return nil
	}
	size, known := p.nameLen(b[i:])
	i += size
	name := b[p.i+1 : i]
	if i+1 >= len(b) {
		return nil
	}
	switch {
	case b[i] == '/' && b[i+1] == '>':
		p.i = i + 2
		return p.leafNode(name, known)
	case b[i] == ' ' && bytes.HasPrefix(b[i:], nilTrue):
		p.i = i + len(nilTrue)
		n := p.leafNode(name, known)
		n.Nil = true
		return n
	case b[i] != '>':
		return nil
	}
	i++
	text := i
	i += plainRun(b[i:])
	if i < len(b) && b[i] == '&' {
		return p.leafWithReferences(name, known, text, i)
	}
	end := i + 2 + len(name)
	if end >= len(b) || b[i] != '<' || b[i+1] != '/' || b[end] != '>' || !bytes.Equal(b[i+2:end], name) {
		return nil
	}
	n := p.leafNode(name, known)
	// Plain text holds no byte of 0x80 or more and no control but tab and
	// newline, so trimming these three here is strings.TrimSpace.
	from, to := text, i
	for from < to && isBlankByte(b[from]) {
		from++
	}
	for to > from && isBlankByte(b[to-1]) {
		to--
	}
	if to > from {
		seg := len(p.text)
		p.text = append(p.text, b[from:to]...)
		p.refs = append(p.refs, textRef{n: n, s: seg, e: len(p.text), trimmed: true})
	}
	p.i = end + 1
	return n
}

// leafWithReferences is leaf for text with entity or character
// references (at b[i]): decoded as charData decodes them, and trimmed when
// the unit ends, as element's text is. Anything else leaves it to element.
func (p *unitParser) leafWithReferences(name []byte, known string, text, i int) *Node {
	b, start, seg := p.b, p.i, len(p.text)
	p.text = append(p.text, b[text:i]...)
	for i < len(b) && b[i] == '&' {
		p.i = i
		p.text = p.entity(p.text)
		if !p.ok() {
			p.state, p.i, p.text = scanOK, start, p.text[:seg]
			return nil
		}
		i = p.i
		run := plainRun(b[i:])
		p.text = append(p.text, b[i:i+run]...)
		i += run
	}
	end := i + 2 + len(name)
	if end >= len(b) || b[i] != '<' || b[i+1] != '/' || b[end] != '>' || !bytes.Equal(b[i+2:end], name) {
		p.i, p.text = start, p.text[:seg]
		return nil
	}
	n := p.leafNode(name, known)
	if len(p.text) > seg {
		p.refs = append(p.refs, textRef{n: n, s: seg, e: len(p.text)})
	}
	p.i = end + 1
	return n
}

func isBlankByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }

// nameLen is the length of the plain name at the start of b. The name
// the last unit had at this place is tried first: report items repeat
// their names in the same order.
func (p *unitParser) nameLen(b []byte) (size int, known string) {
	if p.seq < len(p.recent) {
		if r := p.recent[p.seq]; len(b) > len(r) && string(b[:len(r)]) == r && !plainNameByte[b[len(r)]] {
			return len(r), r
		}
	}
	i := 0
	for i < len(b) && plainNameByte[b[i]] {
		i++
	}
	return i, ""
}

// leafNode is node(name), taking the name nameLen knew already as it is
// (intern would find it at the same place).
func (p *unitParser) leafNode(name []byte, known string) *Node {
	if known == "" {
		return p.node(name)
	}
	p.seq++
	return p.nodeNamed(known)
}

// plainRun is the length of the text at the start of b that needs no
// decoding (no textStop byte): eight bytes at a time, the first byte that
// may stop it found from the mask, the rest byte by byte.
func plainRun(b []byte) int {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if m := stopMask(binary.LittleEndian.Uint64(b[i:])); m != 0 {
			i += bits.TrailingZeros64(m) >> 3
			break
		}
	}
	for i < len(b) && !textStop[b[i]] {
		i++
	}
	return i
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// stopMask marks the bytes of x that may stop plain text: controls (tab
// and newline too), bytes of 0x80 or more, '&', '<' and ']'. The lowest
// mark is always such a byte; higher ones may be false.
func stopMask(x uint64) uint64 {
	below := (x - 0x20*ones) &^ x & highs
	return below | x&highs | zeroByte(x^'&'*ones) | zeroByte(x^'<'*ones) | zeroByte(x^']'*ones)
}

func zeroByte(v uint64) uint64 { return (v - ones) &^ v & highs }
