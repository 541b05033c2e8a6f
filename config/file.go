package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// Config is the configuration file's content: profiles, the default
// profile's name and key-binding overrides. Profiles hold only what the
// file says; defaults, environment and flags are applied by Load and
// Config.Profile.
type Config struct {
	// Path is the file the config was read from.
	Path           string
	DefaultProfile string
	Profiles       map[string]Profile
	// Keys maps binding names to keys; the keymap package checks them.
	Keys map[string][]string
}

// ProfileNames returns the profile names, sorted.
func (c *Config) ProfileNames() []string {
	return sortedKeys(c.Profiles)
}

// ErrNoConfig is matched (errors.Is) by the error for a missing file.
var ErrNoConfig = errors.New("no configuration file")

// ErrNoProfile is matched (errors.Is) by the error for a file without any
// profile: set-up is what it needs, as for a missing file.
var ErrNoProfile = errors.New("no profile")

type noProfileError struct{ path string }

func (e noProfileError) Error() string {
	return e.path + " has no profiles: run `loyaltydesk setup`, or add a [profiles.NAME] table with user_id, password and account_id (see README)"
}

func (e noProfileError) Is(target error) bool { return target == ErrNoProfile }

type noConfigError struct{ path string }

func (e *noConfigError) Error() string {
	return fmt.Sprintf("no configuration at %s: run `loyaltydesk setup` to create it, `loyaltydesk demo` to try the app, "+
		"or set %s, %s and %s (see README)", e.path, EnvUserID, EnvPassword, EnvAccountID)
}

func (e *noConfigError) Is(target error) bool {
	return target == ErrNoConfig || target == fs.ErrNotExist
}

// SyntaxError is a configuration file that is not valid TOML, or holds a
// value of the wrong type.
type SyntaxError struct {
	Path   string
	Line   int
	Column int // 0 when unknown
	Msg    string
}

