package keymap

import "github.com/charmbracelet/bubbles/key"

// Wizard bindings drive the batch import wizard.
type Wizard struct {
	Next    key.Binding
	Up      key.Binding
	Down    key.Binding
	Left    key.Binding
	Right   key.Binding
	Toggle  key.Binding
	Cancel  key.Binding
	Resume  key.Binding
	Discard key.Binding
}

func defaultWizard() Wizard {
	return Wizard{
		Next:    bind("continue", "enter"),
		Up:      bind("up", "up"),
		Down:    bind("down", "down"),
		Left:    bind("previous choice", "left"),
		Right:   bind("next choice", "right"),
		Toggle:  bind("toggle", " "),
		Cancel:  bind("cancel upload", "ctrl+x"),
		Resume:  bind("resume", "r"),
		Discard: bind("discard", "x"),
	}
}

func (w *Wizard) named() map[string]*key.Binding {
	return map[string]*key.Binding{
		"next": &w.Next, "up": &w.Up, "down": &w.Down, "left": &w.Left,
		"right": &w.Right, "toggle": &w.Toggle, "cancel": &w.Cancel,
		"resume": &w.Resume, "discard": &w.Discard,
	}
}
