package main

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"loyaltydesk/config"
	"loyaltydesk/sshserver"
)

// Over SSH a profile's session cannot read loyaltydesk's own files through
// the import wizard: the configuration holds every profile's credentials.
func TestServeSessionsCannotImportTheConfiguration(t *testing.T) {
	north := newStore(t, 1, "North Widgets", "31313131", "Nora", "Northcott")
	dir := t.TempDir()
	cfgPath := writeFile(t, dir, "config.toml", profileTOML("store-north", north))
	key, line := newKey(t)
	keys := writeFile(t, dir, "authorized_keys", line+" a profile=store-north\n")
	app := startServe(t, serveOptions{authorizedKeys: keys, configPath: cfgPath})

	term := app.open(t, key)
	waitScreen(t, term, "North Widgets", "card / code")
	require.NoError(t, term.Type("\x1b4")) // alt+4: import
	waitScreen(t, term, "Where do the customers come from?")
	for _, path := range []string{cfgPath, keys} {
		require.NoError(t, term.Type(path+"\r"))
		waitScreen(t, term, filepath.Base(path)+" is loyaltydesk's own")
		require.NoError(t, term.Type("\x15")) // ctrl+u empties the box
	}
}

// The demo over SSH guards the same files: the server's host key sits in
// the state folder.
func TestServeDemoSessionsCannotImportTheHostKey(t *testing.T) {
	key, line := newKey(t)
	keys := writeFile(t, t.TempDir(), "authorized_keys", line+" alice@office\n")
	app := startServe(t, serveOptions{authorizedKeys: keys, demo: true})
	stateDir, err := config.EnsureStateDir()
	require.NoError(t, err)

	term := app.open(t, key)
	waitScreen(t, term, "DEMO", "card / code")
	require.NoError(t, term.Type("\x1b4")) // alt+4: import
	waitScreen(t, term, "Where do the customers come from?")
	for _, path := range []string{filepath.Join(stateDir, sshserver.HostKeyFileName), keys} {
		require.NoError(t, term.Type(path+"\r"))
		waitScreen(t, term, filepath.Base(path)+" is loyaltydesk's own")
		require.NoError(t, term.Type("\x15"))
	}
}
