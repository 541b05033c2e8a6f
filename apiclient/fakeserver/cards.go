package fakeserver

import (
	"slices"
	"strings"

	"loyaltydesk/apiclient/wire"
)

// searchLimit caps customer_search's answer.
const searchLimit = 200

// searchFields are customer_search's per-field filters (custom_field_N too).
var searchFields = map[string]fieldIdx{
	"first_name": fFirstName, "last_name": fLastName, "phone": fPhone, "email": fEmail,
	"city": fCity, "state": fState, "postal_code": fPostalCode, "custom_date": fCustomDate,
	"customer_username": fUsername,
}

// customerSearch answers type=customer_search: every given filter must
// match; exact_match=sensitive|insensitive, omitted = partial (any case).
// ⚑ The answer is <customers><customer>…</customer>…</customers>.
func (st *store) customerSearch(c *call) (reply, error) {
	exact := strings.ToLower(strings.TrimSpace(c.get("exact_match")))
	if exact != "" && exact != "sensitive" && exact != "insensitive" {
		return reply{}, apiErrf("exact_match must be sensitive or insensitive, not %q", exact)
	}
	type filter struct {
		value string
		get   func(p *profile) string
	}
	var filters []filter
	for _, k := range sortedKeys(c.form) {
		v := c.get(k)
		if v == "" {
			continue
		}
		switch i, ok := searchFields[k]; {
		case k == "card_number":
			filters = append(filters, filter{v, func(p *profile) string { return p.card }})
		case ok:
			filters = append(filters, filter{v, func(p *profile) string { return p.f[i] }})
		case strings.HasPrefix(k, "custom_field_"):
			num, _, err := st.checkCustomField(k, "")
			if err != nil {
				return reply{}, err
			}
			filters = append(filters, filter{v, func(p *profile) string { return p.custom[num] }})
		}
	}
	if len(filters) == 0 {
		return reply{}, apiErr("give at least one field to search by")
	}
	match := func(have, want string) bool {
		switch exact {
		case "sensitive":
			return have == want
		case "insensitive":
			return strings.EqualFold(have, want)
		}
		return strings.Contains(strings.ToLower(have), strings.ToLower(want))
	}
	return st.customerList(c, func(rec *custRec) bool {
		return !slices.ContainsFunc(filters, func(f filter) bool { return !match(f.get(rec.p), f.value) })
	}), nil
}

// cardReplace answers type=card_replace: a new card number or code for the
// customer named by previous_code or previous_card. When another customer
// already holds the new card or code (a duplicate), the call is refused
// unless check_override=Y; then the two records become one: keep_which=
// matched (the default) keeps the named customer's details, duplicate the
// other's, and balances and history are added together.
// ⚑ The answer is <customer><code/><card_number/></customer>.
func (st *store) cardReplace(c *call) (reply, error) {
	rec, err := st.find(strings.TrimSpace(c.get("previous_code")), strings.TrimSpace(c.get("previous_card")))
	if err != nil {
		if !c.given("previous_code") && !c.given("previous_card") {
			return reply{}, apiErr("previous_code or previous_card is required")
		}
		return reply{}, err
	}
	keep := strings.ToLower(strings.TrimSpace(c.get("keep_which")))
	if keep != "" && keep != "matched" && keep != "duplicate" {
		return reply{}, apiErrf("keep_which must be matched or duplicate, not %q", keep)
	}
	newCard, newCode := strings.TrimSpace(c.get("new_card_number")), strings.TrimSpace(c.get("new_code"))
	digits, err := cardDigits(c)
	if err != nil {
		return reply{}, err
	}
	switch {
	case newCard == "" && newCode == "" && digits == 0:
		return reply{}, apiErr("new_card_number, new_code or card_number_generate is required")
	case newCard != "" && digits > 0:
		return reply{}, apiErr("give new_card_number or card_number_generate, not both")
	case digits > 0:
		if newCard, err = st.newCard(digits); err != nil {
			return reply{}, apiErr(err.Error())
		}
	}
	dup := st.duplicateOf(rec, newCard, newCode)
	if dup != nil && !isYes(c.get("check_override")) {
		what := "card number " + newCard
		if newCard == "" || !slices.Contains(st.byCard[newCard], dup) {
			what = "code " + newCode
		}
		return reply{}, apiErrf("The %s already belongs to another customer (%s %s); send check_override=Y to merge", what, dup.p.f[fFirstName], dup.p.f[fLastName])
	}
	kept := rec
	if dup != nil {
		kept = st.merge(rec, dup, keep == "duplicate")
	}
	p := kept.p.clone()
	if newCard != "" {
		p.card = newCard
	}
	if newCode != "" {
		p.code = newCode
	}
	p.changeID = st.nextID()
	st.setProfile(kept, p)
	n := wire.NewNode("customer").AddText("code", p.code).AddText("card_number", p.card)
	return reply{node: success().Add(n)}, nil
}

// duplicateOf is another customer holding the card or the code, if any.
func (st *store) duplicateOf(rec *custRec, card, code string) *custRec {
	if code != "" {
		if other := st.byCode[code]; other != nil && other != rec {
			return other
		}
	}
	for _, other := range st.byCard[card] {
		if other != rec {
			return other
		}
	}
	return nil
}

// merge makes two customers one and returns the one kept: the matched
// one, or the duplicate when keepDup. Balances add up, the history moves.
func (st *store) merge(matched, dup *custRec, keepDup bool) *custRec {
	kept, gone := matched, dup
	if keepDup {
		kept, gone = dup, matched
	}
	for ci := range kept.balance {
		kept.balance[ci] += gone.balance[ci]
		kept.enrolled[ci] = kept.enrolled[ci] || gone.enrolled[ci]
	}
	for _, ti := range gone.txns {
		st.txns[ti].cust = kept
	}
	kept.txns = append(kept.txns, gone.txns...)
	slices.Sort(kept.txns)
	st.remove(gone)
	return kept
}

// remove takes a customer out of the store and its indexes.
func (st *store) remove(rec *custRec) {
	if st.byCode[rec.p.code] == rec {
		delete(st.byCode, rec.p.code)
	}
	st.unindexCard(rec, rec.p.card)
	if i := slices.Index(st.customers, rec); i >= 0 {
		st.customers = slices.Delete(st.customers, i, i+1)
	}
}
