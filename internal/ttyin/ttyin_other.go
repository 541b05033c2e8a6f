//go:build !linux

package ttyin

// Terminal is not used on this system: the poller here cannot wait on a
// terminal reliably (kqueue and terminals on macOS), so the app keeps
// Bubble Tea's own reader.
type Terminal struct{}

// Open always answers ErrNotPollable on this system.
func Open(string) (*Terminal, error) { return nil, ErrNotPollable }

func (*Terminal) Read([]byte) (int, error)  { return 0, ErrNotPollable }
func (*Terminal) Write([]byte) (int, error) { return 0, ErrNotPollable }
func (*Terminal) Close() error              { return nil }
func (*Terminal) Fd() uintptr               { return ^uintptr(0) }
