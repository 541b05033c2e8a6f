// Package keymap defines every key binding of loyaltydesk, grouped per
// screen, with help text. Users override bindings by name in the config
// file's [keys] table; Apply reports unknown names and conflicts.
package keymap

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
)

// KeyMap holds every binding. Each session builds its own with Default;
// nothing here is global.
type KeyMap struct {
	Global    Global
	Lookup    Lookup
	Form      Form
	Wizard    Wizard
	Dashboard Dashboard
	Account   Account
	Menu      Menu
	Till      Till
}

// Default returns the stock bindings.
func Default() *KeyMap {
	return &KeyMap{
		Global:    defaultGlobal(),
		Lookup:    defaultLookup(),
		Form:      defaultForm(),
		Wizard:    defaultWizard(),
		Dashboard: defaultDashboard(),
		Account:   defaultAccount(),
		Menu:      defaultMenu(),
		Till:      defaultTill(),
	}
}

// scope is a set of bindings that are live at the same time: the global
// ones plus one screen's. Two bindings of one scope may not share a key.
type scope struct {
	prefix   string
	bindings map[string]*key.Binding
}

func (k *KeyMap) scopes() []scope {
	return []scope{
		{"", k.Global.named()},
		{"lookup.", k.Lookup.named()},
		{"form.", k.Form.named()},
		{"wizard.", k.Wizard.named()},
		{"dashboard.", k.Dashboard.named()},
		{"account.", k.Account.named()},
		{"menu.", k.Menu.named()},
		{"till.", k.Till.named()},
	}
}

// Names lists every binding name that the [keys] table accepts.
func (k *KeyMap) Names() []string {
	var names []string
	for _, s := range k.scopes() {
		for name := range s.bindings {
			names = append(names, s.prefix+name)
		}
	}
	sort.Strings(names)
	return names
}

// Apply sets the keys of the named bindings (the config file's [keys]
// table: name → keys) and updates their help. It refuses unknown names,
// empty key lists, and keys that end up bound twice in one scope.
func (k *KeyMap) Apply(overrides map[string][]string) error {
	all := map[string]*key.Binding{}
	for _, s := range k.scopes() {
		for name, b := range s.bindings {
			all[s.prefix+name] = b
		}
	}
	names := make([]string, 0, len(overrides))
	for name := range overrides {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		b, ok := all[name]
		if !ok {
			return fmt.Errorf("[keys] %s: no such binding (known: %s)", name, strings.Join(k.Names(), ", "))
		}
		keys := normalise(overrides[name])
		if len(keys) == 0 {
			return fmt.Errorf("[keys] %s: give at least one key", name)
		}
		b.SetKeys(keys...)
		b.SetHelp(keyLabel(keys), b.Help().Desc)
	}
	return k.conflicts()
}

func normalise(keys []string) []string {
	var out []string
	for _, s := range keys {
		s = strings.ToLower(strings.TrimSpace(s))
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// conflicts reports a key bound twice within the global bindings plus any
// one screen's bindings.
func (k *KeyMap) conflicts() error {
	scopes := k.scopes()
	global := scopes[0]
	for _, s := range scopes {
		owner := map[string]string{}
		check := func(prefix string, bs map[string]*key.Binding) error {
			for _, name := range sortedNames(bs) {
				for _, kk := range bs[name].Keys() {
					if prev, taken := owner[kk]; taken {
						return fmt.Errorf("[keys] %q is bound to both %s and %s", kk, prev, prefix+name)
					}
					owner[kk] = prefix + name
				}
			}
			return nil
		}
		if err := check(global.prefix, global.bindings); err != nil {
			return err
		}
		if s.prefix == "" {
			continue
		}
		if err := check(s.prefix, s.bindings); err != nil {
			return err
		}
	}
	return nil
}

func sortedNames(bs map[string]*key.Binding) []string {
	names := make([]string, 0, len(bs))
	for n := range bs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func bind(help string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(keyLabel(keys), help))
}

var keySymbols = map[string]string{"up": "↑", "down": "↓", "left": "←", "right": "→", " ": "space"}

// keyLabel is how keys are shown in help: arrows as arrows.
func keyLabel(keys []string) string {
	labels := make([]string, len(keys))
	for i, k := range keys {
		labels[i] = k
		if sym, ok := keySymbols[k]; ok {
			labels[i] = sym
		}
	}
	return strings.Join(labels, "/")
}
