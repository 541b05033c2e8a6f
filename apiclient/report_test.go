package apiclient

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient/wire"
)

// reportSince collects a customers report and its last ID.
func reportSince(c *Client, f ReportFilter) ([]Customer, string, error) {
	var got []Customer
	last, err := c.CustomersReportSince(context.Background(), f, func(cust Customer) error {
		got = append(got, cust)
		return nil
	})
	return got, last, err
}

// withLastID is the seed's sample report with the ⚑ <last_id> after the
// customers.
func withLastID(t *testing.T, id string) string {
	t.Helper()
	body := sample(t, "000_customers_report.xml")
	require.Contains(t, body, "</response>")
	return strings.Replace(body, "</response>", "<last_id>"+id+"</last_id>\n</response>", 1)
}

func TestReportWithoutLastIDGivesEmpty(t *testing.T) {
	for _, format := range formats {
		t.Run(format.String(), func(t *testing.T) {
			c, _ := clientFor(t, format, sample(t, "000_customers_report.xml"))
			got, last, err := reportSince(c, ReportFilter{})
			require.NoError(t, err)
			assert.Len(t, got, 2)
			assert.Equal(t, "", last, "the seed's sample carries no last_id")
		})
	}
}

func TestReportLastIDAfterTheCustomers(t *testing.T) {
	for _, format := range formats {
		t.Run(format.String(), func(t *testing.T) {
			c, api := clientFor(t, format, withLastID(t, "4711"))
			got, last, err := reportSince(c, ReportFilter{Last: "12"})
			require.NoError(t, err)
			assert.Len(t, got, 2, "last_id is no customer")
			assert.Equal(t, "Jane", got[0].FirstName)
			assert.Equal(t, "4711", last)
			assert.Equal(t, "12", api.lastForm(t).Get("last"))

			none, _ := clientFor(t, format, `<response status="success"><last_id>9</last_id></response>`)
			got, last, err = reportSince(none, ReportFilter{Last: "9"})
			require.NoError(t, err)
			assert.Empty(t, got)
			assert.Equal(t, "9", last, "an empty report still says where it stands")
		})
	}
}

func TestReportLastIDAsJSONNumber(t *testing.T) {
	api := serveFunc(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"status":"success","customer":{"first_name":"Jane"},"last_id":4711}`)
	})
	got, last, err := reportSince(newClient(t, api.URL, JSON), ReportFilter{})
	require.NoError(t, err)
	assert.Len(t, got, 1)
	assert.Equal(t, "4711", last)
}

func TestReportLastIDThatIsNoID(t *testing.T) {
	for _, format := range formats {
		t.Run(format.String(), func(t *testing.T) {
			c, _ := clientFor(t, format, withLastID(t, "12 OR 1=1"))
			got, last, err := reportSince(c, ReportFilter{})
			var de *DecodeError
			require.ErrorAs(t, err, &de)
			assert.Contains(t, de.Detail, "last_id")
			assert.Equal(t, "", last)
			assert.Len(t, got, 2, "the customers read before it were handed over")
			assert.NoError(t, c.CustomersReport(context.Background(), ReportFilter{}, func(Customer) error { return nil }),
				"a caller that does not use the ID gets every customer and no error")

			empty, _ := clientFor(t, format, withLastID(t, ""))
			_, last, err = reportSince(empty, ReportFilter{})
			require.NoError(t, err)
			assert.Equal(t, "", last, "an empty last_id is none")
		})
	}
}

func TestReportErrorAnswerWinsOverLastID(t *testing.T) {
	for _, format := range formats {
		t.Run(format.String(), func(t *testing.T) {
			c, _ := clientFor(t, format, `<response status="error"><error>Campaign not found</error><last_id>5</last_id></response>`)
			_, last, err := reportSince(c, ReportFilter{})
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, "", last)
		})
	}
}

// Every streamer the client uses hands over the customers and keeps a
// child of the root that comes after them (<last_id>) in the root, also
// when the body is large enough for the fast scanner to refill its buffer
// and when it arrives one byte at a time.
func TestStreamersKeepLastIDInTheRoot(t *testing.T) {
	const n = 2000
	doc := benchReportXML(n)
	require.Greater(t, len(doc), 64<<10, "the document spans several fills of the fast scanner's buffer")
	jsonDoc := benchReportJSON(t, doc)
	streamers := map[string]func(each func(root, child *wire.Node) error) (*wire.Node, error){
		"StreamXML": func(each func(root, child *wire.Node) error) (*wire.Node, error) {
			return wire.StreamXML(bytes.NewReader(doc), "customer", each)
		},
		"StreamXMLFast": func(each func(root, child *wire.Node) error) (*wire.Node, error) {
			return wire.StreamXMLFast(bytes.NewReader(doc), "customer", each)
		},
		"StreamXMLFast one byte at a time": func(each func(root, child *wire.Node) error) (*wire.Node, error) {
			return wire.StreamXMLFast(iotest.OneByteReader(bytes.NewReader(doc)), "customer", each)
		},
		"StreamJSON": func(each func(root, child *wire.Node) error) (*wire.Node, error) {
			return wire.StreamJSON(bytes.NewReader(jsonDoc), "response", "customer", each)
		},
	}
	for name, stream := range streamers {
		t.Run(name, func(t *testing.T) {
			count := 0
			root, err := stream(func(root, child *wire.Node) error {
				count++
				return nil
			})
			require.NoError(t, err)
			assert.Equal(t, n, count)
			assert.Equal(t, "6001", root.Get("last_id"))
			assert.Empty(t, root.All("customer"), "items are handed over, not kept")
		})
	}
}
