package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// writeConfig writes content to a config.toml in a fresh directory with
// the given mode and returns its path.
func writeConfig(t *testing.T, content string, mode os.FileMode) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.toml")
	require.NoError(t, os.WriteFile(path, []byte(content), mode))
	require.NoError(t, os.Chmod(path, mode)) // WriteFile's mode is subject to umask
	return path
}

func loadFile(t *testing.T, path string, flags *Flags, env ...string) (*Config, Profile, []Warning, error) {
	t.Helper()
	if flags == nil {
		flags = &Flags{}
	}
	flags.ConfigPath = path
	return Load(LoadOptions{Flags: flags, LookupEnv: envOf(env...)})
}

func warningsText(ws []Warning) string {
	var b strings.Builder
	for _, w := range ws {
		b.WriteString(w.String() + "\n")
	}
	return b.String()
}
