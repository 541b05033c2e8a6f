package apiclient

import "strconv"

// ReferenceItem is one entry of a reference list of the account settings.
type ReferenceItem struct {
	Code  string
	Name  string
	Glyph string // currencies only
}

// Label is the item as a picker shows it: "Euro (€)".
func (it ReferenceItem) Label() string {
	if it.Glyph != "" && it.Glyph != it.Code {
		return it.Name + " (" + it.Glyph + ")"
	}
	return it.Name
}

// ReferenceList names a reference list of the account settings.
type ReferenceList string

// The reference lists.
const (
	Languages  ReferenceList = "languages"
	Currencies ReferenceList = "currencies"
	Timezones  ReferenceList = "timezones"
)

// Reference returns a reference list. The service serves none of them by
// an API call (its documents list them on static pages), so they are
// shipped with the program; a code read back from account_info that is not
// listed is still valid and must be kept as it is.
func Reference(list ReferenceList) []ReferenceItem {
	switch list {
	case Languages:
		return languages
	case Currencies:
		return currencies
	case Timezones:
		return timezones
	}
	return nil
}

// FindReference returns the item with the code, if listed.
func FindReference(list ReferenceList, code string) (ReferenceItem, bool) {
	for _, it := range Reference(list) {
		if it.Code == code {
			return it, true
		}
	}
	return ReferenceItem{}, false
}

// CurrencyGlyph is the symbol of an ISO 4217 currency, or "" when unknown.
func CurrencyGlyph(code string) string {
	it, _ := FindReference(Currencies, code)
	return it.Glyph
}

// languages are the two-letter codes account_update's language_selector takes.
var languages = []ReferenceItem{
	{Code: "EN", Name: "English"}, {Code: "ES", Name: "Spanish (Español)"}, {Code: "FR", Name: "French (Français)"},
	{Code: "DE", Name: "German (Deutsch)"}, {Code: "PT", Name: "Portuguese (Português)"}, {Code: "IT", Name: "Italian (Italiano)"},
	{Code: "NL", Name: "Dutch (Nederlands)"}, {Code: "SV", Name: "Swedish (Svenska)"}, {Code: "DA", Name: "Danish (Dansk)"},
	{Code: "NO", Name: "Norwegian (Norsk)"}, {Code: "FI", Name: "Finnish (Suomi)"}, {Code: "PL", Name: "Polish (Polski)"},
	{Code: "TR", Name: "Turkish (Türkçe)"}, {Code: "MI", Name: "Māori (Te Reo Māori)"}, {Code: "JA", Name: "Japanese (日本語)"},
	{Code: "ZH", Name: "Chinese (中文)"}, {Code: "KO", Name: "Korean (한국어)"},
}

// currencies are ISO 4217 codes with their glyphs.
var currencies = []ReferenceItem{
	{Code: "USD", Name: "US Dollar", Glyph: "$"}, {Code: "AUD", Name: "Australian Dollar", Glyph: "$"},
	{Code: "NZD", Name: "New Zealand Dollar", Glyph: "$"}, {Code: "CAD", Name: "Canadian Dollar", Glyph: "$"},
	{Code: "EUR", Name: "Euro", Glyph: "€"}, {Code: "GBP", Name: "Pound Sterling", Glyph: "£"},
	{Code: "JPY", Name: "Japanese Yen", Glyph: "¥"}, {Code: "CHF", Name: "Swiss Franc", Glyph: "CHF"},
	{Code: "INR", Name: "Indian Rupee", Glyph: "₹"}, {Code: "ZAR", Name: "South African Rand", Glyph: "R"},
	{Code: "BRL", Name: "Brazilian Real", Glyph: "R$"}, {Code: "MXN", Name: "Mexican Peso", Glyph: "$"},
	{Code: "SGD", Name: "Singapore Dollar", Glyph: "$"}, {Code: "HKD", Name: "Hong Kong Dollar", Glyph: "$"},
	{Code: "SEK", Name: "Swedish Krona", Glyph: "kr"}, {Code: "NOK", Name: "Norwegian Krone", Glyph: "kr"},
	{Code: "DKK", Name: "Danish Krone", Glyph: "kr"}, {Code: "PLN", Name: "Polish Złoty", Glyph: "zł"},
	{Code: "CNY", Name: "Chinese Yuan", Glyph: "¥"}, {Code: "KRW", Name: "South Korean Won", Glyph: "₩"},
	{Code: "TRY", Name: "Turkish Lira", Glyph: "₺"}, {Code: "PHP", Name: "Philippine Peso", Glyph: "₱"},
}

// timezones are the service's numeric time-zone codes with their names.
// The seed pages confirm two: 14 (the account_info sample, a Californian
// shop) and 68 (the account_update example, New Zealand); the rest follow
// the same table order.
var timezones = []ReferenceItem{
	{Code: "2", Name: "(GMT-10:00) Hawaii"}, {Code: "3", Name: "(GMT-09:00) Alaska"},
	{Code: "14", Name: "(GMT-08:00) Pacific Time (US & Canada)"}, {Code: "16", Name: "(GMT-07:00) Arizona"},
	{Code: "17", Name: "(GMT-07:00) Mountain Time (US & Canada)"}, {Code: "20", Name: "(GMT-06:00) Central Time (US & Canada)"},
	{Code: "24", Name: "(GMT-05:00) Eastern Time (US & Canada)"}, {Code: "28", Name: "(GMT-04:00) Atlantic Time (Canada)"},
	{Code: "31", Name: "(GMT-03:30) Newfoundland"}, {Code: "32", Name: "(GMT-03:00) Brasilia"},
	{Code: "35", Name: "(GMT-03:00) Buenos Aires"}, {Code: "38", Name: "(GMT-01:00) Azores"},
	{Code: "40", Name: "(GMT+00:00) Dublin, Edinburgh, Lisbon, London"}, {Code: "41", Name: "(GMT+00:00) Reykjavík, UTC"},
	{Code: "43", Name: "(GMT+01:00) Amsterdam, Berlin, Madrid, Paris"}, {Code: "46", Name: "(GMT+02:00) Athens, Helsinki"},
	{Code: "48", Name: "(GMT+02:00) Johannesburg"}, {Code: "50", Name: "(GMT+03:00) Moscow"},
	{Code: "52", Name: "(GMT+04:00) Abu Dhabi, Dubai"}, {Code: "55", Name: "(GMT+05:00) Karachi"},
	{Code: "56", Name: "(GMT+05:30) Chennai, Kolkata, Mumbai"}, {Code: "58", Name: "(GMT+07:00) Bangkok, Jakarta"},
	{Code: "60", Name: "(GMT+08:00) Beijing, Singapore"}, {Code: "61", Name: "(GMT+08:00) Perth"},
	{Code: "63", Name: "(GMT+09:00) Seoul, Tokyo"}, {Code: "64", Name: "(GMT+09:30) Adelaide"},
	{Code: "65", Name: "(GMT+10:00) Brisbane"}, {Code: "66", Name: "(GMT+10:00) Canberra, Melbourne, Sydney"},
	{Code: "68", Name: "(GMT+12:00) Auckland, Wellington"}, {Code: "69", Name: "(GMT+12:00) Fiji"},
	{Code: "70", Name: "(GMT+12:45) Chatham Islands"}, {Code: "71", Name: "(GMT+13:00) Nuku'alofa"},
}

func itoa(n int) string { return strconv.Itoa(n) }
