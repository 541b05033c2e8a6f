package apiclient

import (
	"fmt"
	"net/http"

	"loyaltydesk/apiclient/internal/safetext"
)

// refuseRedirects returns a copy of hc that hands back a redirect instead of
// following it: every call's form carries the API key, and a 307 or 308
// would post it to whatever host or scheme the answer names. The service
// answers at one URL, so a redirect always means a wrong URL in the profile.
func refuseRedirects(hc *http.Client) *http.Client {
	c := *hc
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &c
}

func isRedirect(status int) bool { return status >= 300 && status <= 399 }

// RedirectError is an answer that pointed elsewhere; nothing was sent there.
type RedirectError struct {
	Op   string
	From string // the profile's URL
	To   string // the Location, sanitised and redacted
}

func (e *RedirectError) Error() string {
	return fmt.Sprintf("%s: the server at %s redirected to %s: check the URL in the profile", e.Op, e.From, e.To)
}

func redirectError(op, from string, resp *http.Response, secrets []string) error {
	to := "another address"
	if loc, err := resp.Location(); err == nil {
		to = safetext.URL(loc, secrets)
	} else if raw := resp.Header.Get("Location"); raw != "" {
		to = safetext.Excerpt([]byte(raw), secrets)
	}
	return &RedirectError{Op: op, From: from, To: to}
}

// cleanedError keeps an error for errors.Is and errors.As but shows a
// printable excerpt of its text: net/http quotes a malformed header line of
// the answer, escape sequences and all, in its own errors.
type cleanedError struct {
	err error
	msg string
}

func (e *cleanedError) Error() string { return e.msg }
func (e *cleanedError) Unwrap() error { return e.err }

func cleanTransportText(err error) error {
	msg := err.Error()
	clean := safetext.Excerpt([]byte(msg), nil)
	if clean == msg {
		return err
	}
	return &cleanedError{err: err, msg: clean}
}
