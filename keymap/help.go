package keymap

import (
	"slices"

	"github.com/charmbracelet/bubbles/key"
)

// WithHelp returns a copy of b described as desc, for a step where the key
// does something more particular ("esc → clear").
func WithHelp(b key.Binding, desc string) key.Binding {
	b.SetHelp(b.Help().Key, desc)
	return b
}

// Pair shows two opposite bindings as one help entry by their first keys,
// e.g. "[/] days". It matches either binding's keys.
func Pair(less, more key.Binding, desc string) key.Binding {
	keys := append(slices.Clone(less.Keys()), more.Keys()...)
	label := less.Help().Key + "/" + more.Help().Key
	if len(less.Keys()) > 0 && len(more.Keys()) > 0 {
		label = keyLabel(less.Keys()[:1]) + "/" + keyLabel(more.Keys()[:1])
	}
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(label, desc))
}
