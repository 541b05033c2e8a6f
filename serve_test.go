package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	gossh "golang.org/x/crypto/ssh"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/config"
	"loyaltydesk/sshserver"
	"loyaltydesk/sshserver/sshtest"
)

const serveWait = 20 * time.Second

// servedApp is a running `serve` on a loopback port.
type servedApp struct {
	addr    string
	hostKey gossh.PublicKey
	srv     *serving
}

// startServe runs setupServe and Serve with a fresh state dir; o needs only
// the fields the test cares about.
func startServe(t testing.TB, o serveOptions) *servedApp {
	t.Helper()
	t.Setenv(config.EnvStateDir, t.TempDir())
	if o.maxSessions == 0 {
		o.maxSessions = sshserver.DefaultMaxSessions
	}
	if o.idleTimeout == 0 {
		o.idleTimeout = sshserver.DefaultIdleTimeout
	}
	ctx, cancel := context.WithCancel(context.Background())
	srv, err := setupServe(ctx, o, io.Discard)
	require.NoError(t, err)
	sshserver.RouteLibraryLogs(srv.log)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	served := make(chan error, 1)
	go func() { served <- srv.ssh.Serve(ln) }()
	t.Cleanup(func() {
		shutdownCtx, done := context.WithTimeout(context.Background(), 10*time.Second)
		defer done()
		_ = srv.ssh.Shutdown(shutdownCtx)
		<-served
		cancel()
		srv.close()
	})
	return &servedApp{addr: ln.Addr().String(), hostKey: srv.hostKey, srv: srv}
}

func (a *servedApp) open(t testing.TB, signer gossh.Signer) *sshtest.Terminal {
	t.Helper()
	c, err := sshtest.Dial(a.addr, a.hostKey, gossh.PublicKeys(signer))
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Close() })
	term, err := sshtest.Open(c, sshtest.TerminalOptions{Term: "xterm-256color", Width: 100, Height: 30})
	require.NoError(t, err)
	t.Cleanup(func() { _ = term.Close() })
	return term
}

