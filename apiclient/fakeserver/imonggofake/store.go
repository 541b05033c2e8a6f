package imonggofake

import (
	"errors"
	"fmt"
	"maps"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Fields are a customer's values by their XML element names (code, name,
// first_name, …). A missing key is a nil field.
type Fields map[string]string

// ErrNoCustomer is returned by the test hooks for an unknown id.
var ErrNoCustomer = errors.New("imonggofake: no customer has that id")

// InvalidError lists why a record was refused (the 422 messages).
type InvalidError struct{ Messages []string }

func (e *InvalidError) Error() string { return strings.Join(e.Messages, "; ") }

// recordFields are the record's elements in the order of the document's sample.
var recordFields = []string{
	"alternate_code", "birthday", "city", "code", "company_name", "country",
	"customer_type_id", "email", "fax", "first_name", "id", "last_name", "mobile",
	"name", "remark", "state", "status", "street", "tax_exempt", "telephone", "tin",
	"zipcode", "customer_type_name", "discount_text", "birthdate", "utc_created_at",
	"utc_updated_at",
}

// readOnly fields are the server's: a request naming them is not refused,
// they are left as they are.
var readOnly = map[string]bool{
	"id": true, "status": true, "customer_type_name": true,
	"utc_created_at": true, "utc_updated_at": true,
}

var writable = func() map[string]bool {
	m := map[string]bool{}
	for _, f := range recordFields {
		if !readOnly[f] {
			m[f] = true
		}
	}
	return m
}()

// customerTypes are the account's customer types, by id.
var customerTypes = map[string]string{"1": "Regular", "2": "Wholesale", "3": "VIP"}

const statusDeleted = "D"

type record struct {
	id        int64
	values    Fields // writable fields and status
	createdAt time.Time
	updatedAt time.Time
}

func (r *record) deleted() bool { return r.values["status"] == statusDeleted }

// value returns a field as written in the answer, and false for nil.
func (r *record) value(name string) (string, bool) {
	switch name {
	case "id":
		return strconv.FormatInt(r.id, 10), true
	case "utc_created_at":
		return r.createdAt.Format(time.RFC3339), true
	case "utc_updated_at":
		return r.updatedAt.Format(time.RFC3339), true
	case "customer_type_name":
		name, ok := customerTypes[r.values["customer_type_id"]]
		return name, ok
	}
	v, ok := r.values[name]
	return v, ok
}

// fields returns a copy of every non-nil field of the record.
func (r *record) fields() Fields {
	out := Fields{}
	for _, name := range recordFields {
		if v, ok := r.value(name); ok {
			out[name] = v
		}
	}
	return out
}

// store holds the customers; the Server guards it with its mutex.
type store struct {
	byID     map[int64]*record
	nextID   int64
	nextCode int
}

func newStore() *store { return &store{byID: map[int64]*record{}, nextID: 1, nextCode: 1} }

func (s *store) sorted() []*record {
	ids := slices.Sorted(maps.Keys(s.byID))
	out := make([]*record, len(ids))
	for i, id := range ids {
		out[i] = s.byID[id]
	}
	return out
}

func (s *store) codeTaken(code string, except int64) bool {
	for _, r := range s.byID {
		if r.id != except && r.values["code"] == code {
			return true
		}
	}
	return false
}

func (s *store) freeCode() string {
	for {
		code := fmt.Sprintf("%06d", s.nextCode)
		s.nextCode++
		if !s.codeTaken(code, 0) {
			return code
		}
	}
}

// create validates the fields and adds a customer.
func (s *store) create(in Fields, now time.Time) (*record, error) {
	values, err := writableOnly(in)
	if err != nil {
		return nil, err
	}
	completeNames(values, in)
	if _, ok := values["code"]; !ok {
		values["code"] = s.freeCode()
	}
	setDefault(values, "tax_exempt", "false")
	setDefault(values, "state", "")
	setDefault(values, "discount_text", "")
	if err := s.validate(values, 0); err != nil {
		return nil, err
	}
	r := &record{id: s.nextID, values: values, createdAt: now, updatedAt: now}
	s.byID[r.id] = r
	s.nextID++
	return r, nil
}

// update changes the given fields; nil fields in in (absent keys) stay.
func (s *store) update(r *record, in Fields, clear []string, now time.Time) error {
	change, err := writableOnly(in)
	if err != nil {
		return err
	}
	values := maps.Clone(r.values)
	maps.Copy(values, change)
	for _, name := range clear {
		if writable[name] {
			delete(values, name)
		}
	}
	completeNames(values, in)
	if err := s.validate(values, r.id); err != nil {
		return err
	}
	r.values = values
	r.updatedAt = now
	return nil
}

func setDefault(values Fields, name, v string) {
	if _, ok := values[name]; !ok {
		values[name] = v
	}
}

func writableOnly(in Fields) (Fields, error) {
	out := Fields{}
	var unknown []string
	for name, v := range in {
		switch {
		case writable[name]:
			out[name] = v
		case !readOnly[name]:
			unknown = append(unknown, "Unknown attribute "+name)
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		return nil, &InvalidError{Messages: unknown}
	}
	return out, nil
}

// completeNames keeps name, first_name and last_name consistent the way the
// document's create sample shows: a name alone is split at its first space,
// first and last names alone make the name.
func completeNames(values, in Fields) {
	_, nameGiven := in["name"]
	_, firstGiven := in["first_name"]
	_, lastGiven := in["last_name"]
	switch {
	case nameGiven && !firstGiven && !lastGiven:
		first, last, _ := strings.Cut(strings.TrimSpace(values["name"]), " ")
		values["first_name"], values["last_name"] = first, strings.TrimSpace(last)
	case !nameGiven && (firstGiven || lastGiven):
		values["name"] = strings.TrimSpace(values["first_name"] + " " + values["last_name"])
	}
}

func (s *store) validate(values Fields, id int64) error {
	var msgs []string
	if strings.TrimSpace(values["name"]) == "" {
		msgs = append(msgs, "Name can't be blank")
	}
	if code, ok := values["code"]; ok && s.codeTaken(code, id) {
		msgs = append(msgs, "Code has already been taken")
	}
	if v, ok := values["tax_exempt"]; ok && v != "true" && v != "false" {
		msgs = append(msgs, "Tax exempt must be true or false")
	}
	if v, ok := values["customer_type_id"]; ok && v != "" {
		if _, known := customerTypes[v]; !known {
			msgs = append(msgs, "Customer type does not exist")
		}
	}
	for _, name := range []string{"birthdate", "birthday"} {
		if v, ok := values[name]; ok && v != "" {
			if _, err := time.Parse(time.DateOnly, v); err != nil {
				msgs = append(msgs, fmt.Sprintf("%s is not a date (YYYY-MM-DD)", capitalise(name)))
			}
		}
	}
	if v, ok := values["email"]; ok && v != "" {
		if _, err := mail.ParseAddress(v); err != nil {
			msgs = append(msgs, "Email is invalid")
		}
	}
	if len(msgs) > 0 {
		return &InvalidError{Messages: msgs}
	}
	return nil
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// lastUpdated is the newest updated_at, zero for an empty store.
func (s *store) lastUpdated() time.Time {
	var last time.Time
	for _, r := range s.byID {
		if r.updatedAt.After(last) {
			last = r.updatedAt
		}
	}
	return last
}
