// Package lookup is the first screen a cashier sees: one focused box that a
// card scanner types into, the customer with every campaign balance, the
// recent lookups, the campaign history and a search by name for the back
// office.
package lookup

import (
	"errors"
	"strings"
	"unicode"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"loyaltydesk/apiclient"
	"loyaltydesk/keymap"
	"loyaltydesk/ui"
)

type mode int

const (
	modeScan mode = iota
	modeRecent
	modeSearch
	modeHistory
	modePick
	modeReplace
)

// Model is the lookup page.
type Model struct {
	c             *ui.Common
	width, height int
	mode          mode

	input textinput.Model
	// submitted means the box still shows the last query sent: the next
	// character typed starts a new query instead of extending it.
	submitted bool
	reqID     int
	pending   string // the query in flight, "" when none
	spin      spinner.Model

	customer *apiclient.Customer
	err      error
	errQuery string
	fields   map[string]apiclient.FieldDef // by form name (manage_fields)
	meta     campaignMeta

	recent       []apiclient.Customer
	recentCursor int

	search  *searchState
	history *historyState

	seen    map[string]seenCustomer // by card and code, for offline scans
	offline *offlineState           // the customer shown is from offline data
	pick    *pickState
	replace *replaceState
	till    *tillState
}

// New builds the lookup page.
func New(c *ui.Common, arg any) ui.Page {
	in := ui.NewTextInput(c.Styles, "card / code › ", "scan a card or type a number, then enter")
	in.CharLimit = 64
	in.Focus()
	m := &Model{c: c, input: in, spin: spinner.New(spinner.WithSpinner(spinner.Line)), till: newTillState(c)}
	if show, ok := arg.(ui.ShowCustomer); ok {
		m.input.SetValue(show.Code)
	}
	return m
}

// Init loads the custom field names and, when opened on a customer, looks it up.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{textinput.Blink, m.loadFields(), m.c.RefreshCustomers(refreshAge), m.loadCampaigns(), m.till.queue.Kick()}
	if v := m.input.Value(); v != "" {
		cmds = append(cmds, m.lookup(v))
	}
	return tea.Batch(cmds...)
}

// Reopen shows the given customer, keeping the recent list.
func (m *Model) Reopen(arg any) tea.Cmd {
	if show, ok := arg.(ui.ShowCustomer); ok && show.Code != "" {
		m.mode = modeScan
		m.input.SetValue(show.Code)
		return m.lookup(show.Code)
	}
	return nil
}

// Title names the page in the header.
func (m *Model) Title() string { return "Customer lookup" }

// SetSize sets the content area.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.input.Width = inputWidth(w, m.input.Prompt)
	if m.search != nil {
		m.search.input.Width = inputWidth(w, m.search.input.Prompt)
	}
	if m.replace != nil {
		m.replace.form.SetSize(w, max(h-8, 5))
	}
	if m.till.panel != nil {
		m.till.panel.SetSize(w, m.panelHeight())
	}
}

// inputWidth is how many characters of an input line fit in its box
// beside its prompt (in cells: the prompts hold "›").
func inputWidth(w int, prompt string) int {
	return max(w-lipgloss.Width(prompt)-6, 10)
}

// Dirty is false: a half-typed number is not worth a question.
func (m *Model) Dirty() bool { return false }

// CapturesKey keeps typed characters in the focused box; the help key (?)
// is never part of a number, so it still opens the help.
func (m *Model) CapturesKey(k tea.KeyMsg) bool {
	if m.till.panel != nil {
		return m.till.panel.CapturesKey(k)
	}
	if k.Type != tea.KeyRunes && k.Type != tea.KeySpace {
		return false
	}
	switch m.mode {
	case modeSearch:
		return true
	case modeScan, modePick:
		return !key.Matches(k, m.c.Keys.Global.Help)
	case modeReplace:
		return m.replace.form.CapturesKey(k)
	}
	return false
}

