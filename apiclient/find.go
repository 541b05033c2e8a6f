package apiclient

import (
	"context"
	"strings"
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
