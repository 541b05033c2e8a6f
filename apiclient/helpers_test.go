package apiclient

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient/wire"
)

const (
	demoUser     = "john1970"
	demoPassword = "1959caadac9b13dcb3"
	demoAccount  = "greatwidgets"
)

var formats = []Format{XML, JSON}

// sample returns one of the seed pages' XML responses.
func sample(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "samples", name))
	require.NoError(t, err)
	return string(b)
}

// fakeAPI answers every call with one body and records the forms it got.
type fakeAPI struct {
	*httptest.Server
	mu    sync.Mutex
	forms []url.Values
}

// serve answers with status and an XML body; a request for output=JSON gets
// the same tree through wire.WriteJSON. A body that is not an XML
// <response> (an HTML page, say) is sent as it is.
func serve(t *testing.T, status int, body string) *fakeAPI {
	t.Helper()
	api := &fakeAPI{}
	api.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		api.record(t, r)
		w.WriteHeader(status)
		_, _ = w.Write(inFormat(r.PostForm.Get("output"), body))
	}))
	t.Cleanup(api.Close)
	return api
}

// serveFunc lets a test write the answer itself.
func serveFunc(t *testing.T, h http.HandlerFunc) *fakeAPI {
	t.Helper()
	api := &fakeAPI{}
	api.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		api.record(t, r)
		h(w, r)
	}))
	t.Cleanup(api.Close)
	return api
}

func (a *fakeAPI) record(t *testing.T, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.RawQuery != "" {
		t.Errorf("got %s %s: every call must be a POST with the form in the body", r.Method, r.URL)
	}
	if err := r.ParseForm(); err != nil {
		t.Errorf("parse form: %v", err)
	}
	a.mu.Lock()
	a.forms = append(a.forms, r.PostForm)
	a.mu.Unlock()
}

func (a *fakeAPI) calls() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.forms)
}

// types lists the calls received, by type.
func (a *fakeAPI) types() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	out := make([]string, len(a.forms))
	for i, f := range a.forms {
		out[i] = f.Get("type")
	}
	return out
}

func (a *fakeAPI) lastForm(t *testing.T) url.Values {
	t.Helper()
	a.mu.Lock()
	defer a.mu.Unlock()
	require.NotEmpty(t, a.forms, "no request reached the server")
	return a.forms[len(a.forms)-1]
}

func inFormat(output, body string) []byte {
	if output != "JSON" {
		return []byte(body)
	}
	tree, err := wire.DecodeXML(strings.NewReader(body))
	if err != nil || tree.Name != "response" {
		return []byte(body)
	}
	var b bytes.Buffer
	if err := tree.WriteJSON(&b, false); err != nil {
		return []byte(body)
	}
	return b.Bytes()
}

func newClient(t *testing.T, baseURL string, format Format) *Client {
	t.Helper()
	c, err := New(Options{
		BaseURL: baseURL, Format: format,
		Credentials: Credentials{UserID: demoUser, Password: demoPassword, AccountID: demoAccount},
	})
	require.NoError(t, err)
	return c
}

// clientFor serves body and returns a client of that server.
func clientFor(t *testing.T, format Format, body string) (*Client, *fakeAPI) {
	t.Helper()
	api := serve(t, http.StatusOK, body)
	return newClient(t, api.URL, format), api
}

// reportAll collects a customers report.
func reportAll(c *Client, f ReportFilter) ([]Customer, error) {
	var got []Customer
	err := c.CustomersReport(context.Background(), f, func(cust Customer) error {
		got = append(got, cust)
		return nil
	})
	return got, err
}
