package keymap

import "github.com/charmbracelet/bubbles/key"

// Account bindings of the account settings screen. The edit and password
// forms use the Form group (ctrl+s saves, y/n answer the summary); these
// act on the account shown and on a new API token.
type Account struct {
	Edit           key.Binding
	ChangePassword key.Binding
	Reload         key.Binding
	StoreToken     key.Binding
	ShowToken      key.Binding
	Done           key.Binding
}

func defaultAccount() Account {
	return Account{
		Edit:           bind("edit account", "e"),
		ChangePassword: bind("change password", "c"),
		Reload:         bind("reload", "r"),
		StoreToken:     bind("store token in profile", "s"),
		ShowToken:      bind("show/hide token", "t"),
		Done:           bind("done", "enter"),
	}
}

func (a *Account) named() map[string]*key.Binding {
	return map[string]*key.Binding{
		"edit": &a.Edit, "change_password": &a.ChangePassword, "reload": &a.Reload,
		"store_token": &a.StoreToken, "show_token": &a.ShowToken, "done": &a.Done,
	}
}
