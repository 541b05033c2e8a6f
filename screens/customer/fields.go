package customer

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"loyaltydesk/apiclient"
	"loyaltydesk/ui/form"
)

// Form keys that are not customer fields of apiclient.
const (
	kCode     = "code"
	kNewCode  = "new_code"
	kCard     = "card_number"
	kGenerate = "card_number_generate"
	// kEmailOwner asks the positive question; the API's send_no_email is
	// its opposite.
	kEmailOwner = "email_owner"
	kCampaigns  = "campaign_id"
	kAutoAdd    = "auto_add"
)

// secretKeys are never written to a draft, a log or the screen.
var secretKeys = []string{apiclient.FPassword, apiclient.FPIN}

var errCodeShape = errors.New("letters, digits, - and _ only")

func checkCode(s string) error {
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-' || r == '_') {
			return errCodeShape
		}
	}
	return nil
}

func checkGenerateDigits(s string) error {
	if n, err := strconv.Atoi(s); err != nil || n < 4 || n > 19 {
		return errors.New("a card number of 4 to 19 digits")
	}
	return nil
}

// fieldSet builds the form's fields: seed 002's, then the account's custom
// fields, then (new customers) the enrolment. The merchant's field setup
// (manage_fields) names, hides and requires them.
func fieldSet(isNew bool, generated string, defs []apiclient.FieldDef, camps []apiclient.Campaign) []form.Field {
	var fields []form.Field
	standard := []form.Field{
		{Key: apiclient.FFirstName, Label: "First name", Section: "Customer"},
		{Key: apiclient.FLastName, Label: "Last name", Section: "Customer"},
		{Key: apiclient.FPhone, Label: "Phone", Section: "Customer", CharLimit: 40},
		{Key: apiclient.FEmail, Label: "Email", Section: "Customer", Validate: form.CheckEmail},
		{Key: apiclient.FStreet1, Label: "Street", Section: "Address"},
		{Key: apiclient.FStreet2, Label: "Street 2", Section: "Address"},
		{Key: apiclient.FCity, Label: "City", Section: "Address"},
		{Key: apiclient.FState, Label: "State", Section: "Address"},
		{Key: apiclient.FPostalCode, Label: "Postal code", Section: "Address", CharLimit: 20},
		{Key: apiclient.FCountry, Label: "Country", Section: "Address"},
		{Key: apiclient.FCustomDate, Label: "Custom date", Kind: form.Date, Section: "More"},
		{Key: apiclient.FCustomField, Label: "Note", Section: "More"},
		{Key: apiclient.FUsername, Label: "Username", Section: "More"},
		{Key: apiclient.FPassword, Label: "Password", Kind: form.Secret, Section: "More", Hint: secretHint(isNew)},
		{Key: apiclient.FPIN, Label: "PIN", Kind: form.Digits, Masked: true, Section: "More", CharLimit: 12, Hint: secretHint(isNew)},
		{Key: kEmailOwner, Label: "Email the owner", Kind: form.Bool, Section: "More", Hint: "a notice, e.g. to send a card"},
	}
	byName := map[string]apiclient.FieldDef{}
	for _, d := range defs {
		byName[d.Name] = d
	}
	for _, f := range standard {
		d, ok := byName[f.Key]
		if !ok {
			fields = append(fields, f)
			continue
		}
		if !d.Show {
			continue
		}
		f.Label, f.Required = d.Title(), d.Required
		fields = append(fields, f)
	}
	for _, d := range defs {
		if _, custom := d.Number(); custom && d.Show {
			fields = append(fields, form.MerchantField(d, "Custom fields"))
		}
	}
	if isNew {
		fields = append(fields, enrolFields(camps)...)
	}
	return append(fields, idFields(isNew, generated)...) // the name comes first; card and code are grouped last
}

func secretHint(isNew bool) string {
	if isNew {
		return ""
	}
	return "empty = unchanged"
}

