package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// menuEntry is one command of the ctrl+k menu.
type menuEntry struct {
	label string
	keys  string
	run   tea.Cmd
}

// commandMenu is the ctrl+k palette: type to filter, arrows to pick.
type commandMenu struct {
	c       *Common
	entries []menuEntry
	filter  textinput.Model
	cursor  int
}

func newCommandMenu(c *Common, entries []menuEntry) *commandMenu {
	ti := NewTextInput(c.Styles, "> ", "type to filter")
	ti.Focus()
	return &commandMenu{c: c, entries: entries, filter: ti}
}

func (a *App) menuEntries() []menuEntry {
	g := a.c.Keys.Global
	var out []menuEntry
	for _, n := range a.navKeys() {
		out = append(out, menuEntry{label: "Go to " + n.binding.Help().Desc, keys: n.binding.Help().Key, run: Navigate(n.page, n.arg)})
	}
	out = append(out,
		menuEntry{label: "Show keys (help)", keys: g.Help.Help().Key, run: func() tea.Msg { return showHelpMsg{} }},
		menuEntry{label: "Quit", keys: g.Quit.Help().Key, run: func() tea.Msg { return quitRequestMsg{} }},
	)
	return out
}

type showHelpMsg struct{}
type quitRequestMsg struct{}

func (m *commandMenu) visible() []menuEntry {
	q := strings.ToLower(strings.TrimSpace(m.filter.Value()))
	if q == "" {
		return m.entries
	}
	var out []menuEntry
	for _, e := range m.entries {
		if strings.Contains(strings.ToLower(e.label), q) {
			out = append(out, e)
		}
	}
	return out
}

func (a *App) updateMenu(msg tea.KeyMsg) tea.Cmd {
	m, k := a.menu, a.c.Keys
	vis := m.visible()
	switch {
	case key.Matches(msg, k.Global.Back), key.Matches(msg, k.Global.Menu):
		a.menu = nil
		return nil
	case key.Matches(msg, k.Menu.Up):
		m.cursor = max(m.cursor-1, 0)
		return nil
	case key.Matches(msg, k.Menu.Down):
		m.cursor = min(m.cursor+1, max(len(vis)-1, 0))
		return nil
	case key.Matches(msg, k.Menu.Choose):
		a.menu = nil
		if m.cursor < len(vis) {
			return vis[m.cursor].run
		}
		return nil
	}
	var cmd tea.Cmd
	m.filter, cmd = m.filter.Update(msg)
	m.cursor = min(m.cursor, max(len(m.visible())-1, 0))
	return cmd
}

func (m *commandMenu) view(w, h int) string {
	st := m.c.Styles
	lines := []string{st.Title.Render("Commands"), m.filter.View(), ""}
	vis := m.visible()
	if len(vis) == 0 {
		lines = append(lines, st.Faint.Render("no command matches"))
	}
	for i, e := range vis {
		row := st.Renderer.NewStyle().Width(30).Render(e.label) + st.Faint.Render(e.keys)
		if i == m.cursor {
			row = SelectedLine(st, row)
		} else {
			row = UnselectedLine(row)
		}
		lines = append(lines, row)
	}
	return st.Dialog.Width(min(56, w-4)).Render(strings.Join(lines, "\n"))
}
