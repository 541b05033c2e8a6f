package imonggo

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// MaxPerPage is the largest page the service serves.
const MaxPerPage = 100

// queryTimeLayout is the document's date filter format, in UTC.
const queryTimeLayout = "2006-01-02T15:04:05Z"

// Filter narrows a listing or a count. A zero time is no filter.
type Filter struct {
	// ActiveOnly leaves out deleted customers.
	ActiveOnly bool
	// Before: updated < Before; After: updated > After; From: updated >=
	// From; To: updated <= To. Sent in UTC to the second.
	Before, After, From, To time.Time
}

// ListOptions is a Filter and a page of it.
type ListOptions struct {
	Filter
	// Page counts from 1; 0 leaves it to the service (page 1).
	Page int
	// PerPage is 1..100; 0 leaves it to the service (100).
	PerPage int
}

func (f Filter) query() url.Values {
	q := url.Values{}
	if f.ActiveOnly {
		q.Set("active_only", "1")
	}
	for _, p := range []struct {
		name string
		t    time.Time
	}{{"before", f.Before}, {"after", f.After}, {"from", f.From}, {"to", f.To}} {
		if !p.t.IsZero() {
			q.Set(p.name, p.t.UTC().Format(queryTimeLayout))
		}
	}
	return q
}

func (o ListOptions) query() (url.Values, error) {
	if o.Page < 0 {
		return nil, badArg("page", "must be 1 or more, not %d", o.Page)
	}
	if o.PerPage < 0 || o.PerPage > MaxPerPage {
		return nil, badArg("per_page", "must be between 1 and %d, not %d", MaxPerPage, o.PerPage)
	}
	q := o.Filter.query()
	if o.Page > 0 {
		q.Set("page", strconv.Itoa(o.Page))
	}
	if o.PerPage > 0 {
		q.Set("per_page", strconv.Itoa(o.PerPage))
	}
	return q, nil
}

// List returns one page of customers, deleted ones included unless
// ActiveOnly. An empty page means there are no more.
func (c *Client) List(ctx context.Context, opts ListOptions) ([]Customer, error) {
	const op = "list Imonggo customers"
	q, err := opts.query()
	if err != nil {
		return nil, err
	}
	body, err := c.do(ctx, request{op: op, method: http.MethodGet, path: "customers.xml", query: q})
	if err != nil {
		return nil, err
	}
	var page struct {
		Customers []Customer `xml:"customer"`
	}
	// An empty Rails array comes as <nil-classes type="array"/>.
	if err := decodeRoot(op, body, []string{"customers", "nil-classes"}, &page); err != nil {
		return nil, err
	}
	return page.Customers, nil
}

// Get returns one customer; ErrNotFound when no customer has the id.
func (c *Client) Get(ctx context.Context, id int64) (Customer, error) {
	const op = "get Imonggo customer"
	if err := checkID(id); err != nil {
		return Customer{}, err
	}
	body, err := c.do(ctx, request{op: op, method: http.MethodGet, path: customerPath(id), oneCustomer: true})
	if err != nil {
		return Customer{}, err
	}
	return decodeCustomer(op, body)
}

// Create adds a customer from the writable fields that are set and returns
// the record the service made of it (with its id and code).
func (c *Client) Create(ctx context.Context, cust Customer) (Customer, error) {
	const op = "create Imonggo customer"
	if !cust.hasWritable() {
		return Customer{}, badArg("customer", "has no field set")
	}
	body, err := c.do(ctx, request{op: op, method: http.MethodPost, path: "customers.xml", body: cust})
	if err != nil {
		return Customer{}, err
	}
	return decodeCustomer(op, body)
}

// Update sends the writable fields of change that are set (nil fields are
// left alone) and returns the customer as it now stands.
func (c *Client) Update(ctx context.Context, id int64, change Customer) (Customer, error) {
	const op = "update Imonggo customer"
	if err := checkID(id); err != nil {
		return Customer{}, err
	}
	if !change.hasWritable() {
		return Customer{}, badArg("customer", "the update sets no field")
	}
	body, err := c.do(ctx, request{op: op, method: http.MethodPut, path: customerPath(id), body: change, oneCustomer: true})
	if err != nil {
		return Customer{}, err
	}
	// The document shows no answer for an update: read it back if none came.
	if len(bytes.TrimSpace(body)) == 0 {
		return c.Get(ctx, id)
	}
	return decodeCustomer(op, body)
}

