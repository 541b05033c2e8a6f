package wire

import (
	"encoding/json"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// jsonItem decodes one streamed item with a single json.Decoder.Decode:
// encoding/json checks the value, and UnmarshalJSON turns the checked
// bytes into nodes the way decodeValue does, far faster than a Token per
// key and value. Each item's texts are cut from one string.
type jsonItem struct {
	parent  *Node // receives the item's nodes
	name    string
	text    []byte
	refs    []textRef
	names   map[string]string
	scratch []byte
	called  bool
	slab    []Node // the item's nodes, allocated together
	nodes   int    // how many the last item had
	fields  int    // how many children the last item had
}

func (it *jsonItem) decode(d *json.Decoder, parent *Node, name string) error {
	it.parent, it.name, it.called = parent, name, false
	it.text, it.refs = it.text[:0], it.refs[:0]
	it.slab = make([]Node, 0, max(it.nodes+2, 8)) // room for the last item's nodes and a few more
	it.nodes = 0
	if err := d.Decode(it); err != nil {
		return jsonErr(err)
	}
	if !it.called { // not reached: encoding/json calls UnmarshalJSON for null too
		parent.Children = append(parent.Children, &Node{Name: name, Nil: true})
	}
	if k := len(parent.Children); k > 0 {
		it.fields = len(parent.Children[k-1].Children)
	}
	if len(it.refs) > 0 {
		all := string(it.text)
		for _, r := range it.refs {
			r.n.Text = all[r.s:r.e]
		}
	}
	return nil
}

// UnmarshalJSON receives one value that encoding/json has already checked.
func (it *jsonItem) UnmarshalJSON(data []byte) error {
	it.called = true
	p := jsonValues{b: data, it: it}
	p.value(it.parent, it.name)
	return nil
}

// jsonValues walks valid JSON, as decodeValue does: objects become nodes,
// array elements repeat their name, scalars become text, null is nil.
type jsonValues struct {
	b  []byte
	i  int
	it *jsonItem
}

func (p *jsonValues) skipSpace() {
	for p.i < len(p.b) && (p.b[p.i] == ' ' || p.b[p.i] == '\t' || p.b[p.i] == '\n' || p.b[p.i] == '\r') {
		p.i++
	}
}

func (p *jsonValues) value(parent *Node, name string) {
	p.skipSpace()
	switch p.b[p.i] {
	case '{':
		p.members(p.node(parent, name))
	case '[':
		p.elements(parent, name)
	case '"':
		n := p.node(parent, name)
		s := len(p.it.text)
		p.it.text = p.str(p.it.text)
		p.it.refs = append(p.it.refs, textRef{n: n, s: s, e: len(p.it.text)})
	case 'n':
		p.i += len("null")
		p.node(parent, name).Nil = true
	default: // a number, true or false, kept as written
		start := p.i
		for p.i < len(p.b) && !isJSONDelim(p.b[p.i]) {
			p.i++
		}
		p.literal(parent, name, p.b[start:p.i])
	}
}

func isJSONDelim(c byte) bool {
	return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

// node adds a child to parent. Nodes come from the item's slab; a full
// slab is replaced, not grown, so earlier nodes stay where they are.
func (p *jsonValues) node(parent *Node, name string) *Node {
	it := p.it
	if len(it.slab) == cap(it.slab) {
		it.slab = make([]Node, 0, 2*cap(it.slab))
	}
	it.slab = append(it.slab, Node{Name: name})
	it.nodes++
	n := &it.slab[len(it.slab)-1]
	if parent == it.parent {
		n.Children = make([]*Node, 0, it.fields)
	}
	parent.Children = append(parent.Children, n)
	return n
}

func (p *jsonValues) literal(parent *Node, name string, b []byte) {
	n := p.node(parent, name)
	switch string(b) {
	case "true":
		n.Text = "true"
	case "false":
		n.Text = "false"
	default:
		s := len(p.it.text)
		p.it.text = append(p.it.text, b...)
		p.it.refs = append(p.it.refs, textRef{n: n, s: s, e: len(p.it.text)})
	}
}

func (p *jsonValues) members(n *Node) {
	p.i++ // {
	for {
		p.skipSpace()
		if p.b[p.i] == '}' {
			p.i++
			return
		}
		if p.b[p.i] == ',' {
			p.i++
			p.skipSpace()
		}
		key := p.key()
		p.skipSpace()
		p.i++ // :
		p.value(n, key)
	}
}

func (p *jsonValues) elements(parent *Node, name string) {
	p.i++ // [
	for {
		p.skipSpace()
		switch p.b[p.i] {
		case ']':
			p.i++
			return
		case ',':
			p.i++
		}
		p.skipSpace()
		if p.b[p.i] != ']' {
			p.value(parent, name)
		}
	}
}

func (p *jsonValues) key() string {
	p.it.scratch = p.str(p.it.scratch[:0])
	k := p.it.scratch
	if s, ok := p.it.names[string(k)]; ok {
		return s
	}
	s := string(k)
	if len(p.it.names) < maxNames {
		p.it.names[s] = s
	}
	return s
}

// str appends the string at p.i, unescaped as encoding/json unescapes:
// bytes that are not UTF-8 and lone surrogates read as U+FFFD.
func (p *jsonValues) str(dst []byte) []byte {
	b := p.b
	i := p.i + 1
	for {
		start := i
		for b[i] != '"' && b[i] != '\\' && b[i] < utf8.RuneSelf {
			i++
		}
		dst = append(dst, b[start:i]...)
		switch c := b[i]; {
		case c == '"':
			p.i = i + 1
			return dst
		case c == '\\':
			dst, i = unescape(dst, b, i)
		default:
			r, size := utf8.DecodeRune(b[i:])
			dst = utf8.AppendRune(dst, r)
			i += size
		}
	}
}

// unescape appends the escape sequence at b[i] ('\\') and returns the
// index after it.
func unescape(dst, b []byte, i int) ([]byte, int) {
	switch c := b[i+1]; c {
	case 'b':
		return append(dst, '\b'), i + 2
	case 'f':
		return append(dst, '\f'), i + 2
	case 'n':
		return append(dst, '\n'), i + 2
	case 'r':
		return append(dst, '\r'), i + 2
	case 't':
		return append(dst, '\t'), i + 2
	case 'u':
		r := hex4(b[i+2:])
		i += 6
		if utf16.IsSurrogate(r) {
			var low rune = -1
			if b[i] == '\\' && b[i+1] == 'u' {
				low = hex4(b[i+2:])
			}
			if pair := utf16.DecodeRune(r, low); pair != unicode.ReplacementChar {
				return utf8.AppendRune(dst, pair), i + 6
			}
			r = unicode.ReplacementChar
		}
		return utf8.AppendRune(dst, r), i
	default: // " \\ /
		return append(dst, c), i + 2
	}
}

// hex4 reads the four hex digits of a \\u escape encoding/json accepted.
func hex4(b []byte) rune {
	var r rune
	for _, c := range b[:4] {
		switch {
		case c <= '9':
			r = r*16 + rune(c-'0')
		case c <= 'F':
			r = r*16 + rune(c-'A'+10)
		default:
			r = r*16 + rune(c-'a'+10)
		}
	}
	return r
}
