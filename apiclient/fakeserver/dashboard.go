package fakeserver

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"loyaltydesk/apiclient/wire"
)

const (
	maxDashboardRows = 1000
	maxActivityDays  = 366
)

// dashboardReq is the sections a dashboard call asks for; zero leaves one out.
type dashboardReq struct {
	mostActive, days, lastTxns, lastCusts  int
	count, custMonth, txnMonth, activeCamp bool
}

// dashboard answers type=dashboard (seed 003, API 1.5). Each section comes
// only when asked for, computed from the store.
func (st *store) dashboard(c *call) (reply, error) {
	if c.get("API") != "1.5" {
		return reply{}, apiErr("the dashboard needs API=1.5")
	}
	r, err := readDashboardReq(c)
	if err != nil {
		return reply{}, err
	}
	root := success()
	if r.mostActive > 0 {
		root.Add(st.mostActive(r.mostActive))
	}
	if r.count || r.custMonth {
		root.Add(st.totalCustomers(c.now, r.count, r.custMonth))
	}
	if r.txnMonth {
		root.Add(st.totalTransactions(c.now))
	}
	if r.activeCamp {
		root.AddText("active_campaigns_count", strconv.Itoa(st.activeCampaigns()))
	}
	if r.days > 0 {
		root.Add(st.activity(c.now, r.days))
	}
	if r.lastTxns > 0 {
		root.Add(st.lastTransactions(c.now.Location(), r.lastTxns))
	}
	if r.lastCusts > 0 {
		root.Add(st.lastCustomers(c.now.Location(), r.lastCusts))
	}
	return reply{node: root}, nil
}

func readDashboardReq(c *call) (dashboardReq, error) {
	var r dashboardReq
	var err error
	for _, n := range []struct {
		key   string
		dst   *int
		limit int
	}{
		{"most_active", &r.mostActive, maxDashboardRows}, {"campaigns_per_day_activity", &r.days, maxActivityDays},
		{"last_X_transactions", &r.lastTxns, maxDashboardRows}, {"last_X_customers", &r.lastCusts, maxDashboardRows},
	} {
		if *n.dst, err = positiveInt(c, n.key, n.limit); err != nil {
			return r, err
		}
	}
	asked := func(k string) bool { return c.given(k) && !isNo(c.get(k)) }
	r.count = asked("customer_count")
	r.custMonth = asked("total_customers_this_month")
	r.txnMonth = asked("total_transactions_this_month")
	// The seed's PHP example spells it active_campaign_count.
	r.activeCamp = asked("active_campaigns_count") || asked("active_campaign_count")
	return r, nil
}

func (st *store) mostActive(n int) *wire.Node {
	ranked := make([]*custRec, 0, len(st.customers))
	for _, rec := range st.customers {
		if len(rec.txns) > 0 {
			ranked = append(ranked, rec)
		}
	}
	slices.SortFunc(ranked, func(a, b *custRec) int {
		if c := cmp.Compare(len(b.txns), len(a.txns)); c != 0 {
			return c
		}
		return strings.Compare(a.p.code, b.p.code)
	})
	out := wire.NewNode("most_active")
	for _, rec := range ranked[:min(n, len(ranked))] {
		out.Add(wire.NewNode("customer").AddText("code", rec.p.code).AddText("card_number", rec.p.card).
			AddText("first_name", rec.p.f[fFirstName]).AddText("last_name", rec.p.f[fLastName]).
			AddText("transactions", strconv.Itoa(len(rec.txns))))
	}
	return out
}

// monthWindows are this month so far, all of last month, and last month up
// to the same point as now in this month.
type monthWindows struct {
	thisStart, lastStart, samePeriodEnd, now time.Time
}

func windowsAt(now time.Time) monthWindows {
	y, m, _ := now.Date()
	this := time.Date(y, m, 1, 0, 0, 0, 0, now.Location())
	last := this.AddDate(0, -1, 0)
	same := last.Add(now.Sub(this))
	if same.After(this) {
		same = this
	}
	return monthWindows{thisStart: this, lastStart: last, samePeriodEnd: same, now: now}
}

// count sorts one moment into the three summaries.
func (w monthWindows) count(t time.Time, s *[3]int) {
	switch {
	case !t.Before(w.thisStart) && !t.After(w.now):
		s[0]++
	case !t.Before(w.lastStart) && t.Before(w.thisStart):
		s[1]++
		if t.Before(w.samePeriodEnd) {
			s[2]++
		}
	}
}

