package config

import (
	"cmp"
	"fmt"
	"strings"
)

// EnvProfileName names the profile made from the environment alone.
const EnvProfileName = "environment"

// envOnly builds the configuration of a station that has no file: a till
// image or a container set up with LOYALTYDESK_USER_ID, LOYALTYDESK_PASSWORD
// and LOYALTYDESK_ACCOUNT_ID (LOYALTYDESK_URL optional), or with the flags
// and LOYALTYDESK_PASSWORD. ok is false when the environment gives no
// credentials at all, so the missing file is the error to report.
func envOnly(path string, flags *Flags, env LookupEnv) (cfg *Config, ok bool, err error) {
	given := map[string]bool{
		EnvUserID:    flags.UserID != "" || env.get(EnvUserID) != "",
		EnvPassword:  env.get(EnvPassword) != "",
		EnvAccountID: flags.AccountID != "" || env.get(EnvAccountID) != "",
	}
	var lacking []string
	for _, name := range []string{EnvUserID, EnvPassword, EnvAccountID} {
		if !given[name] {
			lacking = append(lacking, name)
		}
	}
	switch len(lacking) {
	case len(given):
		return nil, false, nil
	case 0:
		name := cmp.Or(flags.Profile, env.get(EnvProfile), EnvProfileName)
		return &Config{Profiles: map[string]Profile{name: {Name: name}}, DefaultProfile: name}, true, nil
	}
	return nil, true, fmt.Errorf("there is no configuration file (%s) and the environment gives only part of a profile: set %s too, or run `loyaltydesk setup`",
		path, strings.Join(lacking, " and "))
}

// where names the configuration's source in messages.
func (c *Config) where() string {
	if c.Path == "" {
		return "the environment"
	}
	return c.Path
}
