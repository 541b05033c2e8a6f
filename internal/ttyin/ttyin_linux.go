package ttyin

import (
	"fmt"
	"os"
	"time"
)

// Terminal is the terminal opened for reading keys. It has no Name method
// on purpose: Bubble Tea hands any file with a name to its own epoll
// reader, which is the blocking wait this package avoids.
type Terminal struct {
	f  *os.File
	fd uintptr
}

// Open opens path ("/dev/tty", the controlling terminal) for keys. The
// descriptor is a new open of the device, so the non-blocking mode the
// poller needs does not reach the shell's standard input.
func Open(path string) (*Terminal, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return nil, err
	}
	if err := f.SetReadDeadline(time.Time{}); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("%w: %v", ErrNotPollable, err)
	}
	var fd uintptr
	raw, err := f.SyscallConn()
	if err == nil {
		err = raw.Control(func(d uintptr) { fd = d })
	}
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	return &Terminal{f: f, fd: fd}, nil
}

func (t *Terminal) Read(p []byte) (int, error)  { return t.f.Read(p) }
func (t *Terminal) Write(p []byte) (int, error) { return t.f.Write(p) }

// Close ends a read in progress, which returns an error.
func (t *Terminal) Close() error { return t.f.Close() }

// Fd is the descriptor, for setting terminal modes. Unlike os.File.Fd it
// leaves the file in the poller (os.File.Fd switches it to blocking reads).
func (t *Terminal) Fd() uintptr { return t.fd }