func summaryNode(name string, s [3]int) *wire.Node {
	return wire.NewNode(name).AddText("this_month", strconv.Itoa(s[0])).
		AddText("last_month", strconv.Itoa(s[1])).AddText("same_period_last_month", strconv.Itoa(s[2]))
}

func (st *store) totalCustomers(now time.Time, count, month bool) *wire.Node {
	n := wire.NewNode("total_customers")
	if count {
		n.AddText("all_time", strconv.Itoa(len(st.customers)))
	}
	if month {
		w := windowsAt(now)
		var s [3]int
		for _, rec := range st.customers {
			w.count(rec.p.created, &s)
		}
		n.Children = append(n.Children, summaryNode("", s).Children...)
	}
	return n
}

func (st *store) totalTransactions(now time.Time) *wire.Node {
	w := windowsAt(now)
	var s [3]int
	for i := len(st.txns) - 1; i >= 0 && !st.txns[i].at.Before(w.lastStart); i-- {
		if !st.txns[i].voided {
			w.count(st.txns[i].at, &s)
		}
	}
	return summaryNode("total_transactions", s)
}

func (st *store) activeCampaigns() int {
	n := 0
	for _, c := range st.campaigns {
		if c.active {
			n++
		}
	}
	return n
}

// activity counts each campaign's transactions per local day, oldest day
// first, today included.
func (st *store) activity(now time.Time, days int) *wire.Node {
	y, m, d := now.Date()
	first := time.Date(y, m, d-days+1, 0, 0, 0, 0, now.Location())
	counts := make([]map[string]int, len(st.campaigns))
	for i := range counts {
		counts[i] = map[string]int{}
	}
	for i := len(st.txns) - 1; i >= 0 && !st.txns[i].at.Before(first); i-- {
		t := &st.txns[i]
		if t.voided {
			continue
		}
		counts[t.camp][t.at.In(now.Location()).Format(time.DateOnly)]++
	}
	out := wire.NewNode("campaigns_per_day_activity")
	for ci, c := range st.campaigns {
		if !c.active {
			continue
		}
		cn := wire.NewNode("campaign").AddText("campaign_id", c.id).AddText("campaign_name", c.name).AddText("campaign_type", c.kind)
		for day := range days {
			date := first.AddDate(0, 0, day).Format(time.DateOnly)
			cn.Add(wire.NewNode("day").AddText("date", date).AddText("quantity", strconv.Itoa(counts[ci][date])))
		}
		out.Add(cn)
	}
	return out
}

// lastTransactions is the newest n transactions, newest first, after a
// <transactions> count as in the seed's sample.
func (st *store) lastTransactions(loc *time.Location, n int) *wire.Node {
	n = min(n, len(st.txns))
	out := wire.NewNode("last_X_transactions").AddText("transactions", strconv.Itoa(n))
	for i := len(st.txns) - 1; i >= len(st.txns)-n; i-- {
		t := &st.txns[i]
		if t.voided {
			continue
		}
		c, p := st.campaigns[t.camp], t.cust.p
		out.Add(wire.NewNode("transaction").AddText("transaction_id", strconv.FormatInt(t.id, 10)).
			AddText("campaign_id", c.id).AddText("campaign_name", c.name).AddText("campaign_type", c.kind).
			AddText("code", p.code).AddText("card_number", p.card).
			AddText("first_name", p.f[fFirstName]).AddText("last_name", p.f[fLastName]).
			AddText("date", t.at.In(loc).Format(time.DateOnly)).AddText("amount", c.format(t.amount)).
			AddText("redeemed", yn(t.redeemed)).AddText("item", t.item).
			AddText("description", t.desc).AddText("user", t.user))
	}
	return out
}

func (st *store) lastCustomers(loc *time.Location, n int) *wire.Node {
	out := wire.NewNode("last_X_customers")
	for i := len(st.customers) - 1; i >= 0 && len(out.Children) < n; i-- {
		p := st.customers[i].p
		out.Add(wire.NewNode("customer").AddText("code", p.code).AddText("card_number", p.card).
			AddText("first_name", p.f[fFirstName]).AddText("last_name", p.f[fLastName]).
			AddText("time_stamp", p.created.In(loc).Format(time.DateTime)))
	}
	return out
}
