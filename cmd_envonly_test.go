package main

import (
	"context"
	"io"
	"net/http/httptest"
	"path/filepath"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/config"
	"loyaltydesk/ui"
	"loyaltydesk/ui/uitest"
)

// A till image or a container has no configuration file: the four
// LOYALTYDESK_* variables are the whole set-up.
func TestHeadlessImportRunsFromTheEnvironmentAlone(t *testing.T) {
	h := newHeadless(t)
	h.config = filepath.Join(h.dir, "no-such-dir", "config.toml")
	t.Setenv(config.EnvURL, h.url)
	t.Setenv(config.EnvUserID, fakeserver.DemoUserID)
	t.Setenv(config.EnvPassword, fakeserver.DemoPassword)
	t.Setenv(config.EnvAccountID, fakeserver.DemoAccountID)
	file := h.file(t, "new.csv", "first_name,last_name,email\nAda,Lovelace,ada@example.com\n")
	r := h.importFile(t, "import", file, "--mode", "update", "--campaigns", campaign, "--yes")
	require.NoError(t, r.err)
	require.Contains(t, r.out, "1 new")
	require.Contains(t, r.out, "1 row has neither code nor card number", "plurals are right")
	require.NotRegexp(t, `(^|[^/\d])1 rows`, r.out) // "1/1 rows" is a fraction
	require.Len(t, h.loyalty.RequestsOf("customers_batch"), 1)
}

func TestHeadlessImportFromFlagsAndThePasswordVariable(t *testing.T) {
	h := newHeadless(t)
	h.config = filepath.Join(h.dir, "no-such-dir", "config.toml")
	t.Setenv(config.EnvPassword, fakeserver.DemoPassword)
	file := h.file(t, "new.csv", "first_name,last_name,email\nAda,Lovelace,ada@example.com\n")
	r := h.importFile(t, "import", file, "--url", h.url, "--user-id", fakeserver.DemoUserID, "--account-id", fakeserver.DemoAccountID,
		"--mode", "update", "--campaigns", campaign, "--dry-run")
	require.NoError(t, r.err)
	require.Contains(t, r.out, "Dry run")
}

func TestWithoutFileOrEnvironmentTheErrorNamesSetup(t *testing.T) {
	h := newHeadless(t)
	h.config = filepath.Join(h.dir, "no-such-dir", "config.toml")
	file := h.file(t, "new.csv", "first_name,last_name\nAda,Lovelace\n")
	r := h.importFile(t, "import", file, "--mode", "update", "--campaigns", campaign, "--yes")
	require.ErrorIs(t, r.err, config.ErrNoConfig)
	require.ErrorContains(t, r.err, "loyaltydesk setup")
}

// The app runs from the environment alone too: no file, the four
// variables, and the lookup finds a customer.
func TestAppRunsFromTheEnvironmentAlone(t *testing.T) {
	fake := httptest.NewServer(fakeserver.New(fakeserver.Options{Customers: 20}))
	t.Cleanup(fake.Close)
	env := map[string]string{
		config.EnvConfig: filepath.Join(t.TempDir(), "none", "config.toml"),
		config.EnvURL:    fake.URL, config.EnvUserID: fakeserver.DemoUserID,
		config.EnvPassword: fakeserver.DemoPassword, config.EnvAccountID: fakeserver.DemoAccountID,
	}
	cfg, profile, _, err := config.Load(config.LoadOptions{LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok }})
	require.NoError(t, err)
	api, err := clientFor(profile)
	require.NoError(t, err)
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	app, err := newApp(sessionSpec{ctx: context.Background(), api: api, renderer: r, keys: cfg.Keys, stateDir: t.TempDir(),
		session: ui.Session{Profile: profile.Name, UserID: profile.UserID, AccountID: profile.AccountID}})
	require.NoError(t, err)
	h := uitest.Start(t, app, 100, 30)
	h.WaitFor(t, "[online]", "card / code")
	h.Type(fakeserver.DemoCard)
	h.Key(tea.KeyEnter)
	h.WaitFor(t, fakeserver.DemoFirstName+" "+fakeserver.DemoLastName, "Balances")
}
