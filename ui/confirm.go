package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"loyaltydesk/keymap"
)

// confirmDialog asks a yes/no question; then runs on yes.
type confirmDialog struct {
	question string
	then     tea.Cmd
}

type confirmedMsg struct {
	yes  bool
	then tea.Cmd
}

func newConfirm(question string, then tea.Cmd) *confirmDialog {
	return &confirmDialog{question: question, then: then}
}

func (d *confirmDialog) update(msg tea.KeyMsg, k *keymap.KeyMap) tea.Cmd {
	answer := func(yes bool) tea.Cmd {
		then := d.then
		return func() tea.Msg { return confirmedMsg{yes: yes, then: then} }
	}
	switch {
	case key.Matches(msg, k.Menu.Yes):
		return answer(true)
	case key.Matches(msg, k.Global.Quit) && isQuit(d.then):
		return tea.Quit // a second ctrl+c means it
	case key.Matches(msg, k.Menu.No), key.Matches(msg, k.Global.Back):
		return answer(false)
	}
	return nil
}

func isQuit(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	_, ok := cmd().(tea.QuitMsg)
	return ok
}

func (d *confirmDialog) view(c *Common) string {
	st := c.Styles
	hint := st.Key.Render("y") + st.Faint.Render(" yes   ") + st.Key.Render("n") + st.Faint.Render("/esc no")
	return st.Dialog.Render(lipgloss.JoinVertical(lipgloss.Left, st.Subtitle.Render(d.question), "", hint))
}
