package fakeserver_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/apiclient/wire"
)

// testNow is the fixed clock of the tests: late 2011, so the seed-000
// example's date range (2010-01-01 to 2011-12-31) covers the history.
var testNow = time.Date(2011, 12, 20, 14, 30, 0, 0, time.UTC)

var formats = []apiclient.Format{apiclient.XML, apiclient.JSON}

// eachFormat runs the test once with an XML client and once with a JSON one.
func eachFormat(t *testing.T, fn func(t *testing.T, f apiclient.Format)) {
	t.Helper()
	for _, f := range formats {
		t.Run(f.String(), func(t *testing.T) { fn(t, f) })
	}
}

type env struct {
	srv *fakeserver.Server
	ts  *httptest.Server
	c   *apiclient.Client
}

// newEnv starts a small fake server (200 customers unless opts say
// otherwise) behind a real HTTP listener and a client in the format.
func newEnv(t *testing.T, f apiclient.Format, opts ...fakeserver.Options) *env {
	t.Helper()
	o := fakeserver.Options{Customers: 200, Now: func() time.Time { return testNow }}
	if len(opts) > 0 {
		o = opts[0]
		if o.Now == nil {
			o.Now = func() time.Time { return testNow }
		}
	}
	srv := fakeserver.New(o)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	e := &env{srv: srv, ts: ts}
	e.c = e.client(t, f, demoCreds())
	return e
}

func demoCreds() apiclient.Credentials {
	return apiclient.Credentials{UserID: fakeserver.DemoUserID, Password: fakeserver.DemoPassword, AccountID: fakeserver.DemoAccountID}
}

func (e *env) client(t *testing.T, f apiclient.Format, creds apiclient.Credentials) *apiclient.Client {
	t.Helper()
	c, err := apiclient.New(apiclient.Options{BaseURL: e.ts.URL, Credentials: creds, Format: f})
	require.NoError(t, err)
	return c
}

// demoForm is a form with the demo credentials and the given pairs.
func demoForm(kv ...string) url.Values {
	f := url.Values{
		"user_id": {fakeserver.DemoUserID}, "user_password": {fakeserver.DemoPassword},
		"account_id": {fakeserver.DemoAccountID},
	}
	for i := 0; i+1 < len(kv); i += 2 {
		f.Set(kv[i], kv[i+1])
	}
	return f
}

// postRaw posts a form as curl -d would and returns the status and body.
func (e *env) postRaw(t *testing.T, path string, form url.Values, header http.Header) (int, string, http.Header) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, e.ts.URL+path, strings.NewReader(form.Encode()))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, vs := range header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	resp, err := e.ts.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(body), resp.Header
}

// raw posts the form to "/" and decodes the XML answer.
func (e *env) raw(t *testing.T, form url.Values) *wire.Node {
	t.Helper()
	status, body, _ := e.postRaw(t, "/", form, nil)
	require.Equal(t, http.StatusOK, status, body)
	root, err := wire.DecodeXML(strings.NewReader(body))
	require.NoError(t, err, body)
	require.Equal(t, "response", root.Name)
	return root
}

// rawError posts the form and returns the error message it must answer.
func (e *env) rawError(t *testing.T, form url.Values) string {
	t.Helper()
	root := e.raw(t, form)
	require.Equal(t, "error", root.Attr("status"), "expected an error answer")
	return root.Get("error")
}

// rawOK posts the form and requires a success answer.
func (e *env) rawOK(t *testing.T, form url.Values) *wire.Node {
	t.Helper()
	root := e.raw(t, form)
	require.Equal(t, "success", root.Attr("status"), root.Get("error"))
	return root
}

// requireAPIError requires an *apiclient.APIError whose message holds msg.
func requireAPIError(t *testing.T, err error, msg string) {
	t.Helper()
	var apiErr *apiclient.APIError
	require.ErrorAs(t, err, &apiErr)
	require.Contains(t, apiErr.Message, msg)
}

// sentFields returns the parameters of a recorded request other than the
// credentials and the output format.
func sentFields(r fakeserver.Request) []string {
	var out []string
	for k := range r.Form {
		switch k {
		case "user_id", "user_password", "user_api_key", "API", "account_id", "type", "output":
			continue
		}
		out = append(out, k)
	}
	return out
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
