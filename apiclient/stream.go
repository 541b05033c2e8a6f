package apiclient

import (
	"io"

	"loyaltydesk/apiclient/wire"
)

// streamXMLCustomers decodes a customers report one <customer> at a time.
// The fast scanner reuses the nodes it hands over; customerFromNode copies
// what it keeps.
func streamXMLCustomers(op string, body io.Reader, fn func(Customer) error) error {
	return streamCustomers(op, XML, fn, func(each func(root, child *wire.Node) error) (*wire.Node, error) {
		return wire.StreamXMLFast(body, "customer", each)
	})
}

func streamJSONCustomers(op string, body io.Reader, fn func(Customer) error) error {
	return streamCustomers(op, JSON, fn, func(each func(root, child *wire.Node) error) (*wire.Node, error) {
		return wire.StreamJSON(body, "response", "customer", each)
	})
}

// callerError marks an error returned by the caller's fn, so it is passed
// back as it is rather than as a decode error.
type callerError struct{ err error }

func (e callerError) Error() string { return e.err.Error() }

func streamCustomers(op string, format Format, fn func(Customer) error,
	stream func(func(root, child *wire.Node) error) (*wire.Node, error)) error {
	root, err := stream(func(root, child *wire.Node) error {
		if root.Attr("status") != "success" && format == XML {
			return &APIError{Op: op, Message: "unexpected <customer> in an error answer"}
		}
		if err := fn(customerFromNode(child)); err != nil {
			return callerError{err}
		}
		return nil
	})
	if err != nil {
		if ce, ok := err.(callerError); ok {
			return ce.err
		}
		if _, ok := err.(*APIError); ok {
			return err
		}
		return &DecodeError{Op: op, Format: format, Detail: err.Error()}
	}
	return checkStatus(op, format, root)
}
