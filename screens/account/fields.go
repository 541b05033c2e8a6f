package account

import (
	"errors"
	"strings"
	"unicode"

	"loyaltydesk/apiclient"
	"loyaltydesk/ui/form"
)

// The form's keys are the form names of account_update, so the changed
// values go to the server as they are (activate and the choice lists
// aside, see updateValues).
const (
	kLanguage = "language_selector"
	kCurrency = "symbol_selector"
	kTimezone = "timezone_selector"
	kActivate = "activate"

	kNewPassword  = "new_account_password"
	kPasswordRept = "password_again"
)

// refFields are the choice fields filled from a reference list; they open
// the searchable pick list.
var refFields = map[string]apiclient.ReferenceList{
	kLanguage: apiclient.Languages,
	kCurrency: apiclient.Currencies,
	kTimezone: apiclient.Timezones,
}

var refLabels = map[apiclient.ReferenceList]string{
	apiclient.Languages: "Language", apiclient.Currencies: "Currency", apiclient.Timezones: "Timezone",
}

const (
	secBusiness     = "Business — the shop itself"
	secContact      = "Contact person"
	secRegional     = "Regional settings"
	secAgency       = "Agency and trial"
	secIntegrations = "Integrations — leave a password empty to keep it"
)

// editFields are the inputs of the account form. A reference list not
// (yet) loaded makes its field a plain code input, so editing never waits.
func editFields(refs map[apiclient.ReferenceList][]apiclient.ReferenceItem) []form.Field {
	email := func(key, label, hint string) form.Field {
		return form.Field{Key: key, Label: label, Hint: hint, Section: fieldSection[key], Validate: form.CheckEmail, CharLimit: 120}
	}
	text := func(key, label string) form.Field {
		return form.Field{Key: key, Label: label, Section: fieldSection[key], CharLimit: 120}
	}
	secret := func(key, label string) form.Field {
		return form.Field{Key: key, Label: label, Kind: form.Secret, Section: secIntegrations, Placeholder: "unchanged", CharLimit: 120}
	}
	return []form.Field{
		text("biz_name", "Business name"),
		text("biz_address1", "Address"),
		text("biz_address2", "Address line 2"),
		text("biz_city", "City"),
		text("biz_state", "State / region"),
		text("biz_zip", "Postcode"),
		text("biz_country", "Country"),
		email("client_email", "Shop email", "the shop's own"),
		text("contact_first_name", "First name"),
		text("contact_last_name", "Last name"),
		text("contact_phone", "Phone"),
		email("contact_email", "Billing email", "agency billing; bills go here"),
		refField(kLanguage, refs),
		refField(kCurrency, refs),
		refField(kTimezone, refs),
		text("agency", "Agency ID"),
		text("referrer_name", "Referrer"),
		{Key: kActivate, Label: "Activate trial", Kind: form.Bool, Hint: "trial accounts only", Section: secAgency},
		text("mailchimp_username", "Mailchimp user"),
		secret("mailchimp_password", "Mailchimp password"),
		text("sms_username", "SMS user"),
		secret("sms_password", "SMS password"),
	}
}

var fieldSection = map[string]string{
	"biz_name": secBusiness, "biz_address1": secBusiness, "biz_address2": secBusiness, "biz_city": secBusiness,
	"biz_state": secBusiness, "biz_zip": secBusiness, "biz_country": secBusiness, "client_email": secBusiness,
	"contact_first_name": secContact, "contact_last_name": secContact, "contact_phone": secContact, "contact_email": secContact,
	"agency": secAgency, "referrer_name": secAgency,
	"mailchimp_username": secIntegrations, "sms_username": secIntegrations,
}

func refField(key string, refs map[apiclient.ReferenceList][]apiclient.ReferenceItem) form.Field {
	list := refFields[key]
	f := form.Field{Key: key, Label: refLabels[list], Section: secRegional}
	items, ok := refs[list]
	if !ok || len(items) == 0 {
		f.Hint, f.CharLimit = "type the code", 10
		return f
	}
	f.Kind = form.Choice
	f.Hint = "enter or type to search"
	for _, it := range items {
		f.Options = append(f.Options, form.Option{Value: it.Code, Label: it.Code + " · " + it.Label()})
	}
	return f
}

