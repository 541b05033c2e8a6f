//go:build unix

package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/stretchr/testify/require"
)

// TestHelperLocalRenderer is not a test: run by the tests below on a pty
// that is its controlling terminal, it builds the app's renderer and says
// how long that took.
func TestHelperLocalRenderer(t *testing.T) {
	if os.Getenv("LOYALTYDESK_TEST_RENDERER") == "" {
		t.Skip("run by TestStartUpDoesNotWaitForASilentTerminal")
	}
	start := time.Now()
	r := newLocalRenderer()
	fmt.Printf("\r\nrenderer ready in %dms dark=%v\r\n", time.Since(start).Milliseconds(), r.HasDarkBackground())
}

// startOnPty runs the helper with a pty as its terminal; answer, if not
// empty, is written back once the helper asked for the cursor position.
func startOnPty(t *testing.T, answer string) (lines chan string, started time.Time) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperLocalRenderer$")
	cmd.Env = append(os.Environ(), "LOYALTYDESK_TEST_RENDERER=1", "TERM=xterm-256color")
	started = time.Now()
	ptmx, err := pty.Start(cmd)
	require.NoError(t, err)
	t.Cleanup(func() { _ = cmd.Wait(); _ = ptmx.Close() })
	lines = make(chan string, 16)
	go func() {
		defer close(lines)
		r := bufio.NewReader(ptmx)
		var seen strings.Builder
		for {
			b, err := r.ReadByte()
			if err != nil {
				return
			}
			seen.WriteByte(b)
			if answer != "" && strings.HasSuffix(seen.String(), "\x1b[6n") {
				_, _ = io.WriteString(ptmx, answer)
			}
			if b == '\n' {
				lines <- seen.String()
				seen.Reset()
			}
		}
	}()
	return lines, started
}

// waitReady returns the helper's line and how long after its start it
// came: the process's own start-up (package inits) counts.
func waitReady(t *testing.T, lines chan string, started time.Time) (string, time.Duration) {
	t.Helper()
	timeout := time.After(4 * time.Second) // termenv alone waited 10 s
	for {
		select {
		case l, ok := <-lines:
			require.True(t, ok, "the helper ended without a renderer")
			if strings.Contains(l, "renderer ready") {
				return l, time.Since(started)
			}
		case <-timeout:
			t.Fatal("start-up waited on a terminal that answers no queries")
		}
	}
}

// A terminal that answers no queries (old hardware terminals, some serial
// consoles) does not hold the first frame back: the wait is bounded.
func TestStartUpDoesNotWaitForASilentTerminal(t *testing.T) {
	lines, started := startOnPty(t, "")
	line, took := waitReady(t, lines, started)
	require.Less(t, took, 2*time.Second, "from the process's start, package inits included")
	var ms int
	var dark bool
	_, err := fmt.Sscanf(strings.TrimSpace(line), "renderer ready in %dms dark=%t", &ms, &dark)
	require.NoError(t, err, line)
	require.Less(t, ms, 1000, "bounded by backgroundBudget (%v)", backgroundBudget)
	require.True(t, dark, "no answer: dark, as before")
}

// A terminal that answers is believed: a light background is light.
func TestStartUpReadsTheBackgroundAnswer(t *testing.T) {
	lines, started := startOnPty(t, "\x1b]11;rgb:ffff/ffff/eeee\x1b\\\x1b[12;1R")
	line, _ := waitReady(t, lines, started)
	require.Contains(t, line, "dark=false")
}

func TestParseBackground(t *testing.T) {
	for answer, want := range map[string][2]bool{
		"\x1b]11;rgb:0000/0000/0000\x07":    {true, true},
		"\x1b]11;rgb:1c1c/1c1c/1c1c\x1b\\":  {true, true},
		"\x1b]11;rgb:ffff/ffff/ffff\x1b\\":  {false, true},
		"\x1b]11;rgb:ff/ff/ff\x07":          {false, true},
		"\x1b[12;1R":                        {false, false},
		"\x1b]11;rgb:zz/ff/ff\x07\x1b[1;1R": {false, false},
	} {
		dark, ok := parseBackground([]byte(answer))
		require.Equal(t, want, [2]bool{dark, ok}, "%q", answer)
	}
}
