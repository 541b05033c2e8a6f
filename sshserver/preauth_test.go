package sshserver

import (
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"

	"loyaltydesk/sshserver/sshtest"
)

// flood opens n TCP connections that never say a word, from the loopback
// address from, and counts those the server closes.
type flood struct {
	conns  []net.Conn
	closed atomic.Int32
	wg     sync.WaitGroup
}

func startFlood(t *testing.T, addr, from string, n int) *flood {
	return startSayingFlood(t, addr, from, n, "")
}

// startSayingFlood is startFlood whose connections each send say first.
func startSayingFlood(t *testing.T, addr, from string, n int, say string) *flood {
	t.Helper()
	f := &flood{}
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}}
	for range n {
		c, err := d.Dial("tcp", addr)
		if err != nil {
			t.Errorf("dial: %v", err)
			return f
		}
		if say != "" {
			_, _ = c.Write([]byte(say))
		}
		f.conns = append(f.conns, c)
		f.wg.Add(1)
		go func() {
			defer f.wg.Done()
			buf := make([]byte, 512)
			for {
				if _, err := c.Read(buf); err != nil {
					f.closed.Add(1)
					return
				}
			}
		}()
	}
	t.Cleanup(func() {
		for _, c := range f.conns {
			_ = c.Close()
		}
		f.wg.Wait()
	})
	return f
}

// A staff key logs in while thousands of idle connections pour in, and the
// server holds no more of them than its limits.
func TestStaffLogsInDuringAFloodOfIdleConnections(t *testing.T) {
	ts := staffLogsInDuringAFlood(t, 2000, "")
	require.Less(t, strings.Count(ts.log.String(), "closed before authentication"), 100, "the log is not flooded")
}

// staffLogsInDuringAFlood pours n connections that each send say and wait
// from the loopback address, logs a staff key in during the flood, and
// checks that at most 8 of them were held.
func staffLogsInDuringAFlood(t *testing.T, n int, say string) *testServer {
	t.Helper()
	keys := newTestKeys(t)
	ts := startServer(t, keys, Options{MaxPending: 16, MaxPendingPerIP: 8, HandshakeTimeout: time.Minute})
	floods := make(chan *flood, 1)
	go func() { floods <- startSayingFlood(t, ts.addr, "127.0.0.1", n, say) }()
	// The staff key comes once the flood fills this address's places, not
	// before the first connection arrives.
	require.Eventually(t, func() bool { return ts.srv.Pending() >= 8 }, wait, time.Millisecond, "the flood holds its address's 8 places")

	term := ts.openDuringFlood(t, keys.north)
	requireScreen(t, term, "profile=north")
	f := <-floods
	require.Eventually(t, func() bool { return f.closed.Load() >= int32(n-8) }, wait, 10*time.Millisecond,
		"at most 8 connections of one address are held; %d of %d were closed", f.closed.Load(), n)
	require.LessOrEqual(t, ts.srv.Pending(), 8)
	return ts
}

// Idle connections from many addresses are held to the total limit.
func TestIdleConnectionsAreCappedInAll(t *testing.T) {
	keys := newTestKeys(t)
	ts := startServer(t, keys, Options{MaxPending: 16, MaxPendingPerIP: 8, HandshakeTimeout: time.Minute})
	var floods []*flood
	for _, from := range []string{"127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"} {
		floods = append(floods, startFlood(t, ts.addr, from, 100))
	}
	require.Eventually(t, func() bool {
		closed := 0
		for _, f := range floods {
			closed += int(f.closed.Load())
		}
		return closed >= 400-16
	}, wait, 10*time.Millisecond)
	require.LessOrEqual(t, ts.srv.Pending(), 16)
	term := ts.open(t, keys.south, sshtest.TerminalOptions{})
	requireScreen(t, term, "profile=south")
}

// A connection that does not authenticate in time is closed.
func TestHandshakeTimeout(t *testing.T) {
	keys := newTestKeys(t)
	ts := startServer(t, keys, Options{HandshakeTimeout: 100 * time.Millisecond})
	f := startFlood(t, ts.addr, "127.0.0.1", 3)
	require.Eventually(t, func() bool { return f.closed.Load() == 3 }, wait, 10*time.Millisecond)
	require.Contains(t, ts.log.String(), "no authentication within 100ms")

	term := ts.open(t, keys.north, sshtest.TerminalOptions{})
	requireScreen(t, term, "profile=north")
	require.Zero(t, ts.srv.Pending(), "an authenticated connection is no longer pending")
}

