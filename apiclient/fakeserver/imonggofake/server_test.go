package imonggofake

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestAuthIsRequired(t *testing.T) {
	f := newFixture(t, Options{Seed: 1})
	for _, tc := range []struct{ name, user, pass string }{
		{"wrong token", "0000", Password},
		{"wrong password", DemoToken, "Y"},
		{"empty", "", ""},
	} {
		status, body := f.curlAs(t, tc.user, tc.pass, "GET", "/api/customers.xml", "")
		require.Equal(t, 401, status, tc.name)
		require.NotContains(t, string(body), DemoToken)
	}
	req, err := http.NewRequest("GET", f.url+"/api/customers.xml", nil)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, 401, resp.StatusCode, "no credentials")
	require.Contains(t, resp.Header.Get("WWW-Authenticate"), "Basic")
}

func TestCustomTokenReplacesDemoToken(t *testing.T) {
	f := newFixture(t, Options{Seed: 1, Token: "other"})
	status, _ := f.curl(t, "GET", "/api/customers.xml?q=count", "")
	require.Equal(t, 401, status)
	status, _ = f.curlAs(t, "other", Password, "GET", "/api/customers.xml?q=count", "")
	require.Equal(t, 200, status)
}

func TestMalformedBodiesAre500(t *testing.T) {
	f := newFixture(t, Options{Seed: 1})
	for _, body := range []string{
		"<customer><name>John</customer>",
		"name=John",
		"<hash><name>John</name></hash>",
		"<customer><name><b>John</b></name></customer>",
		"",
	} {
		status, resp := f.curl(t, "POST", "/api/customers.xml", body)
		require.Equal(t, 500, status, "%q", body)
		require.Equal(t, "errors", parseNode(t, resp).XMLName.Local)
		status, _ = f.curl(t, "PUT", "/api/customers/3.xml", body)
		require.Equal(t, 500, status, "%q", body)
	}
	require.Len(t, f.srv.IDs(), DefaultCustomers, "nothing was created")
}

func TestValidationErrorsAre422(t *testing.T) {
	f := newFixture(t, Options{Seed: 1})
	existing, _ := f.srv.Customer(1)
	cases := map[string]string{
		"<customer><email>a@example.com</email></customer>":                           "Name can't be blank",
		"<customer><name>A B</name><code>" + existing["code"] + "</code></customer>":  "Code has already been taken",
		"<customer><name>A B</name><tax_exempt>maybe</tax_exempt></customer>":         "Tax exempt must be true or false",
		"<customer><name>A B</name><birthdate>04-06-05</birthdate></customer>":        "Birthdate is not a date (YYYY-MM-DD)",
		"<customer><name>A B</name><email>not an address</email></customer>":          "Email is invalid",
		"<customer><name>A B</name><customer_type_id>9</customer_type_id></customer>": "Customer type does not exist",
		"<customer><name>A B</name><shoe_size>9</shoe_size></customer>":               "Unknown attribute shoe_size",
	}
	for body, msg := range cases {
		status, resp := f.curl(t, "POST", "/api/customers.xml", body)
		require.Equal(t, 422, status, body)
		root := parseNode(t, resp)
		require.Equal(t, "errors", root.XMLName.Local)
		require.Equal(t, msg, root.value(t, "error"), body)
	}
	status, _ := f.curl(t, "PUT", "/api/customers/2.xml", "<customer><name></name></customer>")
	require.Equal(t, 422, status)
	require.Len(t, f.srv.IDs(), DefaultCustomers)
}

