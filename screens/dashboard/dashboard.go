// Package dashboard is what a manager glances at: customers and
// transactions this month against the same period last month, the active
// campaigns, each campaign's daily activity as a chart, the most active
// customers and the latest transactions and sign-ups. It refreshes itself
// on an interval, keeps the last data on screen (marked STALE) when a
// refresh fails, and backs off while the server is in trouble.
package dashboard

import (
	"slices"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	"loyaltydesk/keymap"
	"loyaltydesk/ui"
)

// panel is one part of the dashboard below the numbers; a small window
// shows one at a time.
type panel int

const (
	panelActivity panel = iota
	panelMostActive
	panelLastTransactions
	panelLastCustomers
	panelCount
)

func (p panel) name() string {
	return [...]string{"Activity", "Most active", "Last transactions", "Last customers"}[p]
}

// The sizes the manager steps through with the keys.
var (
	daySteps = []int{7, 14, 30, 60, 90}
	rowSteps = []int{5, 10, 15, 20, 30, 50}
)

const (
	defaultDays    = 30
	defaultRows    = 10
	defaultRefresh = 10 * time.Second
	maxBackoff     = time.Minute
)

// Model is the dashboard page.
type Model struct {
	c             *ui.Common
	width, height int
	wide          bool
	panel         panel

	days, rows, mostActive int
	// row is the selected row of the panel's table (m.panel), whose
	// customer enter opens on the lookup.
	row int

	data      *apiclient.Dashboard
	shown     apiclient.DashboardRequest // what data was asked with, for the titles
	fetchedAt time.Time
	now       time.Time // the clock as of the last tick or answer; View reads no clock
	err       error     // the last refresh failed; data, if any, is stale
	failures  int
	nextAt    time.Time // when the next automatic refresh is due; zero when none is

	inFlight bool
	again    bool // refresh once more when the call in flight returns
	paused   bool
	gen      int  // numbers the scheduled refresh; ticks of older ones are dropped
	hidden   bool // another page is in front: no polling

	cache bodyCache
}

// New builds the dashboard page.
func New(c *ui.Common, _ any) ui.Page {
	return &Model{c: c, days: defaultDays, rows: defaultRows, mostActive: defaultRows, width: 80, height: 20, now: time.Now()}
}

// Init fetches the first data and starts the clock that ages "updated …".
func (m *Model) Init() tea.Cmd {
	return tea.Batch(m.refresh(), m.clockTick())
}

// SetVisible stops polling while another page is in front and catches up
// at once when the dashboard comes back.
func (m *Model) SetVisible(visible bool) tea.Cmd {
	switch {
	case !visible && !m.hidden:
		m.hidden = true
		m.gen++ // the scheduled refresh is dropped
		m.nextAt = time.Time{}
	case visible && m.hidden:
		m.hidden = false
		return tea.Batch(m.refreshNow(), m.clockTick())
	}
	return nil
}

// Title names the page in the header.
func (m *Model) Title() string { return "Dashboard" }

// SetSize sets the content area; wide areas show every panel at once.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.wide = w >= 110 && h >= 30
}

// CapturesKey is false: the dashboard has no text input.
func (m *Model) CapturesKey(tea.KeyMsg) bool { return false }

// Dirty is false: nothing typed here can be lost.
func (m *Model) Dirty() bool { return false }

// Update handles keys, the page's ticks and its answers.
func (m *Model) Update(msg tea.Msg) (ui.Page, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return m, m.handleKey(msg)
	case dataMsg:
		if msg.owner != m {
			return m, nil
		}
		return m, m.applyData(msg)
	case refreshTickMsg:
		if msg.owner != m || msg.gen != m.gen || m.paused || m.hidden {
			return m, nil // superseded by a refresh since, paused, or out of sight
		}
		return m, m.refresh()
	case clockTickMsg:
		if msg.owner != m || m.hidden {
			return m, nil
		}
		m.now = msg.at
		return m, m.clockTick()
	}
	return m, nil
}

