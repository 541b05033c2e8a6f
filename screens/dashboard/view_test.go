package dashboard

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
	"loyaltydesk/ui/uitest"
)

func requireFits(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	require.LessOrEqual(t, len(lines), h, "too many lines")
	for i, l := range lines {
		require.LessOrEqual(t, lipgloss.Width(l), w, "line %d is too wide: %q", i, l)
	}
}

func TestEverySizeFitsItsArea(t *testing.T) {
	m := loaded(t, 80, 20)
	for _, size := range [][2]int{{60, 12}, {80, 20}, {100, 26}, {120, 36}, {160, 44}, {200, 60}, {109, 40}} {
		m.SetSize(size[0], size[1])
		for p := range panelCount {
			m.panel = p
			requireFits(t, m.View(), size[0], size[1])
		}
	}
}

func TestSmallWindowShowsNumbersAndOnePanel(t *testing.T) {
	m := loaded(t, 80, 20)
	view := m.View()
	require.Contains(t, view, "Customers 400")
	require.Contains(t, view, "New customers")
	require.Contains(t, view, "Transactions")
	require.Contains(t, view, "Activity — transactions per day")
	require.Contains(t, view, "Widget Points")
	require.NotContains(t, view, "Most active customers")

	m.handleKey(keyMsg("tab"))
	view = m.View()
	require.Contains(t, view, "Most active customers")
	require.NotContains(t, view, "Widget Points ", "the chart made room for the table")
}

func TestWideWindowShowsEverything(t *testing.T) {
	m := loaded(t, 160, 44)
	view := m.View()
	for _, s := range []string{"Customers 400", "Activity — transactions per day", "Most active customers", "Last 10 customers", "Last 10 transactions", "03-18"} {
		require.Contains(t, view, s)
	}
	require.NotContains(t, view, "shown", "every row fits at 160×44")
}

func TestChangeReadsWithoutColour(t *testing.T) {
	require.Equal(t, "▲ +28 (+11.3%)", change(276, 248))
	require.Equal(t, "▼ -120 (-1.3%)", change(8905, 9025))
	require.Equal(t, "= ±0 (±0.0%)", change(5, 5))
	require.Equal(t, "▲ +3 (new)", change(3, 0))
	require.Equal(t, "= ±0 (—)", change(0, 0))
	require.Equal(t, "1,234,567", group(1234567))
	require.Equal(t, "-1,000", group(-1000))
}

func TestSparkScalesToTheBusiestDay(t *testing.T) {
	days := []apiclient.DayCount{{Quantity: 0}, {Quantity: 1}, {Quantity: 4}, {Quantity: 8}}
	require.Equal(t, "·▁▄█", spark(days))
	require.Equal(t, "···", spark(make([]apiclient.DayCount, 3)))
}

func TestBackoffDoublesUpToAMinute(t *testing.T) {
	require.Equal(t, 4*time.Second, backoff(2*time.Second, 1))
	require.Equal(t, 16*time.Second, backoff(2*time.Second, 3))
	require.Equal(t, time.Minute, backoff(2*time.Second, 10))
	require.Equal(t, time.Minute, backoff(10*time.Second, 1000))
	require.Equal(t, 5*time.Minute, backoff(5*time.Minute, 2), "an interval above a minute is not shortened")
}

func TestStaleDataKeepsNumbersAndSaysWhy(t *testing.T) {
	m := loaded(t, 80, 20)
	m.refresh()
	m.applyData(dataMsg{owner: m, at: fixedNow.Add(10 * time.Second), err: &apiclient.HTTPError{StatusCode: 502}})
	view := m.View()
	require.Contains(t, view, "STALE")
	require.Contains(t, view, "showing data from 14:03:22")
	require.Contains(t, view, "HTTP 502")
	require.Contains(t, view, "Next try in 20 s", "the first failure doubles the 10 s interval")
	require.Contains(t, view, "Customers 400", "the last data stays on screen")
}

