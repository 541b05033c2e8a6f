package importwizard

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/importer"
	"loyaltydesk/internal/safefile"
	"loyaltydesk/ui"
)

// upload is one run of the job's upload. Progress and the end arrive on
// channels that a listening command reads, so the uploading goroutine
// never waits for the screen.
type upload struct {
	cancel    context.CancelFunc
	progress  chan importer.Progress
	final     chan uploadedMsg
	last      importer.Progress
	running   bool
	asking    bool // "stop after this chunk?" is shown
	stopping  bool
	halted    bool  // stopped as the user asked
	stopped   error // what stopped the upload short; nil while running or done
	locked    bool  // not started: another upload of the source holds its lock
	uncertain *importer.UncertainError
}

type (
	progressMsg struct {
		tag
		u *upload
		p importer.Progress
	}
	uploadedMsg struct {
		tag
		u   *upload
		res importer.Result
		err error
	}
)

// startUpload sends the job; choice says what to do with a chunk sent
// earlier without an answer that cannot be sent again harmlessly.
func (m *Model) startUpload(choice ...importer.UncertainChoice) tea.Cmd {
	ctx, cancel := context.WithCancel(m.c.Ctx)
	u := &upload{cancel: cancel, progress: make(chan importer.Progress, 1), final: make(chan uploadedMsg, 1), running: true}
	m.up, m.step, m.err = u, stepUpload, nil
	cfg := importer.RunConfig{
		StateDir:     m.c.StateDir,
		RejectedPath: m.rejectedPath(),
		RetryDelay:   m.retryDelay,
		OnProgress:   func(p importer.Progress) { latest(u.progress, p) },
	}
	if len(choice) > 0 {
		cfg.Uncertain = choice[0]
	}
	job, api, t, lock := m.job, m.c.API, tag{m: m}, m.uploadLock()
	fileSource, stateDir, chosen := m.pos.sync == nil, m.c.StateDir, m.chosenRejected() != ""
	stale := func() error { return nil }
	if m.pos.sync != nil {
		dir, label := m.c.StateDir, m.posLabel()
		stale = func() error { return dropStaleJournals(dir, label, job.ID()) }
	}
	send := func() tea.Msg {
		unlock, err := lock()
		if err != nil {
			u.final <- uploadedMsg{tag: t, u: u, err: err}
			return nil
		}
		defer unlock()
		if fileSource && !chosen {
			cfg.RejectedPath = rejectedTarget(cfg.RejectedPath, stateDir)
		}
		if err := stale(); err != nil {
			u.final <- uploadedMsg{tag: t, u: u, err: err}
			return nil
		}
		res, err := job.Upload(ctx, api, cfg)
		u.final <- uploadedMsg{tag: t, u: u, res: res, err: err}
		return nil
	}
	return tea.Batch(send, listenUpload(t, u))
}

// uploadLock takes the same cross-process lock as the headless import
// (the file) and sync (the Imonggo account): two uploads of one source at
// once would send the same chunks twice.
func (m *Model) uploadLock() func() (func(), error) {
	dir := m.c.StateDir
	if m.pos.sync != nil {
		account := m.c.Settings.Imonggo.Account()
		return func() (func(), error) { return importer.LockImonggo(dir, account) }
	}
	file := m.file
	return func() (func(), error) { return importer.LockSource(dir, file) }
}

// rejectedTarget is where the rejected rows of a file go: next to it, or,
// when that cannot be written (a read-only folder, a folder by that
// name), in the state folder. Finding out after the upload would leave
// the rows nowhere; the result names the file either way.
func rejectedTarget(path, stateDir string) string {
	if safefile.CanWrite(path) == nil {
		return path
	}
	return filepath.Join(stateDir, filepath.Base(path))
}

func listenUpload(t tag, u *upload) tea.Cmd {
	return func() tea.Msg {
		select {
		case r := <-u.final:
			return r
		case p := <-u.progress:
			return progressMsg{tag: t, u: u, p: p}
		}
	}
}

// rejectedPath is where the options say, else next to the source file, as
// <name>.rejected.csv; an Imonggo import has one file per sync in the
// state dir.
func (m *Model) rejectedPath() string {
	switch {
	case m.chosenRejected() != "":
		return m.chosenRejected()
	case m.pos.sync != nil:
		return m.pos.rejected
	}
	return importer.RejectedPath(m.file)
}

// chosenRejected is the file the options name for the rejected rows ("":
// none): a name (checkRejectedTo) in the source file's folder, or in the
// state folder for the Imonggo POS.
func (m *Model) chosenRejected() string {
	v := strings.TrimSpace(m.options.Value(fieldRejected))
	switch {
	case v == "":
		return ""
	case m.pos.sync != nil:
		return filepath.Join(m.c.StateDir, v)
	}
	return filepath.Join(filepath.Dir(m.file), v)
}

type rejectedCheckedMsg struct {
	tag
	path string
	err  error
}

