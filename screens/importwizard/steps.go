package importwizard

import (
	"errors"
	"slices"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	"loyaltydesk/importer"
)

// formatKey: left/right cycle the delimiter, space toggles the header row.
func (m *Model) formatKey(k tea.KeyMsg) tea.Cmd {
	w := m.c.Keys.Wizard
	f := m.sample.Format
	switch {
	case key.Matches(k, w.Left), key.Matches(k, w.Right):
		f.Delimiter = cycle(importer.Delimiters, f.Delimiter, key.Matches(k, w.Right))
		m.sample = m.sample.WithFormat(f)
	case key.Matches(k, w.Toggle):
		f.Header = !f.Header
		m.sample = m.sample.WithFormat(f)
	case key.Matches(k, w.Next):
		return m.readTable()
	}
	return nil
}

// headerChoices are what a column can be mapped to: skipped, or a header.
var headerChoices = append([]string{""}, apiclient.ProfileHeaders...)

// mappingKey: up/down pick a column, left/right change its header.
func (m *Model) mappingKey(k tea.KeyMsg) tea.Cmd {
	w := m.c.Keys.Wizard
	switch {
	case key.Matches(k, w.Up):
		m.column = max(m.column-1, 0)
	case key.Matches(k, w.Down):
		m.column = min(m.column+1, m.table.Columns()-1)
	case key.Matches(k, w.Left), key.Matches(k, w.Right):
		m.cycleHeader(key.Matches(k, w.Right))
	case key.Matches(k, w.Next):
		if m.mapping.Mapped() == 0 {
			m.err = errors.New("map at least one column to a field")
			return nil
		}
		return m.validate()
	}
	return nil
}

func (m *Model) cycleHeader(forward bool) {
	next := cycle(headerChoices, m.mapping.Header(m.column), forward)
	if next == "" {
		m.mapping.Skip(m.column)
		m.err = nil
		return
	}
	displaced, err := m.mapping.Assign(m.column, next)
	m.err = err
	if displaced >= 0 {
		m.err = errors.New(m.table.ColumnName(displaced) + " was mapped to " + next + "; it is now skipped")
	}
}

type planMsg struct {
	m    *Model
	plan *importer.Plan
	err  error
}

func (r planMsg) owner() *Model { return r.m }

func (r planMsg) apply(m *Model) tea.Cmd {
	if r.err != nil {
		m.err = r.err
		return nil
	}
	m.plan, m.scroll, m.step = r.plan, 0, stepValidate
	return nil
}

// validate checks every row; for a large file this takes a moment, so it
// runs as a command.
func (m *Model) validate() tea.Cmd {
	t, mp := m.table, m.mapping.Clone()
	return m.run("Checking every row…", func() tea.Msg {
		p, err := importer.Validate(t, mp)
		return planMsg{m: m, plan: p, err: err}
	})
}

// validateKey: up/down scroll the problems, space chooses whether fixable
// rows are sent fixed or set aside.
func (m *Model) validateKey(k tea.KeyMsg) tea.Cmd {
	w := m.c.Keys.Wizard
	switch {
	case key.Matches(k, w.Up):
		m.scroll = max(m.scroll-1, 0)
	case key.Matches(k, w.Down):
		m.scroll = min(m.scroll+1, max(len(m.plan.Problems())-1, 0))
	case key.Matches(k, w.Toggle):
		m.sendFix = !m.sendFix
	case key.Matches(k, w.Next):
		c := m.plan.Counts()
		if c.Valid == 0 && (c.Fixable == 0 || !m.sendFix) {
			m.err = errors.New("no row can be imported; fix the file or the mapping")
			return nil
		}
		m.step, m.optCursor = stepOptions, 0
	}
	return nil
}

// optionRows are the campaigns, then card generation and no-undo.
func (m *Model) optionRows() int { return len(m.campaigns) + 2 }

var cardDigitChoices = []int{0, 8, 10, 12, 16}

// optionsKey: up/down move, space toggles a campaign or no-undo,
// left/right change the card number length.
func (m *Model) optionsKey(k tea.KeyMsg) tea.Cmd {
	w := m.c.Keys.Wizard
	n := len(m.campaigns)
	switch {
	case key.Matches(k, w.Up):
		m.optCursor = max(m.optCursor-1, 0)
	case key.Matches(k, w.Down):
		m.optCursor = min(m.optCursor+1, m.optionRows()-1)
	case key.Matches(k, w.Toggle) && m.optCursor < n:
		id := m.campaigns[m.optCursor].ID
		m.chosen[id] = !m.chosen[id]
	case key.Matches(k, w.Toggle) && m.optCursor == n+1:
		m.noUndo = !m.noUndo
	case (key.Matches(k, w.Left) || key.Matches(k, w.Right)) && m.optCursor == n:
		m.cardDigits = cycle(cardDigitChoices, m.cardDigits, key.Matches(k, w.Right))
	case key.Matches(k, w.Next):
		return m.prepare()
	}
	return nil
}

func (m *Model) chosenCampaigns() []string {
	var ids []string
	for _, c := range m.campaigns { // in the list's order: auto_add goes to the first
		if m.chosen[c.ID] {
			ids = append(ids, c.ID)
		}
	}
	return ids
}

func (m *Model) options() importer.Options {
	return importer.Options{
		Mode: m.mode, Campaigns: m.chosenCampaigns(), CardNumberGenerate: m.cardDigits,
		NoUndo: m.noUndo, RejectFixable: !m.sendFix, ChunkRows: m.c.Settings.ImportChunkRows,
	}
}

// prepare builds the job and loads the existing customers for the preview.
func (m *Model) prepare() tea.Cmd {
	if len(m.chosenCampaigns()) == 0 {
		m.err = errors.New("choose at least one campaign (space)")
		return nil
	}
	job, err := m.plan.Prepare(m.options())
	if err != nil {
		m.err = err
		return nil
	}
	m.job = job
	if m.existing != nil {
		return m.showPreview()
	}
	return m.loadExisting()
}

// cycle returns the choice after (or before) cur, wrapping around; a cur
// not in the list counts as just before the first.
func cycle[T comparable](choices []T, cur T, forward bool) T {
	i := slices.Index(choices, cur)
	if forward {
		return choices[(i+1)%len(choices)]
	}
	if i <= 0 {
		return choices[len(choices)-1]
	}
	return choices[i-1]
}
