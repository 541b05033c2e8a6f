package apiclient

import (
	"context"
	"strings"

	"loyaltydesk/apiclient/wire"
)

// CampaignType is the kind of a loyalty campaign, as the service names it
// (api-reference.md, "Campaign types").
type CampaignType string

// The five campaign types of the service.
const (
	CampaignPoints   CampaignType = "points"   // points per purchase, rewards at levels
	CampaignEvents   CampaignType = "events"   // visits
	CampaignEarned   CampaignType = "earned"   // money earned back
	CampaignGiftCard CampaignType = "giftcard" // stored value
	CampaignBuyX     CampaignType = "buyx"     // buy X get one free (punch card, membership)
)

// CampaignTypes lists the five types in the order screens show them.
var CampaignTypes = []CampaignType{CampaignPoints, CampaignEvents, CampaignEarned, CampaignGiftCard, CampaignBuyX}

// Known reports whether t is one of the five types.
func (t CampaignType) Known() bool {
	for _, k := range CampaignTypes {
		if t == k {
			return true
		}
	}
	return false
}

// Name is the type in plain words for shop staff.
func (t CampaignType) Name() string {
	switch t {
	case CampaignPoints:
		return "points"
	case CampaignEvents:
		return "visits"
	case CampaignEarned:
		return "rewards earned"
	case CampaignGiftCard:
		return "gift card"
	case CampaignBuyX:
		return "punch card"
	}
	return string(t)
}

// Money reports whether the type counts money (balances with a currency).
func (t CampaignType) Money() bool { return t == CampaignEarned || t == CampaignGiftCard }

// Unit names the type's count for n of it ("1 visit", "3 punches");
// money types have none (their amounts carry the currency).
func (t CampaignType) Unit(n Amount) string {
	one := n == OneUnit || n == -OneUnit
	switch t {
	case CampaignPoints:
		return plural(one, "point", "points")
	case CampaignEvents:
		return plural(one, "visit", "visits")
	case CampaignBuyX:
		return plural(one, "punch", "punches")
	}
	return ""
}

func plural(one bool, singular, many string) string {
	if one {
		return singular
	}
	return many
}

// Campaign is one campaign of the account (campaigns_list).
type Campaign struct {
	ID   string
	Name string
	Type CampaignType
	// The attributes that apply to the type, as the server wrote them.
	PointsRatio    string
	RewardRatio    string
	EarnedPerEvent string
	Currency       string // ISO 4217 code of money campaigns
	Glyph          string // its symbol, e.g. $
	Created        string
	// Items are a buyx campaign's items (<item>).
	Items []string
	// Inactive is set for campaigns that came from campaigns_inactive_list.
	Inactive bool
}

// Format writes an amount of the campaign with its unit or currency:
// "1,250 points", "7 visits", "$12.50", "NZ$ 3.00" when only a code is known.
func (c Campaign) Format(amount string) string {
	return FormatAmount(c.Type, c.Currency, c.Glyph, amount)
}

// FormatAmount writes an amount of a campaign type with its unit or
// currency, thousands grouped ("1,074 points", "$1,250.00"), as the till
// shows it too. An amount that is not a number is shown as the server
// wrote it.
func FormatAmount(t CampaignType, currency, glyph, amount string) string {
	a, ok := ParseAmount(amount)
	if !ok {
		return strings.TrimSpace(amount)
	}
	if t.Money() {
		return formatMoney(a, currency, glyph)
	}
	if unit := t.Unit(a); unit != "" {
		return a.Grouped() + " " + unit
	}
	return a.Grouped()
}

func formatMoney(a Amount, currency, glyph string) string {
	sign := ""
	if a < 0 {
		sign, a = "-", -a
	}
	switch {
	case glyph != "":
		return sign + glyph + a.GroupedMoney()
	case currency != "":
		return sign + a.GroupedMoney() + " " + currency
	}
	return sign + a.GroupedMoney()
}

// CampaignFilter narrows campaigns_list to one type (type_restrict).
type CampaignFilter struct {
	Type CampaignType
}

// Campaigns lists the account's active campaigns (campaigns_list).
func (c *Client) Campaigns(ctx context.Context) ([]Campaign, error) {
	return c.campaigns(ctx, "campaigns", "campaigns_list", CampaignFilter{})
}

