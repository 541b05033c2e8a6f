package fakeserver

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The campaigns of the demo account, one of each of the service's five
// types and one deactivated. The first two are the IDs of the seed-000 PHP
// example, so that example finds customers.
const (
	PointsCampaignID   = "123456789012"
	EventsCampaignID   = "210987654321"
	EarnedCampaignID   = "345678901234"
	BuyXCampaignID     = "456789012345"
	GiftCardCampaignID = "567890123456"
	InactiveCampaignID = "678901234567"
)

// Well-known demo customers, present whatever the seed and size.
const (
	// DemoCode and DemoCard are Jane Doe of the seed-000 sample answer,
	// enrolled in every campaign.
	DemoCode      = "4137071924090694"
	DemoCard      = "11111111"
	DemoFirstName = "Jane"
	DemoLastName  = "Doe"

	// José Álvarez, with points and visits.
	DemoCode2      = "5820417736150923"
	DemoCard2      = "20240611"
	DemoFirstName2 = "José"
	DemoLastName2  = "Álvarez"

	// Zoë Kowalski has no card: she is found by her code only. She joined
	// 20 days before Now.
	DemoNoCardCode   = "7203915548261037"
	DemoNoCardFirst  = "Zoë"
	DemoNoCardLast   = "Kowalski"
	demoNoCardJoined = 20 * 24 * time.Hour

	// AmbiguousCard is shared by two customers (a couple on one family
	// card): looking it up is ambiguous (MsgMultipleCardMatch).
	AmbiguousCard  = "55555555"
	AmbiguousCode1 = "6048261937504821" // Mere Ngata
	AmbiguousCode2 = "6048261937504822" // Hemi Ngata
)

// Days of transactions the data set holds before Now.
const historyDays = 90

// demoCampaigns are the account's campaigns; the index order is the
// order of a customer's enrolled/balance slices.
var demoCampaigns = []campaign{
	{id: PointsCampaignID, name: "Widget Points", kind: "points", active: true, pointsRatio: "10", rewardRatio: "100",
		rewards: []rewardDef{{id: "701", rewardID: "R-COFFEE", desc: "Free coffee", level: 500},
			{id: "702", rewardID: "R-10OFF", desc: "10% off", level: 2000}, {id: "703", rewardID: "R-WIDGET", desc: "Free widget", level: 6000}},
		promos: []promoDef{{id: "801", name: "Double points Tuesday", multiplier: 2}, {id: "802", name: "Triple points launch week", multiplier: 3}}},
	{id: EventsCampaignID, name: "Coffee Club", kind: "events", active: true,
		rewards: []rewardDef{{id: "711", desc: "Free pastry", level: 5}, {id: "712", desc: "Free coffee", level: 10}}},
	{id: EarnedCampaignID, name: "Dollar Rewards", kind: "earned", active: true, earnedPerEvent: "5", currency: "USD",
		rewards: []rewardDef{{id: "721", desc: "$5 voucher", level: 500}, {id: "722", desc: "$20 voucher", level: 2000}}},
	{id: BuyXCampaignID, name: "Gadget Collector", kind: "buyx", active: true,
		items:   []buyxItem{{"901", "Widget"}, {"902", "Gadget"}, {"903", "Sprocket"}, {"904", "Gizmo"}, {"905", "Flat White"}},
		rewards: []rewardDef{{id: "731", desc: "One free item", level: 10}}},
	{id: GiftCardCampaignID, name: "Gift Card", kind: "giftcard", active: true, currency: "USD"},
	{id: InactiveCampaignID, name: "Summer Stamps 2025", kind: "events",
		rewards: []rewardDef{{id: "741", desc: "Free ice cream", level: 8}}},
}

