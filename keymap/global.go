package keymap

import "github.com/charmbracelet/bubbles/key"

// Global bindings work on every screen. Navigation has F-keys and alt+N for
// terminals whose F-keys do not arrive.
type Global struct {
	Quit        key.Binding
	Help        key.Binding
	Lookup      key.Binding
	NewCustomer key.Binding
	Import      key.Binding
	Dashboard   key.Binding
	Account     key.Binding
	Menu        key.Binding
	Back        key.Binding
}

func defaultGlobal() Global {
	return Global{
		Quit:        bind("quit", "ctrl+c"),
		Help:        bind("help", "f1", "?"),
		Lookup:      bind("lookup", "f2", "alt+2"),
		NewCustomer: bind("new customer", "f3", "alt+3"),
		Import:      bind("import", "f4", "alt+4"),
		Dashboard:   bind("dashboard", "f5", "alt+5"),
		Account:     bind("account", "f6", "alt+6"),
		Menu:        bind("menu", "ctrl+k"),
		Back:        bind("back", "esc"),
	}
}

func (g *Global) named() map[string]*key.Binding {
	return map[string]*key.Binding{
		"quit": &g.Quit, "help": &g.Help, "lookup": &g.Lookup,
		"new_customer": &g.NewCustomer, "import": &g.Import,
		"dashboard": &g.Dashboard, "account": &g.Account, "menu": &g.Menu, "back": &g.Back,
	}
}

// Menu bindings drive the ctrl+k command menu and other pick lists.
type Menu struct {
	Up     key.Binding
	Down   key.Binding
	Choose key.Binding
	Yes    key.Binding
	No     key.Binding
}

func defaultMenu() Menu {
	return Menu{
		Up:     bind("up", "up", "ctrl+p"),
		Down:   bind("down", "down", "ctrl+n"),
		Choose: bind("choose", "enter"),
		Yes:    bind("yes", "y"),
		No:     bind("no", "n"),
	}
}

func (m *Menu) named() map[string]*key.Binding {
	return map[string]*key.Binding{"up": &m.Up, "down": &m.Down, "choose": &m.Choose, "yes": &m.Yes, "no": &m.No}
}
