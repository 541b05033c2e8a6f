package keymap

import "github.com/charmbracelet/bubbles/key"

// Wizard bindings drive the batch import wizard. The letter keys (resume,
// discard, later, resend, set aside) act only on steps without a text
// input; the options step is a form and moves with the Form group's keys.
type Wizard struct {
	Next     key.Binding
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Left     key.Binding
	Right    key.Binding
	Toggle   key.Binding
	Browse   key.Binding
	Parent   key.Binding
	Retry    key.Binding
	Cancel   key.Binding
	Resume   key.Binding
	Discard  key.Binding
	Later    key.Binding
	Resend   key.Binding
	SetAside key.Binding
	// DateOrder cycles how the dates of a file are read (validation step).
	DateOrder key.Binding
	// Fix opens the selected problem's row to fix it cell by cell.
	Fix key.Binding
}

func defaultWizard() Wizard {
	toggle := bind("toggle", " ")
	toggle.SetHelp("space", "toggle")
	return Wizard{
		Next:      bind("continue", "enter"),
		Up:        bind("up", "up"),
		Down:      bind("down", "down"),
		PageUp:    bind("page up", "pgup"),
		PageDown:  bind("page down", "pgdown"),
		Left:      bind("previous choice", "left"),
		Right:     bind("next choice", "right"),
		Toggle:    toggle,
		Browse:    bind("browse files", "ctrl+o"),
		Parent:    bind("parent folder", "backspace"),
		Retry:     bind("retry", "ctrl+r"),
		Cancel:    bind("stop upload", "ctrl+x"),
		Resume:    bind("resume", "r"),
		Discard:   bind("discard", "x"),
		Later:     bind("later", "l"),
		Resend:    bind("send again", "s"),
		SetAside:  bind("set aside", "a"),
		DateOrder: bind("date order", "o"),
		Fix:       bind("fix the row", "e"),
	}
}

func (w *Wizard) named() map[string]*key.Binding {
	return map[string]*key.Binding{
		"next": &w.Next, "up": &w.Up, "down": &w.Down, "page_up": &w.PageUp, "page_down": &w.PageDown,
		"left": &w.Left, "right": &w.Right, "toggle": &w.Toggle, "browse": &w.Browse, "parent": &w.Parent,
		"retry": &w.Retry, "cancel": &w.Cancel, "resume": &w.Resume, "discard": &w.Discard,
		"later": &w.Later, "resend": &w.Resend, "set_aside": &w.SetAside, "date_order": &w.DateOrder,
		"fix": &w.Fix,
	}
}
