package customer

import tea "github.com/charmbracelet/bubbletea"

// refreshIndex brings the profile's shared customer index up to date now,
// in a command, so that the name search finds the customer just saved
// under the name just typed (it otherwise waits for the index to be a
// minute old).
func (m *Model) refreshIndex() tea.Cmd {
	store, api := m.c.Customers, m.c.API
	if store == nil {
		return nil
	}
	return func() tea.Msg {
		store.Refresh(api, 0)
		return nil
	}
}
