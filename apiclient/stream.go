package apiclient

import (
	"fmt"
	"io"
	"strings"

	"loyaltydesk/apiclient/wire"
)

// streamXMLCustomers decodes a customers report one <customer> at a time.
// The fast scanner reuses the nodes it hands over; customerFromNode copies
// what it keeps.
func streamXMLCustomers(op string, body io.Reader, fn func(Customer) error) (lastID string, err error) {
	handle := customerHandler(op, XML, fn)
	flat := reportFlat(func(root *wire.Node, c Customer) error {
		markItem(body)
		return handle(root, c)
	})
	return streamCustomers(op, XML, fn, func(each func(root, child *wire.Node) error) (*wire.Node, error) {
		return wire.StreamXMLFlat(body, "customer", flat, itemMarked(body, each))
	})
}

func streamJSONCustomers(op string, body io.Reader, fn func(Customer) error) (lastID string, err error) {
	return streamCustomers(op, JSON, fn, func(each func(root, child *wire.Node) error) (*wire.Node, error) {
		return wire.StreamJSON(body, "response", "customer", itemMarked(body, each))
	})
}

// callerError marks an error returned by the caller's fn, so it is passed
// back as it is rather than as a decode error.
type callerError struct{ err error }

func (e callerError) Error() string { return e.err.Error() }

// streamCustomers hands each customer to fn and returns the answer's last
// ID once the whole answer has been read.
func streamCustomers(op string, format Format, fn func(Customer) error,
	stream func(func(root, child *wire.Node) error) (*wire.Node, error)) (lastID string, err error) {
	handle := customerHandler(op, format, fn)
	root, err := stream(func(root, child *wire.Node) error {
		return handle(root, reportCustomer(child))
	})
	if err != nil {
		if ce, ok := err.(callerError); ok {
			return "", ce.err
		}
		if _, ok := err.(*APIError); ok {
			return "", err
		}
		return "", &DecodeError{Op: op, Format: format, Detail: err.Error()}
	}
	if err := checkStatus(op, format, root); err != nil {
		return "", err
	}
	return reportLastID(op, format, root)
}

// customerHandler checks that a customer may come and hands it to fn.
func customerHandler(op string, format Format, fn func(Customer) error) func(root *wire.Node, c Customer) error {
	return func(root *wire.Node, c Customer) error {
		if root.Attr("status") != "success" && format == XML {
			return &APIError{Op: op, Message: "unexpected <customer> in an error answer"}
		}
		if err := fn(c); err != nil {
			return callerError{err}
		}
		return nil
	}
}

// reportLastID reads the report's last ID.
//
// ⚑ After the customers, the answer carries `<last_id>N</last_id>` (JSON:
// "last_id": "N"): the newest change or transaction ID as of the report,
// the value to pass as `last` next time. Seed 000 tells callers to "make a
// note of the last ID returned" but its sample shows no such element; this
// is the project's convention, which the fake server follows. An answer
// without it (or with it empty) gives "". An ID that is not digits is
// refused here rather than when it is passed back as ReportFilter.Last.
func reportLastID(op string, format Format, root *wire.Node) (string, error) {
	n := root.Child("last_id")
	if n == nil {
		return "", nil
	}
	id := strings.TrimSpace(n.Text)
	if !allDigits(id) || len(n.Children) > 0 {
		return "", &badLastIDError{&DecodeError{Op: op, Format: format, Detail: fmt.Sprintf("last_id %q is not an ID", excerpt([]byte(id), nil))}}
	}
	return id, nil
}

// badLastIDError is a report whose customers all arrived but whose last ID
// is unusable: only callers that want the ID see it as an error.
type badLastIDError struct{ *DecodeError }

func (e *badLastIDError) Unwrap() error { return e.DecodeError }

// itemMarked restarts the body's per-customer size count after each one.
func itemMarked(body io.Reader, each func(root, child *wire.Node) error) func(root, child *wire.Node) error {
	return func(root, child *wire.Node) error {
		markItem(body)
		return each(root, child)
	}
}
