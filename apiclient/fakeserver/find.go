package fakeserver

import (
	"strings"

	"loyaltydesk/apiclient/wire"
)

func init() { handlers["customer_find"] = (*store).customerFind }

// findLimit caps customer_find's answer.
const findLimit = 200

// customerFind answers type=customer_find: find_customer is a free text in
// which a space means AND and a comma OR; a word matches when it is part
// of the name, e-mail, phone, card number or code, in any case.
// ⚑ The answer is <customers><customer>…</customer>…</customers>, each
// customer with customer_info's names, balances only on include_balances=Y.
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
	list := wire.NewNode("customers")
	for _, rec := range st.customers {
		if len(list.Children) == findLimit {
			break
		}
		if findMatches(rec.p, groups) {
			list.Add(findNode(rec.p))
		}
	}
	return reply{node: success().Add(list)}, nil
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

func findNode(p *profile) *wire.Node {
	n := wire.NewNode("customer").AddText("code", p.code).AddText("card_number", p.card)
	for _, kv := range [...]struct {
		name string
		i    fieldIdx
	}{{"first_name", fFirstName}, {"last_name", fLastName}, {"phone", fPhone}, {"email", fEmail}, {"city", fCity}} {
		n.AddText(kv.name, p.f[kv.i])
	}
	return n
}
