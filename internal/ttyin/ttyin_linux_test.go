package ttyin

import (
	"errors"
	"os"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/stretchr/testify/require"
)

// openPair opens a pseudo-terminal; keys written to the returned master
// arrive at the Terminal opened on its other end.
func openPair(t *testing.T) (*os.File, *Terminal) {
	t.Helper()
	master, tty, err := pty.Open()
	require.NoError(t, err)
	t.Cleanup(func() { _ = master.Close(); _ = tty.Close() })
	term, err := Open(tty.Name())
	require.NoError(t, err)
	t.Cleanup(func() { _ = term.Close() })
	return master, term
}

func TestKeysArrive(t *testing.T) {
	master, term := openPair(t)
	_, err := master.WriteString("4137\n") // the line discipline is still cooked
	require.NoError(t, err)
	buf := make([]byte, 16)
	n, err := term.Read(buf)
	require.NoError(t, err)
	require.Equal(t, "4137\n", string(buf[:n]))
}

// os.File.Fd would switch the file to blocking reads, which wait for a key
// whatever the deadline; through the poller the deadline ends the read.
func TestFdLeavesReadsInThePoller(t *testing.T) {
	master, term := openPair(t)
	require.NotEqual(t, ^uintptr(0), term.Fd())
	require.NoError(t, term.f.SetReadDeadline(time.Now().Add(time.Millisecond)))
	done := make(chan error, 1)
	go func() {
		_, err := term.Read(make([]byte, 1))
		done <- err
	}()
	select {
	case err := <-done:
		require.ErrorIs(t, err, os.ErrDeadlineExceeded)
	case <-time.After(5 * time.Second):
		_, _ = master.WriteString("\n") // lets the blocked read end
		t.Fatal("the read ignored its deadline: it blocks outside the poller")
	}
}

// Bubble Tea cannot cancel a read of a reader it does not know; the app
// closes the Terminal after the program ends, and the waiting read must end.
func TestCloseEndsAWaitingRead(t *testing.T) {
	_, term := openPair(t)
	done := make(chan error, 1)
	go func() {
		_, err := term.Read(make([]byte, 1))
		done <- err
	}()
	require.NoError(t, term.Close())
	select {
	case err := <-done:
		require.True(t, errors.Is(err, os.ErrClosed), "got %v", err)
	case <-time.After(5 * time.Second):
		t.Fatal("the read still waits after Close")
	}
}

func TestARegularFileIsRefused(t *testing.T) {
	path := t.TempDir() + "/not-a-terminal"
	require.NoError(t, os.WriteFile(path, nil, 0o600))
	_, err := Open(path)
	require.ErrorIs(t, err, ErrNotPollable)
}
