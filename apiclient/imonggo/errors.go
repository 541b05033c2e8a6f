package imonggo

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors, matched with errors.Is.
var (
	// ErrNotFound is a 404 on one customer: no customer has that id.
	ErrNotFound = errors.New("no Imonggo customer has that id")
	// ErrUnauthorized is a 401: the API token was refused.
	ErrUnauthorized = errors.New("Imonggo refused the API token")
)

// opError puts the operation in front of a sentinel.
type opError struct {
	Op  string
	Err error
}

func (e *opError) Error() string { return e.Op + ": " + e.Err.Error() }
func (e *opError) Unwrap() error { return e.Err }

// ValidationError is a 422: the service refused the record. Messages are
// the service's own, one per problem (may be empty).
type ValidationError struct {
	Op       string
	Messages []string
}

func (e *ValidationError) Error() string {
	if len(e.Messages) == 0 {
		return e.Op + ": Imonggo refused the customer (HTTP 422) without saying why"
	}
	return e.Op + ": Imonggo refused the customer: " + strings.Join(e.Messages, "; ")
}

// ServerError is a 5xx. The document says malformed request XML gets a 500.
type ServerError struct {
	Op         string
	StatusCode int
	// Excerpt is a short printable piece of the body, token blanked out.
	Excerpt string
}

func (e *ServerError) Error() string {
	return withExcerpt(fmt.Sprintf("%s: Imonggo failed (HTTP %d)", e.Op, e.StatusCode), e.Excerpt)
}

// HTTPError is any other status that is not 2xx.
type HTTPError struct {
	Op         string
	StatusCode int
	Excerpt    string
}

func (e *HTTPError) Error() string {
	return withExcerpt(fmt.Sprintf("%s: Imonggo answered HTTP %d", e.Op, e.StatusCode), e.Excerpt)
}

func withExcerpt(msg, excerpt string) string {
	if excerpt == "" {
		return msg
	}
	return msg + ": " + excerpt
}

// DecodeError is a 2xx answer that could not be read.
type DecodeError struct {
	Op     string
	Detail string
}

func (e *DecodeError) Error() string { return e.Op + ": unreadable answer: " + e.Detail }

// TransportError is a request that got no answer (refused, dropped, timed out).
type TransportError struct {
	Op      string
	Timeout bool
	Err     error
}

func (e *TransportError) Error() string {
	if e.Timeout {
		return e.Op + ": Imonggo did not answer in time"
	}
	return e.Op + ": " + e.Err.Error()
}

func (e *TransportError) Unwrap() error { return e.Err }

// ArgumentError is a request refused by the client before it was sent.
type ArgumentError struct {
	Field   string
	Problem string
}

func (e *ArgumentError) Error() string { return e.Field + ": " + e.Problem }

func badArg(field, format string, args ...any) error {
	return &ArgumentError{Field: field, Problem: fmt.Sprintf(format, args...)}
}
