package imonggo_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient/fakeserver/imonggofake"
	"loyaltydesk/apiclient/imonggo"
)

var start = time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
	return c.t
}

type env struct {
	fake   *imonggofake.Server
	clock  *fakeClock
	url    string
	client *imonggo.Client
}

// newEnv serves a fake with opts (clock filled in) behind wrap, if given.
func newEnv(t *testing.T, opts imonggofake.Options, wrap ...func(http.Handler) http.Handler) *env {
	t.Helper()
	clock := &fakeClock{t: start}
	opts.Now = clock.Now
	fake := imonggofake.New(opts)
	var h http.Handler = fake
	for _, w := range wrap {
		h = w(h)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return &env{fake: fake, clock: clock, url: ts.URL, client: newClient(t, ts.URL+"/api/", imonggofake.DemoToken)}
}

func newClient(t *testing.T, base, token string) *imonggo.Client {
	t.Helper()
	c, err := imonggo.New(imonggo.Options{BaseURL: base, Token: token, Account: "demo"})
	require.NoError(t, err)
	return c
}

func ctx(t *testing.T) context.Context { return t.Context() }

func TestNewChecksOptions(t *testing.T) {
	c, err := imonggo.New(imonggo.Options{Account: "test_account", Token: "t"})
	require.NoError(t, err)
	require.Equal(t, "https://test_account.imonggo.com/api/", c.BaseURL())
	require.Equal(t, "test_account", c.Account())

	c, err = imonggo.New(imonggo.Options{BaseURL: "http://127.0.0.1:8080/api", Token: "t"})
	require.NoError(t, err)
	require.Equal(t, "http://127.0.0.1:8080/api/", c.BaseURL())
	require.Equal(t, "127.0.0.1:8080", c.Account(), "without an account the host names the state")

	bad := []imonggo.Options{
		{Account: "", Token: "t"},
		{Account: "evil.com/x", Token: "t"},
		{Account: "shop", Token: ""},
		{Account: "shop", Token: "a:b"},
		{BaseURL: "http://example.com/api/", Token: "t"},
		{BaseURL: "ftp://127.0.0.1/api/", Token: "t"},
		{BaseURL: "https://tok:X@example.com/api/", Token: "t"},
		{BaseURL: "not a url", Token: "t"},
	}
	for _, o := range bad {
		_, err := imonggo.New(o)
		var ae *imonggo.ArgumentError
		require.ErrorAs(t, err, &ae, "%+v", o)
	}
	_, err = imonggo.New(imonggo.Options{BaseURL: "https://shop.example.com/api/", Token: "t"})
	require.NoError(t, err, "https anywhere")
}

func TestListPagesUntilEmpty(t *testing.T) {
	e := newEnv(t, imonggofake.Options{Seed: 2})
	var all []imonggo.Customer
	for page := 1; ; page++ {
		list, err := e.client.List(ctx(t), imonggo.ListOptions{Page: page, PerPage: 40})
		require.NoError(t, err)
		if len(list) == 0 {
			require.Equal(t, 5, page, "150 customers in pages of 40, then an empty one")
			break
		}
		all = append(all, list...)
	}
	require.Len(t, all, imonggofake.DefaultCustomers)
	ids := map[int64]bool{}
	for _, c := range all {
		ids[c.ID] = true
		require.False(t, c.UTCUpdatedAt.IsZero())
		require.NotNil(t, c.Code)
	}
	require.Len(t, ids, imonggofake.DefaultCustomers, "no customer twice")

	first, err := e.client.List(ctx(t), imonggo.ListOptions{})
	require.NoError(t, err)
	require.Len(t, first, 100, "the service's default page")
}

func TestListRefusesBadPaging(t *testing.T) {
	c := newClient(t, "http://127.0.0.1:1/api/", "t") // never reached
	for _, o := range []imonggo.ListOptions{{PerPage: 101}, {PerPage: -1}, {Page: -2}} {
		_, err := c.List(ctx(t), o)
		var ae *imonggo.ArgumentError
		require.ErrorAs(t, err, &ae, "%+v", o)
	}
}

func TestListFilters(t *testing.T) {
	e := newEnv(t, imonggofake.Options{Seed: 2, Customers: -1})
	var times []time.Time
	for i := range 4 {
		at := e.clock.Advance(time.Hour)
		_, err := e.fake.Add(imonggofake.Fields{"name": "Person " + strconv.Itoa(i)})
		require.NoError(t, err)
		times = append(times, at)
	}
	e.clock.Advance(time.Hour)
	require.NoError(t, e.fake.Delete(1)) // which makes it the latest update

	cases := []struct {
		name string
		f    imonggo.Filter
		want []int64
	}{
		{"all", imonggo.Filter{}, []int64{1, 2, 3, 4}},
		{"active only", imonggo.Filter{ActiveOnly: true}, []int64{2, 3, 4}},
		{"after", imonggo.Filter{After: times[1]}, []int64{1, 3, 4}},
		{"from", imonggo.Filter{From: times[1]}, []int64{1, 2, 3, 4}},
		{"before", imonggo.Filter{Before: times[2]}, []int64{2}},
		{"to", imonggo.Filter{To: times[2]}, []int64{2, 3}},
		{"after and to", imonggo.Filter{After: times[1], To: times[3]}, []int64{3, 4}},
		{"zone is converted", imonggo.Filter{After: times[1].In(time.FixedZone("PHT", 8*3600))}, []int64{1, 3, 4}},
	}
	for _, tc := range cases {
		list, err := e.client.List(ctx(t), imonggo.ListOptions{Filter: tc.f})
		require.NoError(t, err, tc.name)
		var got []int64
		for _, c := range list {
			got = append(got, c.ID)
		}
		require.Equal(t, tc.want, got, tc.name)
		n, err := e.client.Count(ctx(t), tc.f)
		require.NoError(t, err)
		require.Equal(t, len(tc.want), n, tc.name)
	}
}

func TestGet(t *testing.T) {
	e := newEnv(t, imonggofake.Options{Seed: 2})
	want, _ := e.fake.Customer(11)
	c, err := e.client.Get(ctx(t), 11)
	require.NoError(t, err)
	require.Equal(t, int64(11), c.ID)
	require.Equal(t, want["code"], *c.Code)
	require.Equal(t, want["name"], *c.Name)
	require.Equal(t, want["utc_updated_at"], c.UTCUpdatedAt.Format(time.RFC3339))
	if v, ok := want["email"]; ok {
		require.Equal(t, v, *c.Email)
	} else {
		require.Nil(t, c.Email)
	}

	_, err = e.client.Get(ctx(t), 9999)
	require.ErrorIs(t, err, imonggo.ErrNotFound)
	_, err = e.client.Get(ctx(t), 0)
	var ae *imonggo.ArgumentError
	require.ErrorAs(t, err, &ae)
}

func TestCreate(t *testing.T) {
	e := newEnv(t, imonggofake.Options{Seed: 2})
	c, err := e.client.Create(ctx(t), imonggo.Customer{Name: new("John Smith"), Birthdate: &imonggo.Date{Year: 1980, Month: 5, Day: 17}})
	require.NoError(t, err)
	require.Equal(t, int64(imonggofake.DefaultCustomers+1), c.ID)
	require.Equal(t, "John", *c.FirstName)
	require.Equal(t, "Smith", *c.LastName)
	require.Equal(t, "1980-05-17", c.Birthdate.String())
	require.NotEmpty(t, *c.Code)
	require.False(t, c.Deleted())
	require.Equal(t, start, c.UTCCreatedAt)

	_, err = e.client.Create(ctx(t), imonggo.Customer{Email: new("a@example.com")})
	var ve *imonggo.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Equal(t, []string{"Name can't be blank"}, ve.Messages)
	require.Contains(t, err.Error(), "Name can't be blank")

	_, err = e.client.Create(ctx(t), imonggo.Customer{ID: 5, Status: new("D")})
	var ae *imonggo.ArgumentError
	require.ErrorAs(t, err, &ae, "nothing writable is set")
}

func TestUpdateSendsOnlySetFields(t *testing.T) {
	e := newEnv(t, imonggofake.Options{Seed: 2})
	before, _ := e.fake.Customer(17)
	e.clock.Advance(time.Minute)
	c, err := e.client.Update(ctx(t), 17, imonggo.Customer{FirstName: new("Kevin B"), LastName: new("Example")})
	require.NoError(t, err)
	require.Equal(t, "Kevin B Example", *c.Name)
	require.Equal(t, start.Add(time.Minute), c.UTCUpdatedAt)
	after, _ := e.fake.Customer(17)
	for k, v := range before {
		switch k {
		case "first_name", "last_name", "name", "utc_updated_at":
		default:
			require.Equal(t, v, after[k], "%s is left alone", k)
		}
	}

	c, err = e.client.Update(ctx(t), 13, imonggo.Customer{TaxExempt: new(true)})
	require.NoError(t, err)
	require.True(t, *c.TaxExempt)

	_, err = e.client.Update(ctx(t), 9999, imonggo.Customer{Country: new("PH")})
	require.ErrorIs(t, err, imonggo.ErrNotFound)

	_, err = e.client.Update(ctx(t), 14, imonggo.Customer{Email: new("not an address")})
	var ve *imonggo.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Equal(t, []string{"Email is invalid"}, ve.Messages)

	_, err = e.client.Update(ctx(t), 14, imonggo.Customer{})
	var ae *imonggo.ArgumentError
	require.ErrorAs(t, err, &ae)
}

func TestUpdateWithEmptyAnswerReadsBack(t *testing.T) {
	silentPut := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPut {
				h.ServeHTTP(discardBody{w}, r)
				return
			}
			h.ServeHTTP(w, r)
		})
	}
	e := newEnv(t, imonggofake.Options{Seed: 2}, silentPut)
	c, err := e.client.Update(ctx(t), 14, imonggo.Customer{Country: new("PH")})
	require.NoError(t, err)
	require.Equal(t, int64(14), c.ID)
	require.Equal(t, "PH", *c.Country)
}