func waitScreen(t testing.TB, term *sshtest.Terminal, texts ...string) {
	t.Helper()
	if err := term.WaitFor(serveWait, texts...); err != nil {
		t.Fatalf("waiting for %q: %v; screen so far:\n%s", texts, err, tail(term.Screen(), 3000))
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

func writeFile(t testing.TB, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(path, []byte(text), 0o600))
	return path
}

func newKey(t testing.TB) (gossh.Signer, string) {
	t.Helper()
	s, line, err := sshtest.NewKey()
	require.NoError(t, err)
	return s, line
}

func TestServeDemoOverSSH(t *testing.T) {
	staff, staffLine := newKey(t)
	stranger, _ := newKey(t)
	keys := writeFile(t, t.TempDir(), "authorized_keys", staffLine+" alice@office\n")
	app := startServe(t, serveOptions{authorizedKeys: keys, demo: true})

	term := app.open(t, staff)
	waitScreen(t, term, "DEMO", "card / code")
	require.NoError(t, term.Type(fakeserver.DemoCard+"\r"))
	waitScreen(t, term, fakeserver.DemoFirstName+" "+fakeserver.DemoLastName)

	_, err := sshtest.Dial(app.addr, app.hostKey, gossh.PublicKeys(stranger))
	require.ErrorContains(t, err, "unable to authenticate", "a key missing from the file is refused")
	_, err = sshtest.Dial(app.addr, app.hostKey, gossh.Password(fakeserver.DemoPassword))
	require.ErrorContains(t, err, "unable to authenticate", "passwords are refused")

	require.NoError(t, term.Type("\x03"))
	require.NoError(t, term.Wait(serveWait), "ctrl+c ends the session")
}

// Colours follow each client: a client that sends NO_COLOR gets the app's
// no-colour look, the one next to it keeps its 256 colours.
func TestServeHonoursTheClientsNoColor(t *testing.T) {
	staff, line := newKey(t)
	keys := writeFile(t, t.TempDir(), "authorized_keys", line+"\n")
	app := startServe(t, serveOptions{authorizedKeys: keys, demo: true})
	open := func(env map[string]string) *sshtest.Terminal {
		c, err := sshtest.Dial(app.addr, app.hostKey, gossh.PublicKeys(staff))
		require.NoError(t, err)
		t.Cleanup(func() { _ = c.Close() })
		term, err := sshtest.Open(c, sshtest.TerminalOptions{Env: env})
		require.NoError(t, err)
		t.Cleanup(func() { _ = term.Close() })
		return term
	}
	plain := open(map[string]string{"NO_COLOR": "1"})
	coloured := open(nil)
	waitScreen(t, plain, "DEMO", "[online]")
	waitScreen(t, coloured, "DEMO", "[online]")
	require.NotRegexp(t, `\x1b\[[0-9;]*[34]8;[25];`, plain.Raw())
	require.Regexp(t, `\x1b\[[0-9;]*38;5;`, coloured.Raw())
	// The app's own no-colour look: square corners instead of round ones.
	require.Contains(t, plain.Screen(), "┌")
	require.NotContains(t, plain.Screen(), "╭")
	require.Contains(t, coloured.Screen(), "╭")
}

func TestServeCreatesAPrivateHostKeyInTheStateDir(t *testing.T) {
	_, line := newKey(t)
	keys := writeFile(t, t.TempDir(), "authorized_keys", line+"\n")
	app := startServe(t, serveOptions{authorizedKeys: keys, demo: true})
	path := filepath.Join(os.Getenv(config.EnvStateDir), sshserver.HostKeyFileName)
	signer, err := sshserver.LoadHostKey(path)
	require.NoError(t, err)
	require.Equal(t, app.hostKey.Marshal(), signer.PublicKey().Marshal())
	if runtime.GOOS != "windows" {
		info, err := os.Stat(path)
		require.NoError(t, err)
		require.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	}
}

// store is one fake loyalty server with an account name and a customer of
// its own.
type store struct {
	url, bizName, card, name string
}

func newStore(t *testing.T, seed uint64, bizName, card, first, last string) store {
	t.Helper()
	fake := httptest.NewServer(fakeserver.New(fakeserver.Options{Seed: seed, Customers: 50}))
	t.Cleanup(fake.Close)
	api, err := apiclient.New(apiclient.Options{BaseURL: fake.URL, Credentials: apiclient.Credentials{
		UserID: fakeserver.DemoOwnerID, Password: fakeserver.DemoOwnerPassword, AccountID: fakeserver.DemoAccountID}})
	require.NoError(t, err)
	ctx := context.Background()
	_, err = api.UpdateAccount(ctx, map[string]string{"biz_name": bizName})
	require.NoError(t, err)
	_, err = api.SaveCustomer(ctx, apiclient.SaveCustomerRequest{Action: apiclient.ActionNew, CardNumber: card,
		Fields: map[string]string{apiclient.FFirstName: first, apiclient.FLastName: last}})
	require.NoError(t, err)
	return store{url: fake.URL, bizName: bizName, card: card, name: first + " " + last}
}

// profileTOML sets no store_name, so the header shows the business name
// the profile's own server gives.
func profileTOML(name string, s store) string {
	return fmt.Sprintf(`
[profiles.%s]
url = %q
user_id = %q
password = %q
account_id = %q
`, name, s.url, fakeserver.DemoUserID, fakeserver.DemoPassword, fakeserver.DemoAccountID)
}

// Two keys on two profiles, each profile on its own server: every session
// sees its own account and finds only its own customers.
func TestServeGivesEachKeyOnlyItsProfile(t *testing.T) {
	north := newStore(t, 1, "North Widgets", "31313131", "Nora", "Northcott")
	south := newStore(t, 2, "South Widgets", "42424242", "Sid", "Southey")
	dir := t.TempDir()
	cfgPath := writeFile(t, dir, "config.toml", profileTOML("store-north", north)+profileTOML("store-south", south))
	northKey, northLine := newKey(t)
	southKey, southLine := newKey(t)
	keys := writeFile(t, dir, "authorized_keys",
		`profile="store-north" `+northLine+" nora\n"+southLine+" sid profile=store-south\n")
	app := startServe(t, serveOptions{authorizedKeys: keys, configPath: cfgPath})

	nt := app.open(t, northKey)
	st := app.open(t, southKey)
	waitScreen(t, nt, "North Widgets", "card / code")
	waitScreen(t, st, "South Widgets", "card / code")

	require.NoError(t, nt.Type(north.card+"\r"))
	require.NoError(t, st.Type(south.card+"\r"))
	waitScreen(t, nt, north.name)
	waitScreen(t, st, south.name)

	require.NoError(t, nt.Type(south.card+"\r"))
	require.NoError(t, st.Type(north.card+"\r"))
	waitScreen(t, nt, "Not found", strconv.Quote(south.card))
	waitScreen(t, st, "Not found", strconv.Quote(north.card))
	for _, leak := range []string{south.name, "South Widgets", "store-south"} {
		require.NotContains(t, nt.Screen(), leak)
	}
	for _, leak := range []string{north.name, "North Widgets", "store-north"} {
		require.NotContains(t, st.Screen(), leak)
	}
}

func TestServeRefusesKeysWithUnusableProfiles(t *testing.T) {
	north := newStore(t, 1, "North Widgets", "31313131", "Nora", "Northcott")
	dir := t.TempDir()
	cfgPath := writeFile(t, dir, "config.toml", profileTOML("store-north", north))
	_, a := newKey(t)
	_, b := newKey(t)
	_, c := newKey(t)
	keys := writeFile(t, dir, "authorized_keys", a+" profile=store-north\n"+b+" profile=store-west\n"+c+" carol\n")
	t.Setenv(config.EnvStateDir, t.TempDir())
	_, err := setupServe(context.Background(), serveOptions{authorizedKeys: keys, configPath: cfgPath,
		maxSessions: 1, idleTimeout: time.Minute}, io.Discard)
	require.ErrorContains(t, err, "authorized_keys:2:")
	require.ErrorContains(t, err, "store-west")
	require.ErrorContains(t, err, "authorized_keys:3: the key names no profile")
	require.NotContains(t, err.Error(), fakeserver.DemoPassword)
}

func TestServeFlags(t *testing.T) {
	o, err := parseServeFlags([]string{"--ssh", "127.0.0.1:0", "--demo", "--max-sessions", "3", "--idle-timeout", "2m"}, io.Discard)
	require.NoError(t, err)
	require.Equal(t, "127.0.0.1:0", o.addr)
	require.True(t, o.demo)
	require.Equal(t, 3, o.maxSessions)
	require.Equal(t, 2*time.Minute, o.idleTimeout)

	for args, want := range map[string]string{
		"--max-sessions 0":      "--max-sessions must be 1 or more",
		"--idle-timeout -1s":    "cannot be negative",
		"--idle-timeout 10ms":   "too short",
		"--demo extra-argument": "serve takes no arguments",
	} {
		_, err := parseServeFlags(strings.Fields(args), io.Discard)
		require.ErrorContains(t, err, want, args)
	}
}

func TestProfileStateDirsStayApart(t *testing.T) {
	require.Equal(t, "store-north", safeFileName("store-north"))
	require.NotEqual(t, safeFileName("a/b"), safeFileName("a_b"))
	require.NotContains(t, safeFileName("../../etc"), "/")
	require.NotContains(t, safeFileName("../../etc"), "..")
}

// BenchmarkIdleSessions opens 50 sessions of the demo, each showing the
// lookup screen, and reports the server's memory per idle session: live heap
// plus goroutine stacks, after GC. The SSH clients run in a child process so
// that only the server's memory is counted.
func BenchmarkIdleSessions(b *testing.B) {
	const sessions = 50
	dir := b.TempDir()
	keyPath, line := writeClientKey(b, dir)
	keys := writeFile(b, dir, "authorized_keys", line+"\n")
	app := startServe(b, serveOptions{authorizedKeys: keys, demo: true, demoLive: 0, maxSessions: sessions})
	var bytes, goroutines float64
	for i := 0; i < b.N; i++ {
		before, goroutinesBefore := memoryInUse(), runtime.NumGoroutine()
		clients := startClientProcess(b, app, keyPath, sessions)
		bytes += float64(memoryInUse() - before)
		goroutines += float64(runtime.NumGoroutine() - goroutinesBefore)
		clients.stop(b)
		require.Eventually(b, func() bool { return app.srv.ssh.Sessions() == 0 }, serveWait, 10*time.Millisecond)
	}
	n := float64(b.N * sessions)
	b.ReportMetric(bytes/n/(1<<20), "MB/session")
	b.ReportMetric(goroutines/n, "goroutines/session")
}

func memoryInUse() int64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc + m.StackInuse)
}

