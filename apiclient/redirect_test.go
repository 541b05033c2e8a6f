package apiclient

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// A redirect is never followed: the form carries the API key, and a 307 or
// 308 would send it on to whatever host the answer names.
func TestRedirectIsNeverFollowed(t *testing.T) {
	for _, code := range []int{301, 302, 303, 307, 308} {
		target := serve(t, http.StatusOK, sample(t, "003_account_info.xml"))
		origin := serveFunc(t, func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, target.URL+"/collect?k="+demoPassword, code)
		})
		c := newClient(t, origin.URL, XML)
		_, err := c.CustomerInfo(context.Background(), CustomerQuery{CardNumber: "11111111"})

		require.Zero(t, target.calls(), "HTTP %d: the redirect target got a request", code)
		var re *RedirectError
		require.True(t, errors.As(err, &re), "HTTP %d: %v", code, err)
		msg := err.Error()
		require.Contains(t, msg, "the server at "+origin.URL+" redirected to "+target.URL, "HTTP %d", code)
		require.Contains(t, msg, "check the URL in the profile")
		require.NotContains(t, msg, demoPassword)
		require.False(t, MaybeApplied(err), "a redirect carried nothing out")
	}
}

func TestRedirectHeaderIsSanitised(t *testing.T) {
	origin := serveFunc(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "http://evil.example/%1b[2J\u202e"+strings.Repeat("a", 500))
		w.WriteHeader(http.StatusTemporaryRedirect)
	})
	_, err := newClient(t, origin.URL, JSON).CustomerInfo(context.Background(), CustomerQuery{CardNumber: "1"})
	require.Error(t, err)
	require.NotContains(t, err.Error(), "\x1b")
	require.NotContains(t, err.Error(), "\u202e")
	require.Less(t, len(err.Error()), 400, err.Error())
}

func TestMalformedHeaderErrorIsPrintableAndShort(t *testing.T) {
	origin := serveFunc(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Junk", "\x1b]0;owned\x07"+strings.Repeat("b", 2000))
		w.WriteHeader(http.StatusOK)
	})
	_, err := newClient(t, origin.URL, XML).CustomerInfo(context.Background(), CustomerQuery{CardNumber: "1"})
	require.Error(t, err)
	require.NotContains(t, err.Error(), "\x1b")
	require.Less(t, len(err.Error()), 400, err.Error())
}
