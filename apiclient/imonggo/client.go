// Package imonggo is a client for the Imonggo customers API (seed 004):
// XML over HTTPS with the API token as the basic-auth user name, and the
// incremental sync the document proposes, feeding loyalty batch imports.
package imonggo

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"loyaltydesk/apiclient/internal/nofollow"
	"loyaltydesk/apiclient/internal/safetext"
)

// authPassword is the fixed password that goes with the token.
const authPassword = "X"

// maxBody bounds an answer; a page of 100 customers is far below it.
const maxBody = 16 << 20

// Options configure a Client: an Account, or a BaseURL (the demo's fake).
type Options struct {
	// Account is the Imonggo account name: https://{Account}.imonggo.com/api/.
	// With BaseURL set it only names the sync state (defaults to the host).
	Account string
	// BaseURL replaces the account URL; http is allowed on loopback only.
	BaseURL string
	// Token is the API token, sent as the basic-auth user name.
	Token string
	// HTTPClient defaults to one with a 30 s timeout, verified TLS and no
	// redirects followed.
	HTTPClient *http.Client
}

// Client calls the Imonggo customers API. It is safe for concurrent use.
type Client struct {
	base    *url.URL
	account string
	token   string
	http    *http.Client
}

var accountName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$`)

// New checks the options and returns a client.
func New(opts Options) (*Client, error) {
	if err := checkToken(opts.Token); err != nil {
		return nil, err
	}
	base, account, err := baseURL(opts)
	if err != nil {
		return nil, err
	}
	hc := opts.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	return &Client{base: base, account: account, token: opts.Token, http: nofollow.Client(hc)}, nil
}

func checkToken(token string) error {
	if token == "" {
		return badArg("token", "the Imonggo API token is required")
	}
	if strings.ContainsAny(token, ": \t\r\n") {
		return badArg("token", "the API token may not hold a colon or white space")
	}
	return nil
}

func baseURL(opts Options) (*url.URL, string, error) {
	if opts.BaseURL == "" {
		if !accountName.MatchString(opts.Account) {
			return nil, "", badArg("account", "%q is not an Imonggo account name (letters, digits, _ and -)", opts.Account)
		}
		u := &url.URL{Scheme: "https", Host: opts.Account + ".imonggo.com", Path: "/api/"}
		return u, opts.Account, nil
	}
	u, err := url.Parse(opts.BaseURL)
	if err != nil || u.Host == "" {
		return nil, "", badArg("base URL", "%q is not a URL", opts.BaseURL)
	}
	if u.User != nil {
		return nil, "", badArg("base URL", "the URL must not hold credentials; give the token separately")
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && safetext.IsLoopback(u.Hostname()):
	case u.Scheme == "http":
		return nil, "", badArg("base URL", "plain http is only allowed on this machine (loopback); use https")
	default:
		return nil, "", badArg("base URL", "scheme %q is not supported; use https", u.Scheme)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawQuery, u.Fragment = "", ""
	account := opts.Account
	if account == "" {
		account = u.Host
	}
	return u, account, nil
}

// Account names the account (or, for an explicit URL without one, its host).
func (c *Client) Account() string { return c.account }

// BaseURL is the API root the client calls, ending in /api/.
func (c *Client) BaseURL() string { return c.base.String() }

// request is one call: what to send and how to read the answer.
type request struct {
	op     string
	method string
	path   string // relative to the base, e.g. "customers.xml"
	query  url.Values
	body   any // marshalled to XML when not nil
	// oneCustomer makes a 404 ErrNotFound (a missing id) rather than an
	// HTTPError (a wrong URL or account).
	oneCustomer bool
}

// do sends the request and returns the 2xx body.
func (c *Client) do(ctx context.Context, r request) ([]byte, error) {
	req, err := c.newRequest(ctx, r)
	if err != nil {
		return nil, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, transportError(ctx, r.op, err)
	}
	defer resp.Body.Close()
	if nofollow.IsRedirect(resp.StatusCode) {
		return nil, c.redirectError(r.op, resp)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return nil, transportError(ctx, r.op, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, c.statusError(r, resp.StatusCode, body)
	}
	if len(body) > maxBody {
		return nil, &DecodeError{Op: r.op, Detail: "the answer is larger than 16 MiB"}
	}
	return body, nil
}

func (c *Client) newRequest(ctx context.Context, r request) (*http.Request, error) {
	u := c.base.JoinPath(r.path)
	u.RawQuery = r.query.Encode()
	var body io.Reader
	if r.body != nil {
		data, err := xml.Marshal(r.body)
		if err != nil {
			return nil, badArg("customer", "cannot be written as XML: %v", err)
		}
		body = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, u.String(), body)
	if err != nil {
		return nil, &TransportError{Op: r.op, Err: errors.New("could not build the request")}
	}
	req.SetBasicAuth(c.token, authPassword)
	req.Header.Set("Accept", "application/xml")
	req.Header.Set("Content-Type", "application/xml")
	req.Header.Set("User-Agent", "loyaltydesk")
	return req, nil
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
	return &TransportError{Op: op, Err: err, Timeout: errors.As(err, &ne) && ne.Timeout()}
}

func (c *Client) statusError(r request, status int, body []byte) error {
	switch {
	case status == http.StatusUnauthorized:
		return &opError{Op: r.op, Err: ErrUnauthorized}
	case status == http.StatusNotFound && r.oneCustomer:
		return &opError{Op: r.op, Err: ErrNotFound}
	case status == http.StatusUnprocessableEntity:
		return &ValidationError{Op: r.op, Messages: errorMessages(body, c.token)}
	case status >= 500:
		return &ServerError{Op: r.op, StatusCode: status, Excerpt: safetext.Excerpt(body, []string{c.token})}
	}
	return &HTTPError{Op: r.op, StatusCode: status, Excerpt: safetext.Excerpt(body, []string{c.token})}
}

// errorMessages reads <errors><error>…</error>…</errors>; any other body
// gives none.
func errorMessages(body []byte, secret string) []string {
	var doc struct {
		XMLName xml.Name `xml:"errors"`
		Errors  []string `xml:"error"`
	}
	if xml.Unmarshal(body, &doc) != nil {
		return nil
	}
	var msgs []string
	for _, m := range doc.Errors {
		if m = strings.TrimSpace(m); m != "" {
			msgs = append(msgs, safetext.Redact(m, []string{secret}))
		}
	}
	return msgs
}
