package dashboard

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	"loyaltydesk/ui"
)

// Every message carries the page it belongs to: messages are broadcast to
// every live page, and a page that was rebuilt must not take its
// predecessor's ticks or answers.
type (
	dataMsg struct {
		owner *Model
		at    time.Time
		req   apiclient.DashboardRequest
		data  apiclient.Dashboard
		err   error
	}
	refreshTickMsg struct {
		owner *Model
		gen   int
	}
	clockTickMsg struct {
		owner *Model
		at    time.Time
	}
)

// refreshInterval is the configured interval, 10 s when unset.
func (m *Model) refreshInterval() time.Duration {
	if d := m.c.Settings.DashboardRefresh; d > 0 {
		return d
	}
	return defaultRefresh
}

// backoff is the wait after the given number of failures in a row: the
// interval doubled for each, up to a minute (or the interval, if longer).
func backoff(interval time.Duration, failures int) time.Duration {
	limit := max(maxBackoff, interval)
	d := interval
	for range failures {
		d *= 2
		if d >= limit {
			return limit
		}
	}
	return d
}

// refreshNow fetches at once, dropping the scheduled refresh.
func (m *Model) refreshNow() tea.Cmd {
	m.gen++
	m.nextAt = time.Time{}
	return m.refresh()
}

// refresh starts a call unless one is in flight, in which case it asks
// for another when that one returns (its parameters may be out of date).
func (m *Model) refresh() tea.Cmd {
	if m.inFlight {
		m.again = true
		return nil
	}
	m.inFlight = true
	api, ctx, owner := m.c.API, m.c.Ctx, m
	req := apiclient.FullDashboard(m.days, m.rows, m.mostActive)
	return func() tea.Msg {
		d, err := api.Dashboard(ctx, req)
		return dataMsg{owner: owner, at: time.Now(), req: req, data: d, err: err}
	}
}

func (m *Model) applyData(msg dataMsg) tea.Cmd {
	m.inFlight = false
	m.now = msg.at
	conn := ui.ReportConnection(msg.err)
	wait := m.refreshInterval()
	if msg.err != nil {
		m.err = msg.err
		m.failures++
		wait = backoff(wait, m.failures)
	} else {
		d := msg.data
		m.data, m.shown, m.fetchedAt, m.err, m.failures = &d, msg.req, msg.at, nil, 0
	}
	if m.again {
		m.again = false
		return tea.Batch(conn, m.refreshNow())
	}
	return tea.Batch(conn, m.schedule(wait))
}

// schedule arms the next automatic refresh; a refresh started any other way
// before it fires makes it stale (gen).
func (m *Model) schedule(wait time.Duration) tea.Cmd {
	if m.paused {
		m.nextAt = time.Time{}
		return nil
	}
	m.gen++
	gen, owner := m.gen, m
	m.nextAt = m.now.Add(wait)
	return tea.Tick(wait, func(time.Time) tea.Msg { return refreshTickMsg{owner: owner, gen: gen} })
}

// clockTick re-draws every second so that "3 s ago" keeps counting.
func (m *Model) clockTick() tea.Cmd {
	owner := m
	return tea.Tick(time.Second, func(t time.Time) tea.Msg { return clockTickMsg{owner: owner, at: t} })
}
