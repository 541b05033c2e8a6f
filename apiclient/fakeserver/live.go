package fakeserver

import (
	"context"
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

// liveCustomer signs a customer up at the counter, with a welcome bonus.
func (st *store) liveCustomer(now time.Time) {
	p := &profile{code: st.newCode(), created: now}
	if card, err := st.newCard(8); err == nil {
		p.card = card
	}
	fillPerson(st.rng, p)
	p.changeID = st.nextID()
	rec := st.newRec(p)
	st.add(rec)
	st.addTxn(rec, 0, now, 100, false, "", "Sign-up bonus", "till-1")
}

// liveEdit changes a customer's phone number, as a cashier would.
func (st *store) liveEdit(rec *custRec, now time.Time) {
	p := rec.p.clone()
	p.f[fPhone] = phone(st.rng)
	p.changeID = st.nextID()
	st.setProfile(rec, p)
}

// livePurchase records a sale in one of the customer's campaigns, and a
// redemption now and then when the balance allows.
func (st *store) livePurchase(rec *custRec, now time.Time) {
	var camps []int
	for ci, on := range rec.enrolled {
		if on {
			camps = append(camps, ci)
		}
	}
	if len(camps) == 0 {
		camps = []int{0}
	}
	g := seeder{st: st, rng: st.rng, now: now}
	ci := camps[st.rng.IntN(len(camps))]
	t := g.purchase(rec, ci, now)
	st.addTxn(rec, ci, now, t.amount, false, t.item, t.desc, t.user)
	if c := st.campaigns[ci]; rec.balance[ci] >= c.reward() && st.rng.IntN(5) == 0 {
		st.addTxn(rec, ci, now, c.rewards[0].level, true, "", "Reward: "+c.rewards[0].desc, t.user)
	}
}
