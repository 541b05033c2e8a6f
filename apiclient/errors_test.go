package apiclient

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func errorBody(msg string) string {
	return `<response status="error"><error>` + msg + `</error></response>`
}

func TestAPIErrorSentinels(t *testing.T) {
	for _, format := range formats {
		for msg, sentinel := range map[string]error{
			MsgCustomerNotFound:  ErrNotFound,
			MsgMultipleCardMatch: ErrAmbiguousCard,
			MsgAuthFailed:        ErrUnauthenticated,
		} {
			c, _ := clientFor(t, format, errorBody(msg))
			_, err := c.CustomerInfo(context.Background(), CustomerQuery{Code: "1"})
			assert.ErrorIs(t, err, sentinel, "%s %q", format, msg)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, "customer info: "+msg, err.Error())
		}
	}
}

// lookupServer answers customer_info and customer_search as a test
// describes: refusals in a wording nobody published, so the client has to
// decide from the answers' structure.
func lookupServer(t *testing.T, cardErr string, holders []string, codes map[string]string) *fakeAPI {
	return serveFunc(t, func(w http.ResponseWriter, r *http.Request) {
		f := r.PostForm
		switch {
		case f.Get("type") == "customer_info" && f.Get("card_number") != "":
			fmt.Fprint(w, errorBody(cardErr))
		case f.Get("type") == "customer_info":
			if name, ok := codes[f.Get("code")]; ok {
				fmt.Fprintf(w, `<response status="success"><customer><code>%s</code><first_name>%s</first_name></customer></response>`, f.Get("code"), name)
				return
			}
			fmt.Fprint(w, errorBody("Record unavailable"))
		case f.Get("type") == "customer_search" && holders == nil:
			fmt.Fprint(w, errorBody("Invalid type"))
		case f.Get("type") == "customer_search":
			fmt.Fprint(w, `<response status="success"><customers>`)
			for i, h := range holders {
				fmt.Fprintf(w, `<customer><code>c%d</code><first_name>%s</first_name><card_number>%s</card_number></customer>`, i, h, f.Get("card_number"))
			}
			fmt.Fprint(w, `</customers></response>`)
		default:
			t.Errorf("unexpected call %q", f.Get("type"))
		}
	})
}

func TestLookupCustomerDecidesFromStructure(t *testing.T) {
	ctx := context.Background()
	t.Run("card unknown, code known", func(t *testing.T) {
		api := lookupServer(t, "No such record", []string{}, map[string]string{"42": "Ana"})
		cust, err := newClient(t, api.URL, XML).LookupCustomer(ctx, " 42\n")
		require.NoError(t, err)
		assert.Equal(t, "Ana", cust.FirstName)
		assert.Equal(t, []string{"customer_info", "customer_search", "customer_info"}, api.types())
		assert.Equal(t, "insensitive", api.forms[1].Get("exact_match"))
		assert.Equal(t, "42", api.forms[1].Get("card_number"))
	})
	t.Run("shared card gives the pick list", func(t *testing.T) {
		api := lookupServer(t, "Duplicate records", []string{"Mere", "Hemi"}, nil)
		_, err := newClient(t, api.URL, XML).LookupCustomer(ctx, "55555555")
		assert.ErrorIs(t, err, ErrAmbiguousCard)
		var amb *AmbiguousCardError
		require.ErrorAs(t, err, &amb)
		assert.Equal(t, "55555555", amb.Card)
		assert.Equal(t, []string{"Mere", "Hemi"}, []string{amb.Customers[0].FirstName, amb.Customers[1].FirstName})
		assert.False(t, errors.Is(err, ErrNotFound))
	})
	t.Run("nobody holds it: not found whatever the wording", func(t *testing.T) {
		api := lookupServer(t, "Nope", []string{}, nil)
		_, err := newClient(t, api.URL, XML).LookupCustomer(ctx, "31415926")
		assert.ErrorIs(t, err, ErrNotFound)
		var apiErr *APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, "Record unavailable", apiErr.Message, "the server's own words are kept")
	})
	t.Run("one holder the card call refused: read by code", func(t *testing.T) {
		api := lookupServer(t, "Temporarily unavailable", []string{"Solo"}, map[string]string{"c0": "Solo"})
		cust, err := newClient(t, api.URL, XML).LookupCustomer(ctx, "777")
		require.NoError(t, err)
		assert.Equal(t, "c0", cust.Code)
	})
	t.Run("no search on this service: the refusal stays undecided", func(t *testing.T) {
		api := lookupServer(t, "Something odd", nil, nil)
		_, err := newClient(t, api.URL, XML).LookupCustomer(ctx, "31415926")
		var apiErr *APIError
		require.ErrorAs(t, err, &apiErr)
		assert.False(t, errors.Is(err, ErrNotFound), "without a search the client cannot tell")
		assert.False(t, errors.Is(err, ErrAmbiguousCard))
	})
	t.Run("credentials refused: nothing more is asked", func(t *testing.T) {
		api := lookupServer(t, MsgAuthFailed, []string{}, nil)
		_, err := newClient(t, api.URL, XML).LookupCustomer(ctx, "1")
		assert.ErrorIs(t, err, ErrUnauthenticated)
		assert.Equal(t, 1, api.calls())
	})
}