func (e *SyntaxError) Error() string {
	if e.Column > 0 {
		return fmt.Sprintf("%s: line %d, column %d: %s", e.Path, e.Line, e.Column, e.Msg)
	}
	if e.Line > 0 {
		return fmt.Sprintf("%s: line %d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// Warning is something wrong that does not stop the app: an unknown key, a
// file others can read.
type Warning struct {
	Path string
	Key  string // the TOML key concerned, if any
	Msg  string
}

func (w Warning) String() string { return w.Path + ": " + w.Msg }

// Read reads and decodes the file at path. It returns warnings for unknown
// keys and for a file holding a password that others can read.
func Read(path string) (*Config, []Warning, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, &noConfigError{path: path}
	}
	if err != nil {
		return nil, nil, fmt.Errorf("reading the configuration: %w", err)
	}
	cfg, warnings, err := decode(path, data)
	if err != nil {
		return nil, nil, err
	}
	if w, ok := permissionWarning(path, cfg); ok {
		warnings = append(warnings, w)
	}
	return cfg, warnings, nil
}

func decode(path string, data []byte) (*Config, []Warning, error) {
	var f fileConfig
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		return nil, nil, syntaxError(path, data, err)
	}
	var warnings []Warning
	for _, key := range topUnknownKeys(md.Undecoded()) {
		warnings = append(warnings, unknownKeyWarning(path, key))
	}
	cfg := f.toConfig()
	cfg.Path = path
	return cfg, warnings, nil
}

// topUnknownKeys drops the keys inside an unknown table already listed.
func topUnknownKeys(keys []toml.Key) []toml.Key {
	var top []toml.Key
	for _, k := range keys {
		if len(top) > 0 && isUnder(k, top[len(top)-1]) {
			continue
		}
		top = append(top, k)
	}
	return top
}

func isUnder(key, parent toml.Key) bool {
	return len(key) > len(parent) && slices.Equal(key[:len(parent)], parent)
}

func unknownKeyWarning(path string, key toml.Key) Warning {
	msg := fmt.Sprintf("unknown key %s is ignored", key)
	if s := suggestKey(key); s != "" {
		msg += fmt.Sprintf(" (did you mean %s?)", s)
	}
	return Warning{Path: path, Key: key.String(), Msg: msg}
}

// permissionWarning flags a file holding a secret that group or others can
// read. Windows has no such mode bits.
func permissionWarning(path string, cfg *Config) (Warning, bool) {
	if runtime.GOOS == "windows" || !cfg.hasSecret() {
		return Warning{}, false
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm()&0o077 == 0 {
		return Warning{}, false
	}
	return Warning{Path: path, Msg: fmt.Sprintf(
		"holds a password but other users can read it (mode %04o): run `chmod 600 %s`",
		info.Mode().Perm(), shellQuote(path))}, true
}

func (c *Config) hasSecret() bool {
	for _, p := range c.Profiles {
		if p.hasSecret() {
			return true
		}
	}
	return false
}

// shellQuote quotes a path for a command the user may paste.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, needsQuote) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func needsQuote(r rune) bool {
	return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-+:@,~", r))
}

// fileConfig is the file's shape. Secrets are plain strings here: this type
// never leaves the package.
type fileConfig struct {
	DefaultProfile string                 `toml:"default_profile,omitempty"`
	Profiles       map[string]fileProfile `toml:"profiles,omitempty"`
	Keys           map[string]keyList     `toml:"keys,omitempty"`
}

type fileProfile struct {
	URL             string       `toml:"url,omitempty"`
	UserID          string       `toml:"user_id,omitempty"`
	Password        string       `toml:"password,omitempty"`
	AccountID       string       `toml:"account_id,omitempty"`
	Format          string       `toml:"format,omitempty"`
	Timeout         duration     `toml:"timeout,omitzero"`
	StoreName       string       `toml:"store_name,omitempty"`
	RefreshInterval duration     `toml:"refresh_interval,omitzero"`
	ImportChunkSize int          `toml:"import_chunk_size,omitzero"`
	NoColor         bool         `toml:"no_color,omitempty"`
	Imonggo         *fileImonggo `toml:"imonggo,omitempty"`
	Till            *fileTill    `toml:"till,omitempty"`
}

type fileTill struct {
	Name            string `toml:"name,omitempty"`
	DefaultCampaign string `toml:"default_campaign,omitempty"`
}

type fileImonggo struct {
	Account string `toml:"account,omitempty"`
	Token   string `toml:"token,omitempty"`
	BaseURL string `toml:"base_url,omitempty"`
}

func (f fileConfig) toConfig() *Config {
	cfg := &Config{DefaultProfile: f.DefaultProfile, Profiles: map[string]Profile{}}
	for name, fp := range f.Profiles {
		cfg.Profiles[name] = fp.toProfile(name)
	}
	if len(f.Keys) > 0 {
		cfg.Keys = make(map[string][]string, len(f.Keys))
		for name, keys := range f.Keys {
			cfg.Keys[name] = keys
		}
	}
	return cfg
}

func (fp fileProfile) toProfile(name string) Profile {
	p := Profile{
		Name: name, URL: fp.URL, UserID: fp.UserID, Password: Secret(fp.Password),
		AccountID: fp.AccountID, Format: Format(fp.Format), Timeout: time.Duration(fp.Timeout),
		StoreName: fp.StoreName, RefreshInterval: time.Duration(fp.RefreshInterval),
		ImportChunkSize: fp.ImportChunkSize, NoColor: fp.NoColor,
	}
	if fp.Imonggo != nil {
		p.Imonggo = Imonggo{Account: fp.Imonggo.Account, Token: Secret(fp.Imonggo.Token), BaseURL: fp.Imonggo.BaseURL}
	}
	if fp.Till != nil {
		p.Till = Till{Name: strings.TrimSpace(fp.Till.Name), DefaultCampaign: strings.TrimSpace(fp.Till.DefaultCampaign)}
	}
	return p
}

func toFile(c *Config) (fileConfig, error) {
	f := fileConfig{DefaultProfile: c.DefaultProfile, Profiles: map[string]fileProfile{}}
	for name, p := range c.Profiles {
		if strings.TrimSpace(name) == "" {
			return fileConfig{}, errors.New("a profile has an empty name")
		}
		f.Profiles[name] = fromProfile(p)
	}
	if len(c.Keys) > 0 {
		f.Keys = make(map[string]keyList, len(c.Keys))
		for name, keys := range c.Keys {
			f.Keys[name] = keys
		}
	}
	return f, nil
}

func fromProfile(p Profile) fileProfile {
	fp := fileProfile{
		URL: p.URL, UserID: p.UserID, Password: p.Password.Reveal(), AccountID: p.AccountID,
		Format: string(p.Format), Timeout: duration(p.Timeout), StoreName: p.StoreName,
		RefreshInterval: duration(p.RefreshInterval), ImportChunkSize: p.ImportChunkSize, NoColor: p.NoColor,
	}
	if p.Imonggo.IsSet() {
		fp.Imonggo = &fileImonggo{Account: p.Imonggo.Account, Token: p.Imonggo.Token.Reveal(), BaseURL: p.Imonggo.BaseURL}
	}
	if p.Till != (Till{}) {
		fp.Till = &fileTill{Name: p.Till.Name, DefaultCampaign: p.Till.DefaultCampaign}
	}
	return fp
}
