package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"loyaltydesk/till"
)

// Sessions of one profile in serve share its till queue: before, the
// second session found the file locked by the first and had no queue.
func TestServeSessionsOfAProfileShareOneTillQueue(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	shared := newSharedOutboxes(ctx)
	dir := t.TempDir()

	first, err := shared.For(dir)
	require.NoError(t, err)
	second, err := shared.For(dir)
	require.NoError(t, err)
	require.Same(t, first, second)
	require.NoError(t, first.Add(till.Action{Ref: "till-1 #AAAA", Kind: till.Earn, CustomerCode: "1"}))
	require.Equal(t, 1, second.Count())

	other, err := shared.For(t.TempDir())
	require.NoError(t, err)
	require.NotSame(t, first, other, "each profile has its own")
}

func TestATillQueueHeldElsewhereIsTriedAgainByTheNextSession(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	dir := t.TempDir()
	elsewhere, err := till.OpenOutbox(dir) // another loyaltydesk on this machine
	require.NoError(t, err)
	shared := newSharedOutboxes(ctx)
	_, err = shared.For(dir)
	require.Error(t, err)

	require.NoError(t, elsewhere.Close())
	ob, err := shared.For(dir)
	require.NoError(t, err)
	require.NotNil(t, ob)
}

// Over serve, the second session of a profile gets the till queue too.
func TestServeGivesTheSecondSessionOfAProfileTheTillQueue(t *testing.T) {
	north := newStore(t, 1, "North Widgets", "31313131", "Nora", "Northcott")
	dir := t.TempDir()
	cfgPath := writeFile(t, dir, "config.toml", profileTOML("store-north", north))
	first, firstLine := newKey(t)
	second, secondLine := newKey(t)
	keys := writeFile(t, dir, "authorized_keys", firstLine+" a profile=store-north\n"+secondLine+" b profile=store-north\n")
	logPath := filepath.Join(dir, "serve.log")
	app := startServe(t, serveOptions{authorizedKeys: keys, configPath: cfgPath, logPath: logPath})

	a := app.open(t, first)
	waitScreen(t, a, "North Widgets", "card / code")
	b := app.open(t, second)
	waitScreen(t, b, "North Widgets", "card / code")
	log, err := os.ReadFile(logPath)
	require.NoError(t, err)
	require.NotContains(t, string(log), "till queue not available")
}