// demoFields are the account's customer fields as manage_fields lists them:
// the standard ones with the merchant's labels (street 2 hidden, the mobile
// number required), then the numbered custom fields.
var demoFields = []fieldDef{
	{name: "first_name", label: "First name", show: true, kind: "Text"},
	{name: "last_name", label: "Last name", show: true, kind: "Text"},
	{name: "phone", label: "Mobile", show: true, required: true, kind: "Text"},
	{name: "email", label: "Email", show: true, kind: "Text"},
	{name: "street1", label: "Street", show: true, kind: "Text"},
	{name: "street2", label: "Street 2", show: false, kind: "Text"},
	{name: "city", label: "City", show: true, kind: "Text"},
	{name: "state", label: "State", show: true, kind: "Text"},
	{name: "postal_code", label: "Postal code", show: true, kind: "Text"},
	{name: "country", label: "Country", show: true, kind: "Text"},
	{name: "custom_date", label: "Birthday", show: true, kind: "Date"},
	{name: "custom_field", label: "Note", show: true, kind: "Text"},
	{name: "customer_username", label: "Username", show: true, kind: "Text"},
	{name: "custom_field_1", number: 1, label: "Favourite product", show: true, kind: "Text"},
	{name: "custom_field_2", number: 2, label: "Marital status", show: true, kind: "Pick", choices: []string{"Single", "Married", "Partnered", "Widowed", "Other"}},
	{name: "custom_field_3", number: 3, label: "Anniversary", show: true, kind: "Date"},
	{name: "custom_field_4", number: 4, label: "Household size", show: true, kind: "Text"},
	{name: "custom_field_5", number: 5, label: "Cheese preferences", show: true, kind: "List", choices: []string{"Gouda", "Emental", "Swiss", "Cheddar", "Brie"}},
	{name: "custom_field_6", number: 6, label: "Staff notes", show: false, kind: "Text"},
}

// demoTxnFields are the account's transaction fields (transaction_fields).
// None is required: the demo till records "+ 12.50 enter" with no other
// key; a merchant who requires one gets it asked (and checked) at the till.
var demoTxnFields = []fieldDef{
	{name: "custom_field_1", number: 1, label: "Receipt number", show: true, kind: "Text"},
	{name: "custom_field_2", number: 2, label: "Department", show: true, kind: "Pick", choices: []string{"Café", "Hardware", "Online"}},
	{name: "custom_field_3", number: 3, label: "Pick-up date", show: true, kind: "Date"},
	{name: "custom_field_4", number: 4, label: "Gift wrap", show: false, kind: "List", choices: []string{"Paper", "Ribbon", "Card"}},
}

func newStore(opts Options, now time.Time) *store {
	st := &store{
		rng:       rand.New(rand.NewPCG(opts.Seed, 0x10ca1)),
		byCode:    map[string]*custRec{},
		byCard:    map[string][]*custRec{},
		fields:    slices.Clone(demoFields),
		users:     map[string]string{DemoUserID: DemoPassword, DemoOwnerID: DemoOwnerPassword},
		coalition: opts.Coalition,
		twoTier:   opts.TwoTier,
		account:   demoAccount(now),
	}
	st.txnFields = slices.Clone(demoTxnFields)
	for _, c := range demoCampaigns {
		c.items, c.rewards, c.promos = slices.Clone(c.items), slices.Clone(c.rewards), slices.Clone(c.promos)
		c.created = now.AddDate(-3, 0, 0).Truncate(24 * time.Hour)
		st.campaigns = append(st.campaigns, &c)
	}
	return st
}

func demoAccount(now time.Time) map[string]string {
	return map[string]string{
		"account_id": DemoAccountID, "biz_name": "Great Widgets Company",
		"biz_address1": "123 Main St.", "biz_address2": "", "biz_city": "Anytown",
		"biz_state": "CA", "biz_zip": "55555", "biz_country": "United States",
		"contact_first_name": "John", "contact_last_name": "Smith",
		"contact_email": "john@example.com", "contact_phone": "555-555-5555",
		"client_email": "info@greatwidgets.example.com", "language": "EN", "symbol": "USD",
		"timezone": "14", "created": now.AddDate(-4, 0, 0).Format(time.DateOnly),
		"agency": "demo_agency", "referrer_name": "", "activate": "Y",
	}
}

// seeder builds the data set: customers with profiles and campaigns first,
// then their transactions, then one sequence of IDs over both in time order.
type seeder struct {
	st  *store
	rng *rand.Rand
	now time.Time
}

