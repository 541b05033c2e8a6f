package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"loyaltydesk/keymap"
)

// confirmDialog asks a yes/no question; onYes runs at once on yes.
type confirmDialog struct {
	question string
	onYes    func() tea.Cmd
	quit     bool // a quit question: a second ctrl+c means yes
}

func newConfirm(question string, onYes func() tea.Cmd) *confirmDialog {
	return &confirmDialog{question: question, onYes: onYes}
}

// answer reads a key: answered reports whether the dialog is done, and yes
// what was said. A second ctrl+c on a quit question means yes.
func (d *confirmDialog) answer(msg tea.KeyMsg, k *keymap.KeyMap) (answered, yes bool) {
	switch {
	case key.Matches(msg, k.Menu.Yes):
		return true, true
	case key.Matches(msg, k.Global.Quit) && d.quit:
		return true, true
	case key.Matches(msg, k.Menu.No), key.Matches(msg, k.Global.Back):
		return true, false
	}
	return false, false
}

func (d *confirmDialog) view(c *Common) string {
	st := c.Styles
	hint := st.Key.Render("y") + st.Faint.Render(" yes   ") + st.Key.Render("n") + st.Faint.Render("/esc no")
	return st.Dialog.Render(lipgloss.JoinVertical(lipgloss.Left, st.Subtitle.Render(d.question), "", hint))
}
