package lookup

import (
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	"loyaltydesk/ui"
)

// pickState lists the customers who share a scanned card, for the cashier
// to pick the one at the counter.
type pickState struct {
	card      string
	customers []apiclient.Customer
	cursor    int
}

// openPick turns a shared-card answer into the pick list, if it named the
// holders.
func (m *Model) openPick(err error) bool {
	var amb *apiclient.AmbiguousCardError
	if !errors.As(err, &amb) || len(amb.Customers) == 0 {
		return false
	}
	m.pick = &pickState{card: amb.Card, customers: amb.Customers}
	m.mode = modePick
	return true
}

func (m *Model) pickKey(k tea.KeyMsg) tea.Cmd {
	p, keys := m.pick, m.c.Keys
	switch {
	case key.Matches(k, keys.Lookup.Up):
		p.cursor = max(p.cursor-1, 0)
	case key.Matches(k, keys.Lookup.Down):
		p.cursor = min(p.cursor+1, len(p.customers)-1)
	case key.Matches(k, keys.Lookup.Submit):
		chosen := p.customers[p.cursor]
		m.closePick()
		return m.lookupCode(chosen.Code)
	case key.Matches(k, keys.Global.Back):
		m.closePick()
		return m.clear()
	default:
		m.closePick() // a new scan starts over
		return m.typeIntoBox(k)
	}
	return nil
}

func (m *Model) closePick() {
	m.pick, m.mode = nil, modeScan
}

// lookupCode reads one customer by code (a pick from the list).
func (m *Model) lookupCode(code string) tea.Cmd {
	m.reqID++
	id, api, ctx := m.reqID, m.c.API, m.c.Ctx
	m.pending, m.submitted, m.err = code, true, nil
	m.input.SetValue(code)
	return tea.Batch(m.spin.Tick, func() tea.Msg {
		c, err := api.CustomerInfo(ctx, apiclient.CustomerQuery{Code: code})
		return lookupResultMsg{id: id, query: code, customer: c, err: err}
	})
}

func (m *Model) pickView() string {
	st, p, k := m.c.Styles, m.pick, m.c.Keys
	title := fmt.Sprintf("Card %s is shared by %d customers — who is at the counter?", ui.Sanitize(p.card), len(p.customers))
	hint := fmt.Sprintf("%s/%s to choose, %s to open, %s to clear; a new scan starts over.",
		k.Lookup.Up.Help().Key, k.Lookup.Down.Help().Key, k.Lookup.Submit.Help().Key, k.Global.Back.Help().Key)
	rows := make([][]string, len(p.customers))
	for i, c := range p.customers {
		name := strings.TrimSpace(c.FullName())
		if name == "" {
			name = "(no name)"
		}
		rows[i] = []string{name, ui.JoinNonEmpty(", ", c.City, c.Phone), c.Code}
	}
	cols := []ui.Column{{Title: "Name", Min: 12, Weight: 2}, {Title: "Town, phone", Min: 10, Weight: 2}, {Title: "Code", Min: 16}}
	room := max(m.height-8, 3)
	start := max(0, p.cursor-room+1)
	end := min(len(rows), start+room)
	return strings.Join([]string{
		st.Warning.Render(st.Wrap(title, m.width)),
		ui.Table(st, cols, rows[start:end], m.width, p.cursor-start),
		st.Faint.Render(st.Wrap(hint, m.width)),
	}, "\n")
}
