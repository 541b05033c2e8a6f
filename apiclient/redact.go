package apiclient

import (
	"errors"
	"html"
	"net/url"
	"strconv"
	"strings"
)

// secretFields are the form fields whose values never appear in an error.
var secretFields = []string{
	"user_password", "user_api_key", "new_account_password", "customer_password",
	"customer_PIN", "mailchimp_password", "sms_password",
}

// minSecret is the shortest value redacted: blanking every "12" of a
// message would garble it and hide nothing.
const minSecret = 4

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

// redactText blanks each secret in s, also as a URL or an HTML page would
// quote it, or as Go's %q does, in any letter case (%2f and %2F alike).
func redactText(s string, secrets []string) string {
	for _, secret := range secrets {
		if len(secret) < minSecret {
			continue
		}
		quoted := strconv.Quote(secret)
		for _, form := range []string{secret, url.QueryEscape(secret), url.PathEscape(secret),
			html.EscapeString(secret), quoted[1 : len(quoted)-1]} {
			s = replaceFoldASCII(s, form, "[redacted]")
		}
	}
	return s
}

// replaceFoldASCII replaces old in s ignoring the case of ASCII letters
// (only those, so byte offsets agree between s and its folded copy).
func replaceFoldASCII(s, old, repl string) string {
	folded, target := foldASCII(s), foldASCII(old)
	var b strings.Builder
	for {
		i := strings.Index(folded, target)
		if i < 0 {
			if b.Len() == 0 {
				return s
			}
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		b.WriteString(repl)
		s, folded = s[i+len(old):], folded[i+len(old):]
	}
}

func foldASCII(s string) string {
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

// redact blanks secrets out of the server-supplied parts of the client's
// errors. Errors of the caller's own callback are returned as they are.
func redact(err error, secrets []string) error {
	switch e := err.(type) {
	case *APIError:
		e.Message = redactText(e.Message, secrets)
	case *DecodeError:
		e.Detail = redactText(e.Detail, secrets)
	case *HTTPError:
		e.Excerpt = redactText(e.Excerpt, secrets)
	case *TransportError:
		if msg := e.Err.Error(); redactText(msg, secrets) != msg {
			e.Err = errors.New(redactText(msg, secrets))
		}
	}
	return err
}
