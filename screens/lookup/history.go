package lookup

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	"loyaltydesk/ui"
)

// historyState shows one campaign's balance and last transactions of the
// shown customer; up and down switch the campaign.
type historyState struct {
	code      string
	campaigns []apiclient.CampaignBalance
	cursor    int
	reqID     int
	loading   bool
	balance   *apiclient.Balance
	err       error
}

const historyRows = 12

type historyLoadedMsg struct {
	id      int
	balance apiclient.Balance
	err     error
}

func (m *Model) openHistory() tea.Cmd {
	if m.customer == nil || len(m.customer.Campaigns) == 0 {
		return ui.SetStatus(ui.StatusInfo, "This customer is in no campaign yet.")
	}
	m.mode = modeHistory
	m.history = &historyState{code: m.customer.Code, campaigns: m.customer.Campaigns}
	return m.loadHistory()
}

func (m *Model) loadHistory() tea.Cmd {
	h := m.history
	h.reqID++
	h.loading, h.err, h.balance = true, nil, nil
	id, api, ctx := h.reqID, m.c.API, m.c.Ctx
	q := apiclient.CustomerQuery{Code: h.code}
	campaign := h.campaigns[h.cursor].ID
	return tea.Batch(m.spin.Tick, func() tea.Msg {
		b, err := api.CustomerBalance(ctx, q, campaign, historyRows)
		return historyLoadedMsg{id, b, err}
	})
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
	h.loading = false
	if res.err != nil {
		h.err = res.err
	} else {
		h.balance = &res.balance
	}
	return ui.ReportConnection(res.err), true
}

func (m *Model) historyKey(k tea.KeyMsg) tea.Cmd {
	h, keys := m.history, m.c.Keys
	switch {
	case key.Matches(k, keys.Global.Back), key.Matches(k, keys.Lookup.Balance):
		m.mode = modeScan
	case key.Matches(k, keys.Lookup.Up) && h.cursor > 0:
		h.cursor--
		return m.loadHistory()
	case key.Matches(k, keys.Lookup.Down) && h.cursor < len(h.campaigns)-1:
		h.cursor++
		return m.loadHistory()
	case key.Matches(k, keys.Lookup.Submit) && h.err != nil:
		return m.loadHistory()
	}
	return nil
}
