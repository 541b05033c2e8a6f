package apiclient

import (
	"strconv"
	"strings"

	"loyaltydesk/apiclient/wire"
)

// customerFromNode reads a <customer> of customer_info or of the customers
// report; the report names some fields differently (address1, zip, custom1,
// customer_code), and both spellings are accepted.
func customerFromNode(n *wire.Node) Customer {
	c := Customer{
		Code:        first(n, "code", "customer_code"),
		CardNumber:  n.Get("card_number"),
		FirstName:   n.Get("first_name"),
		LastName:    n.Get("last_name"),
		Phone:       n.Get("phone"),
		Email:       n.Get("email"),
		Street1:     first(n, "street1", "address1"),
		Street2:     first(n, "street2", "address2"),
		City:        n.Get("city"),
		State:       n.Get("state"),
		PostalCode:  first(n, "postal_code", "zip"),
		Country:     n.Get("country"),
		CustomDate:  n.Get("custom_date"),
		CustomField: first(n, "custom_field", "custom1"),
		Username:    n.Get("customer_username"),
		Registered:  yes(n.Get("registered")),
	}
	for _, child := range n.Children {
		if num, ok := customFieldNumber(child.Name); ok {
			if c.CustomFields == nil {
				c.CustomFields = map[int]string{}
			}
			c.CustomFields[num] = child.Text
		}
	}
	c.Campaigns = balancesFromNode(n.Child("campaigns"))
	return c
}

// CustomFieldKey is the form name of custom field number n.
func CustomFieldKey(n int) string { return "custom_field_" + strconv.Itoa(n) }

func customFieldNumber(name string) (int, bool) {
	rest, ok := strings.CutPrefix(name, "custom_field_")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(rest)
	return n, err == nil && n > 0
}

func first(n *wire.Node, names ...string) string {
	for _, name := range names {
		if c := n.Child(name); c != nil {
			return c.Text
		}
	}
	return ""
}

func yes(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "y", "yes", "true", "1":
		return true
	}
	return false
}

func atoi(s string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(s))
	return n
}
