package config

import (
	"errors"
	"flag"
	"fmt"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// Flags are the command-line settings; they win over the environment and
// the file. There is deliberately no password flag: command lines are
// visible to other users (ps).
type Flags struct {
	ConfigPath string
	Profile    string
	URL        string
	UserID     string
	AccountID  string
	LogPath    string
	NoColor    bool
}

// RegisterFlags defines --config, --profile, --url, --user-id,
// --account-id, --log and --no-color on fs.
func RegisterFlags(fs *flag.FlagSet) *Flags {
	f := &Flags{}
	fs.StringVar(&f.ConfigPath, "config", "", "configuration `file` (default ~/.config/loyaltydesk/config.toml; env "+EnvConfig+")")
	fs.StringVar(&f.Profile, "profile", "", "profile `name` to use (env "+EnvProfile+")")
	fs.StringVar(&f.URL, "url", "", "API `URL` (env "+EnvURL+")")
	fs.StringVar(&f.UserID, "user-id", "", "API user `id` (env "+EnvUserID+"; the password comes from the file or "+EnvPassword+")")
	fs.StringVar(&f.AccountID, "account-id", "", "merchant `account` id (env "+EnvAccountID+")")
	fs.StringVar(&f.LogPath, "log", "", "log `file` (default "+LogFileName+" in the state dir)")
	fs.BoolVar(&f.NoColor, "no-color", false, "no colours (env "+EnvNoColor+")")
	return f
}

// LoadOptions say where Load looks. Both fields may be zero.
type LoadOptions struct {
	Flags *Flags
	// LookupEnv reads the environment; nil means os.LookupEnv.
	LookupEnv LookupEnv
}

// Load reads the configuration file and returns it with the chosen profile
// (file < environment < flags, defaults filled in, checked) and warnings
// worth showing. On a profile error the Config is still returned, so a
// caller can offer the known profiles.
func Load(opts LoadOptions) (*Config, Profile, []Warning, error) {
	flags := opts.Flags
	if flags == nil {
		flags = &Flags{}
	}
	env := opts.LookupEnv
	path, err := FilePath(flags.ConfigPath, env)
	if err != nil {
		return nil, Profile{}, nil, err
	}
	cfg, warnings, err := Read(path)
	if errors.Is(err, ErrNoConfig) {
		envCfg, fromEnv, envErr := envOnly(path, flags, env)
		switch {
		case envErr != nil:
			return nil, Profile{}, nil, envErr
		case fromEnv:
			cfg, err = envCfg, nil
		}
	}
	if err != nil {
		return nil, Profile{}, nil, err
	}
	p, err := cfg.resolve(flags, env)
	if err != nil {
		return cfg, Profile{}, warnings, err
	}
	return cfg, p, append(warnings, profileWarnings(path, p)...), nil
}

// Profile returns the named profile as the file has it, with defaults
// filled in and checked; the environment and flags are not applied (for
// switching profiles inside the app).
func (c *Config) Profile(name string) (Profile, error) {
	p, ok := c.Profiles[name]
	if !ok {
		return Profile{}, unknownProfileError(c.Path, name, "", c.ProfileNames())
	}
	return c.finish(p, "")
}

func (c *Config) resolve(flags *Flags, env LookupEnv) (Profile, error) {
	name, from, err := c.chooseProfile(flags, env)
	if err != nil {
		return Profile{}, err
	}
	p, ok := c.Profiles[name]
	if !ok {
		return Profile{}, unknownProfileError(c.Path, name, from, c.ProfileNames())
	}
	var urlSource string
	p.URL, urlSource = override(p.URL, EnvURL, env.get(EnvURL), "--url", flags.URL)
	p.UserID, _ = override(p.UserID, EnvUserID, env.get(EnvUserID), "--user-id", flags.UserID)
	p.AccountID, _ = override(p.AccountID, EnvAccountID, env.get(EnvAccountID), "--account-id", flags.AccountID)
	if pw := env.get(EnvPassword); pw != "" {
		p.Password = Secret(pw)
	}
	p.NoColor = p.NoColor || env.get(EnvNoColor) != "" || flags.NoColor
	return c.finish(p, urlSource)
}

// override applies the environment's then the flag's value over the file's,
// and says which one won ("" for the file).
func override(fileValue, envName, envValue, flagName, flagValue string) (value, source string) {
	value = fileValue
	if envValue != "" {
		value, source = envValue, envName
	}
	if flagValue != "" {
		value, source = flagValue, flagName
	}
	return value, source
}

// chooseProfile picks --profile, else $LOYALTYDESK_PROFILE, else
// default_profile, else the only profile. from names the source.
func (c *Config) chooseProfile(flags *Flags, env LookupEnv) (name, from string, err error) {
	switch {
	case flags.Profile != "":
		return flags.Profile, "--profile", nil
	case env.get(EnvProfile) != "":
		return env.get(EnvProfile), EnvProfile, nil
	case c.DefaultProfile != "":
		return c.DefaultProfile, "default_profile", nil
	}
	names := c.ProfileNames()
	switch len(names) {
	case 0:
		return "", "", noProfileError{c.Path}
	case 1:
		return names[0], "", nil
	}
	return "", "", fmt.Errorf("%s has several profiles (%s) and no default_profile: add default_profile = %q, pass --profile NAME, or set %s",
		c.Path, strings.Join(names, ", "), names[0], EnvProfile)
}

// finish fills defaults and checks the profile; urlSource names where a
// URL other than the file's came from.
func (c *Config) finish(p Profile, urlSource string) (Profile, error) {
	if err := missingFields(c.where(), p); err != nil {
		return Profile{}, err
	}
	p = p.withDefaults()
	if urlSource == "" {
		urlSource = profileTable(p.Name)
	}
	if err := p.checkValues(urlSource); err != nil {
		return Profile{}, fmt.Errorf("profile %q in %s: %w", p.Name, c.where(), err)
	}
	return p, nil
}

// missingFields names each required field the profile lacks, with the
// places it could come from.
func missingFields(path string, p Profile) error {
	var errs []error
	missing := func(field, flagName, envName string) {
		where := " or set " + envName
		if flagName != "" {
			where = ", pass " + flagName + "," + where
		}
		errs = append(errs, fmt.Errorf("profile %q in %s has no %s: add %s = \"…\" under %s%s",
			p.Name, path, field, field, profileTable(p.Name), where))
	}
	if p.UserID == "" {
		missing("user_id", "--user-id", EnvUserID)
	}
	if !p.Password.IsSet() {
		missing("password", "", EnvPassword)
	}
	if p.AccountID == "" {
		missing("account_id", "--account-id", EnvAccountID)
	}
	return errors.Join(errs...)
}

func unknownProfileError(path, name, from string, known []string) error {
	if from != "" {
		from = " (from " + from + ")"
	}
	if len(known) == 0 {
		return fmt.Errorf("profile %q%s is not in %s, which has no profiles", name, from, path)
	}
	return fmt.Errorf("profile %q%s is not in %s; known profiles: %s", name, from, path, strings.Join(known, ", "))
}

func profileWarnings(path string, p Profile) []Warning {
	if p.Imonggo.IsSet() && (p.Imonggo.Account == "" && p.Imonggo.BaseURL == "" || !p.Imonggo.Token.IsSet()) {
		return []Warning{{Path: path, Key: toml.Key{"profiles", p.Name, "imonggo"}.String(), Msg: fmt.Sprintf(
			"profile %q: imonggo needs account (or base_url) and token; Imonggo import will not work until both are set", p.Name)}}
	}
	return nil
}

// profileTable is the header of a profile's table, quoted where TOML needs.
func profileTable(name string) string {
	if name != "" && strings.IndexFunc(name, func(r rune) bool { return !isBareKeyRune(r) }) < 0 {
		return "[profiles." + name + "]"
	}
	return "[profiles." + tomlString(name) + "]"
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
