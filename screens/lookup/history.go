package lookup

import (
	"context"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	"loyaltydesk/keymap"
	"loyaltydesk/ui"
)

// historyState shows the shown customer's history: one table per campaign,
// each headed by the campaign and its balance, newest first with the
// balance after each transaction. Up and down scroll.
type historyState struct {
	code      string
	campaigns []apiclient.Campaign
	results   []campaignHistory
	reqID     int
	loading   bool
	offset    int // first line shown
}

// campaignHistory is one campaign's balance and last transactions.
type campaignHistory struct {
	balance *apiclient.Balance
	err     error
}

// historyRows is how many transactions each campaign shows.
const historyRows = 15

type historyLoadedMsg struct {
	id      int
	results []campaignHistory
}

func (m *Model) openHistory() tea.Cmd {
	if m.customer == nil {
		return nil
	}
	m.mode = modeHistory
	h := &historyState{code: m.customer.Code}
	for _, b := range m.customer.Campaigns {
		h.campaigns = append(h.campaigns, m.campaignOf(b))
	}
	m.history = h
	if len(h.campaigns) == 0 {
		return nil
	}
	return m.loadHistory()
}

func (m *Model) loadHistory() tea.Cmd {
	h := m.history
	h.reqID++
	h.loading, h.results = true, nil
	id, api, ctx, code := h.reqID, m.c.API, m.c.Ctx, h.code
	camps := h.campaigns
	return tea.Batch(m.spin.Tick, func() tea.Msg {
		return historyLoadedMsg{id: id, results: fetchHistories(ctx, api, code, camps)}
	})
}

func fetchHistories(ctx context.Context, api *apiclient.Client, code string, camps []apiclient.Campaign) []campaignHistory {
	out := make([]campaignHistory, len(camps))
	for i, c := range camps {
		b, err := api.CustomerBalance(ctx, apiclient.CustomerQuery{Code: code}, c.ID, historyRows)
		if err != nil {
			out[i].err = err
			continue
		}
		out[i].balance = &b
	}
	return out
}

func (m *Model) updateHistory(msg tea.Msg) (tea.Cmd, bool) {
	res, ok := msg.(historyLoadedMsg)
	if !ok {
		return nil, false
	}
	h := m.history
	if h == nil || res.id != h.reqID {
		return nil, true
	}
	h.loading, h.results = false, res.results
	var firstErr error
	for _, r := range res.results {
		if r.err != nil && firstErr == nil {
			firstErr = r.err
		}
	}
	return ui.ReportConnection(firstErr), true
}

func (m *Model) historyKey(k tea.KeyMsg) tea.Cmd {
	h, keys := m.history, m.c.Keys
	switch {
	case key.Matches(k, keys.Global.Back), key.Matches(k, keys.Lookup.Balance):
		m.mode = modeScan
	case key.Matches(k, keys.Lookup.Up):
		h.offset = max(h.offset-1, 0)
	case key.Matches(k, keys.Lookup.Down):
		h.offset = min(h.offset+1, max(len(m.historyLines())-m.historyRoom(), 0))
	case key.Matches(k, keys.Lookup.Submit) && !h.loading && h.failed():
		return m.loadHistory()
	}
	return nil
}

func (h *historyState) failed() bool {
	for _, r := range h.results {
		if r.err != nil {
			return true
		}
	}
	return false
}

func (m *Model) historyRoom() int { return max(m.height-2, 3) }

func (m *Model) historyView() string {
	st, h := m.c.Styles, m.history
	title := st.Title.Render(ui.Truncate("History — "+ui.Sanitize(m.customerName()), m.width))
	lines := m.historyLines()
	room := m.historyRoom()
	h.offset = min(h.offset, max(len(lines)-room, 0))
	shown := lines[h.offset:min(len(lines), h.offset+room)]
	hint := fmt.Sprintf("%s/%s scroll · %s back", m.c.Keys.Lookup.Up.Help().Key, m.c.Keys.Lookup.Down.Help().Key, m.c.Keys.Global.Back.Help().Key)
	if h.offset+room < len(lines) {
		hint = fmt.Sprintf("%d more lines below · ", len(lines)-h.offset-room) + hint
	}
	return strings.Join(append([]string{title}, append(shown, st.Faint.Render(ui.Truncate(hint, m.width)))...), "\n")
}

