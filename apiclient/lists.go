package apiclient

import (
	"context"
	"strconv"
)

// CustomFields lists the custom fields defined on the account.
func (c *Client) CustomFields(ctx context.Context) ([]CustomFieldDef, error) {
	form := c.form("custom_fields", authPassword)
	form.Set("action", "list")
	root, err := c.call(ctx, "custom fields", form)
	if err != nil {
		return nil, err
	}
	var defs []CustomFieldDef
	for _, n := range root.Child("custom_fields").All("custom_field") {
		def := CustomFieldDef{Number: atoi(n.Get("number")), Name: n.Get("name"), Type: CustomFieldType(n.Get("field_type"))}
		for _, ch := range n.Child("choices").All("choice") {
			def.Choices = append(def.Choices, ch.Text)
		}
		defs = append(defs, def)
	}
	return defs, nil
}

// Campaigns lists the account's campaigns.
func (c *Client) Campaigns(ctx context.Context) ([]Campaign, error) {
	root, err := c.call(ctx, "campaigns", c.form("campaigns_list", authPassword))
	if err != nil {
		return nil, err
	}
	var out []Campaign
	for _, n := range root.Child("campaigns").All("campaign") {
		out = append(out, Campaign{
			ID: n.Get("campaign_id"), Name: n.Get("campaign_name"),
			Type: CampaignType(n.Get("campaign_type")), Active: yes(n.Get("active")),
		})
	}
	return out, nil
}

// ReferenceList names a reference list of the account settings.
type ReferenceList string

// The reference lists.
const (
	Languages  ReferenceList = "languages"
	Currencies ReferenceList = "currencies"
	Timezones  ReferenceList = "timezones"
)

// Reference returns a reference list (type=reference, api-reference.md ⚑).
func (c *Client) Reference(ctx context.Context, list ReferenceList) ([]ReferenceItem, error) {
	form := c.form("reference", authPassword)
	form.Set("list", string(list))
	root, err := c.call(ctx, "reference "+string(list), form)
	if err != nil {
		return nil, err
	}
	var out []ReferenceItem
	for _, n := range root.Find("items").All("item") {
		out = append(out, ReferenceItem{Code: n.Get("code"), Name: n.Get("name")})
	}
	if out == nil {
		for _, n := range root.All("item") {
			out = append(out, ReferenceItem{Code: n.Get("code"), Name: n.Get("name")})
		}
	}
	return out, nil
}

func itoa(n int) string { return strconv.Itoa(n) }
