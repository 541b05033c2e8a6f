package main

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/config"
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
