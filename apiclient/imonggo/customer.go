package imonggo

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// StatusDeleted is the status of a customer marked deleted.
const StatusDeleted = "D"

// Customer is one Imonggo customer record. A nil pointer is a field the
// server sent as nil="true" (or did not send). When a Customer is sent in
// Create or Update, only the non-nil writable fields go out; ID, Status,
// CustomerTypeName and the UTC timestamps are the server's and never sent.
type Customer struct {
	ID               int64
	Code             *string
	AlternateCode    *string
	Name             *string
	FirstName        *string
	LastName         *string
	CompanyName      *string
	Birthday         *Date
	Birthdate        *Date
	Street           *string
	City             *string
	State            *string
	Zipcode          *string
	Country          *string
	Telephone        *string
	Mobile           *string
	Fax              *string
	Email            *string
	TIN              *string
	TaxExempt        *bool
	CustomerTypeID   *int64
	CustomerTypeName *string
	DiscountText     *string
	Remark           *string
	Status           *string
	UTCCreatedAt     time.Time
	UTCUpdatedAt     time.Time
}

// Deleted reports whether the customer is marked deleted (status D).
func (c Customer) Deleted() bool {
	return c.Status != nil && *c.Status == StatusDeleted
}

// Date is a calendar date without a time of day (birthday, birthdate).
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// String formats the date as YYYY-MM-DD.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// ParseDate reads YYYY-MM-DD; a time of day after it (as in a full
// timestamp) is ignored.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if len(s) > 10 && (s[10] == 'T' || s[10] == ' ') {
		s = s[:10]
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date (YYYY-MM-DD)", s)
	}
	return Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}, nil
}

// timestampLayouts are the forms the service uses: RFC 3339 in the records,
// "YYYY-MM-DD HH:MM:SS" (UTC, no zone) in the last-updated-at answer.
var timestampLayouts = []string{time.RFC3339, "2006-01-02 15:04:05", "2006-01-02 15:04:05 MST", "2006-01-02T15:04:05"}

func parseTimestamp(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range timestampLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a timestamp (YYYY-MM-DDTHH:MM:SSZ)", s)
}

// field ties one XML element of the record to its Customer field.
type field struct {
	name     string
	writable bool
	// text fields keep an empty element as "", typed ones treat it as nil.
	text bool
	// decode sets the field from the element's text; it is not called for
	// a nil element.
	decode func(c *Customer, text string) error
	// encode returns the text to send and whether the field is set.
	encode func(c *Customer) (string, bool)
}

func stringField(name string, writable bool, at func(*Customer) **string) field {
	return field{
		name: name, writable: writable, text: true,
		decode: func(c *Customer, text string) error { *at(c) = &text; return nil },
		encode: func(c *Customer) (string, bool) {
			if p := *at(c); p != nil {
				return *p, true
			}
			return "", false
		},
	}
}

func boolField(name string, at func(*Customer) **bool) field {
	return field{
		name: name, writable: true,
		decode: func(c *Customer, text string) error {
			v, err := strconv.ParseBool(strings.TrimSpace(text))
			if err != nil {
				return fmt.Errorf("%q is not true or false", text)
			}
			*at(c) = &v
			return nil
		},
		encode: func(c *Customer) (string, bool) {
			if p := *at(c); p != nil {
				return strconv.FormatBool(*p), true
			}
			return "", false
		},
	}
}

func intField(name string, at func(*Customer) **int64) field {
	return field{
		name: name, writable: true,
		decode: func(c *Customer, text string) error {
			v, err := strconv.ParseInt(strings.TrimSpace(text), 10, 64)
			if err != nil {
				return fmt.Errorf("%q is not a whole number", text)
			}
			*at(c) = &v
			return nil
		},
		encode: func(c *Customer) (string, bool) {
			if p := *at(c); p != nil {
				return strconv.FormatInt(*p, 10), true
			}
			return "", false
		},
	}
}

func dateField(name string, at func(*Customer) **Date) field {
	return field{
		name: name, writable: true,
		decode: func(c *Customer, text string) error {
			d, err := ParseDate(text)
			if err != nil {
				return err
			}
			*at(c) = &d
			return nil
		},
		encode: func(c *Customer) (string, bool) {
			if p := *at(c); p != nil {
				return p.String(), true
			}
			return "", false
		},
	}
}

func timeField(name string, at func(*Customer) *time.Time) field {
	return field{
		name: name,
		decode: func(c *Customer, text string) error {
			t, err := parseTimestamp(text)
			*at(c) = t
			return err
		},
		encode: func(c *Customer) (string, bool) { return "", false },
	}
}

