package importwizard

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	"loyaltydesk/importer"
)

// modes are the duplicate modes in the order the preview shows them.
var modes = []apiclient.DuplicateMode{apiclient.Overwrite, apiclient.Update, apiclient.Ignore}

type (
	existingMsg struct {
		m   *Model
		ex  *importer.Existing
		err error
	}
	loadedMsg struct {
		m      *Model
		loaded int
	}
)

func (r existingMsg) owner() *Model { return r.m }

// loadExisting streams the customers report for matching; the count so far
// arrives on a channel that a listening command reads.
func (m *Model) loadExisting() tea.Cmd {
	api, ctx := m.c.API, m.ctx()
	counts := make(chan tea.Msg, 4)
	m.loaded = 0
	load := func() tea.Msg {
		ex, err := importer.LoadExisting(ctx, api.CustomersReport, func(n int) {
			select {
			case counts <- loadedMsg{m: m, loaded: n}:
			default: // the screen is busy; the next count will do
			}
		})
		close(counts)
		return existingMsg{m: m, ex: ex, err: err}
	}
	return m.run("Reading the existing customers…", tea.Batch(load, listen(counts)))
}

func listen(ch <-chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return nil
		}
		return msg
	}
}

func (r existingMsg) apply(m *Model) tea.Cmd {
	if r.err != nil {
		m.err = r.err
		return nil
	}
	m.existing = r.ex
	return m.showPreview()
}

func (m *Model) showPreview() tea.Cmd {
	m.preview = m.job.Preview(m.existing)
	m.step, m.diffScroll = stepPreview, 0
	return nil
}

// previewKey: left/right pick the mode, up/down scroll the matched rows,
// enter starts the upload in the chosen mode.
func (m *Model) previewKey(k tea.KeyMsg) tea.Cmd {
	w := m.c.Keys.Wizard
	switch {
	case key.Matches(k, w.Left), key.Matches(k, w.Right):
		m.mode = cycle(modes, m.mode, key.Matches(k, w.Right))
		return m.reprepare()
	case key.Matches(k, w.Up):
		m.diffScroll = max(m.diffScroll-1, 0)
	case key.Matches(k, w.Down):
		m.diffScroll = min(m.diffScroll+1, max(m.preview.Matched()-1, 0))
	case key.Matches(k, w.Next):
		return m.startUpload()
	}
	return nil
}

// reprepare rebuilds the job for the newly chosen mode (the mode is part of
// the import's identity in the journal).
func (m *Model) reprepare() tea.Cmd {
	job, err := m.plan.Prepare(m.options())
	if err != nil {
		m.err = err
		return nil
	}
	m.job = job
	return m.showPreview()
}
