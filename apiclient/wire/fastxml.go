package wire

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// StreamXMLFast is StreamXML with a hand-written scanner for the plain
// shape the API prints (elements, attributes, the five entities, character
// references, CDATA, comments). It decodes exactly what StreamXML decodes:
// the prolog and the root's start tag are read by encoding/xml, and anything
// the scanner does not handle — including every error — hands the document,
// from the start of the root's current child, to encoding/xml in the state
// it would have had there. So the same children reach fn, and the same
// result or error comes back.
//
// Unlike StreamXML, the child given to fn and its descendants are reused
// once fn returns: fn must copy what it keeps. Their empty Attrs and
// Children may be non-nil.
func StreamXMLFast(r io.Reader, item string, fn func(root, child *Node) error) (*Node, error) {
	return newFastStream(r, item, fn, fastBufSize).run()
}

// newFastStream reads at least minRead bytes at a time (tests make it
// small to cut the input at every place).
func newFastStream(r io.Reader, item string, fn func(root, child *Node) error, minRead int) *fastStream {
	s := &fastStream{src: r, item: item, fn: fn, minRead: minRead, buf: make([]byte, 0, minRead)}
	s.p.names = map[string]string{}
	return s
}

const (
	fastBufSize = 64 << 10
	maxHeadSize = 1 << 20 // a prolog longer than this is left to encoding/xml
	maxNames    = 1024    // distinct element and attribute names kept for reuse
	longChild   = 64 << 10
)

// fastStream reads the document through buf; buf[start:] is not consumed
// yet. Everything before start belongs to children already decoded.
type fastStream struct {
	src     io.Reader
	srcErr  error // io.EOF or the read error, once met
	minRead int
	handed  bool // the rest went to encoding/xml
	buf     []byte
	start   int
	lines   int    // newlines between the end of head and start
	head    []byte // the document up to and including the root's start tag
	root    *Node
	rootID  []byte // the root's name as written
	item    string
	fn      func(root, child *Node) error
	p       unitParser

	flat      *FlatItem // items of the flat shape go to flat.Fn (StreamXMLFlat)
	flatVals  []string
	flatSpans [64]flatSpan
	flatOrder [64]int8 // the name index of each child position in the last flat item, -1 unknown
}

// outcome is what one step of the scanner did.
type outcome int

const (
	advanced  outcome = iota // consumed white space, a comment or a child
	closed                   // read the root's end tag
	needMore                 // the buffer ends inside the next construct
	unhandled                // the next construct is left to encoding/xml
)

func (s *fastStream) run() (*Node, error) {
	if !s.readHead() {
		s.handed = true
		return StreamXML(io.MultiReader(bytes.NewReader(s.buf), s.rest()), s.item, s.fn)
	}
	for {
		out, err := s.step()
		if err != nil {
			return nil, err
		}
		switch out {
		case closed:
			return s.root, nil
		case unhandled:
			return s.resume()
		case needMore:
			if !s.fill() {
				return s.resume()
			}
		}
	}
}

// readHead has encoding/xml read up to the root's start tag, buffering
// more input until it can.
func (s *fastStream) readHead() bool {
	for {
		switch s.parseHead() {
		case scanOK:
			return true
		case scanBail:
			return false
		}
		if len(s.buf) >= maxHeadSize || !s.fill() {
			return false
		}
	}
}

func (s *fastStream) parseHead() scanState {
	d := newLenientDecoder(bytes.NewReader(s.buf))
	for {
		before := int(d.InputOffset())
		tok, err := d.RawToken()
		if err != nil {
			return headError(err)
		}
		if start, ok := tok.(xml.StartElement); ok {
			return s.setHead(start, before, int(d.InputOffset()))
		}
	}
}

// headError tells input that ends too soon from input that is wrong.
func headError(err error) scanState {
	var syn *xml.SyntaxError
	if errors.Is(err, io.EOF) || errors.As(err, &syn) && strings.HasPrefix(syn.Msg, "unexpected EOF") {
		return scanMore
	}
	return scanBail
}

// setHead keeps the root element whose start tag is buf[from:to].
func (s *fastStream) setHead(start xml.StartElement, from, to int) scanState {
	tag := s.buf[from:to]
	if len(tag) < 3 || tag[0] != '<' || tag[len(tag)-2] == '/' {
		return scanBail // a root that closes itself is left to encoding/xml
	}
	s.root = startNode(start)
	s.rootID = bytes.Clone(rawName(tag[1:]))
	s.head = bytes.Clone(s.buf[:to])
	s.start = to
	return scanOK
}

