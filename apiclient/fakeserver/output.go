package fakeserver

import (
	"bytes"
	"errors"
	"io"
	"net/url"
	"regexp"
	"strings"

	"loyaltydesk/apiclient/wire"
)

// output is the answer format a request asked for (output, callback, condensed).
type output struct {
	json      bool
	callback  string
	condensed bool
}

var callbackName = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$.]{0,99}$`)

// outputOf reads the output parameters. A callback implies JSON (JSONP is
// JSON wrapped in a call); condensed applies to JSON only, XML is always
// indented as the documents print it.
func outputOf(form url.Values) (output, error) {
	var o output
	switch strings.ToUpper(form.Get("output")) {
	case "", "XML":
	case "JSON":
		o.json = true
	default:
		return o, errors.New("output must be JSON or XML")
	}
	if cb := form.Get("callback"); cb != "" {
		o.json = true
		if !callbackName.MatchString(cb) {
			return output{json: true}, errors.New("callback must be a JavaScript function name")
		}
		o.callback = cb
	}
	o.condensed = o.json && isYes(form.Get("condensed"))
	return o, nil
}

func (o output) contentType() string {
	switch {
	case o.callback != "":
		return "application/javascript; charset=utf-8"
	case o.json:
		return "application/json; charset=utf-8"
	}
	return "application/xml; charset=utf-8"
}

// write writes a whole response tree.
func (o output) write(w io.Writer, root *wire.Node) error {
	if !o.json {
		return root.WriteXML(w, true)
	}
	if err := o.open(w); err != nil {
		return err
	}
	if err := root.WriteJSON(w, o.condensed); err != nil {
		return err
	}
	return o.close(w)
}

func (o output) open(w io.Writer) error {
	if o.callback == "" {
		return nil
	}
	_, err := io.WriteString(w, o.callback+"(")
	return err
}

func (o output) close(w io.Writer) error {
	s := ")"
	if o.callback == "" {
		s = ""
	}
	if !o.condensed {
		s += "\n"
	}
	_, err := io.WriteString(w, s)
	return err
}

// streamCustomers writes a success response whose root holds n <customer>s made
// one at a time by item, then the tail nodes, byte for byte as output.write
// would write the whole tree, without ever holding the tree. Tail names
// must differ from "customer" and from each other (JSON would group them).
func (o output) streamCustomers(w io.Writer, n int, item func(i int) *wire.Node, tail []*wire.Node) error {
	ew := &errWriter{w: w}
	if o.json {
		o.streamJSON(ew, n, item, tail)
	} else {
		o.streamXML(ew, n, item, tail)
	}
	return ew.err
}

func (o output) streamXML(w *errWriter, n int, item func(i int) *wire.Node, tail []*wire.Node) {
	w.str(`<response status="success">`)
	child := func(i int) *wire.Node {
		if i < n {
			return item(i)
		}
		return tail[i-n]
	}
	var buf bytes.Buffer
	for i := range n + len(tail) {
		buf.Reset()
		if err := child(i).WriteXML(&buf, true); err != nil {
			w.fail(err)
			return
		}
		w.str("\n  ")
		w.bytes(reindent(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))))
		if w.err != nil {
			return
		}
	}
	if n+len(tail) > 0 {
		w.str("\n")
	}
	w.str("</response>\n")
}

func (o output) streamJSON(w *errWriter, n int, item func(i int) *wire.Node, tail []*wire.Node) {
	w.fail(o.open(w.w))
	w.str(o.sep("{\n  ") + `"status":` + o.sep(" ") + `"success"`)
	o.jsonItems(w, n, item)
	o.jsonMembers(w, tail)
	w.str(o.sep("\n}"))
	if w.err == nil {
		w.fail(o.close(w.w))
	}
}

// sep is layout s as the format wants it: as it is when indented, gone
// when condensed.
func (o output) sep(s string) string {
	if o.condensed {
		return strings.ReplaceAll(strings.ReplaceAll(s, "\n", ""), " ", "")
	}
	return s
}

// jsonItems writes the "customer" member: one object, or an array of them.
func (o output) jsonItems(w *errWriter, n int, item func(i int) *wire.Node) {
	if n > 0 {
		w.str(o.sep(",\n  ") + `"customer":` + o.sep(" "))
	}
	if n > 1 {
		w.str("[")
	}
	var buf bytes.Buffer
	for i := range n {
		buf.Reset()
		if err := item(i).WriteJSON(&buf, o.condensed); err != nil {
			w.fail(err)
			return
		}
		if i > 0 {
			w.str(",")
		}
		if o.condensed {
			w.bytes(buf.Bytes())
		} else {
			w.bytes(reindent(buf.Bytes()))
		}
		if w.err != nil {
			return
		}
	}
	if n > 1 {
		w.str("]")
	}
}

// jsonMembers writes nodes as further members of the root object. They are
// written as the children of an object of their own, at the root's depth,
// whose braces are then dropped: the members come out as WriteJSON writes
// them.
func (o output) jsonMembers(w *errWriter, nodes []*wire.Node) {
	if len(nodes) == 0 {
		return
	}
	var buf bytes.Buffer
	if err := (&wire.Node{Children: nodes}).WriteJSON(&buf, o.condensed); err != nil {
		w.fail(err)
		return
	}
	members := bytes.TrimPrefix(buf.Bytes(), []byte("{"))
	members = bytes.TrimSuffix(bytes.TrimSuffix(members, []byte("}")), []byte("\n"))
	w.str(",")
	w.bytes(members)
}

// reindent moves a serialized element one level (two spaces) deeper. Text
// never holds a raw line break (both encoders escape it), so every "\n" is
// layout.
func reindent(b []byte) []byte {
	return bytes.ReplaceAll(b, []byte("\n"), []byte("\n  "))
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

func (w *errWriter) bytes(b []byte) {
	if w.err == nil {
		_, w.err = w.w.Write(b)
	}
}

func (w *errWriter) fail(err error) {
	if w.err == nil {
		w.err = err
	}
}

func isYes(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "y", "yes", "true", "1":
		return true
	}
	return false
}
