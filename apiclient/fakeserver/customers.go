package fakeserver

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"loyaltydesk/apiclient/wire"
)

// recordReq is a checked record_customer request; nothing in the store has
// changed yet.
type recordReq struct {
	action    string
	code      string
	card      string
	newCode   string
	genDigits int
	prefix    string
	suffix    string
	fields    map[fieldIdx]string
	custom    map[int]string
	camps     []int
	autoAdd   int64
	autoItem  string
	hasAuto   bool
}

// recordCustomer answers type=record_customer (seed 002; new and register
// from api-reference.md).
func (st *store) recordCustomer(c *call) (reply, error) {
	action := strings.ToLower(strings.TrimSpace(c.get("customer_action")))
	switch action {
	case "edit", "new", "register":
	case "":
		return reply{}, apiErr("customer_action is required (edit, new or register)")
	default:
		return reply{}, apiErrf("customer_action must be edit, new or register, not %q", action)
	}
	r, err := st.parseRecord(c, action)
	if err != nil {
		return reply{}, err
	}
	rec, err := st.matchRecord(r)
	if err != nil {
		return reply{}, err
	}
	status, code, generated, err := st.applyRecord(c, r, rec)
	if err != nil {
		return reply{}, err
	}
	n := wire.NewNode("customer").SetAttr("status", status).AddText("code", code)
	if generated != "" {
		n.AddText("card_number", generated)
	}
	return reply{node: success().Add(n)}, nil
}

func (st *store) parseRecord(c *call, action string) (*recordReq, error) {
	if v := strings.TrimSpace(c.get("new_code")); v != "" && !isYes(v) {
		return nil, apiErrf("new_code is a flag: send Yes for a freshly generated code (a given code goes on with card_replace), not %q", v)
	}
	r := &recordReq{
		action: action, code: strings.TrimSpace(c.get("code")), card: strings.TrimSpace(c.get("card_number")),
		newCode: strings.TrimSpace(c.get("new_code")), prefix: c.get("card_number_prefix"), suffix: c.get("card_number_suffix"),
		fields: map[fieldIdx]string{}, custom: map[int]string{},
	}
	sent := 0
	for _, k := range []string{"code", "card_number", "new_code"} {
		if c.given(k) {
			sent++
		}
	}
	var err error
	if r.genDigits, err = cardDigits(c); err != nil {
		return nil, err
	}
	if r.genDigits > 0 {
		sent++
	}
	for i, name := range fieldNames {
		if !c.has(name) {
			continue
		}
		v := c.get(name)
		if err := checkField(fieldIdx(i), v, ""); err != nil {
			return nil, err
		}
		r.fields[fieldIdx(i)] = v
		sent++
	}
	for _, k := range sortedKeys(c.form) {
		if !strings.HasPrefix(k, "custom_field_") {
			continue
		}
		num, v, err := st.checkCustomField(k, c.get(k))
		if err != nil {
			return nil, err
		}
		r.custom[num] = v
		sent++
	}
	// send_no_email is accepted and has nothing to suppress here.
	if sent == 0 {
		return nil, apiErr("at least one customer field is required")
	}
	return r, st.parseEnrolment(c, r)
}

// parseEnrolment reads campaign_id (one or a comma list) and auto_add,
// which goes to the first campaign. The fake takes both with every action,
// as seed 002 speaks of auto_add "in the campaign specified".
func (st *store) parseEnrolment(c *call, r *recordReq) error {
	if ids := strings.TrimSpace(c.get("campaign_id")); ids != "" {
		for _, id := range strings.Split(ids, ",") {
			ci, ok := st.campaignByID(strings.TrimSpace(id))
			if !ok {
				return apiErrf("%s: %s", msgCampaignNotFound, strings.TrimSpace(id))
			}
			r.camps = append(r.camps, ci)
		}
	}
	v := strings.TrimSpace(c.get("auto_add"))
	if v == "" {
		return nil
	}
	if len(r.camps) == 0 {
		return apiErr("auto_add needs a campaign_id to add to")
	}
	units, item, err := st.campaigns[r.camps[0]].parseAmount(v)
	if err != nil {
		return apiErr(err.Error())
	}
	r.autoAdd, r.autoItem, r.hasAuto = units, item, true
	return nil
}

// matchRecord applies seed 002's matching rules; nil means a new customer.
// A given code is matched as a code only (an unknown code makes a new
// customer with it); a card number alone is matched as a card number, then
// as a code.
func (st *store) matchRecord(r *recordReq) (*custRec, error) {
	if r.code != "" {
		return st.byCode[r.code], nil
	}
	if r.card == "" {
		return nil, nil
	}
	switch recs := st.byCard[r.card]; len(recs) {
	case 0:
	case 1:
		return recs[0], nil
	default:
		return nil, apiErr(msgMultipleCardMatch)
	}
	return st.byCode[r.card], nil
}

