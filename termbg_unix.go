//go:build unix

package main

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"time"

	"golang.org/x/sys/unix"
	"golang.org/x/term"
)

// queryDarkBackground asks the terminal on in/out for its background
// (OSC 11), then for the cursor position, which every terminal answers,
// so that the wait ends as soon as the answers are in; it never waits
// longer than budget in all. ok is false without an answer.
func queryDarkBackground(in, out *os.File, budget time.Duration) (dark, ok bool) {
	fd := int(in.Fd())
	if !term.IsTerminal(fd) || !term.IsTerminal(int(out.Fd())) || multiplexed(os.Getenv("TERM")) {
		return false, false
	}
	old, err := term.MakeRaw(fd)
	if err != nil {
		return false, false
	}
	defer term.Restore(fd, old) //nolint:errcheck
	if _, err := out.WriteString("\x1b]11;?\x1b\\\x1b[6n"); err != nil {
		return false, false
	}
	answer := readAnswers(fd, time.Now().Add(budget))
	return parseBackground(answer)
}

// multiplexed terminals (screen, tmux) may sit on several terminals at
// once and are not asked, as termenv does not ask them; dumb ones cannot
// answer.
func multiplexed(termName string) bool {
	return strings.HasPrefix(termName, "screen") || strings.HasPrefix(termName, "tmux") || strings.HasPrefix(termName, "dumb")
}

// readAnswers reads from fd until the cursor position report (ESC [ n ; m
// R) came or deadline passed.
func readAnswers(fd int, deadline time.Time) []byte {
	var got []byte
	buf := make([]byte, 256)
	for len(got) < 1024 {
		left := time.Until(deadline)
		if left <= 0 {
			return got
		}
		fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
		n, err := unix.Poll(fds, int(left.Milliseconds())+1)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil || n == 0 || fds[0].Revents&unix.POLLIN == 0 {
			return got
		}
		k, err := unix.Read(fd, buf)
		if err != nil || k <= 0 {
			return got
		}
		got = append(got, buf[:k]...)
		if cursorReport(got) {
			return got
		}
	}
	return got
}

func cursorReport(b []byte) bool {
	i := bytes.LastIndex(b, []byte("\x1b["))
	return i >= 0 && bytes.IndexByte(b[i:], 'R') > 0
}