type seedCustomer struct {
	rec      *custRec
	activity float64 // mean transactions over the history window
}

func seedStore(opts Options) *store {
	now := opts.Now()
	st := newStore(opts, now)
	g := &seeder{st: st, rng: st.rng, now: now}
	custs := g.customers(opts.Customers)
	var txns []txn
	for _, sc := range custs {
		txns = g.history(sc, txns)
	}
	// Ties are ordered by customer and then by the order made, so the same
	// seed always numbers the transactions alike.
	for i := range txns {
		txns[i].id = int64(i)
	}
	slices.SortFunc(txns, func(a, b txn) int {
		return cmp.Or(a.at.Compare(b.at), cmp.Compare(a.id, b.id))
	})
	g.publish(custs, txns)
	return st
}

// publish numbers customers and transactions in time order and indexes them.
func (g *seeder) publish(custs []seedCustomer, txns []txn) {
	st := g.st
	st.txns = make([]txn, 0, len(txns)+1024)
	ti := 0
	for _, sc := range custs {
		for ti < len(txns) && txns[ti].at.Before(sc.rec.p.created) {
			g.appendTxn(txns[ti])
			ti++
		}
		sc.rec.p.changeID = st.nextID()
		st.add(sc.rec)
	}
	for ; ti < len(txns); ti++ {
		g.appendTxn(txns[ti])
	}
}

func (g *seeder) appendTxn(t txn) {
	t.id = g.st.nextID()
	g.st.txns = append(g.st.txns, t)
	t.cust.txns = append(t.cust.txns, int32(len(g.st.txns)-1))
}

func (g *seeder) fixedCustomers() []seedCustomer {
	day := 24 * time.Hour
	jane := g.fixed(DemoCode, DemoCard, DemoFirstName, DemoLastName, 700*day, 14, 0, 1, 2, 3, 4)
	f := &jane.rec.p.f
	f[fPhone], f[fEmail], f[fStreet1], f[fStreet2] = "555-5555", "jdoe@email.com", "123 Main St.", "Apt 3G"
	f[fCity], f[fState], f[fPostalCode], f[fCountry] = "Anytown", "ND", "12345", "NZ"
	f[fCustomField], f[fCustomDate], f[fUsername] = "She likes cheese!", "1970-07-14", "jdoe123"
	f[fPassword], f[fPIN] = "ilovecheese", "1234"
	jane.rec.p.registered = true
	jane.rec.p.custom = map[int]string{1: "Gouda wheel", 2: "Married", 4: "3", 5: "Gouda, Emental, Swiss", 6: "Prefers the window table"}

	jose := g.fixed(DemoCode2, DemoCard2, DemoFirstName2, DemoLastName2, 400*day, 8, 0, 1)
	f = &jose.rec.p.f
	f[fPhone], f[fEmail], f[fStreet1] = "555-0142", "jose.alvarez@example.com", "48 Rue Sainte-Catherine"
	f[fCity], f[fState], f[fPostalCode], f[fCountry] = "Montréal", "QC", "H2X 1Y4", "CA"
	f[fCustomDate] = "1984-03-09"
	jose.rec.p.custom = map[int]string{2: "Single", 4: "1"}

	zoe := g.fixed(DemoNoCardCode, "", DemoNoCardFirst, DemoNoCardLast, demoNoCardJoined, 3, 0)
	zoe.rec.p.f[fEmail] = "zoe.kowalski@example.org"

	mere := g.fixed(AmbiguousCode1, AmbiguousCard, "Mere", "Ngata", 300*day, 5, 0, 1)
	hemi := g.fixed(AmbiguousCode2, AmbiguousCard, "Hemi", "Ngata", 200*day, 4, 0)
	for _, sc := range []seedCustomer{mere, hemi} {
		f := &sc.rec.p.f
		f[fPhone], f[fStreet1], f[fCity], f[fState], f[fPostalCode], f[fCountry] = "021 555 0178", "7 Tui Street", "Rotorua", "BOP", "3010", "NZ"
	}
	return []seedCustomer{jane, jose, zoe, mere, hemi}
}

