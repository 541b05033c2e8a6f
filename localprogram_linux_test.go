package main

import (
	"os"
	"syscall"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/creack/pty"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// A SIGTERM from outside (kill, a service manager) ends a local program and
// gives the terminal back, every time: Bubble Tea's own handler could race
// the context untilInterrupted ends and leave the shutdown waiting for ever
// about one time in five.
func TestSIGTERMEndsALocalProgramAndGivesTheTerminalBack(t *testing.T) {
	master, tty, err := pty.Open()
	require.NoError(t, err)
	defer master.Close()
	defer tty.Close()
	go drain(master)
	before, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
	require.NoError(t, err)

	for round := range 40 {
		ctx, stop := untilInterrupted()
		keys, closeKeys := keysFrom(tty.Name())
		typed, started := "", make(chan struct{})
		p := localProgram(ctx, typedUntilQ{&typed, started}, keys, tea.WithOutput(tty))
		done := make(chan error, 1)
		go func() { _, err := p.Run(); closeKeys(); done <- err }()
		<-started
		require.NoError(t, syscall.Kill(os.Getpid(), syscall.SIGTERM))
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("round %d: the program still runs 5 s after SIGTERM; the terminal stays raw", round)
		}
		stop()
		after, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
		require.NoError(t, err)
		require.Equal(t, before.Lflag, after.Lflag, "round %d: the terminal is left in raw mode", round)
	}
}

// drain reads what a program draws on the pty until it is closed.
func drain(master *os.File) {
	buf := make([]byte, 4096)
	for {
		if _, err := master.Read(buf); err != nil {
			return
		}
	}
}
