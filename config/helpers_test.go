package config

import (
	"os"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"
)

// testPassword and testToken are searched for in every output that must
// not show them.
const (
	testPassword = "pw-9f3c-SECRET-1959caad"
	testToken    = "tok-77aa-SECRET-imonggo"
)

// envOf returns a LookupEnv over the given key/value pairs only.
func envOf(kv ...string) LookupEnv {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) (string, bool) {
		v, ok := m[k]
		return v, ok
	}
}

func requireNoSecret(t *testing.T, s string) {
	t.Helper()
	for _, secret := range []string{testPassword, testToken, "SECRET"} {
		require.NotContains(t, s, secret)
	}
}

func requireMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	if runtime.GOOS == "windows" {
		return
	}
	info, err := os.Stat(path)
	require.NoError(t, err)
	require.Equal(t, want, info.Mode().Perm(), "mode of %s", path)
}
