package imonggofake

import (
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"
)

const xmlHeader = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

// lastUpdatedLayout is the form of the document's last-updated-at sample.
const lastUpdatedLayout = "2006-01-02 15:04:05"

func escape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder does not fail
	return b.String()
}

// writeRecord writes one <customer> as the document's samples do: every
// field, nil ones as <name nil="true"></name>.
func writeRecord(b *strings.Builder, r *record, indent string) {
	b.WriteString(indent + "<customer>\n")
	for _, name := range recordFields {
		b.WriteString(indent + "  <" + name)
		if v, ok := r.value(name); ok {
			b.WriteString(">" + escape(v))
		} else {
			b.WriteString(` nil="true">`)
		}
		b.WriteString("</" + name + ">\n")
	}
	b.WriteString(indent + "</customer>\n")
}

func customerDoc(r *record) string {
	var b strings.Builder
	b.WriteString(xmlHeader)
	writeRecord(&b, r, "")
	return b.String()
}

func listDoc(rs []*record) string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<customers type="array">` + "\n")
	for _, r := range rs {
		writeRecord(&b, r, "  ")
	}
	b.WriteString("</customers>\n")
	return b.String()
}

func countDoc(n int) string {
	return xmlHeader + "<hash>\n  <count type=\"integer\">" + strconv.Itoa(n) + "</count>\n</hash>\n"
}

func lastUpdatedDoc(t time.Time) string {
	value := `<last-updated-at nil="true"></last-updated-at>`
	if !t.IsZero() {
		value = "<last-updated-at>" + t.UTC().Format(lastUpdatedLayout) + "</last-updated-at>"
	}
	return xmlHeader + "<hash>\n  " + value + "\n</hash>\n"
}

func errorsDoc(msgs []string) string {
	var b strings.Builder
	b.WriteString(xmlHeader + "<errors>\n")
	for _, m := range msgs {
		b.WriteString("  <error>" + escape(m) + "</error>\n")
	}
	b.WriteString("</errors>\n")
	return b.String()
}

// errMalformed is a request body that is not <customer> XML (answered 500,
// as the document says).
var errMalformed = errors.New("the request is not well-formed <customer> XML")

// parseCustomerBody reads <customer><field>value</field>…</customer>: the
// values given, and the fields sent as nil="true" (to clear).
func parseCustomerBody(body io.Reader) (Fields, []string, error) {
	d := xml.NewDecoder(body)
	root, err := firstStart(d)
	if err != nil || root.Name.Local != "customer" {
		return nil, nil, errMalformed
	}
	values := Fields{}
	var cleared []string
	for {
		tok, err := d.Token()
		if err != nil {
			return nil, nil, errMalformed
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return values, cleared, nil
		case xml.StartElement:
			text, isNil, err := leafText(d, t)
			if err != nil {
				return nil, nil, errMalformed
			}
			if isNil {
				cleared = append(cleared, t.Name.Local)
			} else {
				values[t.Name.Local] = text
			}
		}
	}
}

func firstStart(d *xml.Decoder) (xml.StartElement, error) {
	for {
		tok, err := d.Token()
		if err != nil {
			return xml.StartElement{}, err
		}
		if start, ok := tok.(xml.StartElement); ok {
			return start, nil
		}
	}
}

// leafText reads a field element, which may hold text only.
func leafText(d *xml.Decoder, start xml.StartElement) (string, bool, error) {
	isNil := false
	for _, a := range start.Attr {
		if a.Name.Local == "nil" && strings.EqualFold(a.Value, "true") {
			isNil = true
		}
	}
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err != nil {
			return "", false, err
		}
		switch t := tok.(type) {
		case xml.CharData:
			text.Write(t)
		case xml.StartElement:
			return "", false, errMalformed
		case xml.EndElement:
			return text.String(), isNil, nil
		}
	}
}