func (g *seeder) fixed(code, card, first, last string, age time.Duration, activity float64, camps ...int) seedCustomer {
	p := &profile{code: code, card: card, created: g.now.Add(-age).Truncate(time.Minute)}
	g.st.byCode[code] = nil // reserved; published later
	p.f[fFirstName], p.f[fLastName] = first, last
	rec := g.st.newRec(p)
	for _, c := range camps {
		rec.enrolled[c] = true
	}
	return seedCustomer{rec: rec, activity: activity}
}

// customers makes the demo customers and enough random ones to reach n,
// in order of sign-up (times are drawn and sorted first: sorting profiles
// would be slow for 100,000).
func (g *seeder) customers(n int) []seedCustomer {
	fixed := g.fixedCustomers()
	slices.SortFunc(fixed, func(a, b seedCustomer) int { return a.rec.p.created.Compare(b.rec.p.created) })
	joined := make([]time.Time, max(0, n-len(fixed)))
	for i := range joined {
		joined[i] = g.joined()
	}
	slices.SortFunc(joined, func(a, b time.Time) int { return a.Compare(b) })
	out := make([]seedCustomer, 0, len(fixed)+len(joined))
	for _, t := range joined {
		for len(fixed) > 0 && fixed[0].rec.p.created.Before(t) {
			out, fixed = append(out, fixed[0]), fixed[1:]
		}
		out = append(out, g.randomCustomer(t))
	}
	return append(out, fixed...)
}

func (g *seeder) randomCustomer(joined time.Time) seedCustomer {
	st, r := g.st, g.rng
	p := &profile{code: st.newCode(), created: joined}
	st.byCode[p.code] = nil // reserved; published later
	if r.Float64() < 0.94 {
		p.card = g.seedCard()
	}
	fillPerson(r, p)
	rec := st.newRec(p)
	rec.enrolled[0] = r.Float64() < 0.9
	rec.enrolled[1] = r.Float64() < 0.5
	rec.enrolled[2] = r.Float64() < 0.35
	rec.enrolled[3] = r.Float64() < 0.3
	rec.enrolled[4] = r.Float64() < 0.15
	if !slices.Contains(rec.enrolled, true) {
		rec.enrolled[r.IntN(5)] = true // never the deactivated campaign
	}
	// Mostly occasional customers, a few regulars.
	activity := -math.Log(1-r.Float64()) * 3
	return seedCustomer{rec: rec, activity: min(activity, 40)}
}

// joined picks a sign-up time: one in eight within the history window, the
// rest over the three years before it; shop hours only.
func (g *seeder) joined() time.Time {
	var daysAgo int
	if g.rng.IntN(8) == 0 {
		daysAgo = g.rng.IntN(historyDays)
	} else {
		daysAgo = historyDays + g.rng.IntN(3*365)
	}
	return g.shopTime(daysAgo)
}

// shopTime is a time between 8:00 and 20:00 local, daysAgo days before now,
// never after now.
func (g *seeder) shopTime(daysAgo int) time.Time {
	y, m, d := g.now.Date()
	t := time.Date(y, m, d-daysAgo, 8, 0, 0, 0, g.now.Location()).Add(time.Duration(g.rng.IntN(12*3600)) * time.Second)
	if t.After(g.now) {
		t = g.now.Add(-time.Duration(g.rng.IntN(3600)+1) * time.Second)
	}
	return t
}

// seedCard returns an unused 8-digit card number; the index is filled at
// publication, so uniqueness is kept in a reservation entry.
func (g *seeder) seedCard() string {
	for {
		c := strconv.Itoa(10_000_000 + g.rng.IntN(90_000_000))
		if _, used := g.st.byCard[c]; !used && c != AmbiguousCard && c != DemoCard && c != DemoCard2 {
			g.st.byCard[c] = nil
			return c
		}
	}
}

