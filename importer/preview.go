package importer

import (
	"context"
	"slices"
	"sync"

	"loyaltydesk/apiclient"
)

// ReportFunc streams the account's customers; (*apiclient.Client).
// CustomersReport is one.
type ReportFunc func(ctx context.Context, f apiclient.ReportFilter, fn func(apiclient.Customer) error) error

// Existing are the account's customers, indexed the way the server
// matches import rows: by code, and by card number.
type Existing struct {
	customers []apiclient.Customer
	byCode    map[string]int32
	byCard    map[string]int32 // severalHolders when more than one customer has the card
}

const severalHolders = -1

// LoadExisting reads every customer through the report (seed 000, no
// filter). progress, when set, is told the number read every 1,000.
func LoadExisting(ctx context.Context, report ReportFunc, progress func(loaded int)) (*Existing, error) {
	var cs []apiclient.Customer
	err := report(ctx, apiclient.ReportFilter{}, func(c apiclient.Customer) error {
		cs = append(cs, c)
		if len(cs)%1000 == 0 {
			if progress != nil {
				progress(len(cs))
			}
			return ctx.Err()
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return NewExisting(cs), nil
}

// NewExisting indexes customers already in memory.
func NewExisting(cs []apiclient.Customer) *Existing {
	e := &Existing{customers: cs, byCode: make(map[string]int32, len(cs)), byCard: make(map[string]int32, len(cs))}
	for i, c := range cs {
		e.byCode[c.Code] = int32(i)
		if c.CardNumber == "" {
			continue
		}
		if _, held := e.byCard[c.CardNumber]; held {
			e.byCard[c.CardNumber] = severalHolders
		} else {
			e.byCard[c.CardNumber] = int32(i)
		}
	}
	return e
}

// Len returns the number of customers.
func (e *Existing) Len() int { return len(e.customers) }

// Preview is what each duplicate mode would do with a job's rows, given
// the customers that exist now. It follows the server: a row with a code is
// matched by code only; a row without one by its card number, and a card
// number several customers hold makes the server refuse the row.
type Preview struct {
	job       *Job
	ex        *Existing
	matches   []match
	fresh     int
	ambiguous []int
	at        []int // by profileFields: index in the job's headers, or -1
	autoAt    int

	renamesMu sync.Mutex
	renamesBy map[apiclient.DuplicateMode][]Rename
}

type match struct {
	row, cust int32
	byCard    bool
}

// ModeCounts is what one duplicate mode does to the rows sent.
type ModeCounts struct {
	Mode apiclient.DuplicateMode
	// New rows match no customer and create one.
	New int
	// Matched rows are Overwritten (yes), Updated (update) or Skipped
	// (ignore); the other two are 0.
	Overwritten, Updated, Skipped int
	// Ambiguous rows have a card number several customers hold and no
	// code: the server refuses them (Upload sets them aside).
	Ambiguous int
}

// Preview matches the job's rows against the existing customers.
func (j *Job) Preview(ex *Existing) *Preview {
	pv := &Preview{job: j, ex: ex, autoAt: slices.Index(j.headers, "auto_add")}
	for _, f := range profileFields {
		pv.at = append(pv.at, slices.Index(j.headers, f.header))
	}
	p := j.plan
	hash := p.table.ContentHash()
	for _, r := range j.rows {
		i := int(r)
		code := ""
		if p.codeCol >= 0 {
			code = string(trimmed(p.table.field(i, p.codeCol)))
		}
		if code == "" && !j.opts.NoGeneratedCodes && p.keyless(i) {
			code = GeneratedCode(hash, i)
		}
		if code != "" {
			if c, ok := ex.byCode[code]; ok {
				pv.matches = append(pv.matches, match{row: r, cust: c})
			} else {
				pv.fresh++
			}
			continue
		}
		card := ""
		if p.cardCol >= 0 {
			card = string(trimmed(p.table.field(i, p.cardCol)))
		}
		switch c, ok := ex.byCard[card]; {
		case card == "" || !ok:
			pv.fresh++
		case c == severalHolders:
			pv.ambiguous = append(pv.ambiguous, i)
		default:
			pv.matches = append(pv.matches, match{row: r, cust: c, byCard: true})
		}
	}
	return pv
}

// Counts returns what the mode does.
func (pv *Preview) Counts(mode apiclient.DuplicateMode) ModeCounts {
	mc := ModeCounts{Mode: mode, New: pv.fresh, Ambiguous: len(pv.ambiguous)}
	switch mode {
	case apiclient.Overwrite:
		mc.Overwritten = len(pv.matches)
	case apiclient.Update:
		mc.Updated = len(pv.matches)
	default:
		mc.Skipped = len(pv.matches)
	}
	return mc
}

// Matched returns the number of rows that match a customer.
func (pv *Preview) Matched() int { return len(pv.matches) }

// Ambiguous returns the table rows whose card number several customers hold.
func (pv *Preview) Ambiguous() []int { return pv.ambiguous }

// RowDiff is what one mode does to the customer one row matches.
type RowDiff struct {
	Row, Line int
	// Code is the matched customer's; MatchedBy is "code" or "card_number".
	Code, MatchedBy string
	Changes         []Change
	// AutoAdd is the amount added to the first campaign ("" for none).
	AutoAdd string
	// ClearsUnseen is set in mode yes (overwrite): the customer's numbered
	// custom fields, which the report does not show, are blanked too.
	ClearsUnseen bool
}

// Change is one field of a customer before and after the import.
type Change struct {
	Field         string // profile header
	Before, After string
	// BeforeUnknown marks fields the report does not show (password, PIN).
	BeforeUnknown bool
	// Secret fields show only SecretSet or "" as After.
	Secret bool
	// Generated marks a card number the server will generate (After "").
	Generated bool
}

// SecretSet stands for a password or PIN value in a Change.
const SecretSet = "(set)"

// profileFields are the fields a matched customer may change, in
// ProfileHeaders order, and how to read them from the report.
var profileFields = []struct {
	header string
	get    func(*apiclient.Customer) string // nil: the report does not show it
}{
	{"card_number", func(c *apiclient.Customer) string { return c.CardNumber }},
	{"first_name", func(c *apiclient.Customer) string { return c.FirstName }},
	{"last_name", func(c *apiclient.Customer) string { return c.LastName }},
	{"email", func(c *apiclient.Customer) string { return c.Email }},
	{"phone", func(c *apiclient.Customer) string { return c.Phone }},
	{"custom_date", func(c *apiclient.Customer) string { return c.CustomDate }},
	{"street1", func(c *apiclient.Customer) string { return c.Street1 }},
	{"street2", func(c *apiclient.Customer) string { return c.Street2 }},
	{"city", func(c *apiclient.Customer) string { return c.City }},
	{"state", func(c *apiclient.Customer) string { return c.State }},
	{"postal_code", func(c *apiclient.Customer) string { return c.PostalCode }},
	{"country", func(c *apiclient.Customer) string { return c.Country }},
	{"custom_field", func(c *apiclient.Customer) string { return c.CustomField }},
	{"customer_username", func(c *apiclient.Customer) string { return c.Username }},
	{"customer_password", nil},
	{"customer_PIN", nil},
}

// Diff returns what the mode does to the customer the i-th matched row
// (0 ≤ i < Matched) matches. Overwrite blanks every field the import does
// not give; update changes only the fields imported; ignore changes
// nothing. With Options.KeepBlanks, update leaves the fields of blank
// cells as they are. When card numbers are generated, a customer left
// without one gets one.
func (pv *Preview) Diff(mode apiclient.DuplicateMode, i int) RowDiff {
	m := pv.matches[i]
	row := int(m.row)
	cust := &pv.ex.customers[m.cust]
	d := RowDiff{Row: row, Line: pv.job.plan.table.Line(row), Code: cust.Code, MatchedBy: "code"}
	if m.byCard {
		d.MatchedBy = "card_number"
	}
	if mode != apiclient.Overwrite && mode != apiclient.Update {
		return d
	}
	d.ClearsUnseen = mode == apiclient.Overwrite
	vals := pv.job.rowValues(row, make([]string, 0, len(pv.job.headers)))
	keepBlanks := pv.job.keepsBlanks(mode)
	for k, f := range profileFields {
		after, given := "", pv.at[k] >= 0
		if given {
			after = vals[pv.at[k]]
			given = after != "" || !keepBlanks
		}
		if !given && mode == apiclient.Update && f.header != "card_number" {
			continue
		}
		if c, changed := pv.change(f.header, f.get, cust, after, given, mode); changed {
			d.Changes = append(d.Changes, c)
		}
	}
	if pv.autoAt >= 0 {
		d.AutoAdd = vals[pv.autoAt]
	}
	return d
}

func (pv *Preview) change(field string, get func(*apiclient.Customer) string, cust *apiclient.Customer,
	after string, given bool, mode apiclient.DuplicateMode) (Change, bool) {
	c := Change{Field: field, After: after}
	if get == nil {
		c.BeforeUnknown, c.Secret = true, true
		if after != "" {
			c.After = SecretSet
		}
		return c, true
	}
	c.Before = get(cust)
	if field == "card_number" {
		if !given && mode == apiclient.Update {
			c.After = c.Before
		}
		if c.After == "" && pv.job.opts.CardNumberGenerate > 0 {
			c.Generated = true
			return c, true
		}
	}
	return c, c.Before != c.After
}