// passwordFields ask for the new password twice.
func passwordFields() []form.Field {
	return []form.Field{
		{Key: kNewPassword, Label: "New password", Kind: form.Secret, Required: true, CharLimit: 128, Validate: checkNewPassword},
		{Key: kPasswordRept, Label: "Type it again", Kind: form.Secret, Required: true, CharLimit: 128},
	}
}

// checkNewPassword refuses, before anything is sent, a password the
// service would refuse or change: it trims the value, so one of spaces only
// is empty to it, and spaces around a password would make the stored key
// differ from the one typed. Messages never quote the password.
func checkNewPassword(v string) error {
	switch {
	case strings.TrimSpace(v) == "":
		return errors.New("only spaces: the service refuses an empty password")
	case strings.TrimSpace(v) != v:
		return errors.New("starts or ends with a space, which the service drops; leave the spaces out")
	case strings.IndexFunc(v, unicode.IsControl) >= 0:
		return errors.New("holds a control character; type letters, digits and signs only")
	}
	return nil
}

// shortPassword is the length under which a new password gets a warning
// (the service takes it all the same).
const shortPassword = 10

func passwordsMatch(get func(string) string) map[string]string {
	a, b := get(kNewPassword), get(kPasswordRept)
	if a != "" && b != "" && a != b {
		return map[string]string{kPasswordRept: "the two passwords differ; type the same one twice"}
	}
	return nil
}

// originals are the form's starting values: what account_info reports.
// The server does not report agency, referrer, activation or the
// integrations, so those start empty and are sent only when filled in.
func originals(a apiclient.Account) map[string]string {
	return map[string]string{
		"biz_name": a.BizName, "biz_address1": a.BizAddress1, "biz_address2": a.BizAddress2,
		"biz_city": a.BizCity, "biz_state": a.BizState, "biz_zip": a.BizZip, "biz_country": a.BizCountry,
		"client_email": a.ClientEmail, "contact_first_name": a.ContactFirstName,
		"contact_last_name": a.ContactLastName, "contact_phone": a.ContactPhone, "contact_email": a.ContactEmail,
		kLanguage: a.Language, kCurrency: a.Symbol, kTimezone: a.Timezone,
	}
}

// updateValues turns the form's changes into account_update fields: the
// checkbox becomes Y or N.
func updateValues(changed map[string]string) map[string]string {
	out := make(map[string]string, len(changed))
	for k, v := range changed {
		if k == kActivate {
			v = map[bool]string{true: "Y", false: "N"}[v == "true"]
		}
		out[k] = v
	}
	return out
}

// fieldNotes explain the focused field under the form; the documents'
// distinctions that trip people up are spelt out here.
var fieldNotes = map[string]string{
	"biz_name": "The business (client) as its customers know it.",
	"client_email": "client_email — the shop's OWN email address, the merchant's contact. " +
		"Not where bills go: that is Billing email.",
	"contact_email": "contact_email — despite the name, the AGENCY's billing contact: for historical reasons " +
		"the billing system sends the bill to this address. The shop's own address is Shop email.",
	"contact_first_name": "The shop's contact person.",
	"contact_last_name":  "The shop's contact person.",
	"contact_phone":      "The contact person's phone number.",
	kLanguage:            "Language of the texts customers see. enter, space or typing opens a searchable list.",
	kCurrency:            "Currency of the account's money amounts. enter, space or typing opens a searchable list.",
	kTimezone:            "Timezone of the account's dates and days. enter, space or typing opens a searchable list.",
	"agency": "The ID of the agency this account belongs to. The server does not report it, so the field " +
		"starts empty: fill it in only to change it.",
	"referrer_name": "Who referred this account. Not reported by the server: fill in only to change it.",
	kActivate: "Trial accounts only, with agencies that do not make a trial billable by itself past 10 " +
		"customers: ticking sends activate=Y, which activates the trial and lets it pass the 10-customer limit. " +
		"Otherwise leave it unticked.",
	"mailchimp_username": "Mailchimp login for the newsletter integration. Not reported by the server: fill in only to change it.",
	"mailchimp_password": "Never shown. Leave empty to keep the stored password; what you type replaces it.",
	"sms_username":       "Login of the SMS (text message) integration. Not reported by the server: fill in only to change it.",
	"sms_password":       "Never shown. Leave empty to keep the stored password; what you type replaces it.",
	kNewPassword: "The account password is also its API key (user_password). When you are signed in as the " +
		"account's own user, the server answers with a new API token and the old key stops working.",
	kPasswordRept: "Type the same password again, to rule out a typo.",
}
