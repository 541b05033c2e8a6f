// Package sshtest is a scripted SSH client for tests of the SSH server: it
// logs in with a key, opens a terminal session that answers the queries a
// real terminal answers (background colour, device attributes), types keys
// and waits for text on the screen.
package sshtest

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"
)

// NewKey returns a fresh ed25519 signer and its authorized-keys line
// ("ssh-ed25519 AAAA…" without a newline).
func NewKey() (gossh.Signer, string, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, "", err
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		return nil, "", err
	}
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(signer.PublicKey())))
	return signer, line, nil
}

// NewKeyFile is NewKey that also writes the private key to path (mode
// 0600, OpenSSH format), for a child process or the OpenSSH client.
func NewKeyFile(path string) (gossh.Signer, string, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, "", err
	}
	block, err := gossh.MarshalPrivateKey(priv, "loyaltydesk test key")
	if err != nil {
		return nil, "", err
	}
	if err := os.WriteFile(path, pem.EncodeToMemory(block), 0o600); err != nil {
		return nil, "", err
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		return nil, "", err
	}
	return signer, strings.TrimSpace(string(gossh.MarshalAuthorizedKey(signer.PublicKey()))), nil
}

// Dial logs in to addr as user with the given auth methods, checking the
// server's host key.
func Dial(addr string, hostKey gossh.PublicKey, auth ...gossh.AuthMethod) (*gossh.Client, error) {
	return gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User:            "staff",
		Auth:            auth,
		HostKeyCallback: gossh.FixedHostKey(hostKey),
		Timeout:         10 * time.Second,
	})
}

// TerminalOptions describe the client's terminal.
type TerminalOptions struct {
	Term          string // default xterm-256color
	Width, Height int    // default 100×30
	// Background is the colour reported to an OSC 11 query, as
	// "rgb:RRRR/GGGG/BBBB"; default a dark grey.
	Background string
	// Silent does not answer terminal queries (a dumb client).
	Silent bool
	Env    map[string]string
	// NoPty opens the session without a terminal.
	NoPty bool
	// Command runs instead of a shell when set.
	Command string
}

// Terminal is one interactive session.
type Terminal struct {
	sess  *gossh.Session
	stdin io.WriteCloser
	opts  TerminalOptions

	mu       sync.Mutex
	raw      bytes.Buffer
	answered int
	changed  chan struct{}
	ended    chan struct{}
	exitErr  error
}

// Open starts a session on c with a PTY (unless opts.NoPty) and a shell.
func Open(c *gossh.Client, opts TerminalOptions) (*Terminal, error) {
	opts.setDefaults()
	sess, err := c.NewSession()
	if err != nil {
		return nil, err
	}
	t := &Terminal{sess: sess, opts: opts, changed: make(chan struct{}, 1), ended: make(chan struct{})}
	if err := t.start(); err != nil {
		_ = sess.Close()
		return nil, err
	}
	return t, nil
}

func (o *TerminalOptions) setDefaults() {
	if o.Term == "" {
		o.Term = "xterm-256color"
	}
	if o.Width == 0 {
		o.Width, o.Height = 100, 30
	}
	if o.Background == "" {
		o.Background = "rgb:1c1c/1c1c/1c1c"
	}
}

