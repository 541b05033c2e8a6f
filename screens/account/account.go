// Package account is the account settings screen: the merchant account as
// account_info reports it (coalition and two-tier included), an edit form
// that sends only what changed after a summary of old → new, and a
// password change that takes up the new API token the server may answer
// with, offering to store it in the profile.
package account

import (
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	"loyaltydesk/ui"
	"loyaltydesk/ui/form"
)

type mode int

const (
	modeView     mode = iota
	modeEdit          // the account form
	modePassword      // the new password, twice
	modeConfirm       // the summary before sending
	modeSaving
	modeToken // the server issued a new API token
)

// task is what a confirm or save is about.
type task int

const (
	taskEdit task = iota
	taskPassword
)

// Model is the account page.
type Model struct {
	c             *ui.Common
	width, height int
	mode          mode
	task          task

	account  *apiclient.Account
	loadedAt time.Time
	loading  bool
	loadErr  error

	refs map[apiclient.ReferenceList][]apiclient.ReferenceItem

	form    *form.Model // the account form; kept while its changes are unsaved
	pw      *form.Model // the password form
	picker  *picker
	summary []form.Change
	saveErr error
	saved   string // what the last save did, in words

	token tokenState
}

// tokenState is a new API token the server issued, until it is stored or
// the user says it is taken care of.
type tokenState struct {
	value    string
	shown    bool
	storing  bool
	stored   bool
	storeErr string
	done     bool
}

func (t tokenState) pending() bool { return t.value != "" && !t.stored && !t.done }

// New builds the account page.
func New(c *ui.Common, _ any) ui.Page {
	return &Model{c: c, width: 80, height: 20, refs: shippedRefs()}
}

// shippedRefs are the pick lists of language, currency and time zone: the
// service serves none of them, so they ship with the program.
func shippedRefs() map[apiclient.ReferenceList][]apiclient.ReferenceItem {
	refs := map[apiclient.ReferenceList][]apiclient.ReferenceItem{}
	for _, l := range []apiclient.ReferenceList{apiclient.Languages, apiclient.Currencies, apiclient.Timezones} {
		refs[l] = apiclient.Reference(l)
	}
	return refs
}

// Init loads the account.
func (m *Model) Init() tea.Cmd {
	return m.load()
}

// Title names the page in the header.
func (m *Model) Title() string { return "Account" }

// SetSize sets the content area.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.layout()
}

// Dirty reports typed changes not yet saved, and a new API token not yet
// stored or acknowledged.
func (m *Model) Dirty() bool {
	return m.form != nil && m.form.Dirty() || m.pw != nil && m.pw.Dirty() || m.token.pending()
}

// CapturesKey lets focused inputs type every printable key; on a list
// field typing opens the search, except the help key (?).
func (m *Model) CapturesKey(k tea.KeyMsg) bool {
	switch {
	case m.picker != nil:
		return k.Type == tea.KeyRunes || k.Type == tea.KeySpace
	case m.mode == modeEdit:
		return m.form.CapturesKey(k) || m.onRefField() && k.Type == tea.KeyRunes && !key.Matches(k, m.c.Keys.Global.Help)
	case m.mode == modePassword:
		return m.pw.CapturesKey(k)
	}
	return false
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
	case accountMsg:
		if msg.owner == m {
			return m.applyAccount(msg)
		}
	case savedMsg:
		if msg.owner == m {
			return m.applySaved(msg)
		}
	case tokenStoredMsg:
		if msg.owner == m {
			return m.applyTokenStored(msg)
		}
	default:
		if f := m.activeForm(); f != nil {
			_, cmd := f.Update(msg) // the cursor's blink
			return cmd
		}
	}
	return nil
}

func (m *Model) activeForm() *form.Model {
	switch m.mode {
	case modeEdit:
		return m.form
	case modePassword:
		return m.pw
	}
	return nil
}

func (m *Model) handleKey(k tea.KeyMsg) tea.Cmd {
	switch {
	case m.picker != nil:
		return m.pickerKey(k)
	case m.mode == modeEdit:
		return m.editKey(k)
	case m.mode == modePassword:
		return m.passwordKey(k)
	case m.mode == modeConfirm:
		return m.confirmKey(k)
	case m.mode == modeToken:
		return m.tokenKey(k)
	case m.mode == modeView:
		return m.viewKey(k)
	}
	return nil // saving: the form stays as sent until the answer comes
}

func (m *Model) viewKey(k tea.KeyMsg) tea.Cmd {
	ak := m.c.Keys.Account
	switch {
	case key.Matches(k, ak.Edit):
		return m.startEdit()
	case key.Matches(k, ak.ChangePassword):
		return m.startPassword()
	case key.Matches(k, ak.Reload):
		return m.load()
	case key.Matches(k, m.c.Keys.Global.Back):
		return ui.Back()
	}
	return nil
}

func (m *Model) startEdit() tea.Cmd {
	if m.account == nil {
		return ui.SetStatus(ui.StatusInfo, "The account is not loaded yet; r reloads it.")
	}
	if m.form == nil || !m.form.Dirty() {
		m.form = form.New(m.c.Styles, m.c.Keys, editFields(m.refs))
		m.form.SetOriginal(originals(*m.account))
	}
	m.mode, m.saveErr, m.saved = modeEdit, nil, ""
	m.layout()
	return m.form.Init()
}

