package imonggofake

import (
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// docEra is a clock in the document's own time, so its date filters
// (after=2011-04-1, after=2012-01-01, …) cut through the seeded customers.
var docEra = time.Date(2011, 4, 21, 3, 0, 0, 0, time.UTC)

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// node is any XML element, read without the client package so the fake is
// checked against the document, not against its own client.
type node struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Children []node     `xml:",any"`
	Text     string     `xml:",chardata"`
}

func (n node) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n node) child(name string) (node, bool) {
	for _, c := range n.Children {
		if c.XMLName.Local == name {
			return c, true
		}
	}
	return node{}, false
}

func (n node) value(t *testing.T, name string) string {
	t.Helper()
	c, ok := n.child(name)
	require.True(t, ok, "<%s> has no <%s>", n.XMLName.Local, name)
	return c.Text
}

func parseNode(t *testing.T, body []byte) node {
	t.Helper()
	var n node
	require.NoError(t, xml.Unmarshal(body, &n), string(body))
	return n
}

type fixture struct {
	srv   *Server
	url   string
	clock *fakeClock
}

func newFixture(t *testing.T, opts Options) fixture {
	t.Helper()
	clock := &fakeClock{t: docEra}
	opts.Now = clock.Now
	srv := New(opts)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return fixture{srv: srv, url: ts.URL, clock: clock}
}

// curl does what the document's curl lines do: -u TOKEN:X, the two
// headers, -X method and -d body.
func (f fixture) curl(t *testing.T, method, pathAndQuery, body string) (int, []byte) {
	t.Helper()
	return f.curlAs(t, DemoToken, Password, method, pathAndQuery, body)
}

func (f fixture) curlAs(t *testing.T, user, pass, method, pathAndQuery, body string) (int, []byte) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, f.url+pathAndQuery, rd)
	require.NoError(t, err)
	req.SetBasicAuth(user, pass)
	req.Header.Set("Accept", "application/xml")
	req.Header.Set("Content-Type", "application/xml")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, data
}

// updatedTimes reads every customer's utc_updated_at through the hooks.
func (f fixture) updatedTimes(t *testing.T) map[int64]time.Time {
	out := map[int64]time.Time{}
	for _, id := range f.srv.IDs() {
		c, _ := f.srv.Customer(id)
		u, err := time.Parse(time.RFC3339, c["utc_updated_at"])
		require.NoError(t, err)
		out[id] = u
	}
	return out
}

func (f fixture) countWhere(t *testing.T, keep func(id int64, updated time.Time) bool) int {
	n := 0
	for id, u := range f.updatedTimes(t) {
		if keep(id, u) {
			n++
		}
	}
	return n
}

func requireCustomerList(t *testing.T, body []byte, wantLen int) node {
	t.Helper()
	root := parseNode(t, body)
	require.Equal(t, "customers", root.XMLName.Local)
	require.Equal(t, "array", root.attr("type"))
	require.Len(t, root.Children, wantLen)
	for _, c := range root.Children {
		require.Equal(t, "customer", c.XMLName.Local)
	}
	return root
}

func requireCount(t *testing.T, body []byte, want int) {
	t.Helper()
	root := parseNode(t, body)
	require.Equal(t, "hash", root.XMLName.Local)
	count, ok := root.child("count")
	require.True(t, ok)
	require.Equal(t, "integer", count.attr("type"))
	require.Equal(t, want, atoi(t, count.Text))
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	var n int
	for _, r := range s {
		require.True(t, r >= '0' && r <= '9', "%q is not a count", s)
		n = n*10 + int(r-'0')
	}
	return n
}

func TestCurlListExamples(t *testing.T) {
	f := newFixture(t, Options{Seed: 4})
	total := len(f.srv.IDs())
	require.Equal(t, DefaultCustomers, total)

	status, body := f.curl(t, "GET", "/api/customers.xml", "")
	require.Equal(t, 200, status)
	requireCustomerList(t, body, 100)

	_, body = f.curl(t, "GET", "/api/customers.xml?page=1", "")
	page1 := requireCustomerList(t, body, 100)
	_, body = f.curl(t, "GET", "/api/customers.xml?page=2", "")
	page2 := requireCustomerList(t, body, total-100)
	require.NotEqual(t, page1.Children[0].value(t, "id"), page2.Children[0].value(t, "id"))

	_, body = f.curl(t, "GET", "/api/customers.xml?page=1&per_page=50", "")
	requireCustomerList(t, body, 50)

	status, body = f.curl(t, "GET", "/api/customers.xml?active_only=1", "")
	require.Equal(t, 200, status)
	for _, c := range parseNode(t, body).Children {
		require.NotEqual(t, "D", c.value(t, "status"))
	}
}

func TestCurlGetExample(t *testing.T) {
	f := newFixture(t, Options{Seed: 4})
	status, body := f.curl(t, "GET", "/api/customers/11.xml", "")
	require.Equal(t, 200, status)
	c := parseNode(t, body)
	require.Equal(t, "customer", c.XMLName.Local)
	require.Equal(t, "11", c.value(t, "id"))
	names := make([]string, len(c.Children))
	for i, ch := range c.Children {
		names[i] = ch.XMLName.Local
	}
	require.Equal(t, recordFields, names, "every field, in the document's order")
	for _, ch := range c.Children {
		if ch.attr("nil") == "true" {
			require.Empty(t, ch.Text, ch.XMLName.Local)
		}
	}

	status, _ = f.curl(t, "GET", "/api/customers/99999.xml", "")
	require.Equal(t, 404, status)
}

