package sshserver

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	gossh "golang.org/x/crypto/ssh"

	"loyaltydesk/sshserver/sshtest"
)

func keyLine(t *testing.T) (gossh.Signer, string) {
	t.Helper()
	s, line, err := sshtest.NewKey()
	require.NoError(t, err)
	return s, line
}

func parse(text string) (*AuthorizedKeys, error) {
	return ParseAuthorizedKeys("keys", strings.NewReader(text))
}

func TestProfileFromOptionOrComment(t *testing.T) {
	a, aLine := keyLine(t)
	b, bLine := keyLine(t)
	c, cLine := keyLine(t)
	d, dLine := keyLine(t)
	ak, err := parse(strings.Join([]string{
		"# back office",
		"",
		`profile="store-north" ` + aLine + " alice@laptop",
		bLine + " bob@desk profile=store-south",
		`restrict,pty,profile="store-east" ` + cLine + " carol profile=store-east",
		dLine + " dave, no profile",
	}, "\n"))
	require.NoError(t, err)
	for _, tc := range []struct {
		key     gossh.Signer
		profile string
		line    int
	}{{a, "store-north", 3}, {b, "store-south", 4}, {c, "store-east", 5}, {d, "", 6}} {
		got, ok := ak.Lookup(tc.key.PublicKey())
		require.True(t, ok)
		require.Equal(t, tc.profile, got.Profile)
		require.Equal(t, tc.line, got.Line)
		require.Equal(t, gossh.FingerprintSHA256(tc.key.PublicKey()), got.Fingerprint)
	}
	require.Equal(t, []string{"", "store-east", "store-north", "store-south"}, ak.Profiles())
	require.Len(t, ak.Keys(), 4)
}

func TestUnknownKeyIsNotFound(t *testing.T) {
	_, line := keyLine(t)
	other, _ := keyLine(t)
	ak, err := parse(line + " profile=x")
	require.NoError(t, err)
	_, ok := ak.Lookup(other.PublicKey())
	require.False(t, ok)
	_, ok = ak.Lookup(nil)
	require.False(t, ok)
}

func TestBadLinesAreRefusedWithTheirLineNumber(t *testing.T) {
	_, line := keyLine(t)
	_, line2 := keyLine(t)
	for name, tc := range map[string]struct{ text, want string }{
		"garbage":           {"# ok\nnot a key at all", "keys:2: not a public key line"},
		"option vs comment": {`profile="a" ` + line + " profile=b", `keys:1: the option names profile "a" but the comment names "b"`},
		"two comments":      {line + " profile=a profile=b", "two profiles"},
		"empty profile":     {`profile="" ` + line, "empty profile name"},
		"no-pty":            {`no-pty,profile="a" ` + line, "no-pty forbids a terminal"},
		"command":           {`command="/bin/sh",profile="a" ` + line, `option "command" is not supported`},
		"from":              {`from="10.0.0.1",profile="a" ` + line, `option "from" is not supported`},
		"same key twice":    {line + " profile=a\n" + line + " profile=b", `keys:2: key SHA256:`},
		"no keys":           {"# nobody yet\n\n", "holds no keys"},
		"control chars":     {line + " profile=a\x01b", "control characters"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := parse(tc.text)
			require.ErrorContains(t, err, tc.want)
		})
	}
	_, err := parse(line + " profile=a\n" + line + " profile=a\n" + line2 + " profile=b")
	require.NoError(t, err, "the same key twice for the same profile is harmless")
}

func TestCheckProfilesListsEveryProblem(t *testing.T) {
	_, a := keyLine(t)
	_, b := keyLine(t)
	_, c := keyLine(t)
	ak, err := parse(a + " profile=north\n" + b + " profile=nowhere\n" + c + " carol")
	require.NoError(t, err)
	err = ak.CheckProfiles(func(name string) error {
		if name == "north" {
			return nil
		}
		return errors.New(`unknown profile "` + name + `"`)
	})
	require.ErrorContains(t, err, `keys:2: unknown profile "nowhere"`)
	require.ErrorContains(t, err, "keys:3: the key names no profile")
	require.NotContains(t, err.Error(), "keys:1")
}

func TestLoadAuthorizedKeys(t *testing.T) {
	dir := t.TempDir()
	_, line := keyLine(t)
	path := filepath.Join(dir, "authorized_keys")

	_, err := LoadAuthorizedKeys(path)
	require.ErrorContains(t, err, "no authorized keys at "+path)

	require.NoError(t, os.WriteFile(path, []byte(line+" profile=north\n"), 0o600))
	ak, err := LoadAuthorizedKeys(path)
	require.NoError(t, err)
	require.Equal(t, path, ak.Source())

	if runtime.GOOS == "windows" {
		return
	}
	require.NoError(t, os.Chmod(path, 0o666))
	_, err = LoadAuthorizedKeys(path)
	require.ErrorContains(t, err, "can be changed by other users")
}