func (m *Model) startPassword() tea.Cmd {
	if m.pw == nil {
		m.pw = form.New(m.c.Styles, m.c.Keys, passwordFields())
		m.pw.SetCrossCheck(passwordsMatch)
	}
	m.mode, m.saveErr, m.saved = modePassword, nil, ""
	m.layout()
	return m.pw.Init()
}

func (m *Model) onRefField() bool {
	if m.mode != modeEdit || m.form == nil {
		return false
	}
	list, ok := refFields[m.form.Focused()]
	return ok && len(m.refs[list]) > 0
}

func (m *Model) editKey(k tea.KeyMsg) tea.Cmd {
	keys := m.c.Keys
	switch {
	case key.Matches(k, keys.Form.Save):
		return m.review(taskEdit, m.form)
	case key.Matches(k, keys.Global.Back) && !m.form.ListOpen():
		m.mode = modeView // the changes stay for e; Dirty keeps them from being dropped
		return nil
	case m.onRefField() && (key.Matches(k, keys.Form.Accept) || key.Matches(k, keys.Form.Toggle) || k.Type == tea.KeyRunes):
		m.openPicker(k)
		return textinput.Blink
	}
	_, cmd := m.form.Update(k)
	return cmd
}

func (m *Model) openPicker(k tea.KeyMsg) {
	field := m.form.Focused()
	list := refFields[field]
	typed := ""
	if k.Type == tea.KeyRunes {
		typed = string(k.Runes)
	}
	m.picker = newPicker(m.c.Styles, field, refLabels[list], m.form.Value(field), m.refs[list], typed)
}

func (m *Model) pickerKey(k tea.KeyMsg) tea.Cmd {
	mk := m.c.Keys.Menu
	result, cmd := m.picker.update(k, pickerKeys{up: mk.Up, down: mk.Down, choose: mk.Choose, back: m.c.Keys.Global.Back})
	switch result {
	case pickerChosen:
		m.form.SetValue(m.picker.field, m.picker.chosen())
		m.picker = nil
	case pickerClosed:
		m.picker = nil
	}
	return cmd
}

func (m *Model) passwordKey(k tea.KeyMsg) tea.Cmd {
	keys := m.c.Keys
	switch {
	case key.Matches(k, keys.Form.Save):
		return m.review(taskPassword, m.pw)
	case key.Matches(k, keys.Global.Back):
		m.pw, m.mode = nil, modeView // a half-typed password is not kept
		return nil
	}
	_, cmd := m.pw.Update(k)
	return cmd
}

// review checks a form and shows the summary of what would be sent.
func (m *Model) review(t task, f *form.Model) tea.Cmd {
	if ok, cmd := f.Validate(); !ok {
		return tea.Batch(cmd, ui.SetStatus(ui.StatusError, "Fix the marked field first; the cursor is on it."))
	}
	changes := f.Changes()
	if t == taskPassword {
		changes = changes[:min(len(changes), 1)] // the repeat is only a check
	}
	if len(changes) == 0 {
		return ui.SetStatus(ui.StatusInfo, "Nothing changed, nothing to save.")
	}
	m.task, m.summary, m.mode = t, changes, modeConfirm
	return nil
}

func (m *Model) confirmKey(k tea.KeyMsg) tea.Cmd {
	keys := m.c.Keys
	switch {
	case key.Matches(k, keys.Form.Confirm), key.Matches(k, keys.Form.Accept):
		return m.send()
	case key.Matches(k, keys.Form.Cancel), key.Matches(k, keys.Global.Back):
		m.mode = map[task]mode{taskEdit: modeEdit, taskPassword: modePassword}[m.task]
	}
	return nil
}

func (m *Model) tokenKey(k tea.KeyMsg) tea.Cmd {
	ak := m.c.Keys.Account
	switch {
	case key.Matches(k, ak.StoreToken) && m.c.Settings.SaveToken != nil && !m.token.stored && !m.token.storing:
		return m.storeToken()
	case key.Matches(k, ak.ShowToken):
		m.token.shown = !m.token.shown
	case key.Matches(k, ak.Done), key.Matches(k, m.c.Keys.Global.Back):
		m.token.done, m.token.shown = true, false
		m.mode = modeView
	}
	return nil
}

// ShortHelp lists the keys of the current step.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	ak := k.Account
	switch {
	case m.picker != nil:
		return []key.Binding{k.Menu.Up, k.Menu.Down, k.Menu.Choose, k.Global.Back}
	case m.mode == modeEdit:
		return []key.Binding{k.Form.Next, k.Form.Prev, k.Form.Save, k.Form.Toggle, k.Global.Back}
	case m.mode == modePassword:
		return []key.Binding{k.Form.Next, k.Form.Save, k.Global.Back}
	case m.mode == modeConfirm:
		return []key.Binding{k.Form.Confirm, k.Form.Cancel}
	case m.mode == modeToken:
		out := []key.Binding{ak.ShowToken, ak.Done}
		if m.c.Settings.SaveToken != nil && !m.token.stored {
			out = append([]key.Binding{ak.StoreToken}, out...)
		}
		return out
	case m.mode == modeSaving:
		return nil
	}
	return []key.Binding{ak.Edit, ak.ChangePassword, ak.Reload}
}

// FullHelp lists every key of the page.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	ak := k.Account
	return [][]key.Binding{
		{ak.Edit, ak.ChangePassword, ak.Reload},
		{k.Form.Next, k.Form.Prev, k.Form.Accept, k.Form.Toggle, k.Form.Save, k.Form.Confirm, k.Form.Cancel},
		{ak.StoreToken, ak.ShowToken, ak.Done},
	}
}
