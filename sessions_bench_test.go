package main

import (
	"context"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/custindex"
	"loyaltydesk/ui"
)

// BenchmarkSharedIndexSessions runs 50 sessions of one profile, as `serve`
// builds them, on an account of 300,000 customers (the fake server's
// lifelike data): each session opens the search and types a name. Target:
// under 300 MiB in all. It reports the Go heap in use after a collection
// (the index, the 50 sessions and their results, nothing of the fake
// server, which is gone by then) and, for comparison, the process's RSS
// (after the setup's freed memory is given back to the system).
func BenchmarkSharedIndexSessions(b *testing.B) {
	const customers, sessions = 300_000, 50
	ctx := context.Background()
	store, sessionURL := sharedIndexOf(b, customers)
	api := benchClient(b, sessionURL)
	before := heapInUse()
	ix := store.Status().Index
	for b.Loop() {
		ctx, endSessions := context.WithCancel(ctx) // as serve ends each session's context
		programs := make([]*tea.Program, sessions)
		shown := make([]*watched, sessions)
		var wg sync.WaitGroup
		for i := range programs {
			spec := sessionSpec{ctx: ctx, api: api, renderer: colourRenderer(), stateDir: b.TempDir(), customers: store,
				session: ui.Session{Profile: "shop", StoreName: "Shop", UserID: api.UserID(), AccountID: api.AccountID()}}
			app, err := newApp(spec)
			if err != nil {
				b.Fatal(err)
			}
			shown[i] = &watched{Model: app, want: "type more to narrow", seen: make(chan struct{})}
			programs[i] = tea.NewProgram(shown[i], tea.WithInput(nil), tea.WithOutput(io.Discard), tea.WithoutSignalHandler(), tea.WithContext(ctx))
			wg.Add(1)
			go func() { defer wg.Done(); _, _ = programs[i].Run() }()
			programs[i].Send(tea.WindowSizeMsg{Width: 120, Height: 40})
			programs[i].Send(tea.KeyMsg{Type: tea.KeyCtrlF})
			for _, r := range "mar" {
				programs[i].Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
			}
		}
		for _, w := range shown {
			select {
			case <-w.seen:
			case <-time.After(60 * time.Second):
				b.Fatal("a session did not show its results")
			}
		}
		b.StopTimer()
		total := heapInUse()
		b.ReportMetric(float64(total)/(1<<20), "heap-total-MiB")
		b.ReportMetric(float64(ix.Bytes())/(1<<20), "index-MiB")
		b.ReportMetric(float64(ix.Bytes())/customers, "index-B/customer")
		b.ReportMetric(float64(total-min(total, before))/sessions/1024, "KiB/session")
		debug.FreeOSMemory() // the setup's freed heap goes back, so RSS shows what is live
		b.ReportMetric(rssMiB(), "rss-MiB")
		for _, p := range programs {
			p.Quit()
		}
		wg.Wait()
		endSessions()
		b.StartTimer()
	}
}

// sharedIndexOf loads, into one store, the index of an account of n
// customers from a fake server that is then shut and dropped; it returns
// the store and the URL of a small fake for the sessions' other calls.
func sharedIndexOf(b *testing.B, n int) (*custindex.Store, string) {
	big := httptest.NewServer(fakeserver.New(fakeserver.Options{Customers: n}))
	api := benchClient(b, big.URL)
	store := custindex.NewStore(context.Background(), filepath.Join(b.TempDir(), "customers.idx"), "bench", nil)
	store.Refresh(api, time.Hour)
	for st := store.Status(); st.Phase != custindex.Idle || st.Index == nil; st = store.Status() {
		<-st.Changed
	}
	big.Close()
	if got := store.Status().Index.Len(); got < n {
		b.Fatalf("index of %d customers, want %d", got, n)
	}
	small := httptest.NewServer(fakeserver.New(fakeserver.Options{Customers: -1}))
	b.Cleanup(small.Close)
	return store, small.URL
}

func benchClient(b *testing.B, url string) *apiclient.Client {
	api, err := apiclient.New(apiclient.Options{BaseURL: url, Credentials: apiclient.Credentials{
		UserID: fakeserver.DemoUserID, Password: fakeserver.DemoPassword, AccountID: fakeserver.DemoAccountID}})
	if err != nil {
		b.Fatal(err)
	}
	return api
}

func colourRenderer() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	r.SetHasDarkBackground(true)
	return r
}

// watched is a session whose screen is looked at after each message, to
// tell when the wanted text is shown.
type watched struct {
	tea.Model
	want string
	seen chan struct{}
	once sync.Once
}

func (w *watched) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := w.Model.Update(msg)
	w.Model = m
	if strings.Contains(w.Model.View(), w.want) {
		w.once.Do(func() { close(w.seen) })
	}
	return w, cmd
}

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// rssMiB is the process's resident set (Linux), or 0.
func rssMiB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return float64(kb) / 1024
		}
	}
	return 0
}