// Delete marks the customer deleted (status D). Deleting a deleted
// customer succeeds; an unknown id is ErrNotFound.
func (c *Client) Delete(ctx context.Context, id int64) error {
	const op = "delete Imonggo customer"
	if err := checkID(id); err != nil {
		return err
	}
	_, err := c.do(ctx, request{op: op, method: http.MethodDelete, path: customerPath(id), oneCustomer: true})
	return err
}

// Count returns how many customers match the filter (q=count).
func (c *Client) Count(ctx context.Context, f Filter) (int, error) {
	const op = "count Imonggo customers"
	q := f.query()
	q.Set("q", "count")
	body, err := c.do(ctx, request{op: op, method: http.MethodGet, path: "customers.xml", query: q})
	if err != nil {
		return 0, err
	}
	var hash struct {
		Count *string `xml:"count"`
	}
	if err := decodeRoot(op, body, []string{"hash"}, &hash); err != nil {
		return 0, err
	}
	if hash.Count == nil {
		return 0, &DecodeError{Op: op, Detail: "no <count> in the answer"}
	}
	n, err := strconv.Atoi(strings.TrimSpace(*hash.Count))
	if err != nil || n < 0 {
		return 0, &DecodeError{Op: op, Detail: fmt.Sprintf("count %q is not a number", *hash.Count)}
	}
	return n, nil
}

// LastUpdatedAt returns when a customer of the account last changed
// (q=last_updated_at), in UTC; the zero time when the account has none.
// The service sends "YYYY-MM-DD HH:MM:SS" without a zone, taken as UTC like
// every date of this API; RFC 3339 is read too.
func (c *Client) LastUpdatedAt(ctx context.Context) (time.Time, error) {
	const op = "read Imonggo last update"
	q := url.Values{"q": {"last_updated_at"}}
	body, err := c.do(ctx, request{op: op, method: http.MethodGet, path: "customers.xml", query: q})
	if err != nil {
		return time.Time{}, err
	}
	var hash struct {
		Dashed     *element `xml:"last-updated-at"`
		Underscore *element `xml:"last_updated_at"`
	}
	if err := decodeRoot(op, body, []string{"hash"}, &hash); err != nil {
		return time.Time{}, err
	}
	e := hash.Dashed
	if e == nil {
		e = hash.Underscore
	}
	if e == nil {
		return time.Time{}, &DecodeError{Op: op, Detail: "no <last-updated-at> in the answer"}
	}
	if e.isNil() || strings.TrimSpace(e.Text) == "" {
		return time.Time{}, nil
	}
	t, err := parseTimestamp(e.Text)
	if err != nil {
		return time.Time{}, &DecodeError{Op: op, Detail: err.Error()}
	}
	return t, nil
}

func checkID(id int64) error {
	if id <= 0 {
		return badArg("id", "a customer id is a positive number, not %d", id)
	}
	return nil
}

func customerPath(id int64) string {
	return "customers/" + strconv.FormatInt(id, 10) + ".xml"
}

func decodeCustomer(op string, body []byte) (Customer, error) {
	var cust Customer
	if err := decodeRoot(op, body, []string{"customer"}, &cust); err != nil {
		return Customer{}, err
	}
	return cust, nil
}

// decodeRoot checks that the document's root is one of names and decodes it
// into v. A body that stops before the root is closed is reported as cut off.
func decodeRoot(op string, body []byte, names []string, v any) error {
	d := xml.NewDecoder(bytes.NewReader(body))
	for {
		tok, err := d.Token()
		if err != nil {
			return decodeError(op, err, names)
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if !slices.Contains(names, start.Name.Local) {
			return &DecodeError{Op: op, Detail: fmt.Sprintf("expected <%s>, got <%s>", names[0], start.Name.Local)}
		}
		if err := d.DecodeElement(v, &start); err != nil {
			return decodeError(op, err, names)
		}
		return nil
	}
}

func decodeError(op string, err error, names []string) error {
	var fe *FieldError
	var se *xml.SyntaxError
	switch {
	case errors.As(err, &fe):
		return &DecodeError{Op: op, Detail: fe.Error()}
	case errors.Is(err, io.EOF):
		return &DecodeError{Op: op, Detail: fmt.Sprintf("no <%s> in the answer", names[0])}
	case errors.Is(err, io.ErrUnexpectedEOF), errors.As(err, &se) && strings.Contains(se.Msg, "unexpected EOF"):
		return &DecodeError{Op: op, Detail: "the answer ended half-way (cut off)"}
	}
	return &DecodeError{Op: op, Detail: err.Error()}
}
