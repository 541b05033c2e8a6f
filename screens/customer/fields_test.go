package customer_test

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/ui"
	"loyaltydesk/ui/uitest"
)

// The form follows the merchant's setup (manage_fields): hidden fields are
// not offered, a required one must be filled before anything is sent, the
// merchant's labels name the fields, a Pick takes one choice and a List
// several, sent joined with ", ".
func TestFormFollowsTheMerchantsFieldSetup(t *testing.T) {
	fake, url := startFake(t)
	s := start(t, uitest.NewCommon(t, url), ui.PageCustomer, 100, 50)
	screen := s.shows(t, "New customer", "Favourite product", "Cheese preferences", "Mobile", "Birthday")
	for _, hidden := range []string{"Street 2", "Staff notes"} {
		require.NotContains(t, screen, hidden, "show=N hides the field")
	}
	require.NotContains(t, screen, "Phone", "the merchant's label replaces ours")
	require.NotContains(t, screen, "Custom date")

	s.Type("Req")
	s.Key(tea.KeyCtrlS)
	screen = s.shows(t, "› Mobile", "1 field needs fixing")
	require.Contains(t, lineAfter(t, screen, "Mobile"), "✗ required")
	require.NotContains(t, screen, "Create this customer?")
	require.Empty(t, fake.RequestsOf("record_customer"), "nothing was sent")

	s.Type("021 555 0199")
	s.tabTo(t, newOrder, "Mobile", "Marital status")
	s.Key(tea.KeyRight) // Pick: one choice
	s.shows(t, "› Marital status", "Single")
	s.tabTo(t, newOrder, "Marital status", "Cheese preferences")
	s.Type(" ") // open the list
	s.Type(" ") // Gouda
	s.Key(tea.KeyDown)
	s.Type(" ") // Emental
	s.Key(tea.KeyEnter)
	s.shows(t, "Gouda, Emental")
	saveAndConfirm(t, s, "Create this customer?")
	s.shows(t, "New customer saved")

	reqs := fake.RequestsOf("record_customer")
	require.Len(t, reqs, 1)
	form := reqs[0].Form
	require.Equal(t, "021 555 0199", form.Get("phone"))
	require.Equal(t, "Single", form.Get("custom_field_2"))
	require.Equal(t, "Gouda, Emental", form.Get("custom_field_5"), "a List is sent joined with \", \"")
	require.False(t, form.Has("street2"), "a hidden field is never sent")
	require.False(t, form.Has("custom_field_6"))
}

// Editing keeps what the merchant hides: it is not on the form and an edit
// leaves it as it is.
func TestEditLeavesHiddenFieldsAlone(t *testing.T) {
	fake, url := startFake(t)
	c := uitest.NewCommon(t, url)
	s := start(t, c, ui.PageLookup, 100, 50)
	s.shows(t, "card / code")
	s.Send(ui.NavigateMsg{To: ui.PageCustomer, Arg: mustInfo(t, c, fakeserver.DemoCode)})
	screen := s.shows(t, "Edit customer", "Favourite product", "Gouda, Emental, Swiss")
	require.NotContains(t, screen, "Prefers the window table", "Staff notes is hidden")
	require.NotContains(t, screen, "Apt 3G", "Street 2 is hidden")
	s.tabTo(t, editOrder, "First name", "Favourite product")
	s.clearField()
	s.Type("Brie round")
	fake.ResetRequests()
	saveAndConfirm(t, s, "Save these changes?")
	s.shows(t, "Customer updated")
	jane, _ := fake.Customer(fakeserver.DemoCode)
	require.Equal(t, "Prefers the window table", jane.CustomFields[6])
	require.Equal(t, "Apt 3G", jane.Street2)
	require.Equal(t, "Gouda, Emental, Swiss", jane.CustomFields[5])
	sent := fake.RequestsOf("record_customer")[0].Form
	require.False(t, sent.Has("custom_field_5"), "an unchanged List is not re-sent")
	require.False(t, sent.Has("custom_field_6"))
	require.Equal(t, "Brie round", jane.CustomFields[1])
}
