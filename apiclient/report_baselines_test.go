package apiclient

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"github.com/orisano/gosax"
)

// The baselines of BenchmarkCustomersReport do the same work as the
// client's path: every <customer> of the report becomes a Customer with
// entities decoded and white space trimmed, handed to fn, and the report's
// last_id is read.

// decodeWithGosax is the report read with github.com/orisano/gosax, a
// well-kept SAX parser (a test-only dependency), text unescaped with its
// Unescape.
func decodeWithGosax(doc []byte, fn func(Customer)) (lastID string, err error) {
	r := gosax.NewReader(bytes.NewReader(doc))
	r.EmitSelfClosingTag = true
	var cur Customer
	var field *string
	var text []byte
	inCustomer := false
	for {
		ev, err := r.Event()
		if err != nil {
			return "", err
		}
		switch ev.Type() {
		case gosax.EventEOF:
			return lastID, nil
		case gosax.EventStart:
			name, _ := gosax.Name(ev.Bytes)
			switch {
			case string(name) == "customer":
				cur, inCustomer = Customer{}, true
			case inCustomer:
				field = reportField(&cur, name)
			case string(name) == "last_id":
				field = &lastID
			}
			text = text[:0]
		case gosax.EventText:
			if field != nil {
				text = append(text, ev.Bytes...)
			}
		case gosax.EventEnd:
			name, _ := gosax.Name(ev.Bytes)
			if string(name) == "customer" {
				fn(cur)
				inCustomer = false
				continue
			}
			if field != nil {
				plain, err := gosax.Unescape(text)
				if err != nil {
					return "", err
				}
				*field = strings.TrimSpace(string(plain))
				field = nil
			}
		}
	}
}

// reportField is where a report element's text goes.
func reportField(c *Customer, name []byte) *string {
	switch string(name) {
	case "first_name":
		return &c.FirstName
	case "last_name":
		return &c.LastName
	case "phone":
		return &c.Phone
	case "email":
		return &c.Email
	case "address1":
		return &c.Street1
	case "address2":
		return &c.Street2
	case "city":
		return &c.City
	case "state":
		return &c.State
	case "zip":
		return &c.PostalCode
	case "country":
		return &c.Country
	case "custom1":
		return &c.CustomField
	case "custom_date":
		return &c.CustomDate
	case "customer_username":
		return &c.Username
	case "customer_code":
		return &c.Code
	case "card_number":
		return &c.CardNumber
	}
	return nil
}

// decodeWithEncodingXML is the idiomatic streaming use of encoding/xml:
// Decoder.Token to find each <customer>, DecodeElement to read it.
func decodeWithEncodingXML(doc []byte, fn func(Customer)) (lastID string, err error) {
	d := xml.NewDecoder(bytes.NewReader(doc))
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return lastID, nil
		}
		if err != nil {
			return "", err
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch start.Name.Local {
		case "customer":
			var u unmarshalledCustomer
			if err := d.DecodeElement(&u, &start); err != nil {
				return "", err
			}
			fn(u.customer())
		case "last_id":
			if err := d.DecodeElement(&lastID, &start); err != nil {
				return "", err
			}
			lastID = strings.TrimSpace(lastID)
		}
	}
}

func (u unmarshalledCustomer) customer() Customer {
	t := strings.TrimSpace
	return Customer{
		FirstName: t(u.FirstName), LastName: t(u.LastName), Phone: t(u.Phone), Email: t(u.Email),
		Street1: t(u.Address1), Street2: t(u.Address2), City: t(u.City), State: t(u.State),
		PostalCode: t(u.Zip), Country: t(u.Country), CustomField: t(u.Custom1), CustomDate: t(u.CustomDate),
		Username: t(u.Username), Code: t(u.Code), CardNumber: t(u.CardNumber),
	}
}