// history makes the customer's transactions in the window, oldest first,
// with an opening balance from before it and the odd redemption.
func (g *seeder) history(sc seedCustomer, out []txn) []txn {
	rec, r := sc.rec, g.rng
	var camps []int
	for i, on := range rec.enrolled {
		if on {
			camps = append(camps, i)
			rec.balance[i] = g.openingBalance(i, rec.p.created)
		}
	}
	start := g.now.AddDate(0, 0, -historyDays)
	if rec.p.created.After(start) {
		start = rec.p.created
	}
	span := g.now.Sub(start)
	n := int(sc.activity * float64(span) / float64(historyDays*24*time.Hour))
	if sc.activity >= 1 && n == 0 {
		n = 1
	}
	times := make([]time.Time, n)
	for i := range times {
		times[i] = g.shopTimeBetween(start, span)
	}
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	for i, at := range times {
		ci := camps[r.IntN(len(camps))]
		if i < len(camps) { // every enrolled campaign gets used when there are enough visits
			ci = camps[i]
		}
		t := g.purchase(rec, ci, at)
		rec.balance[ci] += t.amount
		out = append(out, t)
		c := g.st.campaigns[ci]
		if rec.balance[ci] >= c.reward() && r.IntN(4) == 0 {
			out = append(out, g.redemption(rec, ci, earlier(at.Add(time.Minute), g.now)))
		}
	}
	return out
}

func (g *seeder) shopTimeBetween(start time.Time, span time.Duration) time.Time {
	t := start.Add(time.Duration(g.rng.Int64N(int64(span) + 1)))
	if h := t.Hour(); h < 8 || h >= 20 {
		t = t.Add(time.Duration(12-h) * time.Hour)
	}
	if t.After(g.now) || t.Before(start) {
		t = start.Add(span / 2)
	}
	return t
}

func (g *seeder) openingBalance(ci int, created time.Time) int64 {
	if created.After(g.now.AddDate(0, 0, -historyDays)) {
		return 0
	}
	c := g.st.campaigns[ci]
	if c.kind == "giftcard" {
		return g.rng.Int64N(50) * 100
	}
	return g.rng.Int64N(c.reward())
}

var tills = []string{"till-1", "till-2", "maria.k", "cashier123", "webshop"}

// purchase makes a sale in the campaign; the caller moves the balance.
func (g *seeder) purchase(rec *custRec, ci int, at time.Time) txn {
	c, r := g.st.campaigns[ci], g.rng
	t := txn{cust: rec, camp: ci, at: at, user: tills[r.IntN(len(tills))], desc: "Purchase"}
	switch c.kind {
	case "points":
		t.amount = int64(5+r.IntN(196)) * 10
	case "events":
		t.amount, t.desc = 1, "Visit"
	case "earned":
		t.amount = int64(25 + r.IntN(725)) // 5% of a $5–$150 sale
	case "giftcard":
		t.amount, t.desc = int64(2+r.IntN(9))*1000, "Gift card load"
	case "buyx":
		it := c.items[r.IntN(len(c.items))]
		t.amount, t.item, t.desc = 1, it.name, it.name
	}
	return t
}

func (g *seeder) redemption(rec *custRec, ci int, at time.Time) txn {
	c := g.st.campaigns[ci]
	rw := c.rewards[0]
	rec.balance[ci] -= rw.level
	return txn{cust: rec, camp: ci, at: at, amount: rw.level, redeemed: true,
		desc: "Reward: " + rw.desc, user: tills[g.rng.IntN(len(tills))]}
}

