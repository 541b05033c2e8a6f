package account_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/stretchr/testify/require"

	"loyaltydesk/ui/uitest"
)

// The pick lists ship with the program; a code the server reports that
// they do not hold is shown as it is and never changed by a save.
func TestUnknownCodesAreShownAndKept(t *testing.T) {
	fake, _ := startFake(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err == nil && r.PostForm.Get("type") == "account_info" {
			fmt.Fprint(w, `<response status="success"><account><account_id>greatwidgets</account_id>
				<biz_name>Great Widgets Company</biz_name><language>EN</language><symbol>XTS</symbol>
				<glyph>¤</glyph><timezone>99</timezone></account></response>`)
			return
		}
		fake.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	h := startAccount(t, uitest.NewCommon(t, srv.URL), 100, 30)
	h.WaitFor(t, "EN · English", "99 (not in this program's list; kept as it is)", "XTS (¤, not in this program's list")
	require.Empty(t, fake.RequestsOf("reference"), "no reference call exists")

	h.Type("e")
	h.WaitFor(t, "Edit account greatwidgets")
	h.Type(" Ltd")
	h.Key(tea.KeyCtrlS)
	h.WaitFor(t, "Save these changes to the account?", "Great Widgets Company → Great Widgets Company Ltd")
	h.Type("y")
	h.WaitFor(t, "Saved: 1 field.")
	reqs := fake.RequestsOf("account_update")
	require.Len(t, reqs, 1)
	require.Equal(t, map[string]string{"biz_name": "Great Widgets Company Ltd"}, sentFields(reqs[0]), "the unknown codes are kept, not sent")
}
