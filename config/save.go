package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"

	"github.com/BurntSushi/toml"

	"loyaltydesk/internal/safefile"
)

// Save writes cfg to path atomically (a temporary file renamed over the
// old one), with mode 0600, creating missing directories with mode 0700.
// Comments and unknown keys of an existing file are not kept; to change
// only a token use SetProfileToken.
func Save(path string, cfg *Config) error {
	f, err := toFile(cfg)
	if err != nil {
		return fmt.Errorf("saving the configuration: %w", err)
	}
	data, err := encode(f)
	if err != nil {
		return err
	}
	return writeFileAtomic(path, data)
}

// SetProfileToken replaces one profile's password (after a password change
// returned a new API token) and leaves the rest of the file as it was,
// comments included. Should the file be laid out in a way the in-place edit
// does not handle, it is rewritten with every key kept but without comments.
func SetProfileToken(path, profile string, token Secret) error {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &noConfigError{path: path}
	}
	if err != nil {
		return fmt.Errorf("reading the configuration: %w", err)
	}
	want, err := withPassword(path, data, profile, token)
	if err != nil {
		return err
	}
	table := []string{"profiles", profile}
	if edited, ok := setTableKey(string(data), table, "password", tomlString(token.Reveal())); ok && decodesTo(edited, want) {
		return writeFileAtomic(path, []byte(edited))
	}
	data, err = encode(want)
	if err != nil {
		return err
	}
	return writeFileAtomic(path, data)
}

func encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := toml.NewEncoder(&buf)
	enc.Indent = ""
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("saving the configuration: %w", err)
	}
	return buf.Bytes(), nil
}

// withPassword decodes the whole file, every key kept, and sets the
// profile's password in that tree.
func withPassword(path string, data []byte, profile string, token Secret) (map[string]any, error) {
	var tree map[string]any
	if _, err := toml.Decode(string(data), &tree); err != nil {
		return nil, syntaxError(path, data, err)
	}
	profiles, _ := tree["profiles"].(map[string]any)
	p, ok := profiles[profile].(map[string]any)
	if !ok {
		return nil, unknownProfileError(path, profile, "", sortedKeys(profiles))
	}
	p["password"] = token.Reveal()
	return tree, nil
}

func decodesTo(text string, want map[string]any) bool {
	var got map[string]any
	_, err := toml.Decode(text, &got)
	return err == nil && reflect.DeepEqual(got, want)
}

func writeFileAtomic(path string, data []byte) error {
	if target, err := filepath.EvalSymlinks(path); err == nil {
		path = target // replace the file a link points to, not the link
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("saving the configuration: %w", err)
	}
	if err := safefile.WriteFile(path, data); err != nil {
		return fmt.Errorf("saving the configuration: %w", err)
	}
	return nil
}
