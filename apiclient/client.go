// Package apiclient is the one client of the loyalty API (Client Toolbox):
// form-encoded POSTs to one URL, answered in XML or JSON. Every HTTP call of
// loyaltydesk goes through here.
package apiclient

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"loyaltydesk/apiclient/internal/nofollow"
	"loyaltydesk/apiclient/internal/safetext"
	"loyaltydesk/apiclient/wire"
)

// DefaultURL is the service's public endpoint.
const DefaultURL = "https://api.clienttoolbox.com"

// Format is the response format asked of the server.
type Format int

// The response formats.
const (
	XML Format = iota
	JSON
)

func (f Format) String() string {
	if f == JSON {
		return "JSON"
	}
	return "XML"
}

// Credentials identify the caller. Password is the API key the documents
// call user_password.
type Credentials struct {
	UserID    string
	Password  string
	AccountID string
}

// Options configure a Client.
type Options struct {
	BaseURL     string
	Credentials Credentials
	Format      Format
	// HTTPClient defaults to one with verified TLS and a timeout of
	// Timeout (30 s when zero).
	HTTPClient *http.Client
	Timeout    time.Duration
	UserAgent  string
}

// Client calls the loyalty API. It is safe for concurrent use.
type Client struct {
	baseURL   string
	format    Format
	http      *http.Client
	userAgent string

	mu      sync.RWMutex
	creds   Credentials
	retired []string // earlier API keys, still kept out of error messages
}

// New checks the options and returns a client. The URL must be https, except
// on a loopback host (the demo's fake server).
func New(opts Options) (*Client, error) {
	base := opts.BaseURL
	if base == "" {
		base = DefaultURL
	}
	if err := checkBaseURL(base); err != nil {
		return nil, err
	}
	hc := opts.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: cmp.Or(opts.Timeout, 30*time.Second)}
	}
	hc = nofollow.Client(hc)
	ua := opts.UserAgent
	if ua == "" {
		ua = "loyaltydesk"
	}
	return &Client{baseURL: base, format: opts.Format, http: hc, userAgent: ua, creds: opts.Credentials}, nil
}

func checkBaseURL(base string) error {
	u, err := url.Parse(base)
	if err != nil || u.Host == "" {
		return invalid("url", "%q is not a URL (expected https://host or https://host/api.php)", base)
	}
	if u.User != nil {
		return invalid("url", "the URL must not hold credentials; set them in the profile")
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		if safetext.IsLoopback(u.Hostname()) {
			return nil
		}
		return invalid("url", "plain http is only allowed on this machine (loopback); use https")
	}
	return invalid("url", "scheme %q is not supported; use https", u.Scheme)
}

// BaseURL returns the URL the client posts to.
func (c *Client) BaseURL() string { return c.baseURL }

// AccountID returns the account the client speaks for.
func (c *Client) AccountID() string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.creds.AccountID
}

// UserID returns the signed-in user.
func (c *Client) UserID() string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.creds.UserID
}

// SetPassword replaces the API key used from the next call on (after a
// password change returned a new_api_token).
func (c *Client) SetPassword(password string) {
	c.mu.Lock()
	if old := c.creds.Password; old != "" && old != password {
		c.retired = append(c.retired, old)
		if len(c.retired) > maxRetired {
			c.retired = c.retired[1:]
		}
	}
	c.creds.Password = password
	c.mu.Unlock()
}

// authStyle says how the credentials are sent.
type authStyle int

const (
	authPassword authStyle = iota // user_password
	authAPIKey                    // API=1.5 with user_api_key (dashboard)
	authAPIKey16                  // API=1.6 with user_api_key (manage_fields)
)

func (c *Client) form(callType string, style authStyle) url.Values {
	c.mu.RLock()
	creds := c.creds
	c.mu.RUnlock()
	v := url.Values{}
	v.Set("user_id", creds.UserID)
	switch style {
	case authAPIKey, authAPIKey16:
		v.Set("API", map[authStyle]string{authAPIKey: "1.5", authAPIKey16: "1.6"}[style])
		v.Set("user_api_key", creds.Password)
	default:
		v.Set("user_password", creds.Password)
	}
	v.Set("account_id", creds.AccountID)
	v.Set("type", callType)
	if c.format == JSON {
		v.Set("output", "JSON")
	}
	return v
}

