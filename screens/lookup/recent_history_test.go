package lookup_test

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/screens/lookup"
	"loyaltydesk/ui"
	"loyaltydesk/ui/uitest"
)

// The recent list: newest first, up and down move, enter looks the
// customer up again, esc leaves it.
func TestRecentListMovesAndPicks(t *testing.T) {
	_, url := startFake(t)
	h := startLookup(t, uitest.NewCommon(t, url))
	scan(h, fakeserver.DemoCard)
	h.WaitFor(t, fakeserver.DemoFirstName+" "+fakeserver.DemoLastName, "Balances")
	scan(h, fakeserver.DemoCard2)
	h.WaitFor(t, fakeserver.DemoFirstName2+" "+fakeserver.DemoLastName2)
	h.Key(tea.KeyEsc) // clear: the recent list shows
	h.WaitForNew(t, "Recent")
	h.Send(tea.KeyMsg{Type: tea.KeyCtrlR})
	h.WaitForNew(t, "› "+fakeserver.DemoFirstName2+" "+fakeserver.DemoLastName2)
	h.Key(tea.KeyDown)
	h.Key(tea.KeyDown) // stays on the last
	h.WaitForNew(t, "› "+fakeserver.DemoFirstName+" "+fakeserver.DemoLastName)
	h.Key(tea.KeyUp)
	h.WaitForNew(t, "› "+fakeserver.DemoFirstName2+" "+fakeserver.DemoLastName2)
	h.Key(tea.KeyDown)
	h.Key(tea.KeyEnter)
	h.WaitForNew(t, fakeserver.DemoCode, "Balances")

	h.Key(tea.KeyEsc)
	h.Send(tea.KeyMsg{Type: tea.KeyCtrlR})
	h.WaitForNew(t, "Recent —")
	h.Key(tea.KeyEsc) // leaves the list without a lookup
	h.Type("1")
	h.WaitForNew(t, "card / code › 1")
}

// The history scrolls, a failed campaign is said and enter fetches again;
// esc goes back to the customer.
func TestHistoryScrollsRetriesAndLeaves(t *testing.T) {
	fake, url := startFake(t)
	app := ui.NewApp(uitest.NewCommon(t, url), map[ui.PageID]ui.PageFactory{ui.PageLookup: lookup.New}, ui.PageLookup)
	h := uitest.Start(t, app, 100, 20)
	h.WaitFor(t, "card / code")
	scan(h, fakeserver.DemoCard)
	h.WaitFor(t, fakeserver.DemoFirstName+" "+fakeserver.DemoLastName, "Balances")

	fake.FailCall("customer_balance", 1, fakeserver.FaultHTTP500)
	h.Type("b")
	h.WaitFor(t, "History — ", "Not loaded", "HTTP 500")
	h.Key(tea.KeyEnter) // fetch again: the first campaign, which failed, comes
	h.WaitForNew(t, "Widget Points · points — balance")
	for range 30 {
		h.Key(tea.KeyDown)
	}
	h.Key(tea.KeyUp)
	h.Key(tea.KeyEsc)
	h.WaitForNew(t, "Balances", fakeserver.DemoCode)
	require.NoError(t, h.TM.Quit())
	require.NotContains(t, h.TM.FinalModel(t).View(), "History — ")
}

// Opening the page again on a customer shows that customer; the help
// lists the lookup's keys.
func TestReopenOnACustomerAndFullHelp(t *testing.T) {
	_, url := startFake(t)
	h := startLookup(t, uitest.NewCommon(t, url))
	h.Send(ui.NavigateMsg{To: ui.PageLookup, Arg: ui.ShowCustomer{Code: fakeserver.DemoCode2}})
	h.WaitFor(t, fakeserver.DemoFirstName2+" "+fakeserver.DemoLastName2, "Balances")
	h.Key(tea.KeyF1)
	h.WaitFor(t, "Keys on Customer lookup", "search by name", "history")
}
