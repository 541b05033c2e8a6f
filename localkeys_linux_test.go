package main

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/creack/pty"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// typedUntilQ keeps the keys it is sent and quits on q. It closes started
// once running, when the terminal is in raw mode.
type typedUntilQ struct {
	typed   *string
	started chan struct{}
}

func (m typedUntilQ) Init() tea.Cmd {
	return func() tea.Msg { close(m.started); return nil }
}

func (m typedUntilQ) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	before, _, quit := strings.Cut(string(k.Runes), "q") // keys read at once come as one message
	*m.typed += before
	if quit {
		return m, tea.Quit
	}
	return m, nil
}

func (m typedUntilQ) View() string { return "> " + *m.typed }

// The keys of a local app come through ttyin's terminal: Bubble Tea puts it
// in raw mode (keys arrive one by one, no Enter needed), and gives the
// terminal back as it found it.
func TestLocalKeysReachTheAppAndTheTerminalIsGivenBack(t *testing.T) {
	master, tty, err := pty.Open()
	require.NoError(t, err)
	defer master.Close()
	defer tty.Close()
	go func() { // drain what the program draws
		buf := make([]byte, 4096)
		for {
			if _, err := master.Read(buf); err != nil {
				return
			}
		}
	}()
	before, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
	require.NoError(t, err)

	keys, closeKeys := keysFrom(tty.Name())
	typed, started := "", make(chan struct{})
	p := tea.NewProgram(typedUntilQ{&typed, started}, keys, tea.WithOutput(tty), tea.WithoutSignalHandler())
	done := make(chan error, 1)
	go func() { _, err := p.Run(); closeKeys(); done <- err }()
	<-started
	_, err = master.WriteString("4137q") // no Enter: only raw mode delivers these
	require.NoError(t, err)
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		p.Kill()
		t.Fatalf("the program did not see q; it saw %q", typed)
	}
	require.Equal(t, "4137", typed)
	after, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
	require.NoError(t, err)
	require.Equal(t, before.Lflag, after.Lflag, "the terminal is left in raw mode")
}
