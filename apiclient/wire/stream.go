package wire

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// StreamXML reads a document whose root holds many children named item and
// hands each one, complete, to fn as soon as its end tag is read; those
// children are not kept. Other children of the root (an <error>, say) stay
// in the returned root, whose attributes are set before the first call.
//
// It is the encoding/xml reference for StreamXMLFast.
func StreamXML(r io.Reader, item string, fn func(root, child *Node) error) (*Node, error) {
	s := &xmlStreamer{d: newLenientDecoder(r), item: item, fn: fn}
	return s.run()
}

func newLenientDecoder(r io.Reader) *xml.Decoder {
	d := xml.NewDecoder(r)
	d.Strict = false
	return d
}

// xmlStreamer builds the tree of DecodeXML and StreamXML from encoding/xml's
// raw tokens, matching end tags itself, leniently: an end tag closes the
// nearest open element of its name (and any left open inside it), and one
// that names no open element is ignored. (encoding/xml's own lenient mode
// lets one stray end tag close every element up to the root, which loses
// the rest of the API's dashboard sample.) StreamXMLFast resumes one midway.
type xmlStreamer struct {
	d            *xml.Decoder
	item         string // children of the root handed to fn; "" for none
	fn           func(root, child *Node) error
	keepRootText bool
	root         *Node
	stack        []openElement
}

// openElement is an element whose end tag is still to come. Its text is
// gathered in a byte slice: adding to a string would copy the white space
// between a large root's children over and over.
type openElement struct {
	n    *Node
	text []byte
}

func (s *xmlStreamer) run() (*Node, error) {
	for {
		tok, err := s.d.RawToken()
		if errors.Is(err, io.EOF) {
			if s.root == nil {
				return nil, errors.New("no XML element in the body")
			}
			return nil, fmt.Errorf("XML ends inside <%s>", s.stack[len(s.stack)-1].n.Name)
		}
		if err != nil {
			return nil, fmt.Errorf("malformed XML: %w", err)
		}
		done, err := s.handle(tok)
		if err != nil {
			return nil, err
		}
		if done {
			return s.root, nil
		}
	}
}

// handle applies one token; done is true once the root is closed.
func (s *xmlStreamer) handle(tok xml.Token) (done bool, err error) {
	switch t := tok.(type) {
	case xml.StartElement:
		if len(s.stack) >= MaxDepth {
			return false, errTooDeep
		}
		n := startNode(t)
		if s.root == nil {
			s.root = n
		} else {
			parent := s.stack[len(s.stack)-1].n
			parent.Children = append(parent.Children, n)
		}
		s.stack = append(s.stack, openElement{n: n})
	case xml.EndElement:
		return s.closeTo(t.Name.Local)
	case xml.CharData:
		if len(s.stack) > 1 || len(s.stack) == 1 && s.keepRootText {
			top := &s.stack[len(s.stack)-1]
			top.text = append(top.text, t...)
		}
	}
	return false, nil
}

// closeTo closes the nearest open element named name and those inside it.
func (s *xmlStreamer) closeTo(name string) (done bool, err error) {
	for i := len(s.stack) - 1; i >= 0; i-- {
		if s.stack[i].n.Name != name {
			continue
		}
		for len(s.stack) > i {
			if done, err := s.end(); done || err != nil {
				return done, err
			}
		}
		return false, nil
	}
	return false, nil
}

func (s *xmlStreamer) end() (done bool, err error) {
	top := s.stack[len(s.stack)-1]
	top.n.Text = strings.TrimSpace(string(top.text))
	s.stack = s.stack[:len(s.stack)-1]
	switch {
	case len(s.stack) == 0:
		return true, nil
	case len(s.stack) == 1 && top.n.Name == s.item && s.item != "":
		s.root.Children = s.root.Children[:len(s.root.Children)-1]
		return false, s.fn(s.root, top.n)
	}
	return false, nil
}

// StreamJSON is StreamXML for the JSON form: members named item (an object
// or an array of objects) are handed to fn one by one.
func StreamJSON(r io.Reader, rootName, item string, fn func(root, child *Node) error) (*Node, error) {
	it := &jsonItem{names: map[string]string{}}
	return streamJSON(r, rootName, item, fn, it.decode)
}

// decodeElement decodes one array element into parent's children.
type decodeElement func(d *json.Decoder, parent *Node, name string) error

func streamJSON(r io.Reader, rootName, item string, fn func(root, child *Node) error, element decodeElement) (*Node, error) {
	d := json.NewDecoder(r)
	d.UseNumber()
	tok, err := d.Token()
	if err != nil {
		return nil, jsonErr(err)
	}
	if delim, ok := tok.(json.Delim); !ok || delim != '{' {
		return nil, errors.New("malformed JSON: the response is not an object")
	}
	root := &Node{Name: rootName}
	for d.More() {
		tok, err := d.Token()
		if err != nil {
			return nil, jsonErr(err)
		}
		key, _ := tok.(string)
		if key != item {
			if err := decodeValue(d, root, key); err != nil {
				return nil, err
			}
			continue
		}
		if err := streamItems(d, root, item, fn, element); err != nil {
			return nil, err
		}
	}
	if _, err := d.Token(); err != nil {
		return nil, jsonErr(err)
	}
	return root, nil
}

func streamItems(d *json.Decoder, root *Node, item string, fn func(root, child *Node) error, element decodeElement) error {
	holder := &Node{}
	emit := func() error {
		for _, c := range holder.Children {
			if err := fn(root, c); err != nil {
				return err
			}
		}
		holder.Children = holder.Children[:0]
		return nil
	}
	if !d.More() {
		return nil
	}
	// Peek: an array is walked element by element, anything else read whole.
	tok, err := d.Token()
	if err != nil {
		return jsonErr(err)
	}
	if delim, ok := tok.(json.Delim); ok && delim == '[' {
		for d.More() {
			if err := element(d, holder, item); err != nil {
				return err
			}
			if err := emit(); err != nil {
				return err
			}
		}
		_, err := d.Token()
		if err != nil {
			return jsonErr(err)
		}
		return nil
	}
	if delim, ok := tok.(json.Delim); ok && delim == '{' {
		n := &Node{Name: item}
		if err := decodeObject(d, n); err != nil {
			return err
		}
		return fn(root, n)
	}
	return errors.New("malformed JSON: " + item + " is neither an object nor an array")
}
