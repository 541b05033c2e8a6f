package till_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/screens/lookup"
	core "loyaltydesk/till"
	"loyaltydesk/ui"
	"loyaltydesk/ui/uitest"
)

type fixture struct {
	fake *fakeserver.Server
	url  string
	term *core.Terminal
	c    *ui.Common
	h    *uitest.Harness
	// campaign IDs in the order the lookup lists Jane's campaigns
	order []string
	shown bool // Jane has been scanned
}

var allCampaigns = []string{fakeserver.PointsCampaignID, fakeserver.EventsCampaignID, fakeserver.EarnedCampaignID,
	fakeserver.GiftCardCampaignID, fakeserver.BuyXCampaignID}

// start runs the lookup for Jane Doe, who is in all five campaigns with
// enough on each to redeem.
func start(t *testing.T, opts ...uitest.Options) *fixture {
	t.Helper()
	fake := fakeserver.New(fakeserver.Options{Customers: -1})
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	f := &fixture{fake: fake, url: srv.URL}
	o := uitest.Options{}
	if len(opts) > 0 {
		o = opts[0]
	}
	f.term = o.Settings.Till
	if f.term == nil {
		f.term = &core.Terminal{Name: "till-1"}
		o.Settings.Till = f.term
	}
	f.c = uitest.NewCommon(t, srv.URL, o)
	f.fill(t)
	app := ui.NewApp(f.c, map[ui.PageID]ui.PageFactory{ui.PageLookup: lookup.New}, ui.PageLookup)
	f.h = uitest.Start(t, app, 80, 24)
	f.h.WaitFor(t, "card / code")
	return f
}

// fill enrols Jane in every campaign with a balance that reaches rewards.
func (f *fixture) fill(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	jane := apiclient.CustomerRef{Code: fakeserver.DemoCode}
	for _, r := range []apiclient.EarnRequest{
		{CampaignID: fakeserver.PointsCampaignID, Amount: "100"},
		{CampaignID: fakeserver.EarnedCampaignID}, {CampaignID: fakeserver.EarnedCampaignID},
		{CampaignID: fakeserver.GiftCardCampaignID, CampaignType: apiclient.CampaignGiftCard, Amount: "30"},
		{CampaignID: fakeserver.BuyXCampaignID, CampaignType: apiclient.CampaignBuyX, Item: "901", Quantity: 12},
	} {
		r.Customer = jane
		_, err := f.c.API.RecordActivity(ctx, r)
		require.NoError(t, err)
	}
	for range 10 {
		_, err := f.c.API.RecordActivity(ctx, apiclient.EarnRequest{Customer: jane, CampaignID: fakeserver.EventsCampaignID})
		require.NoError(t, err)
	}
	cust, err := f.c.API.CustomerInfo(ctx, apiclient.CustomerQuery{Code: fakeserver.DemoCode})
	require.NoError(t, err)
	for _, b := range cust.Campaigns {
		f.order = append(f.order, b.ID)
	}
}

func (f *fixture) digit(t *testing.T, campaignID string) string {
	t.Helper()
	for i, id := range f.order {
		if id == campaignID {
			return strconv.Itoa(i + 1)
		}
	}
	t.Fatalf("Jane is not in campaign %s", campaignID)
	return ""
}

func (f *fixture) balance(t *testing.T, campaignID string) apiclient.Amount {
	t.Helper()
	c, ok := f.fake.Customer(fakeserver.DemoCode)
	require.True(t, ok)
	a, ok := apiclient.ParseAmount(c.Balances[campaignID])
	require.True(t, ok, "balance %q", c.Balances[campaignID])
	return a
}

// scanJane clears the screen (esc) and scans Jane's card, as the next
// customer at the till; the customer view is drawn anew. Once she has been
// shown, esc is waited for (the recent lookups replace her), so that
// "Balances" drawn after it is the new answer, not a late frame of the
// last one.
func (f *fixture) scanJane(t *testing.T) {
	t.Helper()
	f.h.Key(tea.KeyEsc)
	if f.shown {
		f.h.WaitForNew(t, "Recent (")
	}
	f.h.Type(fakeserver.DemoCard)
	f.h.Key(tea.KeyEnter)
	f.h.WaitForNew(t, "Balances")
	f.shown = true
}

