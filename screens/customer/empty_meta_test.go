package customer_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/ui"
	"loyaltydesk/ui/uitest"
)

// An account that answers no fields and no campaigns gets a form of the
// standard fields and no error: an empty list is not a failure.
func TestNoFieldsAndNoCampaignsIsNotAnError(t *testing.T) {
	fake := fakeserver.New(fakeserver.Options{Customers: -1})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		switch r.Form.Get("type") {
		case "manage_fields":
			_, _ = w.Write([]byte(`<response status="success"><account><account_id>x</account_id><fields/></account></response>`))
		case "campaigns_list":
			_, _ = w.Write([]byte(`<response status="success"><campaigns/></response>`))
		default:
			fake.ServeHTTP(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	s := start(t, uitest.NewCommon(t, srv.URL), ui.PageCustomer, 100, 50)
	screen := s.eventually(t, func(sc string) bool {
		return strings.Contains(sc, "First name") && strings.Contains(sc, "Card number") && !strings.Contains(sc, "loading custom fields")
	}, "the form once the fields' answer is in")
	require.NotContains(t, screen, "✗")
	require.NotContains(t, screen, "not loaded")
	require.NotContains(t, screen, "Favourite product", "the demo's custom fields came from the server")
}

// Opening a customer whose hidden fields hold values (Jane's Street 2 and
// Staff notes) and leaving at once is no change: esc leaves without
// asking (the demo asked "Leave Edit customer?" after e, esc).
func TestOpeningAndLeavingAsksNothing(t *testing.T) {
	_, url := startFake(t)
	c := uitest.NewCommon(t, url)
	s := start(t, c, ui.PageLookup, 100, 50)
	s.shows(t, "card / code")
	s.Send(ui.NavigateMsg{To: ui.PageCustomer, Arg: mustInfo(t, c, fakeserver.DemoCode)})
	s.eventually(t, func(sc string) bool {
		return strings.Contains(sc, "Edit customer") && strings.Contains(sc, "Gouda, Emental") && !strings.Contains(sc, "loading custom fields")
	}, "the form with the merchant's fields")
	s.Key(tea.KeyEsc)
	screen := s.eventually(t, func(sc string) bool { return !strings.Contains(sc, "Edit customer") }, "the form left")
	require.NotContains(t, screen, "Leave Edit customer?")
	require.Contains(t, screen, "card / code")
}
