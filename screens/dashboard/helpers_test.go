package dashboard

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/ui"
	"loyaltydesk/ui/uitest"
)

// fixedNow is the fake server's clock in these tests, so the data set and
// the month comparisons are the same on every run.
var fixedNow = time.Date(2025, 3, 18, 14, 3, 22, 0, time.UTC)

func startFake(t testing.TB) (*fakeserver.Server, string) {
	t.Helper()
	fake := fakeserver.New(fakeserver.Options{Customers: 400, Now: func() time.Time { return fixedNow }})
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	return fake, srv.URL
}

// loaded returns a page of size w×h holding a full answer of the fake
// server, fetched with the page's own parameters.
func loaded(t testing.TB, w, h int) *Model {
	t.Helper()
	_, url := startFake(t)
	c := uitest.NewCommon(t, url)
	m := New(c, nil).(*Model)
	m.SetSize(w, h)
	req := apiclient.FullDashboard(m.days, m.rows, m.mostActive)
	d, err := c.API.Dashboard(context.Background(), req)
	require.NoError(t, err)
	m.applyData(dataMsg{owner: m, at: fixedNow, req: req, data: d})
	m.now = fixedNow.Add(3 * time.Second)
	return m
}

var _ ui.Page = (*Model)(nil)

func keyMsg(s string) tea.KeyMsg {
	switch s {
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}
