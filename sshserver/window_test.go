package sshserver

import (
	"context"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/stretchr/testify/require"

	"loyaltydesk/sshserver/sshtest"
)

// noticeModel is echoModel that also shows the server's notices.
type noticeModel struct {
	echoModel
	notice string
}

type noticeMsg string

func (m *noticeModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if n, ok := msg.(noticeMsg); ok {
		m.notice = string(n)
		return m, nil
	}
	_, cmd := m.echoModel.Update(msg)
	return m, cmd
}

func (m *noticeModel) View() string { return m.echoModel.View() + " notice=" + m.notice + "." }

// A client asking for a huge window gets the largest the server draws, and
// is told so; a sane size afterwards is taken as it is.
func TestWindowSizeIsClampedWithANotice(t *testing.T) {
	keys := newTestKeys(t)
	ts := startServer(t, keys, Options{
		NewModel: func(ctx context.Context, s ssh.Session, profile string, r *lipgloss.Renderer) (tea.Model, error) {
			return &noticeModel{echoModel: echoModel{profile: profile, r: r}}, nil
		},
		Notice: func(text string) tea.Msg { return noticeMsg(text) },
	})
	term := ts.open(t, keys.north, sshtest.TerminalOptions{Width: 100, Height: 30})
	requireScreen(t, term, "size=100x30", "notice=.")

	require.NoError(t, term.Resize(10000, 10000))
	requireScreen(t, term, "size=500x200")
	requireScreen(t, term, "notice=Your window is 10000×10000; loyaltydesk draws at most 500×200.")

	require.NoError(t, term.Resize(120, 40))
	requireScreen(t, term, "size=120x40")
}

func TestClampWindow(t *testing.T) {
	for _, c := range []struct{ w, h, wantW, wantH int }{
		{80, 24, 80, 24}, {10000, 10000, MaxWidth, MaxHeight}, {600, 10, MaxWidth, 10}, {-5, 1 << 30, 1, MaxHeight},
	} {
		w, h, clamped := clampWindow(c.w, c.h)
		require.Equal(t, [2]int{c.wantW, c.wantH}, [2]int{w, h}, "%dx%d", c.w, c.h)
		require.Equal(t, c.w != c.wantW || c.h != c.wantH, clamped)
	}
}
