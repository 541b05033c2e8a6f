package apiclient

import (
	"context"
	"errors"
	"io"
	"iter"
	"strings"
)

// ReportFilter narrows the customers_all report (seed 000).
type ReportFilter struct {
	DateStart string // YYYY-MM-DD; only with Campaigns
	DateEnd   string
	Campaigns []string
	// Last returns customers new or changed since that ID ("0" for all). It
	// cannot be combined with Campaigns. Empty leaves it out.
	Last string
}

func (f ReportFilter) check() error {
	for _, d := range []struct{ name, v string }{{"date_start", f.DateStart}, {"date_end", f.DateEnd}} {
		if d.v != "" && !IsISODate(d.v) {
			return invalid(d.name, "%q is not a date in YYYY-MM-DD form", d.v)
		}
	}
	if f.DateStart != "" && f.DateEnd != "" && f.DateStart > f.DateEnd {
		return invalid("date_end", "ends before date_start")
	}
	if len(f.Campaigns) > 0 {
		if err := checkIDList("selected_campaigns", f.Campaigns); err != nil {
			return err
		}
		if f.Last != "" {
			return invalid("last", "cannot be sent with selected_campaigns (the API refuses the pair)")
		}
	}
	if f.Last != "" && !allDigits(f.Last) {
		return invalid("last", "%q is not an ID", f.Last)
	}
	return nil
}

// errStop ends a stream early without an error for the caller.
var errStop = errors.New("stop")

// CustomersReport streams the customers_all report: each customer is
// decoded and handed to fn as it arrives, so the report is never whole in
// memory. fn returning an error stops the stream with that error.
func (c *Client) CustomersReport(ctx context.Context, f ReportFilter, fn func(Customer) error) error {
	_, err := c.CustomersReportSince(ctx, f, fn)
	var bad *badLastIDError
	if errors.As(err, &bad) {
		return nil // the caller does not use the ID: every customer arrived
	}
	return err
}

// CustomersReportSince is CustomersReport that also returns the report's
// last ID: pass it as ReportFilter.Last next time to get only the customers
// new or changed since this report. It is "" when the server sent none.
func (c *Client) CustomersReportSince(ctx context.Context, f ReportFilter, fn func(Customer) error) (lastID string, err error) {
	const op = "customers report"
	if err := f.check(); err != nil {
		return "", err
	}
	form := c.form("reports", authPassword)
	form.Set("report", "customers_all")
	setIf := func(k, v string) {
		if v != "" {
			form.Set(k, v)
		}
	}
	setIf("date_start", f.DateStart)
	setIf("date_end", f.DateEnd)
	setIf("selected_campaigns", strings.Join(f.Campaigns, ","))
	setIf("last", f.Last)
	err = c.post(ctx, op, form, func(body io.Reader) error {
		var err error
		if c.format == JSON {
			lastID, err = streamJSONCustomers(op, body, fn)
		} else {
			lastID, err = streamXMLCustomers(op, body, fn)
		}
		return err
	})
	if err != nil {
		return "", err
	}
	return lastID, nil
}

// ReportCustomers is CustomersReport as an iterator; a failure comes as the
// last pair, with a zero customer.
func (c *Client) ReportCustomers(ctx context.Context, f ReportFilter) iter.Seq2[Customer, error] {
	return func(yield func(Customer, error) bool) {
		err := c.CustomersReport(ctx, f, func(cust Customer) error {
			if !yield(cust, nil) {
				return errStop
			}
			return nil
		})
		if err != nil && !errors.Is(err, errStop) {
			yield(Customer{}, err)
		}
	}
}
