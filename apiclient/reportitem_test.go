package apiclient

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"loyaltydesk/apiclient/wire"
)

// reportCustomer reads what customerFromNode reads, for every shape.
func TestReportCustomerMatchesCustomerFromNode(t *testing.T) {
	item := func(kv ...string) *wire.Node {
		n := wire.NewNode("customer")
		for i := 0; i < len(kv); i += 2 {
			n.AddText(kv[i], kv[i+1])
		}
		return n
	}
	nested := item("first_name", "Jane")
	nested.Add(wire.NewNode("campaigns").Add(wire.NewNode("campaign").AddText("campaign_id", "7").AddText("balance", "3")))
	for name, n := range map[string]*wire.Node{
		"report":         item("first_name", "Jane", "last_name", "Doe", "address1", "1 Main", "zip", "6011", "custom1", "x", "customer_code", "42", "card_number", "1111"),
		"info":           item("code", "42", "street1", "1 Main", "postal_code", "6011", "custom_field", "y", "customer_username", "jd"),
		"both spellings": item("customer_code", "1", "code", "2", "address1", "a", "street1", "b"),
		"repeat":         item("first_name", "A", "first_name", "B"),
		"custom field":   item("first_name", "A", "custom_field_3", "blue"),
		"registered":     item("registered", "Y"),
		"children":       nested,
		"empty":          item(),
	} {
		assert.Equal(t, customerFromNode(n), reportCustomer(n), name)
	}
}
