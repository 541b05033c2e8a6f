package wire

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// DecodeJSON reads a JSON response object into a tree whose root is named
// rootName (the API's "response"). Keys become children in document order;
// arrays become repeated children.
func DecodeJSON(r io.Reader, rootName string) (*Node, error) {
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
	if err := decodeObject(d, root); err != nil {
		return nil, err
	}
	return root, nil
}

func jsonErr(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("JSON ends before the response is complete")
	}
	var syn *json.SyntaxError
	if errors.As(err, &syn) && strings.HasSuffix(syn.Error(), "exceeded max depth") { // encoding/json's own bound
		return errTooDeep
	}
	return fmt.Errorf("malformed JSON: %w", err)
}

// decodeObject reads the members of an object whose '{' was consumed.
func decodeObject(d *json.Decoder, parent *Node) error { return decodeObjectAt(d, parent, 1) }

func decodeObjectAt(d *json.Decoder, parent *Node, depth int) error {
	if depth > MaxDepth {
		return errTooDeep
	}
	for d.More() {
		tok, err := d.Token()
		if err != nil {
			return jsonErr(err)
		}
		key, ok := tok.(string)
		if !ok {
			return errors.New("malformed JSON: object key is not a string")
		}
		if err := decodeValueAt(d, parent, key, depth); err != nil {
			return err
		}
	}
	if _, err := d.Token(); err != nil {
		return jsonErr(err)
	}
	return nil
}

func decodeValue(d *json.Decoder, parent *Node, name string) error {
	return decodeValueAt(d, parent, name, 1)
}

// decodeValueAt reads a value inside depth open objects and arrays.
func decodeValueAt(d *json.Decoder, parent *Node, name string, depth int) error {
	if depth > MaxDepth {
		return errTooDeep
	}
	tok, err := d.Token()
	if err != nil {
		return jsonErr(err)
	}
	switch v := tok.(type) {
	case json.Delim:
		switch v {
		case '{':
			n := &Node{Name: name}
			parent.Children = append(parent.Children, n)
			return decodeObjectAt(d, n, depth+1)
		case '[':
			for d.More() {
				if err := decodeValueAt(d, parent, name, depth+1); err != nil {
					return err
				}
			}
			if _, err := d.Token(); err != nil {
				return jsonErr(err)
			}
			return nil
		}
		return fmt.Errorf("malformed JSON: unexpected %q", v.String())
	case nil:
		parent.Children = append(parent.Children, &Node{Name: name, Nil: true})
	case string:
		parent.Children = append(parent.Children, &Node{Name: name, Text: v})
	case json.Number:
		parent.Children = append(parent.Children, &Node{Name: name, Text: v.String()})
	case bool:
		parent.Children = append(parent.Children, &Node{Name: name, Text: fmt.Sprint(v)})
	}
	return nil
}

// WriteJSON writes the tree as a JSON object (the root's own name is not
// written). Condensed output has no white space; otherwise it is indented.
func (n *Node) WriteJSON(w io.Writer, condensed bool) error {
	ew := &errWriter{w: w}
	n.writeObject(ew, condensed, 0)
	return ew.err
}

func (n *Node) writeObject(w *errWriter, condensed bool, depth int) {
	w.str("{")
	first := true
	member := func(key string) {
		if !first {
			w.str(",")
		}
		first = false
		if !condensed {
			w.str("\n" + strings.Repeat("  ", depth+1))
		}
		writeJSONString(w, key)
		w.str(":")
		if !condensed {
			w.str(" ")
		}
	}
	for _, a := range n.Attrs {
		member(a.Name)
		writeJSONString(w, a.Value)
	}
	for _, group := range groupChildren(n.Children) {
		member(group[0].Name)
		if len(group) == 1 {
			group[0].writeValue(w, condensed, depth+1)
			continue
		}
		w.str("[")
		for i, c := range group {
			if i > 0 {
				w.str(",")
			}
			c.writeValue(w, condensed, depth+1)
		}
		w.str("]")
	}
	if !condensed && !first {
		w.str("\n" + strings.Repeat("  ", depth))
	}
	w.str("}")
}

func (n *Node) writeValue(w *errWriter, condensed bool, depth int) {
	switch {
	case n.Nil:
		w.str("null")
	case len(n.Children) == 0 && len(n.Attrs) == 0:
		writeJSONString(w, n.Text)
	default:
		n.writeObject(w, condensed, depth)
	}
}

// groupChildren gathers children by name, in order of first appearance.
func groupChildren(children []*Node) [][]*Node {
	index := map[string]int{}
	var groups [][]*Node
	for _, c := range children {
		i, ok := index[c.Name]
		if !ok {
			i = len(groups)
			index[c.Name] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], c)
	}
	return groups
}

func writeJSONString(w *errWriter, s string) {
	b, err := json.Marshal(s)
	if err != nil && w.err == nil {
		w.err = err
		return
	}
	w.str(string(b))
}