func amount(t *testing.T, s string) apiclient.Amount {
	t.Helper()
	a, ok := apiclient.ParseAmount(s)
	require.True(t, ok)
	return a
}

func TestEarnEachCampaignTypeByKeystrokes(t *testing.T) {
	f := start(t)
	cases := []struct {
		campaign string
		keys     []string // typed after + and the campaign's digit, then enter
		tab      bool     // a tab between the two typed parts
		want     string
		says     string
	}{
		{fakeserver.PointsCampaignID, []string{"12.50"}, false, "125", "+125 points →"},
		{fakeserver.EventsCampaignID, nil, false, "1", "+1 visit →"},
		{fakeserver.EarnedCampaignID, nil, false, "5.00", "5.00 →"},
		{fakeserver.GiftCardCampaignID, []string{"20,00"}, false, "20.00", "20.00 →"},
		{fakeserver.BuyXCampaignID, []string{"gad", "2"}, true, "2", "+2 punches →"},
	}
	for _, c := range cases {
		f.scanJane(t)
		before := f.balance(t, c.campaign)
		f.h.Type("+" + f.digit(t, c.campaign))
		for i, k := range c.keys {
			if i > 0 && c.tab {
				f.h.Key(tea.KeyTab)
			}
			f.h.Type(k)
		}
		f.h.Key(tea.KeyEnter)
		f.h.WaitForNew(t, c.says)
		assert.Equal(t, amount(t, c.want), f.balance(t, c.campaign)-before, "campaign %s", c.campaign)
	}
}

func TestRedeemEachCampaignTypeByKeystrokes(t *testing.T) {
	f := start(t)
	cases := []struct {
		campaign string
		keys     string // after - and the campaign's digit; y confirms
		want     string
		says     string
	}{
		{fakeserver.PointsCampaignID, "1y", "-500", "−500 points →"}, // Free coffee
		{fakeserver.EventsCampaignID, "1y", "-5", "−5 visits →"},     // Free pastry
		{fakeserver.BuyXCampaignID, "1y", "-10", "−10 punches →"},    // One free item
		{fakeserver.EarnedCampaignID, "2,50\ry", "-2.50", "2.50 →"},
		{fakeserver.GiftCardCampaignID, "7.25\ry", "-7.25", "7.25 →"},
	}
	for _, c := range cases {
		f.scanJane(t)
		before := f.balance(t, c.campaign)
		f.h.Type("-" + f.digit(t, c.campaign))
		for _, r := range c.keys {
			if r == '\r' {
				f.h.Key(tea.KeyEnter)
				continue
			}
			f.h.Type(string(r))
		}
		f.h.WaitForNew(t, c.says)
		assert.Equal(t, amount(t, c.want), f.balance(t, c.campaign)-before, "campaign %s", c.campaign)
	}
}

func TestRedeemMarksReachableAndRefusesAboveBalance(t *testing.T) {
	f := start(t)
	keep := f.balance(t, fakeserver.PointsCampaignID) - amount(t, "700")
	_, err := f.c.API.Redeem(context.Background(), apiclient.RedeemRequest{Customer: apiclient.CustomerRef{Code: fakeserver.DemoCode},
		CampaignID: fakeserver.PointsCampaignID, CustomPoints: keep.String()})
	require.NoError(t, err)
	f.scanJane(t)
	f.h.Type("-" + f.digit(t, fakeserver.PointsCampaignID))
	f.h.WaitFor(t, "✓ Free coffee", "10% off", "(1,300 points more)")
	f.h.Type("3") // Free widget: 6,000 points, more than Jane's 700
	f.h.WaitForNew(t, "Jane Doe has 700 points; Free widget needs 6,000 points.")
	f.h.Key(tea.KeyEsc)
	f.h.Key(tea.KeyEsc)

	before := f.balance(t, fakeserver.GiftCardCampaignID)
	f.h.Type("-" + f.digit(t, fakeserver.GiftCardCampaignID) + "999")
	f.h.Key(tea.KeyEnter)
	f.h.WaitForNew(t, "more than the balance")
	assert.Equal(t, before, f.balance(t, fakeserver.GiftCardCampaignID), "nothing was sent")
}

