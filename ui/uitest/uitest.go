// Package uitest builds sessions of the app for tests: a Common against a
// server URL with a colourless renderer, and a teatest harness with helpers
// that wait for text on the screen.
package uitest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
	"loyaltydesk/custindex"
	"loyaltydesk/keymap"
	"loyaltydesk/ui"
)

// Demo credentials of the fake server (the documents' own example).
const (
	UserID    = "john1970"
	Password  = "1959caadac9b13dcb3"
	AccountID = "greatwidgets"
)

// Options tune NewCommon.
type Options struct {
	Format  apiclient.Format
	Timeout time.Duration
	// Transport replaces the HTTP transport (to hold a request back, say).
	Transport http.RoundTripper
	Keys      map[string][]string
	Log       io.Writer
	StateDir  string
	Settings  ui.Settings
}

// NewCommon returns a session's Common talking to baseURL with the demo
// credentials, plain-text styles and a fresh state dir.
func NewCommon(t testing.TB, baseURL string, opts ...Options) *ui.Common {
	t.Helper()
	var o Options
	if len(opts) > 0 {
		o = opts[0]
	}
	hc := apiclient.Options{
		BaseURL:     baseURL,
		Credentials: apiclient.Credentials{UserID: UserID, Password: Password, AccountID: AccountID},
		Format:      o.Format,
	}
	if o.Timeout > 0 || o.Transport != nil {
		hc.HTTPClient = &http.Client{Timeout: o.Timeout, Transport: o.Transport}
	}
	api, err := apiclient.New(hc)
	require.NoError(t, err)
	keys := keymap.Default()
	require.NoError(t, keys.Apply(o.Keys))
	logOut := o.Log
	if logOut == nil {
		logOut = io.Discard
	}
	stateDir := o.StateDir
	if stateDir == "" {
		stateDir = tempStateDir(t)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	return &ui.Common{
		Ctx:      ctx,
		API:      api,
		Styles:   PlainStyles(),
		Keys:     keys,
		Session:  ui.Session{Profile: "test", StoreName: "Test Store", UserID: UserID, AccountID: AccountID},
		Settings: o.Settings,
		StateDir: stateDir,
		Log:      slog.New(slog.NewTextHandler(logOut, nil)),

		// The index has a folder of its own: it may still be written in the
		// background as the test ends, and a given StateDir is a t.TempDir.
		Customers: custindex.NewStore(ctx, filepath.Join(tempStateDir(t), "customers.idx"), baseURL, nil),
	}
}

// PlainStyles returns styles on a renderer without colour.
func PlainStyles() *ui.Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return ui.NewStyles(r, ui.DefaultTheme(), true)
}

// Harness drives a model with teatest and keeps everything it drew.
type Harness struct {
	TM   *teatest.TestModel
	mu   sync.Mutex
	out  bytes.Buffer
	mark int // where the last successful wait ended, for WaitForNew
}

// Start runs m in a w×h terminal.
func Start(t testing.TB, m tea.Model, w, h int) *Harness {
	t.Helper()
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
	t.Cleanup(func() { _ = tm.Quit() })
	return &Harness{TM: tm}
}

// Type sends text as typed runes, one key per rune (as a scanner does).
func (h *Harness) Type(s string) {
	for _, r := range s {
		h.TM.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

// Key sends one special key.
func (h *Harness) Key(k tea.KeyType) { h.TM.Send(tea.KeyMsg{Type: k}) }

// Send sends any message.
func (h *Harness) Send(m tea.Msg) { h.TM.Send(m) }

// WaitFor waits until everything drawn since the start contains all of the
// texts. Wait for text that only the awaited state draws.
func (h *Harness) WaitFor(t testing.TB, texts ...string) {
	t.Helper()
	h.WaitUntil(t, func(screen string) bool {
		for _, s := range texts {
			if !strings.Contains(screen, s) {
				return false
			}
		}
		return true
	}, "waiting for %q", texts)
}

// WaitForNew waits until what was drawn after the last successful wait
// contains all of the texts: for a state that an earlier one also drew.
func (h *Harness) WaitForNew(t testing.TB, texts ...string) {
	t.Helper()
	h.mu.Lock()
	from := h.mark
	h.mu.Unlock()
	h.WaitUntil(t, func(all string) bool {
		for _, s := range texts {
			if !strings.Contains(all[from:], s) {
				return false
			}
		}
		return true
	}, "waiting for new %q", texts)
}

// WaitUntil waits until cond holds for everything drawn since the start.
func (h *Harness) WaitUntil(t testing.TB, cond func(output string) bool, what string, args ...any) {
	t.Helper()
	consumed := 0
	ok := false
	err := waitFor(h.TM.Output(), func(b []byte) bool {
		h.mu.Lock()
		h.out.Write(b[consumed:])
		all := h.out.String()
		h.mu.Unlock()
		consumed = len(b)
		ok = cond(all)
		if ok {
			h.mu.Lock()
			h.mark = len(all)
			h.mu.Unlock()
		}
		return ok
	})
	if err != nil || !ok {
		t.Fatalf("%s: not seen within %s; everything drawn (last lines):\n%s", fmt.Sprintf(what, args...), waitLimit, lastLines(h.All(), 60))
	}
}

// waitLimit bounds every wait; generous, since CI machines are slow.
const waitLimit = 15 * time.Second

func waitFor(r io.Reader, cond func([]byte) bool) error {
	var b bytes.Buffer
	deadline := time.Now().Add(waitLimit)
	for time.Now().Before(deadline) {
		if _, err := io.ReadAll(io.TeeReader(r, &b)); err != nil {
			return err
		}
		if cond(b.Bytes()) {
			return nil
		}
		time.Sleep(5 * time.Millisecond) // polling the output buffer, not synchronising on time
	}
	return fmt.Errorf("timeout")
}

func lastLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// All returns everything drawn so far (for checks that text never appeared).
func (h *Harness) All() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.out.String()
}

// TempStateDir is a state folder for several sessions of one test (a
// draft written by one and offered by the next), removed as tempStateDir.
func TempStateDir(t testing.TB) string { return tempStateDir(t) }

// tempStateDir is a state folder removed when the test ends. Bubble Tea does
// not wait for running commands on quit, so a page may still be writing a
// draft there as the test ends; the removal is tried again until that write
// is done instead of failing the test (t.TempDir would).
func tempStateDir(t testing.TB) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "loyaltydesk-test-state-")
	require.NoError(t, err)
	t.Cleanup(func() {
		for range 1000 {
			if os.RemoveAll(dir) == nil {
				return
			}
		}
		t.Logf("state dir %s left behind", dir)
	})
	return dir
}
