package lookup_test

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/till"
	"loyaltydesk/ui"
	"loyaltydesk/ui/uitest"
)

// From the lookup: + opens the earn panel for the customer shown and esc
// closes it; the void key with nothing recorded says so; keys typed
// together ("+12,50") act one by one and the earn's line shows under the
// customer.
func TestTillPanelFromTheLookup(t *testing.T) {
	_, url := startFake(t)
	c := uitest.NewCommon(t, url, uitest.Options{Settings: ui.Settings{
		Till: &till.Terminal{Name: "till-1", DefaultCampaign: fakeserver.PointsCampaignID}}})
	h := startLookup(t, c)
	scan(h, fakeserver.DemoCard)
	h.WaitFor(t, fakeserver.DemoFirstName+" "+fakeserver.DemoLastName, "Balances")

	h.Send(tea.KeyMsg{Type: tea.KeyCtrlZ})
	h.WaitFor(t, "Nothing to void")

	h.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("+12,50")})
	h.Key(tea.KeyEnter)
	h.WaitForNew(t, "+125 points →")
}