func TestDefaultCampaignMakesPlusAmountEnterASale(t *testing.T) {
	f := start(t, uitest.Options{Settings: ui.Settings{Till: &core.Terminal{Name: "till-1", DefaultCampaign: fakeserver.PointsCampaignID}}})
	f.scanJane(t)
	before := f.balance(t, fakeserver.PointsCampaignID)
	f.h.Type("+12,50")
	f.h.Key(tea.KeyEnter)
	f.h.WaitForNew(t, "+125 points →")
	assert.Equal(t, amount(t, "125"), f.balance(t, fakeserver.PointsCampaignID)-before)
}

func TestLostAnswerIsLookedUpNeverSentTwice(t *testing.T) {
	f := start(t, uitest.Options{Settings: ui.Settings{Till: &core.Terminal{Name: "till-1", DefaultCampaign: fakeserver.PointsCampaignID}}})
	count := func() int {
		last, ok := f.term.Last()
		require.True(t, ok)
		return f.fake.CountAuthorization(fakeserver.DemoCode, last.Ref)
	}

	// The server did it but the answer was lost: the history says so.
	f.scanJane(t)
	f.fake.FailCall("record_activity", 1, fakeserver.FaultLostAnswer)
	f.h.Type("+5")
	f.h.Key(tea.KeyEnter)
	f.h.WaitForNew(t, "(answer lost;")
	assert.Equal(t, 1, count())

	// A 5xx before doing it: not in the history, so resending is offered;
	// the cashier's retry records it once.
	f.scanJane(t)
	before := f.balance(t, fakeserver.PointsCampaignID)
	f.fake.FailCall("record_activity", 1, fakeserver.FaultHTTP500)
	f.h.Type("+5")
	f.h.Key(tea.KeyEnter)
	f.h.WaitForNew(t, "NOT recorded")
	f.h.Type("r")
	f.h.WaitForNew(t, "+50 points →")
	assert.Equal(t, 1, count())
	assert.Equal(t, amount(t, "50"), f.balance(t, fakeserver.PointsCampaignID)-before)

	// A redeem whose answer is lost is looked up too.
	f.scanJane(t)
	f.fake.FailCall("redeem", 1, fakeserver.FaultLostAnswer)
	f.h.Type("-" + f.digit(t, fakeserver.PointsCampaignID) + "1y")
	f.h.WaitForNew(t, "(answer lost;")
	assert.Equal(t, 1, count())
}

func TestVoidUndoesTheLastAction(t *testing.T) {
	f := start(t, uitest.Options{Settings: ui.Settings{Till: &core.Terminal{Name: "till-1", DefaultCampaign: fakeserver.PointsCampaignID}}})
	f.h.Key(tea.KeyCtrlZ)
	f.h.WaitForNew(t, "Nothing to void")

	f.scanJane(t)
	before := f.balance(t, fakeserver.PointsCampaignID)
	f.h.Type("+7")
	f.h.Key(tea.KeyEnter)
	f.h.WaitForNew(t, "+70 points")
	f.h.Key(tea.KeyCtrlZ)
	f.h.WaitForNew(t, "Void sale of 7.00 in Widget Points for Jane Doe?")
	f.h.Type("y")
	f.h.WaitForNew(t, "Voided sale of 7.00")
	assert.Equal(t, before, f.balance(t, fakeserver.PointsCampaignID))
	f.h.Key(tea.KeyCtrlZ)
	f.h.WaitForNew(t, "Nothing to void")
}

// switchable fails every request with a refused connection while down.
type switchable struct{ down atomic.Bool }

func (s *switchable) RoundTrip(r *http.Request) (*http.Response, error) {
	if s.down.Load() {
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
	}
	return http.DefaultTransport.RoundTrip(r)
}

