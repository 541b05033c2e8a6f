package sshserver

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"unicode"

	gossh "golang.org/x/crypto/ssh"
)

// AuthorizedKey is one key of the authorized-keys file and the profile its
// holder may use.
type AuthorizedKey struct {
	Key         gossh.PublicKey
	Profile     string // "" when the line names none (allowed only in demo mode)
	Comment     string
	Line        int
	Fingerprint string // SHA256:…, safe to log
}

// AuthorizedKeys is the parsed authorized-keys file: who may connect, and
// as which profile.
type AuthorizedKeys struct {
	source string
	byKey  map[string]AuthorizedKey
	list   []AuthorizedKey
}

// acceptedOptions are the authorized-keys options that only take away what
// the server never offers (forwarding, rc files) or ask for more checks.
// Any other option would change who may log in or what runs, so it is
// refused rather than silently ignored.
var acceptedOptions = map[string]bool{
	"restrict":            true,
	"pty":                 true,
	"no-agent-forwarding": true,
	"no-port-forwarding":  true,
	"no-x11-forwarding":   true,
	"no-user-rc":          true,
}

// LoadAuthorizedKeys reads an authorized-keys file in OpenSSH format. Each
// key names its profile with the option profile="NAME" or the comment word
// profile=NAME. A file that others may write is refused, as sshd does.
func LoadAuthorizedKeys(path string) (*AuthorizedKeys, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("no authorized keys at %s: create it with one line per staff key, "+
			"such as `ssh-ed25519 AAAA… alice profile=store-north`", path)
	}
	if err != nil {
		return nil, fmt.Errorf("reading the authorized keys: %w", err)
	}
	defer f.Close()
	if err := checkNotWritableByOthers(f, path); err != nil {
		return nil, err
	}
	return ParseAuthorizedKeys(path, f)
}

func checkNotWritableByOthers(f *os.File, path string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("reading the authorized keys: %w", err)
	}
	if info.Mode().Perm()&0o022 != 0 {
		return fmt.Errorf("%s can be changed by other users (mode %04o), so anyone could add a key: run `chmod 600 %s`",
			path, info.Mode().Perm(), path)
	}
	return nil
}

