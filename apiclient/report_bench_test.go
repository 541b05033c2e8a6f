package apiclient

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient/wire"
)

const benchCustomers = 100_000

// benchReportXML writes a customers_all report of n lifelike customers, as
// the service prints it (seed 000), with escaped text, empty elements and
// nil="true" here and there, then the ⚑ <last_id>.
func benchReportXML(n int) []byte {
	r := rand.New(rand.NewPCG(7, 7))
	first := []string{"Jane", "John", "Zoë", "Mary-Ann", "Seán", "Li", "Ahmed", "O&apos;Neil"}
	last := []string{"Doe", "Smith &amp; Sons", "Müller", "Nguyen", "García", "Kowalski"}
	city := []string{"Anytown", "Wellington", "Auckland", "Christchurch", "Springfield"}
	var b bytes.Buffer
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response status=\"success\">\n")
	for i := range n {
		fmt.Fprintf(&b, "  <customer>\n    <first_name>%s</first_name>\n    <last_name>%s</last_name>\n",
			first[r.IntN(len(first))], last[r.IntN(len(last))])
		fmt.Fprintf(&b, "    <phone>555-%04d</phone>\n    <email>customer%d@example.com</email>\n", r.IntN(10000), i)
		fmt.Fprintf(&b, "    <address1>%d Main St.</address1>\n", 1+r.IntN(999))
		if i%3 == 0 {
			b.WriteString("    <address2 nil=\"true\"/>\n")
		} else {
			fmt.Fprintf(&b, "    <address2>Apt %dG</address2>\n", r.IntN(40))
		}
		fmt.Fprintf(&b, "    <city>%s</city>\n    <state>ND</state>\n    <zip>%05d</zip>\n    <country>NZ</country>\n",
			city[r.IntN(len(city))], r.IntN(100000))
		if i%4 == 0 {
			b.WriteString("    <custom1></custom1>\n")
		} else {
			b.WriteString("    <custom1>Likes cheese &amp; crackers &lt;3</custom1>\n")
		}
		fmt.Fprintf(&b, "    <custom_date>19%02d-%02d-%02d</custom_date>\n    <customer_username>user%d</customer_username>\n",
			50+r.IntN(50), 1+r.IntN(12), 1+r.IntN(28), i)
		fmt.Fprintf(&b, "    <customer_code>%016d</customer_code>\n    <card_number>%08d</card_number>\n  </customer>\n",
			r.Int64N(1e16), r.IntN(1e8))
	}
	fmt.Fprintf(&b, "  <last_id>%d</last_id>\n</response>\n", 3*n+1)
	return b.Bytes()
}

