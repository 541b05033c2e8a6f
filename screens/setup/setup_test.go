package setup_test

import (
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/keymap"
	"loyaltydesk/screens/setup"
	"loyaltydesk/ui/uitest"
)

func TestSetupTriesTheAnswersAndSavesThem(t *testing.T) {
	srv := httptest.NewServer(fakeserver.New(fakeserver.Options{Customers: 10}))
	t.Cleanup(srv.Close)
	var mu sync.Mutex
	var saved []setup.Answers
	m := setup.New(setup.Options{
		Styles: uitest.PlainStyles(), Keys: keymap.Default(), DefaultURL: srv.URL, Where: "/tmp/x/config.toml",
		Save: func(a setup.Answers) error { mu.Lock(); defer mu.Unlock(); saved = append(saved, a); return nil },
	})
	h := uitest.Start(t, m, 80, 24)
	h.WaitFor(t, "Service URL", srv.URL, "API key")

	h.Type(uitest.UserID)
	h.Key(tea.KeyTab)
	h.Type(uitest.AccountID)
	h.Key(tea.KeyTab)
	h.Type("not-the-key")
	h.Key(tea.KeyEnter)
	h.WaitFor(t, "Wrong user, API key or account")
	require.NotContains(t, h.All(), "not-the-key", "the API key is masked")
	mu.Lock()
	require.Empty(t, saved, "refused answers are not saved")
	mu.Unlock()

	for range len("not-the-key") {
		h.Key(tea.KeyBackspace)
	}
	h.Type(uitest.Password)
	h.Key(tea.KeyEnter)
	h.TM.WaitFinished(t)
	require.NotContains(t, h.All(), uitest.Password)
	mu.Lock()
	defer mu.Unlock()
	require.Len(t, saved, 1)
	require.Equal(t, setup.Answers{URL: srv.URL, UserID: uitest.UserID, AccountID: uitest.AccountID, APIKey: uitest.Password,
		BizName: saved[0].BizName}, saved[0])
	require.NotNil(t, m.Saved())
}

func TestSetupLeftWithEscSavesNothing(t *testing.T) {
	m := setup.New(setup.Options{Styles: uitest.PlainStyles(), Keys: keymap.Default(), DefaultURL: "https://api.clienttoolbox.com",
		Save: func(setup.Answers) error { t.Error("saved"); return nil }})
	h := uitest.Start(t, m, 80, 24)
	h.WaitFor(t, "https://api.clienttoolbox.com")
	h.Type("someone")
	h.Key(tea.KeyEsc)
	h.TM.WaitFinished(t)
	require.Nil(t, m.Saved())
	require.True(t, strings.Contains(h.All(), "leave without saving"))
}

func TestSetupStartsOnTheFirstFieldNotKnown(t *testing.T) {
	m := setup.New(setup.Options{Styles: uitest.PlainStyles(), Keys: keymap.Default(), DefaultURL: "https://api.clienttoolbox.com",
		UserID: "till-1", AccountID: "northshop", Save: func(setup.Answers) error { return nil }})
	h := uitest.Start(t, m, 80, 24)
	h.WaitFor(t, "till-1", "northshop", "› API key")
}
