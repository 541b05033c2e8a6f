package apiclient

import (
	"errors"
	"fmt"
	"io"
	"syscall"
)

// APIError is the server's answer status="error", with its message.
type APIError struct {
	Op      string
	Message string
	// kind is set when the client worked out the meaning from the
	// answers' structure rather than from the wording (conventions.go).
	kind error
}

func (e *APIError) Error() string { return e.Op + ": " + e.Message }

// Messages of the fake server that the client tells apart (api-reference.md
// ⚑); errorTexts in conventions.go says where each comes from.
const (
	MsgCustomerNotFound   = "Customer not found"
	MsgMultipleCardMatch  = "Multiple customers match this card number"
	MsgAuthFailed         = "Invalid user_id, user_password or account_id"
	MsgLastWithCampaigns  = "The last parameter cannot be used with selected_campaigns"
	MsgCampaignNotFound   = "Campaign not found"
	MsgCustomFieldInvalid = "does not match the type of custom field"
)

// Sentinel errors, matched with errors.Is against an *APIError.
var (
	ErrNotFound        = errors.New("customer not found")
	ErrAmbiguousCard   = errors.New("card number matches several customers")
	ErrUnauthenticated = errors.New("credentials refused")
)

// Is lets errors.Is classify a server message.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrNotFound, ErrAmbiguousCard, ErrUnauthenticated:
		return e.kind == target || e.kind == nil && classify(e.Message, target)
	}
	return false
}

// HTTPError is a response whose HTTP status was not 2xx.
type HTTPError struct {
	Op         string
	StatusCode int
	// Excerpt is a short, printable piece of a body that was not an API
	// response (an HTML error page, say).
	Excerpt string
}

func (e *HTTPError) Error() string {
	msg := fmt.Sprintf("%s: server answered HTTP %d", e.Op, e.StatusCode)
	if e.Excerpt != "" {
		msg += ": " + e.Excerpt
	}
	return msg
}

// DecodeError is a response that could not be read.
type DecodeError struct {
	Op     string
	Format Format
	Detail string
}

func (e *DecodeError) Error() string {
	return fmt.Sprintf("%s: unreadable %s response: %s", e.Op, e.Format, e.Detail)
}

// TransportError is a request that did not get an answer (refused,
// dropped, timed out). It never carries the request body.
type TransportError struct {
	Op      string
	Timeout bool
	Err     error
}

func (e *TransportError) Error() string {
	switch {
	case e.Timeout:
		return e.Op + ": the server did not answer in time"
	case e.Dropped():
		return e.Op + ": the server closed the connection without a complete answer (the request may have been carried out)"
	}
	return e.Op + ": " + e.Err.Error()
}

// Dropped reports a connection that closed before the answer was whole:
// the server may or may not have done what was asked.
func (e *TransportError) Dropped() bool {
	return errors.Is(e.Err, io.EOF) || errors.Is(e.Err, io.ErrUnexpectedEOF) || errors.Is(e.Err, syscall.ECONNRESET)
}

func (e *TransportError) Unwrap() error { return e.Err }

// ValidationError is a request refused by the client before sending.
type ValidationError struct {
	Field   string
	Problem string
}

func (e *ValidationError) Error() string {
	if e.Field == "" {
		return e.Problem
	}
	return e.Field + ": " + e.Problem
}

// MaybeApplied reports whether a failed call may still have been carried
// out: no answer came (a timeout, a dropped connection), or the answer was
// a server error or could not be read. A refusal, by the server (an API
// error, an HTTP 4xx) or by the client (a ValidationError), changed nothing.
func MaybeApplied(err error) bool {
	var apiErr *APIError
	var vErr *ValidationError
	var httpErr *HTTPError
	var redirErr *RedirectError
	switch {
	case err == nil, errors.As(err, &apiErr), errors.As(err, &vErr), errors.As(err, &redirErr):
		return false
	case errors.As(err, &httpErr):
		return httpErr.StatusCode >= 500
	}
	return true
}

func invalid(field, format string, args ...any) error {
	return &ValidationError{Field: field, Problem: fmt.Sprintf(format, args...)}
}
