package config

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// Environment variables read by Load, StateDir and FilePath.
const (
	EnvConfig    = "LOYALTYDESK_CONFIG"
	EnvStateDir  = "LOYALTYDESK_STATE_DIR"
	EnvProfile   = "LOYALTYDESK_PROFILE"
	EnvURL       = "LOYALTYDESK_URL"
	EnvUserID    = "LOYALTYDESK_USER_ID"
	EnvPassword  = "LOYALTYDESK_PASSWORD"
	EnvAccountID = "LOYALTYDESK_ACCOUNT_ID"
	// EnvNoColor is the https://no-color.org convention.
	EnvNoColor = "NO_COLOR"
)

const (
	appDir = "loyaltydesk"
	// FileName is the configuration file's name inside the config dir.
	FileName = "config.toml"
	// LogFileName is the log's name inside the state dir.
	LogFileName = "loyaltydesk.log"
)

// LookupEnv reads one environment variable; os.LookupEnv is one. Tests
// pass a map-backed function instead of changing the process environment.
type LookupEnv func(key string) (string, bool)

// get returns the variable's value; an empty variable counts as unset.
func (env LookupEnv) get(key string) string {
	if env == nil {
		env = os.LookupEnv
	}
	v, _ := env(key)
	return v
}

// FilePath says which configuration file to read: explicit (the --config
// flag) if given, else $LOYALTYDESK_CONFIG, else
// os.UserConfigDir()/loyaltydesk/config.toml.
func FilePath(explicit string, env LookupEnv) (string, error) {
	if explicit != "" {
		return expandHome(explicit, env), nil
	}
	if p := env.get(EnvConfig); p != "" {
		return expandHome(p, env), nil
	}
	dir, err := userConfigDir(env, runtime.GOOS)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, appDir, FileName), nil
}

// userConfigDir follows os.UserConfigDir but reads the environment through
// env, so that tests stay hermetic.
func userConfigDir(env LookupEnv, goos string) (string, error) {
	switch goos {
	case "windows":
		if dir := env.get("AppData"); dir != "" {
			return dir, nil
		}
		return "", errors.New("%AppData% is not set: pass --config PATH or set " + EnvConfig)
	case "darwin", "ios":
		home, err := homeDir(env, EnvConfig)
		return filepath.Join(home, "Library", "Application Support"), err
	}
	if dir := env.get("XDG_CONFIG_HOME"); filepath.IsAbs(dir) {
		return dir, nil
	}
	home, err := homeDir(env, EnvConfig)
	return filepath.Join(home, ".config"), err
}

// StateDir is where drafts, journals, logs and host keys live:
// $LOYALTYDESK_STATE_DIR, else $XDG_STATE_HOME/loyaltydesk, else
// ~/.local/state/loyaltydesk (%LocalAppData%\loyaltydesk on Windows).
// It does not create the directory; EnsureStateDir does.
func StateDir() (string, error) {
	return stateDir(os.LookupEnv, runtime.GOOS)
}

// EnsureStateDir returns StateDir, created with mode 0700 if missing.
func EnsureStateDir() (string, error) {
	dir, err := StateDir()
	if err != nil {
		return "", err
	}
	return dir, os.MkdirAll(dir, 0o700)
}

func stateDir(env LookupEnv, goos string) (string, error) {
	if dir := env.get(EnvStateDir); dir != "" {
		return expandHome(dir, env), nil
	}
	if goos == "windows" {
		if dir := env.get("LocalAppData"); dir != "" {
			return filepath.Join(dir, appDir), nil
		}
		return "", errors.New("%LocalAppData% is not set: set " + EnvStateDir)
	}
	if dir := env.get("XDG_STATE_HOME"); filepath.IsAbs(dir) {
		return filepath.Join(dir, appDir), nil
	}
	home, err := homeDir(env, EnvStateDir)
	return filepath.Join(home, ".local", "state", appDir), err
}

func homeDir(env LookupEnv, override string) (string, error) {
	if home := env.get("HOME"); home != "" {
		return home, nil
	}
	if home := env.get("USERPROFILE"); home != "" {
		return home, nil
	}
	return "", errors.New("cannot find the home directory: set HOME, or set " + override)
}

// expandHome turns a leading ~/ into the home directory, for paths given as
// --config=~/x where the shell does not expand it.
func expandHome(path string, env LookupEnv) string {
	rest, ok := strings.CutPrefix(path, "~"+string(filepath.Separator))
	if !ok && path != "~" {
		return path
	}
	home, err := homeDir(env, "")
	if err != nil {
		return path
	}
	return filepath.Join(home, rest)
}