func idFields(isNew bool, generated string) []form.Field {
	const section = "Card and code"
	card := form.Field{Key: kCard, Label: "Card number", Kind: form.Digits, CharLimit: 32, Hint: "or generate one", Section: section}
	gen := form.Field{Key: kGenerate, Label: "Generate card", Kind: form.Digits, CharLimit: 2,
		Hint: "digits, 4–19", Validate: checkGenerateDigits, Section: section}
	if isNew {
		code := form.Field{Key: kCode, Label: "Code", CharLimit: 32, Placeholder: generated,
			Hint: "generated; type to use another", Validate: checkCode, Section: section}
		return []form.Field{code, card, gen}
	}
	code := form.Field{Key: kCode, Label: "Code", ReadOnly: true, Section: section}
	newCode := form.Field{Key: kNewCode, Label: "New code", Kind: form.Bool, Hint: "the service generates a fresh code", Section: section}
	return []form.Field{code, newCode, card, gen}
}

// listFields are the keys of the List fields, whose values the service
// takes joined with ", ".
func listFields(defs []apiclient.FieldDef) map[string]bool {
	out := map[string]bool{}
	for _, d := range defs {
		if d.Type == apiclient.FieldList {
			out[d.Name] = true
		}
	}
	return out
}

func enrolFields(camps []apiclient.Campaign) []form.Field {
	var opts []form.Option
	for _, c := range camps {
		if !c.Inactive {
			opts = append(opts, form.Option{Value: c.ID, Label: fmt.Sprintf("%s (%s)", c.Name, c.Type.Name())})
		}
	}
	if len(opts) == 0 {
		return nil
	}
	return []form.Field{
		{Key: kCampaigns, Label: "Campaigns", Kind: form.MultiChoice, Options: opts, Section: "Enrol"},
		{Key: kAutoAdd, Label: "Sign-up bonus", Section: "Enrol", Hint: "to the first campaign"},
	}
}

// crossCheck checks fields against each other. camps tells the type of the
// first campaign picked, whose bonus must be a number unless it collects
// products.
func crossCheck(camps []apiclient.Campaign, isNew bool, originalCard string) form.CrossCheck {
	return func(get func(string) string) map[string]string {
		errs := map[string]string{}
		if get(kCard) != "" && get(kGenerate) != "" {
			errs[kGenerate] = "type a card number or generate one, not both"
		}
		if !isNew && originalCard != "" && get(kCard) == "" && get(kGenerate) == "" {
			errs[kCard] = "a card number cannot be removed here; type a new one or generate one"
		}
		if bonus := get(kAutoAdd); bonus != "" {
			first, _, _ := strings.Cut(get(kCampaigns), ",")
			switch {
			case first == "":
				errs[kAutoAdd] = "pick a campaign to add the bonus to"
			case campaignType(camps, first) != apiclient.CampaignBuyX && form.CheckNumber(bonus) != nil:
				errs[kAutoAdd] = "a number of points or visits, or an amount of money"
			}
		}
		return errs
	}
}

func campaignType(camps []apiclient.Campaign, id string) apiclient.CampaignType {
	for _, c := range camps {
		if c.ID == id {
			return c.Type
		}
	}
	return ""
}

// valuesOf is a customer as form values.
func valuesOf(c apiclient.Customer) map[string]string {
	v := map[string]string{
		kCode: c.Code, kCard: c.CardNumber,
		apiclient.FFirstName: c.FirstName, apiclient.FLastName: c.LastName,
		apiclient.FPhone: c.Phone, apiclient.FEmail: c.Email,
		apiclient.FStreet1: c.Street1, apiclient.FStreet2: c.Street2,
		apiclient.FCity: c.City, apiclient.FState: c.State,
		apiclient.FPostalCode: c.PostalCode, apiclient.FCountry: c.Country,
		apiclient.FCustomDate: c.CustomDate, apiclient.FCustomField: c.CustomField,
		apiclient.FUsername: c.Username,
		kEmailOwner:         "true",
	}
	for n, val := range c.CustomFields {
		v[apiclient.CustomFieldKey(n)] = val
	}
	return v
}
