// Package ttyin opens the terminal a local app reads its keys from, so that
// a read waiting for the next key parks in Go's poller instead of holding a
// thread in a blocking system call.
//
// Why it matters: Bubble Tea's own reader waits for keys in epoll_wait, a
// blocking call made on the thread that readied the event loop a moment
// before. The event loop then sits queued on that thread's processor until
// the runtime's monitor takes it back, up to 10 ms later, whenever the
// other processors are busy (a search over 300,000 customers on a two-core
// till). Through the poller the reader gives its processor up at once and
// the key is drawn on the next frame.
package ttyin

import "errors"

// ErrNotPollable: this system's poller cannot wait on the terminal; the
// caller keeps Bubble Tea's default input.
var ErrNotPollable = errors.New("the terminal cannot be read through the poller here")