// Every wording in the table classifies its own kind only, in any case.
func TestErrorTextsTable(t *testing.T) {
	kinds := []error{ErrNotFound, ErrAmbiguousCard, ErrUnauthenticated}
	for _, row := range errorTexts {
		assert.NotEmpty(t, row.source, row.phrase)
		err := &APIError{Op: "x", Message: "Error: " + strings.ToUpper(row.phrase) + "."}
		for _, k := range kinds {
			assert.Equal(t, k == row.kind, errors.Is(err, k), "%q as %v", row.phrase, k)
		}
	}
	assert.False(t, errors.Is(&APIError{Message: "Error message"}, ErrNotFound), "the seed pages' placeholder means nothing")
}

const htmlErrorPage = `<!DOCTYPE html><html><head><title>502 Bad Gateway</title>
<style>body { color: red; }</style><script>var token = "abc";</script></head>
<body><h1>Bad   Gateway</h1><p>The proxy got an invalid response &amp; gave up.</p>` +
	`<p>%s</p></body></html>`

func TestHTTPErrorWithHTMLPage(t *testing.T) {
	long := strings.Repeat("Lorem ipsum dolor sit amet. ", 40)
	for _, format := range formats {
		api := serve(t, http.StatusBadGateway, fmt.Sprintf(htmlErrorPage, long))
		c := newClient(t, api.URL, format)
		_, err := c.AccountInfo(context.Background())
		var httpErr *HTTPError
		require.ErrorAs(t, err, &httpErr)
		assert.Equal(t, http.StatusBadGateway, httpErr.StatusCode)
		assert.True(t, strings.HasPrefix(httpErr.Excerpt, "502 Bad Gateway Bad Gateway The proxy got an invalid response & gave up."), httpErr.Excerpt)
		assert.LessOrEqual(t, utf8.RuneCountInString(httpErr.Excerpt), excerptMax+1)
		assert.NotContains(t, httpErr.Excerpt, "<")
		assert.NotContains(t, httpErr.Excerpt, "color")
		assert.NotContains(t, httpErr.Excerpt, "token")
		assert.NotContains(t, httpErr.Excerpt, "\n")
		assert.Contains(t, err.Error(), "account info: server answered HTTP 502: ")
	}
}

// A 5xx that carries a proper API error answer reports its message.
func TestHTTPErrorWithAPIErrorBody(t *testing.T) {
	for _, format := range formats {
		api := serve(t, http.StatusInternalServerError, errorBody(MsgAuthFailed))
		c := newClient(t, api.URL, format)
		_, err := c.Campaigns(context.Background())
		assert.ErrorIs(t, err, ErrUnauthenticated)
	}
}

func TestHTTPErrorWithEmptyBody(t *testing.T) {
	api := serve(t, http.StatusServiceUnavailable, "")
	_, err := newClient(t, api.URL, XML).Campaigns(context.Background())
	var httpErr *HTTPError
	require.ErrorAs(t, err, &httpErr)
	assert.Equal(t, "campaigns: server answered HTTP 503", err.Error())
}

