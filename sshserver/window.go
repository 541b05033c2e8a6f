package sshserver

import (
	"fmt"
	"sync"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
)

// The largest window a session is drawn for. A client may ask for any
// size; every frame is as large as the window, so one asking for
// 10000×10000 would have the server build and send frames of a hundred
// million cells.
const (
	MaxWidth  = 500
	MaxHeight = 200
)

const msgWindowClamped = "Your window is %d×%d; loyaltydesk draws at most %d×%d."

func clampWindow(w, h int) (int, int, bool) {
	cw, ch := min(max(w, 1), MaxWidth), min(max(h, 1), MaxHeight)
	return cw, ch, cw != w || ch != h
}

// clampedSession shows the rest of the chain the client's window sizes
// clamped, and hands the program a notice when a size was cut.
type clampedSession struct {
	ssh.Session
	notice func(text string) tea.Msg

	once    sync.Once
	windows chan ssh.Window

	mu      sync.Mutex
	send    func(tea.Msg)
	pending tea.Msg
}

// clampWindows is the middleware that wraps the session.
func (s *Server) clampWindows(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		next(&clampedSession{Session: sess, notice: s.opts.Notice})
	}
}

func (c *clampedSession) Pty() (ssh.Pty, <-chan ssh.Window, bool) {
	pty, windows, ok := c.Session.Pty()
	if !ok {
		return pty, windows, ok
	}
	pty.Window.Width, pty.Window.Height, _ = clampWindow(pty.Window.Width, pty.Window.Height)
	c.once.Do(func() {
		c.windows = make(chan ssh.Window)
		go c.relay(windows)
	})
	return pty, c.windows, ok
}

func (c *clampedSession) relay(in <-chan ssh.Window) {
	done := c.Context().Done()
	for {
		var w ssh.Window
		var open bool
		select {
		case <-done:
			return
		case w, open = <-in:
			if !open {
				close(c.windows)
				return
			}
		}
		askedW, askedH := w.Width, w.Height
		var clamped bool
		if w.Width, w.Height, clamped = clampWindow(w.Width, w.Height); clamped {
			w.WidthPixels, w.HeightPixels = 0, 0
			c.tell(fmt.Sprintf(msgWindowClamped, askedW, askedH, MaxWidth, MaxHeight))
		}
		select {
		case <-done:
			return
		case c.windows <- w:
		}
	}
}

// tell hands the notice to the program, or keeps it until there is one.
func (c *clampedSession) tell(text string) {
	if c.notice == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.send == nil {
		c.pending = c.notice(text)
		return
	}
	go c.send(c.notice(text))
}

// attachProgram lets notices reach p.
func attachProgram(sess ssh.Session, p *tea.Program) {
	c, ok := sess.(*clampedSession)
	if !ok {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.send = p.Send
	if c.pending != nil {
		go p.Send(c.pending)
		c.pending = nil
	}
}
