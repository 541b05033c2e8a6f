package apiclient

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"html"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The property: whatever a server echoes, and however it quotes it, no
// credential of the call reaches an error string.

const secretAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789$&%<>\"'+/=?#;:!*()~ é"

// randomSecret has a digit (so it is never part of "[redacted]") and no
// white space at its ends (an XML text would be trimmed there).
func randomSecret(r *rand.Rand) string {
	letters := []rune(secretAlphabet)
	s := []rune{rune('0' + r.IntN(10))}
	for range 7 + r.IntN(16) {
		s = append(s, letters[r.IntN(len(letters))])
	}
	r.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
	return "k" + string(s) + "z"
}

func randomPIN(r *rand.Rand) string {
	return strconv.Itoa(1000 + r.IntN(99_999_000))
}

// quotings are the ways a server may print a secret.
func quotings(secret string) []string {
	q := url.QueryEscape(secret)
	quoted := strconv.Quote(secret)
	return []string{secret, q, strings.ToLower(q), url.PathEscape(secret), html.EscapeString(secret),
		numericEntities(secret), quoted[1 : len(quoted)-1]}
}

func numericEntities(s string) string {
	var b strings.Builder
	for _, r := range s {
		fmt.Fprintf(&b, "&#%d;", r)
	}
	return b.String()
}

func xmlText(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// echoServer answers each call as answer says, given what to echo.
type echoServer struct {
	*fakeAPI
	mu   sync.Mutex
	echo string
	kind int
}

const (
	echoAPIError = iota
	echoHTMLPage
	echoHTMLPageEntities
	echoStatusAttr
	echo5xxAPIError
	echoPlainText
	echoJSONError
	echoKinds
)

func newEchoServer(t *testing.T) *echoServer {
	s := &echoServer{}
	s.fakeAPI = serveFunc(t, func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		echo, kind := s.echo, s.kind
		s.mu.Unlock()
		status, body := echoAnswer(kind, echo)
		w.WriteHeader(status)
		_, _ = w.Write(inFormat(r.PostForm.Get("output"), body))
	})
	return s
}

func echoAnswer(kind int, echo string) (int, string) {
	switch kind {
	case echoAPIError:
		return 200, errorBody("Invalid password " + xmlText(echo) + " for john1970")
	case echoHTMLPage:
		return 502, `<html><head><title>Error</title></head><body><h1>Upstream said</h1><pre>user_password=` +
			url.QueryEscape(echo) + `&amp;password=` + html.EscapeString(echo) + "</pre><p>" + xmlText(echo) + `</p></body></html>`
	case echoHTMLPageEntities:
		return 500, `<html><body>Bad key ` + numericEntities(echo) + ` <b>` + strings.ToLower(url.QueryEscape(echo)) + `</b></body></html>`
	case echoStatusAttr:
		return 200, `<response status="` + xmlText(strings.ReplaceAll(echo, `"`, "")) + `"></response>`
	case echo5xxAPIError:
		return 503, errorBody(xmlText(echo) + " is locked")
	case echoPlainText:
		return 401, "Unauthorized: " + echo + "\n" + url.PathEscape(echo)
	default: // a JSON error body, whatever the format asked
		return 200, `{"status":"error","error":"bad key ` + strings.ReplaceAll(strconv.Quote(echo), `\`, `\\`) + `"}`
	}
}

func (s *echoServer) set(kind int, echo string) {
	s.mu.Lock()
	s.kind, s.echo = kind, echo
	s.mu.Unlock()
}

func assertNoSecret(t *testing.T, err error, secrets ...string) {
	t.Helper()
	require.Error(t, err)
	msg := err.Error()
	for _, secret := range secrets {
		for _, q := range quotings(secret) {
			if !assert.NotContains(t, msg, q, "secret %q leaked", secret) {
				return
			}
		}
	}
}

func TestNoCredentialInAnyError(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	srv := newEchoServer(t)
	ctx := context.Background()
	for i := range 150 {
		format := formats[i%2]
		password, custPassword, pin, newPassword := randomSecret(r), randomSecret(r), randomPIN(r), randomSecret(r)
		c, err := New(Options{BaseURL: srv.URL, Format: format,
			Credentials: Credentials{UserID: demoUser, Password: password, AccountID: demoAccount}})
		require.NoError(t, err)
		calls := []struct {
			echo string
			call func() error
		}{
			{password, func() error { _, err := c.AccountInfo(ctx); return err }},
			{password, func() error { _, err := c.Dashboard(ctx, DashboardRequest{CustomerCount: true}); return err }},
			{password, func() error { _, err := reportAll(c, ReportFilter{}); return err }},
			{custPassword, func() error {
				_, err := c.SaveCustomer(ctx, SaveCustomerRequest{Code: "1", Fields: map[string]string{FPassword: custPassword}})
				return err
			}},
			{pin, func() error {
				_, err := c.SaveCustomer(ctx, SaveCustomerRequest{Code: "1", Fields: map[string]string{FPIN: pin}})
				return err
			}},
			{newPassword, func() error {
				_, err := c.UpdateAccount(ctx, map[string]string{"new_account_password": newPassword})
				return err
			}},
		}
		for kind := range echoKinds {
			for _, tc := range calls {
				srv.set(kind, tc.echo)
				assertNoSecret(t, tc.call(), tc.echo)
			}
		}
		if t.Failed() {
			return
		}
	}
}

// After a password change the new token is the key, and the old one is
// still kept out of errors.
func TestNoTokenInErrorsAfterPasswordChange(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	for i := range 40 {
		format := formats[i%2]
		old, token := randomSecret(r), randomSecret(r)
		var mu sync.Mutex
		answer := `<response status="success"><new_api_token>` + xmlText(token) + `</new_api_token></response>`
		api := serveFunc(t, func(w http.ResponseWriter, req *http.Request) {
			mu.Lock()
			body := answer
			mu.Unlock()
			_, _ = w.Write(inFormat(req.PostForm.Get("output"), body))
		})
		c, err := New(Options{BaseURL: api.URL, Format: format,
			Credentials: Credentials{UserID: demoUser, Password: old, AccountID: demoAccount}})
		require.NoError(t, err)
		res, err := c.UpdateAccount(context.Background(), map[string]string{"new_account_password": "x1y2z3w4"})
		require.NoError(t, err)
		require.Equal(t, token, res.NewAPIToken)

		mu.Lock()
		answer = errorBody("token " + xmlText(token) + " replaced " + xmlText(old))
		mu.Unlock()
		_, err = c.AccountInfo(context.Background())
		assertNoSecret(t, err, token, old)
		assert.Equal(t, token, api.lastForm(t).Get("user_password"))
	}
}

// Redaction keeps the message readable and the sentinels working.
func TestRedactionKeepsMessages(t *testing.T) {
	c, _ := clientFor(t, XML, errorBody(MsgAuthFailed+": "+demoPassword))
	_, err := c.AccountInfo(context.Background())
	assert.ErrorIs(t, err, ErrUnauthenticated)
	assert.Equal(t, "account info: "+MsgAuthFailed+": [redacted]", err.Error())

	short, _ := clientFor(t, XML, errorBody("row 12 refused"))
	_, err = short.SaveCustomer(context.Background(), SaveCustomerRequest{Code: "1", Fields: map[string]string{FPIN: "12"}})
	assert.Equal(t, "save customer: row 12 refused", err.Error(), "values too short to hide anything are not blanked")
}
