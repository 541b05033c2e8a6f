package fakeserver

import (
	"io"
	"strconv"
	"strings"
	"time"

	"loyaltydesk/apiclient/wire"
)

// report answers type=reports. Only customers_all (seed 000) is served.
func (st *store) report(c *call) (reply, error) {
	switch r := c.get("report"); r {
	case "customers_all":
		return st.customersAll(c)
	case "":
		return reply{}, apiErr("report is required (customers_all)")
	default:
		return reply{}, apiErrf("unknown report %q", r)
	}
}

// customersAll applies seed 000's rules: no campaigns → every customer
// (dates alone are ignored); campaigns → customers with a transaction in
// them, within the dates when given; last → customers created or changed
// after that sequence ID, and never together with campaigns. After the
// customers comes <last_id>: the newest sequence ID as of the report, the
// `last` to pass next time (api-reference ⚑, see apiclient's report).
func (st *store) customersAll(c *call) (reply, error) {
	from, to, err := reportDates(c)
	if err != nil {
		return reply{}, err
	}
	camps, err := st.selectedCampaigns(c.get("selected_campaigns"))
	if err != nil {
		return reply{}, err
	}
	last := strings.TrimSpace(c.get("last"))
	if last != "" && len(camps) > 0 {
		return reply{}, apiErr(msgLastWithCampaigns)
	}
	var sel []*profile
	switch {
	case last != "":
		since, err := strconv.ParseInt(last, 10, 64)
		if err != nil || since < 0 {
			return reply{}, apiErrf("last must be an ID returned earlier (digits), not %q", last)
		}
		sel = st.changedSince(since)
	case len(camps) > 0:
		sel = st.activeIn(camps, from, to)
	default:
		sel = make([]*profile, len(st.customers))
		for i, rec := range st.customers {
			sel[i] = rec.p
		}
	}
	tail := []*wire.Node{{Name: "last_id", Text: strconv.FormatInt(st.seq, 10)}}
	return reply{stream: func(w io.Writer, o output) error {
		return o.streamCustomers(w, len(sel), func(i int) *wire.Node { return reportNode(sel[i]) }, tail)
	}}, nil
}

// reportDates reads date_start and date_end as the local days they name;
// to is the end of date_end's day. Unset bounds are the zero time.
func reportDates(c *call) (from, to time.Time, err error) {
	loc := c.now.Location()
	read := func(key string) (time.Time, error) {
		v := c.get(key)
		if v == "" {
			return time.Time{}, nil
		}
		t, err := time.ParseInLocation(time.DateOnly, v, loc)
		if err != nil || len(v) != 10 {
			return time.Time{}, apiErrf("%s must be a date in YYYY-MM-DD form, not %q", key, v)
		}
		return t, nil
	}
	if from, err = read("date_start"); err != nil {
		return
	}
	if to, err = read("date_end"); err != nil {
		return
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return from, to, apiErr("date_end is before date_start")
	}
	if !to.IsZero() {
		to = to.AddDate(0, 0, 1)
	}
	return from, to, nil
}

// selectedCampaigns reads a comma list of campaign IDs, no spaces allowed.
func (st *store) selectedCampaigns(v string) ([]int, error) {
	if v == "" {
		return nil, nil
	}
	if strings.ContainsAny(v, " \t\r\n") {
		return nil, apiErr("selected_campaigns: separate the campaign IDs with commas and no spaces")
	}
	var out []int
	for _, id := range strings.Split(v, ",") {
		if id == "" {
			return nil, apiErr("selected_campaigns: an empty campaign ID in the list")
		}
		i, ok := st.campaignByID(id)
		if !ok {
			return nil, apiErrf("%s: %s", msgCampaignNotFound, id)
		}
		out = append(out, i)
	}
	return out, nil
}

func (st *store) changedSince(since int64) []*profile {
	var out []*profile
	for _, rec := range st.customers {
		if rec.p.changeID > since {
			out = append(out, rec.p)
		}
	}
	return out
}

// activeIn returns, in creation order, the customers with a transaction in
// one of the campaigns within [from, to) (zero bounds are open).
func (st *store) activeIn(camps []int, from, to time.Time) []*profile {
	want := make([]bool, len(st.campaigns))
	for _, ci := range camps {
		want[ci] = true
	}
	hit := map[*custRec]bool{}
	for i := range st.txns {
		t := &st.txns[i]
		if !t.voided && want[t.camp] && (from.IsZero() || !t.at.Before(from)) && (to.IsZero() || t.at.Before(to)) {
			hit[t.cust] = true
		}
	}
	var out []*profile
	for _, rec := range st.customers {
		if hit[rec] {
			out = append(out, rec.p)
		}
	}
	return out
}

// reportNode is one customer of the report, with seed 000's names.
func reportNode(p *profile) *wire.Node {
	n := &wire.Node{Name: "customer", Children: make([]*wire.Node, 0, 15)}
	for _, kv := range [...]struct {
		name string
		v    string
	}{
		{"first_name", p.f[fFirstName]}, {"last_name", p.f[fLastName]}, {"phone", p.f[fPhone]},
		{"email", p.f[fEmail]}, {"address1", p.f[fStreet1]}, {"address2", p.f[fStreet2]},
		{"city", p.f[fCity]}, {"state", p.f[fState]}, {"zip", p.f[fPostalCode]},
		{"country", p.f[fCountry]}, {"custom1", p.f[fCustomField]}, {"custom_date", p.f[fCustomDate]},
		{"customer_username", p.f[fUsername]}, {"customer_code", p.code}, {"card_number", p.card},
	} {
		n.AddText(kv.name, kv.v)
	}
	return n
}
