package fakeserver

import (
	"strconv"
	"strings"

	"loyaltydesk/apiclient/wire"
)

// The till's calls: record_activity, redeem, transaction_delete,
// campaign_promos and buyx_items_list (api-reference.md, "Record a
// transaction", "Redeem", "Rewards, promotions, items"). Neither
// balance-changing call is idempotent, as on the service: the same request
// twice records twice.

// msgNotEnough is the fake's wording when a balance does not reach (⚑:
// the service's wording is not published; the client decides from
// status="error" alone).
const msgNotEnough = "Not enough balance for this redemption"

// activity is one change of a balance, before it is applied.
type activity struct {
	rec      *custRec
	camp     int
	amount   int64
	redeemed bool
	item     string
	desc     string
}

// tillCustomer resolves the customer and the campaign of a till call.
func (st *store) tillCustomer(c *call) (*custRec, int, error) {
	id := strings.TrimSpace(c.get("campaign_id"))
	if id == "" {
		return nil, 0, apiErr("campaign_id is required")
	}
	ci, ok := st.campaignByID(id)
	if !ok || !st.campaigns[ci].active {
		return nil, 0, apiErrf("%s: %s", msgCampaignNotFound, id)
	}
	rec, err := st.find(strings.TrimSpace(c.get("code")), strings.TrimSpace(c.get("card_number")))
	return rec, ci, err
}

// recordActivity answers type=record_activity: points turn the amount into
// points by points_ratio (a promotion multiplies them), events count a
// visit, earned adds earned_per_event, giftcard loads the amount, buyx
// counts the items toward the free one.
func (st *store) recordActivity(c *call) (reply, error) {
	rec, ci, err := st.tillCustomer(c)
	if err != nil {
		return reply{}, err
	}
	a, err := st.earn(rec, ci, c)
	if err != nil {
		return reply{}, err
	}
	if err := st.checkTxnFields(c); err != nil {
		return reply{}, err
	}
	return st.apply(c, a, wire.NewNode("response").SetAttr("status", "success")), nil
}

func (st *store) earn(rec *custRec, ci int, c *call) (activity, error) {
	camp := st.campaigns[ci]
	a := activity{rec: rec, camp: ci, desc: c.get("authorization")}
	amount, hasAmount, err := moneyParam(c, "amount")
	if err != nil {
		return a, err
	}
	switch camp.kind {
	case "points":
		ratio := ratioOf(camp.pointsRatio)
		a.amount = ratio / 100 // one currency unit when no amount is given
		if hasAmount {
			a.amount = amount * ratio / 10_000 // cents × hundredths of points per unit
		}
		if mult, err := st.promo(camp, c.get("promo_id")); err != nil {
			return a, err
		} else {
			a.amount *= mult
		}
	case "events":
		a.amount = 1
	case "earned":
		a.amount = ratioOf(camp.earnedPerEvent) // money earned per event, in cents
	case "giftcard":
		if !hasAmount {
			return a, apiErr("amount is required for a gift card load")
		}
		a.amount = amount
	case "buyx":
		it, ok := camp.item(strings.TrimSpace(c.get("service_product")))
		if !ok {
			return a, apiErrf("service_product %q is not an item of campaign %s", c.get("service_product"), camp.id)
		}
		q, err := positiveInt(c, "buyx_quantity", 1000)
		if err != nil {
			return a, err
		}
		a.amount, a.item = int64(max(q, 1)), it.name
	}
	return a, nil
}

// ratioOf reads a campaign ratio such as "10" or "2.5" in hundredths
// (1000, 250); a missing or unreadable one counts as 1.
func ratioOf(s string) int64 {
	h, ok := parseCents(strings.TrimSpace(s))
	if !ok || h <= 0 {
		return 100
	}
	return h
}

func (st *store) promo(camp *campaign, id string) (int64, error) {
	id = strings.TrimSpace(id)
	if id == "" {
		return 1, nil
	}
	for _, p := range camp.promos {
		if p.id == id {
			return max(p.multiplier, 1), nil
		}
	}
	return 0, apiErrf("promo_id %s is not a promotion of campaign %s", id, camp.id)
}

