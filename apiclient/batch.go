package apiclient

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Delimiter is the column separator of a batch import.
type Delimiter string

// The delimiters customers_batch accepts.
const (
	DelimPipe  Delimiter = "pipe"
	DelimComma Delimiter = "comma"
	DelimTab   Delimiter = "tab"
)

// Char returns the character the delimiter stands for.
func (d Delimiter) Char() string {
	switch d {
	case DelimComma:
		return ","
	case DelimTab:
		return "\t"
	}
	return "|"
}

// DuplicateMode is overwrite_duplicates: what an import does to a customer
// that already exists.
type DuplicateMode string

// The duplicate modes of seed 001.
const (
	// Overwrite blanks every field of a matched customer, then sets what is imported.
	Overwrite DuplicateMode = "yes"
	// Update changes only the imported fields of a matched customer.
	Update DuplicateMode = "update"
	// Ignore leaves a matched customer untouched and skips the row.
	Ignore DuplicateMode = "ignore"
)

// ProfileHeaders are the column names a batch import accepts, in the order of seed 001.
var ProfileHeaders = []string{
	"code", "card_number", "first_name", "last_name", "email", "phone",
	"custom_date", "street1", "street2", "city", "state", "postal_code",
	"country", "custom_field", "customer_username", "customer_password",
	"customer_PIN", "auto_add",
}

// BatchRequest is one customers_batch call.
type BatchRequest struct {
	Delimiter Delimiter
	// Headers name the columns of Rows, in order; they are sent as
	// profiles_header_1..N.
	Headers []string
	Rows    [][]string
	// Duplicates is overwrite_duplicates; empty leaves it to the server.
	Duplicates         DuplicateMode
	NoUndo             bool
	CardNumberGenerate int
	Campaigns          []string
}

// BatchResult is the answer of customers_batch.
type BatchResult struct {
	Status  string
	New     int
	Updated int
}

// ImportBatch sends one batch of customers.
func (c *Client) ImportBatch(ctx context.Context, r BatchRequest) (BatchResult, error) {
	const op = "batch import"
	form := c.form("customers_batch", authPassword)
	data, err := r.encode()
	if err != nil {
		return BatchResult{}, err
	}
	form.Set("delimiter", string(r.delimiter()))
	for i, h := range r.Headers {
		form.Set("profiles_header_"+strconv.Itoa(i+1), h)
	}
	form.Set("Profiles_Data", data)
	if r.Duplicates != "" {
		form.Set("overwrite_duplicates", string(r.Duplicates))
	}
	if r.NoUndo {
		form.Set("no_undo", "yes")
	}
	if r.CardNumberGenerate > 0 {
		form.Set("card_number_generate", strconv.Itoa(r.CardNumberGenerate))
	}
	form.Set("campaigns_to_include", strings.Join(r.Campaigns, "|,|"))
	root, err := c.call(ctx, op, form)
	if err != nil {
		return BatchResult{}, err
	}
	// Found by descent: the documents' own sample nests these loosely.
	res := BatchResult{Status: root.Child("batch").Attr("status")}
	if n := root.Find("new"); n != nil {
		res.New = atoi(n.Text)
	}
	if n := root.Find("updated"); n != nil {
		res.Updated = atoi(n.Text)
	}
	return res, nil
}

func (r BatchRequest) delimiter() Delimiter {
	if r.Delimiter == "" {
		return DelimPipe
	}
	return r.Delimiter
}

// encode checks the request and returns Profiles_Data: one line a row, no
// quoting (the API has none), so no value may hold the delimiter or a newline.
func (r BatchRequest) encode() (string, error) {
	if err := r.check(); err != nil {
		return "", err
	}
	sep := r.delimiter().Char()
	var b strings.Builder
	for i, row := range r.Rows {
		if len(row) != len(r.Headers) {
			return "", invalid("Profiles_Data", "row %d has %d values for %d headers", i+1, len(row), len(r.Headers))
		}
		for j, v := range row {
			if err := checkBatchValue(r.Headers[j], v, sep, i+1, r.delimiter()); err != nil {
				return "", err
			}
			if j > 0 {
				b.WriteString(sep)
			}
			b.WriteString(v)
		}
		b.WriteByte('\n')
	}
	return b.String(), nil
}

// checkBatchValue refuses a value the API cannot carry or would refuse.
// The value itself is not quoted: it may be a PIN or a password.
func checkBatchValue(header, v, sep string, row int, d Delimiter) error {
	switch {
	case strings.Contains(v, sep) || strings.ContainsAny(v, "\r\n"):
		return invalid(header, "row %d: the value holds the %s delimiter or a line break, which the API cannot carry", row, d)
	case header == FPIN && !allDigits(v):
		return invalid(header, "row %d: the PIN must be digits only", row)
	case header == FCustomDate && v != "" && !IsISODate(v):
		return invalid(header, "row %d: not a date in YYYY-MM-DD form", row)
	}
	return nil
}

func (r BatchRequest) check() error {
	switch r.delimiter() {
	case DelimPipe, DelimComma, DelimTab:
	default:
		return invalid("delimiter", "must be pipe, comma or tab, not %q", r.Delimiter)
	}
	switch r.Duplicates {
	case "", Overwrite, Update, Ignore:
	default:
		return invalid("overwrite_duplicates", "must be yes, update or ignore, not %q", r.Duplicates)
	}
	if len(r.Headers) == 0 {
		return invalid("profiles_header_1", "at least one column is required")
	}
	seen := map[string]bool{}
	for i, h := range r.Headers {
		if h == "" {
			return invalid(fmt.Sprintf("profiles_header_%d", i+1), "column %d has no header (numbering may not skip)", i+1)
		}
		if !slices.Contains(ProfileHeaders, h) {
			return invalid(h, "is not a profile header")
		}
		if seen[h] {
			return invalid(h, "is mapped twice")
		}
		seen[h] = true
	}
	if len(r.Rows) == 0 {
		return invalid("Profiles_Data", "no rows to import")
	}
	return checkIDList("campaigns_to_include", r.Campaigns)
}
