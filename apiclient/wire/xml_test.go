package wire

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func readSample(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "samples", name))
	require.NoError(t, err)
	return string(b)
}

func decodeXMLString(t *testing.T, doc string) *Node {
	t.Helper()
	n, err := DecodeXML(strings.NewReader(doc))
	require.NoError(t, err)
	return n
}

func TestDecodeXMLBatchSampleWithBrokenTags(t *testing.T) {
	root := decodeXMLString(t, readSample(t, "001_batch.xml"))
	assert.Equal(t, "imported", root.Child("batch").Attr("status"))
	assert.Equal(t, "2", root.Find("new").Text)
	assert.Equal(t, "1", root.Find("updated").Text)
}

func TestDecodeXMLDashboardSampleKeepsEverySection(t *testing.T) {
	root := decodeXMLString(t, readSample(t, "003_dashboard.xml"))
	var names []string
	for _, c := range root.Children {
		names = append(names, c.Name)
	}
	assert.Equal(t, []string{"most_active", "total_customers", "total_transactions", "active_campaigns_count",
		"campaigns_per_day_activity", "last_X_transactions", "last_X_customers"}, names,
		"the sample's stray </campaigns> must not close the whole response")
	day := root.Child("campaigns_per_day_activity").Child("campaign").Child("day")
	assert.Equal(t, "157", day.Get("quantity"))
	assert.Equal(t, "cashier123", root.Child("last_X_transactions").Child("transaction").Get("user"))
}

func TestDecodeXMLLenientEndTags(t *testing.T) {
	root := decodeXMLString(t, `<r><a><b>x</c></a><d>y</d></r>`)
	require.Len(t, root.Children, 2, "</c> names no open element and is ignored; </a> closes b and a")
	assert.Equal(t, "x", root.Child("a").Get("b"))
	assert.Equal(t, "y", root.Get("d"))
}

func TestDecodeXMLErrors(t *testing.T) {
	for doc, want := range map[string]string{
		``:                              "no XML element in the body",
		`<response><customer>`:          "XML ends inside <customer>",
		`<response><a x="1`:             "unexpected EOF",
		"<response>\x00</response>":     "illegal character code U+0000",
		`<?xml encoding="latin1"?><r/>`: "CharsetReader",
	} {
		_, err := DecodeXML(strings.NewReader(doc))
		require.Error(t, err, doc)
		assert.Contains(t, err.Error(), want, doc)
	}
}

func TestDecodeXMLEntitiesNilAndWhiteSpace(t *testing.T) {
	root := decodeXMLString(t, "<?xml version=\"1.0\"?>\r\n<r>\r\n <a>&amp;&lt;&#233;&#x41;<![CDATA[<x>]]></a>\n <b nil=\"true\"/>\n <c k='v'> </c>\n<!-- c --></r>")
	assert.Equal(t, "&<éA<x>", root.Get("a"))
	assert.True(t, root.Child("b").Nil)
	assert.Equal(t, "v", root.Child("c").Attr("k"))
	assert.Equal(t, "", root.Get("c"))
}
