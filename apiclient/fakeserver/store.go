package fakeserver

import (
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// fieldIdx indexes the plain customer fields of record_customer (seed 002).
type fieldIdx int

const (
	fFirstName fieldIdx = iota
	fLastName
	fPhone
	fEmail
	fStreet1
	fStreet2
	fCity
	fState
	fPostalCode
	fCountry
	fCustomDate
	fCustomField
	fUsername
	fPassword
	fPIN
	numFields
)

// fieldNames are the form names of the plain fields, by fieldIdx. The fake
// keeps its own list rather than the client's, so that it can catch the
// client's mistakes.
var fieldNames = [numFields]string{
	"first_name", "last_name", "phone", "email", "street1", "street2", "city",
	"state", "postal_code", "country", "custom_date", "custom_field",
	"customer_username", "customer_password", "customer_PIN",
}

var fieldByName = func() map[string]fieldIdx {
	m := make(map[string]fieldIdx, numFields)
	for i, n := range fieldNames {
		m[n] = fieldIdx(i)
	}
	return m
}()

// profile is one customer's information. A published profile is never
// changed: an edit stores a changed copy, so the customers report can stream
// a snapshot of pointers without holding the lock.
type profile struct {
	code       string
	card       string
	f          [numFields]string
	custom     map[int]string // custom_field_N by N
	registered bool
	created    time.Time
	changeID   int64 // the sequence ID of the creation or last change
}

func (p *profile) clone() *profile {
	q := *p
	q.custom = maps.Clone(p.custom)
	return &q
}

// custRec is a customer's slot in the store: the current profile plus the
// campaign state that transactions change.
type custRec struct {
	p        *profile
	enrolled []bool  // by campaign index
	balance  []int64 // by campaign index, in campaign units
	txns     []int32 // indexes into store.txns, oldest first
}

// campaign is one loyalty campaign of the account.
type campaign struct {
	id   string
	name string
	// kind is one of the service's five types: points, events, earned,
	// giftcard, buyx.
	kind           string
	active         bool
	created        time.Time
	pointsRatio    string // points per currency unit spent (points)
	rewardRatio    string // points per currency unit of reward value (points)
	earnedPerEvent string // percent of a purchase earned back (earned)
	currency       string // ISO 4217 (earned, giftcard)
	items          []buyxItem
	rewards        []rewardDef // lowest level first
	promos         []promoDef  // points promotions (campaign_promos, issue 12)
}

// buyxItem is one item a buyx campaign counts.
type buyxItem struct {
	id, name string
}

// rewardDef is one reward level, in the campaign's units.
type rewardDef struct {
	id, rewardID, desc string
	level              int64
}

// promoDef is one points promotion (campaign_promos).
type promoDef struct {
	id, name   string
	multiplier int64
}

// money reports whether the campaign counts money (units are cents).
func (c *campaign) money() bool { return c.kind == "earned" || c.kind == "giftcard" }

// reward is what the cheapest reward costs, for the simulated redemptions;
// a campaign without rewards (a gift card) never redeems one.
func (c *campaign) reward() int64 {
	if len(c.rewards) == 0 {
		return math.MaxInt64
	}
	return c.rewards[0].level
}

// format writes an amount of the campaign's units as the API shows it:
// money with two decimals (units are cents), the rest whole numbers.
func (c *campaign) format(units int64) string {
	if !c.money() {
		return strconv.FormatInt(units, 10)
	}
	sign := ""
	if units < 0 {
		sign, units = "-", -units
	}
	return fmt.Sprintf("%s%d.%02d", sign, units/100, units%100)
}

// parseAmount reads an auto_add value for the campaign: a positive number
// for points, events, earned and giftcard; an item name or id (counting 1)
// for buyx.
func (c *campaign) parseAmount(s string) (units int64, item string, err error) {
	s = strings.TrimSpace(s)
	if c.kind == "buyx" {
		if it, ok := c.item(s); ok {
			return 1, it.name, nil
		}
		return 0, "", fmt.Errorf("auto_add %q is not an item of campaign %s (%s)", s, c.id, strings.Join(c.itemNames(), ", "))
	}
	if c.money() {
		cents, ok := parseCents(strings.Replace(s, ",", ".", 1))
		if !ok || cents <= 0 {
			return 0, "", fmt.Errorf("auto_add %q is not an amount of money", s)
		}
		return cents, "", nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 || n > 1_000_000_000 {
		unit := c.kind
		if unit == "events" {
			unit = "visits"
		}
		return 0, "", fmt.Errorf("auto_add %q is not a whole number of %s", s, unit)
	}
	return n, "", nil
}

func (c *campaign) item(s string) (buyxItem, bool) {
	for _, it := range c.items {
		if strings.EqualFold(it.name, s) || it.id == s {
			return it, true
		}
	}
	return buyxItem{}, false
}

func (c *campaign) itemNames() []string {
	out := make([]string, len(c.items))
	for i, it := range c.items {
		out[i] = it.name
	}
	return out
}

func parseCents(s string) (int64, bool) {
	whole, frac, hasFrac := strings.Cut(s, ".")
	if whole == "" || !allDigits(whole) || len(whole) > 9 || (hasFrac && (len(frac) == 0 || len(frac) > 2 || !allDigits(frac))) {
		return 0, false
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	f := int64(0)
	if hasFrac {
		f, _ = strconv.ParseInt(frac, 10, 64)
		if len(frac) == 1 {
			f *= 10
		}
	}
	return w*100 + f, true
}

// txn is one transaction of one customer in one campaign.
type txn struct {
	id       int64
	cust     *custRec
	camp     int
	at       time.Time
	amount   int64
	redeemed bool
	item     string
	desc     string
	user     string
	// voided is a transaction taken back (transaction_delete): out of the
	// customer's history and balance, and of every count.
	voided bool
}

// fieldDef is one field of manage_fields or transaction_fields: a
// standard customer field or a numbered custom one (number > 0).
type fieldDef struct {
	name     string // first_name, custom_field_2, …
	number   int
	label    string
	show     bool
	required bool
	kind     string // Text, Date, Pick, List
	choices  []string
}

// undoState is what a batch import changed, enough to put it back.
type undoState struct {
	created []*custRec
	before  []savedRec
}

type savedRec struct {
	rec      *custRec
	p        *profile
	enrolled []bool
}

// store is the fake service's data. Every method expects Server.mu held.
type store struct {
	rng       *rand.Rand
	seq       int64 // transactions and customer changes share one sequence (the report's `last`)
	campaigns []*campaign
	fields    []fieldDef // manage_fields: standard and custom
	txnFields []fieldDef // transaction_fields
	customers []*custRec // creation order
	byCode    map[string]*custRec
	byCard    map[string][]*custRec
	txns      []txn
	account   map[string]string
	users     map[string]string // user_id → API key
	undos     []undoState
	coalition bool
	twoTier   bool
}

func (st *store) nextID() int64 {
	st.seq++
	return st.seq
}

func (st *store) campaignByID(id string) (int, bool) {
	for i, c := range st.campaigns {
		if c.id == id {
			return i, true
		}
	}
	return 0, false
}

func (st *store) fieldDef(n int) (fieldDef, bool) {
	for _, d := range st.fields {
		if d.number == n && n > 0 {
			return d, true
		}
	}
	return fieldDef{}, false
}

func (st *store) newRec(p *profile) *custRec {
	return &custRec{p: p, enrolled: make([]bool, len(st.campaigns)), balance: make([]int64, len(st.campaigns))}
}

// add appends a new customer and indexes it.
func (st *store) add(rec *custRec) {
	st.customers = append(st.customers, rec)
	st.byCode[rec.p.code] = rec
	if rec.p.card != "" {
		st.byCard[rec.p.card] = append(st.byCard[rec.p.card], rec)
	}
}

// setProfile publishes a changed profile and keeps the indexes right.
func (st *store) setProfile(rec *custRec, p *profile) {
	old := rec.p
	if old.code != p.code {
		if st.byCode[old.code] == rec {
			delete(st.byCode, old.code)
		}
		st.byCode[p.code] = rec
	}
	if old.card != p.card {
		st.unindexCard(rec, old.card)
		if p.card != "" {
			st.byCard[p.card] = append(st.byCard[p.card], rec)
		}
	}
	rec.p = p
}

func (st *store) unindexCard(rec *custRec, card string) {
	if card == "" {
		return
	}
	list := st.byCard[card]
	for i, r := range list {
		if r == rec {
			list = append(list[:i:i], list[i+1:]...)
			break
		}
	}
	if len(list) == 0 {
		delete(st.byCard, card)
	} else {
		st.byCard[card] = list
	}
}

// removeNewest takes out customers that were the last ones added (a batch
// rolled back); they have no transactions yet.
func (st *store) removeNewest(recs []*custRec) {
	for i := len(recs) - 1; i >= 0; i-- {
		rec := recs[i]
		delete(st.byCode, rec.p.code)
		st.unindexCard(rec, rec.p.card)
		if n := len(st.customers); n > 0 && st.customers[n-1] == rec {
			st.customers = st.customers[:n-1]
		}
	}
}

// addTxn records a transaction now and moves the balance.
func (st *store) addTxn(rec *custRec, camp int, at time.Time, amount int64, redeemed bool, item, desc, user string) {
	st.txns = append(st.txns, txn{
		id: st.nextID(), cust: rec, camp: camp, at: at, amount: amount,
		redeemed: redeemed, item: item, desc: desc, user: user,
	})
	rec.txns = append(rec.txns, int32(len(st.txns)-1))
	rec.enrolled[camp] = true
	if redeemed {
		rec.balance[camp] -= amount
	} else {
		rec.balance[camp] += amount
	}
}

// newCode returns an unused 16-digit customer code.
func (st *store) newCode() string {
	for {
		c := strconv.FormatUint(1_000_000_000_000_000+st.rng.Uint64N(9_000_000_000_000_000), 10)
		if _, used := st.byCode[c]; !used {
			return c
		}
	}
}

// newCard returns an unused all-numeric card number of the given length.
func (st *store) newCard(digits int) (string, error) {
	for range 200 {
		var b strings.Builder
		b.WriteByte(byte('1' + st.rng.IntN(9)))
		for b.Len() < digits {
			b.WriteByte(byte('0' + st.rng.IntN(10)))
		}
		if c := b.String(); len(st.byCard[c]) == 0 {
			return c, nil
		}
	}
	return "", fmt.Errorf("card_number_generate: no unused %d-digit card number could be found; use more digits", digits)
}

// newAPIKey returns a fresh API key in the documents' style (18 hex digits).
func (st *store) newAPIKey() string {
	const hex = "0123456789abcdef"
	b := make([]byte, 18)
	for i := range b {
		b[i] = hex[st.rng.IntN(16)]
	}
	return string(b)
}

// find resolves customer_info's and customer_balance's code or card_number.
func (st *store) find(code, card string) (*custRec, error) {
	switch {
	case code != "":
		if rec := st.byCode[code]; rec != nil {
			return rec, nil
		}
		return nil, apiErr(msgCustomerNotFound)
	case card != "":
		switch recs := st.byCard[card]; len(recs) {
		case 0:
			return nil, apiErr(msgCustomerNotFound)
		case 1:
			return recs[0], nil
		default:
			return nil, apiErr(msgMultipleCardMatch)
		}
	}
	return nil, apiErr("code or card_number is required")
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
