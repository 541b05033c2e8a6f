package sshserver

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	"github.com/stretchr/testify/require"
	gossh "golang.org/x/crypto/ssh"

	"loyaltydesk/sshserver/sshtest"
)

const wait = 15 * time.Second

// echoModel shows what the server gave the session, and what was typed.
type echoModel struct {
	profile string
	r       *lipgloss.Renderer
	w, h    int
	typed   string
}

func (m *echoModel) Init() tea.Cmd { return nil }

func (m *echoModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
	case tea.KeyMsg:
		if msg.Type == tea.KeyCtrlC {
			return m, tea.Quit
		}
		m.typed += msg.String()
	}
	return m, nil
}

var profileNames = map[int]string{0: "TrueColor", 1: "ANSI256", 2: "ANSI", 3: "Ascii"}

func (m *echoModel) View() string {
	return fmt.Sprintf("profile=%s size=%dx%d colours=%s dark=%v typed=%s.",
		m.profile, m.w, m.h, profileNames[int(m.r.ColorProfile())], m.r.HasDarkBackground(), m.typed)
}

func echoFactory(_ context.Context, _ ssh.Session, profile string, r *lipgloss.Renderer) (tea.Model, error) {
	return &echoModel{profile: profile, r: r}, nil
}

// testKeys are two staff keys on two profiles, and one key nobody listed.
type testKeys struct {
	north, south, stranger gossh.Signer
	file                   string
}

func newTestKeys(t testing.TB) testKeys {
	t.Helper()
	north, northLine, err := sshtest.NewKey()
	require.NoError(t, err)
	south, southLine, err := sshtest.NewKey()
	require.NoError(t, err)
	stranger, _, err := sshtest.NewKey()
	require.NoError(t, err)
	file := fmt.Sprintf("# staff\n%s alice profile=north\nprofile=\"south\" %s bob\n", northLine, southLine)
	return testKeys{north: north, south: south, stranger: stranger, file: file}
}

type testServer struct {
	srv     *Server
	addr    string
	hostKey gossh.PublicKey
	served  chan error
	log     *syncBuffer
}

