package lookup

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

func (m *Model) recentKey(k tea.KeyMsg) tea.Cmd {
	keys := m.c.Keys
	switch {
	case key.Matches(k, keys.Lookup.Up):
		m.recentCursor = max(m.recentCursor-1, 0)
	case key.Matches(k, keys.Lookup.Down):
		m.recentCursor = min(m.recentCursor+1, len(m.recent)-1)
	case key.Matches(k, keys.Lookup.Submit):
		m.mode = modeScan
		if m.recentCursor < len(m.recent) {
			code := m.recent[m.recentCursor].Code
			m.input.SetValue(code)
			return m.lookup(code)
		}
	case key.Matches(k, keys.Global.Back), key.Matches(k, keys.Lookup.Recent):
		m.mode = modeScan
	}
	return nil
}