// applyRecord makes the change once everything that can fail has been
// worked out.
func (st *store) applyRecord(c *call, r *recordReq, rec *custRec) (status, code, generated string, err error) {
	var p *profile
	if rec == nil {
		status = "new"
		p = &profile{code: st.newCustomerCode(r), created: c.now}
	} else {
		status = "update"
		p = rec.p.clone()
	}
	if r.card != "" {
		p.card = r.card // edit replaces whatever card number was there
	} else if r.genDigits > 0 {
		if generated, err = st.newPrefixedCard(r); err != nil {
			return "", "", "", err
		}
		p.card = generated
	}
	if r.newCode != "" {
		p.code = st.newCode() // new_code=Yes: a fresh generated code
	}
	setFields(p, r.fields, r.custom)
	if r.action == "register" {
		p.registered = true
	}
	p.changeID = st.nextID()
	if rec == nil {
		rec = st.newRec(p)
		st.add(rec)
	} else {
		st.setProfile(rec, p)
	}
	for _, ci := range r.camps {
		rec.enrolled[ci] = true
	}
	if r.hasAuto {
		st.addTxn(rec, r.camps[0], c.now, r.autoAdd, false, r.autoItem, "Bonus (auto_add)", c.user)
	}
	return status, p.code, generated, nil
}

// newCustomerCode is the code of a customer a record_customer call creates:
// the given code; for new and register, else the given card number
// (api-reference.md); else a random 16-digit code.
func (st *store) newCustomerCode(r *recordReq) string {
	switch {
	case r.code != "":
		return r.code
	case r.action != "edit" && r.card != "":
		return r.card
	}
	return st.newCode()
}

func (st *store) newPrefixedCard(r *recordReq) (string, error) {
	if r.prefix == "" && r.suffix == "" {
		return st.newCard(r.genDigits)
	}
	for range 200 {
		n, err := st.newCard(r.genDigits)
		if err != nil {
			return "", err
		}
		if c := r.prefix + n + r.suffix; len(st.byCard[c]) == 0 {
			return c, nil
		}
	}
	return "", apiErr("card_number_generate: no unused card number could be found")
}

func setFields(p *profile, fields map[fieldIdx]string, custom map[int]string) {
	for i, v := range fields {
		p.f[i] = v
	}
	for n, v := range custom {
		if v == "" {
			delete(p.custom, n)
			continue
		}
		if p.custom == nil {
			p.custom = map[int]string{}
		}
		p.custom[n] = v
	}
}

// cardDigits reads card_number_generate.
func cardDigits(c *call) (int, error) {
	v := strings.TrimSpace(c.get("card_number_generate"))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 4 || n > 19 {
		return 0, apiErrf("card_number_generate must be a number of digits from 4 to 19, not %q", v)
	}
	return n, nil
}

// checkField checks the plain fields that have a format; where names the
// batch line, if any.
func checkField(i fieldIdx, v, where string) error {
	switch i {
	case fCustomDate:
		if v != "" && !isISODate(v) {
			return apiErrf("%scustom_date must be a date in YYYY-MM-DD form, not %q", where, v)
		}
	case fPIN:
		if !allDigits(v) {
			return apiErrf("%scustomer_PIN must be digits only", where)
		}
	}
	return nil
}

// checkCustomField checks custom_field_N against its definition and returns
// N and the value as stored (choices in their defined spelling, a List's
// choices joined with ", ").
func (st *store) checkCustomField(key, v string) (int, string, error) {
	num, err := strconv.Atoi(strings.TrimPrefix(key, "custom_field_"))
	def, ok := st.fieldDef(num)
	if err != nil || !ok {
		return 0, "", apiErrf("%s: the value %s %s: no such field is defined on this account", key, msgCustomFieldInvalid, key)
	}
	v, err = checkFieldValue(def, key, v)
	return num, v, err
}

// checkFieldValue checks a value against a Text, Date, Pick or List field.
func checkFieldValue(def fieldDef, key, v string) (string, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", nil
	}
	bad := func(want string) error {
		return apiErrf("%s: %q %s %q (%s)", key, v, msgCustomFieldInvalid, def.label, want)
	}
	switch def.kind {
	case "Date":
		if !isISODate(v) {
			return "", bad("a date, YYYY-MM-DD")
		}
	case "Pick":
		ch, ok := choice(def, v)
		if !ok {
			return "", bad("one of " + strings.Join(def.choices, ", "))
		}
		v = ch
	case "List":
		var picked []string
		for _, part := range strings.Split(v, ",") {
			ch, ok := choice(def, strings.TrimSpace(part))
			if !ok {
				return "", bad("several of " + strings.Join(def.choices, ", ") + ", joined with \", \"")
			}
			picked = append(picked, ch)
		}
		v = strings.Join(picked, ", ")
	}
	return v, nil
}

