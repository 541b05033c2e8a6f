package config

import (
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestFilePathPrecedence(t *testing.T) {
	home := filepath.FromSlash("/home/ann")
	tests := []struct {
		name, explicit string
		env            LookupEnv
		want           string
	}{
		{"flag wins", "/etc/ld.toml", envOf(EnvConfig, "/env.toml", "HOME", home), "/etc/ld.toml"},
		{"env next", "", envOf(EnvConfig, "/env.toml", "HOME", home), "/env.toml"},
		{"XDG_CONFIG_HOME", "", envOf("XDG_CONFIG_HOME", "/xdg", "HOME", home), "/xdg/loyaltydesk/config.toml"},
		{"relative XDG_CONFIG_HOME ignored", "", envOf("XDG_CONFIG_HOME", "rel", "HOME", home), "/home/ann/.config/loyaltydesk/config.toml"},
		{"home", "", envOf("HOME", home), "/home/ann/.config/loyaltydesk/config.toml"},
		{"tilde expanded", "~/ld/config.toml", envOf("HOME", home), "/home/ann/ld/config.toml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.explicit == "" && tt.env.get(EnvConfig) == "" {
				skipUnlessXDG(t)
			}
			got, err := FilePath(tt.explicit, tt.env)
			require.NoError(t, err)
			require.Equal(t, filepath.FromSlash(tt.want), got)
		})
	}
}

func skipUnlessXDG(t *testing.T) {
	t.Helper()
	switch runtime.GOOS {
	case "windows", "darwin", "ios", "plan9":
		t.Skip("the XDG layout is for the other Unix-like systems")
	}
}

func TestUserConfigDirPerSystem(t *testing.T) {
	dir, err := userConfigDir(envOf("HOME", "/Users/ann"), "darwin")
	require.NoError(t, err)
	require.Equal(t, filepath.Join("/Users/ann", "Library", "Application Support"), dir)

	dir, err = userConfigDir(envOf("AppData", `C:\Users\ann\AppData\Roaming`), "windows")
	require.NoError(t, err)
	require.Equal(t, `C:\Users\ann\AppData\Roaming`, dir)

	_, err = userConfigDir(envOf(), "linux")
	require.ErrorContains(t, err, EnvConfig, "the error says how to get past it")
}

func TestStateDirPrecedence(t *testing.T) {
	tests := []struct {
		name string
		env  LookupEnv
		want string
	}{
		{"override", envOf(EnvStateDir, "/srv/ld", "XDG_STATE_HOME", "/xdg", "HOME", "/home/ann"), "/srv/ld"},
		{"XDG_STATE_HOME", envOf("XDG_STATE_HOME", "/xdg", "HOME", "/home/ann"), "/xdg/loyaltydesk"},
		{"relative XDG_STATE_HOME ignored", envOf("XDG_STATE_HOME", "x", "HOME", "/home/ann"), "/home/ann/.local/state/loyaltydesk"},
		{"home", envOf("HOME", "/home/ann"), "/home/ann/.local/state/loyaltydesk"},
		{"empty override ignored", envOf(EnvStateDir, "", "HOME", "/home/ann"), "/home/ann/.local/state/loyaltydesk"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			skipUnlessXDG(t)
			got, err := stateDir(tt.env, "linux")
			require.NoError(t, err)
			require.Equal(t, tt.want, got)
		})
	}
}

func TestStateDirWindowsAndNoHome(t *testing.T) {
	got, err := stateDir(envOf("LocalAppData", `C:\Users\ann\AppData\Local`), "windows")
	require.NoError(t, err)
	require.Equal(t, filepath.Join(`C:\Users\ann\AppData\Local`, "loyaltydesk"), got)

	_, err = stateDir(envOf(), "linux")
	require.ErrorContains(t, err, EnvStateDir)
}

func TestEnsureStateDirCreatesPrivateDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state", "loyaltydesk")
	t.Setenv(EnvStateDir, dir)
	got, err := EnsureStateDir()
	require.NoError(t, err)
	require.Equal(t, dir, got)
	requireMode(t, dir, 0o700)
}
