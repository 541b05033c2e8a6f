package apiclient

import (
	"errors"
	"net/url"

	"loyaltydesk/apiclient/internal/safetext"
)

// secretFields are the form fields whose values never appear in an error.
var secretFields = []string{
	"user_password", "user_api_key", "new_account_password", "customer_password",
	"customer_PIN", "mailchimp_password", "sms_password",
}

// maxRetired bounds how many earlier API keys are remembered.
const maxRetired = 4

// secrets returns the credentials an error of this call must not show: the
// API key in use and earlier ones, and the form's secret fields.
func (c *Client) secrets(form url.Values) []string {
	c.mu.RLock()
	out := append([]string{c.creds.Password}, c.retired...)
	c.mu.RUnlock()
	for _, k := range secretFields {
		out = append(out, form[k]...)
	}
	return out
}

// redact blanks secrets out of the server-supplied parts of the client's
// errors. Errors of the caller's own callback are returned as they are.
func redact(err error, secrets []string) error {
	switch e := err.(type) {
	case *APIError:
		e.Message = safetext.Redact(e.Message, secrets)
	case *DecodeError:
		e.Detail = safetext.Redact(e.Detail, secrets)
	case *HTTPError:
		e.Excerpt = safetext.Redact(e.Excerpt, secrets)
	case *RedirectError:
		e.To = safetext.Redact(e.To, secrets)
	case *TransportError:
		if msg := e.Err.Error(); safetext.Redact(msg, secrets) != msg {
			e.Err = errors.New(safetext.Redact(msg, secrets))
		}
	}
	return err
}