func TestTicksOfAnotherPageOrAnOlderScheduleAreDropped(t *testing.T) {
	m := loaded(t, 80, 20)
	other := New(m.c, nil).(*Model)
	_, cmd := m.Update(refreshTickMsg{owner: other, gen: m.gen})
	require.Nil(t, cmd)
	require.False(t, m.inFlight)
	_, cmd = m.Update(refreshTickMsg{owner: m, gen: m.gen - 1})
	require.Nil(t, cmd)
	require.False(t, m.inFlight)
	_, cmd = m.Update(refreshTickMsg{owner: m, gen: m.gen})
	require.NotNil(t, cmd)
	require.True(t, m.inFlight)
}

func TestParamsStepAndRefetch(t *testing.T) {
	m := loaded(t, 80, 20)
	require.NotNil(t, m.handleKey(keyMsg("]")))
	require.Equal(t, 60, m.days)
	require.Nil(t, m.handleKey(keyMsg("]")), "a second change while the first call is in flight waits for it")
	require.Equal(t, 90, m.days)
	require.True(t, m.again)
	m.handleKey(keyMsg("]"))
	require.Equal(t, 90, m.days, "90 is the last step")
	require.Equal(t, 7, stepFrom(1, daySteps, -1))
	require.Equal(t, 14, stepFrom(8, daySteps, 1))
	require.Equal(t, 7, stepFrom(8, daySteps, -1))
}

// BenchmarkDashboardView draws the page of a 120×40 terminal (content
// 120×36) with every section, as every frame does: the data is drawn once
// per answer, the status line every time.
func BenchmarkDashboardView(b *testing.B) {
	m := loaded(b, 120, 36)
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}

// BenchmarkDashboardViewFresh draws the first frame after an answer: all of
// it, nothing kept from the frame before.
func BenchmarkDashboardViewFresh(b *testing.B) {
	m := loaded(b, 120, 36)
	b.ReportAllocs()
	for b.Loop() {
		m.cache = bodyCache{}
		_ = m.View()
	}
}

// BenchmarkDashboardViewFreshLargest is the fresh frame with the largest
// sizes the keys reach: 90 days, 50 rows, the top 50.
func BenchmarkDashboardViewFreshLargest(b *testing.B) {
	m := loaded(b, 120, 36)
	req := apiclient.FullDashboard(90, 50, 50)
	d, err := m.c.API.Dashboard(b.Context(), req)
	require.NoError(b, err)
	m.applyData(dataMsg{owner: m, at: fixedNow, req: req, data: d})
	b.ReportAllocs()
	for b.Loop() {
		m.cache = bodyCache{}
		_ = m.View()
	}
}

func TestHiddenDashboardDoesNotPoll(t *testing.T) {
	c := uitest.NewCommon(t, "http://127.0.0.1:1")
	m := New(c, nil).(*Model)
	m.SetVisible(false)
	_, cmd := m.Update(refreshTickMsg{owner: m, gen: m.gen})
	require.Nil(t, cmd, "a tick while hidden starts no call")
	require.False(t, m.inFlight)
	require.NotNil(t, m.SetVisible(true), "coming back refreshes at once")
	require.True(t, m.inFlight)
	require.Nil(t, m.SetVisible(true), "already visible: nothing more")
}

func TestTransactionAmountsAreGroupedAsOnTheLookup(t *testing.T) {
	m := loaded(t, 160, 44)
	m.data.LastTransactions = []apiclient.DashboardTransaction{
		{Date: "2026-12-02", FirstName: "Jane", LastName: "Doe", CampaignName: "Widget Points", Amount: "1750"},
		{Date: "2026-12-02", FirstName: "José", LastName: "Álvarez", CampaignName: "Gift Card", Amount: "1250.5"},
		{Date: "2026-12-02", FirstName: "Ana", LastName: "Lee", CampaignName: "Odd", Amount: "n/a"},
	}
	view := m.lastTransactionsView(160, 12)
	require.Contains(t, view, "1,750")
	require.Contains(t, view, "1,250.50")
	require.Contains(t, view, "n/a", "text that is not a number stays as it came")
}
