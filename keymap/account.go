package keymap

import "github.com/charmbracelet/bubbles/key"

// Account bindings of the account settings screen.
type Account struct {
	Edit           key.Binding
	ChangePassword key.Binding
	Reload         key.Binding
}

func defaultAccount() Account {
	return Account{
		Edit:           bind("edit account", "e"),
		ChangePassword: bind("change password", "c"),
		Reload:         bind("reload", "r"),
	}
}

func (a *Account) named() map[string]*key.Binding {
	return map[string]*key.Binding{"edit": &a.Edit, "change_password": &a.ChangePassword, "reload": &a.Reload}
}
