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

// xmlStreamer is StreamXML's state; StreamXMLFast resumes one midway.
type xmlStreamer struct {
	d     *xml.Decoder
	item  string
	fn    func(root, child *Node) error
	root  *Node
	stack []*Node
}

func (s *xmlStreamer) run() (*Node, error) {
	for {
		tok, err := s.d.Token()
		if errors.Is(err, io.EOF) {
			if s.root == nil {
				return nil, errors.New("no XML element in the body")
			}
			return nil, fmt.Errorf("XML ends inside <%s>", s.stack[len(s.stack)-1].Name)
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
		n := startNode(t)
		if s.root == nil {
			s.root = n
		} else {
			parent := s.stack[len(s.stack)-1]
			parent.Children = append(parent.Children, n)
		}
		s.stack = append(s.stack, n)
	case xml.EndElement:
		if len(s.stack) == 0 {
			return false, fmt.Errorf("unexpected </%s>", t.Name.Local)
		}
		return s.end()
	case xml.CharData:
		if len(s.stack) > 1 { // the root's own text is white space between items
			s.stack[len(s.stack)-1].Text += string(t)
		}
	}
	return false, nil
}

func (s *xmlStreamer) end() (done bool, err error) {
	top := s.stack[len(s.stack)-1]
	top.Text = strings.TrimSpace(top.Text)
	s.stack = s.stack[:len(s.stack)-1]
	switch {
	case len(s.stack) == 0:
		return true, nil
	case len(s.stack) == 1 && top.Name == s.item:
		s.root.Children = s.root.Children[:len(s.root.Children)-1]
		return false, s.fn(s.root, top)
	}
	return false, nil
}

// StreamJSON is StreamXML for the JSON form: members named item (an object
// or an array of objects) are handed to fn one by one.
func StreamJSON(r io.Reader, rootName, item string, fn func(root, child *Node) error) (*Node, error) {
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
		if err := streamItems(d, root, item, fn); err != nil {
			return nil, err
		}
	}
	if _, err := d.Token(); err != nil {
		return nil, jsonErr(err)
	}
	return root, nil
}

func streamItems(d *json.Decoder, root *Node, item string, fn func(root, child *Node) error) error {
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
			if err := decodeValue(d, holder, item); err != nil {
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
