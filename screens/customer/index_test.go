package customer_test

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/ui"
	"loyaltydesk/ui/uitest"
)

// A customer saved in the app is found by the name search right after,
// though the index was brought up to date a moment before.
func TestSavedCustomerIsFoundByTheNameSearchAtOnce(t *testing.T) {
	_, url := startFake(t)
	s := start(t, uitest.NewCommon(t, url), ui.PageLookup, 100, 40)
	s.shows(t, "card / code")
	s.Key(tea.KeyCtrlF)
	s.shows(t, "customers, index of")
	s.Key(tea.KeyEsc)
	openNewForm(t, s)
	s.Type("Quintessa")
	s.Key(tea.KeyTab)
	s.Type("Walksixteen")
	s.Key(tea.KeyTab)
	s.Type("021 555 0916")
	saveAndConfirm(t, s, "Create this customer?")
	s.shows(t, "Customer lookup", "New customer saved")

	s.Key(tea.KeyCtrlF)
	s.Type("walksixteen")
	s.shows(t, "1 of 1", "Quintessa Walksixteen")
}