func (m *Model) handleKey(k tea.KeyMsg) tea.Cmd {
	dk := m.c.Keys.Dashboard
	switch {
	case key.Matches(k, dk.Refresh):
		return m.refreshNow()
	case key.Matches(k, dk.Pause):
		return m.togglePause()
	case key.Matches(k, dk.MoreDays):
		return m.setParam(&m.days, daySteps, 1)
	case key.Matches(k, dk.FewerDays):
		return m.setParam(&m.days, daySteps, -1)
	case key.Matches(k, dk.MoreRows):
		return m.setParam(&m.rows, rowSteps, 1)
	case key.Matches(k, dk.FewerRows):
		return m.setParam(&m.rows, rowSteps, -1)
	case key.Matches(k, dk.MoreActive):
		return m.setParam(&m.mostActive, rowSteps, 1)
	case key.Matches(k, dk.FewerActive):
		return m.setParam(&m.mostActive, rowSteps, -1)
	case key.Matches(k, dk.NextPanel):
		m.panel, m.row = (m.panel+1)%panelCount, 0
	case key.Matches(k, dk.PrevPanel):
		m.panel, m.row = (m.panel+panelCount-1)%panelCount, 0
	case key.Matches(k, dk.Up):
		m.row = max(m.row-1, 0)
	case key.Matches(k, dk.Down):
		m.row = min(m.row+1, max(len(m.rowCodes())-1, 0))
	case key.Matches(k, dk.Open):
		if codes := m.rowCodes(); m.row < len(codes) && codes[m.row] != "" {
			return ui.Navigate(ui.PageLookup, ui.ShowCustomer{Code: codes[m.row]})
		}
	case key.Matches(k, m.c.Keys.Global.Back):
		return ui.Back()
	}
	return nil
}

// setParam steps a size to the next or previous of its steps and fetches
// with it at once.
func (m *Model) setParam(p *int, steps []int, dir int) tea.Cmd {
	next := stepFrom(*p, steps, dir)
	if next == *p {
		return nil
	}
	*p = next
	return m.refreshNow()
}

func stepFrom(cur int, steps []int, dir int) int {
	i, found := slices.BinarySearch(steps, cur)
	switch {
	case dir > 0 && found:
		i++
	case dir < 0:
		i--
	}
	return steps[min(max(i, 0), len(steps)-1)]
}

func (m *Model) togglePause() tea.Cmd {
	m.paused = !m.paused
	if m.paused {
		m.gen++ // the scheduled refresh will be dropped
		m.nextAt = time.Time{}
		return nil
	}
	return m.refresh()
}

// ShortHelp lists the main keys.
func (m *Model) ShortHelp() []key.Binding {
	dk := m.c.Keys.Dashboard
	pause := keymap.WithHelp(dk.Pause, "pause")
	if m.paused {
		pause = keymap.WithHelp(dk.Pause, "resume")
	}
	days := keymap.Pair(dk.FewerDays, dk.MoreDays, "days")
	rows := keymap.Pair(dk.FewerRows, dk.MoreRows, "rows")
	var open []key.Binding
	if m.panel != panelActivity {
		open = []key.Binding{dk.Open} // a customer table is selected
	}
	if m.wide {
		return append(append([]key.Binding{dk.Refresh, pause}, open...), keymap.WithHelp(dk.NextPanel, "next table"), days, rows)
	}
	return append(append([]key.Binding{dk.Refresh, pause}, open...), dk.NextPanel, days, rows)
}

// FullHelp lists every key of the page.
func (m *Model) FullHelp() [][]key.Binding {
	dk := m.c.Keys.Dashboard
	return [][]key.Binding{
		{dk.Refresh, dk.Pause, dk.NextPanel, dk.PrevPanel, dk.Up, dk.Down, dk.Open},
		{dk.MoreDays, dk.FewerDays, dk.MoreRows, dk.FewerRows, dk.MoreActive, dk.FewerActive},
	}
}
