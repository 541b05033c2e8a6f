// Package customer is the customer form: a new customer (code generated
// on the client, card number typed or generated, enrolment in campaigns)
// or an edit of one the lookup showed (only changed fields are sent). The
// account's custom fields get inputs of their type. Typed input survives a
// failed save, leaving the screen (the router asks) and a crash (a draft
// under the state directory, secrets left out).
package customer

import (
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	"loyaltydesk/keymap"
	"loyaltydesk/ui"
	"loyaltydesk/ui/form"
)

type mode int

const (
	modeEdit    mode = iota
	modeConfirm      // the summary of changes, before saving
	modeSaving
	modeRestore // "Restore the unsaved draft?"
)

// instances numbers forms, so that each drops the answers meant for
// another (every message but keys goes to every page).
var instances atomic.Int64

// Model is the customer form page.
type Model struct {
	c             *ui.Common
	id            int64
	width, height int
	mode          mode
	form          *form.Model
	spin          spinner.Model

	isNew bool
	// code is the customer's code (edit) or the code generated for a new
	// customer, used unless another is typed.
	code     string
	codeErr  error
	name     string
	original map[string]string

	defs        []apiclient.FieldDef
	lists       map[string]bool // List fields, sent joined with ", "
	camps       []apiclient.Campaign
	metaLoading bool
	metaErr     error

	summary []form.Change
	// saveErr is the last failed save; failedRev the form revision then.
	saveErr    error
	failedRev  int
	maybeSaved bool
	check      outcomeCheck // after a lost answer
	result     *apiclient.SaveCustomerResult

	drafts     *drafts
	draftsOn   bool // false until a found draft was answered
	draftRev   int
	draftMaybe bool
	draftSeq   int
	offered    *draft
	draftErr   error
}

// New builds the form: an apiclient.Customer (or pointer) edits it;
// anything else (ui.NewCustomer) opens an empty form for a new customer.
func New(c *ui.Common, arg any) ui.Page {
	m := &Model{c: c, id: instances.Add(1), drafts: newDrafts(c.StateDir), spin: spinner.New(spinner.WithSpinner(spinner.Line))}
	var cust *apiclient.Customer
	switch a := arg.(type) {
	case apiclient.Customer:
		cust = &a
	case *apiclient.Customer:
		cust = a
	}
	if cust != nil && cust.Code != "" {
		m.code, m.name, m.original = cust.Code, cust.FullName(), valuesOf(*cust)
	} else {
		m.isNew, m.original = true, map[string]string{kEmailOwner: "true"}
		m.code, m.codeErr = newCode()
		if m.codeErr != nil {
			c.Log.Error("no random code for a new customer", "err", m.codeErr)
		}
	}
	m.form = form.New(c.Styles, c.Keys, nil)
	m.rebuildFields()
	m.form.SetOriginal(m.original)
	if nc, ok := arg.(ui.NewCustomer); ok && nc.CardNumber != "" {
		m.form.SetValue(kCard, nc.CardNumber) // the card a scan did not find; the cursor stays on First name
	}
	return m
}

func (m *Model) rebuildFields() {
	fields := fieldSet(m.isNew, m.code, m.defs, m.camps)
	if m.isNew && m.codeErr != nil {
		fields[0].Required, fields[0].Placeholder = true, "type a code"
	}
	m.form.SetFields(fields)
	m.form.SetCrossCheck(crossCheck(m.camps, m.isNew, m.original[kCard]))
}

// Init loads the account's custom fields (and campaigns, for a new
// customer) and looks for a draft.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(m.form.Init(), m.loadMeta(), m.loadDraft(), draftTick(m.id))
}

// Title names the page in the header.
func (m *Model) Title() string {
	if m.isNew {
		return "New customer"
	}
	return "Edit customer"
}

// SetSize sets the content area.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.layout()
}

// Dirty reports typed input not yet saved.
func (m *Model) Dirty() bool { return m.form.Dirty() }

// LeavePrompt says what happens to the input when the form is left.
func (m *Model) LeavePrompt() string {
	return "Leave " + m.Title() + "? Nothing is saved to the server; your input (without password and PIN) is kept as a draft and offered back next time."
}

// CapturesKey lets a focused text field type every printable key.
func (m *Model) CapturesKey(k tea.KeyMsg) bool {
	return m.mode == modeEdit && m.form.CapturesKey(k)
}

