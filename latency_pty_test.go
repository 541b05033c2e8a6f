//go:build ptylatency

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"

	"loyaltydesk/apiclient/fakeserver"
)

// TestKeystrokeLatencyThroughPTY is a measuring tool, not a CI test: it
// builds the program, starts `loyaltydesk fake-server --customers N` and
// `loyaltydesk run` in a pseudo-terminal of 120×40, opens the name search,
// waits for the customer index, types names fast (a key every 50 ms at
// most) and times each keystroke from the write to the pty until the
// redrawn search box with that key comes back out of it. It prints the
// median, p95 and worst case.
//
//	go test -tags ptylatency -run TestKeystrokeLatencyThroughPTY -v -count=1 .
//
// LD_LATENCY_CUSTOMERS sets N (default 300000); LD_LATENCY_COLOR=1 draws
// in colour (default NO_COLOR).
func TestKeystrokeLatencyThroughPTY(t *testing.T) {
	customers := 300_000
	if v, err := strconv.Atoi(os.Getenv("LD_LATENCY_CUSTOMERS")); err == nil && v > 0 {
		customers = v
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "loyaltydesk")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	addr := freeAddr(t)
	startFakeServer(t, bin, addr, customers)

	cfg := filepath.Join(dir, "config.toml")
	writeConfig(t, cfg, "http://"+addr)
	term := startInPTY(t, bin, cfg, dir)
	term.waitFor(t, "card / code", time.Minute)
	term.write(t, "\x06") // ctrl+f: the name search
	start := time.Now()
	term.waitFor(t, "customers, index of", 5*time.Minute)
	t.Logf("index of %d customers ready %.1f s after the search opened", customers, time.Since(start).Seconds())

	search := typeAndTime(t, term, "phone › ", "ype to search", []string{"mar", "smith", "jose alv", "anna k", "liam levi", "wilson", "chen mei", "kowalski",
		"aroha te r", "chloe pat", "zoe tan", "mensah", "emma j", "aoife n", "grace li", "0133"})
	report(t, fmt.Sprintf("keystroke→redraw in the name search through a pty, %d customers", customers), search)

	// The same typing in the scan box, which searches nothing: what the
	// terminal, the renderer and this machine's load cost alone.
	term.write(t, "\x1b") // esc: back to the scan box
	term.waitFor(t, "card / code", 5*time.Second)
	time.Sleep(300 * time.Millisecond) // let the escape key arrive alone, not as alt+digit
	scan := typeAndTime(t, term, "code › ", "can a card or type", []string{"1234", "55501", "87654321", "4137071924", "999", "20240611", "11111111", "5820417736150923", "31415926", "2718281828"})
	report(t, "keystroke→redraw in the scan box (no search), same run", scan)
}

// typingPace is a very fast typist: 20 keys a second.
const typingPace = 50 * time.Millisecond

// typeAndTime types each text one key at a time (a key every typingPace
// at most), times each key until the box shows it after prompt, then clears
// the box with backspaces until it shows empty (its placeholder).
func typeAndTime(t *testing.T, term *ptyTerm, prompt, empty string, texts []string) []time.Duration {
	var lat []time.Duration
	for _, name := range texts {
		typed := ""
		for _, r := range name {
			typed += string(r)
			sent := time.Now()
			mark := term.mark()
			term.write(t, string(r))
			if r == ' ' {
				continue // a trailing space is not told apart on the screen; the next key shows it
			}
			term.waitSince(t, mark, prompt+typed, 5*time.Second)
			lat = append(lat, time.Since(sent))
			if rest := typingPace - time.Since(sent); rest > 0 {
				time.Sleep(rest) // pacing the typist, not synchronising
			}
		}
		mark := term.mark()
		for range len([]rune(name)) {
			term.write(t, "\x7f") // backspace
		}
		term.waitSince(t, mark, empty, 5*time.Second)
	}
	return lat
}

