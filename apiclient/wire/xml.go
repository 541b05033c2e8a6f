package wire

import (
	"encoding/xml"
	"io"
	"strings"
)

// DecodeXML reads one XML document into a tree. The decoder is lenient
// about mismatched end tags (the API's own documents print some, see
// xmlStreamer), but a document that ends before its root is closed is an
// error.
func DecodeXML(r io.Reader) (*Node, error) {
	s := &xmlStreamer{d: newLenientDecoder(r), keepRootText: true}
	return s.run()
}

func startNode(t xml.StartElement) *Node {
	n := &Node{Name: t.Name.Local}
	for _, a := range t.Attr {
		if a.Name.Local == "nil" && a.Value == "true" {
			n.Nil = true
			continue
		}
		n.Attrs = append(n.Attrs, Attr{a.Name.Local, a.Value})
	}
	return n
}

// WriteXML writes the tree as XML. With indent, children are indented by
// two spaces a level, as the API's documents show them.
func (n *Node) WriteXML(w io.Writer, indent bool) error {
	ew := &errWriter{w: w}
	n.writeXML(ew, indent, 0)
	if indent {
		ew.str("\n")
	}
	return ew.err
}

func (n *Node) writeXML(w *errWriter, indent bool, depth int) {
	if indent && depth > 0 {
		w.str("\n" + strings.Repeat("  ", depth))
	}
	w.str("<" + n.Name)
	for _, a := range n.Attrs {
		w.str(" " + a.Name + `="`)
		escapeXML(w, a.Value)
		w.str(`"`)
	}
	if n.Nil {
		w.str(` nil="true"`)
	}
	w.str(">")
	escapeXML(w, n.Text)
	for _, c := range n.Children {
		c.writeXML(w, indent, depth+1)
	}
	if indent && len(n.Children) > 0 {
		w.str("\n" + strings.Repeat("  ", depth))
	}
	w.str("</" + n.Name + ">")
}

func escapeXML(w *errWriter, s string) {
	if w.err != nil {
		return
	}
	w.err = xml.EscapeText(w.w, []byte(s))
}

type errWriter struct {
	w   io.Writer
	err error
}

func (w *errWriter) str(s string) {
	if w.err == nil {
		_, w.err = io.WriteString(w.w, s)
	}
}
