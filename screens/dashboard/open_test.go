package dashboard_test

import (
	"context"
	"regexp"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
	"loyaltydesk/screens/dashboard"
	"loyaltydesk/screens/lookup"
	"loyaltydesk/ui"
)

// Enter on a row of a customer table opens that customer on the lookup.
func TestEnterOnACustomerRowOpensItOnTheLookup(t *testing.T) {
	_, url := startFake(t)
	c := newCommon(t, url, every)
	d, err := c.API.Dashboard(context.Background(), apiclient.FullDashboard(30, 10, 10))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(d.MostActive), 2)
	second := d.MostActive[1]

	app := ui.NewApp(c, map[ui.PageID]ui.PageFactory{ui.PageDashboard: dashboard.New, ui.PageLookup: lookup.New}, ui.PageDashboard)
	h := startDashboard(t, app)
	h.Key(tea.KeyTab) // the most active customers
	h.WaitFor(t, "Most active customers")
	h.Key(tea.KeyDown)
	h.WaitUntil(t, regexp.MustCompile(`›\s+2\s`).MatchString, "the second row selected")
	h.Key(tea.KeyEnter)
	h.WaitFor(t, "Customer lookup", second.FirstName+" "+second.LastName, second.Code, "Balances")
}
