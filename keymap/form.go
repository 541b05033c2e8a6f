package keymap

import "github.com/charmbracelet/bubbles/key"

// Form bindings serve the customer form and the account settings form.
type Form struct {
	Next   key.Binding
	Prev   key.Binding
	Save   key.Binding
	Toggle key.Binding
	Retry  key.Binding
}

func defaultForm() Form {
	return Form{
		Next:   bind("next field", "tab", "down"),
		Prev:   bind("previous field", "shift+tab", "up"),
		Save:   bind("save", "ctrl+s"),
		Toggle: bind("toggle / pick", " "),
		Retry:  bind("retry", "ctrl+r"),
	}
}

func (f *Form) named() map[string]*key.Binding {
	return map[string]*key.Binding{"next": &f.Next, "prev": &f.Prev, "save": &f.Save, "toggle": &f.Toggle, "retry": &f.Retry}
}
