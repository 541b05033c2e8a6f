package keymap

import "github.com/charmbracelet/bubbles/key"

// Lookup bindings: the scan box always has focus; the letter commands act
// only while it is empty and a customer is shown; esc (global back) clears.
type Lookup struct {
	Submit  key.Binding
	Edit    key.Binding
	New     key.Binding
	Balance key.Binding
	Recent  key.Binding
	Search  key.Binding
	Up      key.Binding
	Down    key.Binding
	// Earn, Redeem and Void open the till panel (keymap.Till).
	Earn   key.Binding
	Redeem key.Binding
	Void   key.Binding
	// Replace gives the shown customer a new card (a lost card).
	Replace key.Binding
}

func defaultLookup() Lookup {
	return Lookup{
		Submit:  bind("look up", "enter"),
		Edit:    bind("edit customer", "e"),
		New:     bind("new customer", "n"),
		Balance: bind("history", "b"),
		Recent:  bind("recent", "ctrl+r"),
		Search:  bind("search by name", "ctrl+f"),
		Up:      bind("up", "up"),
		Down:    bind("down", "down"),
		Earn:    bind("earn", "+"),
		Redeem:  bind("redeem", "-"),
		Void:    bind("void last", "ctrl+z"),
		Replace: bind("replace card", "r"),
	}
}

func (l *Lookup) named() map[string]*key.Binding {
	return map[string]*key.Binding{
		"submit": &l.Submit, "edit": &l.Edit, "new": &l.New,
		"balance": &l.Balance, "recent": &l.Recent, "search": &l.Search, "up": &l.Up, "down": &l.Down,
		"earn": &l.Earn, "redeem": &l.Redeem, "void": &l.Void, "replace": &l.Replace,
	}
}
