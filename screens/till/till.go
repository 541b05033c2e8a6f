// Package till is the cashier's panel of the lookup: earn (+), redeem (-)
// and void (ctrl+z) for the customer on screen, at scanner speed. The rules
// (references, lost answers, the offline outbox) live in package
// loyaltydesk/till; this package asks, shows and sends in tea.Cmds.
package till

import (
	"strconv"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	"loyaltydesk/keymap"
	core "loyaltydesk/till"
	"loyaltydesk/ui"
	"loyaltydesk/ui/form"
)

type step int

const (
	stepPick      step = iota // which campaign (a digit)
	stepEarn                  // the earn form
	stepRewards               // redeem: which reward (a digit)
	stepAmount                // redeem: an amount or points
	stepConfirm               // one key to go
	stepSending               // waiting for the server
	stepUncertain             // the answer was lost: resend or look again
	stepFailed                // refused or failed: the message, typed data kept
)

// Model is the till panel for one action on one customer.
type Model struct {
	c      *ui.Common
	term   *core.Terminal
	svc    core.Service
	cache  *Cache
	width  int
	height int

	kind     core.Kind
	void     bool
	customer apiclient.Customer
	camps    []apiclient.CampaignBalance
	camp     apiclient.CampaignBalance
	step     step
	back     step // where esc and a failure return to
	cursor   int

	data             campaignData
	loading          bool
	submitWhenLoaded bool
	// early holds keys typed at the rewards before they were in (a cashier
	// who knows "- 1 y" by heart does not wait for the list).
	early []tea.KeyMsg

	form   *form.Model
	rows   []redeemRow
	action core.Action
	result core.Result
	// message is what the panel says in the current step (a refusal, a
	// question), already in plain words.
	message string

	closed  bool
	outcome Outcome
	conn    *ConnState
}

// Outcome is what the lookup shows once the panel has closed.
type Outcome struct {
	// Summary is the one line for the cashier ("+125 points → 1,074; …");
	// empty when the panel was left without an action.
	Summary string
	Kind    ui.StatusKind
	// Customer is the customer as re-read after the action, nil if it
	// could not be read.
	Customer *apiclient.Customer
	// Conn is how the last call went, for the header's connection state;
	// nil when the panel made none.
	Conn *ConnState
}

// ConnState is the outcome of the panel's last call: Err nil means the
// server answered.
type ConnState struct{ Err error }

// NewEarn opens the earn panel for the customer. With a default campaign
// the customer is in, or only one campaign, the amount is asked at once.
func NewEarn(c *ui.Common, term *core.Terminal, cache *Cache, cust apiclient.Customer) (*Model, tea.Cmd) {
	m := newModel(c, term, cache, cust, core.Earn)
	return m, m.start(term.DefaultCampaign)
}

// NewRedeem opens the redeem panel for the customer.
func NewRedeem(c *ui.Common, term *core.Terminal, cache *Cache, cust apiclient.Customer) (*Model, tea.Cmd) {
	m := newModel(c, term, cache, cust, core.Redeem)
	return m, m.start("")
}

// NewVoid asks to undo the terminal's last action; ok is false when there
// is none.
func NewVoid(c *ui.Common, term *core.Terminal, cache *Cache) (*Model, bool) {
	last, ok := term.Last()
	if !ok {
		return nil, false
	}
	m := newModel(c, term, cache, apiclient.Customer{Code: last.CustomerCode, CardNumber: last.CardNumber}, last.Kind)
	m.void, m.action, m.step, m.back = true, last, stepConfirm, stepConfirm
	m.message = "Void " + describe(last) + "?"
	return m, true
}

func newModel(c *ui.Common, term *core.Terminal, cache *Cache, cust apiclient.Customer, kind core.Kind) *Model {
	m := &Model{c: c, term: term, svc: core.API{Client: c.API}, cache: cache, kind: kind, customer: cust, width: 80, height: 18}
	m.camps = append(m.camps, cust.Campaigns...)
	return m
}

