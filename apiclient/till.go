package apiclient

import (
	"context"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"loyaltydesk/apiclient/wire"
)

// CustomerRef names the customer of a till call: by Code or CardNumber.
type CustomerRef struct {
	Code       string
	CardNumber string
}

func (r CustomerRef) set(form url.Values) error {
	switch {
	case r.Code != "":
		form.Set("code", r.Code)
	case r.CardNumber != "":
		form.Set("card_number", r.CardNumber)
	default:
		return invalid("code", "a code or a card number is required")
	}
	return nil
}

// EarnRequest is one record_activity call. What it carries depends on the
// campaign's type (api-reference.md, "Record a transaction"): points take
// an optional Amount (the sale) and PromoID; giftcard a required Amount
// (the load); buyx a required Item and an optional Quantity; events and
// earned nothing more.
type EarnRequest struct {
	Customer     CustomerRef
	CampaignID   string
	CampaignType CampaignType
	Amount       string // 12.50; a decimal comma is sent as a point
	PromoID      string
	Item         string // service_product: the item's id or identifier
	Quantity     int    // buyx_quantity; 0 leaves it out
	// Authorization is the free-text description shown in the history
	// (the till puts its reference first).
	Authorization string
	SendEmail     bool
	// Fields are transaction fields by form name (custom_field_N).
	Fields map[string]string
}

// ActivityResult is what record_activity and redeem answer (⚑: a client
// needs no more than the status; the till re-reads the balance).
type ActivityResult struct {
	TransactionID string
	Amount        string
	Balance       string
}

// RecordActivity records an earn. It is not idempotent on the server: after
// an unknown outcome, look for the authorization in the last transactions
// before sending again (package till).
func (c *Client) RecordActivity(ctx context.Context, r EarnRequest) (ActivityResult, error) {
	const op = "record activity"
	form := c.form("record_activity", authPassword)
	if err := r.fill(form); err != nil {
		return ActivityResult{}, err
	}
	root, err := c.call(ctx, op, form)
	if err != nil {
		return ActivityResult{}, err
	}
	return activityResult(root), nil
}

func (r EarnRequest) fill(form url.Values) error {
	if err := r.Customer.set(form); err != nil {
		return err
	}
	if strings.TrimSpace(r.CampaignID) == "" {
		return invalid("campaign_id", "a campaign is required")
	}
	form.Set("campaign_id", r.CampaignID)
	amount := strings.Replace(strings.TrimSpace(r.Amount), ",", ".", 1)
	switch r.CampaignType {
	case typeGiftCard:
		if amount == "" {
			return invalid("amount", "a gift card load needs an amount")
		}
	case typeBuyX:
		if strings.TrimSpace(r.Item) == "" {
			return invalid("service_product", "a punch card purchase needs an item")
		}
	}
	if amount != "" {
		if !isDecimal(amount) {
			return invalid("amount", "%q is not an amount such as 12.50", r.Amount)
		}
		form.Set("amount", amount)
	}
	setIf(form, "promo_id", r.PromoID)
	setIf(form, "service_product", strings.TrimSpace(r.Item))
	if r.Quantity < 0 {
		return invalid("buyx_quantity", "the quantity must be 1 or more")
	}
	if r.Quantity > 0 {
		form.Set("buyx_quantity", strconv.Itoa(r.Quantity))
	}
	setIf(form, "authorization", r.Authorization)
	if r.SendEmail {
		form.Set("send_transaction_email", "Y")
	}
	return setTransactionFields(form, r.Fields)
}

func setTransactionFields(form url.Values, fields map[string]string) error {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if _, ok := customFieldNumber(k); !ok {
			return invalid(k, "is not a transaction field (custom_field_N)")
		}
		setIf(form, k, fields[k])
	}
	return nil
}

func setIf(form url.Values, k, v string) {
	if v != "" {
		form.Set(k, v)
	}
}

// isDecimal accepts 12, 12.5, 12.50 (no sign).
func isDecimal(s string) bool {
	whole, frac, dot := strings.Cut(s, ".")
	return allDigits(whole) && whole != "" && (!dot || frac != "" && len(frac) <= 2 && allDigits(frac))
}

// RedeemRequest is one redeem call. Points campaigns take one of RewardID,
// CustomPoints or CustomDollars; giftcard and earned take SpendAmount;
// events and buyx take RewardID.
type RedeemRequest struct {
	Customer      CustomerRef
	CampaignID    string
	RewardID      string // a reward's <id> from campaign_rewards
	SpendAmount   string // giftcard, earned: the amount to spend
	CustomPoints  string
	CustomDollars string
	Authorization string
}