type discardBody struct{ http.ResponseWriter }

func (d discardBody) Write(p []byte) (int, error) { return len(p), nil }

func TestDelete(t *testing.T) {
	e := newEnv(t, imonggofake.Options{Seed: 2})
	require.NoError(t, e.client.Delete(ctx(t), 12))
	c, err := e.client.Get(ctx(t), 12)
	require.NoError(t, err)
	require.True(t, c.Deleted())
	require.NoError(t, e.client.Delete(ctx(t), 12), "deleting twice is fine")
	require.ErrorIs(t, e.client.Delete(ctx(t), 9999), imonggo.ErrNotFound)
}

func TestCountAndLastUpdatedAt(t *testing.T) {
	e := newEnv(t, imonggofake.Options{Seed: 2})
	n, err := e.client.Count(ctx(t), imonggo.Filter{})
	require.NoError(t, err)
	require.Equal(t, imonggofake.DefaultCustomers, n)

	last, err := e.client.LastUpdatedAt(ctx(t))
	require.NoError(t, err)
	require.Equal(t, e.fake.LastUpdatedAt(), last)
	require.Equal(t, time.UTC, last.Location())

	n, err = e.client.Count(ctx(t), imonggo.Filter{After: last})
	require.NoError(t, err)
	require.Zero(t, n)
	n, err = e.client.Count(ctx(t), imonggo.Filter{From: last})
	require.NoError(t, err)
	require.Positive(t, n)

	empty := newEnv(t, imonggofake.Options{Customers: -1})
	last, err = empty.client.LastUpdatedAt(ctx(t))
	require.NoError(t, err)
	require.True(t, last.IsZero(), "no customers, no date")
}

