package wire

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzDecodeXML: any body either fails cleanly or decodes to a tree that
// WriteXML writes back to the same tree.
func FuzzDecodeXML(f *testing.F) {
	f.Add([]byte(sampleReport))
	f.Add([]byte(`<response status="error"><error>Error message</error></response>`))
	f.Add([]byte(`<r a="&#x9;&#xD;&lt;"><![CDATA[]]]]><![CDATA[>]]><x nil="true" nil="false"/>t</r>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		tree, err := DecodeXML(bytes.NewReader(body))
		if err != nil {
			require.Nil(t, tree)
			return
		}
		if !writableNames(tree) {
			return // a prefixed name whose local part is no name alone ("a:0")
		}
		var out bytes.Buffer
		require.NoError(t, tree.WriteXML(&out, false))
		again, err := DecodeXML(&out)
		require.NoError(t, err, "written as %q", out.String())
		assert.Equal(t, cloneNode(tree), cloneNode(again))
	})
}

// FuzzDecodeJSON: any body either fails cleanly or decodes to a tree that
// WriteJSON writes back to the same tree, once same-named children are
// gathered (JSON keeps them together as one array).
func FuzzDecodeJSON(f *testing.F) {
	f.Add([]byte(sampleJSONReport))
	f.Add([]byte(`{"status":"error","error":"Error message"}`))
	f.Add([]byte(`{"a":1,"b":{"c":[null,true,[2,{"d":""}]]},"a":"x","":{}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		tree, err := DecodeJSON(bytes.NewReader(body), "response")
		if err != nil {
			require.Nil(t, tree)
			return
		}
		for _, condensed := range []bool{true, false} {
			var out bytes.Buffer
			require.NoError(t, tree.WriteJSON(&out, condensed))
			again, err := DecodeJSON(&out, "response")
			require.NoError(t, err, "written as %q", out.String())
			assert.Equal(t, grouped(tree), cloneNode(again))
		}
	})
}

// grouped is n with each node's children ordered as WriteJSON writes them.
func grouped(n *Node) *Node {
	c := cloneNode(n)
	c.Children = nil
	for _, group := range groupChildren(n.Children) {
		for _, ch := range group {
			c.Children = append(c.Children, grouped(ch))
		}
	}
	return c
}

// writableNames reports whether every element and attribute name of the
// tree is a name XML accepts without its prefix.
func writableNames(n *Node) bool {
	names := []string{n.Name}
	for _, a := range n.Attrs {
		names = append(names, a.Name)
	}
	for _, name := range names {
		if _, err := xml.NewDecoder(strings.NewReader("<" + name + "/>")).Token(); err != nil || strings.Contains(name, ":") {
			return false
		}
	}
	for _, c := range n.Children {
		if !writableNames(c) {
			return false
		}
	}
	return true
}
