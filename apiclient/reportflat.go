package apiclient

import "loyaltydesk/apiclient/wire"

// reportFlatNames are the plain field names in the order of their bits
// (bCode …): a report item made of these leaves only, each once, is
// decoded by the stream straight into strings (wire.StreamXMLFlat).
var reportFlatNames = []string{
	"code", "customer_code", "card_number", "first_name", "last_name", "phone", "email",
	"street1", "address1", "street2", "address2", "city", "state", "postal_code", "zip",
	"country", "custom_date", "custom_field", "custom1", "customer_username",
}

// reportFlat gives each flat report item to handle as the Customer
// reportCustomer would make of its node. An item with both spellings of
// a field is left to the node path (customerFromNode decides there).
func reportFlat(handle func(root *wire.Node, c Customer) error) *wire.FlatItem {
	return &wire.FlatItem{Names: reportFlatNames, Fn: func(root *wire.Node, vals []string, seen uint64) (bool, error) {
		for _, pair := range spellings {
			if uint32(seen)&pair == pair {
				return false, nil
			}
		}
		var c Customer
		fields := flatFields(&c)
		for k, v := range vals {
			if v != "" {
				*fields[k] = v
			}
		}
		return true, handle(root, c)
	}}
}

// flatFields are c's fields in the order of reportFlatNames.
func flatFields(c *Customer) [20]*string {
	return [20]*string{
		&c.Code, &c.Code, &c.CardNumber, &c.FirstName, &c.LastName, &c.Phone, &c.Email,
		&c.Street1, &c.Street1, &c.Street2, &c.Street2, &c.City, &c.State, &c.PostalCode, &c.PostalCode,
		&c.Country, &c.CustomDate, &c.CustomField, &c.CustomField, &c.Username,
	}
}