// checkRejectedTarget finds out, in a command, whether the rejected rows
// can be written where the options say, before anything is sent.
func (m *Model) checkRejectedTarget() tea.Cmd {
	path, source := m.chosenRejected(), m.file
	if m.pos.sync != nil {
		source = ""
	}
	return m.run("Checking that the rejected rows can be written…", func(_ context.Context, t tag) tea.Msg {
		return rejectedCheckedMsg{tag: t, path: path, err: importer.CheckRejectedTarget(path, source)}
	})
}

// unwritable words why the rejected rows cannot go to path.
func unwritable(path string, err error) string {
	switch {
	case errors.Is(err, importer.ErrRejectedIsSource):
		return err.Error()
	case errors.Is(err, fs.ErrNotExist):
		return "there is no folder " + ui.Sanitize(filepath.Dir(path))
	case errors.Is(err, fs.ErrPermission):
		return "this user may not write in " + ui.Sanitize(filepath.Dir(path))
	}
	return ui.Describe(err)
}

func (r rejectedCheckedMsg) apply(m *Model) tea.Cmd {
	if r.err != nil {
		m.options.SetError(fieldRejected, "cannot be written: "+unwritable(r.path, r.err))
		m.err = errors.New("check the options marked ✗")
		return m.options.Focus(fieldRejected)
	}
	return m.prepared()
}

func (r progressMsg) apply(m *Model) tea.Cmd {
	if r.u != m.up {
		return nil
	}
	r.u.last = r.p
	return listenUpload(r.tag, r.u)
}

func (r uploadedMsg) apply(m *Model) tea.Cmd {
	u := r.u
	if u != m.up {
		return nil
	}
	u.running, u.asking = false, false
	u.cancel()
	return tea.Batch(m.c.RefreshCustomers(0), r.show(m)) // what was sent is in the search at once
}

func (r uploadedMsg) show(m *Model) tea.Cmd {
	u := r.u
	var uncertain *importer.UncertainError
	switch {
	case r.res.Complete:
		return m.finish(r.res, r.err)
	case errors.Is(r.err, context.Canceled) && u.stopping:
		u.halted = true
		return nil
	case errors.As(r.err, &uncertain):
		u.uncertain = uncertain
	case r.err == nil:
		u.stopped = errors.New("the upload ended before every chunk was sent")
	default:
		u.stopped = r.err
	}
	if busy := (*importer.BusyError)(nil); errors.As(r.err, &busy) {
		u.locked = true
		return nil // nothing was sent: the connection is not in question
	}
	return ui.ReportConnection(r.err)
}

// finish shows the result of a complete import; for an Imonggo source the
// sync date is stored now, and only now.
func (m *Model) finish(res importer.Result, err error) tea.Cmd {
	m.result, m.resultErr, m.step = &res, err, stepResult
	kind := ui.StatusSuccess
	if res.Rejected > 0 {
		kind = ui.StatusWarning
	}
	cmds := []tea.Cmd{ui.ReportConnection(nil),
		ui.SetStatusOn(ui.PageImport, kind, fmt.Sprintf("Import finished: %d new, %d updated, %d skipped, %d rejected.", res.New, res.Updated, res.Skipped, res.Rejected))}
	if m.pos.sync != nil {
		cmds = append(cmds, m.commitSync())
	}
	return tea.Batch(cmds...)
}

// uploadKey: while sending, the stop key (or esc) asks whether to stop
// after the chunk in flight; once stopped, enter goes on where it stopped,
// and a chunk of unknown outcome is sent again or set aside as chosen.
func (m *Model) uploadKey(k tea.KeyMsg) tea.Cmd {
	u, w, menu := m.up, m.c.Keys.Wizard, m.c.Keys.Menu
	back := key.Matches(k, m.c.Keys.Global.Back)
	switch {
	case u.running && u.asking && key.Matches(k, menu.Yes):
		u.asking, u.stopping = false, true
		u.cancel()
	case u.running && u.asking && (key.Matches(k, menu.No) || back):
		u.asking = false
	case u.running && !u.stopping && (key.Matches(k, w.Cancel) || back):
		u.asking = true
	case u.running:
	case u.uncertain != nil && key.Matches(k, w.Resend):
		return m.startUpload(importer.Resend)
	case u.uncertain != nil && key.Matches(k, w.SetAside):
		return m.startUpload(importer.SetAside)
	case key.Matches(k, w.Next):
		return m.startUpload()
	case back:
		return m.leaveUpload()
	}
	return nil
}

// leaveUpload goes back from a stopped upload: to the preview, or for a
// resumed import (which had none) to the start. The journal stays, so the
// import is offered again next time.
func (m *Model) leaveUpload() tea.Cmd {
	m.up = nil
	if m.preview != nil {
		m.step = stepPreview
		return nil
	}
	m.step, m.job, m.plan, m.table = stepSource, nil, nil, nil
	return m.findResumable()
}
