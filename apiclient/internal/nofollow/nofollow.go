// Package nofollow keeps the API clients from following redirects. Each
// request carries a credential (the loyalty form's API key, the Imonggo
// token in the Authorization header); a 307 or 308 would send it on to
// whatever host or scheme the answer names, and the services answer at one
// root, so a redirect always means a wrong URL in the profile.
package nofollow

import (
	"fmt"
	"net/http"

	"loyaltydesk/apiclient/internal/safetext"
)

// Client returns a copy of hc that hands a redirect back as the answer
// instead of following it, whoever built hc.
func Client(hc *http.Client) *http.Client {
	c := *hc
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &c
}

// IsRedirect reports a 3xx status.
func IsRedirect(status int) bool { return status >= 300 && status <= 399 }

// Target is where resp pointed, fit for a message: scheme, host and path,
// printable, secrets blanked out.
func Target(resp *http.Response, secrets []string) string {
	if loc, err := resp.Location(); err == nil {
		return safetext.URL(loc, secrets)
	}
	if raw := resp.Header.Get("Location"); raw != "" {
		return safetext.Excerpt([]byte(raw), secrets)
	}
	return "another address"
}

// Message is the error text of a redirect of the call op.
func Message(op, from, to string) string {
	return fmt.Sprintf("%s: the server at %s redirected to %s: check the URL in the profile", op, from, to)
}