func TestUpdateKeepsNamesConsistentAndClears(t *testing.T) {
	f := newFixture(t, Options{Seed: 1})
	id, err := f.srv.Add(Fields{"name": "Juan dela Cruz", "email": "juan@example.com"})
	require.NoError(t, err)
	c, _ := f.srv.Customer(id)
	require.Equal(t, "Juan", c["first_name"])
	require.Equal(t, "dela Cruz", c["last_name"])

	status, _ := f.curl(t, "PUT", "/api/customers/"+itoa(id)+".xml", `<customer><last_name>Santos</last_name><email nil="true"/></customer>`)
	require.Equal(t, 200, status)
	c, _ = f.srv.Customer(id)
	require.Equal(t, "Juan Santos", c["name"])
	_, hasEmail := c["email"]
	require.False(t, hasEmail, "nil=true clears")

	status, _ = f.curl(t, "PUT", "/api/customers/"+itoa(id)+".xml", `<customer><id>999</id><status>D</status><remark>hi</remark></customer>`)
	require.Equal(t, 200, status, "read-only fields are ignored")
	c, _ = f.srv.Customer(id)
	require.Equal(t, itoa(id), c["id"])
	require.Empty(t, c["status"])
	require.Equal(t, "hi", c["remark"])
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

func TestListQueryErrorsAre422(t *testing.T) {
	f := newFixture(t, Options{Seed: 1})
	for _, q := range []string{"per_page=0", "per_page=101", "per_page=x", "page=0", "active_only=maybe",
		"after=yesterday", "before=2011-02-30", "q=sum", "to=2011-04-01T25:00:00Z"} {
		status, _ := f.curl(t, "GET", "/api/customers.xml?"+q, "")
		require.Equal(t, 422, status, q)
	}
}

func TestPagingPastTheEndIsEmpty(t *testing.T) {
	f := newFixture(t, Options{Seed: 1})
	status, body := f.curl(t, "GET", "/api/customers.xml?page=3", "")
	require.Equal(t, 200, status)
	requireCustomerList(t, body, 0)
}

func TestDateFiltersBounds(t *testing.T) {
	f := newFixture(t, Options{Seed: 1, Customers: -1})
	for _, name := range []string{"Ana A", "Ben B", "Cy C"} {
		f.clock.Advance(time.Minute)
		_, err := f.srv.Add(Fields{"name": name})
		require.NoError(t, err)
	}
	// updated at 03:01, 03:02, 03:03
	cases := map[string]int{
		"after=2011-04-21T03:01:00Z":                         2,
		"from=2011-04-21T03:01:00Z":                          3,
		"before=2011-04-21T03:02:00Z":                        1,
		"to=2011-04-21T03:02:00Z":                            2,
		"after=2011-04-21T03:01:00Z&to=2011-04-21T03:02:00Z": 1,
		"from=2011-04-21%2003:02":                            2,
		"after=2011-04-21T11:01:00%2B08:00":                  2,
	}
	for q, want := range cases {
		_, body := f.curl(t, "GET", "/api/customers.xml?q=count&"+q, "")
		requireCount(t, body, want)
		_, body = f.curl(t, "GET", "/api/customers.xml?"+q, "")
		requireCustomerList(t, body, want)
	}
}

func TestEmptyServerLastUpdatedIsNil(t *testing.T) {
	f := newFixture(t, Options{Customers: -1})
	_, body := f.curl(t, "GET", "/api/customers.xml?q=last_updated_at", "")
	last, ok := parseNode(t, body).child("last-updated-at")
	require.True(t, ok)
	require.Equal(t, "true", last.attr("nil"))
}

func TestUnknownPathsAndMethods(t *testing.T) {
	f := newFixture(t, Options{Seed: 1})
	status, _ := f.curl(t, "GET", "/api/products.xml", "")
	require.Equal(t, 404, status)
	status, _ = f.curl(t, "DELETE", "/api/customers.xml", "")
	require.Equal(t, 405, status)
	status, _ = f.curl(t, "POST", "/api/customers/3.xml", "<customer/>")
	require.Equal(t, 405, status)
}

func TestStrippedPrefixIsServedToo(t *testing.T) {
	srv := New(Options{Seed: 1})
	mux := http.NewServeMux()
	mux.Handle("/api/", http.StripPrefix("/api", srv))
	ts := httptest.NewServer(mux)
	defer ts.Close()
	req, _ := http.NewRequest("GET", ts.URL+"/api/customers.xml?q=count", nil)
	req.SetBasicAuth(DemoToken, Password)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, 200, resp.StatusCode)
}

func TestFailNext(t *testing.T) {
	f := newFixture(t, Options{Seed: 1})
	f.srv.FailNext(503)
	status, _ := f.curl(t, "GET", "/api/customers.xml?q=count", "")
	require.Equal(t, 503, status)
	status, _ = f.curl(t, "GET", "/api/customers.xml?q=count", "")
	require.Equal(t, 200, status, "only once")
}

func TestHooksOnUnknownIDs(t *testing.T) {
	srv := New(Options{Customers: -1})
	require.ErrorIs(t, srv.Touch(5), ErrNoCustomer)
	require.ErrorIs(t, srv.Delete(5), ErrNoCustomer)
	require.ErrorIs(t, srv.Set(5, Fields{"name": "x"}), ErrNoCustomer)
	_, ok := srv.Customer(5)
	require.False(t, ok)
	_, err := srv.Add(Fields{})
	var inv *InvalidError
	require.ErrorAs(t, err, &inv)
}
