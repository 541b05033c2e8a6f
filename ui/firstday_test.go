package ui_test

import (
	"net/http/httptest"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/ui"
	"loyaltydesk/ui/uitest"
)

// statusPage sets a status line on "s", and one meant for the import
// screen on "i".
type statusPage struct{ stubPage }

func (p *statusPage) Update(msg tea.Msg) (ui.Page, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok {
		switch k.String() {
		case "s":
			return p, ui.SetStatus(ui.StatusError, "1 field needs fixing")
		case "i":
			return p, ui.SetStatusOn(ui.PageImport, ui.StatusSuccess, "Import finished")
		}
	}
	return p, nil
}
func (p *statusPage) ShortHelp() []key.Binding { return nil }

func startFakeCommon(t *testing.T) *ui.Common {
	srv := httptest.NewServer(fakeserver.New(fakeserver.Options{Customers: 10}))
	t.Cleanup(srv.Close)
	return uitest.NewCommon(t, srv.URL)
}

func finalView(t *testing.T, h *uitest.Harness) string {
	t.Helper()
	require.NoError(t, h.TM.Quit())
	return h.TM.FinalModel(t).(*ui.App).View()
}

func TestStatusBelongsToTheScreenThatSetIt(t *testing.T) {
	f := stubFactories()
	f[ui.PageCustomer] = func(*ui.Common, any) ui.Page { return &statusPage{stubPage{name: "Customer"}} }
	h := uitest.Start(t, ui.NewApp(startFakeCommon(t), f, ui.PageCustomer), 80, 24)
	h.WaitFor(t, "page:Customer", "[online]")
	h.Type("s")
	h.WaitFor(t, "1 field needs fixing")
	h.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'2'}, Alt: true})
	h.WaitFor(t, "page:Lookup")
	h.Send(tea.KeyMsg{Type: tea.KeyF3})
	h.WaitForNew(t, "page:Customer")
	h.Type("i") // work of the import screen finishing while another is in front
	h.Send(tea.KeyMsg{Type: tea.KeyF6})
	h.WaitFor(t, "page:Account")
	view := finalView(t, h)
	require.NotContains(t, view, "needs fixing")
	require.NotContains(t, view, "Import finished", "the import's message is not the account screen's")
}

func TestStatusForAnotherScreenShowsThere(t *testing.T) {
	f := stubFactories()
	f[ui.PageLookup] = func(*ui.Common, any) ui.Page { return &statusPage{stubPage{name: "Lookup"}} }
	h := uitest.Start(t, ui.NewApp(startFakeCommon(t), f, ui.PageLookup), 80, 24)
	h.WaitFor(t, "page:Lookup", "[online]")
	h.Type("i")
	h.Send(tea.KeyMsg{Type: tea.KeyF4})
	h.WaitFor(t, "page:Import", "Import finished")
}

func TestStartupWarningsShowInTheStatusLine(t *testing.T) {
	c := startFakeCommon(t)
	c.Warnings = []string{"unknown key profiles.a.pasword is ignored (did you mean password?)", "others can read it"}
	h := uitest.Start(t, ui.NewApp(c, stubFactories(), ui.PageLookup), 120, 24)
	h.WaitFor(t, "page:Lookup", "[online]", "⚠ (1/2) unknown key profiles.a.pasword is ignored (did you mean password?)")
}

func TestHeaderSaysWrongCredentials(t *testing.T) {
	c := startFakeCommon(t)
	api, err := apiclient.New(apiclient.Options{BaseURL: c.API.BaseURL(),
		Credentials: apiclient.Credentials{UserID: uitest.UserID, Password: "wrong", AccountID: uitest.AccountID}})
	require.NoError(t, err)
	c.API = api
	h := uitest.Start(t, ui.NewApp(c, stubFactories(), ui.PageLookup), 80, 24)
	h.WaitFor(t, "[wrong credentials]", "Wrong user, API key or account")
	require.NotContains(t, h.All(), "[server trouble]")
}

func TestHeaderShowsTheProfilesStoreName(t *testing.T) {
	h := uitest.Start(t, ui.NewApp(startFakeCommon(t), stubFactories(), ui.PageLookup), 100, 24)
	h.WaitFor(t, "[online]")
	view := finalView(t, h)
	require.Contains(t, view, "loyaltydesk · Test Store · Lookup")
	require.NotContains(t, view, "Great Widgets", "the store name the profile gives wins over the account's")
}

// Without colour the command menu's chosen entry carries the marker, and
// the frame holds no escape code.
func TestNoColorMenuMarksTheChosenEntry(t *testing.T) {
	h := uitest.Start(t, ui.NewApp(startFakeCommon(t), stubFactories(), ui.PageLookup), 80, 24)
	h.WaitFor(t, "[online]")
	h.Send(tea.KeyMsg{Type: tea.KeyCtrlK})
	h.WaitFor(t, "Commands")
	h.Key(tea.KeyDown)
	h.WaitFor(t, "› Go to new customer")
	view := finalView(t, h)
	require.NotContains(t, view, "\x1b")
	require.Contains(t, view, "› Go to new customer")
	require.Contains(t, view, "  Go to lookup")
}
