package apiclient

import (
	"net/http"

	"loyaltydesk/apiclient/internal/nofollow"
	"loyaltydesk/apiclient/internal/safetext"
)

// RedirectError is an answer that pointed elsewhere; nothing was sent there.
type RedirectError struct {
	Op   string
	From string // the profile's URL
	To   string // the Location, sanitised and redacted
}

func (e *RedirectError) Error() string { return nofollow.Message(e.Op, e.From, e.To) }

func redirectError(op, from string, resp *http.Response, secrets []string) error {
	return &RedirectError{Op: op, From: from, To: nofollow.Target(resp, secrets)}
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