func choice(def fieldDef, v string) (string, bool) {
	for _, ch := range def.choices {
		if strings.EqualFold(ch, v) {
			return ch, true
		}
	}
	return "", false
}

func isISODate(s string) bool {
	if len(s) != 10 {
		return false
	}
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// customerInfo answers type=customer_info.
func (st *store) customerInfo(c *call) (reply, error) {
	rec, err := st.find(strings.TrimSpace(c.get("code")), strings.TrimSpace(c.get("card_number")))
	if err != nil {
		return reply{}, err
	}
	only := -1
	if id := strings.TrimSpace(c.get("campaign_id")); id != "" {
		ci, ok := st.campaignByID(id)
		if !ok {
			return reply{}, apiErrf("%s: %s", msgCampaignNotFound, id)
		}
		only = ci
	}
	root := success().Add(st.infoNode(rec, isYes(c.get("hide_custom_field"))))
	if !isNo(c.get("include_balances")) {
		root.Add(st.balancesNode(rec, only))
	}
	return reply{node: root}, nil
}

// infoNode is a customer as customer_info writes it. hide_custom_field=Y
// leaves out the free-text custom_field and the numbered custom fields.
func (st *store) infoNode(rec *custRec, hideCustom bool) *wire.Node {
	p := rec.p
	n := wire.NewNode("customer").AddText("code", p.code).AddText("card_number", p.card)
	for i := fFirstName; i <= fUsername; i++ {
		if hideCustom && i == fCustomField {
			continue
		}
		n.AddText(fieldNames[i], p.f[i])
	}
	n.AddText("registered", yn(p.registered))
	if !hideCustom {
		for _, d := range st.fields {
			if d.number > 0 {
				n.AddText(d.name, p.custom[d.number])
			}
		}
	}
	return n
}

// balancesNode is the <campaigns> customer_info writes beside the
// customer: id, name, type, balance (⚑ plus the list's attributes), for the
// campaigns the customer is in, or the one asked for.
func (st *store) balancesNode(rec *custRec, only int) *wire.Node {
	camps := wire.NewNode("campaigns")
	for ci, c := range st.campaigns {
		if (only < 0 && rec.enrolled[ci]) || only == ci {
			camps.Add(campaignNode(c, c.format(rec.balance[ci])))
		}
	}
	return camps
}

// customerBalance answers type=customer_balance: the balance in one
// campaign and the history, newest first (transactions_number 0 = none,
// N = the last N, absent = all).
func (st *store) customerBalance(c *call) (reply, error) {
	id := strings.TrimSpace(c.get("campaign_id"))
	if id == "" {
		return reply{}, apiErr("campaign_id is required")
	}
	ci, ok := st.campaignByID(id)
	if !ok {
		return reply{}, apiErrf("%s: %s", msgCampaignNotFound, id)
	}
	rec, err := st.find(strings.TrimSpace(c.get("code")), strings.TrimSpace(c.get("card_number")))
	if err != nil {
		return reply{}, err
	}
	limit := -1
	if c.given("transactions_number") {
		if limit, err = positiveInt(c, "transactions_number", 1_000_000); err != nil {
			return reply{}, err
		}
	}
	camp := st.campaigns[ci]
	cust := wire.NewNode("customer").AddText("balance", camp.format(rec.balance[ci]))
	node := wire.NewNode("campaign").AddText("campaign_name", camp.name).AddText("campaign_type", camp.kind).Add(cust)
	if limit == 0 {
		return reply{node: success().Add(node)}, nil
	}
	list := wire.NewNode("transactions")
	for i := len(rec.txns) - 1; i >= 0 && (limit < 0 || len(list.Children) < limit); i-- {
		t := &st.txns[rec.txns[i]]
		if t.camp == ci {
			list.Add(st.txnNode(t, c.now.Location()))
		}
	}
	cust.Add(list)
	return reply{node: success().Add(node)}, nil
}

// txnNode is one transaction of customer_balance; ⚑ the date carries the
// time of day, in the account's time.
func (st *store) txnNode(t *txn, loc *time.Location) *wire.Node {
	return wire.NewNode("transaction").AddText("id", strconv.FormatInt(t.id, 10)).
		AddText("date", t.at.In(loc).Format(time.DateTime)).
		AddText("amount", st.campaigns[t.camp].format(t.amount)).AddText("redeemed", yn(t.redeemed)).
		AddText("authorization", t.desc).AddText("user_name", t.user)
}

func yn(b bool) string {
	if b {
		return "Y"
	}
	return "N"
}

func isNo(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "n", "no", "false", "0":
		return true
	}
	return false
}
