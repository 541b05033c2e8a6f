package till_test

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/stretchr/testify/assert"

	"loyaltydesk/apiclient/fakeserver"
	core "loyaltydesk/till"
	"loyaltydesk/ui"
	"loyaltydesk/ui/uitest"
)

// Keys typed quickly (or sent together over SSH) reach the app as one
// message of several runes: "+12,50" is still earn, then the amount, and
// "-" + digit + "1y" still a redemption, not text in the scan box.
func TestKeysArrivingTogetherActAsTyped(t *testing.T) {
	f := start(t, uitest.Options{Settings: ui.Settings{Till: &core.Terminal{Name: "till-1", DefaultCampaign: fakeserver.PointsCampaignID}}})
	f.scanJane(t)
	before := f.balance(t, fakeserver.PointsCampaignID)
	f.h.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("+12,50")})
	f.h.Key(tea.KeyEnter)
	f.h.WaitForNew(t, "+125 points →")
	assert.Equal(t, amount(t, "125"), f.balance(t, fakeserver.PointsCampaignID)-before)

	f.scanJane(t)
	f.h.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("-" + f.digit(t, fakeserver.EventsCampaignID) + "1y")})
	f.h.WaitForNew(t, "Jane Doe: −")

	// A paste stays one piece of text.
	f.h.Key(tea.KeyEsc)
	f.h.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(fakeserver.DemoCard), Paste: true})
	f.h.Key(tea.KeyEnter)
	f.h.WaitForNew(t, "Balances")
}

// Voiding a redemption says it was one: "$3.75" alone could be a load.
func TestVoidOfASpendSaysItWasARedemption(t *testing.T) {
	f := start(t)
	f.scanJane(t)
	before := f.balance(t, fakeserver.GiftCardCampaignID)
	f.h.Type("-" + f.digit(t, fakeserver.GiftCardCampaignID) + "3,75")
	f.h.Key(tea.KeyEnter)
	f.h.Type("y")
	f.h.WaitForNew(t, "Jane Doe: −$3.75 →")
	f.h.Key(tea.KeyCtrlZ)
	f.h.WaitForNew(t, "Void redemption of $3.75 in Gift Card for Jane Doe?")
	f.h.Type("y")
	f.h.WaitForNew(t, "Voided redemption of $3.75")
	assert.Equal(t, before, f.balance(t, fakeserver.GiftCardCampaignID))
}
