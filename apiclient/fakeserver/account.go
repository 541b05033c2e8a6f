package fakeserver

import (
	"strings"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/wire"
)

// accountInfoOrder is the order of account_info's answer (seed 003), with
// client_email added (the update call sets it).
var accountInfoOrder = []string{
	"account_id", "biz_name", "biz_address1", "biz_address2", "biz_city", "biz_state",
	"biz_zip", "biz_country", "contact_first_name", "contact_last_name", "contact_email",
	"contact_phone", "client_email", "language", "symbol", "glyph", "timezone", "created",
}

// accountInfo answers type=account_info.
func (st *store) accountInfo(c *call) (reply, error) {
	n := wire.NewNode("account")
	for _, k := range accountInfoOrder {
		if k == "glyph" {
			n.AddText(k, apiclient.CurrencyGlyph(st.account["symbol"]))
			continue
		}
		n.AddText(k, st.account[k])
	}
	if st.coalition {
		n.AddText("coalition", "Yes")
	}
	if st.twoTier {
		n.AddText("two_tier", "Yes")
	}
	return reply{node: success().Add(n)}, nil
}

// accountUpdateFields maps account_update's fields to what they set.
var accountUpdateFields = map[string]string{
	"agency": "agency", "contact_email": "contact_email", "contact_first_name": "contact_first_name",
	"contact_last_name": "contact_last_name", "contact_phone": "contact_phone", "client_email": "client_email",
	"biz_name": "biz_name", "biz_address1": "biz_address1", "biz_address2": "biz_address2",
	"biz_city": "biz_city", "biz_state": "biz_state", "biz_zip": "biz_zip", "biz_country": "biz_country",
	"language_selector": "language", "symbol_selector": "symbol", "timezone_selector": "timezone",
	"referrer_name": "referrer_name", "activate": "activate",
	"mailchimp_username": "mailchimp_username", "mailchimp_password": "mailchimp_password",
	"sms_username": "sms_username", "sms_password": "sms_password",
}

// requestParams are the parameters every call may carry besides its own.
var requestParams = map[string]bool{
	"user_id": true, "user_password": true, "user_api_key": true, "API": true, "account_id": true,
	"type": true, "output": true, "callback": true, "condensed": true,
}

// legacyAccountUpdate is type=process_owner_account with action=edit, which
// seed 003 keeps working though deprecated.
func (st *store) legacyAccountUpdate(c *call) (reply, error) {
	if c.get("action") != "edit" {
		return reply{}, apiErr("process_owner_account is only kept for action=edit; use type=account_update")
	}
	return st.accountUpdate(c)
}

// accountUpdate answers type=account_update: only the fields sent change;
// an unknown field refuses the call, as does a language, currency or
// timezone not in the reference lists. new_account_password (or the legacy
// account_password of the seed's PHP example) replaces the account's API
// key; when the caller is the account's own user (user_id = account_id) the
// answer carries it as new_api_token and the old key stops working. The
// fake also rotates the owner's key when another user changes the account
// password, but only the owner is told the new one.
func (st *store) accountUpdate(c *call) (reply, error) {
	changes := map[string]string{}
	newPassword := false
	for _, k := range sortedKeys(c.form) {
		v := strings.TrimSpace(c.get(k))
		switch {
		case requestParams[k] || (k == "action" && c.get("type") == "process_owner_account"):
		case k == "new_account_password" || k == "account_password":
			if v == "" {
				return reply{}, apiErrf("%s must not be empty", k)
			}
			newPassword = true
		case accountUpdateFields[k] != "":
			if err := checkAccountValue(k, v); err != nil {
				return reply{}, err
			}
			changes[accountUpdateFields[k]] = normalizeAccountValue(k, v)
		default:
			return reply{}, apiErrf("unknown account field %q", k)
		}
	}
	for k, v := range changes {
		st.account[k] = v
	}
	root := success()
	if newPassword {
		key := st.newAPIKey()
		st.users[DemoOwnerID] = key
		if c.user == st.account["account_id"] {
			root.AddText("new_api_token", key)
		}
	}
	return reply{node: root}, nil
}

func checkAccountValue(k, v string) error {
	var list []apiclient.ReferenceItem
	switch k {
	case "language_selector":
		list = apiclient.Reference(apiclient.Languages)
	case "symbol_selector":
		list = apiclient.Reference(apiclient.Currencies)
	case "timezone_selector":
		list = apiclient.Reference(apiclient.Timezones)
	case "activate":
		if !isYes(v) && !isNo(v) {
			return apiErrf("activate must be Y or N, not %q", v)
		}
		return nil
	default:
		return nil
	}
	for _, it := range list {
		if strings.EqualFold(it.Code, v) {
			return nil
		}
	}
	return apiErrf("%s: %q is not in the reference list", k, v)
}

func normalizeAccountValue(k, v string) string {
	switch k {
	case "language_selector", "symbol_selector":
		return strings.ToUpper(v)
	case "activate":
		return yn(isYes(v))
	}
	return v
}
