package sshserver

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"testing"

	"github.com/stretchr/testify/require"
	gossh "golang.org/x/crypto/ssh"
)

// skKeyLine is the authorized-keys text of a FIDO security key
// (sk-ssh-ed25519@openssh.com), built from its wire form.
func skKeyLine(t *testing.T) string {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	wire := gossh.Marshal(struct {
		Name        string
		Key         []byte
		Application string
	}{"sk-ssh-ed25519@openssh.com", pub, "ssh:"})
	_, err = gossh.ParsePublicKey(wire)
	require.NoError(t, err)
	return "sk-ssh-ed25519@openssh.com " + base64.StdEncoding.EncodeToString(wire)
}

// verify-required cannot be checked by the SSH library (it never shows the
// signature's user-verified flag), so a line asking for it is refused at
// start-up, saying why, rather than letting the key in without the check.
func TestVerifyRequiredIsRefusedAtStartUp(t *testing.T) {
	for name, line := range map[string]string{"security key": skKeyLine(t), "plain key": func() string { _, l := keyLine(t); return l }()} {
		_, err := parse("verify-required,profile=\"north\" " + line + " alice\n")
		require.Error(t, err, name)
		require.ErrorContains(t, err, "keys:1:")
		require.ErrorContains(t, err, "verify-required")
		require.ErrorContains(t, err, "cannot check")
	}
	// The same security key without the option is accepted (touch is
	// still required: the library checks the user-presence flag).
	ak, err := parse("profile=\"north\" " + skKeyLine(t) + " alice\n")
	require.NoError(t, err)
	require.Len(t, ak.Keys(), 1)
}
