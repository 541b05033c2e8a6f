package main

import (
	"context"
	"io"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"loyaltydesk/config"
)

func noEnv(string) (string, bool) { return "", false }

// With no profile, a person at a terminal is taken through set-up and the
// app starts with what it saved; without a terminal the error says what to
// do; the environment's credentials need no set-up.
func TestRunStartsSetupWhenThereIsNoProfile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	opts := config.LoadOptions{Flags: &config.Flags{ConfigPath: path}, LookupEnv: noEnv}
	calls := 0
	setUp := func(_ context.Context, flags *config.Flags) (string, string, error) {
		calls++
		require.Equal(t, path, flags.ConfigPath)
		return path, "main", config.AddProfile(path, config.Profile{Name: "main", UserID: "u", Password: "k", AccountID: "a"})
	}

	_, _, _, err := loadOrSetUp(opts, false, setUp, io.Discard)
	require.ErrorIs(t, err, config.ErrNoConfig, "no terminal: no questions")
	require.Zero(t, calls)

	_, p, _, err := loadOrSetUp(opts, true, setUp, io.Discard)
	require.NoError(t, err)
	require.Equal(t, 1, calls)
	require.Equal(t, "main", p.Name)
	require.Equal(t, "u", p.UserID)

	left := func(context.Context, *config.Flags) (string, string, error) { return "", "", nil }
	_, _, _, err = loadOrSetUp(config.LoadOptions{Flags: &config.Flags{ConfigPath: path + ".other"}, LookupEnv: noEnv}, true, left, io.Discard)
	require.ErrorIs(t, err, config.ErrNoConfig, "left without saving: the missing file is the error")

	env := map[string]string{config.EnvUserID: "u", config.EnvPassword: "k", config.EnvAccountID: "a"}
	_, p, _, err = loadOrSetUp(config.LoadOptions{Flags: &config.Flags{ConfigPath: path + ".none"},
		LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok }}, true, setUp, io.Discard)
	require.NoError(t, err)
	require.Equal(t, 1, calls, "the environment needs no set-up")
	require.Equal(t, config.EnvProfileName, p.Name)
}