var idField = field{
	name: "id",
	decode: func(c *Customer, text string) error {
		v, err := strconv.ParseInt(strings.TrimSpace(text), 10, 64)
		if err != nil {
			return fmt.Errorf("%q is not a customer id", text)
		}
		c.ID = v
		return nil
	},
	encode: func(c *Customer) (string, bool) { return "", false },
}

// fields lists the record's elements in the order of the document's sample.
var fields = []field{
	stringField("alternate_code", true, func(c *Customer) **string { return &c.AlternateCode }),
	dateField("birthday", func(c *Customer) **Date { return &c.Birthday }),
	stringField("city", true, func(c *Customer) **string { return &c.City }),
	stringField("code", true, func(c *Customer) **string { return &c.Code }),
	stringField("company_name", true, func(c *Customer) **string { return &c.CompanyName }),
	stringField("country", true, func(c *Customer) **string { return &c.Country }),
	intField("customer_type_id", func(c *Customer) **int64 { return &c.CustomerTypeID }),
	stringField("email", true, func(c *Customer) **string { return &c.Email }),
	stringField("fax", true, func(c *Customer) **string { return &c.Fax }),
	stringField("first_name", true, func(c *Customer) **string { return &c.FirstName }),
	idField,
	stringField("last_name", true, func(c *Customer) **string { return &c.LastName }),
	stringField("mobile", true, func(c *Customer) **string { return &c.Mobile }),
	stringField("name", true, func(c *Customer) **string { return &c.Name }),
	stringField("remark", true, func(c *Customer) **string { return &c.Remark }),
	stringField("state", true, func(c *Customer) **string { return &c.State }),
	stringField("status", false, func(c *Customer) **string { return &c.Status }),
	stringField("street", true, func(c *Customer) **string { return &c.Street }),
	boolField("tax_exempt", func(c *Customer) **bool { return &c.TaxExempt }),
	stringField("telephone", true, func(c *Customer) **string { return &c.Telephone }),
	stringField("tin", true, func(c *Customer) **string { return &c.TIN }),
	stringField("zipcode", true, func(c *Customer) **string { return &c.Zipcode }),
	stringField("customer_type_name", false, func(c *Customer) **string { return &c.CustomerTypeName }),
	stringField("discount_text", true, func(c *Customer) **string { return &c.DiscountText }),
	dateField("birthdate", func(c *Customer) **Date { return &c.Birthdate }),
	timeField("utc_created_at", func(c *Customer) *time.Time { return &c.UTCCreatedAt }),
	timeField("utc_updated_at", func(c *Customer) *time.Time { return &c.UTCUpdatedAt }),
}

var fieldsByName = func() map[string]field {
	m := make(map[string]field, len(fields))
	for _, f := range fields {
		m[f.name] = f
	}
	return m
}()

// element is one child of <customer> as it comes over the wire.
type element struct {
	Nil  string `xml:"nil,attr"`
	Text string `xml:",chardata"`
}

func (e element) isNil() bool { return strings.EqualFold(strings.TrimSpace(e.Nil), "true") }

// UnmarshalXML reads a <customer> element. Unknown elements are skipped so
// a field added by the service does not break the client.
func (c *Customer) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	*c = Customer{}
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			if err := c.decodeElement(d, t); err != nil {
				return err
			}
		}
	}
}

func (c *Customer) decodeElement(d *xml.Decoder, start xml.StartElement) error {
	var e element
	if err := d.DecodeElement(&e, &start); err != nil {
		return err
	}
	f, known := fieldsByName[start.Name.Local]
	if !known || e.isNil() {
		return nil
	}
	if !f.text && strings.TrimSpace(e.Text) == "" {
		return nil // an empty typed value carries nothing
	}
	if err := f.decode(c, e.Text); err != nil {
		return &FieldError{Field: f.name, Problem: err.Error()}
	}
	return nil
}

// FieldError is a record whose field holds a value of the wrong kind.
type FieldError struct {
	Field   string
	Problem string
}

func (e *FieldError) Error() string { return "field " + e.Field + ": " + e.Problem }

// MarshalXML writes the writable fields that are set, and nothing else:
// an update changes only what it names.
func (c Customer) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	start = xml.StartElement{Name: xml.Name{Local: "customer"}}
	if err := e.EncodeToken(start); err != nil {
		return err
	}
	for _, f := range fields {
		text, set := f.encode(&c)
		if !set || !f.writable {
			continue
		}
		if err := e.EncodeElement(text, xml.StartElement{Name: xml.Name{Local: f.name}}); err != nil {
			return err
		}
	}
	return e.EncodeToken(start.End())
}

// hasWritable reports whether an update would carry anything.
func (c Customer) hasWritable() bool {
	for _, f := range fields {
		if _, set := f.encode(&c); set && f.writable {
			return true
		}
	}
	return false
}
