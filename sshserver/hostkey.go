package sshserver

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	gossh "golang.org/x/crypto/ssh"
)

// HostKeyFileName is the host key's name inside the state dir.
const HostKeyFileName = "ssh_host_ed25519_key"

// LoadHostKey reads a host private key in OpenSSH (or PEM) format. The file
// must not be readable by others, as sshd insists.
func LoadHostKey(path string) (gossh.Signer, error) {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no host key at %s: create one with `ssh-keygen -t ed25519 -N '' -f %s`, "+
			"or leave out --host-key to use one kept in the state dir", path, path)
	}
	if err != nil {
		return nil, fmt.Errorf("reading the host key: %w", err)
	}
	if runtime.GOOS != "windows" && info.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("host key %s can be read by other users (mode %04o): run `chmod 600 %s`",
			path, info.Mode().Perm(), path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the host key: %w", err)
	}
	signer, err := gossh.ParsePrivateKey(data)
	var missing *gossh.PassphraseMissingError
	switch {
	case errors.As(err, &missing):
		return nil, fmt.Errorf("host key %s is protected by a passphrase; the server needs one without", path)
	case err != nil:
		return nil, fmt.Errorf("host key %s is not a private key the server can read", path)
	}
	return signer, nil
}

// LoadOrCreateHostKey returns the host key kept in dir, creating an ed25519
// key (mode 0600) on first use.
func LoadOrCreateHostKey(dir string) (gossh.Signer, error) {
	path := filepath.Join(dir, HostKeyFileName)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if err := createHostKey(path); err != nil {
			return nil, err
		}
	}
	return LoadHostKey(path)
}

func createHostKey(path string) error {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return fmt.Errorf("creating the host key: %w", err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "loyaltydesk host key")
	if err != nil {
		return fmt.Errorf("creating the host key: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("creating the host key: %w", err)
	}
	// O_EXCL: two servers starting at once must not overwrite each other's key.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("creating the host key: %w", err)
	}
	if err := writePEM(f, block); err != nil {
		_ = os.Remove(path)
		return fmt.Errorf("creating the host key: %w", err)
	}
	return nil
}

func writePEM(f *os.File, block *pem.Block) error {
	if err := pem.Encode(f, block); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}