// historyLines draws every campaign's table, one after the other.
func (m *Model) historyLines() []string {
	st, h := m.c.Styles, m.history
	switch {
	case len(h.campaigns) == 0:
		return []string{st.Faint.Render(st.Wrap("Not enrolled in any campaign yet, so there is no history to show.", m.width))}
	case h.loading:
		return []string{m.spin.View() + fmt.Sprintf(" Loading the history of %d campaigns…", len(h.campaigns))}
	}
	var lines []string
	for i, camp := range h.campaigns {
		if i > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, m.campaignTable(camp, h.results[i])...)
	}
	return lines
}

func (m *Model) campaignTable(camp apiclient.Campaign, r campaignHistory) []string {
	st := m.c.Styles
	head := ui.Sanitize(camp.Name) + " · " + camp.Type.Name()
	if r.err != nil {
		return []string{st.Subtitle.Render(ui.Truncate(head, m.width)),
			st.Wrap(st.Error.Render("✗ Not loaded: ")+ui.Describe(r.err)+" "+m.retryHint(), m.width)}
	}
	b := r.balance
	head += " — balance " + camp.Format(b.Balance)
	out := []string{st.Subtitle.Render(ui.Truncate(head, m.width))}
	if len(b.Transactions) == 0 {
		return append(out, st.Faint.Render("  No transactions yet."))
	}
	unit := "Amount"
	if u := camp.Type.Unit(0); u != "" {
		unit = strings.ToUpper(u[:1]) + u[1:] // Points, Visits, Punches
	}
	cols := []ui.Column{{Title: "When", Min: 16, Keep: 5}, {Title: unit, Min: 8, Right: true, Keep: 4},
		{Title: "Balance", Min: 8, Right: true, Keep: 3}, {Title: "Description", Min: 10, Weight: 2, Keep: 2},
		{Title: "By", Min: 8, Weight: 1, Keep: 1}}
	after, known := apiclient.RunningBalances(b.Balance, b.Transactions)
	rows := make([][]string, len(b.Transactions))
	for i, t := range b.Transactions {
		bal := "?"
		if known[i] {
			bal = plainAmount(camp, after[i], false)
		}
		rows[i] = []string{when(t.Date), signedAmount(camp, t), bal, t.Authorization, t.UserName}
	}
	out = append(out, strings.Split(ui.Table(st, cols, rows, m.width, -1), "\n")...)
	if len(b.Transactions) == historyRows {
		out = append(out, st.Faint.Render(fmt.Sprintf("  the last %d transactions", historyRows)))
	}
	return out
}

// when is a history date as "2006-01-02 15:04" (or the date alone).
func when(s string) string {
	t, clock, ok := apiclient.TransactionTime(s)
	switch {
	case !ok:
		return s
	case clock:
		return t.Format("2006-01-02 15:04")
	}
	return t.Format("2006-01-02")
}

// signedAmount writes a transaction's effect: "+120", "-500", "-$5.00".
func signedAmount(camp apiclient.Campaign, t apiclient.Transaction) string {
	a, ok := t.Signed()
	if !ok {
		return t.Amount
	}
	return plainAmount(camp, a, true)
}

func plainAmount(camp apiclient.Campaign, a apiclient.Amount, signed bool) string {
	sign := ""
	switch {
	case a < 0:
		sign, a = "-", -a
	case signed && a > 0:
		sign = "+"
	}
	if camp.Type.Money() {
		return sign + camp.Glyph + a.GroupedMoney()
	}
	return sign + a.Grouped()
}

// historyHelp names the history's keys.
func (m *Model) historyHelp() []key.Binding {
	k := m.c.Keys
	return []key.Binding{keymap.WithHelp(k.Lookup.Up, "scroll up"), keymap.WithHelp(k.Lookup.Down, "scroll down"), k.Global.Back}
}

func (m *Model) customerName() string {
	if m.customer == nil {
		return ""
	}
	return m.customer.FullName()
}
