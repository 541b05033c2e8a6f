package main

import (
	"context"
	"io"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/ui"
)

// BenchmarkFrame times what Bubble Tea draws: the whole ui.App.View (header,
// page, status line, footer) of a 120×40 terminal with colour, on the
// dashboard with every section loaded. "cached" is a frame after a message
// that changed nothing drawn (a timer, a key the page ignores): target
// under 100 µs. "status-changed" is a frame after a new status line (one
// part changed); "resized" draws every part anew, the page included.
func BenchmarkFrame(b *testing.B) {
	app := dashboardApp(b)
	b.Run("cached", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = app.View()
		}
	})
	b.Run("status-changed", func(b *testing.B) {
		b.ReportAllocs()
		n := 0
		for b.Loop() {
			n++
			app.Update(ui.StatusMsg{Kind: ui.StatusInfo, Text: "Saved " + strconv.Itoa(n)})
			_ = app.View()
		}
	})
	b.Run("resized", func(b *testing.B) {
		b.ReportAllocs()
		n := 0
		for b.Loop() {
			n++
			app.Update(tea.WindowSizeMsg{Width: 120 + n%2, Height: 40}) // every part drawn anew
			_ = app.View()
		}
	})
}

// dashboardApp is a session at 120×40 showing the loaded dashboard.
func dashboardApp(b *testing.B) tea.Model {
	srv := httptest.NewServer(fakeserver.New(fakeserver.Options{}))
	b.Cleanup(srv.Close)
	api := benchClient(b, srv.URL)
	app, err := newApp(sessionSpec{ctx: context.Background(), api: api, renderer: colourRenderer(), stateDir: b.TempDir(),
		session: ui.Session{Profile: "shop", StoreName: "Shop", UserID: api.UserID(), AccountID: api.AccountID()}})
	if err != nil {
		b.Fatal(err)
	}
	w := &watched{Model: app, want: "Most active", seen: make(chan struct{})}
	p := tea.NewProgram(w, tea.WithInput(nil), tea.WithOutput(io.Discard), tea.WithoutSignalHandler())
	done := make(chan tea.Model)
	go func() { m, _ := p.Run(); done <- m }()
	p.Send(tea.WindowSizeMsg{Width: 120, Height: 40})
	p.Send(ui.NavigateMsg{To: ui.PageDashboard})
	select {
	case <-w.seen:
	case <-time.After(30 * time.Second):
		b.Fatal("the dashboard did not load")
	}
	p.Quit()
	return (<-done).(*watched).Model
}
