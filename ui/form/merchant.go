package form

import "loyaltydesk/apiclient"

// MerchantField gives a field the merchant set up (a custom customer field
// or a transaction field, as manage_fields and transaction_fields list
// them) the input of its type, under section. Labels are sanitised when
// drawn, like every label.
func MerchantField(d apiclient.FieldDef, section string) Field {
	f := Field{Key: d.Name, Label: d.Title(), Section: section, Required: d.Required}
	switch d.Type {
	case apiclient.FieldDate:
		f.Kind = Date
	case apiclient.FieldPick:
		f.Kind, f.Options = Choice, Options(d.Choices...)
	case apiclient.FieldList:
		f.Kind, f.Options = MultiChoice, Options(d.Choices...)
	}
	return f
}
