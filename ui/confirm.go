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

// view draws the dialog no wider than w, the question wrapped inside it.
func (d *confirmDialog) view(c *Common, w int) string {
	st, k := c.Styles, c.Keys
	box := st.Dialog.Width(min(64, max(w-4, 24)))
	inner := box.GetWidth() - box.GetHorizontalPadding()
	hint := st.Key.Render(k.Menu.Yes.Help().Key) + st.Faint.Render(" yes   ") +
		st.Key.Render(k.Menu.No.Help().Key+"/"+k.Global.Back.Help().Key) + st.Faint.Render(" no")
	return box.Render(lipgloss.JoinVertical(lipgloss.Left, st.Subtitle.Width(inner).Render(d.question), "", hint))
}