func TestCurlCreateExample(t *testing.T) {
	f := newFixture(t, Options{Seed: 4})
	status, body := f.curl(t, "POST", "/api/customers.xml", "<customer><name>John Smith</name></customer>")
	require.Equal(t, 200, status, string(body))
	c := parseNode(t, body)
	require.Equal(t, "customer", c.XMLName.Local)
	require.Equal(t, "John", c.value(t, "first_name"))
	require.Equal(t, "Smith", c.value(t, "last_name"))
	require.Equal(t, "John Smith", c.value(t, "name"))
	require.Equal(t, "false", c.value(t, "tax_exempt"))
	st, _ := c.child("status")
	require.Equal(t, "true", st.attr("nil"))
	require.NotEmpty(t, c.value(t, "code"), "a code is given")
	require.Equal(t, c.value(t, "utc_created_at"), c.value(t, "utc_updated_at"))
	require.Equal(t, "2011-04-21T03:00:00Z", c.value(t, "utc_created_at"))
}

func TestCurlUpdateExamples(t *testing.T) {
	f := newFixture(t, Options{Seed: 4})
	f.clock.Advance(time.Minute)
	cases := []struct {
		path, body, field, want string
	}{
		{"/api/customers/17.xml", "<customer><first_name>Kevin B</first_name><last_name>Example</last_name></customer>", "name", "Kevin B Example"},
		{"/api/customers/13.xml", "<customer><tax_exempt>true</tax_exempt></customer>", "tax_exempt", "true"},
		{"/api/customers/14.xml", "<customer><country>PH</country></customer>", "country", "PH"},
	}
	for _, tc := range cases {
		status, body := f.curl(t, "PUT", tc.path, tc.body)
		require.Equal(t, 200, status, tc.path+": "+string(body))
		c := parseNode(t, body)
		require.Equal(t, "customer", c.XMLName.Local)
		require.Equal(t, tc.want, c.value(t, tc.field))
		require.Equal(t, "2011-04-21T03:01:00Z", c.value(t, "utc_updated_at"))
	}
	status, _ := f.curl(t, "PUT", "/api/customers/99999.xml", "<customer><country>PH</country></customer>")
	require.Equal(t, 404, status)
}

func TestCurlDeleteExample(t *testing.T) {
	f := newFixture(t, Options{Seed: 4})
	f.clock.Advance(time.Minute)
	status, _ := f.curl(t, "DELETE", "/api/customers/12.xml", "")
	require.Equal(t, 200, status)
	c, _ := f.srv.Customer(12)
	require.Equal(t, "D", c["status"])
	require.Equal(t, "2011-04-21T03:01:00Z", c["utc_updated_at"])

	f.clock.Advance(time.Minute)
	status, _ = f.curl(t, "DELETE", "/api/customers/12.xml", "")
	require.Equal(t, 200, status, "deleting again is ignored")
	again, _ := f.srv.Customer(12)
	require.Equal(t, c["utc_updated_at"], again["utc_updated_at"], "and changes nothing")

	status, _ = f.curl(t, "DELETE", "/api/customers/99999.xml", "")
	require.Equal(t, 404, status)
}

func TestCurlCountExamples(t *testing.T) {
	f := newFixture(t, Options{Seed: 4})
	status, body := f.curl(t, "GET", "/api/customers.xml?q=count", "")
	require.Equal(t, 200, status)
	requireCount(t, body, DefaultCustomers)

	active := 0
	for _, id := range f.srv.IDs() {
		if c, _ := f.srv.Customer(id); c["status"] != "D" {
			active++
		}
	}
	require.Less(t, active, DefaultCustomers, "the seed has deleted customers")
	_, body = f.curl(t, "GET", "/api/customers.xml?q=count&active_only=1", "")
	requireCount(t, body, active)

	_, body = f.curl(t, "GET", "/api/customers.xml?q=count&after=2012-01-01", "")
	requireCount(t, body, 0)

	april := time.Date(2011, 4, 1, 0, 0, 0, 0, time.UTC)
	wantApril := f.countWhere(t, func(_ int64, u time.Time) bool { return u.After(april) })
	require.Positive(t, wantApril)
	require.Less(t, wantApril, DefaultCustomers)
	_, body = f.curl(t, "GET", "/api/customers.xml?q=count&after=2011-04-1", "")
	requireCount(t, body, wantApril)
}

func TestCurlAfterWithSpaceExample(t *testing.T) {
	f := newFixture(t, Options{Seed: 4})
	newYear := time.Date(2010, 12, 31, 23, 59, 0, 0, time.UTC)
	want := f.countWhere(t, func(_ int64, u time.Time) bool { return u.After(newYear) })
	require.Positive(t, want)
	require.Less(t, want, 100, "one page holds them all")
	status, body := f.curl(t, "GET", "/api/customers.xml?after=2010-12-31%2023:59", "")
	require.Equal(t, 200, status)
	for _, c := range requireCustomerList(t, body, want).Children {
		u, err := time.Parse(time.RFC3339, c.value(t, "utc_updated_at"))
		require.NoError(t, err)
		require.True(t, u.After(newYear))
	}
}

func TestCurlLastUpdatedExample(t *testing.T) {
	f := newFixture(t, Options{Seed: 4})
	status, body := f.curl(t, "GET", "/api/customers.xml?q=last_updated_at", "")
	require.Equal(t, 200, status)
	root := parseNode(t, body)
	require.Equal(t, "hash", root.XMLName.Local)
	got := root.value(t, "last-updated-at")
	require.Regexp(t, regexp.MustCompile(`^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$`), got, "the sample's form")
	require.Equal(t, f.srv.LastUpdatedAt().Format("2006-01-02 15:04:05"), got)

	// the prose's spelling answers the same
	_, body2 := f.curl(t, "GET", "/api/customers.xml?q=last_udpated_at", "")
	require.Equal(t, string(body), string(body2))
}