func TestWrongTokenIsUnauthorizedWithoutLeaking(t *testing.T) {
	e := newEnv(t, imonggofake.Options{Seed: 2})
	const secret = "0123456789abcdef0123456789abcdef01234567"
	c := newClient(t, e.url+"/api/", secret)
	_, err := c.List(ctx(t), imonggo.ListOptions{})
	require.ErrorIs(t, err, imonggo.ErrUnauthorized)
	require.NotContains(t, err.Error(), secret)
	_, err = c.Get(ctx(t), 1)
	require.ErrorIs(t, err, imonggo.ErrUnauthorized)
}

func TestServerErrors(t *testing.T) {
	e := newEnv(t, imonggofake.Options{Seed: 2})
	e.fake.FailNext(http.StatusInternalServerError)
	_, err := e.client.Create(ctx(t), imonggo.Customer{Name: new("A B")})
	var se *imonggo.ServerError
	require.ErrorAs(t, err, &se)
	require.Equal(t, 500, se.StatusCode)
	require.NotErrorIs(t, err, imonggo.ErrNotFound)

	e.fake.FailNext(http.StatusServiceUnavailable)
	_, err = e.client.Count(ctx(t), imonggo.Filter{})
	require.ErrorAs(t, err, &se)
	require.Equal(t, 503, se.StatusCode)
}

