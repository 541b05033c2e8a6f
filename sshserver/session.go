package sshserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	bm "github.com/charmbracelet/wish/bubbletea"
)

// What users read when a session is refused or ended by the server.
const (
	msgKeyNotAllowed   = "Your key is not allowed here."
	msgNeedsTerminal   = "loyaltydesk is a full-screen app and needs an interactive terminal: run ssh from a terminal window (add -t if you give a command)."
	msgNoCommands      = "loyaltydesk takes no commands: connect with plain ssh, without a command."
	msgTooManySessions = "Too many sessions are open right now (limit %d); try later."
	msgShuttingDown    = "The server is shutting down; your session was closed. Please connect again in a minute."
	msgIdle            = "Closed after %s without input. Connect again to carry on."
	msgCannotStart     = "Could not start the app: %s"
)

// endReason says why a session ended, and so what the user is told.
type endReason int

const (
	endByClient endReason = iota // the user quit or left
	endIdle
	endShutdown
	endFailed
)

func (r endReason) String() string {
	return [...]string{"client", "idle", "shutdown", "failed"}[r]
}

type keyContextKey struct{}

// checkKey makes sure the session's key is a listed one and records its
// entry: the public-key callback may have approved a different key than the
// one that finally authenticated.
func (s *Server) checkKey(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		entry, ok := s.opts.Keys.Lookup(sess.PublicKey())
		if !ok {
			s.log.Warn("ssh session without an allowed key", "user", sess.User(), "remote", sess.RemoteAddr().String())
			wish.Errorln(sess, msgKeyNotAllowed)
			_ = sess.Exit(1)
			return
		}
		sess.Context().SetValue(keyContextKey{}, entry)
		next(sess)
	}
}

func sessionKey(sess ssh.Session) (AuthorizedKey, bool) {
	k, ok := sess.Context().Value(keyContextKey{}).(AuthorizedKey)
	return k, ok
}

// explainMissingTerminal says in plain words what activeterm, which runs
// next, refuses.
func explainMissingTerminal(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if _, _, ok := sess.Pty(); !ok {
			wish.Errorln(sess, msgNeedsTerminal)
		}
		next(sess)
	}
}

func refuseCommands(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if len(sess.Command()) > 0 || sess.Subsystem() != "" {
			wish.Errorln(sess, msgNoCommands)
			_ = sess.Exit(1)
			return
		}
		next(sess)
	}
}

// lifecycle admits a session within the limits, watches it for idleness,
// and tells the user why the server ended it.
func (s *Server) lifecycle(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		key, _ := sessionKey(sess)
		live := newLiveSession(sess, key)
		defer live.cancel()
		if err := s.reg.add(live); err != nil {
			s.log.Info("ssh session refused", "reason", err.Error(), "profile", key.Profile, "fingerprint", key.Fingerprint)
			wish.Errorln(sess, refusalText(err, s.opts.MaxSessions))
			_ = sess.Exit(1)
			return
		}
		defer s.reg.remove(live)
		s.logStart(live)
		if s.opts.IdleTimeout > 0 {
			go live.watchIdle(s.opts.IdleTimeout)
		}
		next(sess)
		reason, failure := live.ending()
		s.log.Info("ssh session end", "profile", key.Profile, "fingerprint", key.Fingerprint,
			"reason", reason.String(), "duration", time.Since(live.started).Round(time.Second).String())
		if text := s.farewell(reason, failure); text != "" {
			wish.Println(sess, "\n"+text)
		}
		// Exit before leaving the registry: a shutdown closes the connections
		// once the registry is empty, and the client should get its status.
		_ = sess.Exit(exitCode(reason))
	}
}

func exitCode(r endReason) int {
	if r == endFailed {
		return 1
	}
	return 0
}

func (s *Server) logStart(live *liveSession) {
	pty, _, _ := live.sess.Pty()
	s.log.Info("ssh session start", "profile", live.key.Profile, "fingerprint", live.key.Fingerprint,
		"user", live.sess.User(), "remote", live.sess.RemoteAddr().String(),
		"term", pty.Term, "width", pty.Window.Width, "height", pty.Window.Height)
}

func refusalText(err error, limit int) string {
	if errors.Is(err, errShuttingDown) {
		return msgShuttingDown
	}
	return fmt.Sprintf(msgTooManySessions, limit)
}

func (s *Server) farewell(reason endReason, failure string) string {
	switch reason {
	case endIdle:
		return fmt.Sprintf(msgIdle, s.opts.IdleTimeout)
	case endShutdown:
		return msgShuttingDown
	case endFailed:
		return fmt.Sprintf(msgCannotStart, failure)
	}
	return ""
}

