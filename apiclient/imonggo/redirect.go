package imonggo

import (
	"net/http"

	"loyaltydesk/apiclient/internal/nofollow"
)

// RedirectError is an answer that pointed elsewhere; nothing was sent there.
type RedirectError struct {
	Op   string
	From string
	To   string // sanitised, token blanked out
}

func (e *RedirectError) Error() string { return nofollow.Message(e.Op, e.From, e.To) }

func (c *Client) redirectError(op string, resp *http.Response) error {
	return &RedirectError{Op: op, From: c.base.String(), To: nofollow.Target(resp, []string{c.token})}
}