// benchReportJSON is the same report in the JSON form (wire.WriteJSON).
func benchReportJSON(tb testing.TB, doc []byte) []byte {
	root, err := wire.DecodeXML(bytes.NewReader(doc))
	if err != nil {
		tb.Fatal(err)
	}
	var b bytes.Buffer
	if err := root.WriteJSON(&b, true); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// bodyTransport answers every request with the same body, in memory.
type bodyTransport struct{ body []byte }

func (t bodyTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	return &http.Response{
		StatusCode: http.StatusOK, Header: http.Header{}, Request: req,
		Body: io.NopCloser(bytes.NewReader(t.body)), ContentLength: int64(len(t.body)),
	}, nil
}

func benchClient(b *testing.B, format Format, body []byte) *Client {
	c, err := New(Options{
		BaseURL: "https://bench.invalid", Format: format,
		Credentials: Credentials{UserID: "john1970", Password: "1959caadac9b13dcb3", AccountID: "greatwidgets"},
		HTTPClient:  &http.Client{Transport: bodyTransport{body}},
	})
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// The baseline's shape: the whole report unmarshalled at once.
type unmarshalReport struct {
	Status    string                 `xml:"status,attr"`
	Customers []unmarshalledCustomer `xml:"customer"`
}

type unmarshalledCustomer struct {
	FirstName  string `xml:"first_name"`
	LastName   string `xml:"last_name"`
	Phone      string `xml:"phone"`
	Email      string `xml:"email"`
	Address1   string `xml:"address1"`
	Address2   string `xml:"address2"`
	City       string `xml:"city"`
	State      string `xml:"state"`
	Zip        string `xml:"zip"`
	Country    string `xml:"country"`
	Custom1    string `xml:"custom1"`
	CustomDate string `xml:"custom_date"`
	Username   string `xml:"customer_username"`
	Code       string `xml:"customer_code"`
	CardNumber string `xml:"card_number"`
}

func BenchmarkCustomersReport(b *testing.B) {
	doc := benchReportXML(benchCustomers)
	jsonDoc := benchReportJSON(b, doc)
	b.Run("client-xml-fast", func(b *testing.B) {
		benchClientReport(b, benchClient(b, XML, doc), len(doc))
	})
	b.Run("client-json", func(b *testing.B) {
		benchClientReport(b, benchClient(b, JSON, jsonDoc), len(jsonDoc))
	})
	b.Run("stream-encoding-xml", func(b *testing.B) {
		benchLoop(b, len(doc), func(probe *heapProbe) int {
			count := 0
			_, err := streamCustomers("bench", XML, func(Customer) error { count++; probe.sample(count); return nil },
				func(each func(root, child *wire.Node) error) (*wire.Node, error) {
					return wire.StreamXML(bytes.NewReader(doc), "customer", each)
				})
			if err != nil {
				b.Fatal(err)
			}
			return count
		})
	})
	b.Run("baseline-gosax", func(b *testing.B) {
		benchLoop(b, len(doc), func(probe *heapProbe) int {
			count := 0
			if _, err := decodeWithGosax(doc, func(Customer) { count++; probe.sample(count) }); err != nil {
				b.Fatal(err)
			}
			return count
		})
	})
	b.Run("baseline-encoding-xml-stream", func(b *testing.B) {
		benchLoop(b, len(doc), func(probe *heapProbe) int {
			count := 0
			if _, err := decodeWithEncodingXML(doc, func(Customer) { count++; probe.sample(count) }); err != nil {
				b.Fatal(err)
			}
			return count
		})
	})
	// The three decoders in turn on each round, so that a machine whose
	// load changes during the run weighs on all of them alike: the ratios
	// of their summed times.
	b.Run("side-by-side", func(b *testing.B) {
		c := benchClient(b, XML, doc)
		var fast, sax, std time.Duration
		timed := func(d *time.Duration, decode func() error) {
			b.StopTimer()
			runtime.GC() // the garbage of the decoder before is not this one's to collect
			b.StartTimer()
			start := time.Now()
			if err := decode(); err != nil {
				b.Fatal(err)
			}
			*d += time.Since(start)
		}
		for b.Loop() {
			timed(&fast, func() error {
				return c.CustomersReport(context.Background(), ReportFilter{}, func(Customer) error { return nil })
			})
			timed(&sax, func() error { _, err := decodeWithGosax(doc, func(Customer) {}); return err })
			timed(&std, func() error { _, err := decodeWithEncodingXML(doc, func(Customer) {}); return err })

		}
		b.ReportMetric(float64(sax)/float64(fast), "x-gosax")
		b.ReportMetric(float64(std)/float64(fast), "x-encoding-xml-stream")
		b.ReportMetric(float64(len(doc))*float64(b.N)/fast.Seconds()/1e6, "fast-MB/s")
	})
	b.Run("baseline-unmarshal", func(b *testing.B) {
		benchLoop(b, len(doc), func(probe *heapProbe) int {
			var rep unmarshalReport
			if err := xml.Unmarshal(doc, &rep); err != nil {
				b.Fatal(err)
			}
			probe.sample(-1)
			runtime.KeepAlive(rep)
			return len(rep.Customers)
		})
	})
}

func benchClientReport(b *testing.B, c *Client, size int) {
	benchLoop(b, size, func(probe *heapProbe) int {
		count := 0
		err := c.CustomersReport(context.Background(), ReportFilter{}, func(cust Customer) error {
			if cust.CardNumber == "" {
				return fmt.Errorf("customer %d has no card number", count)
			}
			count++
			probe.sample(count)
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		return count
	})
}

// benchLoop runs decode (which returns the customers it saw) and reports
// throughput, bytes allocated per customer and the live heap midway.
func benchLoop(b *testing.B, size int, decode func(*heapProbe) int) {
	b.SetBytes(int64(size))
	b.ReportAllocs()
	probe := newHeapProbe(b)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	customers := 0
	for b.Loop() {
		if n := decode(probe); n != benchCustomers {
			b.Fatalf("decoded %d customers, want %d", n, benchCustomers)
		}
		customers += benchCustomers
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(customers), "B/customer")
	b.ReportMetric(float64(probe.max)/(1<<20), "live-heap-MB")
}

// heapProbe measures, once a run, the heap still reachable (after a
// collection, off the clock) beyond what was live before the run: the
// report's bytes in memory are not counted, what the decoder holds is.
type heapProbe struct {
	b    *testing.B
	base uint64
	max  uint64
}

func newHeapProbe(b *testing.B) *heapProbe {
	return &heapProbe{b: b, base: liveHeap()}
}

func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// sample measures when count is half the report (count < 0: now).
func (h *heapProbe) sample(count int) {
	if count != benchCustomers/2 && count >= 0 {
		return
	}
	h.b.StopTimer()
	if live := liveHeap(); live > h.base {
		h.max = max(h.max, live-h.base)
	}
	h.b.StartTimer()
}

// The benchmark's report must decode to the same customers on both paths.
func TestBenchReportDecodesAlike(t *testing.T) {
	doc := benchReportXML(500)
	var fast, ref []Customer
	fastLast, err := streamXMLCustomers("t", bytes.NewReader(doc), func(c Customer) error {
		fast = append(fast, c)
		return nil
	})
	require.NoError(t, err)
	refLast, err := streamCustomers("t", XML, func(c Customer) error { ref = append(ref, c); return nil },
		func(each func(root, child *wire.Node) error) (*wire.Node, error) {
			return wire.StreamXML(bytes.NewReader(doc), "customer", each)
		})
	require.NoError(t, err)
	require.Len(t, fast, 500)
	assert.Equal(t, ref, fast)
	assert.Equal(t, "1501", fastLast)
	assert.Equal(t, refLast, fastLast)
	for name, decode := range map[string]func([]byte, func(Customer)) (string, error){
		"gosax": decodeWithGosax, "encoding/xml": decodeWithEncodingXML,
	} {
		var got []Customer
		last, err := decode(doc, func(c Customer) { got = append(got, c) })
		require.NoError(t, err, name)
		assert.Equal(t, fast, got, name)
		assert.Equal(t, fastLast, last, name)
	}
	lastNames := map[string]bool{}
	for _, c := range fast {
		lastNames[c.LastName] = true
	}
	assert.True(t, lastNames["Smith & Sons"], "entities are decoded")
	assert.Equal(t, "", fast[0].Street2, "nil address2")
	assert.Equal(t, "Likes cheese & crackers <3", fast[1].CustomField)
}
