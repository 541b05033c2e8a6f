package lookup

import (
	"errors"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	"loyaltydesk/custindex"
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

type offlineFoundMsg struct {
	id       int
	customer apiclient.Customer
	offline  offlineState
	found    bool
}

// refreshIndex brings the shared index up to date in the background
// (it is loaded from its file first), for the search and offline scans.
func (m *Model) refreshIndex() tea.Cmd {
	store, api := m.c.Customers, m.c.API
	if store == nil {
		return nil
	}
	return func() tea.Msg {
		store.Refresh(api, refreshAge)
		return nil
	}
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

// unreachable: the request did not get an answer from the service.
func unreachable(err error) bool {
	var transport *apiclient.TransportError
	return errors.As(err, &transport)
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

func (m *Model) applyOffline(msg offlineFoundMsg) {
	if msg.id != m.reqID || !msg.found {
		return
	}
	c := msg.customer
	m.customer, m.err, m.offline = &c, nil, &msg.offline
	if m.input.Value() == m.errQuery {
		m.input.SetValue("")
		m.submitted = false
	}
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