func TestDecodeErrors(t *testing.T) {
	for name, tc := range map[string]struct {
		format Format
		body   string
		detail string
	}{
		"truncated XML":  {XML, `<response status="success"><account><account_id>te`, "XML ends inside <account_id>"},
		"cut in a tag":   {XML, `<response status="success"><account><account_`, "unexpected EOF"},
		"empty XML":      {XML, ``, "no XML element"},
		"not XML":        {XML, `{"status":"success"}`, "no XML element"},
		"other root":     {XML, `<html><body>hi</body></html>`, "expected <response>, got <html>"},
		"unknown status": {XML, `<response status="maybe"></response>`, `unknown status "maybe"`},
		"truncated JSON": {JSON, `{"status":"success","account":{"account_id":"te`, "JSON ends before the response is complete"},
		"not JSON":       {JSON, `<html>oops</html>`, "malformed JSON"},
		"JSON array":     {JSON, `[1,2]`, "not an object"},
		"JSON no status": {JSON, `{"account":{}}`, `unknown status ""`},
	} {
		t.Run(name, func(t *testing.T) {
			c, _ := clientFor(t, tc.format, tc.body)
			_, err := c.AccountInfo(context.Background())
			var de *DecodeError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, tc.format, de.Format)
			assert.Contains(t, de.Detail, tc.detail)
			assert.Contains(t, err.Error(), "unreadable "+tc.format.String()+" response")
		})
	}
}

// A report cut half-way is a DecodeError after the customers that came
// whole, which the caller keeps.
func TestTruncatedReport(t *testing.T) {
	full := benchReportXML(50)
	cut := string(full[:len(full)/2])
	for _, format := range formats {
		t.Run(format.String(), func(t *testing.T) {
			body := cut
			if format == JSON {
				body = string(benchReportJSON(t, full))
				body = body[:len(body)/2]
			}
			api := serveFunc(t, func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, body) })
			got, err := reportAll(newClient(t, api.URL, format), ReportFilter{})
			var de *DecodeError
			require.ErrorAs(t, err, &de)
			assert.Greater(t, len(got), 15)
			assert.Less(t, len(got), 50)
			for i, cust := range got {
				assert.NotEmpty(t, cust.CardNumber, "customer %d", i)
			}
		})
	}
}

// The caller's own error stops the stream and comes back unchanged.
func TestReportCallerError(t *testing.T) {
	stop := errors.New("enough")
	c, _ := clientFor(t, XML, string(benchReportXML(20)))
	n := 0
	err := c.CustomersReport(context.Background(), ReportFilter{}, func(Customer) error {
		n++
		if n == 3 {
			return stop
		}
		return nil
	})
	assert.Same(t, stop, err)
	assert.Equal(t, 3, n)
}

// hang answers nothing until the test ends.
func hang(t *testing.T) *fakeAPI {
	done := make(chan struct{})
	api := serveFunc(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-done:
		case <-r.Context().Done():
		}
	})
	t.Cleanup(func() { close(done) })
	return api
}

func TestTransportErrorOnDeadline(t *testing.T) {
	api := hang(t)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := newClient(t, api.URL, XML).AccountInfo(ctx)
	var te *TransportError
	require.ErrorAs(t, err, &te)
	assert.True(t, te.Timeout)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Equal(t, "account info: the server did not answer in time", err.Error())
}

func TestTransportErrorOnClientTimeout(t *testing.T) {
	api := hang(t)
	c, err := New(Options{BaseURL: api.URL, HTTPClient: &http.Client{Timeout: 50 * time.Millisecond}})
	require.NoError(t, err)
	_, err = c.AccountInfo(context.Background())
	var te *TransportError
	require.ErrorAs(t, err, &te)
	assert.True(t, te.Timeout)
}

func TestOptionsTimeoutBoundsEachCall(t *testing.T) {
	api := hang(t)
	c, err := New(Options{BaseURL: api.URL, Timeout: 50 * time.Millisecond})
	require.NoError(t, err)
	_, err = c.AccountInfo(context.Background())
	var te *TransportError
	require.ErrorAs(t, err, &te)
	assert.True(t, te.Timeout)
}

func TestTransportErrorOnCancel(t *testing.T) {
	api := hang(t)
	ctx, cancel := context.WithCancel(context.Background())
	errs := make(chan error, 1)
	go func() {
		_, err := newClient(t, api.URL, XML).AccountInfo(ctx)
		errs <- err
	}()
	require.Eventually(t, func() bool { return api.calls() == 1 }, 5*time.Second, 5*time.Millisecond)
	cancel()
	err := <-errs
	var te *TransportError
	require.ErrorAs(t, err, &te)
	assert.False(t, te.Timeout)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestTransportErrorOnRefusedConnection(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	_, err = newClient(t, "http://"+addr, XML).AccountInfo(context.Background())
	var te *TransportError
	require.ErrorAs(t, err, &te)
	assert.False(t, te.Timeout)
	assert.NotContains(t, err.Error(), demoPassword)
}

// stallAfter writes part of a report, flushes it, then waits for the test
// to end: the customers before the stall arrive, then the deadline hits.
func stallAfter(t *testing.T, part []byte) *fakeAPI {
	done := make(chan struct{})
	t.Cleanup(func() { close(done) })
	return serveFunc(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write(part)
		w.(http.Flusher).Flush()
		select {
		case <-done:
		case <-r.Context().Done():
		}
	})
}

