package ui

import (
	"errors"
	"fmt"

	"loyaltydesk/apiclient"
)

// Describe turns an error of the API client into plain words for the
// status line or a screen, sanitised for drawing.
func Describe(err error) string {
	if err == nil {
		return ""
	}
	var (
		transport  *apiclient.TransportError
		httpErr    *apiclient.HTTPError
		apiErr     *apiclient.APIError
		decodeErr  *apiclient.DecodeError
		validation *apiclient.ValidationError
		redirect   *apiclient.RedirectError
	)
	switch {
	case errors.Is(err, apiclient.ErrUnauthenticated):
		return "Wrong user, API key or account: the server refused them. Check the profile (or run `loyaltydesk setup`)."
	case errors.As(err, &transport) && transport.Timeout:
		return "The server did not answer in time. Check the connection, then retry."
	case errors.As(err, &transport) && transport.Dropped():
		return "The connection dropped before the server's answer arrived. Check the connection, then retry."
	case errors.As(err, &transport):
		return Sanitize(fmt.Sprintf("Cannot reach the loyalty server (%v). Check the connection, then retry.", transport.Err))
	case errors.As(err, &httpErr):
		msg := fmt.Sprintf("The server had a problem (HTTP %d).", httpErr.StatusCode)
		if httpErr.Excerpt != "" {
			msg += " It said: " + httpErr.Excerpt
		}
		return Sanitize(msg)
	case errors.As(err, &apiErr):
		return Sanitize("The server refused: " + apiErr.Message)
	case errors.As(err, &decodeErr):
		return Sanitize("The server's answer could not be read (" + decodeErr.Detail + "). Retry; if it persists, tell support.")
	case errors.As(err, &validation):
		return Sanitize(validation.Error())
	case errors.As(err, &redirect):
		return Sanitize(fmt.Sprintf("The server at %s redirected to %s: check the URL in the profile.", redirect.From, redirect.To))
	}
	return Sanitize(err.Error())
}

// Offline reports whether an error means the server could not be reached.
func Offline(err error) bool {
	var transport *apiclient.TransportError
	return errors.As(err, &transport)
}
