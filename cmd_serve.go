package main

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"

	"loyaltydesk/apiclient/fakeserver/backend"
	"loyaltydesk/config"
	"loyaltydesk/custindex"
	"loyaltydesk/sshserver"
	"loyaltydesk/ui"
)

// authorizedKeysFileName is the default authorized-keys file in the state dir.
const authorizedKeysFileName = "authorized_keys"

// shutdownGrace is how long a SIGINT/SIGTERM shutdown waits for sessions to
// end after telling them.
const shutdownGrace = 10 * time.Second

// serveOptions are the serve command's settings.
type serveOptions struct {
	addr           string
	hostKey        string // "" means the state dir's key, created on first run
	authorizedKeys string // "" means authorized_keys in the state dir
	demo           bool
	demoLive       time.Duration // live activity of the demo's fake server; 0: none
	maxSessions    int
	idleTimeout    time.Duration // 0: never
	configPath     string
	logPath        string
	noColor        bool
}

func serveCommand(args []string, stdout, stderr io.Writer) error {
	o, err := parseServeFlags(args, stdout)
	if err != nil {
		return err
	}
	ctx, stop := untilInterrupted()
	defer stop()
	srv, err := setupServe(ctx, o, stderr)
	if err != nil {
		return err
	}
	defer srv.close()
	sshserver.RouteLibraryLogs(srv.log)
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return fmt.Errorf("cannot listen for SSH on %s: %w", o.addr, err)
	}
	fmt.Fprintln(stdout, srv.banner(ln.Addr()))
	served := make(chan error, 1)
	go func() { served <- srv.ssh.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	fmt.Fprintf(stdout, "shutting down: telling %d open session(s)…\n", srv.ssh.Sessions())
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.ssh.Shutdown(shutdownCtx); err != nil {
		srv.log.Warn("ssh shutdown did not finish cleanly", "error", err.Error())
	}
	return <-served
}

func parseServeFlags(args []string, stdout io.Writer) (serveOptions, error) {
	fs := newFlagSet("serve", "Serve the app over SSH to the staff keys listed in an authorized-keys file; "+
		"each key line names its profile: profile=\"NAME\" as an option, or profile=NAME in the comment", stdout)
	o := serveOptions{demoLive: 2 * time.Second}
	fs.StringVar(&o.addr, "ssh", "127.0.0.1:2222", "`address` to listen on for SSH")
	fs.StringVar(&o.hostKey, "host-key", "", "host private key `file` (default "+sshserver.HostKeyFileName+
		" in the state dir, an ed25519 key created on first run)")
	fs.StringVar(&o.authorizedKeys, "authorized-keys", "", "authorized-keys `file` in OpenSSH format (default "+
		authorizedKeysFileName+" in the state dir)")
	fs.BoolVar(&o.demo, "demo", false, "serve the demo (built-in fake server) to every key in the file, whatever profile it names")
	fs.IntVar(&o.maxSessions, "max-sessions", sshserver.DefaultMaxSessions, "most sessions open at once")
	fs.DurationVar(&o.idleTimeout, "idle-timeout", sshserver.DefaultIdleTimeout, "close a session after this long without input (0: never)")
	fs.StringVar(&o.configPath, "config", "", "configuration `file` with the profiles (default ~/.config/loyaltydesk/config.toml; env "+config.EnvConfig+")")
	fs.StringVar(&o.logPath, "log", "", "log `file` (default "+config.LogFileName+" in the state dir; demo/demo.log there with --demo)")
	fs.BoolVar(&o.noColor, "no-color", false, "no colours for any session (a client's NO_COLOR also counts)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("serve takes no arguments, got %q", strings.Join(fs.Args(), " "))
	}
	return o, checkServeOptions(o)
}

func checkServeOptions(o serveOptions) error {
	switch {
	case o.maxSessions < 1:
		return errors.New("--max-sessions must be 1 or more")
	case o.idleTimeout < 0:
		return errors.New("--idle-timeout cannot be negative (0 means never)")
	case o.idleTimeout > 0 && o.idleTimeout < time.Second:
		return fmt.Errorf("--idle-timeout %s is too short; give at least 1s (0 means never)", o.idleTimeout)
	}
	return nil
}

// serving is a set-up SSH server with what it needs closed afterwards.
type serving struct {
	ssh     *sshserver.Server
	log     *slog.Logger
	hostKey gossh.PublicKey
	keys    *sshserver.AuthorizedKeys
	demo    bool
	closers []func()
}

