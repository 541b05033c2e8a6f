package sshserver

import (
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/ssh"
)

// Defaults of the limits before authentication. A flood of connections
// that never authenticate would otherwise hold a file descriptor and a
// goroutine each until the idle backstop, and shut staff out.
const (
	DefaultHandshakeTimeout = 20 * time.Second
	DefaultMaxPending       = 64 // connections not yet authenticated, in all
	DefaultMaxPendingPerIP  = 8
)

// preAuthGate bounds the connections that have not authenticated yet.
// When a bound is reached the oldest pending connection (of that address,
// or in all) is closed rather than the new one refused: a flood keeps
// evicting itself, while a staff member's handshake, which takes
// milliseconds, completes.
type preAuthGate struct {
	timeout       time.Duration
	max, maxPerIP int
	onEvict       func(addr, why string)

	mu      sync.Mutex
	pending []*pendingConn // oldest first
	perIP   map[string]int
}

type pendingConn struct {
	net.Conn
	gate  *preAuthGate
	ip    string
	timer *time.Timer
	once  sync.Once
	read  atomic.Int64
	since time.Time // admitted
}

type gateKey struct{}

func newPreAuthGate(timeout time.Duration, max, maxPerIP int, onEvict func(addr, why string)) *preAuthGate {
	return &preAuthGate{timeout: timeout, max: max, maxPerIP: maxPerIP, onEvict: onEvict, perIP: map[string]int{}}
}

// admit is the server's ConnCallback: it tracks conn until it authenticates.
func (g *preAuthGate) admit(ctx ssh.Context, conn net.Conn) net.Conn {
	ip := remoteIP(conn.RemoteAddr())
	p := &pendingConn{Conn: conn, gate: g, ip: ip, since: time.Now()}
	var evict []*pendingConn
	g.mu.Lock()
	if g.perIP[ip] >= g.maxPerIP {
		evict = g.evictLocked(evict, ip)
	}
	if len(g.pending) >= g.max {
		evict = g.evictLocked(evict, "")
	}
	g.pending = append(g.pending, p)
	g.perIP[ip]++
	g.mu.Unlock()
	for _, old := range evict {
		g.onEvict(old.RemoteAddr().String(), "too many connections waiting to authenticate")
		_ = old.Conn.Close()
	}
	p.timer = time.AfterFunc(g.timeout, func() {
		if g.release(p) {
			g.onEvict(p.RemoteAddr().String(), "no authentication within "+g.timeout.String())
			_ = p.Conn.Close()
		}
	})
	ctx.SetValue(gateKey{}, p)
	return p
}

// evictLocked takes the pending connection of ip ("" for any) whose
// client has sent the least, the oldest of those, off the list and adds it
// to evict. A staff member's handshake sends a version line, then its key
// exchange and its key: it outlives a flood of clients that connect and
// send nothing, or a byte, and wait.
func (g *preAuthGate) evictLocked(evict []*pendingConn, ip string) []*pendingConn {
	now := time.Now()
	var victim *pendingConn
	least := int64(-1)
	for _, p := range g.pending {
		if ip != "" && p.ip != ip {
			continue
		}
		if sent := p.credited(now); least < 0 || sent < least {
			victim, least = p, sent
			if sent == 0 {
				break // the oldest idle one
			}
		}
	}
	if victim == nil {
		return evict
	}
	g.removeLocked(victim)
	return append(evict, victim)
}

// speakWithin is how long a new client has to start its first line before
// it counts as idle. Until then it counts as having sent the start every
// SSH client sends ("SSH-2.0-"): a flood of clients that send a few bytes
// and wait goes before a staff client about to speak, and a staff client
// that has spoken (its version line, then its key exchange) goes after both.
const speakWithin = time.Second

var newcomerCredit = int64(len("SSH-2.0-"))

// credited is sent, with the newcomer's benefit of the doubt.
func (p *pendingConn) credited(now time.Time) int64 {
	sent := p.sent()
	if sent < newcomerCredit && now.Sub(p.since) < speakWithin {
		return newcomerCredit
	}
	return sent
}

func (g *preAuthGate) removeLocked(p *pendingConn) bool {
	for i, q := range g.pending {
		if q == p {
			g.pending = append(g.pending[:i], g.pending[i+1:]...)
			if g.perIP[p.ip]--; g.perIP[p.ip] == 0 {
				delete(g.perIP, p.ip)
			}
			return true
		}
	}
	return false
}

// release takes p off the pending list; false if it was not on it.
func (g *preAuthGate) release(p *pendingConn) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.removeLocked(p)
}

// authenticated lets the connection of ctx live on past the limits.
func (g *preAuthGate) authenticated(ctx ssh.Context) {
	if p, ok := ctx.Value(gateKey{}).(*pendingConn); ok {
		p.timer.Stop()
		g.release(p)
	}
}

// count reports the connections not authenticated yet.
func (g *preAuthGate) count() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.pending)
}

// sent is how many bytes the client has sent, read or not: under a flood
// the handshake of a staff member's connection may not have read its first
// line yet when the next connection arrives.
func (p *pendingConn) sent() int64 { return p.read.Load() + int64(bytesWaiting(p.Conn)) }

func (p *pendingConn) Read(b []byte) (int, error) {
	n, err := p.Conn.Read(b)
	p.read.Add(int64(n))
	return n, err
}

func (p *pendingConn) Close() error {
	p.once.Do(func() {
		if p.timer != nil {
			p.timer.Stop()
		}
		p.gate.release(p)
	})
	return p.Conn.Close()
}

func remoteIP(addr net.Addr) string {
	if tcp, ok := addr.(*net.TCPAddr); ok {
		return tcp.IP.String()
	}
	host, _, err := net.SplitHostPort(addr.String())
	if err != nil {
		return addr.String()
	}
	return host
}

// evictionLog logs closed pending connections at most once a second, with
// how many more there were: a flood must not fill the disk with lines.
type evictionLog struct {
	log *slog.Logger

	mu         sync.Mutex
	last       time.Time
	suppressed int
}

func (e *evictionLog) note(addr, why string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if time.Since(e.last) < time.Second {
		e.suppressed++
		return
	}
	e.log.Info("ssh connection closed before authentication", "remote", addr, "reason", why, "more_since_last_line", e.suppressed)
	e.last, e.suppressed = time.Now(), 0
}
