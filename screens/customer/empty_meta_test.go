package customer_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

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