func TestOfflineEarnIsQueuedAndLandsOnceWhenBack(t *testing.T) {
	net := &switchable{}
	ob, err := core.OpenOutbox(t.TempDir())
	require.NoError(t, err)
	t.Cleanup(func() { _ = ob.Close() })
	term := &core.Terminal{Name: "till-1", DefaultCampaign: fakeserver.PointsCampaignID, Outbox: ob}
	f := start(t, uitest.Options{Transport: net, Settings: ui.Settings{Till: term}})
	f.scanJane(t)
	before := f.balance(t, fakeserver.PointsCampaignID)

	net.down.Store(true)
	f.h.Type("+3")
	f.h.Key(tea.KeyEnter)
	f.h.WaitForNew(t, "Queued offline: sale of 3.00 for Jane Doe (1 waiting)")
	assert.Equal(t, 1, ob.Count(), "on disk before the screen said so")
	f.h.Type("-" + f.digit(t, fakeserver.PointsCampaignID) + "1y")
	f.h.WaitForNew(t, "nothing was redeemed")
	f.h.Key(tea.KeyEsc)

	net.down.Store(false)
	f.h.Type("+4") // the next sale goes through, and the queue follows it
	f.h.Key(tea.KeyEnter)
	f.h.WaitForNew(t, "1 earn from the queue now recorded")
	assert.Equal(t, amount(t, "70"), f.balance(t, fakeserver.PointsCampaignID)-before)
	assert.Zero(t, ob.Count())
}

func TestServerRefusalInPlainWords(t *testing.T) {
	f := start(t)
	f.scanJane(t)
	before := f.balance(t, fakeserver.PointsCampaignID)
	// Custom money is converted to points by the server, so only it can
	// say the balance does not reach.
	f.h.Type("-" + f.digit(t, fakeserver.PointsCampaignID) + "5" + "9999")
	f.h.Key(tea.KeyEnter)
	f.h.Type("y")
	f.h.WaitForNew(t, "The server would not redeem", "Nothing was changed")
	assert.Equal(t, before, f.balance(t, fakeserver.PointsCampaignID))
	f.h.Key(tea.KeyEnter)
	f.h.WaitForNew(t, "9999", "continue") // back to the amount, as typed
}

// After a 5xx the history shows the earn not recorded: instead of sending
// it again now, the cashier keeps it for later and serves the next
// customer; the queue sends it once, checked by its reference.
func TestANotRecordedEarnCanBeKeptForLater(t *testing.T) {
	ob, err := core.OpenOutbox(t.TempDir())
	require.NoError(t, err)
	t.Cleanup(func() { _ = ob.Close() })
	ob.Settle = 0 // the server answered 500: nothing still at work to wait for here
	term := &core.Terminal{Name: "till-1", DefaultCampaign: fakeserver.PointsCampaignID, Outbox: ob}
	f := start(t, uitest.Options{Settings: ui.Settings{Till: term}})
	f.scanJane(t)
	before := f.balance(t, fakeserver.PointsCampaignID)

	f.fake.FailCall("record_activity", 1, fakeserver.FaultHTTP500)
	f.h.Type("+5")
	f.h.Key(tea.KeyEnter)
	f.h.WaitForNew(t, "q keep for later")
	hold := f.fake.HoldNext("record_activity") // the queue's sending waits until the screen is seen
	f.h.Type("q")
	f.h.WaitForNew(t, "Kept for later: sale of 5.00 for Jane Doe (1 waiting)")
	select {
	case <-hold.Arrived():
	case <-time.After(10 * time.Second):
		t.Fatal("the queue did not send the kept earn")
	}
	hold.Release()
	f.h.WaitForNew(t, "1 earn from the queue now recorded")
	assert.Equal(t, amount(t, "50"), f.balance(t, fakeserver.PointsCampaignID)-before, "recorded once")
	assert.Zero(t, ob.Count())

	// A redemption is never kept for later: the reward may be gone by then.
	f.scanJane(t)
	f.fake.FailCall("redeem", 1, fakeserver.FaultHTTP500)
	f.h.Type("-" + f.digit(t, fakeserver.PointsCampaignID) + "1y")
	f.h.WaitForNew(t, "NOT recorded", "r send again · esc close")
	f.h.Type("q") // nothing
	f.h.Type("r")
	f.h.WaitForNew(t, "Free coffee redeemed")
	assert.Zero(t, ob.Count())
}
