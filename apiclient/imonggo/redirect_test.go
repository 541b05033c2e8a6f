package imonggo_test

import (
	"encoding/base64"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient/imonggo"
)

// A redirect is never followed, whoever built the HTTP client: the token
// travels in every request's Authorization header.
func TestRedirectIsNeverFollowed(t *testing.T) {
	const token = "0123456789abcdef0123456789abcdef01234567"
	var reached atomic.Int32
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reached.Add(1)
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(target.Close)
	for _, code := range []int{302, 307, 308} {
		origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, target.URL+"/api/customers.xml?t="+token, code)
		}))
		t.Cleanup(origin.Close)
		for _, hc := range []*http.Client{{}, nil} {
			c, err := imonggo.New(imonggo.Options{BaseURL: origin.URL + "/api/", Token: token, Account: "demo", HTTPClient: hc})
			require.NoError(t, err)
			_, err = c.Count(ctx(t), imonggo.Filter{})
			require.Zero(t, reached.Load(), "HTTP %d: the redirect target got a request", code)
			var re *imonggo.RedirectError
			require.True(t, errors.As(err, &re), "HTTP %d: %v", code, err)
			msg := err.Error()
			require.Contains(t, msg, "the server at "+origin.URL+"/api/ redirected to "+target.URL+"/api/customers.xml")
			require.Contains(t, msg, "check the URL in the profile")
			require.NotContains(t, msg, token)
			require.NotContains(t, strings.ToLower(msg), strings.ToLower(base64.StdEncoding.EncodeToString([]byte(token+":X"))))
		}
	}
}
