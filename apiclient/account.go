package apiclient

import (
	"context"
	"slices"
)

// AccountInfo returns the merchant account.
func (c *Client) AccountInfo(ctx context.Context) (Account, error) {
	const op = "account info"
	root, err := c.call(ctx, op, c.form("account_info", authPassword))
	if err != nil {
		return Account{}, err
	}
	n := root.Child("account")
	if n == nil {
		return Account{}, &DecodeError{Op: op, Format: c.format, Detail: "no <account> in the answer"}
	}
	return Account{
		ID: n.Get("account_id"), BizName: n.Get("biz_name"),
		BizAddress1: n.Get("biz_address1"), BizAddress2: n.Get("biz_address2"),
		BizCity: n.Get("biz_city"), BizState: n.Get("biz_state"), BizZip: n.Get("biz_zip"),
		BizCountry: n.Get("biz_country"), ContactFirstName: n.Get("contact_first_name"),
		ContactLastName: n.Get("contact_last_name"), ContactEmail: n.Get("contact_email"),
		ContactPhone: n.Get("contact_phone"), ClientEmail: n.Get("client_email"),
		Language: n.Get("language"), Symbol: n.Get("symbol"), Glyph: n.Get("glyph"),
		Timezone: n.Get("timezone"), Created: n.Get("created"),
		Coalition: yes(n.Get("coalition")), TwoTier: yes(n.Get("two_tier")),
	}, nil
}

// The fields account_update accepts, by form name.
var AccountUpdateFields = []string{
	"agency", "contact_email", "contact_first_name", "contact_last_name",
	"contact_phone", "client_email", "biz_name", "biz_address1", "biz_address2",
	"biz_city", "biz_state", "biz_zip", "biz_country", "new_account_password",
	"language_selector", "symbol_selector", "timezone_selector", "referrer_name",
	"activate", "mailchimp_username", "mailchimp_password", "sms_username", "sms_password",
}

// AccountUpdateResult is the answer of account_update.
type AccountUpdateResult struct {
	// NewAPIToken is set when the password of the account's own user changed:
	// the old API key stops working, and the client already uses this one.
	NewAPIToken string
}

// UpdateAccount sends only the given fields (by form name, see
// AccountUpdateFields). When the server returns a new API token, the client
// switches to it before returning.
func (c *Client) UpdateAccount(ctx context.Context, changed map[string]string) (AccountUpdateResult, error) {
	const op = "account update"
	if len(changed) == 0 {
		return AccountUpdateResult{}, invalid("", "nothing changed: no field to send")
	}
	form := c.form("account_update", authPassword)
	for k, v := range changed {
		if !slices.Contains(AccountUpdateFields, k) {
			return AccountUpdateResult{}, invalid(k, "is not an account field")
		}
		form.Set(k, v)
	}
	root, err := c.call(ctx, op, form)
	if err != nil {
		return AccountUpdateResult{}, err
	}
	res := AccountUpdateResult{NewAPIToken: root.Get("new_api_token")}
	if res.NewAPIToken != "" {
		c.SetPassword(res.NewAPIToken)
	}
	return res, nil
}