func TestErrorBodiesNeverShowTheToken(t *testing.T) {
	const secret = "feedfacefeedfacefeedfacefeedfacefeedface"
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, _, _ := r.BasicAuth()
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = w.Write([]byte("<html><body><h1>Error</h1><p>token " + user + " broke</p></body></html>"))
	}))
	defer ts.Close()
	_, err := newClient(t, ts.URL, secret).Count(ctx(t), imonggo.Filter{})
	var se *imonggo.ServerError
	require.ErrorAs(t, err, &se)
	require.NotContains(t, err.Error(), secret)
	require.Contains(t, err.Error(), "token [redacted] broke")
}

func TestErrorPagesNeverShowTheTokenInAnotherCaseNorTheirScripts(t *testing.T) {
	const secret = "feedfacefeedfacefeedfacefeedfacefeedface"
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, _, _ := r.BasicAuth()
		w.WriteHeader(http.StatusBadGateway)
		_, _ = w.Write([]byte("<html><script>var t='" + user + "';</script><body>token " + strings.ToUpper(user) + " broke</body></html>"))
	}))
	defer ts.Close()
	_, err := newClient(t, ts.URL, secret).Count(ctx(t), imonggo.Filter{})
	require.Error(t, err)
	require.NotContains(t, strings.ToLower(err.Error()), secret)
	require.NotContains(t, err.Error(), "var t=")
	require.Contains(t, err.Error(), "token [redacted] broke")
}

func TestValidationMessagesNeverShowTheToken(t *testing.T) {
	const secret = "feedfacefeedfacefeedfacefeedfacefeedface"
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, _, _ := r.BasicAuth()
		w.WriteHeader(http.StatusUnprocessableEntity)
		_, _ = w.Write([]byte("<errors><error>Token " + user + " may not create</error></errors>"))
	}))
	defer ts.Close()
	_, err := newClient(t, ts.URL, secret).Create(ctx(t), imonggo.Customer{Name: new("A B")})
	var ve *imonggo.ValidationError
	require.ErrorAs(t, err, &ve)
	require.NotContains(t, err.Error(), secret)
}

func TestCutOffAnswerIsADecodeError(t *testing.T) {
	cut := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			body := rec.Body.Bytes()
			w.WriteHeader(rec.Code)
			_, _ = w.Write(body[:len(body)/2])
		})
	}
	e := newEnv(t, imonggofake.Options{Seed: 2}, cut)
	_, err := e.client.List(ctx(t), imonggo.ListOptions{})
	var de *imonggo.DecodeError
	require.ErrorAs(t, err, &de)
	require.Contains(t, err.Error(), "ended half-way")
	_, err = e.client.Get(ctx(t), 3)
	require.ErrorAs(t, err, &de)
}

func TestEmptyRailsArrayIsAnEmptyPage(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<nil-classes type="array"/>`))
	}))
	defer ts.Close()
	list, err := newClient(t, ts.URL, "t").List(ctx(t), imonggo.ListOptions{Page: 9})
	require.NoError(t, err)
	require.Empty(t, list)
}

func TestRedirectIsReportedNotFollowed(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "https://example.com/login", http.StatusFound)
	}))
	defer ts.Close()
	_, err := newClient(t, ts.URL, "t").Count(ctx(t), imonggo.Filter{})
	var re *imonggo.RedirectError
	require.ErrorAs(t, err, &re)
	require.Equal(t, "https://example.com/login", re.To)
}

func TestCancelledContextIsATransportError(t *testing.T) {
	e := newEnv(t, imonggofake.Options{Seed: 2})
	c, cancel := context.WithCancel(ctx(t))
	cancel()
	_, err := e.client.Count(c, imonggo.Filter{})
	var te *imonggo.TransportError
	require.ErrorAs(t, err, &te)
	require.True(t, errors.Is(err, context.Canceled))
	require.False(t, strings.Contains(err.Error(), imonggofake.DemoToken))
}