// call posts the form and returns the decoded success response.
func (c *Client) call(ctx context.Context, op string, form url.Values) (*wire.Node, error) {
	var root *wire.Node
	err := c.post(ctx, op, form, func(body io.Reader) error {
		var err error
		root, err = c.decode(op, body)
		return err
	})
	return root, err
}

func (c *Client) decode(op string, body io.Reader) (*wire.Node, error) {
	var root *wire.Node
	var err error
	if c.format == JSON {
		root, err = wire.DecodeJSON(body, "response")
	} else {
		root, err = wire.DecodeXML(body)
	}
	if err != nil {
		return nil, &DecodeError{Op: op, Format: c.format, Detail: err.Error()}
	}
	if err := checkStatus(op, c.format, root); err != nil {
		return nil, err
	}
	return root, nil
}

func checkStatus(op string, format Format, root *wire.Node) error {
	if root.Name != "response" {
		return &DecodeError{Op: op, Format: format, Detail: fmt.Sprintf("expected <response>, got <%s>", root.Name)}
	}
	switch root.Attr("status") {
	case "success":
		return nil
	case "error":
		msg := root.Get("error")
		if msg == "" {
			msg = "the server reported an error without a message"
		}
		return &APIError{Op: op, Message: msg}
	}
	return &DecodeError{Op: op, Format: format, Detail: fmt.Sprintf("unknown status %q", root.Attr("status"))}
}

// post sends the form and hands a 2xx body to read. Errors never include
// the form, and any credential the server echoes is blanked out of them.
func (c *Client) post(ctx context.Context, op string, form url.Values, read func(io.Reader) error) error {
	secrets := c.secrets(form)
	return redact(c.send(ctx, op, form, secrets, read), secrets)
}

func (c *Client) send(ctx context.Context, op string, form url.Values, secrets []string, read func(io.Reader) error) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL, strings.NewReader(form.Encode()))
	if err != nil {
		return &TransportError{Op: op, Err: errors.New("could not build the request")}
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("User-Agent", c.userAgent)
	if c.format == JSON {
		req.Header.Set("Accept", "application/json")
	} else {
		req.Header.Set("Accept", "application/xml")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return transportError(ctx, op, err)
	}
	defer resp.Body.Close()
	if nofollow.IsRedirect(resp.StatusCode) {
		return redirectError(op, c.baseURL, resp, secrets)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return c.httpError(op, resp, secrets)
	}
	capped := newCappedBody(resp.Body, op, form.Get("type"))
	body := &bodyReader{r: capped, capped: capped}
	if err := read(body); err != nil {
		if tl, ok := asTooLarge(body.err); ok {
			return &DecodeError{Op: op, Format: c.format, Detail: tl.Error()}
		}
		return readError(ctx, op, err, body.err)
	}
	return nil
}

// bodyReader keeps the error of reading the body, other than its end.
type bodyReader struct {
	r      io.Reader
	capped *cappedBody
	err    error
}

func (b *bodyReader) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err != nil && err != io.EOF {
		b.err = err
	}
	return n, err
}

// readError: a body that stopped coming (cancelled, timed out, connection
// dropped) is a transport error, not an unreadable answer.
func readError(ctx context.Context, op string, err, bodyErr error) error {
	if ctx.Err() != nil {
		return transportError(ctx, op, ctx.Err())
	}
	var de *DecodeError
	if bodyErr != nil && errors.As(err, &de) {
		return transportError(ctx, op, bodyErr)
	}
	return err
}

func transportError(ctx context.Context, op string, err error) error {
	if ctx.Err() != nil {
		return &TransportError{Op: op, Err: ctx.Err(), Timeout: errors.Is(ctx.Err(), context.DeadlineExceeded)}
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err // the URL adds nothing for the user
	}
	var ne net.Error
	timeout := errors.As(err, &ne) && ne.Timeout()
	return &TransportError{Op: op, Err: cleanTransportText(err), Timeout: timeout}
}

func (c *Client) httpError(op string, resp *http.Response, secrets []string) error {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	// Some proxies answer 5xx with a proper API error body: prefer its message.
	if root, err := c.decode(op, bytes.NewReader(body)); err != nil {
		var apiErr *APIError
		if errors.As(err, &apiErr) {
			return apiErr
		}
	} else if root != nil {
		return &HTTPError{Op: op, StatusCode: resp.StatusCode}
	}
	return &HTTPError{Op: op, StatusCode: resp.StatusCode, Excerpt: excerpt(body, secrets)}
}
