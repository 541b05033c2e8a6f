// Package sshserver serves the app over SSH with wish: staff run
// `ssh -p 2222 desk.example` and get loyaltydesk, without a shell account.
//
// Only public keys listed in an authorized-keys file may log in; each key
// names the profile (store, account) its holder works with. Every session
// gets its own Bubble Tea program, renderer, window size and model, built by
// the caller's ModelFactory from that profile alone: nothing is shared
// between sessions.
package sshserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	charmlog "github.com/charmbracelet/log"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	"github.com/charmbracelet/wish/activeterm"
	bm "github.com/charmbracelet/wish/bubbletea"
	"github.com/charmbracelet/wish/logging"
	"github.com/charmbracelet/wish/recover"
	"github.com/muesli/termenv"
	gossh "golang.org/x/crypto/ssh"
)

// Defaults of the limits.
const (
	DefaultMaxSessions = 20
	DefaultIdleTimeout = 15 * time.Minute
)

// ModelFactory builds the root model of one session. ctx ends with the
// session; profile is the one the session's key names ("" for a key that
// names none, in demo mode); r is the session's renderer, whose colours
// come from the client's terminal.
type ModelFactory func(ctx context.Context, s ssh.Session, profile string, r *lipgloss.Renderer) (tea.Model, error)

// Options configure a Server. HostKey, Keys and NewModel are required.
type Options struct {
	HostKey  gossh.Signer
	Keys     *AuthorizedKeys
	NewModel ModelFactory
	// MaxSessions caps the sessions open at once; 0 means DefaultMaxSessions.
	MaxSessions int
	// IdleTimeout closes a session after this long without input; 0 means
	// DefaultIdleTimeout, a negative value means never.
	IdleTimeout time.Duration
	// Log receives connection and session events; nil discards them.
	Log *slog.Logger
	// Version is announced in the SSH handshake.
	Version string
	// HandshakeTimeout closes a connection that has not authenticated in
	// this long; 0 means DefaultHandshakeTimeout.
	HandshakeTimeout time.Duration
	// MaxPending and MaxPendingPerIP bound the connections not yet
	// authenticated, in all and per client address; 0 means the default.
	MaxPending, MaxPendingPerIP int
	// Notice turns a notice for the user (the window was larger than the
	// server draws) into a message for the session's program; nil drops it.
	Notice func(text string) tea.Msg
	// FPS is the most frames a session draws a second (Bubble Tea's
	// default, 60, when 0).
	FPS int
}

// Server is the SSH front door of the app.
type Server struct {
	opts Options
	srv  *ssh.Server
	reg  *registry
	gate *preAuthGate
	log  *slog.Logger

	// The listeners are closed here too: ssh.Server.Shutdown misses a
	// listener whose Serve has not registered it yet, which would then
	// accept forever.
	mu        sync.Mutex
	closing   bool
	listeners []net.Listener
}

// New checks the options and builds a server; call Serve to start it.
func New(opts Options) (*Server, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	opts.applyDefaults()
	s := &Server{opts: opts, reg: newRegistry(opts.MaxSessions), log: opts.Log}
	s.gate = newPreAuthGate(opts.HandshakeTimeout, opts.MaxPending, opts.MaxPendingPerIP, (&evictionLog{log: s.log}).note)
	srv, err := wish.NewServer(s.sshOptions()...)
	if err != nil {
		return nil, fmt.Errorf("setting up the SSH server: %w", err)
	}
	s.srv = srv
	return s, nil
}

func (o *Options) check() error {
	switch {
	case o.HostKey == nil:
		return errors.New("sshserver: no host key")
	case o.Keys == nil:
		return errors.New("sshserver: no authorized keys")
	case o.NewModel == nil:
		return errors.New("sshserver: no model factory")
	case o.MaxSessions < 0:
		return errors.New("the session limit must be 1 or more")
	}
	return nil
}

