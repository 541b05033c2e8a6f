package fakeserver

import (
	"context"
	"net/url"
	"strconv"
	"time"
)

// RunLive makes the data move until ctx ends: every tick it adds a few
// transactions, now and then a new customer or a changed profile, so a
// dashboard visibly changes. It blocks; run it in a goroutine. every <= 0
// means two seconds.
func (s *Server) RunLive(ctx context.Context, every time.Duration) {
	if every <= 0 {
		every = 2 * time.Second
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			s.Tick()
		}
	}
}

// Tick does one step of the live simulator, synchronously (for tests).
func (s *Server) Tick() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.tick(s.now())
}

func (st *store) tick(now time.Time) {
	r := st.rng
	if r.IntN(10) == 0 || len(st.customers) == 0 {
		st.liveCustomer(now)
	}
	if r.IntN(20) == 0 && len(st.customers) > 0 {
		st.liveEdit(st.customers[r.IntN(len(st.customers))], now)
	}
	for range 1 + r.IntN(3) {
		st.livePurchase(st.customers[r.IntN(len(st.customers))], now)
	}
}

// liveCustomer signs a customer up at the counter, with a welcome bonus
// recorded as a till would (record_activity).
func (st *store) liveCustomer(now time.Time) {
	p := &profile{code: st.newCode(), created: now}
	if card, err := st.newCard(8); err == nil {
		p.card = card
	}
	fillPerson(st.rng, p)
	p.changeID = st.nextID()
	rec := st.newRec(p)
	st.add(rec)
	st.liveCall((*store).recordActivity, rec, st.campaigns[0], "till-1", now, "amount", "10", "authorization", "Sign-up bonus")
}

// liveEdit changes a customer's phone number, as a cashier would.
func (st *store) liveEdit(rec *custRec, now time.Time) {
	p := rec.p.clone()
	p.f[fPhone] = phone(st.rng)
	p.changeID = st.nextID()
	st.setProfile(rec, p)
}

// livePurchase records a sale in one of the customer's campaigns, and a
// redemption now and then when the balance allows, through the same calls
// a till makes (record_activity, redeem), so the simulated shop follows
// the same rules.
func (st *store) livePurchase(rec *custRec, now time.Time) {
	var camps []int
	for ci, on := range rec.enrolled {
		if on && st.campaigns[ci].active {
			camps = append(camps, ci)
		}
	}
	if len(camps) == 0 {
		camps = []int{0}
	}
	r := st.rng
	ci := camps[r.IntN(len(camps))]
	c, user := st.campaigns[ci], tills[r.IntN(len(tills))]
	kv := []string{"authorization", "Purchase"}
	switch c.kind {
	case "points":
		kv = append(kv, "amount", strconv.Itoa(5+r.IntN(196)))
	case "giftcard":
		kv = []string{"authorization", "Gift card load", "amount", strconv.Itoa(10 * (2 + r.IntN(9)))}
	case "buyx":
		kv = append(kv, "service_product", c.items[r.IntN(len(c.items))].id)
	}
	st.liveCall((*store).recordActivity, rec, c, user, now, kv...)
	if len(c.rewards) == 0 || rec.balance[ci] < c.reward() || r.IntN(5) != 0 {
		return
	}
	reward := c.rewards[0].id
	if c.money() {
		reward = c.format(c.rewards[0].level) // money campaigns redeem an amount
	}
	st.liveCall((*store).redeem, rec, c, user, now, "reward_to_redeem", reward, "authorization", "Reward: "+c.rewards[0].desc)
}

// liveCall runs a till call for the customer as user would send it; a
// refusal (a campaign since deactivated, say) just leaves that sale out.
func (st *store) liveCall(h handler, rec *custRec, c *campaign, user string, now time.Time, kv ...string) {
	form := url.Values{"code": {rec.p.code}, "campaign_id": {c.id}}
	for i := 0; i+1 < len(kv); i += 2 {
		form.Set(kv[i], kv[i+1])
	}
	_, _ = h(st, &call{form: form, user: user, now: now})
}
