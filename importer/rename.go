package importer

import (
	"fmt"
	"slices"
	"strings"

	"loyaltydesk/apiclient"
)

// Rename is a matched row that would give an existing customer a clearly
// different first and last name (card 11111111: "Jane Doe" → "Jasmine
// Flores"): perhaps a card handed on, perhaps a row matched to the wrong
// customer. Such rows get their own "is this the same person?" choice.
type Rename struct {
	Row, Line     int
	Code          string // the matched customer's
	MatchedBy     string // "code" or "card_number"
	Key           string // the code or card number matched on
	Before, After string // "First Last"
}

// Renames lists the matched rows that, in the mode, would replace the
// customer's first and last names with clearly different ones. Mode
// ignore changes no one. The list is worked out once per mode (a screen
// asks for it on every frame; 100,000 matched rows take about 100 ms).
func (pv *Preview) Renames(mode apiclient.DuplicateMode) []Rename {
	pv.renamesMu.Lock()
	defer pv.renamesMu.Unlock()
	if r, ok := pv.renamesBy[mode]; ok {
		return r
	}
	if pv.renamesBy == nil {
		pv.renamesBy = map[apiclient.DuplicateMode][]Rename{}
	}
	r := pv.findRenames(mode)
	pv.renamesBy[mode] = r
	return r
}

func (pv *Preview) findRenames(mode apiclient.DuplicateMode) []Rename {
	first, last := slices.Index(pv.job.headers, "first_name"), slices.Index(pv.job.headers, "last_name")
	if first < 0 || last < 0 || (mode != apiclient.Overwrite && mode != apiclient.Update) {
		return nil
	}
	var out []Rename
	vals := make([]string, 0, len(pv.job.headers))
	for _, m := range pv.matches {
		row := int(m.row)
		cust := &pv.ex.customers[m.cust]
		vals = pv.job.rowValues(row, vals)
		af, al := vals[first], vals[last]
		if !renames(cust.FirstName, cust.LastName, af, al) {
			continue
		}
		r := Rename{Row: row, Line: pv.job.plan.table.Line(row), Code: cust.Code, MatchedBy: "code", Key: cust.Code,
			Before: strings.TrimSpace(cust.FirstName + " " + cust.LastName), After: strings.TrimSpace(af + " " + al)}
		if m.byCard {
			r.MatchedBy, r.Key = "card_number", cust.CardNumber
		}
		out = append(out, r)
	}
	return out
}

// renames tells whether first and last names (bf, bl) → (af, al) are a
// different person: both names change, and neither is the other written
// differently (case, accents, a typo, a short form, a name added) or the
// two swapped.
func renames(bf, bl, af, al string) bool {
	bf, bl, af, al = normalizeName(bf), normalizeName(bl), normalizeName(af), normalizeName(al)
	if af == "" || al == "" || (bf == "" && bl == "") {
		return false
	}
	if bf == al && bl == af {
		return false
	}
	return !sameName(bf, af) && !sameName(bl, al)
}

// sameName tells two spellings of one name apart from two names.
func sameName(a, b string) bool {
	if a == "" || b == "" || strings.HasPrefix(a, b) || strings.HasPrefix(b, a) ||
		strings.Contains(a, b) || strings.Contains(b, a) {
		return true
	}
	return editDistance(a, b, 2) <= min(2, max(len(a), len(b))/4)
}

// SetAside returns a job that does not send the given rows: they go to
// the rejected file with the reason. The rows set aside are part of the
// import's identity.
func (j *Job) SetAside(rows []int, reason func(row int) string) (*Job, error) {
	if len(rows) == 0 {
		return j, nil
	}
	out := *j
	out.aside = make(map[int32]string, len(j.aside)+len(rows))
	for r, why := range j.aside {
		out.aside[r] = why
	}
	for _, r := range rows {
		out.aside[int32(r)] = reason(r)
	}
	out.rows = slices.DeleteFunc(slices.Clone(j.rows), func(r int32) bool { _, gone := out.aside[r]; return gone })
	if len(out.rows) == 0 {
		return nil, ErrNothingToSend
	}
	out.genRows = 0
	if !j.opts.NoGeneratedCodes {
		for _, r := range out.rows {
			if j.plan.keyless(int(r)) {
				out.genRows++
			}
		}
	}
	out.id = out.identity()
	return &out, nil
}

// SetAsideRenames sets aside the rows of renames, each with its reason.
func (j *Job) SetAsideRenames(renames []Rename) (*Job, error) {
	why := map[int]string{}
	rows := make([]int, len(renames))
	for i, r := range renames {
		rows[i] = r.Row
		why[r.Row] = fmt.Sprintf("set aside: would rename customer %s from %q to %q; is this the same person? "+
			"Check, then import the row on its own", r.Code, r.Before, r.After)
	}
	return j.SetAside(rows, func(row int) string { return why[row] })
}

// SetAsideRows returns the rows set aside before sending.
func (j *Job) SetAsideRows() int { return len(j.aside) }

// CountsSettingAsideRenames returns what the mode does when the rows that
// would rename customers in that mode are set aside: the counts of the job
// SetAsideRenames returns, without building it. Renamed rows are matched
// rows, so only the mode's matched count changes.
func (pv *Preview) CountsSettingAsideRenames(mode apiclient.DuplicateMode) ModeCounts {
	mc := pv.Counts(mode)
	n := len(pv.Renames(mode))
	switch mode {
	case apiclient.Overwrite:
		mc.Overwritten -= n
	case apiclient.Update:
		mc.Updated -= n
	}
	return mc
}
