package imonggo

import (
	"strings"
	"unicode"
)

// ProfileHeaders are the loyalty batch-import columns (names of
// apiclient.ProfileHeaders) an Imonggo customer fills, in the order of
// ProfileRow.
var ProfileHeaders = []string{
	"code", "first_name", "last_name", "email", "phone", "street1", "city", "state",
	"postal_code", "country", "custom_date",
}

// ProfileRows turns customers into the header names and rows of a loyalty
// batch import.
func ProfileRows(customers []Customer) (headers []string, rows [][]string) {
	rows = make([][]string, 0, len(customers))
	for _, c := range customers {
		rows = append(rows, ProfileRow(c))
	}
	return append([]string(nil), ProfileHeaders...), rows
}

// ProfileRow maps one customer onto ProfileHeaders: mobile (else telephone)
// is the phone, birthdate (else birthday) the custom date, and when neither
// first nor last name is set the name is split at its first space (as the
// service itself splits "John Smith"). Line breaks and tabs become spaces:
// the batch format has no quoting.
func ProfileRow(c Customer) []string {
	first, last := names(c)
	return []string{
		clean(c.Code), oneLine(first), oneLine(last), clean(c.Email),
		clean(firstSet(c.Mobile, c.Telephone)),
		clean(c.Street), clean(c.City), clean(c.State), clean(c.Zipcode), clean(c.Country),
		dateText(c),
	}
}

func names(c Customer) (first, last string) {
	if c.FirstName != nil || c.LastName != nil {
		return deref(c.FirstName), deref(c.LastName)
	}
	first, last, _ = strings.Cut(strings.TrimSpace(deref(c.Name)), " ")
	return first, last
}

func dateText(c Customer) string {
	switch {
	case c.Birthdate != nil:
		return c.Birthdate.String()
	case c.Birthday != nil:
		return c.Birthday.String()
	}
	return ""
}

// firstSet returns the first non-blank value.
func firstSet(ps ...*string) *string {
	for _, p := range ps {
		if p != nil && strings.TrimSpace(*p) != "" {
			return p
		}
	}
	return nil
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func clean(p *string) string { return oneLine(deref(p)) }

func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// SplitCodeless sets aside customers without a code. Imported without one,
// each would get a code derived from this sync's data, and a later sync's
// data would give the same customer another.
func SplitCodeless(cs []Customer) (withCode, codeless []Customer) {
	for _, c := range cs {
		if c.Code != nil && strings.TrimSpace(*c.Code) != "" {
			withCode = append(withCode, c)
		} else {
			codeless = append(codeless, c)
		}
	}
	return withCode, codeless
}

// SourceLabel names the import source of an account's changes, so the
// journals of its imports can be found again.
func SourceLabel(account string) string { return "imonggo-" + account }
