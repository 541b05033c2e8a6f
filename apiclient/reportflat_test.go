package apiclient

import (
	"bytes"
	"io"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient/wire"
)

// decodeReport decodes a report with one of the stream decoders, keeping
// the customers that came before any error.
func decodeReport(doc []byte, stream func(body *bytes.Reader, each func(root, child *wire.Node) error) (*wire.Node, error)) ([]Customer, string, error) {
	var got []Customer
	last, err := streamCustomers("t", XML, func(c Customer) error { got = append(got, c); return nil },
		func(each func(root, child *wire.Node) error) (*wire.Node, error) {
			return stream(bytes.NewReader(doc), each)
		})
	return got, last, err
}

func decodeFlat(r io.Reader) ([]Customer, string, error) {
	var got []Customer
	last, err := streamXMLCustomers("t", r, func(c Customer) error { got = append(got, c); return nil })
	return got, last, err
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// checkFlatMatches: the report path (flat items straight into Customer
// values) gives what the node paths give, through the fast scanner and
// through encoding/xml.
func checkFlatMatches(t *testing.T, doc []byte) {
	flat, flatLast, flatErr := decodeFlat(bytes.NewReader(doc))
	for name, r := range map[string]io.Reader{
		"one byte at a time": iotest.OneByteReader(bytes.NewReader(doc)),
		"half reads":         iotest.HalfReader(bytes.NewReader(doc)),
	} {
		got, last, err := decodeFlat(r)
		require.Equal(t, errText(flatErr), errText(err), "%s: error for %q", name, doc)
		require.Equal(t, flat, got, "%s: customers of %q", name, doc)
		require.Equal(t, flatLast, last, "%s: last ID of %q", name, doc)
	}
	for name, stream := range map[string]func(*bytes.Reader, func(root, child *wire.Node) error) (*wire.Node, error){
		"fast nodes": func(r *bytes.Reader, each func(root, child *wire.Node) error) (*wire.Node, error) {
			return wire.StreamXMLFast(r, "customer", each)
		},
		"encoding/xml": func(r *bytes.Reader, each func(root, child *wire.Node) error) (*wire.Node, error) {
			return wire.StreamXML(r, "customer", each)
		},
	} {
		got, last, err := decodeReport(doc, stream)
		require.Equal(t, errText(err), errText(flatErr), "%s: error for %q", name, doc)
		require.Equal(t, got, flat, "%s: customers of %q", name, doc)
		require.Equal(t, last, flatLast, "%s: last ID of %q", name, doc)
	}
}

var flatSeeds = []string{
	`<response status="success"><customer><first_name> Jane </first_name><zip/><address2 nil="true"/></customer><last_id>7</last_id></response>`,
	"<response status=\"success\">\n <customer>\n  <first_name>Se\u00e1n &amp; O&apos;Neil&#x85;</first_name>\n  <city>\r\nA\rB</city>\n </customer>\n</response>",
	`<response status="success"><customer><code>1</code><customer_code>2</customer_code></customer><customer><zip>1</zip><zip>2</zip></customer></response>`,
	`<response status="success"><customer><email><![CDATA[a<b]]></email><phone><!-- x -->5</phone></customer><customer><custom1 a="b">x</custom1><other>y</other></customer></response>`,
	`<response status="success"><customer><state><x>1</x>ND</state></customer><customer a="1"><city>&bogus;</city></customer></response>`,
	`<response status="error"><customer><city>X</city></customer></response>`,
	`<response status="success"><customer><city>X</city ></customer ><customer><city>]]></city></customer></response>`,
	"<response status=\"success\"><customer><city>\u00a0X\x01</city></customer><customer><zip>\xff</zip></customer></response>",
	// each item's names where the last item had others: swapped, longer, shorter, a prefix
	`<response status="success"><customer><city>A</city><zip>1</zip></customer><customer><zip>2</zip><city>B</city></customer><customer><cityx>C</cityx></customer><customer><cit>D</cit></customer><customer><city/><zip nil="true"/></customer></response>`,
}

func TestReportFlatMatchesNodePaths(t *testing.T) {
	for _, seed := range flatSeeds {
		checkFlatMatches(t, []byte(seed))
	}
	checkFlatMatches(t, benchReportXML(300))
}

// FuzzReportFlatMatchesNodePaths: for any document the report's flat path
// gives the same customers, last ID and error as the node paths.
func FuzzReportFlatMatchesNodePaths(f *testing.F) {
	for _, seed := range flatSeeds {
		f.Add([]byte(seed))
	}
	f.Add(benchReportXML(3))
	f.Fuzz(func(t *testing.T, doc []byte) {
		checkFlatMatches(t, doc)
	})
}

func TestReportFlatTakesPlainItems(t *testing.T) {
	doc := benchReportXML(50)
	flat, nodes := 0, 0
	item := reportFlat(func(*wire.Node, Customer) error { flat++; return nil })
	_, err := wire.StreamXMLFlat(bytes.NewReader(doc), "customer", item, func(_, _ *wire.Node) error { nodes++; return nil })
	require.NoError(t, err)
	assert.Equal(t, 50, flat, "every item of the benchmark's report takes the flat path")
	assert.Zero(t, nodes)
}
