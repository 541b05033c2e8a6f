package apiclient

import "loyaltydesk/apiclient/wire"

// reportCustomer is customerFromNode for the report's items, in one pass
// over the children instead of a search per field. An item it cannot read
// that way (a name it does not know, a repeated name, both spellings of a
// field, children) goes to customerFromNode, so the result is the same.
func reportCustomer(n *wire.Node) Customer {
	var c Customer
	var seen uint32
	for _, ch := range n.Children {
		field, bit := plainField(&c, ch.Name)
		if field == nil || seen&bit != 0 || len(ch.Children) > 0 {
			return customerFromNode(n)
		}
		seen |= bit
		*field = ch.Text
	}
	for _, pair := range spellings {
		if seen&pair == pair {
			return customerFromNode(n)
		}
	}
	return c
}

// One bit per name, so that a repeat or two spellings of a field are seen.
const (
	bCode uint32 = 1 << iota
	bCustomerCode
	bCard
	bFirst
	bLast
	bPhone
	bEmail
	bStreet1
	bAddress1
	bStreet2
	bAddress2
	bCity
	bState
	bPostalCode
	bZip
	bCountry
	bCustomDate
	bCustomField
	bCustom1
	bUsername
)

var spellings = []uint32{bCode | bCustomerCode, bStreet1 | bAddress1, bStreet2 | bAddress2, bPostalCode | bZip, bCustomField | bCustom1}

// plainField is where the text of a plain customer field goes (both the
// report's and customer_info's names), or nil.
func plainField(c *Customer, name string) (*string, uint32) {
	switch name {
	case "customer_code":
		return &c.Code, bCustomerCode
	case "code":
		return &c.Code, bCode
	case "card_number":
		return &c.CardNumber, bCard
	case "first_name":
		return &c.FirstName, bFirst
	case "last_name":
		return &c.LastName, bLast
	case "phone":
		return &c.Phone, bPhone
	case "email":
		return &c.Email, bEmail
	case "address1":
		return &c.Street1, bAddress1
	case "street1":
		return &c.Street1, bStreet1
	case "address2":
		return &c.Street2, bAddress2
	case "street2":
		return &c.Street2, bStreet2
	case "city":
		return &c.City, bCity
	case "state":
		return &c.State, bState
	case "zip":
		return &c.PostalCode, bZip
	case "postal_code":
		return &c.PostalCode, bPostalCode
	case "country":
		return &c.Country, bCountry
	case "custom_date":
		return &c.CustomDate, bCustomDate
	case "custom1":
		return &c.CustomField, bCustom1
	case "custom_field":
		return &c.CustomField, bCustomField
	case "customer_username":
		return &c.Username, bUsername
	}
	return nil, 0
}
