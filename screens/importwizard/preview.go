package importwizard

import (
	"context"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	"loyaltydesk/importer"
	"loyaltydesk/ui"
)

// modes are the duplicate modes in the order the preview shows them.
var modes = []apiclient.DuplicateMode{apiclient.Overwrite, apiclient.Update, apiclient.Ignore}

type existingMsg struct {
	tag
	ex  *importer.Existing
	err error
}

// loadExisting streams the customers report to match the rows against.
func (m *Model) loadExisting() tea.Cmd {
	api := m.c.API
	return m.runCounting("Reading the account's customers to compare…", "%d read so far",
		func(ctx context.Context, t tag, report func(int)) tea.Msg {
			ex, err := importer.LoadExisting(ctx, api.CustomersReport, report)
			return existingMsg{tag: t, ex: ex, err: err}
		})
}

func (r existingMsg) apply(m *Model) tea.Cmd {
	if r.err != nil {
		m.err = r.err
		return ui.ReportConnection(r.err)
	}
	m.existing = r.ex
	return tea.Batch(m.showPreview(), ui.ReportConnection(nil))
}

func (m *Model) showPreview() tea.Cmd {
	m.preview = m.job.Preview(m.existing)
	m.step, m.diffIndex = stepPreview, 0
	return nil
}

// previewKey: left/right pick the mode, up/down step through the matched
// rows, enter uploads in the mode picked.
func (m *Model) previewKey(k tea.KeyMsg) tea.Cmd {
	w := m.c.Keys.Wizard
	if m.confirming {
		return m.confirmKey(k)
	}
	last := max(m.preview.Matched()-1, 0)
	switch {
	case key.Matches(k, w.Toggle) && len(m.renames()) > 0:
		m.importRenames = !m.importRenames
	case key.Matches(k, m.c.Keys.Global.Back):
		return m.back()
	case key.Matches(k, w.Left), key.Matches(k, w.Right):
		m.mode = cycle(modes, m.mode, key.Matches(k, w.Right))
		return m.reprepare()
	case key.Matches(k, w.Up):
		m.diffIndex = max(m.diffIndex-1, 0)
	case key.Matches(k, w.Down):
		m.diffIndex = min(m.diffIndex+1, last)
	case key.Matches(k, w.PageUp):
		m.diffIndex = max(m.diffIndex-10, 0)
	case key.Matches(k, w.PageDown):
		m.diffIndex = min(m.diffIndex+10, last)
	case key.Matches(k, w.Next):
		m.confirming, m.err = true, nil
	}
	return nil
}

// reprepare rebuilds the job for the newly chosen mode (the mode is part
// of the import's identity in the journal).
func (m *Model) reprepare() tea.Cmd {
	if err := m.prepareJob(); err != nil {
		m.err = err
		return nil
	}
	m.preview = m.job.Preview(m.existing)
	m.diffIndex = min(m.diffIndex, max(m.preview.Matched()-1, 0))
	return nil
}