func TestReportStalledMidwayTimesOut(t *testing.T) {
	full := benchReportXML(40)
	for _, format := range formats {
		t.Run(format.String(), func(t *testing.T) {
			body := full
			if format == JSON {
				body = benchReportJSON(t, full)
			}
			api := stallAfter(t, body[:len(body)/2])
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var got []Customer
			err := newClient(t, api.URL, format).CustomersReport(ctx, ReportFilter{}, func(c Customer) error {
				got = append(got, c)
				if len(got) == 10 {
					cancel() // the customers already here are handed over before the cut
				}
				return nil
			})
			var te *TransportError
			require.ErrorAs(t, err, &te, "a body that stops coming is not a decode error")
			assert.ErrorIs(t, err, context.Canceled)
			assert.GreaterOrEqual(t, len(got), 10)
		})
	}
}

func TestReportBodyDeadline(t *testing.T) {
	full := benchReportXML(40)
	api := stallAfter(t, full[:len(full)/2])
	c, err := New(Options{BaseURL: api.URL, HTTPClient: &http.Client{Timeout: 100 * time.Millisecond}})
	require.NoError(t, err)
	n := 0
	err = c.CustomersReport(context.Background(), ReportFilter{}, func(Customer) error { n++; return nil })
	var te *TransportError
	require.ErrorAs(t, err, &te)
	assert.True(t, te.Timeout, "%v", err)
	assert.Positive(t, n)
}

// A connection dropped half-way through the body is a transport error.
func TestReportConnectionDropped(t *testing.T) {
	full := benchReportXML(40)
	api := serveFunc(t, func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n", len(full))
		_, _ = buf.Write(full[:len(full)/2])
		_ = buf.Flush()
		_ = conn.Close()
	})
	n := 0
	err := newClient(t, api.URL, XML).CustomersReport(context.Background(), ReportFilter{}, func(Customer) error { n++; return nil })
	var te *TransportError
	require.ErrorAs(t, err, &te)
	assert.False(t, te.Timeout)
	assert.Positive(t, n)
}

func TestDroppedConnectionIsWordedPlainly(t *testing.T) {
	err := &TransportError{Op: "save customer", Err: io.ErrUnexpectedEOF}
	require.True(t, err.Dropped())
	require.Equal(t, "save customer: the server closed the connection without a complete answer (the request may have been carried out)", err.Error())
	require.False(t, (&TransportError{Op: "x", Err: errors.New("connection refused")}).Dropped())
}

func TestMaybeApplied(t *testing.T) {
	cases := []struct {
		err  error
		want bool
	}{
		{nil, false},
		{&APIError{Op: "save", Message: MsgCustomerNotFound}, false},
		{&ValidationError{Field: "email", Problem: "not an email"}, false},
		{&HTTPError{Op: "save", StatusCode: 403}, false},
		{&HTTPError{Op: "save", StatusCode: 502}, true},
		{&TransportError{Op: "save", Timeout: true, Err: context.DeadlineExceeded}, true},
		{&TransportError{Op: "save", Err: io.ErrUnexpectedEOF}, true},
		{&DecodeError{Op: "save", Detail: "truncated"}, true},
		{fmt.Errorf("chunk 3: %w", &APIError{Op: "batch", Message: "bad row"}), false},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, MaybeApplied(c.err), "%v", c.err)
	}
}

// A refusal in the known words needs no search: card, then code.
func TestLookupCustomerKnownNotFoundSkipsTheSearch(t *testing.T) {
	api := serveFunc(t, func(w http.ResponseWriter, r *http.Request) {
		if r.PostForm.Get("code") == "42" {
			fmt.Fprint(w, `<response status="success"><customer><code>42</code><first_name>Ana</first_name></customer></response>`)
			return
		}
		fmt.Fprint(w, errorBody(MsgCustomerNotFound))
	})
	cust, err := newClient(t, api.URL, XML).LookupCustomer(context.Background(), "42")
	require.NoError(t, err)
	assert.Equal(t, "Ana", cust.FirstName)
	assert.Equal(t, []string{"customer_info", "customer_info"}, api.types())
}