// program builds the session's Bubble Tea program; nil (no program) when the
// session is already over or its model cannot be built.
func (s *Server) program(sess ssh.Session) *tea.Program {
	live := s.reg.get(sess)
	if live == nil {
		return nil
	}
	renderer := bm.MakeRenderer(sess)
	model, err := s.opts.NewModel(live.ctx, sess, live.key.Profile, renderer)
	if err != nil {
		s.log.Error("ssh session could not start", "profile", live.key.Profile, "error", err.Error())
		live.fail(err.Error())
		return nil
	}
	pty, _, _ := sess.Pty()
	p := tea.NewProgram(model,
		tea.WithInput(activityReader{r: sess, live: live}),
		tea.WithOutput(sess),
		tea.WithAltScreen(),
		tea.WithContext(live.ctx),
		// The server, not each session, handles SIGINT and SIGTERM.
		tea.WithoutSignalHandler(),
		tea.WithEnvironment(append(sess.Environ(), "TERM="+pty.Term)),
		tea.WithFPS(s.opts.FPS),
	)
	if !live.attach(p) {
		return nil
	}
	attachProgram(sess, p)
	return p
}

// activityReader notes every byte the client sends, for the idle check.
type activityReader struct {
	r    io.Reader
	live *liveSession
}

func (a activityReader) Read(p []byte) (int, error) {
	n, err := a.r.Read(p)
	if n > 0 {
		a.live.touch()
	}
	return n, err
}

// liveSession is the server's handle on one open session.
type liveSession struct {
	sess    ssh.Session
	key     AuthorizedKey
	ctx     context.Context
	cancel  context.CancelFunc
	started time.Time
	// lastInput is the time of the last input, in Unix nanoseconds.
	lastInput atomic.Int64

	mu      sync.Mutex
	program *tea.Program
	reason  endReason
	failure string
}

func newLiveSession(sess ssh.Session, key AuthorizedKey) *liveSession {
	ctx, cancel := context.WithCancel(sess.Context())
	l := &liveSession{sess: sess, key: key, ctx: ctx, cancel: cancel, started: time.Now()}
	l.touch()
	return l
}

func (l *liveSession) touch() { l.lastInput.Store(time.Now().UnixNano()) }

// attach records the program; false if the session was ended meanwhile.
func (l *liveSession) attach(p *tea.Program) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.reason != endByClient {
		return false
	}
	l.program = p
	return true
}

// end asks the session to finish for the given reason; the first reason
// given wins.
func (l *liveSession) end(reason endReason) {
	l.mu.Lock()
	if l.reason == endByClient {
		l.reason = reason
	}
	p := l.program
	l.mu.Unlock()
	if p != nil {
		// Quit blocks until the program reads it or has finished.
		go p.Quit()
	}
}

func (l *liveSession) fail(message string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.reason == endByClient {
		l.reason, l.failure = endFailed, message
	}
}

func (l *liveSession) ending() (endReason, string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.reason, l.failure
}

// watchIdle ends the session once no input came for d.
func (l *liveSession) watchIdle(d time.Duration) {
	timer := time.NewTimer(d)
	defer timer.Stop()
	for {
		select {
		case <-l.ctx.Done():
			return
		case <-timer.C:
			idle := time.Since(time.Unix(0, l.lastInput.Load()))
			if idle >= d {
				l.end(endIdle)
				return
			}
			timer.Reset(d - idle)
		}
	}
}

var (
	errTooMany      = errors.New("too many sessions")
	errShuttingDown = errors.New("shutting down")
)

// registry holds the open sessions and enforces the limit.
type registry struct {
	mu      sync.Mutex
	max     int
	closing bool
	live    map[ssh.Session]*liveSession
	drained chan struct{} // closed when closing and no session is left
}

func newRegistry(max int) *registry {
	return &registry{max: max, live: map[ssh.Session]*liveSession{}, drained: make(chan struct{})}
}

func (r *registry) add(l *liveSession) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case r.closing:
		return errShuttingDown
	case len(r.live) >= r.max:
		return errTooMany
	}
	r.live[l.sess] = l
	return nil
}

func (r *registry) remove(l *liveSession) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.live, l.sess)
	r.closeDrainedLocked()
}

func (r *registry) closeDrainedLocked() {
	if r.closing && len(r.live) == 0 {
		select {
		case <-r.drained:
		default:
			close(r.drained)
		}
	}
}

func (r *registry) get(sess ssh.Session) *liveSession {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.live[sess]
}

func (r *registry) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.live)
}

// shutdown refuses new sessions and ends the open ones.
func (r *registry) shutdown() {
	r.mu.Lock()
	r.closing = true
	open := make([]*liveSession, 0, len(r.live))
	for _, l := range r.live {
		open = append(open, l)
	}
	r.closeDrainedLocked()
	r.mu.Unlock()
	for _, l := range open {
		l.end(endShutdown)
	}
}

// wait returns once every session has ended after shutdown, or ctx's error.
func (r *registry) wait(ctx context.Context) error {
	select {
	case <-r.drained:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
