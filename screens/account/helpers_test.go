package account_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/screens/account"
	"loyaltydesk/ui"
	"loyaltydesk/ui/uitest"
)

func startFake(t *testing.T, opts ...fakeserver.Options) (*fakeserver.Server, string) {
	t.Helper()
	o := fakeserver.Options{Customers: 50}
	if len(opts) > 0 {
		o = opts[0]
	}
	fake := fakeserver.New(o)
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	return fake, srv.URL
}

// asOwner makes the session the account's own user, the one that gets a
// new API token when the password changes.
func asOwner(t *testing.T, c *ui.Common, url string) {
	t.Helper()
	api, err := apiclient.New(apiclient.Options{BaseURL: url, Credentials: apiclient.Credentials{
		UserID: fakeserver.DemoOwnerID, Password: fakeserver.DemoOwnerPassword, AccountID: fakeserver.DemoAccountID,
	}})
	require.NoError(t, err)
	c.API = api
	c.Session.UserID = fakeserver.DemoOwnerID
}

func startAccount(t *testing.T, c *ui.Common, w, h int) *uitest.Harness {
	t.Helper()
	app := ui.NewApp(c, map[ui.PageID]ui.PageFactory{ui.PageAccount: account.New}, ui.PageAccount)
	hs := uitest.Start(t, app, w, h)
	hs.WaitFor(t, "Great Widgets Company", "Regional settings")
	return hs
}

// mark is how much was drawn so far; afterMark waits for texts drawn
// after it.
func mark(h *uitest.Harness) int { return len(h.All()) }

func waitAfter(t *testing.T, h *uitest.Harness, from int, texts ...string) {
	t.Helper()
	h.WaitUntil(t, func(out string) bool {
		for _, s := range texts {
			if !strings.Contains(out[from:], s) {
				return false
			}
		}
		return true
	}, "waiting for %q", texts)
}

func press(h *uitest.Harness, k tea.KeyType, n int) {
	for range n {
		h.Key(k)
	}
}

// sentFields are the account fields of a recorded request, without the
// credentials and call parameters.
func sentFields(r fakeserver.Request) map[string]string {
	out := map[string]string{}
	for k, v := range r.Form {
		switch k {
		case "user_id", "user_password", "user_api_key", "account_id", "type", "output", "API":
			continue
		}
		out[k] = v[0]
	}
	return out
}