// gateCtx is the part of a connection's context the gate uses.
type gateCtx struct{ ssh.Context }

func (gateCtx) SetValue(key, value any) {}

// loopbackPair connects a client to a server-side connection on loopback.
func loopbackPair(t *testing.T, ln net.Listener) (client, server net.Conn) {
	t.Helper()
	client, err := net.Dial("tcp", ln.Addr().String())
	require.NoError(t, err)
	server, err = ln.Accept()
	require.NoError(t, err)
	t.Cleanup(func() { _ = client.Close(); _ = server.Close() })
	return client, server
}

// gateOnLoopback is a gate of 2 places per address, fed by connections
// on a loopback listener, with the addresses it evicted.
type gateOnLoopback struct {
	ln      net.Listener
	gate    *preAuthGate
	evicted []string
}

func newGateOnLoopback(t *testing.T) *gateOnLoopback {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { _ = ln.Close() })
	g := &gateOnLoopback{ln: ln}
	g.gate = newPreAuthGate(time.Minute, 16, 2, func(addr, why string) { g.evicted = append(g.evicted, addr) })
	return g
}

// admit connects a client that sends say, waits until the server side
// has it (unread, as when its handshake goroutine has not run yet) and
// admits that side, which it returns.
func (g *gateOnLoopback) admit(t *testing.T, say string) net.Conn {
	t.Helper()
	client, server := loopbackPair(t, g.ln)
	if say != "" {
		_, err := client.Write([]byte(say))
		require.NoError(t, err)
		require.Eventually(t, func() bool { return bytesWaiting(server) == len(say) }, wait, time.Millisecond)
	}
	g.gate.admit(gateCtx{}, server)
	return server
}

const versionLine = "SSH-2.0-OpenSSH_9.6\r\n"

// A client whose first line has arrived but not been read yet is not
// taken for an idle one.
func TestAClientThatSpokeIsNotEvictedBeforeAnIdleOne(t *testing.T) {
	g := newGateOnLoopback(t)
	g.admit(t, versionLine)
	idle := g.admit(t, "")
	g.admit(t, "")
	require.Equal(t, []string{idle.RemoteAddr().String()}, g.evicted)
}

// A client that sent a byte and waits is evicted before one further into
// its handshake, though that one is older.
func TestTheClientThatSentLeastIsEvictedFirst(t *testing.T) {
	g := newGateOnLoopback(t)
	g.admit(t, versionLine)
	oneByte := g.admit(t, "S")
	g.admit(t, "")
	require.Equal(t, []string{oneByte.RemoteAddr().String()}, g.evicted)
}

// A client that has just connected and not spoken yet is given a moment:
// it goes after an older client that sent a byte and waits.
func TestANewcomerIsNotEvictedBeforeItCouldSpeak(t *testing.T) {
	g := newGateOnLoopback(t)
	oneByte := g.admit(t, "S")
	g.admit(t, "") // the newcomer
	g.admit(t, "")
	require.Equal(t, []string{oneByte.RemoteAddr().String()}, g.evicted)
}

// A staff key logs in while connections that each send one byte and wait
// pour in.
func TestStaffLogsInDuringAFloodOfOneByteConnections(t *testing.T) {
	staffLogsInDuringAFlood(t, 1000, "S")
}

// openDuringFlood logs in as staff do during a flood: a login whose
// connection was closed in its first moment, before its client could say
// its first line (a machine this busy may hold the client back for a few
// milliseconds while the flood goes on), is tried again, twice at most.
func (ts *testServer) openDuringFlood(t *testing.T, signer gossh.Signer) *sshtest.Terminal {
	t.Helper()
	var err error
	for range 3 {
		var c *gossh.Client
		if c, err = sshtest.Dial(ts.addr, ts.hostKey, gossh.PublicKeys(signer)); err != nil {
			continue
		}
		t.Cleanup(func() { _ = c.Close() })
		term, err := sshtest.Open(c, sshtest.TerminalOptions{})
		require.NoError(t, err)
		t.Cleanup(func() { _ = term.Close() })
		return term
	}
	require.NoError(t, err, "three logins in a row failed")
	return nil
}
