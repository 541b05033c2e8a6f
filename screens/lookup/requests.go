package lookup

import (
	"errors"
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	"loyaltydesk/ui"
)

type lookupResultMsg struct {
	id       int
	query    string
	customer apiclient.Customer
	err      error
	at       time.Time // when the answer came
}

type fieldsLoadedMsg struct {
	defs []apiclient.FieldDef
	err  error
}

// lookup sends the query; each request is numbered so that only the newest
// answer is shown.
func (m *Model) lookup(query string) tea.Cmd {
	m.reqID++
	id, api, ctx := m.reqID, m.c.API, m.c.Ctx
	m.pending = query
	m.submitted = true
	m.err = nil
	m.offline = nil
	m.till.result = "" // the last action's line belongs to the customer it was for
	return tea.Batch(m.spin.Tick, func() tea.Msg {
		c, err := api.LookupCustomer(ctx, query)
		return lookupResultMsg{id: id, query: query, customer: c, err: err, at: time.Now()}
	})
}

func (m *Model) applyResult(msg lookupResultMsg) tea.Cmd {
	if msg.id != m.reqID {
		return nil // overtaken by a newer scan
	}
	m.pending = ""
	conn := ui.ReportConnection(msg.err)
	if isConnectionNeutral(msg.err) {
		conn = ui.ReportConnection(nil)
	}
	if msg.err != nil {
		m.err, m.errQuery = msg.err, msg.query
		m.customer = nil
		if ui.Offline(msg.err) {
			return tea.Batch(conn, m.lookOffline(msg.id, msg.query))
		}
		m.openPick(msg.err)
		return conn
	}
	c := msg.customer
	m.customer, m.err = &c, nil
	m.remember(c)
	conn = tea.Batch(conn, m.reloadCampaigns())
	m.rememberSeen(c, msg.at)
	if m.submitted && cardQuery(m.input.Value()) == msg.query {
		m.input.SetValue("") // ready for the next scan; letters are commands now
		m.submitted = false
	}
	return conn
}

// isConnectionNeutral: answers such as "not found" prove the server is up.
func isConnectionNeutral(err error) bool {
	var apiErr *apiclient.APIError
	return errors.As(err, &apiErr) && !errors.Is(err, apiclient.ErrUnauthenticated)
}

// problem words the failure of a lookup for a cashier.
func (m *Model) problem(query string, err error) (title, detail string) {
	switch {
	case errors.Is(err, apiclient.ErrNotFound):
		enrol := "to enrol a new customer with this card"
		if hasLetters(query) {
			enrol = "to enrol a new customer; " + m.c.Keys.Lookup.Search.Help().Key + " finds a customer by name"
		}
		return "Not found", fmt.Sprintf("No customer has card number or code %q. Check the number, or press %s %s.",
			query, m.c.Keys.Global.NewCustomer.Help().Key, enrol)
	case errors.Is(err, apiclient.ErrAmbiguousCard):
		return "Card number is ambiguous", fmt.Sprintf("Several customers share card %q. Type the customer code instead, or fix the cards in the back office.", query)
	}
	var transport *apiclient.TransportError
	if errors.As(err, &transport) && transport.Timeout {
		return "Timed out", "The server did not answer in time. " + m.retryHint()
	}
	if errors.As(err, &transport) {
		return "Cannot reach the server", ui.Describe(err) + " " + m.retryHint()
	}
	var httpErr *apiclient.HTTPError
	if errors.As(err, &httpErr) {
		return "Server error", ui.Describe(err) + " " + m.retryHint()
	}
	return "Lookup failed", ui.Describe(err) + " " + m.retryHint()
}

func (m *Model) retryHint() string {
	return "Press " + m.c.Keys.Lookup.Submit.Help().Key + " to retry."
}

func (m *Model) loadFields() tea.Cmd {
	api, ctx := m.c.API, m.c.Ctx
	return func() tea.Msg {
		defs, err := api.CustomerFields(ctx)
		return fieldsLoadedMsg{defs, err}
	}
}

func (m *Model) applyFields(msg fieldsLoadedMsg) {
	if msg.err != nil {
		m.c.Log.Warn("custom fields not loaded", "err", msg.err)
		return
	}
	m.fields = map[string]apiclient.FieldDef{}
	for _, d := range msg.defs {
		m.fields[d.Name] = d
	}
}

const maxRecent = 10

// remember puts a customer at the top of the recent list.
func (m *Model) remember(c apiclient.Customer) {
	out := []apiclient.Customer{c}
	for _, r := range m.recent {
		if r.Code != c.Code && len(out) < maxRecent {
			out = append(out, r)
		}
	}
	m.recent = out
}
