package main

import (
	"context"
	"io"
	"net/http/httptest"
	"os"
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

// A key override in the config file changes the binding and its help text.
func TestKeyOverrideFromConfigFile(t *testing.T) {
	fake := httptest.NewServer(fakeserver.New(fakeserver.Options{Customers: 50}))
	t.Cleanup(fake.Close)
	dir := t.TempDir()
	path := filepath.Join(dir, "config.toml")
	require.NoError(t, os.WriteFile(path, []byte(`
default_profile = "shop"
[profiles.shop]
url = "`+fake.URL+`"
user_id = "john1970"
password = "1959caadac9b13dcb3"
account_id = "greatwidgets"
[keys]
"lookup.search" = ["ctrl+g"]
`), 0o600))
	cfg, profile, _, err := config.Load(config.LoadOptions{
		Flags:     &config.Flags{ConfigPath: path},
		LookupEnv: func(string) (string, bool) { return "", false },
	})
	require.NoError(t, err)
	api, err := clientFor(profile)
	require.NoError(t, err)

	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	app, err := newApp(sessionSpec{ctx: context.Background(), api: api, renderer: r, keys: cfg.Keys, stateDir: dir})
	require.NoError(t, err)
	h := uitest.Start(t, app, 100, 30)
	h.WaitFor(t, "ctrl+g search by name")

	h.Send(tea.KeyMsg{Type: tea.KeyCtrlG})
	h.WaitFor(t, "Search customers")
	require.NoError(t, h.TM.Quit())
	require.Equal(t, ui.PageLookup, h.TM.FinalModel(t).(*ui.App).ActivePage())
}

// A conflicting override is reported at start-up.
func TestKeyConflictIsReportedAtStartup(t *testing.T) {
	_, err := newApp(sessionSpec{ctx: context.Background(), renderer: lipgloss.NewRenderer(io.Discard),
		keys: map[string][]string{"import": {"f2"}}})
	require.ErrorContains(t, err, `"f2" is bound to both`)
}
