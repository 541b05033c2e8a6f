package fakeserver

import (
	"strconv"

	"loyaltydesk/apiclient/wire"
)

// customFields answers type=custom_fields&action=list (⚑).
func (st *store) customFields(c *call) (reply, error) {
	switch a := c.get("action"); a {
	case "list":
	case "":
		return reply{}, apiErr("action is required (list)")
	default:
		return reply{}, apiErrf("custom_fields action %q is not supported (list)", a)
	}
	list := wire.NewNode("custom_fields")
	for _, d := range st.fields {
		n := wire.NewNode("custom_field").AddText("number", strconv.Itoa(d.number)).
			AddText("name", d.name).AddText("field_type", d.kind)
		if len(d.choices) > 0 {
			ch := wire.NewNode("choices")
			for _, v := range d.choices {
				ch.AddText("choice", v)
			}
			n.Add(ch)
		}
		list.Add(n)
	}
	return reply{node: success().Add(list)}, nil
}

// campaignsList answers type=campaigns_list (⚑).
func (st *store) campaignsList(*call) (reply, error) {
	list := wire.NewNode("campaigns")
	for _, c := range st.campaigns {
		list.Add(wire.NewNode("campaign").AddText("campaign_id", c.id).AddText("campaign_name", c.name).
			AddText("campaign_type", c.kind).AddText("active", yn(c.active)))
	}
	return reply{node: success().Add(list)}, nil
}

// refItem is one entry of a reference list; glyph is for currencies.
type refItem struct {
	code, name, glyph string
}

// reference answers type=reference&list=languages|currencies|timezones (⚑).
// Currencies also carry their glyph, in the name and as <glyph>.
func (st *store) reference(c *call) (reply, error) {
	var list []refItem
	switch l := c.get("list"); l {
	case "languages":
		list = languages
	case "currencies":
		list = currencies
	case "timezones":
		list = timezones
	case "":
		return reply{}, apiErr("list is required (languages, currencies or timezones)")
	default:
		return reply{}, apiErrf("unknown list %q (languages, currencies or timezones)", l)
	}
	items := wire.NewNode("items")
	for _, it := range list {
		n := wire.NewNode("item").AddText("code", it.code)
		if it.glyph != "" {
			n.AddText("name", it.name+" ("+it.glyph+")").AddText("glyph", it.glyph)
		} else {
			n.AddText("name", it.name)
		}
		items.Add(n)
	}
	return reply{node: success().Add(items)}, nil
}

func glyphOf(symbol string) string {
	for _, c := range currencies {
		if c.code == symbol {
			return c.glyph
		}
	}
	return ""
}

var languages = []refItem{
	{code: "EN", name: "English"}, {code: "ES", name: "Spanish (Español)"}, {code: "FR", name: "French (Français)"},
	{code: "DE", name: "German (Deutsch)"}, {code: "PT", name: "Portuguese (Português)"}, {code: "IT", name: "Italian (Italiano)"},
	{code: "NL", name: "Dutch (Nederlands)"}, {code: "SV", name: "Swedish (Svenska)"}, {code: "DA", name: "Danish (Dansk)"},
	{code: "NO", name: "Norwegian (Norsk)"}, {code: "FI", name: "Finnish (Suomi)"}, {code: "PL", name: "Polish (Polski)"},
	{code: "TR", name: "Turkish (Türkçe)"}, {code: "MI", name: "Māori (Te Reo Māori)"}, {code: "JA", name: "Japanese (日本語)"},
	{code: "ZH", name: "Chinese (中文)"}, {code: "KO", name: "Korean (한국어)"},
}

var currencies = []refItem{
	{code: "USD", name: "US Dollar", glyph: "$"}, {code: "AUD", name: "Australian Dollar", glyph: "$"},
	{code: "NZD", name: "New Zealand Dollar", glyph: "$"}, {code: "CAD", name: "Canadian Dollar", glyph: "$"},
	{code: "EUR", name: "Euro", glyph: "€"}, {code: "GBP", name: "Pound Sterling", glyph: "£"},
	{code: "JPY", name: "Japanese Yen", glyph: "¥"}, {code: "CHF", name: "Swiss Franc", glyph: "CHF"},
	{code: "INR", name: "Indian Rupee", glyph: "₹"}, {code: "ZAR", name: "South African Rand", glyph: "R"},
	{code: "BRL", name: "Brazilian Real", glyph: "R$"}, {code: "MXN", name: "Mexican Peso", glyph: "$"},
	{code: "SGD", name: "Singapore Dollar", glyph: "$"}, {code: "HKD", name: "Hong Kong Dollar", glyph: "$"},
	{code: "SEK", name: "Swedish Krona", glyph: "kr"}, {code: "NOK", name: "Norwegian Krone", glyph: "kr"},
	{code: "DKK", name: "Danish Krone", glyph: "kr"}, {code: "PLN", name: "Polish Złoty", glyph: "zł"},
}

// timezones keep the seed pages' two codes: 14 (the account_info sample,
// a Californian shop) and 68 (the account_update example, New Zealand).
var timezones = []refItem{
	{code: "2", name: "(GMT-10:00) Hawaii"}, {code: "3", name: "(GMT-09:00) Alaska"},
	{code: "14", name: "(GMT-08:00) Pacific Time (US & Canada)"}, {code: "16", name: "(GMT-07:00) Arizona"},
	{code: "17", name: "(GMT-07:00) Mountain Time (US & Canada)"}, {code: "20", name: "(GMT-06:00) Central Time (US & Canada)"},
	{code: "24", name: "(GMT-05:00) Eastern Time (US & Canada)"}, {code: "28", name: "(GMT-04:00) Atlantic Time (Canada)"},
	{code: "31", name: "(GMT-03:30) Newfoundland"}, {code: "32", name: "(GMT-03:00) Brasilia"},
	{code: "35", name: "(GMT-03:00) Buenos Aires"}, {code: "38", name: "(GMT-01:00) Azores"},
	{code: "40", name: "(GMT+00:00) Dublin, Edinburgh, Lisbon, London"}, {code: "41", name: "(GMT+00:00) Reykjavík, UTC"},
	{code: "43", name: "(GMT+01:00) Amsterdam, Berlin, Madrid, Paris"}, {code: "46", name: "(GMT+02:00) Athens, Helsinki"},
	{code: "48", name: "(GMT+02:00) Johannesburg"}, {code: "50", name: "(GMT+03:00) Moscow"},
	{code: "52", name: "(GMT+04:00) Abu Dhabi, Dubai"}, {code: "55", name: "(GMT+05:00) Karachi"},
	{code: "56", name: "(GMT+05:30) Chennai, Kolkata, Mumbai"}, {code: "58", name: "(GMT+07:00) Bangkok, Jakarta"},
	{code: "60", name: "(GMT+08:00) Beijing, Singapore"}, {code: "61", name: "(GMT+08:00) Perth"},
	{code: "63", name: "(GMT+09:00) Seoul, Tokyo"}, {code: "64", name: "(GMT+09:30) Adelaide"},
	{code: "65", name: "(GMT+10:00) Brisbane"}, {code: "66", name: "(GMT+10:00) Canberra, Melbourne, Sydney"},
	{code: "68", name: "(GMT+12:00) Auckland, Wellington"}, {code: "69", name: "(GMT+12:00) Fiji"},
	{code: "70", name: "(GMT+12:45) Chatham Islands"}, {code: "71", name: "(GMT+13:00) Nuku'alofa"},
}