// ParseAuthorizedKeys parses an authorized-keys file; name is used in error
// messages. Blank lines and # comments are skipped. A key listed twice with
// different profiles is an error, as is a file without keys.
func ParseAuthorizedKeys(name string, r io.Reader) (*AuthorizedKeys, error) {
	ak := &AuthorizedKeys{source: name, byKey: map[string]AuthorizedKey{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		k, err := parseKeyLine(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		k.Line = n
		if err := ak.add(k); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if len(ak.list) == 0 {
		return nil, fmt.Errorf("%s holds no keys, so nobody could log in", name)
	}
	return ak, nil
}

func (ak *AuthorizedKeys) add(k AuthorizedKey) error {
	id := string(k.Key.Marshal())
	if prev, ok := ak.byKey[id]; ok {
		if prev.Profile != k.Profile {
			return fmt.Errorf("key %s is already listed on line %d for profile %q; one key may use one profile",
				k.Fingerprint, prev.Line, prev.Profile)
		}
		return nil
	}
	ak.byKey[id] = k
	ak.list = append(ak.list, k)
	return nil
}

func parseKeyLine(line []byte) (AuthorizedKey, error) {
	key, comment, options, _, err := gossh.ParseAuthorizedKey(line)
	if err != nil {
		return AuthorizedKey{}, errors.New("not a public key line in OpenSSH format (type, base64 key, comment)")
	}
	if _, isCert := key.(*gossh.Certificate); isCert {
		return AuthorizedKey{}, errors.New("certificates are not supported; list the plain public key")
	}
	fromOption, err := profileFromOptions(options)
	if err != nil {
		return AuthorizedKey{}, err
	}
	fromComment, err := profileFromComment(comment)
	if err != nil {
		return AuthorizedKey{}, err
	}
	profile := fromOption
	switch {
	case fromOption != "" && fromComment != "" && fromOption != fromComment:
		return AuthorizedKey{}, fmt.Errorf("the option names profile %q but the comment names %q", fromOption, fromComment)
	case profile == "":
		profile = fromComment
	}
	return AuthorizedKey{Key: key, Profile: profile, Comment: comment, Fingerprint: gossh.FingerprintSHA256(key)}, nil
}

func profileFromOptions(options []string) (string, error) {
	profile := ""
	for _, opt := range options {
		name, value, hasValue := strings.Cut(opt, "=")
		lname := strings.ToLower(name)
		if lname != "profile" {
			if err := checkOption(lname); err != nil {
				return "", err
			}
			continue
		}
		if !hasValue {
			return "", errors.New(`the profile option needs a name: profile="store-north"`)
		}
		v, err := unquoteOption(value)
		if err != nil {
			return "", err
		}
		if profile != "" && v != profile {
			return "", fmt.Errorf("two profile options (%q and %q)", profile, v)
		}
		if err := checkProfileName(v); err != nil {
			return "", err
		}
		profile = v
	}
	return profile, nil
}

func checkOption(name string) error {
	switch name {
	case "no-pty":
		return errors.New("the option no-pty forbids a terminal, and the app needs one; remove it")
	case "verify-required":
		// x/crypto/ssh checks a security key's user-presence (touch) flag
		// but never shows the user-verified flag, so the option cannot be
		// enforced; accepting it would let the key in without the check.
		return errors.New("the option verify-required asks that a security key prove the user was verified " +
			"(PIN or fingerprint), and this server cannot check that; remove the option to accept the key " +
			"with touch only, or let this person log in another way")
	}
	if acceptedOptions[name] {
		return nil
	}
	return fmt.Errorf("the option %q is not supported here; loyaltydesk serve knows only profile=\"NAME\" "+
		"and options that restrict (restrict, no-port-forwarding…)", name)
}

// unquoteOption reads an OpenSSH option value: "quoted, with \" inside" or
// a bare word.
func unquoteOption(v string) (string, error) {
	if !strings.HasPrefix(v, `"`) {
		return v, nil
	}
	if len(v) < 2 || !strings.HasSuffix(v, `"`) {
		return "", errors.New("an option value has an unclosed quote")
	}
	return strings.ReplaceAll(v[1:len(v)-1], `\"`, `"`), nil
}

func profileFromComment(comment string) (string, error) {
	profile := ""
	for _, word := range strings.Fields(comment) {
		v, ok := strings.CutPrefix(word, "profile=")
		if !ok {
			continue
		}
		v = strings.Trim(v, `"`)
		if profile != "" && v != profile {
			return "", fmt.Errorf("the comment names two profiles (%q and %q)", profile, v)
		}
		if err := checkProfileName(v); err != nil {
			return "", err
		}
		profile = v
	}
	return profile, nil
}

func checkProfileName(name string) error {
	if strings.TrimSpace(name) == "" {
		return errors.New("empty profile name")
	}
	if strings.IndexFunc(name, unicode.IsControl) >= 0 {
		return fmt.Errorf("profile name %s holds control characters", strconv.Quote(name))
	}
	return nil
}

// Lookup returns the entry of a key, if the key is listed.
func (ak *AuthorizedKeys) Lookup(key gossh.PublicKey) (AuthorizedKey, bool) {
	if key == nil {
		return AuthorizedKey{}, false
	}
	k, ok := ak.byKey[string(key.Marshal())]
	return k, ok
}

// Keys returns the entries in file order.
func (ak *AuthorizedKeys) Keys() []AuthorizedKey {
	return append([]AuthorizedKey(nil), ak.list...)
}

// Source is the file (or name) the keys were read from.
func (ak *AuthorizedKeys) Source() string { return ak.source }

// Profiles returns the distinct profile names the keys use, sorted; a key
// without one adds "".
func (ak *AuthorizedKeys) Profiles() []string {
	seen := map[string]bool{}
	for _, k := range ak.list {
		seen[k.Profile] = true
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// CheckProfiles reports every key whose profile is missing or unknown to
// known (a lookup in the configuration). All problems are listed at once.
func (ak *AuthorizedKeys) CheckProfiles(known func(name string) error) error {
	var problems []string
	for _, k := range ak.list {
		switch {
		case k.Profile == "":
			problems = append(problems, fmt.Sprintf("%s:%d: the key names no profile: add profile=\"NAME\" as an option or profile=NAME to the comment",
				ak.source, k.Line))
		default:
			if err := known(k.Profile); err != nil {
				problems = append(problems, fmt.Sprintf("%s:%d: %v", ak.source, k.Line, err))
			}
		}
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "\n"))
	}
	return nil
}