func writeClientKey(b *testing.B, dir string) (string, string) {
	b.Helper()
	path := filepath.Join(dir, "id_ed25519")
	_, line, err := sshtest.NewKeyFile(path)
	require.NoError(b, err)
	return path, line
}

// clientProcess is the child holding the sessions open.
type clientProcess struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
}

// startClientProcess runs TestHelperSSHClients in a child, which opens n
// sessions, waits until each shows the lookup screen, then says "ready".
func startClientProcess(b *testing.B, app *servedApp, keyPath string, n int) *clientProcess {
	b.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperSSHClients$", "-test.count=1")
	cmd.Env = append(os.Environ(),
		"LOYALTYDESK_SSH_HELPER=1",
		"LOYALTYDESK_SSH_ADDR="+app.addr,
		"LOYALTYDESK_SSH_KEY="+keyPath,
		"LOYALTYDESK_SSH_HOSTKEY="+strings.TrimSpace(string(gossh.MarshalAuthorizedKey(app.hostKey))),
		"LOYALTYDESK_SSH_SESSIONS="+strconv.Itoa(n))
	stdin, err := cmd.StdinPipe()
	require.NoError(b, err)
	stdout, err := cmd.StdoutPipe()
	require.NoError(b, err)
	cmd.Stderr = os.Stderr
	require.NoError(b, cmd.Start())
	ready := make(chan error, 1)
	go func() { ready <- waitForReady(stdout) }()
	select {
	case err := <-ready:
		require.NoError(b, err)
	case <-time.After(2 * time.Minute):
		_ = cmd.Process.Kill()
		b.Fatal("the client process did not open its sessions in time")
	}
	require.Eventually(b, func() bool { return app.srv.ssh.Sessions() == n }, serveWait, 10*time.Millisecond)
	return &clientProcess{cmd: cmd, stdin: stdin}
}