// syncBuffer is a log sink safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func startServer(t testing.TB, keys testKeys, opts Options) *testServer {
	t.Helper()
	host, _, err := sshtest.NewKey()
	require.NoError(t, err)
	ak, err := ParseAuthorizedKeys("authorized_keys", strings.NewReader(keys.file))
	require.NoError(t, err)
	logBuf := &syncBuffer{}
	opts.HostKey, opts.Keys = host, ak
	opts.Log = slog.New(slog.NewTextHandler(logBuf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	if opts.NewModel == nil {
		opts.NewModel = echoFactory
	}
	srv, err := New(opts)
	require.NoError(t, err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ts := &testServer{srv: srv, addr: ln.Addr().String(), hostKey: host.PublicKey(), served: make(chan error, 1), log: logBuf}
	go func() { ts.served <- srv.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		<-ts.served
	})
	return ts
}

func (ts *testServer) dial(t testing.TB, signers ...gossh.Signer) *gossh.Client {
	t.Helper()
	c, err := sshtest.Dial(ts.addr, ts.hostKey, gossh.PublicKeys(signers...))
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func (ts *testServer) open(t testing.TB, signer gossh.Signer, opts sshtest.TerminalOptions) *sshtest.Terminal {
	t.Helper()
	term, err := sshtest.Open(ts.dial(t, signer), opts)
	require.NoError(t, err)
	t.Cleanup(func() { _ = term.Close() })
	return term
}

func requireScreen(t testing.TB, term *sshtest.Terminal, texts ...string) {
	t.Helper()
	if err := term.WaitFor(wait, texts...); err != nil {
		t.Fatalf("waiting for %q: %v; screen:\n%s", texts, err, term.Screen())
	}
}

func TestSessionGetsItsProfileSizeAndInput(t *testing.T) {
	keys := newTestKeys(t)
	ts := startServer(t, keys, Options{})
	term := ts.open(t, keys.north, sshtest.TerminalOptions{Width: 100, Height: 30})
	requireScreen(t, term, "profile=north size=100x30")

	require.NoError(t, term.Resize(72, 20))
	requireScreen(t, term, "size=72x20")
	require.NoError(t, term.Type("hi"))
	requireScreen(t, term, "typed=hi.")

	require.NoError(t, term.Type("\x03"))
	require.NoError(t, term.Wait(wait), "ctrl+c ends the session with status 0")
	require.Contains(t, ts.log.String(), "ssh session start")
	require.Contains(t, ts.log.String(), "profile=north")
}

func TestEachKeyGetsOnlyItsOwnProfile(t *testing.T) {
	keys := newTestKeys(t)
	ts := startServer(t, keys, Options{})
	north := ts.open(t, keys.north, sshtest.TerminalOptions{})
	south := ts.open(t, keys.south, sshtest.TerminalOptions{})
	requireScreen(t, north, "profile=north")
	requireScreen(t, south, "profile=south")
	require.NotContains(t, north.Screen(), "profile=south")
	require.NotContains(t, south.Screen(), "profile=north")
}

// The public-key callback also answers offers of keys that never
// authenticate, so the session chain checks the session's own key again.
// Here the callback approves every key, and checkKey alone must hold the
// line.
func TestSessionKeyIsCheckedAgainAfterAuthentication(t *testing.T) {
	keys := newTestKeys(t)
	ak, err := ParseAuthorizedKeys("authorized_keys", strings.NewReader(keys.file))
	require.NoError(t, err)
	host, _, err := sshtest.NewKey()
	require.NoError(t, err)
	s := &Server{opts: Options{Keys: ak}, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	reached := func(sess ssh.Session) {
		k, _ := sessionKey(sess)
		wish.Println(sess, "reached as "+k.Profile)
	}
	srv, err := wish.NewServer(
		func(srv *ssh.Server) error { srv.AddHostKey(host); return nil },
		wish.WithPublicKeyAuth(func(ssh.Context, ssh.PublicKey) bool { return true }),
	)
	require.NoError(t, err)
	srv.Handler = s.checkKey(reached)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })

	run := func(signer gossh.Signer) (*sshtest.Terminal, error) {
		c, err := sshtest.Dial(ln.Addr().String(), host.PublicKey(), gossh.PublicKeys(signer))
		require.NoError(t, err)
		t.Cleanup(func() { _ = c.Close() })
		term, err := sshtest.Open(c, sshtest.TerminalOptions{})
		require.NoError(t, err)
		return term, term.Wait(wait)
	}
	term, err := run(keys.stranger)
	var exit *gossh.ExitError
	require.ErrorAs(t, err, &exit)
	require.Equal(t, 1, exit.ExitStatus())
	require.Contains(t, term.Screen(), "Your key is not allowed here.")
	require.NotContains(t, term.Screen(), "reached")

	term, err = run(keys.south)
	require.NoError(t, err)
	require.Contains(t, term.Screen(), "reached as south")
}

func TestUnknownKeyIsRefused(t *testing.T) {
	keys := newTestKeys(t)
	ts := startServer(t, keys, Options{})
	_, err := sshtest.Dial(ts.addr, ts.hostKey, gossh.PublicKeys(keys.stranger))
	require.Error(t, err)
	require.Contains(t, err.Error(), "unable to authenticate")
	require.Contains(t, ts.log.String(), "ssh key refused")
	require.Contains(t, ts.log.String(), gossh.FingerprintSHA256(keys.stranger.PublicKey()))
	require.Zero(t, ts.srv.Sessions())
}

func TestPasswordAndKeyboardInteractiveAreNeverOffered(t *testing.T) {
	keys := newTestKeys(t)
	ts := startServer(t, keys, Options{})
	asked := false
	_, err := sshtest.Dial(ts.addr, ts.hostKey,
		gossh.Password("1959caadac9b13dcb3"),
		gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) {
			asked = true
			return []string{"1959caadac9b13dcb3"}, nil
		}),
		gossh.PasswordCallback(func() (string, error) {
			asked = true
			return "1959caadac9b13dcb3", nil
		}),
	)
	require.Error(t, err)
	require.Contains(t, err.Error(), "no supported methods remain",
		"the server lists only publickey, so the client has nothing to try")
	require.False(t, asked, "the client was never asked for a password")
	require.NotContains(t, ts.log.String(), "1959caadac9b13dcb3")
}

func TestSessionWithoutTerminalGetsAMessage(t *testing.T) {
	keys := newTestKeys(t)
	ts := startServer(t, keys, Options{})
	term := ts.open(t, keys.north, sshtest.TerminalOptions{NoPty: true})
	requireScreen(t, term, "needs an interactive terminal")
	var exit *gossh.ExitError
	require.ErrorAs(t, term.Wait(wait), &exit)
	require.Equal(t, 1, exit.ExitStatus())
	require.NotContains(t, term.Screen(), "profile=north")
}

func TestCommandsAreRefused(t *testing.T) {
	keys := newTestKeys(t)
	ts := startServer(t, keys, Options{})
	term := ts.open(t, keys.north, sshtest.TerminalOptions{Command: "cat /etc/passwd"})
	requireScreen(t, term, "takes no commands")
	var exit *gossh.ExitError
	require.ErrorAs(t, term.Wait(wait), &exit)
	require.Equal(t, 1, exit.ExitStatus())
	require.NotContains(t, term.Screen(), "root:")
}