// start picks the campaign when there is no choice to make.
func (m *Model) start(preferred string) tea.Cmd {
	if len(m.camps) == 0 {
		m.fail("This customer is not enrolled in any campaign.", stepPick)
		return nil
	}
	for i, b := range m.camps {
		if preferred != "" && b.ID == preferred {
			return m.choose(i)
		}
	}
	if len(m.camps) == 1 {
		return m.choose(0)
	}
	m.step = stepPick
	return nil
}

// Closed reports whether the panel is done; Result then says how.
func (m *Model) Closed() bool { return m.closed }

// Result is the panel's outcome once closed.
func (m *Model) Result() Outcome { return m.outcome }

// SetSize sets the panel's width and the lines it may take; a form
// taller than that scrolls.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	if m.form != nil {
		m.form.SetSize(w-4, m.formHeight())
	}
}

// formHeight leaves room for the border, the title, a message and the hint.
func (m *Model) formHeight() int { return max(m.height-6, 3) }

// CapturesKey keeps typed characters in a focused field (a ? in a
// description is text).
func (m *Model) CapturesKey(k tea.KeyMsg) bool {
	if (m.step == stepEarn || m.step == stepAmount) && m.form != nil {
		return m.form.CapturesKey(k)
	}
	return false
}

func (m *Model) close(o Outcome) {
	if o.Conn == nil {
		o.Conn = m.conn
	}
	m.closed, m.outcome = true, o
}

func (m *Model) fail(msg string, back step) {
	m.step, m.message, m.back = stepFailed, msg, back
}

// Update handles keys and the answers of the panel's own requests.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return m.handleKey(msg)
	case loadedMsg:
		if msg.owner == m {
			return m.applyLoaded(msg)
		}
		return nil
	case sentMsg:
		if msg.owner == m {
			return m.applySent(msg)
		}
		return nil
	}
	if m.form != nil && (m.step == stepEarn || m.step == stepAmount) {
		var cmd tea.Cmd
		m.form, cmd = m.form.Update(msg)
		return cmd
	}
	return nil
}

func (m *Model) handleKey(k tea.KeyMsg) tea.Cmd {
	switch m.step {
	case stepPick:
		return m.pickKey(k)
	case stepEarn, stepAmount:
		return m.formKey(k)
	case stepRewards:
		if m.loading && !key.Matches(k, m.c.Keys.Global.Back) {
			m.early = append(m.early, k)
			return nil
		}
		return m.rewardKey(k)
	case stepConfirm:
		return m.confirmKey(k)
	case stepUncertain:
		return m.uncertainKey(k)
	case stepFailed:
		return m.failedKey(k)
	}
	return nil // sending: nothing may interrupt a balance change
}

func (m *Model) pickKey(k tea.KeyMsg) tea.Cmd {
	return m.listKey(k, len(m.camps), m.choose, func() tea.Cmd { m.close(Outcome{}); return nil })
}

// listKey moves the cursor over a list of n rows (the campaigns, the
// rewards): a digit or enter picks a row, esc leaves.
func (m *Model) listKey(k tea.KeyMsg, n int, pick func(int) tea.Cmd, leave func() tea.Cmd) tea.Cmd {
	tk := m.c.Keys.Till
	switch {
	case key.Matches(k, m.c.Keys.Global.Back):
		return leave()
	case key.Matches(k, tk.Next):
		m.cursor = min(m.cursor+1, n-1)
	case key.Matches(k, tk.Prev):
		m.cursor = max(m.cursor-1, 0)
	case key.Matches(k, tk.Record):
		return pick(m.cursor)
	default:
		if i, ok := digit(k); ok && i < n {
			return pick(i)
		}
	}
	return nil
}

// digit reads 1–9 as a list index (0-based).
func digit(k tea.KeyMsg) (int, bool) {
	if k.Type != tea.KeyRunes || len(k.Runes) != 1 || k.Runes[0] < '1' || k.Runes[0] > '9' {
		return 0, false
	}
	n, _ := strconv.Atoi(string(k.Runes))
	return n - 1, true
}