func waitForReady(r io.Reader) error {
	var out strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := r.Read(buf)
		out.Write(buf[:n])
		if strings.Contains(out.String(), "ready\n") {
			go func() { _, _ = io.Copy(io.Discard, r) }()
			return nil
		}
		if err != nil {
			return fmt.Errorf("client process: %v; output:\n%s", err, out.String())
		}
	}
}

func (c *clientProcess) stop(b *testing.B) {
	_ = c.stdin.Close() // the child ends when its stdin closes
	require.NoError(b, c.cmd.Wait())
}

// TestHelperSSHClients is the benchmark's child process, not a test.
func TestHelperSSHClients(t *testing.T) {
	if os.Getenv("LOYALTYDESK_SSH_HELPER") != "1" {
		t.Skip("runs only as BenchmarkIdleSessions' child process")
	}
	keyPEM, err := os.ReadFile(os.Getenv("LOYALTYDESK_SSH_KEY"))
	require.NoError(t, err)
	signer, err := gossh.ParsePrivateKey(keyPEM)
	require.NoError(t, err)
	hostKey, _, _, _, err := gossh.ParseAuthorizedKey([]byte(os.Getenv("LOYALTYDESK_SSH_HOSTKEY")))
	require.NoError(t, err)
	n, err := strconv.Atoi(os.Getenv("LOYALTYDESK_SSH_SESSIONS"))
	require.NoError(t, err)
	terms := make([]*sshtest.Terminal, 0, n)
	for range n {
		c, err := sshtest.Dial(os.Getenv("LOYALTYDESK_SSH_ADDR"), hostKey, gossh.PublicKeys(signer))
		require.NoError(t, err)
		defer c.Close()
		term, err := sshtest.Open(c, sshtest.TerminalOptions{Width: 100, Height: 30})
		require.NoError(t, err)
		terms = append(terms, term)
	}
	for _, term := range terms {
		waitScreen(t, term, "DEMO", "card / code", "[online]")
	}
	fmt.Println("ready")
	_, _ = io.Copy(io.Discard, os.Stdin)
}
