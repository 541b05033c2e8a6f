package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// AddProfile writes profile p into the file at path (mode 0600), as
// `loyaltydesk setup` does. A missing file is created with p as its
// default profile. To an existing file the new profile's table is added at
// the end, so its comments stay; default_profile is set at the top when
// the file had none. A profile of the same name is replaced (the file is
// then rewritten without comments).
func AddProfile(path string, p Profile) error {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Save(path, &Config{DefaultProfile: p.Name, Profiles: map[string]Profile{p.Name: p}})
	}
	if err != nil {
		return fmt.Errorf("reading the configuration: %w", err)
	}
	cfg, _, err := decode(path, data)
	if err != nil {
		return err
	}
	if _, exists := cfg.Profiles[p.Name]; exists {
		cfg.Profiles[p.Name] = p
		return Save(path, cfg)
	}
	table, err := encode(fileConfig{Profiles: map[string]fileProfile{p.Name: fromProfile(p)}})
	if err != nil {
		return err
	}
	text := strings.TrimRight(string(data), "\n") + "\n\n" + string(table)
	if cfg.DefaultProfile == "" {
		text = "default_profile = " + tomlString(p.Name) + "\n" + text
	}
	return writeFileAtomic(path, []byte(text))
}
