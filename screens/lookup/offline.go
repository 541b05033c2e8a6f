package lookup

import (
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	"loyaltydesk/custindex"
	"loyaltydesk/ui"
)

// When the service cannot be reached, a scanned card is looked for in what
// this session saw (balances included) and in the shared customer index,
// and the customer is shown marked as offline with the time the balances
// (or the index) are from.

// seenCustomer is a customer as a lookup answered, and when.
type seenCustomer struct {
	c  apiclient.Customer
	at time.Time
}

// maxSeen bounds the customers kept for offline scans.
const maxSeen = 100

// offlineState is what the shown customer is, while the service is not reached.
type offlineState struct {
	asOf     time.Time
	balances bool // the balances are the session's last answer; else only the index
}

// offlineRecheck is how often a customer shown from offline data is asked
// of the service again: the first answer replaces the offline card, so the
// label does not outlive the outage.
var offlineRecheck = 15 * time.Second

type offlineRecheckMsg struct{ id int }

type offlineRecheckedMsg struct {
	id       int
	customer apiclient.Customer
	err      error
	at       time.Time
}

type offlineFoundMsg struct {
	id       int
	customer apiclient.Customer
	offline  offlineState
	found    bool
}

// rememberSeen keeps a looked-up customer for offline scans.
func (m *Model) rememberSeen(c apiclient.Customer, at time.Time) {
	if c.CardNumber == "" && c.Code == "" {
		return
	}
	if m.seen == nil {
		m.seen = map[string]seenCustomer{}
	}
	if len(m.seen) >= maxSeen {
		clear(m.seen)
	}
	for _, k := range []string{c.CardNumber, c.Code} {
		if k != "" {
			m.seen[k] = seenCustomer{c, at}
		}
	}
}

// lookOffline finds the number among the customers seen, else in the index.
func (m *Model) lookOffline(id int, query string) tea.Cmd {
	query = strings.TrimSpace(query)
	if s, ok := m.seen[query]; ok {
		return func() tea.Msg {
			return offlineFoundMsg{id: id, customer: s.c, offline: offlineState{asOf: s.at, balances: true}, found: true}
		}
	}
	if m.c.Customers == nil {
		return nil
	}
	st := m.c.Customers.Status()
	if st.Index == nil {
		return nil
	}
	return func() tea.Msg {
		hits := st.Index.FindCard(query)
		if len(hits) != 1 {
			return offlineFoundMsg{id: id}
		}
		return offlineFoundMsg{id: id, customer: fromEntry(hits[0]), offline: offlineState{asOf: st.Synced}, found: true}
	}
}

func fromEntry(e custindex.Entry) apiclient.Customer {
	return apiclient.Customer{Code: e.Code, CardNumber: e.CardNumber, FirstName: e.Name, Email: e.Email, Phone: e.Phone}
}

func (m *Model) applyOffline(msg offlineFoundMsg) tea.Cmd {
	if msg.id != m.reqID || !msg.found {
		return nil
	}
	c := msg.customer
	m.customer, m.err, m.offline = &c, nil, &msg.offline
	if m.input.Value() == m.errQuery {
		m.input.SetValue("")
		m.submitted = false
	}
	return m.scheduleRecheck()
}

func (m *Model) scheduleRecheck() tea.Cmd {
	id := m.reqID
	return tea.Tick(offlineRecheck, func(time.Time) tea.Msg { return offlineRecheckMsg{id} })
}

// stillOffline: the customer shown from offline data is the one of
// request id (no scan since).
func (m *Model) stillOffline(id int) bool {
	return id == m.reqID && m.offline != nil && m.customer != nil
}

// recheckOffline asks the service for the customer shown offline, without
// touching the scan box or the card on screen until it answers.
func (m *Model) recheckOffline(msg offlineRecheckMsg) tea.Cmd {
	if !m.stillOffline(msg.id) {
		return nil
	}
	if m.till.panel != nil {
		return m.scheduleRecheck() // not under the cashier's hands
	}
	// By code when known: asked as a card number, a code can be another
	// customer's card.
	code, card := m.customer.Code, m.customer.CardNumber
	api, ctx, id := m.c.API, m.c.Ctx, msg.id
	return func() tea.Msg {
		var c apiclient.Customer
		var err error
		if code != "" {
			c, err = api.CustomerInfo(ctx, apiclient.CustomerQuery{Code: code})
		} else {
			c, err = api.LookupCustomer(ctx, card)
		}
		return offlineRecheckedMsg{id: id, customer: c, err: err, at: time.Now()}
	}
}

func (m *Model) applyRecheck(msg offlineRecheckedMsg) tea.Cmd {
	if !m.stillOffline(msg.id) {
		return nil
	}
	if msg.err != nil {
		if ui.Offline(msg.err) {
			return m.scheduleRecheck()
		}
		return nil // the server answered something else: the next scan will say it
	}
	c := msg.customer
	m.customer, m.offline = &c, nil
	m.rememberSeen(c, msg.at)
	return tea.Batch(ui.ReportConnection(nil), m.reloadCampaigns(),
		ui.SetStatus(ui.StatusSuccess, "Back online: "+ui.Sanitize(c.FullName())+"'s balances are read again."))
}

// offlineNote is the line that marks a customer shown from offline data.
func (m *Model) offlineNote() string {
	if m.offline == nil {
		return ""
	}
	at := m.offline.asOf.Format("15:04")
	if m.offline.balances {
		return "offline — balances as of " + at
	}
	return "offline — from the customer index of " + at + "; balances unknown"
}
