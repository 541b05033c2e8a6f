package sshserver

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestHostKeyIsCreatedOnceAndKeptPrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	first, err := LoadOrCreateHostKey(dir)
	require.NoError(t, err)
	require.Equal(t, "ssh-ed25519", first.PublicKey().Type())

	again, err := LoadOrCreateHostKey(dir)
	require.NoError(t, err)
	require.True(t, bytes.Equal(first.PublicKey().Marshal(), again.PublicKey().Marshal()),
		"a restart keeps the host key, so clients do not see a changed host")
	if runtime.GOOS != "windows" {
		info, err := os.Stat(filepath.Join(dir, HostKeyFileName))
		require.NoError(t, err)
		require.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	}
}

func TestHostKeyProblemsAreExplained(t *testing.T) {
	dir := t.TempDir()
	_, err := LoadHostKey(filepath.Join(dir, "missing"))
	require.ErrorContains(t, err, "ssh-keygen -t ed25519")

	junk := filepath.Join(dir, "junk")
	require.NoError(t, os.WriteFile(junk, []byte("not a key"), 0o600))
	_, err = LoadHostKey(junk)
	require.ErrorContains(t, err, "is not a private key")

	if runtime.GOOS == "windows" {
		return
	}
	_, err = LoadOrCreateHostKey(dir)
	require.NoError(t, err)
	path := filepath.Join(dir, HostKeyFileName)
	require.NoError(t, os.Chmod(path, 0o644))
	_, err = LoadHostKey(path)
	require.ErrorContains(t, err, "can be read by other users")
}