// fillPerson gives a profile a lifelike name, contact details and custom fields.
func fillPerson(r *rand.Rand, p *profile) {
	f := &p.f
	f[fFirstName] = firstNames[r.IntN(len(firstNames))]
	f[fLastName] = lastNames[r.IntN(len(lastNames))]
	f[fPhone] = phone(r)
	if r.Float64() < 0.85 {
		f[fEmail] = email(r, f[fFirstName], f[fLastName])
	}
	if r.Float64() < 0.75 {
		f[fStreet1] = fmt.Sprintf("%d %s", 1+r.IntN(480), streets[r.IntN(len(streets))])
		if r.Float64() < 0.15 {
			f[fStreet2] = []string{"Apt ", "Unit ", "Suite ", "Flat "}[r.IntN(4)] + strconv.Itoa(1+r.IntN(40))
		}
		pl := places[r.IntN(len(places))]
		f[fCity], f[fState], f[fPostalCode], f[fCountry] = pl[0], pl[1], pl[2], pl[3]
	}
	if r.Float64() < 0.65 {
		f[fCustomDate] = time.Date(1940+r.IntN(66), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	}
	if r.Float64() < 0.1 {
		f[fCustomField] = notes[r.IntN(len(notes))]
	}
	if r.Float64() < 0.2 {
		f[fUsername] = asciiFold(f[fFirstName]) + asciiFold(f[fLastName])[:1] + strconv.Itoa(10+r.IntN(90))
		f[fPassword] = "pw" + strconv.Itoa(100000+r.IntN(900000))
		p.registered = true
	} else {
		p.registered = r.Float64() < 0.3
	}
	if r.Float64() < 0.15 {
		f[fPIN] = strconv.Itoa(1000 + r.IntN(9000))
	}
	p.custom = randomCustomFields(r)
}

func randomCustomFields(r *rand.Rand) map[int]string {
	m := map[int]string{}
	if r.Float64() < 0.3 {
		m[1] = []string{"Widget", "Blue gadget", "Sprocket set", "Gizmo XL", "Flat white"}[r.IntN(5)]
	}
	if r.Float64() < 0.4 {
		ch := demoField(2).choices
		m[2] = ch[r.IntN(len(ch))]
	}
	if r.Float64() < 0.15 {
		m[3] = time.Date(1975+r.IntN(48), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	}
	if r.Float64() < 0.35 {
		m[4] = strconv.Itoa(1 + r.IntN(6))
	}
	if r.Float64() < 0.2 {
		ch := demoField(5).choices
		start := r.IntN(len(ch))
		m[5] = strings.Join(ch[start:min(len(ch), start+1+r.IntN(3))], ", ")
	}
	if r.Float64() < 0.1 {
		m[6] = notes[r.IntN(len(notes))]
	}
	if len(m) == 0 {
		return nil
	}
	return m
}

// demoField is the demo's custom field number n.
func demoField(n int) fieldDef {
	for _, d := range demoFields {
		if d.number == n {
			return d
		}
	}
	panic("no demo field " + strconv.Itoa(n))
}

func phone(r *rand.Rand) string {
	n := 100 + r.IntN(100)
	switch r.IntN(4) {
	case 0:
		return fmt.Sprintf("(555) 555-0%d", n)
	case 1:
		return fmt.Sprintf("+64 21 555 0%d", n)
	case 2:
		return fmt.Sprintf("021 555 0%d", n)
	}
	return fmt.Sprintf("555-555-0%d", n)
}

func email(r *rand.Rand, first, last string) string {
	domains := []string{"example.com", "example.net", "example.org", "mail.example.com"}
	local := asciiFold(first) + "." + asciiFold(last)
	if r.IntN(3) == 0 {
		local += strconv.Itoa(1 + r.IntN(99))
	}
	return strings.ToLower(local) + "@" + domains[r.IntN(len(domains))]
}

var foldMap = map[rune]string{
	'á': "a", 'à': "a", 'â': "a", 'ä': "a", 'ã': "a", 'å': "a", 'ā': "a", 'ç': "c", 'ć': "c",
	'é': "e", 'è': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'í': "i", 'ì': "i", 'î': "i", 'ï': "i", 'ī': "i",
	'ł': "l", 'ñ': "n", 'ń': "n", 'ó': "o", 'ò': "o", 'ô': "o", 'ö': "o", 'õ': "o", 'ø': "o", 'ō': "o",
	'ś': "s", 'ß': "ss", 'ú': "u", 'ù': "u", 'û': "u", 'ü': "u", 'ū': "u", 'ý': "y", 'ź': "z", 'ż': "z",
	'Á': "A", 'É': "E", 'Í': "I", 'Ó': "O", 'Ú': "U", 'Ø': "O", 'Ł': "L", 'Ś': "S", 'Ż': "Z", 'Ö': "O", 'Ü': "U", 'Ä': "A",
}

// asciiFold spells a name in ASCII letters for e-mail addresses and user names.
func asciiFold(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c < 128 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'):
			b.WriteRune(c)
		case foldMap[c] != "":
			b.WriteString(foldMap[c])
		}
	}
	if b.Len() == 0 {
		return "x"
	}
	return b.String()
}