// Update handles keys and the answers of the page's own commands.
func (m *Model) Update(msg tea.Msg) (ui.Page, tea.Cmd) {
	cmd := m.update(msg)
	m.layout()
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return m.handleKey(msg)
	case metaLoadedMsg:
		if msg.id == m.id {
			return m.applyMeta(msg)
		}
	case draftLoadedMsg:
		if msg.id == m.id {
			return m.applyDraftLoaded(msg)
		}
	case draftTickMsg:
		if msg.id == m.id {
			return tea.Batch(m.saveDraft(), draftTick(m.id))
		}
	case draftSavedMsg:
		if msg.id == m.id && msg.err != nil {
			m.draftErr = msg.err
			m.c.Log.Warn("draft not written", "err", msg.err)
		} else if msg.id == m.id {
			m.draftErr = nil
		}
	case savedMsg:
		if msg.id == m.id {
			return m.applySaved(saveOutcome(msg))
		}
	case checkedMsg:
		if msg.id == m.id {
			return m.applyChecked(msg)
		}
	case spinner.TickMsg:
		if m.metaLoading || m.mode == modeSaving {
			var cmd tea.Cmd
			m.spin, cmd = m.spin.Update(msg)
			return cmd
		}
	default:
		_, cmd := m.form.Update(msg)
		return cmd
	}
	return nil
}

func (m *Model) handleKey(k tea.KeyMsg) tea.Cmd {
	switch m.mode {
	case modeConfirm:
		return m.confirmKey(k)
	case modeRestore:
		return m.restoreKey(k)
	case modeSaving:
		return nil // the form is as sent until the answer comes
	}
	keys := m.c.Keys
	switch {
	case key.Matches(k, keys.Form.Save):
		return m.startSave(false)
	case key.Matches(k, keys.Form.Retry):
		return m.retry()
	case key.Matches(k, keys.Global.Back) && !m.form.ListOpen():
		return ui.Back()
	}
	before := m.form.Focused()
	_, cmd := m.form.Update(k)
	if m.form.Focused() != before {
		return tea.Batch(cmd, m.saveDraft())
	}
	return cmd
}

func (m *Model) retry() tea.Cmd {
	switch {
	case m.saveErr != nil:
		return m.startSave(m.form.Revision() == m.failedRev)
	case m.metaErr != nil && !m.metaLoading:
		return m.loadMeta()
	}
	return nil
}

// startSave checks the form and shows the summary (or, for a retry of the
// very request already confirmed, sends it again at once).
func (m *Model) startSave(again bool) tea.Cmd {
	if ok, cmd := m.form.Validate(); !ok {
		n := len(m.form.Errors())
		return tea.Batch(cmd, ui.SetStatus(ui.StatusError, ui.Plural(n, "field needs", "fields need")+" fixing; the cursor is on the first."))
	}
	j := m.request()
	if nothingToSave(j) {
		return ui.SetStatus(ui.StatusInfo, "Nothing changed, nothing to save.")
	}
	if again {
		return m.send(j)
	}
	m.summary = m.form.Changes()
	m.mode = modeConfirm
	k := m.c.Keys
	return ui.SetStatus(ui.StatusInfo, fmt.Sprintf("Check the summary; %s or %s saves, %s or %s goes back to the form.",
		k.Form.Confirm.Help().Key, k.Form.Accept.Help().Key, k.Form.Cancel.Help().Key, k.Global.Back.Help().Key))
}

func (m *Model) confirmKey(k tea.KeyMsg) tea.Cmd {
	keys := m.c.Keys
	switch {
	case key.Matches(k, keys.Form.Confirm), key.Matches(k, keys.Form.Accept):
		return m.send(m.request())
	case key.Matches(k, keys.Form.Cancel), key.Matches(k, keys.Global.Back):
		m.mode = modeEdit
	}
	return nil
}

func (m *Model) send(j saveJob) tea.Cmd {
	m.mode = modeSaving
	m.result = nil
	return tea.Batch(m.spin.Tick, m.saveCmd(j))
}

