package till_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/screens/lookup"
	core "loyaltydesk/till"
	"loyaltydesk/ui"
	"loyaltydesk/ui/uitest"
)

// inProcess hands each request straight to the fake's handler: no socket,
// no network, so a benchmark measures the app and the fake only.
type inProcess struct {
	h     http.Handler
	calls *atomic.Int64
}

func (p inProcess) RoundTrip(r *http.Request) (*http.Response, error) {
	p.calls.Add(1)
	rec := httptest.NewRecorder()
	p.h.ServeHTTP(rec, r)
	return rec.Result(), nil
}

// driver plays the Bubble Tea runtime for one page, without a terminal:
// commands run in goroutines and their messages come back in order of
// arrival; timers (cursor blink) just stay pending.
type driver struct {
	page ui.Page
	msgs chan tea.Msg
}

func (d *driver) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() {
		msg := cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			for _, c := range batch {
				d.run(c)
			}
			return
		}
		if msg != nil {
			d.msgs <- msg
		}
	}()
}

func (d *driver) send(msg tea.Msg) {
	var cmd tea.Cmd
	d.page, cmd = d.page.Update(msg)
	d.run(cmd)
}

func (d *driver) typeText(s string) {
	for _, r := range s {
		d.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

// until handles arriving messages until one of the named type was handled.
func (d *driver) until(tb testing.TB, typeName string) {
	timeout := time.After(10 * time.Second)
	for {
		select {
		case msg := <-d.msgs:
			d.send(msg)
			if fmt.Sprintf("%T", msg) == typeName {
				return
			}
		case <-timeout:
			tb.Fatalf("no %s within 10s; the page shows:\n%s", typeName, d.page.View())
		}
	}
}

// enrol puts the benchmark's customers in the points campaign.
func enrol(tb testing.TB, c *apiclient.Client) {
	for _, card := range benchCards {
		_, err := c.RecordActivity(context.Background(), apiclient.EarnRequest{Customer: apiclient.CustomerRef{CardNumber: card},
			CampaignID: fakeserver.PointsCampaignID, Amount: "1"})
		if err != nil {
			tb.Fatal(err)
		}
	}
}

var benchCards = []string{fakeserver.DemoCard, fakeserver.DemoCard2}

// BenchmarkTillLoop is one cashier cycle as the app runs it: a card
// scanned (eight digits and enter) and looked up, + 12.50 enter recorded
// in the default campaign, the customer read again and the change drawn,
// the scan box ready — against the in-process fake, no network. The
// baseline, BenchmarkTillLoopCallsOnly, makes the same three calls with
// the client alone; the difference is the app's own time.
func BenchmarkTillLoop(b *testing.B) {
	fake := fakeserver.New(fakeserver.Options{Customers: -1})
	calls := new(atomic.Int64)
	c := uitest.NewCommon(b, "http://127.0.0.1/", uitest.Options{Transport: inProcess{fake, calls},
		Settings: ui.Settings{Till: &core.Terminal{Name: "till-1", DefaultCampaign: fakeserver.PointsCampaignID}}})
	enrol(b, c.API)
	d := &driver{page: lookup.New(c, nil), msgs: make(chan tea.Msg, 1024)}
	d.page.SetSize(80, 20)
	d.run(d.page.Init())
	cycle := func(card string) {
		d.typeText(card)
		d.send(tea.KeyMsg{Type: tea.KeyEnter})
		d.until(b, "lookup.lookupResultMsg")
		_ = d.page.View()
		d.typeText("+12.50")
		d.send(tea.KeyMsg{Type: tea.KeyEnter})
		d.until(b, "till.sentMsg")
		_ = d.page.View()
	}
	cycle(benchCards[0]) // the campaign's lists are read once, then cached
	b.ReportAllocs()
	b.ResetTimer()
	calls.Store(0)
	for i := range b.N {
		cycle(benchCards[i%len(benchCards)])
	}
	b.ReportMetric(float64(calls.Load())/float64(b.N), "calls/op")
}

func BenchmarkTillLoopCallsOnly(b *testing.B) {
	fake := fakeserver.New(fakeserver.Options{Customers: -1})
	calls := new(atomic.Int64)
	c := uitest.NewCommon(b, "http://127.0.0.1/", uitest.Options{Transport: inProcess{fake, calls}})
	enrol(b, c.API)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	calls.Store(0)
	defer func() { b.ReportMetric(float64(calls.Load())/float64(b.N), "calls/op") }()
	for i := range b.N {
		cust, err := c.API.LookupCustomer(ctx, benchCards[i%len(benchCards)])
		if err != nil {
			b.Fatal(err)
		}
		_, err = c.API.RecordActivity(ctx, apiclient.EarnRequest{Customer: apiclient.CustomerRef{Code: cust.Code},
			CampaignID: fakeserver.PointsCampaignID, Amount: "12.50", Authorization: core.NewRef("till-1")})
		if err != nil {
			b.Fatal(err)
		}
		if _, err = c.API.CustomerInfo(ctx, apiclient.CustomerQuery{Code: cust.Code}); err != nil {
			b.Fatal(err)
		}
	}
}
