package keymap

import "github.com/charmbracelet/bubbles/key"

// Form bindings serve the customer form and the account settings form.
// While a text field has focus, printable keys type; these bindings are
// all non-printing keys, except Confirm and Cancel, which only act on a
// question (the summary before saving, restoring a draft). An open choice
// list moves with the Menu group's Up/Down; esc (global back) closes it.
type Form struct {
	Next       key.Binding
	Prev       key.Binding
	Save       key.Binding
	Toggle     key.Binding
	Retry      key.Binding
	Accept     key.Binding
	PrevChoice key.Binding
	NextChoice key.Binding
	Confirm    key.Binding
	Cancel     key.Binding
}

func defaultForm() Form {
	toggle := bind("toggle / pick", " ")
	toggle.SetHelp("space", "toggle / pick")
	return Form{
		Next:       bind("next field", "tab", "down"),
		Prev:       bind("previous field", "shift+tab", "up"),
		Save:       bind("save", "ctrl+s"),
		Toggle:     toggle,
		Retry:      bind("retry", "ctrl+r"),
		Accept:     bind("next field / pick", "enter"),
		PrevChoice: bind("previous choice", "left"),
		NextChoice: bind("next choice", "right"),
		Confirm:    bind("confirm", "y"),
		Cancel:     bind("back to the form", "n"),
	}
}

func (f *Form) named() map[string]*key.Binding {
	return map[string]*key.Binding{
		"next": &f.Next, "prev": &f.Prev, "save": &f.Save, "toggle": &f.Toggle, "retry": &f.Retry,
		"accept": &f.Accept, "prev_choice": &f.PrevChoice, "next_choice": &f.NextChoice,
		"confirm": &f.Confirm, "cancel": &f.Cancel,
	}
}