// Redeem takes a reward or an amount off a balance. Not enough balance is
// an *APIError. Not idempotent: see RecordActivity.
func (c *Client) Redeem(ctx context.Context, r RedeemRequest) (ActivityResult, error) {
	const op = "redeem"
	form := c.form("redeem", authPassword)
	if err := r.Customer.set(form); err != nil {
		return ActivityResult{}, err
	}
	if strings.TrimSpace(r.CampaignID) == "" {
		return ActivityResult{}, invalid("campaign_id", "a campaign is required")
	}
	form.Set("campaign_id", r.CampaignID)
	n := 0
	for _, p := range []struct{ key, v string }{
		{"reward_to_redeem", r.RewardID}, {"reward_to_redeem", r.SpendAmount},
		{"custom_points_redeem", r.CustomPoints}, {"custom_dollars_redeem", r.CustomDollars},
	} {
		if v := strings.Replace(strings.TrimSpace(p.v), ",", ".", 1); v != "" {
			form.Set(p.key, v)
			n++
		}
	}
	if n != 1 {
		return ActivityResult{}, invalid("reward_to_redeem", "give exactly one of a reward, an amount, custom points or custom dollars")
	}
	setIf(form, "authorization", r.Authorization)
	root, err := c.call(ctx, op, form)
	if err != nil {
		return ActivityResult{}, err
	}
	return activityResult(root), nil
}

// activityResult reads the ⚑ parts of the answers: <transaction><id/>
// <amount/></transaction> and <balance/>, wherever they sit.
func activityResult(root *wire.Node) ActivityResult {
	res := ActivityResult{}
	if t := root.Find("transaction"); t != nil {
		res.TransactionID, res.Amount = first(t, "id", "transaction_id"), t.Get("amount")
	}
	if b := root.Find("balance"); b != nil {
		res.Balance = b.Text
	}
	return res
}

// DeleteTransaction undoes one transaction (transaction_delete). The
// service names the customer by code only, not by card.
func (c *Client) DeleteTransaction(ctx context.Context, campaignID, code, transactionID string) error {
	form := c.form("transaction_delete", authPassword)
	if strings.TrimSpace(campaignID) == "" || strings.TrimSpace(transactionID) == "" {
		return invalid("transaction_id", "a campaign and a transaction are required")
	}
	if strings.TrimSpace(code) == "" {
		return invalid("code", "the customer's code is required")
	}
	form.Set("code", code)
	form.Set("campaign_id", campaignID)
	form.Set("transaction_id", transactionID)
	_, err := c.call(ctx, "delete transaction", form)
	return err
}

// Promo is a points promotion a sale may use (campaign_promos, ⚑ shape).
type Promo struct {
	ID   string
	Name string
}

// CampaignPromos lists a points campaign's promotions.
func (c *Client) CampaignPromos(ctx context.Context, campaignID string) ([]Promo, error) {
	root, err := c.campaignList(ctx, "campaign promos", "campaign_promos", campaignID)
	if err != nil {
		return nil, err
	}
	var out []Promo
	for _, n := range root.Find("promos").All("promo") {
		out = append(out, Promo{ID: first(n, "promo_id", "id"), Name: first(n, "name", "description")})
	}
	return out, nil
}

// BuyXItem is an item a buyx campaign counts (buyx_items_list, ⚑ shape).
type BuyXItem struct {
	ID   string
	Name string
}

// BuyXItems lists a buyx campaign's items.
func (c *Client) BuyXItems(ctx context.Context, campaignID string) ([]BuyXItem, error) {
	root, err := c.campaignList(ctx, "punch card items", "buyx_items_list", campaignID)
	if err != nil {
		return nil, err
	}
	var out []BuyXItem
	for _, n := range root.Find("items").All("item") {
		out = append(out, BuyXItem{ID: first(n, "id", "item_id"), Name: first(n, "name", "description")})
	}
	return out, nil
}

func (c *Client) campaignList(ctx context.Context, op, callType, campaignID string) (*wire.Node, error) {
	if strings.TrimSpace(campaignID) == "" {
		return nil, invalid("campaign_id", "a campaign is required")
	}
	form := c.form(callType, authPassword)
	form.Set("campaign_id", campaignID)
	return c.call(ctx, op, form)
}

// The campaign types the till calls check (the full list is the client's).
const (
	typeGiftCard CampaignType = "giftcard"
	typeBuyX     CampaignType = "buyx"
)
