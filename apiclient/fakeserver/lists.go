package fakeserver

import (
	"strconv"
	"strings"
	"time"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/wire"
)

var campaignTypes = []string{"points", "events", "earned", "giftcard", "buyx"}

// campaignsList answers type=campaigns_list: the active campaigns,
// type_restrict keeping one type.
func (st *store) campaignsList(c *call) (reply, error) {
	return st.listCampaigns(c, true)
}

// campaignsInactiveList answers type=campaigns_inactive_list.
func (st *store) campaignsInactiveList(c *call) (reply, error) {
	return st.listCampaigns(c, false)
}

func (st *store) listCampaigns(c *call, active bool) (reply, error) {
	only := strings.TrimSpace(c.get("type_restrict"))
	if only != "" && !contains(campaignTypes, only) {
		return reply{}, apiErrf("type_restrict must be one of %s, not %q", strings.Join(campaignTypes, ", "), only)
	}
	list := wire.NewNode("campaigns")
	for _, camp := range st.campaigns {
		if camp.active == active && (only == "" || camp.kind == only) {
			list.Add(campaignNode(camp, ""))
		}
	}
	return reply{node: success().Add(list)}, nil
}

// campaignNode is a campaign as campaigns_list writes it: id, name, type
// and the attributes that apply to its type; customer_info adds the
// customer's balance after the type.
func campaignNode(camp *campaign, balance string) *wire.Node {
	n := wire.NewNode("campaign").AddText("id", camp.id).AddText("name", camp.name).AddText("type", camp.kind)
	addIf := func(k, v string) {
		if v != "" {
			n.AddText(k, v)
		}
	}
	addIf("balance", balance)
	addIf("points_ratio", camp.pointsRatio)
	addIf("reward_ratio", camp.rewardRatio)
	addIf("earned_per_event", camp.earnedPerEvent)
	addIf("currency", camp.currency)
	addIf("glyph", apiclient.CurrencyGlyph(camp.currency))
	n.AddText("created_stamp", camp.created.Format(time.DateTime))
	for _, it := range camp.items {
		n.AddText("item", it.name)
	}
	return n
}

// campaignRewards answers type=campaign_rewards&campaign_id=….
func (st *store) campaignRewards(c *call) (reply, error) {
	ci, err := st.campaignParam(c)
	if err != nil {
		return reply{}, err
	}
	camp := st.campaigns[ci]
	list := wire.NewNode("rewards")
	for _, rw := range camp.rewards {
		n := wire.NewNode("reward").AddText("id", rw.id).AddText("level", camp.format(rw.level)).AddText("description", rw.desc)
		if rw.rewardID != "" {
			n.AddText("reward_id", rw.rewardID)
		}
		list.Add(n)
	}
	node := wire.NewNode("campaign").AddText("id", camp.id).AddText("name", camp.name).AddText("type", camp.kind).Add(list)
	return reply{node: success().Add(node)}, nil
}

// campaignParam reads a required campaign_id.
func (st *store) campaignParam(c *call) (int, error) {
	id := strings.TrimSpace(c.get("campaign_id"))
	if id == "" {
		return 0, apiErr("campaign_id is required")
	}
	ci, ok := st.campaignByID(id)
	if !ok {
		return 0, apiErrf("%s: %s", msgCampaignNotFound, id)
	}
	return ci, nil
}

// manageFields answers type=manage_fields&action=list (API 1.6 or 1.5).
func (st *store) manageFields(c *call) (reply, error) {
	return st.fieldList(c, "manage_fields", st.fields)
}

// transactionFields answers type=transaction_fields&action=list.
func (st *store) transactionFields(c *call) (reply, error) {
	return st.fieldList(c, "transaction_fields", st.txnFields)
}

func (st *store) fieldList(c *call, callType string, defs []fieldDef) (reply, error) {
	if v := c.get("API"); v != "1.6" && v != "1.5" {
		return reply{}, apiErrf("%s needs API=1.6 (or 1.5) with user_api_key", callType)
	}
	switch a := c.get("action"); a {
	case "list":
	case "":
		return reply{}, apiErr("action is required (list)")
	default:
		return reply{}, apiErrf("%s action %q is not supported here (list)", callType, a)
	}
	list := wire.NewNode("fields")
	for _, d := range defs {
		n := wire.NewNode("field").AddText("name", d.name).AddText("label", d.label).
			AddText("show", yn(d.show)).AddText("required", yn(d.required)).AddText("type", d.kind)
		if len(d.choices) > 0 {
			ch := wire.NewNode("choices")
			for _, v := range d.choices {
				ch.AddText("choice", v)
			}
			n.Add(ch)
		}
		list.Add(n)
	}
	acc := wire.NewNode("account").AddText("account_id", st.account["account_id"]).Add(list)
	return reply{node: success().Add(acc)}, nil
}

// generateCardNumber answers type=generate_card_number: an unused card
// number of how_many_digits (default 16) between the prefix and suffix.
func (st *store) generateCardNumber(c *call) (reply, error) {
	digits := 16
	if v := strings.TrimSpace(c.get("how_many_digits")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 4 || n > 19 {
			return reply{}, apiErrf("how_many_digits must be from 4 to 19, not %q", v)
		}
		digits = n
	}
	card, err := st.newPrefixedCard(&recordReq{genDigits: digits, prefix: c.get("card_number_prefix"), suffix: c.get("card_number_suffix")})
	if err != nil {
		return reply{}, err
	}
	return reply{node: success().Add(wire.NewNode("customer").AddText("card_number", card))}, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
