package apiclient

import "loyaltydesk/apiclient/wire"

// reportCustomer is customerFromNode for the report's items, in one pass
// over the children instead of a search per field. An item it cannot read
// that way (a name it does not know, a repeated name, both spellings of a
// field, children) goes to customerFromNode, so the result is the same.
func reportCustomer(n *wire.Node) Customer {
	var r reportFields
	return r.customer(n)
}

// reportFields reads a report's items, remembering which field the child
// at each place named last time: items repeat their names in the same
// order, and the fast scanner's names are shared strings, so the check is
// mostly a pointer compare instead of a search through the names.
type reportFields struct {
	names [maxPlaces]string
	ids   [maxPlaces]fieldID
}

const maxPlaces = 32

func (r *reportFields) customer(n *wire.Node) Customer {
	var c Customer
	var seen uint32
	for k, ch := range n.Children {
		id := r.field(k, ch.Name)
		bit := uint32(1) << id
		if id == noField || seen&bit != 0 || len(ch.Children) > 0 {
			return customerFromNode(n)
		}
		seen |= bit
		*customerField(&c, id) = ch.Text
	}
	for _, pair := range spellings {
		if seen&pair == pair {
			return customerFromNode(n)
		}
	}
	return c
}

func (r *reportFields) field(k int, name string) fieldID {
	if k >= maxPlaces {
		return fieldNamed(name)
	}
	if r.names[k] != name || r.names[k] == "" {
		r.names[k], r.ids[k] = name, fieldNamed(name)
	}
	return r.ids[k]
}

// One field ID per name, and one bit per ID, so that a repeat or two
// spellings of a field are seen.
type fieldID uint8

const (
	fCode fieldID = iota
	fCustomerCode
	fCard
	fFirst
	fLast
	fPhone
	fEmail
	fStreet1
	fAddress1
	fStreet2
	fAddress2
	fCity
	fState
	fPostalCode
	fZip
	fCountry
	fCustomDate
	fCustomField
	fCustom1
	fUsername
	noField fieldID = 31
)

const (
	bCode         = 1 << fCode
	bCustomerCode = 1 << fCustomerCode
	bStreet1      = 1 << fStreet1
	bAddress1     = 1 << fAddress1
	bStreet2      = 1 << fStreet2
	bAddress2     = 1 << fAddress2
	bPostalCode   = 1 << fPostalCode
	bZip          = 1 << fZip
	bCustomField  = 1 << fCustomField
	bCustom1      = 1 << fCustom1
)

var spellings = []uint32{bCode | bCustomerCode, bStreet1 | bAddress1, bStreet2 | bAddress2, bPostalCode | bZip, bCustomField | bCustom1}

// fieldNamed is the plain customer field a child's name holds (both the
// report's and customer_info's names), or noField.
func fieldNamed(name string) fieldID {
	switch name {
	case "customer_code":
		return fCustomerCode
	case "code":
		return fCode
	case "card_number":
		return fCard
	case "first_name":
		return fFirst
	case "last_name":
		return fLast
	case "phone":
		return fPhone
	case "email":
		return fEmail
	case "address1":
		return fAddress1
	case "street1":
		return fStreet1
	case "address2":
		return fAddress2
	case "street2":
		return fStreet2
	case "city":
		return fCity
	case "state":
		return fState
	case "zip":
		return fZip
	case "postal_code":
		return fPostalCode
	case "country":
		return fCountry
	case "custom_date":
		return fCustomDate
	case "custom1":
		return fCustom1
	case "custom_field":
		return fCustomField
	case "customer_username":
		return fUsername
	}
	return noField
}

// customerField is where the text of field id goes.
func customerField(c *Customer, id fieldID) *string {
	switch id {
	case fCode, fCustomerCode:
		return &c.Code
	case fCard:
		return &c.CardNumber
	case fFirst:
		return &c.FirstName
	case fLast:
		return &c.LastName
	case fPhone:
		return &c.Phone
	case fEmail:
		return &c.Email
	case fStreet1, fAddress1:
		return &c.Street1
	case fStreet2, fAddress2:
		return &c.Street2
	case fCity:
		return &c.City
	case fState:
		return &c.State
	case fPostalCode, fZip:
		return &c.PostalCode
	case fCountry:
		return &c.Country
	case fCustomDate:
		return &c.CustomDate
	case fCustomField, fCustom1:
		return &c.CustomField
	}
	return &c.Username
}
