package customer_test

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/ui"
	"loyaltydesk/ui/uitest"
)

// End to end: the answer of a new customer's save is lost, the check finds
// the customer, and the form says it was saved, without sending it again.
func TestLostAnswerCheckedFindsTheCustomer(t *testing.T) {
	fake, url := startFake(t)
	s := start(t, uitest.NewCommon(t, url), ui.PageCustomer, 100, 50)
	s.shows(t, "New customer", "Favourite product")
	s.Type("Checked")
	s.Key(tea.KeyTab)
	s.Type("After")
	s.Key(tea.KeyTab)
	s.Type("555-0013")
	count := fake.CustomerCount()

	fake.FailCall("record_customer", 1, fakeserver.FaultLostAnswer)
	saveAndConfirm(t, s, "Create this customer?")
	s.shows(t, "New customer saved", "Checked After")
	require.Equal(t, count+1, fake.CustomerCount())
	require.Len(t, fake.RequestsOf("record_customer"), 1, "nothing sent twice")
}