// choose opens the campaign's next step and loads what it needs (from the
// cache at once when it was loaded before).
func (m *Model) choose(i int) tea.Cmd {
	m.camp, m.cursor = m.camps[i], i
	data, cached, stale := m.cache.get(m.camp.ID)
	m.data, m.loading = data, !cached
	var cmd tea.Cmd
	if m.kind == core.Earn {
		cmd = m.openEarn()
	} else {
		cmd = m.openRedeem()
	}
	if stale {
		cmd = tea.Batch(cmd, m.load(m.camp))
	}
	return cmd
}

func (m *Model) formKey(k tea.KeyMsg) tea.Cmd {
	switch {
	case m.form.ListOpen():
	case key.Matches(k, m.c.Keys.Global.Back):
		return m.leave()
	case key.Matches(k, m.c.Keys.Till.Record):
		if m.step == stepAmount {
			return m.confirmAmount()
		}
		return m.submitEarn()
	}
	var cmd tea.Cmd
	m.form, cmd = m.form.Update(k)
	if m.step == stepEarn {
		m.refreshItemHint()
	}
	return cmd
}

// leave goes back one step: to the campaigns (when there was a choice),
// the rewards, or out of the panel.
func (m *Model) leave() tea.Cmd {
	switch {
	case m.step == stepAmount && len(m.rows) > 0:
		m.step, m.message = stepRewards, ""
	case len(m.camps) > 1 && !m.void && m.step != stepPick:
		m.step, m.form, m.rows, m.message = stepPick, nil, nil, ""
	default:
		m.close(Outcome{})
	}
	return nil
}

func (m *Model) confirmKey(k tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.c.Keys.Till.Confirm):
		if m.void {
			return m.sendVoid()
		}
		return m.send()
	case key.Matches(k, m.c.Keys.Global.Back), key.Matches(k, m.c.Keys.Menu.No):
		if m.void {
			m.close(Outcome{})
			return nil
		}
		m.step, m.message = m.back, ""
	}
	return nil
}

func (m *Model) uncertainKey(k tea.KeyMsg) tea.Cmd {
	tk := m.c.Keys.Till
	switch {
	case key.Matches(k, tk.Resend) && m.result.Outcome == core.NotLanded:
		return m.resend()
	case key.Matches(k, tk.Queue) && m.canKeep():
		return m.keepForLater()
	case key.Matches(k, tk.Recheck) && m.result.Outcome == core.Unknown:
		return m.recheck()
	case key.Matches(k, m.c.Keys.Global.Back):
		m.close(Outcome{Kind: ui.StatusError, Summary: m.message})
	}
	return nil
}

func (m *Model) failedKey(k tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.c.Keys.Global.Back):
		m.close(Outcome{Conn: m.conn})
	case key.Matches(k, m.c.Keys.Till.Record) && m.back != stepPick && !m.void:
		m.step, m.message = m.back, "" // back to the form, every value kept
	}
	return nil
}

// ShortHelp lists the keys of the current step.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	switch m.step {
	case stepPick, stepRewards:
		return []key.Binding{k.Till.Prev, k.Till.Next, keymap.WithHelp(k.Till.Record, "choose"), k.Global.Back}
	case stepEarn, stepAmount:
		return []key.Binding{k.Till.Record, k.Form.Next, k.Global.Back}
	case stepConfirm:
		return []key.Binding{k.Till.Confirm, k.Global.Back}
	case stepUncertain:
		if m.canKeep() {
			return []key.Binding{k.Till.Resend, k.Till.Queue, k.Global.Back}
		}
		if m.result.Outcome == core.NotLanded {
			return []key.Binding{k.Till.Resend, k.Global.Back}
		}
		return []key.Binding{k.Till.Recheck, k.Global.Back}
	}
	return []key.Binding{k.Global.Back}
}

// Owns reports whether a message is an answer to the panel's own request.
func Owns(p *Model, msg tea.Msg) bool {
	switch msg := msg.(type) {
	case loadedMsg:
		return msg.owner == p
	case sentMsg:
		return msg.owner == p
	}
	return false
}
