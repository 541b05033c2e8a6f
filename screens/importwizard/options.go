package importwizard

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	"loyaltydesk/importer"
	"loyaltydesk/ui"
	"loyaltydesk/ui/form"
)

// The options form's fields.
const (
	fieldCampaigns = "campaigns"
	fieldDigits    = "card_digits"
	fieldNoUndo    = "no_undo"
	fieldKeep      = "keep_blanks"
	fieldRejected  = "rejected_to"
)

func newOptionsForm(c *ui.Common) *form.Model {
	return form.New(c.Styles, c.Keys, optionFields(nil))
}

func optionFields(campaigns []apiclient.Campaign) []form.Field {
	choices := make([]form.Option, len(campaigns))
	for i, c := range campaigns {
		choices[i] = form.Option{Value: c.ID, Label: fmt.Sprintf("%s (%s)", c.Name, c.Type.Name())}
	}
	return []form.Field{
		{Key: fieldCampaigns, Label: "Campaigns", Kind: form.MultiChoice, Options: choices, Required: true,
			Hint: "space: pick"},
		{Key: fieldDigits, Label: "Generate card numbers", Kind: form.Digits, CharLimit: 2,
			Hint: "4–19 digits; blank: none", Validate: checkCardDigits},
		{Key: fieldKeep, Label: "Blank keeps field", Kind: form.Bool, Hint: "mode update only"},
		{Key: fieldNoUndo, Label: "No undo", Kind: form.Bool, Hint: "space: change"},
		{Key: fieldRejected, Label: "Rejected rows to", Kind: form.Text, CharLimit: 4096,
			Hint: "name.csv; blank: the usual place", Validate: checkRejectedTo},
	}
}

// checkRejectedTo takes a file name only, ending in .csv: the rejected
// rows go next to the file being imported. Over SSH a folder part would let
// a staff member write wherever the server may (its keys, its settings);
// the .csv ending keeps the program's own files out of reach. Whether the
// file can be written is found out in a command (prepare).
func checkRejectedTo(s string) error {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return nil
	case strings.ContainsAny(s, `/\`) || filepath.Base(s) != s:
		return errors.New("a file name only: it goes next to the file being imported")
	case strings.HasPrefix(s, "."):
		return errors.New("a name that does not start with a dot")
	case !strings.HasSuffix(strings.ToLower(s), ".csv"):
		return errors.New("a name ending in .csv")
	}
	return nil
}

func checkCardDigits(s string) error {
	if n, err := strconv.Atoi(s); err != nil || n < 4 || n > 19 {
		return errors.New("give 4 to 19 digits, or leave it blank")
	}
	return nil
}

// setCampaignChoices puts the loaded campaigns in the form; a single
// campaign is chosen from the start.
func (m *Model) setCampaignChoices() {
	m.options.SetFields(optionFields(m.campaigns))
	if len(m.campaigns) == 1 && m.options.Value(fieldCampaigns) == "" {
		m.options.SetValue(fieldCampaigns, m.campaigns[0].ID)
	}
	m.applyPresets()
}

// keepBlanksFor sets the default of "blank keeps field": on for the
// Imonggo POS, whose empty fields must not wipe the loyalty ones (as the
// headless sync does), off for a file, where a blank cell means blank as
// the API documents.
func (m *Model) keepBlanksFor(pos bool) {
	m.options.SetValue(fieldKeep, strconv.FormatBool(pos))
}

// applyPresets puts the options of an interrupted import being resumed
// in the form, once the campaigns are there.
func (m *Model) applyPresets() {
	p := m.presets
	if p == nil || len(m.campaigns) == 0 {
		return
	}
	values := map[string]string{fieldCampaigns: strings.Join(p.Campaigns, ","), fieldNoUndo: strconv.FormatBool(p.NoUndo),
		fieldKeep: strconv.FormatBool(p.KeepBlanks)}
	if p.CardNumberGenerate > 0 {
		values[fieldDigits] = strconv.Itoa(p.CardNumberGenerate)
	}
	m.options.SetValues(values)
	m.presets = nil
}

func (m *Model) enterOptions() tea.Cmd {
	m.step = stepOptions
	m.applyPresets()
	cmd := m.options.Focus(fieldCampaigns)
	if m.campaignsErr != nil {
		return tea.Batch(cmd, m.loadCampaigns())
	}
	return cmd
}

// optionsKey: the form moves and edits; enter goes on (on the campaigns
// before any is picked it opens their list), esc goes back.
func (m *Model) optionsKey(k tea.KeyMsg) tea.Cmd {
	w, open := m.c.Keys.Wizard, m.options.ListOpen()
	switch {
	case !open && key.Matches(k, m.c.Keys.Global.Back):
		return m.back()
	case key.Matches(k, w.Retry):
		m.campaignsErr = nil
		return m.loadCampaigns()
	case key.Matches(k, m.c.Keys.Form.Save):
		return m.prepare()
	case !open && key.Matches(k, w.Next) && !m.mustPickCampaign():
		return m.prepare()
	}
	var cmd tea.Cmd
	m.options, cmd = m.options.Update(k)
	return cmd
}

func (m *Model) mustPickCampaign() bool {
	return m.options.Focused() == fieldCampaigns && m.options.Value(fieldCampaigns) == ""
}

func (m *Model) chosenOptions() importer.Options {
	digits, _ := strconv.Atoi(m.options.Value(fieldDigits))
	var campaigns []string
	for _, id := range strings.Split(m.options.Value(fieldCampaigns), ",") {
		if id != "" {
			campaigns = append(campaigns, id)
		}
	}
	return importer.Options{
		Mode: m.mode, Campaigns: campaigns, CardNumberGenerate: digits,
		NoUndo: m.options.Value(fieldNoUndo) == "true", RejectFixable: !m.sendFix,
		KeepBlanks: m.options.Value(fieldKeep) == "true",
		ChunkRows:  m.c.Settings.ImportChunkRows,
	}
}

// prepare checks the options, builds the job and loads the existing
// customers for the preview (once: going back and forth keeps them).
func (m *Model) prepare() tea.Cmd {
	if len(m.campaigns) == 0 {
		m.err = errors.New("the campaigns are not loaded yet; press " + m.c.Keys.Wizard.Retry.Help().Key + " to load them again")
		return nil
	}
	if ok, cmd := m.options.Validate(); !ok {
		m.err = errors.New("check the options marked ✗")
		return cmd
	}
	if m.chosenRejected() != "" {
		return m.checkRejectedTarget()
	}
	return m.prepared()
}

// prepared goes on to the preview once the options hold.
func (m *Model) prepared() tea.Cmd {
	if err := m.prepareJob(); err != nil {
		m.err = err
		return nil
	}
	m.err = nil
	if m.existing != nil {
		return m.showPreview()
	}
	return m.loadExisting()
}

// prepareJob fixes what will be sent under the chosen options and mode.
func (m *Model) prepareJob() error {
	job, err := m.plan.Prepare(m.chosenOptions())
	if err != nil {
		return err
	}
	m.job = job
	return nil
}
