package dashboard_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/screens/dashboard"
	"loyaltydesk/ui"
	"loyaltydesk/ui/uitest"
)

var fixedNow = time.Date(2025, 3, 18, 14, 3, 22, 0, time.UTC)

func startFake(t *testing.T) (*fakeserver.Server, string) {
	t.Helper()
	fake := fakeserver.New(fakeserver.Options{Customers: 300, Now: func() time.Time { return fixedNow }})
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	return fake, srv.URL
}

// every is a refresh interval long enough that only the test refreshes.
const every = time.Hour

func newCommon(t *testing.T, url string, refresh time.Duration, opts ...uitest.Options) *ui.Common {
	var o uitest.Options
	if len(opts) > 0 {
		o = opts[0]
	}
	o.Settings.DashboardRefresh = refresh
	return uitest.NewCommon(t, url, o)
}

func startDashboard(t *testing.T, m tea.Model) *uitest.Harness {
	t.Helper()
	h := uitest.Start(t, m, 100, 30)
	h.WaitFor(t, "updated ")
	return h
}

func newApp(c *ui.Common) *ui.App {
	return ui.NewApp(c, map[ui.PageID]ui.PageFactory{ui.PageDashboard: dashboard.New}, ui.PageDashboard)
}

// thisMonthTransactions asks the fake what the dashboard should show.
func thisMonthTransactions(t *testing.T, c *ui.Common) int {
	t.Helper()
	d, err := c.API.Dashboard(context.Background(), apiclient.FullDashboard(30, 10, 10))
	require.NoError(t, err)
	require.NotNil(t, d.Transactions)
	return d.Transactions.ThisMonth
}

// transactionsRow matches the row of the numbers table with this count.
func transactionsRow(n int) *regexp.Regexp {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return regexp.MustCompile(`Transactions +` + regexp.QuoteMeta(s) + ` `)
}

// waitAfter waits until what was drawn after mark satisfies cond.
func waitAfter(t *testing.T, h *uitest.Harness, mark int, what string, cond func(string) bool) {
	t.Helper()
	h.WaitUntil(t, func(out string) bool { return cond(out[mark:]) }, "%s", what)
}

func TestLiveNumbersChangeBetweenRefreshes(t *testing.T) {
	fake, url := startFake(t)
	c := newCommon(t, url, every)
	h := startDashboard(t, newApp(c))
	before := thisMonthTransactions(t, c)
	h.WaitUntil(t, transactionsRow(before).MatchString, "the first count")

	fake.Tick()
	after := thisMonthTransactions(t, c)
	require.Greater(t, after, before, "the live simulator adds transactions")
	mark := len(h.All())
	h.Type("r")
	waitAfter(t, h, mark, "the new count after r", transactionsRow(after).MatchString)
}

func TestIntervalRefreshPicksUpChangesOnItsOwn(t *testing.T) {
	fake, url := startFake(t)
	c := newCommon(t, url, 20*time.Millisecond)
	h := startDashboard(t, newApp(c))
	for range 2 {
		fake.Tick()
		n := thisMonthTransactions(t, c)
		h.WaitUntil(t, transactionsRow(n).MatchString, "count %d without a key", n)
	}
}

func TestFailedRefreshKeepsDataMarkedStaleUntilTheNextSuccess(t *testing.T) {
	fake, url := startFake(t)
	c := newCommon(t, url, every)
	h := startDashboard(t, newApp(c))
	n := thisMonthTransactions(t, c)
	h.WaitUntil(t, transactionsRow(n).MatchString, "the first count")

	fake.FailCall("dashboard", 1, fakeserver.FaultHTTP500)
	mark := len(h.All())
	h.Type("r")
	waitAfter(t, h, mark, "STALE with the reason", func(s string) bool {
		return strings.Contains(s, "STALE") && strings.Contains(s, "HTTP 500") && strings.Contains(s, "showing data from")
	})

	mark = len(h.All())
	h.Type("r")
	waitAfter(t, h, mark, "fresh again", func(s string) bool { return strings.Contains(s, "updated ") })

	require.NoError(t, h.TM.Quit())
	view := h.TM.FinalModel(t).View()
	require.NotContains(t, view, "STALE")
	require.Regexp(t, transactionsRow(n), view, "the numbers stayed on screen throughout")
}

func TestNoSecondCallWhileOneIsInFlight(t *testing.T) {
	fake, url := startFake(t)
	gate := uitest.NewGate("type=dashboard")
	c := newCommon(t, url, every, uitest.Options{Transport: gate})
	spy := uitest.NewSpy(newApp(c))
	h := uitest.Start(t, spy, 100, 30)
	<-gate.Held() // the first load is held back
	h.Type("r")
	h.Type("r")
	h.Type("]")
	h.WaitFor(t, "Loading the dashboard")
	require.Empty(t, fake.RequestsOf("dashboard"))

	gate.Release()
	spy.WaitForMsgs("dashboard.dataMsg", 2) // the held answer, then exactly one more
	h.WaitFor(t, "last 60 days")
	reqs := fake.RequestsOf("dashboard")
	require.Len(t, reqs, 2, "the keys pressed during the first call made one more call, not three")
	require.Equal(t, "30", reqs[0].Form.Get("campaigns_per_day_activity"))
	require.Equal(t, "60", reqs[1].Form.Get("campaigns_per_day_activity"), "the second call has the new days")
}

func TestParametersChangeOnScreen(t *testing.T) {
	fake, url := startFake(t)
	c := newCommon(t, url, every)
	h := startDashboard(t, newApp(c))
	h.Type("[")
	h.WaitFor(t, "last 14 days")
	h.Type("+")
	h.Key(tea.KeyTab)
	h.Key(tea.KeyTab)
	h.WaitFor(t, "Last 15 transactions")
	h.Type("}")
	h.Key(tea.KeyTab)
	h.Key(tea.KeyTab)
	h.Key(tea.KeyTab)
	h.WaitFor(t, "Most active customers (top 15)")
	last := fake.RequestsOf("dashboard")
	req := last[len(last)-1].Form
	for k, want := range map[string]string{
		"campaigns_per_day_activity": "14", "last_X_transactions": "15", "last_X_customers": "15", "most_active": "15",
		"customer_count": "Yes", "total_customers_this_month": "Yes", "total_transactions_this_month": "Yes",
		"active_campaigns_count": "Yes", "API": "1.5",
	} {
		require.Equal(t, want, req.Get(k), k)
	}
}

func TestSmallTerminalNeverDrawsWiderThanIt(t *testing.T) {
	_, url := startFake(t)
	c := newCommon(t, url, every)
	h := uitest.Start(t, newApp(c), 80, 24)
	h.WaitFor(t, "updated ", "Widget Points")
	require.NoError(t, h.TM.Quit())
	view := h.TM.FinalModel(t).View()
	lines := strings.Split(view, "\n")
	require.LessOrEqual(t, len(lines), 24)
	for _, l := range lines {
		require.LessOrEqual(t, lipgloss.Width(l), 80, l)
	}
}