// moneyParam reads an amount such as 9.95 or 9,95 as cents.
func moneyParam(c *call, key string) (int64, bool, error) {
	v := strings.TrimSpace(c.get(key))
	if v == "" {
		return 0, false, nil
	}
	cents, ok := parseCents(strings.Replace(v, ",", ".", 1))
	if !ok || cents <= 0 {
		return 0, false, apiErrf("%s %q is not an amount such as 9.95", key, v)
	}
	return cents, true, nil
}

// checkTxnFields checks the transaction fields sent (custom_field_N).
func (st *store) checkTxnFields(c *call) error {
	for key, vals := range c.form {
		if !strings.HasPrefix(key, "custom_field_") || len(vals) == 0 || vals[0] == "" {
			continue
		}
		def, ok := st.txnField(key)
		if !ok {
			return apiErrf("%s is not a transaction field of this account", key)
		}
		if _, err := checkFieldValue(def, key, vals[0]); err != nil {
			return err
		}
	}
	for _, d := range st.txnFields {
		if d.required && strings.TrimSpace(c.get(d.name)) == "" {
			return apiErrf("%s (%s) is required", d.name, d.label)
		}
	}
	return nil
}

func (st *store) txnField(name string) (fieldDef, bool) {
	for _, d := range st.txnFields {
		if d.name == name {
			return d, true
		}
	}
	return fieldDef{}, false
}

// redeem answers type=redeem. Not enough balance is refused and changes
// nothing: no balance goes below zero.
func (st *store) redeem(c *call) (reply, error) {
	rec, ci, err := st.tillCustomer(c)
	if err != nil {
		return reply{}, err
	}
	a, err := st.redemption(rec, ci, c)
	if err != nil {
		return reply{}, err
	}
	if a.amount > rec.balance[ci] {
		return reply{}, apiErr(msgNotEnough)
	}
	agency := wire.NewNode("agency").AddText("name", st.account["biz_name"]).AddText("email", st.account["client_email"])
	receipt := wire.NewNode("receipt").Add(agency)
	return st.apply(c, a, receipt), nil
}

func (st *store) redemption(rec *custRec, ci int, c *call) (activity, error) {
	camp := st.campaigns[ci]
	a := activity{rec: rec, camp: ci, redeemed: true, desc: c.get("authorization")}
	reward, points, dollars := strings.TrimSpace(c.get("reward_to_redeem")), strings.TrimSpace(c.get("custom_points_redeem")), strings.TrimSpace(c.get("custom_dollars_redeem"))
	if n := count(reward != "", points != "", dollars != ""); n != 1 {
		return a, apiErr("give one of reward_to_redeem, custom_points_redeem or custom_dollars_redeem")
	}
	switch {
	case camp.money():
		if reward == "" {
			return a, apiErr("reward_to_redeem is the amount to spend for this campaign")
		}
		cents, _, err := moneyParam(c, "reward_to_redeem")
		a.amount = cents
		return a, err
	case points != "" && camp.kind == "points":
		n, err := positiveInt(c, "custom_points_redeem", 1_000_000_000)
		if err == nil && n == 0 {
			err = apiErr("custom_points_redeem must be more than zero")
		}
		a.amount = int64(n)
		return a, err
	case dollars != "" && camp.kind == "points":
		cents, _, err := moneyParam(c, "custom_dollars_redeem")
		a.amount = (cents*ratioOf(camp.rewardRatio) + 9_999) / 10_000 // points per currency unit of value, rounded up
		return a, err
	case reward != "":
		for _, r := range camp.rewards {
			if r.id == reward {
				a.amount, a.item = r.level, r.desc
				return a, nil
			}
		}
		return a, apiErrf("reward_to_redeem %s is not a reward of campaign %s (redeem by the reward's <id>)", reward, camp.id)
	}
	return a, apiErrf("a %s campaign redeems a reward (reward_to_redeem)", camp.kind)
}

