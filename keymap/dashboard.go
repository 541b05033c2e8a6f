package keymap

import "github.com/charmbracelet/bubbles/key"

// Dashboard bindings. [ ] change the days of the activity chart, + - the
// rows of the last transactions and customers, { } the most active
// customers; tab cycles the panel shown when the window is too small for
// all of them (and the table the arrows move in when all show); enter opens
// the customer of the selected row on the lookup.
type Dashboard struct {
	Refresh     key.Binding
	Pause       key.Binding
	MoreDays    key.Binding
	FewerDays   key.Binding
	MoreRows    key.Binding
	FewerRows   key.Binding
	MoreActive  key.Binding
	FewerActive key.Binding
	NextPanel   key.Binding
	PrevPanel   key.Binding
	Up          key.Binding
	Down        key.Binding
	Open        key.Binding
}

func defaultDashboard() Dashboard {
	return Dashboard{
		Refresh:     bind("refresh now", "r"),
		Pause:       bind("pause/resume", "p"),
		MoreDays:    bind("more days", "]"),
		FewerDays:   bind("fewer days", "["),
		MoreRows:    bind("more rows", "+", "="),
		FewerRows:   bind("fewer rows", "-"),
		MoreActive:  bind("more top customers", "}"),
		FewerActive: bind("fewer top customers", "{"),
		NextPanel:   bind("next panel", "tab"),
		PrevPanel:   bind("previous panel", "shift+tab"),
		Up:          bind("previous row", "up"),
		Down:        bind("next row", "down"),
		Open:        bind("open customer", "enter"),
	}
}

func (d *Dashboard) named() map[string]*key.Binding {
	return map[string]*key.Binding{
		"refresh": &d.Refresh, "pause": &d.Pause, "more_days": &d.MoreDays, "fewer_days": &d.FewerDays,
		"more_rows": &d.MoreRows, "fewer_rows": &d.FewerRows, "more_active": &d.MoreActive,
		"fewer_active": &d.FewerActive, "next_panel": &d.NextPanel, "prev_panel": &d.PrevPanel,
		"up": &d.Up, "down": &d.Down, "open": &d.Open,
	}
}