func TestSessionLimitTurnsAwayTheNextOne(t *testing.T) {
	keys := newTestKeys(t)
	ts := startServer(t, keys, Options{MaxSessions: 1})
	first := ts.open(t, keys.north, sshtest.TerminalOptions{})
	requireScreen(t, first, "profile=north")

	second := ts.open(t, keys.south, sshtest.TerminalOptions{})
	requireScreen(t, second, "Too many sessions are open right now (limit 1); try later.")
	var exit *gossh.ExitError
	require.ErrorAs(t, second.Wait(wait), &exit)
	require.Equal(t, 1, exit.ExitStatus())

	require.NoError(t, first.Type("\x03"))
	require.NoError(t, first.Wait(wait))
	require.Eventually(t, func() bool { return ts.srv.Sessions() == 0 }, wait, 5*time.Millisecond)
	third := ts.open(t, keys.south, sshtest.TerminalOptions{})
	requireScreen(t, third, "profile=south")
}

func TestIdleSessionIsClosedWithANotice(t *testing.T) {
	keys := newTestKeys(t)
	ts := startServer(t, keys, Options{IdleTimeout: 300 * time.Millisecond})
	term := ts.open(t, keys.north, sshtest.TerminalOptions{})
	requireScreen(t, term, "profile=north")
	requireScreen(t, term, "Closed after 300ms without input. Connect again to carry on.")
	require.NoError(t, term.Wait(wait))
	require.Contains(t, ts.log.String(), "reason=idle")
}

func TestShutdownTellsEverySession(t *testing.T) {
	keys := newTestKeys(t)
	ts := startServer(t, keys, Options{})
	north := ts.open(t, keys.north, sshtest.TerminalOptions{})
	south := ts.open(t, keys.south, sshtest.TerminalOptions{})
	requireScreen(t, north, "profile=north")
	requireScreen(t, south, "profile=south")

	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	require.NoError(t, ts.srv.Shutdown(ctx))
	for _, term := range []*sshtest.Terminal{north, south} {
		requireScreen(t, term, "The server is shutting down")
		require.NoError(t, term.Wait(wait))
		require.Contains(t, term.Raw(), "\x1b[?1049l", "the client's screen is restored")
	}
	require.NoError(t, <-ts.served)
	ts.served <- nil // for the cleanup
	_, err := sshtest.Dial(ts.addr, ts.hostKey, gossh.PublicKeys(keys.north))
	require.Error(t, err, "no new connections after shutdown")
}

func TestRendererFollowsEachClientsTerminal(t *testing.T) {
	keys := newTestKeys(t)
	ts := startServer(t, keys, Options{})
	light := ts.open(t, keys.north, sshtest.TerminalOptions{Background: "rgb:ffff/ffff/ffff"})
	dark := ts.open(t, keys.north, sshtest.TerminalOptions{Background: "rgb:0000/0000/0000"})
	dumb := ts.open(t, keys.south, sshtest.TerminalOptions{Term: "dumb"})
	requireScreen(t, light, "colours=ANSI256 dark=false")
	requireScreen(t, dark, "colours=ANSI256 dark=true")
	requireScreen(t, dumb, "colours=Ascii")
}

func TestModelThatCannotStartIsExplained(t *testing.T) {
	keys := newTestKeys(t)
	ts := startServer(t, keys, Options{NewModel: func(context.Context, ssh.Session, string, *lipgloss.Renderer) (tea.Model, error) {
		return nil, errors.New("profile north has no API URL")
	}})
	term := ts.open(t, keys.north, sshtest.TerminalOptions{})
	requireScreen(t, term, "Could not start the app: profile north has no API URL")
	var exit *gossh.ExitError
	require.ErrorAs(t, term.Wait(wait), &exit)
	require.Equal(t, 1, exit.ExitStatus())
}

// A shutdown right after Serve starts (a signal during start-up) must not
// leave Serve accepting forever.
func TestShutdownRightAfterServeStarts(t *testing.T) {
	keys := newTestKeys(t)
	host, _, err := sshtest.NewKey()
	require.NoError(t, err)
	ak, err := ParseAuthorizedKeys("authorized_keys", strings.NewReader(keys.file))
	require.NoError(t, err)
	for range 50 {
		srv, err := New(Options{HostKey: host, Keys: ak, NewModel: echoFactory})
		require.NoError(t, err)
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		served := make(chan error, 1)
		go func() { served <- srv.Serve(ln) }()
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		require.NoError(t, srv.Shutdown(ctx))
		cancel()
		select {
		case err := <-served:
			require.NoError(t, err)
		case <-time.After(wait):
			t.Fatal("Serve still running after Shutdown")
		}
	}
}

func TestLibraryLogLinesGoToTheLog(t *testing.T) {
	var buf syncBuffer
	w := lineLogger{log: slog.New(slog.NewTextHandler(&buf, nil))}
	line := []byte("ERRO app exit with error error=\"program was killed\"\n\n")
	n, err := w.Write(line)
	require.NoError(t, err)
	require.Equal(t, len(line), n)
	require.Contains(t, buf.String(), `msg="wish: ERRO app exit with error error=\"program was killed\""`)
	require.Equal(t, 1, strings.Count(buf.String(), "\n"))
}