func (s *serving) close() {
	for i := len(s.closers) - 1; i >= 0; i-- {
		s.closers[i]()
	}
}

func (s *serving) banner(addr net.Addr) string {
	mode := "profiles from the configuration"
	if s.demo {
		mode = "the demo, for every key"
	}
	return fmt.Sprintf("loyaltydesk serving over SSH on %s (%s; %d key(s) from %s; host key %s)",
		addr, mode, len(s.keys.Keys()), s.keys.Source(), gossh.FingerprintSHA256(s.hostKey))
}

// setupServe reads the keys, the host key and the profiles (or starts the
// demo's fake server) and builds the SSH server. Warnings go to stderr.
func setupServe(ctx context.Context, o serveOptions, stderr io.Writer) (*serving, error) {
	stateDir, err := config.EnsureStateDir()
	if err != nil {
		return nil, err
	}
	srv := &serving{demo: o.demo}
	if err := srv.setup(ctx, o, stateDir, stderr); err != nil {
		srv.close()
		return nil, err
	}
	return srv, nil
}

func (s *serving) setup(ctx context.Context, o serveOptions, stateDir string, stderr io.Writer) error {
	keys, err := sshserver.LoadAuthorizedKeys(orDefault(o.authorizedKeys, stateDir, authorizedKeysFileName))
	if err != nil {
		return err
	}
	s.keys = keys
	host, err := loadServeHostKey(o.hostKey, stateDir)
	if err != nil {
		return err
	}
	s.hostKey = host.PublicKey()
	var factory sshserver.ModelFactory
	if o.demo {
		factory, err = s.demoSessions(ctx, o)
	} else {
		factory, err = s.profileSessions(ctx, o, stateDir, stderr)
	}
	if err != nil {
		return err
	}
	idle := o.idleTimeout
	if idle == 0 {
		idle = -1 // sshserver: negative means never
	}
	s.ssh, err = sshserver.New(sshserver.Options{
		HostKey: host, Keys: keys, NewModel: factory, MaxSessions: o.maxSessions,
		IdleTimeout: idle, Log: s.log, Version: "loyaltydesk-" + version,
		Notice: func(text string) tea.Msg { return ui.StatusMsg{Kind: ui.StatusWarning, Text: text} },
		FPS:    ui.FrameRate,
	})
	return err
}

func orDefault(path, dir, name string) string {
	if path != "" {
		return path
	}
	return filepath.Join(dir, name)
}

func loadServeHostKey(path, stateDir string) (gossh.Signer, error) {
	if path != "" {
		return sshserver.LoadHostKey(path)
	}
	return sshserver.LoadOrCreateHostKey(stateDir)
}

// demoSessions starts the demo's fake server and returns a factory that
// gives every session the demo account, each with its own API client.
func (s *serving) demoSessions(ctx context.Context, o serveOptions) (sshserver.ModelFactory, error) {
	backend, err := backend.Start(ctx, backend.Options{Addr: "127.0.0.1:0", Seed: 1, Live: o.demoLive, UserAgent: demoUserAgent})
	if err != nil {
		return nil, err
	}
	s.closers = append(s.closers, func() { _ = backend.Close() })
	template, closeLog, err := demoSpec(ctx, backend, o.logPath)
	if err != nil {
		return nil, err
	}
	s.closers = append(s.closers, closeLog)
	s.log = template.log
	template.settings = withPrivate(template.settings, o.authorizedKeys, o.hostKey)
	return func(ctx context.Context, sess ssh.Session, _ string, r *lipgloss.Renderer) (tea.Model, error) {
		spec := template
		spec.ctx, spec.renderer = ctx, r
		spec.noColor = o.noColor || clientWantsNoColor(sess)
		api, err := backend.DemoClient()
		if err != nil {
			return nil, err
		}
		spec.api = api
		spec.settings.Till = demoTill() // each session is its own till
		return newApp(spec)
	}, nil
}