func (o *Options) applyDefaults() {
	if o.MaxSessions == 0 {
		o.MaxSessions = DefaultMaxSessions
	}
	if o.IdleTimeout == 0 {
		o.IdleTimeout = DefaultIdleTimeout
	}
	if o.Log == nil {
		o.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if o.Version == "" {
		o.Version = "loyaltydesk"
	}
	if o.HandshakeTimeout <= 0 {
		o.HandshakeTimeout = DefaultHandshakeTimeout
	}
	if o.MaxPending <= 0 {
		o.MaxPending = DefaultMaxPending
	}
	if o.MaxPendingPerIP <= 0 {
		o.MaxPendingPerIP = DefaultMaxPendingPerIP
	}
}

// sshOptions wires the server. Only public-key authentication is
// registered: without password or keyboard-interactive handlers the server
// never offers those methods.
func (s *Server) sshOptions() []ssh.Option {
	opts := []ssh.Option{
		func(srv *ssh.Server) error { srv.AddHostKey(s.opts.HostKey); return nil },
		wish.WithVersion(strings.ReplaceAll(s.opts.Version, " ", "_")),
		wish.WithPublicKeyAuth(s.allowKey),
		ssh.EmulatePty(),
		wish.WithMiddleware(s.middlewares()...),
		func(srv *ssh.Server) error {
			srv.ServerConfigCallback = s.serverConfig
			srv.ConnectionFailedCallback = s.connectionFailed
			srv.ConnCallback = s.gate.admit
			return nil
		},
	}
	if s.opts.IdleTimeout > 0 {
		// A backstop for connections that go quiet at the network level
		// (a handshake never finished, a client gone without a word); the
		// session's own idle check, with its notice, comes first.
		opts = append(opts, wish.WithIdleTimeout(s.opts.IdleTimeout+time.Minute))
	}
	return opts
}

// middlewares lists the session chain; wish runs the last one first.
func (s *Server) middlewares() []wish.Middleware {
	logger := printfLogger{log: s.log, level: slog.LevelError}
	return []wish.Middleware{
		recover.MiddlewareWithLogger(logger,
			bm.MiddlewareWithProgramHandler(s.program, termenv.Ascii),
			s.lifecycle,
			s.clampWindows,
			refuseCommands,
			activeterm.Middleware(),
			explainMissingTerminal,
			s.checkKey,
			logging.MiddlewareWithLogger(printfLogger{log: s.log, level: slog.LevelInfo}),
		),
	}
}

func (s *Server) serverConfig(ctx ssh.Context) *gossh.ServerConfig {
	return &gossh.ServerConfig{
		AuthLogCallback: func(conn gossh.ConnMetadata, method string, err error) {
			if err == nil {
				s.gate.authenticated(ctx)
			}
			if err != nil && method != "none" {
				s.log.Debug("ssh auth attempt failed", "method", method, "remote", conn.RemoteAddr().String())
			}
		},
	}
}

func (s *Server) connectionFailed(conn net.Conn, err error) {
	s.log.Info("ssh connection failed", "remote", conn.RemoteAddr().String(), "error", err.Error())
}

// allowKey answers the client's offer of a key. gossh may ask about keys
// that are never used to authenticate, so nothing is remembered here;
// checkKey looks the session's key up again.
func (s *Server) allowKey(ctx ssh.Context, key ssh.PublicKey) bool {
	if _, ok := s.opts.Keys.Lookup(key); ok {
		return true
	}
	s.log.Info("ssh key refused", "fingerprint", gossh.FingerprintSHA256(key), "user", ctx.User(),
		"remote", ctx.RemoteAddr().String())
	return false
}

// Serve accepts connections on ln until Shutdown. It returns nil after a
// shutdown.
func (s *Server) Serve(ln net.Listener) error {
	if !s.track(ln) {
		_ = ln.Close()
		return nil
	}
	s.log.Info("ssh server listening", "addr", ln.Addr().String(), "keys", len(s.opts.Keys.list),
		"max_sessions", s.opts.MaxSessions, "idle_timeout", s.opts.IdleTimeout.String())
	err := s.srv.Serve(ln)
	if errors.Is(err, ssh.ErrServerClosed) || s.isClosing() && errors.Is(err, net.ErrClosed) {
		return nil
	}
	return err
}

func (s *Server) track(ln net.Listener) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return false
	}
	s.listeners = append(s.listeners, ln)
	return true
}

func (s *Server) isClosing() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closing
}

func (s *Server) closeListeners() {
	s.mu.Lock()
	s.closing = true
	lns := s.listeners
	s.listeners = nil
	s.mu.Unlock()
	for _, ln := range lns {
		_ = ln.Close()
	}
}

// Pending reports how many connections have not authenticated yet.
func (s *Server) Pending() int { return s.gate.count() }

// Sessions reports how many sessions are open.
func (s *Server) Sessions() int { return s.reg.count() }

// Shutdown refuses new sessions, tells every open one that the server is
// shutting down and ends it, then closes the connections. If ctx ends
// first, what is left is closed at once and ctx's error returned.
func (s *Server) Shutdown(ctx context.Context) error {
	s.log.Info("ssh server shutting down", "sessions", s.reg.count())
	s.closeListeners()
	s.reg.shutdown()
	waitErr := s.reg.wait(ctx)
	// ssh.Server.Close, not Shutdown: Shutdown waits on a WaitGroup that a
	// Serve still starting may add to (a data race), and would keep waiting
	// for connections that hold no session any more.
	if err := s.srv.Close(); err != nil && waitErr == nil && !errors.Is(err, net.ErrClosed) {
		return err
	}
	return waitErr
}

// RouteLibraryLogs sends what wish itself logs (a session's program that
// ended with an error, such as a client that left) to log rather than to
// stderr. It sets a process-wide logger of the charmbracelet/log package:
// call it once, from the command.
func RouteLibraryLogs(log *slog.Logger) {
	charmlog.SetReportTimestamp(false)
	charmlog.SetOutput(lineLogger{log: log})
}

// lineLogger turns each line written to it into a log record.
type lineLogger struct{ log *slog.Logger }

func (l lineLogger) Write(p []byte) (int, error) {
	for _, line := range strings.Split(strings.TrimSpace(string(p)), "\n") {
		if line != "" {
			l.log.Info("wish: " + line)
		}
	}
	return len(p), nil
}

// printfLogger hands wish's Printf-style logs to slog (the log file).
type printfLogger struct {
	log   *slog.Logger
	level slog.Level
}

func (p printfLogger) Printf(format string, v ...any) {
	p.log.Log(context.Background(), p.level, strings.TrimSpace(fmt.Sprintf(format, v...)))
}