func (t *Terminal) start() error {
	for k, v := range t.opts.Env {
		if err := t.sess.Setenv(k, v); err != nil {
			return fmt.Errorf("setenv %s: %w", k, err)
		}
	}
	if !t.opts.NoPty {
		modes := gossh.TerminalModes{gossh.ECHO: 0}
		if err := t.sess.RequestPty(t.opts.Term, t.opts.Height, t.opts.Width, modes); err != nil {
			return fmt.Errorf("pty: %w", err)
		}
	}
	stdin, err := t.sess.StdinPipe()
	if err != nil {
		return err
	}
	t.stdin = stdin
	stdout, err := t.sess.StdoutPipe()
	if err != nil {
		return err
	}
	stderr, err := t.sess.StderrPipe()
	if err != nil {
		return err
	}
	if t.opts.Command != "" {
		err = t.sess.Start(t.opts.Command)
	} else {
		err = t.sess.Shell()
	}
	if err != nil {
		return err
	}
	var readers sync.WaitGroup
	readers.Add(2)
	go func() { defer readers.Done(); t.read(stdout) }()
	go func() { defer readers.Done(); t.read(stderr) }()
	go func() {
		readers.Wait()
		err := t.sess.Wait()
		t.mu.Lock()
		t.exitErr = err
		t.mu.Unlock()
		close(t.ended)
	}()
	return nil
}

// read collects output and answers terminal queries, as a terminal would.
func (t *Terminal) read(r io.Reader) {
	buf := make([]byte, 32*1024)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			t.mu.Lock()
			t.raw.Write(buf[:n])
			reply := t.pendingRepliesLocked()
			t.mu.Unlock()
			if reply != "" {
				_, _ = io.WriteString(t.stdin, reply)
			}
			select {
			case t.changed <- struct{}{}:
			default:
			}
		}
		if err != nil {
			return
		}
	}
}

// pendingRepliesLocked answers each device-attributes request not yet
// answered, with the background colour first (wish asks for both at once).
func (t *Terminal) pendingRepliesLocked() string {
	if t.opts.Silent {
		return ""
	}
	asked := bytes.Count(t.raw.Bytes(), []byte("\x1b[c"))
	var b strings.Builder
	for ; t.answered < asked; t.answered++ {
		b.WriteString("\x1b]11;" + t.opts.Background + "\x07\x1b[?62;22c")
	}
	return b.String()
}

// Type sends keys as typed text ("\r" is enter, "\x03" ctrl+c).
func (t *Terminal) Type(s string) error {
	_, err := io.WriteString(t.stdin, s)
	return err
}

// Resize tells the server the window changed.
func (t *Terminal) Resize(w, h int) error { return t.sess.WindowChange(h, w) }

// Screen returns everything received so far without escape sequences.
func (t *Terminal) Screen() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return ansi.Strip(t.raw.String())
}

// Raw returns everything received so far, escape sequences included.
func (t *Terminal) Raw() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.raw.String()
}

// ErrTimeout is returned by WaitFor when the text does not come in time.
var ErrTimeout = errors.New("timed out")

// WaitFor waits until the output (without escape sequences) contains every
// text, or the session ends, or the timeout passes.
func (t *Terminal) WaitFor(timeout time.Duration, texts ...string) error {
	return t.WaitUntil(timeout, func(screen string) bool {
		for _, s := range texts {
			if !strings.Contains(screen, s) {
				return false
			}
		}
		return true
	})
}

// WaitUntil waits until cond holds for the output without escape sequences.
func (t *Terminal) WaitUntil(timeout time.Duration, cond func(screen string) bool) error {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		if cond(t.Screen()) {
			return nil
		}
		select {
		case <-t.changed:
		case <-t.ended:
			if cond(t.Screen()) {
				return nil
			}
			return fmt.Errorf("session ended first: %w", ErrTimeout)
		case <-deadline.C:
			return ErrTimeout
		}
	}
}

// Wait waits for the session to end and returns its exit error (nil for
// status 0, *gossh.ExitError otherwise).
func (t *Terminal) Wait(timeout time.Duration) error {
	select {
	case <-t.ended:
		t.mu.Lock()
		defer t.mu.Unlock()
		return t.exitErr
	case <-time.After(timeout):
		return fmt.Errorf("session still open: %w", ErrTimeout)
	}
}

// Ended reports whether the session is over.
func (t *Terminal) Ended() <-chan struct{} { return t.ended }

// Close ends the session from the client side.
func (t *Terminal) Close() error { return t.sess.Close() }