// profileSessions checks that every key names a usable profile and returns
// a factory that builds each session from its key's profile alone.
func (s *serving) profileSessions(ctx context.Context, o serveOptions, stateDir string, stderr io.Writer) (sshserver.ModelFactory, error) {
	path, err := config.FilePath(o.configPath, nil)
	if err != nil {
		return nil, err
	}
	cfg, warnings, err := config.Read(path)
	if err != nil {
		return nil, err
	}
	for _, w := range warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	if err := s.keys.CheckProfiles(func(name string) error { _, err := profileClient(cfg, name); return err }); err != nil {
		return nil, fmt.Errorf("the authorized keys name profiles that cannot be used:\n%w", err)
	}
	log, closer, err := config.OpenLog(o.logPath)
	if err != nil {
		return nil, err
	}
	s.log = log
	s.closers = append(s.closers, func() { _ = closer.Close() })
	ps := &profileSessionFactory{configPath: path, stateDir: stateDir, noColor: o.noColor, log: log,
		indexes: custindex.NewRegistry(ctx, log), outboxes: newSharedOutboxes(ctx),
		private: nonEmpty(stateDir, o.authorizedKeys, o.hostKey)}
	return ps.newModel, nil
}

// profileSessionFactory builds sessions from the configuration file, read
// again for each session so that a token saved by one session (or an edit
// of the file) reaches the next one without a restart.
type profileSessionFactory struct {
	configPath string
	stateDir   string
	noColor    bool
	log        *slog.Logger
	// saveMu keeps sessions from rewriting the configuration at once.
	saveMu sync.Mutex
	// indexes holds one customer index per profile, shared by its sessions;
	// outboxes one till queue.
	indexes  *custindex.Registry
	outboxes *sharedOutboxes
	// private: the state dir and the SSH key files, which no session's
	// import may read (the configuration is added by settingsFor).
	private []string
}

func (f *profileSessionFactory) newModel(ctx context.Context, sess ssh.Session, profile string, r *lipgloss.Renderer) (tea.Model, error) {
	cfg, _, err := config.Read(f.configPath)
	if err != nil {
		return nil, err
	}
	p, err := cfg.Profile(profile)
	if err != nil {
		return nil, err
	}
	api, err := clientFor(p)
	if err != nil {
		return nil, err
	}
	dir, err := profileStateDir(f.stateDir, p.Name)
	if err != nil {
		return nil, err
	}
	settings := f.settings(p, cfg.Path)
	if t := settings.Till; t != nil {
		t.Outbox, t.OutboxErr = f.outboxes.For(dir)
	}
	log := f.log.With("profile", p.Name, "session", shortID(sess.Context().SessionID()))
	if settings.Till != nil && settings.Till.OutboxErr != nil {
		log.Warn("till queue not available", "err", settings.Till.OutboxErr)
	}
	return newApp(sessionSpec{
		ctx: ctx, api: api, renderer: r, keys: cfg.Keys, stateDir: dir,
		customers: f.indexes.For(customerIndexPath(f.stateDir, p.Name), indexSource(api)),
		noColor:   f.noColor || p.NoColor || clientWantsNoColor(sess),
		session:   ui.Session{Profile: p.Name, StoreName: p.StoreName, UserID: p.UserID, AccountID: p.AccountID},
		settings:  settings,
		log:       log,
	})
}

func (f *profileSessionFactory) settings(p config.Profile, configPath string) ui.Settings {
	s := withPrivate(settingsFor(p, configPath), f.private...)
	if save := s.SaveToken; save != nil {
		s.SaveToken = func(token string) error {
			f.saveMu.Lock()
			defer f.saveMu.Unlock()
			return save(token)
		}
	}
	return s
}

// profileClient checks that a profile exists and can make an API client.
func profileClient(cfg *config.Config, name string) (config.Profile, error) {
	p, err := cfg.Profile(name)
	if err != nil {
		return p, err
	}
	_, err = clientFor(p)
	return p, err
}

// profileStateDir gives each profile its own state directory, so sessions
// of one store never see another's drafts.
func profileStateDir(stateDir, profile string) (string, error) {
	dir := filepath.Join(stateDir, "ssh", safeFileName(profile))
	return dir, os.MkdirAll(dir, 0o700)
}

func safeFileName(name string) string {
	clean := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			return r
		}
		return '_'
	}, name)
	if clean != name {
		// Different names must not share a folder once cleaned.
		h := fnv.New32a()
		_, _ = h.Write([]byte(name))
		clean += fmt.Sprintf("-%08x", h.Sum32())
	}
	return clean
}

func shortID(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}

// clientWantsNoColor honours NO_COLOR when the client sends it (SendEnv).
func clientWantsNoColor(sess ssh.Session) bool {
	for _, kv := range sess.Environ() {
		if v, ok := strings.CutPrefix(kv, config.EnvNoColor+"="); ok && v != "" {
			return true
		}
	}
	return false
}