func report(t *testing.T, what string, lat []time.Duration) {
	slices.Sort(lat)
	q := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	line := fmt.Sprintf("%s, %d keystrokes: median %.1f ms, p95 %.1f ms, worst %.1f ms (load average %s)",
		what, len(lat), ms(q(0.5)), ms(q(0.95)), ms(lat[len(lat)-1]), loadAverage())
	t.Log(line)
	fmt.Println(line)
}

// loadAverage is the machine's one-minute load average (Linux), or "?".
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(b))[0]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func startFakeServer(t *testing.T, bin, addr string, customers int) {
	cmd := exec.Command(bin, "fake-server", "--addr", addr, "--customers", strconv.Itoa(customers))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if strings.Contains(sc.Text(), "Press Ctrl-C") {
			go func() {
				for sc.Scan() {
				}
			}()
			return
		}
	}
	t.Fatal("the fake server did not start")
}

func writeConfig(t *testing.T, path, url string) {
	text := fmt.Sprintf("default_profile = \"bench\"\n[profiles.bench]\nurl = %q\nuser_id = %q\npassword = %q\naccount_id = %q\nstore_name = \"Bench\"\n",
		url, fakeserver.DemoUserID, fakeserver.DemoPassword, fakeserver.DemoAccountID)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

// ptyTerm collects everything the program writes to its terminal.
type ptyTerm struct {
	f    *os.File
	mu   sync.Mutex
	out  []byte
	more chan struct{}
}

func startInPTY(t *testing.T, bin, cfg, dir string) *ptyTerm {
	cmd := exec.Command(bin, "run", "--config", cfg, "--log", filepath.Join(dir, "run.log"))
	cmd.Env = append(os.Environ(), "LOYALTYDESK_STATE_DIR="+filepath.Join(dir, "state"), "TERM=xterm-256color")
	if os.Getenv("LD_LATENCY_COLOR") != "1" {
		cmd.Env = append(cmd.Env, "NO_COLOR=1")
	}
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 120})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait(); _ = f.Close() })
	term := &ptyTerm{f: f, more: make(chan struct{}, 1)}
	go term.read()
	return term
}

func (p *ptyTerm) read() {
	buf := make([]byte, 64<<10)
	for {
		n, err := p.f.Read(buf)
		if n > 0 {
			p.mu.Lock()
			p.out = append(p.out, buf[:n]...)
			p.mu.Unlock()
			select {
			case p.more <- struct{}{}:
			default:
			}
		}
		if err != nil {
			return
		}
	}
}

func (p *ptyTerm) write(t *testing.T, s string) {
	if _, err := p.f.WriteString(s); err != nil {
		t.Fatal(err)
	}
}

func (p *ptyTerm) mark() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.out)
}

func (p *ptyTerm) waitFor(t *testing.T, text string, limit time.Duration) {
	p.waitSince(t, 0, text, limit)
}

// waitSince waits until what came out after mark holds text (escape
// sequences and line ends taken out first).
func (p *ptyTerm) waitSince(t *testing.T, mark int, text string, limit time.Duration) {
	t.Helper()
	deadline := time.After(limit)
	for {
		p.mu.Lock()
		seen := bytes.Contains(plain(p.out[mark:]), []byte(text))
		p.mu.Unlock()
		if seen {
			return
		}
		select {
		case <-p.more:
		case <-deadline:
			p.mu.Lock()
			tail := plain(p.out[max(0, len(p.out)-3000):])
			p.mu.Unlock()
			t.Fatalf("%q not seen within %s; last output:\n%s", text, limit, tail)
		}
	}
}

// plain drops CSI escape sequences (a cursor move becomes a line end) and
// carriage returns.
func plain(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == 0x1b && i+1 < len(b) && b[i+1] == '[':
			i += 2
			for i < len(b) && (b[i] < 0x40 || b[i] > 0x7e) {
				i++
			}
			if i < len(b) && b[i] != 'm' { // colours join the text; a cursor move ends what came before
				out = append(out, '\n')
			}
		case c == '\r':
		default:
			out = append(out, c)
		}
	}
	return out
}
