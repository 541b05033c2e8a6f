package keymap

import "github.com/charmbracelet/bubbles/key"

// Till bindings drive the earn, redeem and void panel opened from the
// lookup (lookup.earn, lookup.redeem, lookup.void). A digit picks a
// campaign or a reward; while the amount or a text field has focus,
// printable keys type, so the letter bindings act only on the panel's
// questions and results.
type Till struct {
	Record  key.Binding
	Next    key.Binding
	Prev    key.Binding
	Confirm key.Binding
	Resend  key.Binding
	Recheck key.Binding
	Queue   key.Binding
}

func defaultTill() Till {
	return Till{
		Record:  bind("record", "enter"),
		Next:    bind("next", "down", "tab"),
		Prev:    bind("previous", "up", "shift+tab"),
		Confirm: bind("confirm", "y"),
		Resend:  bind("send again", "r"),
		Recheck: bind("look again", "c"),
		Queue:   bind("keep for later", "q"),
	}
}

func (t *Till) named() map[string]*key.Binding {
	return map[string]*key.Binding{
		"record": &t.Record, "next": &t.Next, "prev": &t.Prev, "confirm": &t.Confirm,
		"resend": &t.Resend, "recheck": &t.Recheck, "queue": &t.Queue,
	}
}
