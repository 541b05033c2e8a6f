package importwizard

import (
	"context"
	"errors"
	"path/filepath"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/importer"
)

// upload is one run of the job's upload; progress arrives on a channel.
type upload struct {
	cancel   context.CancelFunc
	events   chan tea.Msg
	last     importer.Progress
	running  bool
	stopping bool
}

type (
	progressMsg struct {
		m *Model
		p importer.Progress
	}
	uploadedMsg struct {
		m   *Model
		res importer.Result
		err error
	}
)

func (r progressMsg) owner() *Model { return r.m }
func (r uploadedMsg) owner() *Model { return r.m }

func (m *Model) startUpload() tea.Cmd {
	ctx, cancel := context.WithCancel(m.ctx())
	u := &upload{cancel: cancel, events: make(chan tea.Msg, 16), running: true}
	m.uploadState, m.step, m.err = u, stepUpload, nil
	job, api := m.job, m.c.API
	cfg := importer.RunConfig{
		StateDir:     m.c.StateDir,
		RejectedPath: m.rejectedPath(),
		OnProgress: func(p importer.Progress) {
			select {
			case u.events <- progressMsg{m: m, p: p}:
			default: // a newer one follows
			}
		},
	}
	send := func() tea.Msg {
		res, err := job.Upload(ctx, api, cfg)
		u.events <- uploadedMsg{m: m, res: res, err: err}
		return nil
	}
	return tea.Batch(send, listen(u.events))
}

// rejectedPath is next to the source file; an Imonggo import keeps its
// rejected rows in the state dir.
func (m *Model) rejectedPath() string {
	if m.useImongo || m.file == "" {
		return filepath.Join(m.c.StateDir, "imonggo.rejected.csv")
	}
	return importer.RejectedPath(m.file)
}

func (r progressMsg) apply(m *Model) tea.Cmd {
	if u := m.uploadState; u != nil {
		u.last = r.p
		return listen(u.events)
	}
	return nil
}

func (r uploadedMsg) apply(m *Model) tea.Cmd {
	u := m.uploadState
	u.running = false
	u.cancel()
	if r.err != nil && !errors.Is(r.err, context.Canceled) {
		m.err = r.err
		return nil // stays on the upload step: the journal lets it resume
	}
	if r.err != nil {
		m.err = errors.New("upload cancelled; the journal keeps what was sent, so the import can be resumed")
		return nil
	}
	m.result, m.step = &r.res, stepResult
	if m.sync != nil && r.res.Complete {
		return m.commitSync()
	}
	return nil
}

// uploadKey: cancel stops between chunks; after a failure enter tries again.
func (m *Model) uploadKey(k tea.KeyMsg) tea.Cmd {
	u, w := m.uploadState, m.c.Keys.Wizard
	switch {
	case u.running && key.Matches(k, w.Cancel):
		u.stopping = true
		u.cancel()
	case !u.running && key.Matches(k, w.Next):
		return m.startUpload()
	case !u.running && key.Matches(k, m.c.Keys.Global.Back):
		m.step = stepPreview
	}
	return nil
}

type committedMsg struct {
	m   *Model
	err error
}

func (r committedMsg) owner() *Model { return r.m }

func (r committedMsg) apply(m *Model) tea.Cmd {
	if r.err != nil {
		m.err = errors.New("imported, but the sync date could not be stored: the next sync fetches these customers again (" + r.err.Error() + ")")
	}
	return nil
}

// commitSync stores the Imonggo sync date, only now that the import is done.
func (m *Model) commitSync() tea.Cmd {
	s, mark := m.sync, m.changes.Mark
	return func() tea.Msg { return committedMsg{m: m, err: s.Commit(mark)} }
}

// resultKey: enter starts another import.
func (m *Model) resultKey(k tea.KeyMsg) tea.Cmd {
	if key.Matches(k, m.c.Keys.Wizard.Next) {
		fresh := New(m.c, nil).(*Model)
		fresh.SetSize(m.width, m.height)
		*m = *fresh
		return m.Init()
	}
	return nil
}