// Update handles keys and the answers of the page's own requests.
func (m *Model) Update(msg tea.Msg) (ui.Page, tea.Cmd) {
	if keys, ok := m.splitBurst(msg); ok {
		return m, m.updateEach(keys)
	}
	if cmd, ok := m.updateTill(msg); ok {
		return m, cmd
	}
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return m, m.handleKey(msg)
	case lookupResultMsg:
		return m, m.applyResult(msg)
	case fieldsLoadedMsg:
		m.applyFields(msg)
		return m, nil
	case offlineFoundMsg:
		return m, m.applyOffline(msg)
	case offlineRecheckMsg:
		return m, m.recheckOffline(msg)
	case offlineRecheckedMsg:
		return m, m.applyRecheck(msg)
	case campaignsLoadedMsg:
		m.applyCampaigns(msg)
		return m, nil
	case spinner.TickMsg:
		if m.pending == "" && !m.searchBusy() && (m.history == nil || !m.history.loading) && (m.replace == nil || !m.replace.sending) {
			return m, nil
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	}
	if cmd, ok := m.updateSearch(msg); ok {
		return m, cmd
	}
	if cmd, ok := m.updateHistory(msg); ok {
		return m, cmd
	}
	if cmd, ok := m.updateReplace(msg); ok {
		return m, cmd
	}
	if m.mode == modeReplace {
		f, cmd := m.replace.form.Update(msg) // the cursor's blinking
		m.replace.form = f
		return m, cmd
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return m, cmd
}

func (m *Model) handleKey(k tea.KeyMsg) tea.Cmd {
	switch m.mode {
	case modeRecent:
		return m.recentKey(k)
	case modeSearch:
		return m.searchKey(k)
	case modeHistory:
		return m.historyKey(k)
	case modePick:
		return m.pickKey(k)
	case modeReplace:
		return m.replaceKey(k)
	}
	return m.scanKey(k)
}

func (m *Model) scanKey(k tea.KeyMsg) tea.Cmd {
	if cmd, ok := m.tillKey(k); ok {
		return cmd
	}
	keys := m.c.Keys
	idle := m.input.Value() == "" && m.customer != nil
	switch {
	case key.Matches(k, keys.Lookup.Submit):
		return m.submit()
	case key.Matches(k, keys.Global.Back):
		return m.clear()
	case key.Matches(k, keys.Lookup.Recent):
		if len(m.recent) == 0 {
			return ui.SetStatus(ui.StatusInfo, "No recent lookups yet.")
		}
		m.mode, m.recentCursor = modeRecent, 0
		return nil
	case key.Matches(k, keys.Lookup.Search):
		return m.openSearch()
	case idle && key.Matches(k, keys.Lookup.Edit):
		return ui.Navigate(ui.PageCustomer, *m.customer)
	case idle && key.Matches(k, keys.Lookup.New):
		return ui.Navigate(ui.PageCustomer, ui.NewCustomer{})
	case idle && key.Matches(k, keys.Lookup.Balance):
		return m.openHistory()
	case idle && key.Matches(k, keys.Lookup.Replace):
		return m.openReplace()
	}
	return m.typeIntoBox(k)
}

// typeIntoBox passes a key to the scan box; the first character after a
// submitted query replaces it, so the next scan starts clean.
func (m *Model) typeIntoBox(k tea.KeyMsg) tea.Cmd {
	if k.Alt {
		return nil // alt+N is a command, never a digit of the number
	}
	if m.submitted && (k.Type == tea.KeyRunes || k.Type == tea.KeySpace) {
		m.input.SetValue("")
	}
	if k.Type == tea.KeyRunes || k.Type == tea.KeyBackspace || k.Type == tea.KeySpace {
		m.submitted = false
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(k)
	return cmd
}

func (m *Model) submit() tea.Cmd {
	q := cardQuery(m.input.Value())
	if q == "" {
		return nil
	}
	return m.lookup(q)
}

// cardQuery is what the box holds as a card number or code: a number typed
// or printed in groups ("5555 4444", "5555-4444") loses its spaces and
// dashes; anything with letters (a code) is only trimmed.
func cardQuery(typed string) string {
	q := strings.TrimSpace(typed)
	digits := strings.NewReplacer(" ", "", "-", "").Replace(q)
	if digits != "" && strings.Trim(digits, "0123456789") == "" {
		return digits
	}
	return q
}

// hasLetters tells a name typed into the card box.
func hasLetters(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// NavArg hands a card number that was not found to the new-customer form.
func (m *Model) NavArg(to ui.PageID) any {
	if to != ui.PageCustomer || !errors.Is(m.err, apiclient.ErrNotFound) || hasLetters(m.errQuery) {
		return nil
	}
	return ui.NewCustomer{CardNumber: m.errQuery}
}

func (m *Model) clear() tea.Cmd {
	m.input.SetValue("")
	m.submitted = false
	m.customer, m.err, m.errQuery, m.offline = nil, nil, "", nil
	m.till.result = ""
	m.pending = ""
	m.reqID++ // an answer still on its way is no longer wanted
	return nil
}

// ShortHelp lists the keys of the current mode.
func (m *Model) ShortHelp() []key.Binding {
	if m.till.panel != nil {
		return m.till.panel.ShortHelp()
	}
	k := m.c.Keys
	switch m.mode {
	case modeRecent, modeSearch, modePick:
		return []key.Binding{k.Lookup.Up, k.Lookup.Down, k.Lookup.Submit, k.Global.Back}
	case modeHistory:
		return m.historyHelp()
	case modeReplace:
		return m.replaceHelp()
	}
	if m.customer != nil && m.input.Value() == "" {
		return []key.Binding{k.Lookup.Earn, k.Lookup.Redeem, k.Lookup.Edit, k.Lookup.Balance, k.Lookup.Replace, k.Lookup.Void, keymap.WithHelp(k.Global.Back, "clear")}
	}
	return []key.Binding{k.Lookup.Submit, k.Lookup.Recent, k.Lookup.Search, k.Global.NewCustomer}
}

// FullHelp lists every key of the page.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.c.Keys.Lookup
	return [][]key.Binding{
		{k.Submit, k.Recent, k.Search},
		{k.Edit, k.New, k.Balance, k.Replace, k.Up, k.Down},
		{k.Earn, k.Redeem, k.Void},
	}
}
