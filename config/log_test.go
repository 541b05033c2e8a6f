package config

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestOpenLogWritesPrivateFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "logs", "ld.log")
	log, closer, err := OpenLog(path)
	require.NoError(t, err)
	log.Info("signed in", "user_id", "john1970", "profile", secretProfile())
	require.NoError(t, closer.Close())

	requireMode(t, path, 0o600)
	requireMode(t, filepath.Dir(path), 0o700)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Contains(t, string(data), `msg="signed in" user_id=john1970`)
	requireNoSecret(t, string(data))
}

func TestOpenLogAppends(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ld.log")
	for _, msg := range []string{"first", "second"} {
		log, closer, err := OpenLog(path)
		require.NoError(t, err)
		log.Info(msg)
		require.NoError(t, closer.Close())
	}
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Contains(t, string(data), "msg=first")
	require.Contains(t, string(data), "msg=second")
}

func TestOpenLogRedactsSecretLookingAttributes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ld.log")
	log, closer, err := OpenLog(path)
	require.NoError(t, err)
	log.Info("call", "user_password", testPassword, "new_api_token", testToken,
		"PIN", "SECRET-1234", "api_key", "SECRET-k", "shipping", "by sea")
	log.WithGroup("req").Info("call", "password", testPassword)
	require.NoError(t, closer.Close())
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	requireNoSecret(t, string(data))
	require.Contains(t, string(data), "user_password="+Redacted)
	require.Contains(t, string(data), `shipping="by sea"`, "only secret-looking keys are hidden")
}

func TestOpenLogNarrowsExistingFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes on Windows")
	}
	path := writeConfig(t, "old line\n", 0o644)
	_, closer, err := OpenLog(path)
	require.NoError(t, err)
	require.NoError(t, closer.Close())
	requireMode(t, path, 0o600)
}

func TestOpenLogRefusesNonFiles(t *testing.T) {
	dir := t.TempDir()
	_, _, err := OpenLog(dir)
	require.ErrorContains(t, err, "not a regular file")

	if _, statErr := os.Stat("/dev/zero"); statErr != nil {
		t.Skip("no /dev/zero here")
	}
	_, _, err = OpenLog("/dev/zero")
	require.ErrorContains(t, err, "/dev/zero is not a regular file")
}

func TestOpenLogAcceptsDevNull(t *testing.T) {
	log, closer, err := OpenLog(os.DevNull)
	require.NoError(t, err)
	log.Info("discarded")
	require.NoError(t, closer.Close())
}

func TestOpenLogDefaultsToStateDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	t.Setenv(EnvStateDir, dir)
	log, closer, err := OpenLog("")
	require.NoError(t, err)
	log.Info("hello")
	require.NoError(t, closer.Close())
	data, err := os.ReadFile(filepath.Join(dir, LogFileName))
	require.NoError(t, err)
	require.Contains(t, string(data), "msg=hello")
}

func TestIsSecretKey(t *testing.T) {
	for _, k := range []string{"password", "user_password", "Password", "new_api_token", "token", "api_key", "apikey", "pin", "card_pin", "pin_code", "client_secret"} {
		require.True(t, isSecretKey(k), k)
	}
	for _, k := range []string{"user_id", "shipping", "spinner", "account_id", "url", "msg"} {
		require.False(t, isSecretKey(k), k)
	}
}
