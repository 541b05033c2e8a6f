package lookup

import (
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	tillscreen "loyaltydesk/screens/till"
	"loyaltydesk/till"
	"loyaltydesk/ui"
)

// tillState is the lookup's part of the till: the panel while one is open,
// the campaign lists it caches, the offline queue and the line that says
// what the last action did.
type tillState struct {
	term   *till.Terminal
	panel  *tillscreen.Model
	cache  *tillscreen.Cache
	queue  *tillscreen.Queue
	result string // the last action's one line, shown under the customer
	kind   ui.StatusKind
}

func newTillState(c *ui.Common) *tillState {
	term := c.Settings.Till
	if term == nil {
		term = &till.Terminal{}
	}
	return &tillState{term: term, cache: tillscreen.NewCache(), queue: tillscreen.NewQueue(c, term)}
}

// tillKey opens the panel from the scan box: + earn and - redeem for the
// customer shown, void for this till's last action.
func (m *Model) tillKey(k tea.KeyMsg) (tea.Cmd, bool) {
	keys := m.c.Keys.Lookup
	idle := m.input.Value() == "" || m.submitted
	t := m.till
	switch {
	case idle && m.customer != nil && key.Matches(k, keys.Earn):
		p, cmd := tillscreen.NewEarn(m.c, t.term, t.cache, m.tillCustomer())
		return m.openPanel(p, cmd), true
	case idle && m.customer != nil && key.Matches(k, keys.Redeem):
		p, cmd := tillscreen.NewRedeem(m.c, t.term, t.cache, m.tillCustomer())
		return m.openPanel(p, cmd), true
	case key.Matches(k, keys.Void):
		p, ok := tillscreen.NewVoid(m.c, t.term, t.cache)
		if !ok {
			return ui.SetStatus(ui.StatusInfo, "Nothing to void: this till has recorded nothing since it started."), true
		}
		return m.openPanel(p, nil), true
	}
	return nil, false
}

// splitBurst cuts keys that arrived together (typed fast, or in one SSH
// packet) into one message per rune while the scan box or the till panel
// has the keys: "+12,50" is the earn key then the amount, as typed, not
// text for the scan box. A paste stays whole.
func (m *Model) splitBurst(msg tea.Msg) ([]tea.KeyMsg, bool) {
	k, ok := msg.(tea.KeyMsg)
	if !ok || k.Type != tea.KeyRunes || k.Paste || k.Alt || len(k.Runes) < 2 || (m.mode != modeScan && m.till.panel == nil) {
		return nil, false
	}
	keys := make([]tea.KeyMsg, len(k.Runes))
	for i, r := range k.Runes {
		keys[i] = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}
	}
	return keys, true
}

func (m *Model) updateEach(keys []tea.KeyMsg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(keys))
	for _, k := range keys {
		_, cmd := m.Update(k)
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

// tillCustomer is the customer shown with each campaign completed from the
// campaigns list (customer_info documents only id and balance), inactive
// ones left out. Found offline with no balances, the customer may still
// earn (the earn is queued) in any active campaign, balance unknown.
func (m *Model) tillCustomer() apiclient.Customer {
	c := *m.customer
	var camps []apiclient.CampaignBalance
	for _, b := range c.Campaigns {
		if camp := m.campaignOf(b); !camp.Inactive {
			camps = append(camps, apiclient.CampaignBalance{Campaign: camp, Balance: b.Balance})
		}
	}
	if len(camps) == 0 && m.offline != nil && !m.offline.balances {
		for _, camp := range m.meta.byID {
			if !camp.Inactive {
				camps = append(camps, apiclient.CampaignBalance{Campaign: m.campaignOf(apiclient.CampaignBalance{Campaign: camp})})
			}
		}
		slices.SortFunc(camps, func(a, b apiclient.CampaignBalance) int { return strings.Compare(a.Name, b.Name) })
	}
	c.Campaigns = camps
	return c
}

// panelHeight is what is left below the intro, the scan box and the
// customer's name.
func (m *Model) panelHeight() int { return max(m.height-5, 6) }

func (m *Model) openPanel(p *tillscreen.Model, cmd tea.Cmd) tea.Cmd {
	m.till.panel, m.till.result = p, ""
	p.SetSize(m.width, m.panelHeight())
	return m.afterPanel(cmd)
}

// updateTill hands a message to the panel and the queue; handled is false
// when neither wanted it.
func (m *Model) updateTill(msg tea.Msg) (tea.Cmd, bool) {
	if cmd, ok := m.till.queue.Update(msg); ok {
		return cmd, true
	}
	if m.till.panel == nil {
		return nil, false
	}
	if _, isKey := msg.(tea.KeyMsg); !isKey && !tillscreen.Owns(m.till.panel, msg) {
		return nil, false
	}
	return m.afterPanel(m.till.panel.Update(msg)), true
}

// afterPanel closes a finished panel: the customer as re-read, the change
// in one line, and the scan box ready for the next card.
func (m *Model) afterPanel(cmd tea.Cmd) tea.Cmd {
	p := m.till.panel
	if p == nil || !p.Closed() {
		return cmd
	}
	m.till.panel = nil
	out := p.Result()
	if out.Customer != nil {
		c := *out.Customer
		m.customer, m.offline = &c, nil // read again from the server just now
		m.remember(c)
	}
	m.till.result, m.till.kind = out.Summary, out.Kind
	m.input.SetValue("")
	m.submitted = false
	m.input.Focus()
	cmds := []tea.Cmd{cmd}
	if out.Conn != nil {
		cmds = append(cmds, ui.ReportConnection(out.Conn.Err))
	}
	if out.Summary != "" {
		cmds = append(cmds, ui.SetStatus(out.Kind, out.Summary), m.till.queue.Kick())
	}
	return tea.Batch(cmds...)
}

// tillResultView is the last action's line and the queue's, under the
// customer.
func (m *Model) tillResultView() string {
	st := m.c.Styles
	var lines []string
	if m.till.result != "" {
		style := st.Success
		switch m.till.kind {
		case ui.StatusError:
			style = st.Error
		case ui.StatusInfo:
			style = st.Warning
		}
		lines = append(lines, style.Render(st.Wrap(m.till.result, m.width)))
	}
	if q := m.till.queue.View(); q != "" {
		lines = append(lines, ui.Truncate(q, m.width))
	}
	return ui.JoinNonEmpty("\n", lines...)
}