// applySaved shows the outcome: on success the code and any generated card
// (here and in the status line) and the lookup on the fresh customer; on
// failure the form as it was, the reason in plain words and a retry.
func (m *Model) applySaved(o saveOutcome) tea.Cmd {
	m.mode = modeEdit
	if o.taken != nil {
		m.form.SetError(kCode, "this code belongs to "+customerLabel(*o.taken)+"; type another or leave it empty")
		m.saveErr = nil
		return tea.Batch(m.form.Focus(kCode), ui.SetStatus(ui.StatusError, "Not saved: the code is taken."))
	}
	if len(o.cardHolders) > 0 {
		card := m.form.Values()[kCard]
		m.form.SetError(kCard, "card "+ui.Sanitize(card)+" already belongs to "+holdersLabel(o.cardHolders)+"; type another or generate one")
		m.saveErr = nil
		return tea.Batch(m.form.Focus(kCard), ui.SetStatus(ui.StatusError, "Not saved: the card is taken; nothing was sent."))
	}
	if o.err != nil {
		return m.saveFailed(o)
	}
	return m.saved(o.result)
}

func (m *Model) saveFailed(o saveOutcome) tea.Cmd {
	m.saveErr, m.failedRev, m.check = o.err, m.form.Revision(), outcomeCheck{}
	if o.sent && unknownOutcome(o.err) {
		m.maybeSaved = true
	}
	m.c.Log.Warn("customer not saved", "code", m.code, "err", o.err)
	cmds := []tea.Cmd{ui.ReportConnection(o.err), m.saveDraft()}
	if k, msg := fieldOfError(o.err); k != "" && m.form.Has(k) {
		m.form.SetError(k, msg)
		cmds = append(cmds, m.form.Focus(k))
	}
	if !unknownOutcome(o.err) {
		cmds[0] = ui.ReportConnection(nil) // the server answered
	}
	if o.sent && unknownOutcome(o.err) {
		return tea.Batch(append(cmds, m.startCheck(o))...)
	}
	return tea.Batch(append(cmds, ui.SetStatus(ui.StatusError, "Not saved: "+ui.Describe(o.err)))...)
}

func (m *Model) saved(res apiclient.SaveCustomerResult) tea.Cmd {
	oldDraft := m.draftName()
	values := m.form.Values()
	m.c.Log.Info("customer saved", "status", res.Status, "code", res.Code)
	if res.Code != "" {
		m.code = res.Code
	}
	values[kCode] = m.code
	if res.CardNumber != "" {
		values[kCard] = res.CardNumber
	}
	for _, k := range append(secretKeys, kNewCode, kGenerate, kEmailOwner, kCampaigns, kAutoAdd) {
		delete(values, k)
	}
	m.name = strings.TrimSpace(values[apiclient.FFirstName] + " " + values[apiclient.FLastName])
	m.isNew, m.original = false, values
	m.saveErr, m.maybeSaved, m.result = nil, false, &res
	m.rebuildFields()
	m.form.SetOriginal(values)
	text := savedText(res)
	return tea.Batch(
		m.dropDrafts(oldDraft, m.draftName()),
		ui.ReportConnection(nil),
		ui.SetStatusOn(ui.PageLookup, ui.StatusSuccess, text),
		ui.Navigate(ui.PageLookup, ui.ShowCustomer{Code: m.code}),
		m.c.RefreshCustomers(0),
	)
}

// ShortHelp lists the keys of the current step.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	switch m.mode {
	case modeConfirm:
		return []key.Binding{keymap.WithHelp(k.Form.Confirm, "save"), keymap.WithHelp(k.Form.Accept, "save"), k.Form.Cancel}
	case modeRestore:
		return []key.Binding{keymap.WithHelp(k.Form.Confirm, "restore"), keymap.WithHelp(k.Form.Cancel, "discard the draft"), keymap.WithHelp(k.Global.Back, "not now")}
	case modeSaving:
		return nil
	}
	out := []key.Binding{k.Form.Next, k.Form.Prev, k.Form.Save}
	if m.saveErr != nil || m.metaErr != nil {
		out = append(out, k.Form.Retry)
	}
	return append(out, k.Form.Toggle, k.Global.Back)
}

// FullHelp lists every key of the page.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	return [][]key.Binding{
		{k.Form.Next, k.Form.Prev, k.Form.Accept, k.Global.Back},
		{k.Form.Toggle, k.Form.PrevChoice, k.Form.NextChoice, k.Menu.Up, k.Menu.Down},
		{k.Form.Save, k.Form.Retry, k.Form.Confirm, k.Form.Cancel},
	}
}