var firstNames = []string{
	"James", "Olivia", "Liam", "Emma", "Noah", "Ava", "Mia", "Lucas", "Sofia", "Mateo",
	"Isabella", "Chloé", "Zoë", "José", "Renée", "Søren", "Björn", "Anaïs", "Łukasz", "Siobhán",
	"Aoife", "Aroha", "Tama", "Mereana", "Hemi", "Ngaio", "Priya", "Arjun", "Wei", "Mei",
	"Hiroshi", "Yuki", "Fatima", "Omar", "Amara", "Kwame", "Nadia", "Ingrid", "Dmitri", "Katarzyna",
	"Pedro", "Lucía", "Camille", "François", "Jürgen", "Märta", "Oisín", "Niamh", "Seán", "Grace",
	"Jack", "Charlotte", "William", "Amelia", "Harper", "Ethan", "Leilani", "Kai", "Sione", "Ana",
	"Théo", "Inés", "Malak", "Ravi", "Elif", "Mohammed", "Sara", "Tomás", "Freya", "Oliver",
}

var lastNames = []string{
	"Smith", "Brown", "Wilson", "Taylor", "Nguyen", "Ng", "Patel", "Singh", "Kumar", "Chen",
	"Wang", "Li", "Kim", "Park", "Tanaka", "Suzuki", "García", "Martínez", "Álvarez", "Rodríguez",
	"Hernández", "Müller", "Schröder", "Weiß", "Jäger", "Dubois", "Lefèvre", "Rossi", "Bianchi", "O'Brien",
	"O'Connor", "McDonald", "MacLeod", "Kowalski", "Nowak", "Wójcik", "Johansson", "Nilsson", "Østergaard", "Andersen",
	"Ivanova", "Petrov", "Silva", "Santos", "Gonçalves", "Ngata", "Te Rangi", "Tuilagi", "van der Berg", "de Vries",
	"Ahmed", "Hassan", "Okafor", "Mensah", "Cohen", "Levi", "Murphy", "Kelly", "Walker", "Thompson",
	"Yılmaz", "Novák", "Horvat", "Papadopoulos", "Fernández", "Lopez", "Clarke", "Robinson", "Young", "King",
}

var streets = []string{
	"Main St.", "Queen Street", "King Street", "High Street", "Oak Avenue", "Maple Drive",
	"Elm Street", "Victoria Road", "Church Lane", "Harbour View Road", "Ponsonby Road",
	"Cuba Street", "Rue Sainte-Catherine", "Bahnhofstraße", "Calle Mayor", "Te Awe Awe Street",
}

// places are city, state, postal code, country.
var places = [][4]string{
	{"Anytown", "CA", "95555", "US"}, {"Springfield", "IL", "62701", "US"}, {"Portland", "OR", "97205", "US"},
	{"Austin", "TX", "73301", "US"}, {"Auckland", "AKL", "1010", "NZ"}, {"Wellington", "WGN", "6011", "NZ"},
	{"Christchurch", "CAN", "8011", "NZ"}, {"Dunedin", "OTA", "9016", "NZ"}, {"Sydney", "NSW", "2000", "AU"},
	{"Melbourne", "VIC", "3000", "AU"}, {"Brisbane", "QLD", "4000", "AU"}, {"Toronto", "ON", "M5H 2N2", "CA"},
	{"Montréal", "QC", "H2X 1Y4", "CA"}, {"Vancouver", "BC", "V6B 1A1", "CA"}, {"London", "", "SW1A 1AA", "GB"},
	{"Dublin", "", "D02 XY45", "IE"}, {"São Paulo", "SP", "01000-000", "BR"}, {"Zürich", "ZH", "8001", "CH"},
}

var notes = []string{
	"Prefers email receipts", "Allergic to nuts", "VIP — call before large orders", "Wholesale customer",
	"Birthday club", "Likes the blue widgets", "Ask about the loyalty card upgrade", "Pays with cash only",
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
