package ui_test

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/stretchr/testify/require"

	"loyaltydesk/ui"
	"loyaltydesk/ui/uitest"
)

func TestTextInputNeverReadsTheServersClipboard(t *testing.T) {
	in := ui.NewTextInput(uitest.PlainStyles(), "> ", "")
	in.Focus()
	_, cmd := in.Update(tea.KeyMsg{Type: tea.KeyCtrlV})
	require.Nil(t, cmd, "ctrl+v would start a clipboard read")
	in, _ = in.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("4000 1234"), Paste: true})
	require.Equal(t, "4000 1234", in.Value(), "a terminal's own paste still types")
}
