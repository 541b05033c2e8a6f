package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/ui"
	"loyaltydesk/ui/uitest"
)

// updating tells -update, which rewrites the README's screen frames from
// the app:
//
//	go test -run TestReadmeFrames . -update
//
// The flag is teatest's (its golden package defines it for golden files);
// here it means the same: write what is drawn now.
func updating() bool {
	f := flag.Lookup("update")
	if f == nil {
		return false
	}
	on, _ := f.Value.(flag.Getter).Get().(bool)
	return on
}

// readmeNow is the fake server's clock for the README's frames, so that
// the data (balances, the dashboard's month) are the same on every run.
var readmeNow = time.Date(2025, 3, 18, 14, 3, 22, 0, time.UTC)

// The README shows the lookup and the dashboard as text frames, 100×30 and
// without colour. This test draws them afresh and fails when the screen
// changed and the README did not; -update writes the new frames.
func TestReadmeFrames(t *testing.T) {
	frames := map[string]string{
		"lookup":    readmeFrame(t, showLookup),
		"dashboard": readmeFrame(t, showDashboard),
	}
	data, err := os.ReadFile("README.md")
	require.NoError(t, err)
	readme := string(data)
	update := updating()
	for _, name := range []string{"lookup", "dashboard"} {
		from, to, err := frameBlock(readme, name)
		require.NoError(t, err)
		if update {
			readme = readme[:from] + frames[name] + "\n" + readme[to:]
			continue
		}
		require.Equal(t, masked(frames[name]), masked(strings.TrimSuffix(readme[from:to], "\n")),
			"the %s screen changed and the README's frame did not: run `go test -run TestReadmeFrames . -update` and review the diff", name)
	}
	if update {
		require.NoError(t, os.WriteFile("README.md", []byte(readme), 0o644))
	}
}

// readmeFrame runs the app against a fake server at 100×30 without
// colour, lets show bring it to the screen wanted, and returns that screen.
func readmeFrame(t *testing.T, show func(*testing.T, *uitest.Harness)) string {
	t.Helper()
	fake := httptest.NewServer(fakeserver.New(fakeserver.Options{Customers: 300, Now: func() time.Time { return readmeNow }}))
	t.Cleanup(fake.Close)
	api, err := apiclient.New(apiclient.Options{BaseURL: fake.URL,
		Credentials: apiclient.Credentials{UserID: uitest.UserID, Password: uitest.Password, AccountID: uitest.AccountID}})
	require.NoError(t, err)
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	app, err := newApp(sessionSpec{ctx: ctx, api: api, renderer: r, noColor: true, stateDir: t.TempDir(),
		session:  ui.Session{Profile: "north", StoreName: "North Street", UserID: uitest.UserID, AccountID: uitest.AccountID},
		settings: ui.Settings{DashboardRefresh: time.Hour, ImportChunkRows: 200}})
	require.NoError(t, err)
	h := uitest.Start(t, app, 100, 30)
	h.WaitFor(t, "[online]", "card / code")
	show(t, h)
	require.NoError(t, h.TM.Quit())
	return trimLines(h.TM.FinalModel(t).(*ui.App).View())
}

// showLookup scans Jane's card and waits for everything the lookup loads
// for her: the merchant's labels, the balances and the rewards.
func showLookup(t *testing.T, h *uitest.Harness) {
	h.Type(fakeserver.DemoCard)
	h.Key(tea.KeyEnter)
	h.WaitFor(t, fakeserver.DemoFirstName+" "+fakeserver.DemoLastName, "Birthday", "Balances", "✓ ", "balance to spend")
}

// showDashboard opens the dashboard and waits for its first data.
func showDashboard(t *testing.T, h *uitest.Harness) {
	h.Key(tea.KeyF5)
	h.WaitFor(t, "updated ", "Most active", "Activity")
}

func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// volatile are the parts of a frame that follow the clock of the machine
// drawing it (when the dashboard was updated, how long ago).
var volatile = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`\b\d\d:\d\d:\d\d\b`), "hh:mm:ss"},
	{regexp.MustCompile(`\b\d+ s ago\b`), "n s ago"},
}

func masked(frame string) string {
	frame = trimLines(frame)
	for _, v := range volatile {
		frame = v.re.ReplaceAllString(frame, v.with)
	}
	return frame
}

// frameBlock finds the frame's lines in the README: from after
// "<!-- frame:NAME -->" and a ```text line to the closing ``` line.
func frameBlock(readme, name string) (from, to int, err error) {
	start := fmt.Sprintf("<!-- frame:%s -->\n```text\n", name)
	i := strings.Index(readme, start)
	if i < 0 {
		return 0, 0, fmt.Errorf("README.md has no %q block", strings.TrimSpace(start))
	}
	from = i + len(start)
	j := strings.Index(readme[from:], "```\n")
	if j < 0 || j > 0 && readme[from+j-1] != '\n' {
		return 0, 0, fmt.Errorf("README.md: the %s frame is not closed with a ``` line", name)
	}
	return from, from + j, nil
}
