package apiclient

import (
	"context"
	"strings"

	"loyaltydesk/apiclient/wire"
)

// CustomerFind finds customers by free text (customer_find's
// find_customer: a space means AND, a comma OR), without balances: the
// search's fallback while the local index is not there yet.
func (c *Client) CustomerFind(ctx context.Context, text string) ([]Customer, error) {
	const op = "customer find"
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, invalid("find_customer", "type something to find")
	}
	form := c.form("customer_find", authPassword)
	form.Set("find_customer", text)
	root, err := c.call(ctx, op, form)
	if err != nil {
		return nil, err
	}
	return customerList(root), nil
}

// customerList reads the customers of a search answer.
//
// ⚑ customer_find and customer_search answer <customers><customer>…
// </customer>…</customers>, each customer as customer_info writes it; a
// list of <customer> straight under the response is read too.
func customerList(root *wire.Node) []Customer {
	list := root.Child("customers")
	if list == nil {
		list = root
	}
	var out []Customer
	for _, n := range list.All("customer") {
		out = append(out, customerFromNode(n))
	}
	return out
}