// rawName returns the name at the start of b as encoding/xml delimits it.
func rawName(b []byte) []byte {
	i := 0
	for i < len(b) && (b[i] >= 0x80 || b[i] == ':' || plainNameByte[b[i]]) {
		i++
	}
	return b[:i]
}

// step consumes one construct at the root's level.
func (s *fastStream) step() (outcome, error) {
	p := &s.p
	p.begin(s.buf[s.start:], false)
	p.skipSpace()
	switch {
	case p.i > 0:
		s.commit(p.i)
		return advanced, nil
	case !p.has(2):
		return needMore, nil
	case p.b[0] != '<':
		return unhandled, nil // text at the root's level
	}
	switch c := p.b[1]; {
	case c == '/':
		p.endTag(s.rootID)
		return s.settle(closed), nil
	case c == '!':
		p.markup()
		return s.settle(advanced), nil
	case nameStart[c]:
		return s.child()
	}
	return unhandled, nil
}

// child decodes one child of the root and hands it over.
func (s *fastStream) child() (outcome, error) {
	p := &s.p
	item := s.isItem()
	if item && s.flat != nil {
		if out, ok, err := s.flatChild(); ok || err != nil {
			return out, err
		}
	}
	p.begin(s.buf[s.start:], item)
	n := p.element(0)
	if out := s.settle(advanced); out != advanced {
		return out, nil
	}
	p.finishTexts()
	if p.reuse {
		return advanced, s.fn(s.root, n)
	}
	s.root.Children = append(s.root.Children, n)
	return advanced, nil
}

// isItem reports whether the child at start is named item.
func (s *fastStream) isItem() bool {
	name := rawName(s.buf[s.start+1:])
	return string(name) == s.item && s.start+1+len(name) < len(s.buf)
}

// settle turns the scanner's state into the step's outcome, consuming
// what was read when it succeeded.
func (s *fastStream) settle(ok outcome) outcome {
	switch s.p.state {
	case scanMore:
		return needMore
	case scanBail:
		return unhandled
	}
	s.commit(s.p.i)
	return ok
}

func (s *fastStream) commit(n int) {
	s.lines += bytes.Count(s.buf[s.start:s.start+n], []byte{'\n'})
	s.start += n
}

// fill moves the unconsumed input to the front of the buffer and reads
// more; false when nothing more could be read. The pending child is
// rescanned from its start after each fill, so fill returns as soon as a
// '>' came (nothing can end before one) and a report streams as it
// arrives; while a long child is pending it reads until the buffer has
// doubled.
func (s *fastStream) fill() bool {
	if s.srcErr != nil {
		return false
	}
	pending := copy(s.buf, s.buf[s.start:])
	s.buf, s.start = s.buf[:pending], 0
	want := max(2*pending, s.minRead)
	if cap(s.buf) < want {
		s.buf = append(make([]byte, 0, want), s.buf...)
	}
	for idle := 0; s.srcErr == nil && len(s.buf) < want; idle++ {
		n, err := s.src.Read(s.buf[len(s.buf):cap(s.buf)])
		s.buf, s.srcErr = s.buf[:len(s.buf)+n], err
		switch {
		case n > 0 && pending < longChild && bytes.IndexByte(s.buf[len(s.buf)-n:], '>') >= 0:
			return true
		case n > 0:
			idle = 0
		case idle > 100 && err == nil:
			s.srcErr = io.ErrNoProgress
		}
	}
	return len(s.buf) > pending
}

// rest is the input not read into the buffer yet.
func (s *fastStream) rest() io.Reader {
	switch s.srcErr {
	case nil:
		return s.src
	case io.EOF:
		return strings.NewReader("")
	}
	return errReader{s.srcErr}
}

// resume hands the document from buf[start] on to encoding/xml. The
// decoder first reads the head again, then as many newlines as came
// before start (so its errors name the same line), then the rest.
func (s *fastStream) resume() (*Node, error) {
	s.handed = true
	d := newLenientDecoder(io.MultiReader(
		bytes.NewReader(s.head), &newlines{n: s.lines}, bytes.NewReader(s.buf[s.start:]), s.rest()))
	for {
		tok, err := d.RawToken()
		if err != nil {
			return nil, fmt.Errorf("malformed XML: %w", err)
		}
		if _, ok := tok.(xml.StartElement); ok {
			break
		}
	}
	st := &xmlStreamer{d: d, item: s.item, fn: s.fn, root: s.root, stack: []openElement{{n: s.root}}}
	return st.run()
}

type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }

// newlines reads as n newline characters.
type newlines struct{ n int }

func (r *newlines) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, io.EOF
	}
	k := min(len(p), r.n)
	for i := range p[:k] {
		p[i] = '\n'
	}
	r.n -= k
	return k, nil
}