// CampaignsOfType lists the active campaigns of one type (type_restrict).
func (c *Client) CampaignsOfType(ctx context.Context, t CampaignType) ([]Campaign, error) {
	if !t.Known() {
		return nil, invalid("type_restrict", "%q is not a campaign type (points, events, earned, giftcard, buyx)", t)
	}
	return c.campaigns(ctx, "campaigns", "campaigns_list", CampaignFilter{Type: t})
}

// InactiveCampaigns lists the deactivated campaigns (campaigns_inactive_list);
// each has Inactive set.
func (c *Client) InactiveCampaigns(ctx context.Context) ([]Campaign, error) {
	out, err := c.campaigns(ctx, "inactive campaigns", "campaigns_inactive_list", CampaignFilter{})
	for i := range out {
		out[i].Inactive = true
	}
	return out, err
}

// AllCampaigns lists the active campaigns, then the inactive ones.
func (c *Client) AllCampaigns(ctx context.Context) ([]Campaign, error) {
	active, err := c.Campaigns(ctx)
	if err != nil {
		return nil, err
	}
	inactive, err := c.InactiveCampaigns(ctx)
	if err != nil {
		return nil, err
	}
	return append(active, inactive...), nil
}

func (c *Client) campaigns(ctx context.Context, op, callType string, f CampaignFilter) ([]Campaign, error) {
	form := c.form(callType, authPassword)
	if f.Type != "" {
		form.Set("type_restrict", string(f.Type))
	}
	root, err := c.call(ctx, op, form)
	if err != nil {
		return nil, err
	}
	var out []Campaign
	for _, n := range root.Child("campaigns").All("campaign") {
		out = append(out, campaignFromNode(n))
	}
	return out, nil
}

func campaignFromNode(n *wire.Node) Campaign {
	c := Campaign{
		ID: n.Get("id"), Name: n.Get("name"), Type: CampaignType(strings.ToLower(strings.TrimSpace(n.Get("type")))),
		PointsRatio: n.Get("points_ratio"), RewardRatio: n.Get("reward_ratio"),
		EarnedPerEvent: n.Get("earned_per_event"), Currency: n.Get("currency"),
		Glyph: n.Get("glyph"), Created: n.Get("created_stamp"),
	}
	for _, it := range n.All("item") {
		if it.Text != "" {
			c.Items = append(c.Items, it.Text)
		}
	}
	return c
}

// Reward is one reward level of a campaign (campaign_rewards). A reward is
// redeemed by its ID, not by RewardID.
type Reward struct {
	ID          string
	Level       string // in the campaign's units (points, visits, money, punches)
	Description string
	RewardID    string
}

// CampaignRewards lists a campaign's reward levels, lowest first as the
// server sends them.
func (c *Client) CampaignRewards(ctx context.Context, campaignID string) ([]Reward, error) {
	if strings.TrimSpace(campaignID) == "" {
		return nil, invalid("campaign_id", "a campaign is required")
	}
	form := c.form("campaign_rewards", authPassword)
	form.Set("campaign_id", campaignID)
	root, err := c.call(ctx, "campaign rewards", form)
	if err != nil {
		return nil, err
	}
	camp := root.Child("campaign")
	if camp == nil {
		camp = root // tolerate the rewards directly under the response
	}
	var out []Reward
	for _, n := range camp.Child("rewards").All("reward") {
		out = append(out, Reward{ID: n.Get("id"), Level: n.Get("level"), Description: n.Get("description"), RewardID: n.Get("reward_id")})
	}
	return out, nil
}

// RewardProgress is what a balance reaches among a campaign's rewards.
type RewardProgress struct {
	// Available are the rewards the balance reaches now, lowest first.
	Available []Reward
	// Next is the lowest reward not reached yet, if any, and Missing what
	// the balance lacks to reach it.
	Next    *Reward
	Missing Amount
}

// Progress works out which rewards a balance reaches. Rewards whose level
// is not a number are left out.
func Progress(balance string, rewards []Reward) RewardProgress {
	var p RewardProgress
	bal, ok := ParseAmount(balance)
	if !ok {
		bal = 0
	}
	var nextLevel Amount
	for i := range rewards {
		level, ok := ParseAmount(rewards[i].Level)
		if !ok {
			continue
		}
		if bal >= level {
			p.Available = append(p.Available, rewards[i])
			continue
		}
		if p.Next == nil || level < nextLevel {
			p.Next, nextLevel = &rewards[i], level
		}
	}
	if p.Next != nil {
		p.Missing = nextLevel - bal
	}
	return p
}
