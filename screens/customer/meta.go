package customer

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	"loyaltydesk/ui"
)

type metaLoadedMsg struct {
	id    int64
	defs  []apiclient.FieldDef
	camps []apiclient.Campaign
	err   error
}

// loadMeta fetches what shapes the form: the account's custom fields and,
// for a new customer, the campaigns to enrol in.
func (m *Model) loadMeta() tea.Cmd {
	m.metaLoading, m.metaErr = true, nil
	api, ctx, id, isNew := m.c.API, m.c.Ctx, m.id, m.isNew
	return tea.Batch(m.spin.Tick, func() tea.Msg {
		defs, err := api.CustomerFields(ctx)
		if err != nil {
			return metaLoadedMsg{id: id, err: err}
		}
		var camps []apiclient.Campaign
		if isNew {
			camps, err = api.Campaigns(ctx)
		}
		return metaLoadedMsg{id: id, defs: defs, camps: camps, err: err}
	})
}

func (m *Model) applyMeta(msg metaLoadedMsg) tea.Cmd {
	m.metaLoading = false
	if msg.err != nil {
		m.metaErr = msg.err
		m.c.Log.Warn("custom fields not loaded", "err", msg.err)
		return ui.ReportConnection(msg.err)
	}
	m.defs, m.camps, m.lists = msg.defs, msg.camps, listFields(msg.defs)
	m.rebuildFields()
	return ui.ReportConnection(nil)
}

// applyDraftLoaded offers a draft found on disk; until it is answered,
// no draft is written (that would overwrite it).
func (m *Model) applyDraftLoaded(msg draftLoadedMsg) tea.Cmd {
	switch {
	case msg.err != nil:
		m.c.Log.Warn("draft not read", "err", msg.err)
		m.draftErr = msg.err
		m.draftsOn = true
	case msg.draft == nil || len(msg.draft.Values) == 0 && !msg.draft.MaybeSaved:
		m.draftsOn = true
	default:
		m.offered, m.mode = msg.draft, modeRestore
	}
	return nil
}

func (m *Model) restoreKey(k tea.KeyMsg) tea.Cmd {
	keys := m.c.Keys
	switch {
	case key.Matches(k, keys.Form.Confirm), key.Matches(k, keys.Form.Accept):
		d := m.offered
		if d.New && d.Code != "" {
			m.code = d.Code
			m.rebuildFields() // the placeholder shows the restored code
		}
		m.maybeSaved = d.MaybeSaved
		m.form.SetValues(d.Values)
		m.draftRev = m.form.Revision() // the file on disk is this draft
		m.draftMaybe = m.maybeSaved
	case key.Matches(k, keys.Form.Cancel):
		m.draftRev = -1 // remove it at the next write
	case key.Matches(k, keys.Global.Back):
		// Not now: the file stays until the form is changed.
		m.draftRev = m.form.Revision()
	default:
		return nil
	}
	m.offered, m.mode, m.draftsOn = nil, modeEdit, true
	return m.saveDraft()
}

func (m *Model) restoreQuestion() string {
	d := m.offered
	k := m.c.Keys.Form
	q := fmt.Sprintf("Restore the unsaved draft from %s? (%s/%s)", d.SavedAt.Local().Format("2006-01-02 15:04"), k.Confirm.Help().Key, k.Cancel.Help().Key)
	if d.MaybeSaved {
		q += " Its last save got no answer; saving again checks the server first, so nothing is made twice."
	}
	return q + " Passwords and PINs are never kept in drafts: type them again."
}

func customerLabel(c apiclient.Customer) string {
	if name := strings.TrimSpace(c.FullName()); name != "" {
		return ui.Sanitize(name)
	}
	return "another customer"
}

// holdersLabel names the customers holding a card: "Jane Doe",
// "Mere Ngata and Hemi Ngata", "3 customers".
func holdersLabel(hs []apiclient.Customer) string {
	switch len(hs) {
	case 1:
		return customerLabel(hs[0])
	case 2:
		if hs[0].FullName() != "" && hs[1].FullName() != "" {
			return customerLabel(hs[0]) + " and " + customerLabel(hs[1])
		}
	}
	return fmt.Sprintf("%d other customers", len(hs))
}

func savedText(r apiclient.SaveCustomerResult) string {
	what := "Customer updated"
	if r.Status == "new" {
		what = "New customer saved"
	}
	text := what + " · code " + ui.Sanitize(r.Code)
	if r.CardNumber != "" {
		text += " · card " + ui.Sanitize(r.CardNumber)
	}
	return text
}