func count(bs ...bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

// apply records the activity for the calling user and answers with the
// transaction and the new balance inside to (⚑).
func (st *store) apply(c *call, a activity, to *wire.Node) reply {
	st.addTxn(a.rec, a.camp, c.now, a.amount, a.redeemed, a.item, a.desc, c.user)
	t := &st.txns[len(st.txns)-1]
	camp := st.campaigns[a.camp]
	to.Add(wire.NewNode("transaction").AddText("id", strconv.FormatInt(t.id, 10)).AddText("amount", camp.format(a.amount))).
		AddText("balance", camp.format(a.rec.balance[a.camp]))
	if to.Name == "response" {
		return reply{node: to}
	}
	return reply{node: success().Add(to)}
}

// transactionDelete answers type=transaction_delete: the transaction leaves
// the customer's history and its effect leaves the balance, which may not
// go below zero.
func (st *store) transactionDelete(c *call) (reply, error) {
	if strings.TrimSpace(c.get("code")) == "" {
		return reply{}, apiErr("code is required") // the service names no card_number here
	}
	rec, ci, err := st.tillCustomer(c)
	if err != nil {
		return reply{}, err
	}
	id, err := strconv.ParseInt(strings.TrimSpace(c.get("transaction_id")), 10, 64)
	if err != nil {
		return reply{}, apiErr("transaction_id is required")
	}
	for i, ti := range rec.txns {
		t := &st.txns[ti]
		if t.id != id || t.camp != ci || t.voided {
			continue
		}
		effect := t.amount
		if t.redeemed {
			effect = -effect
		}
		if rec.balance[ci]-effect < 0 {
			return reply{}, apiErr("the transaction cannot be deleted: the balance would go below zero")
		}
		rec.balance[ci] -= effect
		t.voided = true
		rec.txns = append(rec.txns[:i:i], rec.txns[i+1:]...)
		return reply{node: success()}, nil
	}
	return reply{}, apiErrf("transaction %d not found for this customer and campaign", id)
}

// campaignPromos answers type=campaign_promos (⚑ shape:
// <promos><promo><promo_id/><name/>).
func (st *store) campaignPromos(c *call) (reply, error) {
	camp, err := st.listCampaign(c)
	if err != nil {
		return reply{}, err
	}
	list := wire.NewNode("promos")
	for _, p := range camp.promos {
		list.Add(wire.NewNode("promo").AddText("promo_id", p.id).AddText("name", p.name))
	}
	return reply{node: success().Add(list)}, nil
}

// buyxItemsList answers type=buyx_items_list (⚑ shape:
// <items><item><id/><name/>).
func (st *store) buyxItemsList(c *call) (reply, error) {
	camp, err := st.listCampaign(c)
	if err != nil {
		return reply{}, err
	}
	if camp.kind != "buyx" {
		return reply{}, apiErrf("campaign %s is not a buyx campaign", camp.id)
	}
	list := wire.NewNode("items")
	for _, it := range camp.items {
		list.Add(wire.NewNode("item").AddText("id", it.id).AddText("name", it.name))
	}
	return reply{node: success().Add(list)}, nil
}

func (st *store) listCampaign(c *call) (*campaign, error) {
	id := strings.TrimSpace(c.get("campaign_id"))
	if id == "" {
		return nil, apiErr("campaign_id is required")
	}
	ci, ok := st.campaignByID(id)
	if !ok {
		return nil, apiErrf("%s: %s", msgCampaignNotFound, id)
	}
	return st.campaigns[ci], nil
}

// Txn is one transaction as the store holds it, for tests to inspect.
type Txn struct {
	ID            int64
	CampaignID    string
	Amount        string
	Redeemed      bool
	Item          string
	Authorization string
	UserName      string
}

// History returns the customer's transactions that stand (voided ones
// are gone), oldest first.
func (s *Server) History(code string) []Txn {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec := s.st.byCode[code]
	if rec == nil {
		return nil
	}
	out := make([]Txn, 0, len(rec.txns))
	for _, ti := range rec.txns {
		t := &s.st.txns[ti]
		camp := s.st.campaigns[t.camp]
		out = append(out, Txn{ID: t.id, CampaignID: camp.id, Amount: camp.format(t.amount), Redeemed: t.redeemed,
			Item: t.item, Authorization: t.desc, UserName: t.user})
	}
	return out
}

// CountAuthorization counts the customer's transactions whose
// authorization starts with ref (a till reference): how often an action
// landed.
func (s *Server) CountAuthorization(code, ref string) int {
	n := 0
	for _, t := range s.History(code) {
		if strings.HasPrefix(t.Authorization, ref) {
			n++
		}
	}
	return n
}
