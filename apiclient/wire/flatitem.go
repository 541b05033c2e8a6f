package wire

import (
	"bytes"
	"io"
	"strings"
)

// FlatItem lets StreamXMLFlat decode the commonest item shape — leaf
// children with known names, each once — straight into strings, without
// building nodes.
type FlatItem struct {
	Names []string // at most 64
	// Fn gets each flat item: vals[k] is the trimmed text of Names[k] and
	// bit k of seen is set when that child came. The strings stay valid
	// after Fn returns; vals does not. handled false has the item built as
	// a Node and given to the stream's fn instead.
	Fn func(root *Node, vals []string, seen uint64) (handled bool, err error)

	byLen [][]int // indexes into Names by name length
}

// StreamXMLFlat is StreamXMLFast that gives an item of the plain flat shape
// (<name>text</name>, <name/>, <name nil="true"/> children with known
// names, separated by white space; the text decoded as the scanner decodes
// it) to flat.Fn. Anything else in an item — an unknown or repeated name,
// attributes, comments, CDATA, nesting, the end of the buffer — has the item
// read by StreamXMLFast's scanner as it would be, so fn sees it.
func StreamXMLFlat(r io.Reader, item string, flat *FlatItem, fn func(root, child *Node) error) (*Node, error) {
	s := newFastStream(r, item, fn, fastBufSize)
	s.flat = flat.index()
	s.flatVals = make([]string, len(flat.Names))
	for pos := range s.flatOrder {
		s.flatOrder[pos] = -1
	}
	return s.run()
}

func (f *FlatItem) index() *FlatItem {
	if len(f.Names) > 64 {
		panic("wire: FlatItem has more than 64 names")
	}
	g := &FlatItem{Names: f.Names, Fn: f.Fn}
	for k, name := range f.Names {
		for len(g.byLen) <= len(name) {
			g.byLen = append(g.byLen, nil)
		}
		g.byLen[len(name)] = append(g.byLen[len(name)], k)
	}
	return g
}

// match is the index of name in Names, or -1.
func (f *FlatItem) match(name []byte) int {
	if len(name) >= len(f.byLen) {
		return -1
	}
	for _, k := range f.byLen[len(name)] {
		if string(name) == f.Names[k] {
			return k
		}
	}
	return -1
}

// flatSpan is where a field's text lies in the item's text.
type flatSpan struct {
	s, e    int
	trimmed bool
}

// flatChild decodes the item at start if it has the flat shape and hands
// it to flat.Fn; ok false when it did not (nothing is consumed then).
func (s *fastStream) flatChild() (out outcome, ok bool, err error) {
	b := s.buf[s.start:]
	open := 2 + len(s.item) // "<item>"
	if len(b) <= open || b[open-1] != '>' {
		return 0, false, nil
	}
	p := &s.p
	p.text = p.text[:0]
	var seen uint64
	i := open
	for pos := 0; ; pos++ {
		for i < len(b) && isBlankByte(b[i]) {
			i++
		}
		if i+1 >= len(b) || b[i] != '<' {
			return 0, false, nil
		}
		if b[i+1] == '/' {
			end := i + 2 + len(s.item)
			if end >= len(b) || b[end] != '>' || string(b[i+2:end]) != s.item {
				return 0, false, nil
			}
			i = end + 1
			break
		}
		k, next := s.flatLeaf(b, i, pos)
		if k < 0 || seen&(1<<k) != 0 {
			return 0, false, nil
		}
		seen |= 1 << k
		i = next
	}
	s.flatFinish(seen)
	handled, err := s.flat.Fn(s.root, s.flatVals, seen)
	if !handled || err != nil {
		return 0, handled, err
	}
	s.commit(i)
	return advanced, true, nil
}

// flatLeaf reads the leaf at b[i] ('<'), the item's child number pos,
// noting its text's span; it returns the name's index and where the leaf
// ends, or -1.
func (s *fastStream) flatLeaf(b []byte, i, pos int) (k, next int) {
	from := i + 1
	k, j := s.flatName(b, from, pos)
	if k < 0 || j+1 >= len(b) {
		return -1, 0
	}
	name := b[from:j]
	p := &s.p
	switch {
	case b[j] == '/' && b[j+1] == '>':
		s.flatSpans[k] = flatSpan{}
		return k, j + 2
	case b[j] == ' ' && bytes.HasPrefix(b[j:], nilTrue):
		s.flatSpans[k] = flatSpan{}
		return k, j + len(nilTrue)
	case b[j] != '>':
		return -1, 0
	}
	text := j + 1
	j = text + plainRun(b[text:])
	seg := len(p.text)
	trimmed := true
	if j < len(b) && b[j] != '<' {
		// references, other characters than ASCII, carriage returns…:
		// decoded as the node path decodes them, trimmed at the end
		p.text = append(p.text, b[text:j]...)
		p.b, p.i, p.state = b, j, scanOK
		p.text = p.charData(p.text, 0)
		if !p.ok() {
			return -1, 0
		}
		j = p.i
		trimmed = false
	} else {
		from, to := text, j
		for from < to && isBlankByte(b[from]) {
			from++
		}
		for to > from && isBlankByte(b[to-1]) {
			to--
		}
		p.text = append(p.text, b[from:to]...)
	}
	end := j + 2 + len(name)
	if end >= len(b) || b[j] != '<' || b[j+1] != '/' || b[end] != '>' || !bytes.Equal(b[j+2:end], name) {
		return -1, 0
	}
	s.flatSpans[k] = flatSpan{seg, len(p.text), trimmed}
	return k, end + 1
}

// flatName reads the child's name at b[from:], returning its index in
// Names and where it ends. Items of a report list their fields in one
// order, so the name the last item had at this position is tried first,
// with one comparison; only names found by the scan are remembered, so a
// guess is always a name the scan would have read the same.
func (s *fastStream) flatName(b []byte, from, pos int) (k, end int) {
	if pos < len(s.flatOrder) {
		if k := s.flatOrder[pos]; k >= 0 {
			name := s.flat.Names[k]
			end := from + len(name)
			if end < len(b) && !plainNameByte[b[end]] && string(b[from:end]) == name {
				return int(k), end
			}
		}
	}
	end = from
	for end < len(b) && plainNameByte[b[end]] {
		end++
	}
	if end == from || end >= len(b) || !nameStart[b[from]] {
		return -1, end
	}
	if k = s.flat.match(b[from:end]); k >= 0 && pos < len(s.flatOrder) {
		s.flatOrder[pos] = int8(k)
	}
	return k, end
}

// flatFinish cuts every field's text from one string.
func (s *fastStream) flatFinish(seen uint64) {
	all := string(s.p.text)
	for k := range s.flatVals {
		if seen&(1<<k) == 0 {
			s.flatVals[k] = ""
			continue
		}
		sp := s.flatSpans[k]
		if sp.trimmed {
			s.flatVals[k] = all[sp.s:sp.e]
		} else {
			s.flatVals[k] = strings.TrimSpace(all[sp.s:sp.e])
		}
	}
}
