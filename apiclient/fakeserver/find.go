package fakeserver

import (
	"strings"

	"loyaltydesk/apiclient/wire"
)

// customerFind answers type=customer_find: find_customer is a free text in
// which a space means AND and a comma OR; a word matches when it is part
// of the name, e-mail, phone, card number or code, in any case. The
// answer is customer_search's (customerList).
func (st *store) customerFind(c *call) (reply, error) {
	var groups [][]string
	for _, alt := range strings.Split(c.get("find_customer"), ",") {
		if words := strings.Fields(strings.ToLower(alt)); len(words) > 0 {
			groups = append(groups, words)
		}
	}
	if len(groups) == 0 {
		return reply{}, apiErr("find_customer is required")
	}
	return st.customerList(c, func(rec *custRec) bool { return findMatches(rec.p, groups) }), nil
}

// customerList is the answer of customer_search and customer_find: the
// first searchLimit customers that match, as customer_info writes them,
// with their balances on include_balances=Y.
// ⚑ <customers><customer>…</customer>…</customers>.
func (st *store) customerList(c *call, match func(*custRec) bool) reply {
	balances := isYes(c.get("include_balances"))
	list := wire.NewNode("customers")
	for _, rec := range st.customers {
		if len(list.Children) == searchLimit {
			break
		}
		if match(rec) {
			n := st.infoNode(rec, false)
			if balances {
				n.Add(st.balancesNode(rec, -1))
			}
			list.Add(n)
		}
	}
	return reply{node: success().Add(list)}
}

func findMatches(p *profile, groups [][]string) bool {
	text := strings.ToLower(strings.Join([]string{p.f[fFirstName], p.f[fLastName], p.f[fEmail], p.f[fPhone], p.card, p.code}, "\x00"))
	for _, words := range groups {
		all := true
		for _, w := range words {
			all = all && strings.Contains(text, w)
		}
		if all {
			return true
		}
	}
	return false
}
