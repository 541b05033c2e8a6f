package importer

import (
	"strings"

	"loyaltydesk/apiclient"
)

// standardLabels name the profile headers in plain words, for screens and
// messages, until the merchant's own labels (manage_fields) are known.
var standardLabels = map[string]string{
	"code": "Customer code", "card_number": "Card number", "first_name": "First name", "last_name": "Last name",
	"email": "Email", "phone": "Phone", "custom_date": "Custom date", "street1": "Street", "street2": "Street 2",
	"city": "City", "state": "State", "postal_code": "Postal code", "country": "Country", "custom_field": "Note",
	"customer_username": "Username", "customer_password": "Password", "customer_PIN": "PIN",
	"auto_add": "Points to add",
}

// Of returns the label of a profile header: the merchant's, else the
// standard one ("" for "").
func (l Labels) Of(header string) string {
	if header == "" {
		return ""
	}
	if s := l[header]; s != "" {
		return s
	}
	if s := standardLabels[header]; s != "" {
		return s
	}
	return header
}

// LabelsFrom takes the merchant's labels of the profile fields from the
// account's field list (manage_fields).
func LabelsFrom(defs []apiclient.FieldDef) Labels {
	l := Labels{}
	for _, d := range defs {
		if label := strings.TrimSpace(d.Label); label != "" && isProfileHeader(d.Name) {
			l[d.Name] = label
		}
	}
	return l
}
