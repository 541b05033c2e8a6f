package imonggo

import (
	"fmt"
	"net/http"

	"loyaltydesk/apiclient/internal/safetext"
)

// refuseRedirects returns a copy of hc that hands a redirect back instead of
// following it, whoever built hc: the token is in every request, and the
// API answers at one root, so a redirect means a wrong URL.
func refuseRedirects(hc *http.Client) *http.Client {
	c := *hc
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &c
}

// RedirectError is an answer that pointed elsewhere; nothing was sent there.
type RedirectError struct {
	Op   string
	From string
	To   string // sanitised, token blanked out
}

func (e *RedirectError) Error() string {
	return fmt.Sprintf("%s: the server at %s redirected to %s: check the URL in the profile", e.Op, e.From, e.To)
}

func (c *Client) redirectError(op string, resp *http.Response) error {
	to := "another address"
	if loc, err := resp.Location(); err == nil {
		to = safetext.URL(loc, []string{c.token})
	}
	return &RedirectError{Op: op, From: c.base.String(), To: to}
}
