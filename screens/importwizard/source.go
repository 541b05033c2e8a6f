package importwizard

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/imonggo"
	"loyaltydesk/importer"
	"loyaltydesk/ui"
)

type (
	resumableMsg struct {
		tag
		found []importer.Resumable
		err   error
	}
	campaignsMsg struct {
		tag
		list []apiclient.Campaign
		err  error
	}
	lastSyncMsg struct {
		tag
		at  time.Time
		err error
	}
	sampleMsg struct {
		tag
		path   string
		sample *importer.Sample
		err    error
	}
	tableMsg struct {
		tag
		table   *importer.Table
		mapping *importer.Mapping // nil: map by the column names
		// remembered tells that mapping was confirmed for these columns
		// in an earlier import.
		remembered bool
		err        error
	}
	resumedMsg struct {
		tag
		from importer.Resumable
		job  *importer.Job
		err  error
	}
)

func (m *Model) findResumable() tea.Cmd {
	dir, t := m.c.StateDir, tag{m: m}
	return func() tea.Msg {
		found, err := importer.FindResumable(dir)
		return resumableMsg{tag: t, found: found, err: err}
	}
}

func (r resumableMsg) apply(m *Model) tea.Cmd {
	if r.err != nil {
		m.c.Log.Warn("interrupted imports not read", "err", r.err)
		return nil
	}
	m.resumable = r.found
	if len(r.found) > 0 && m.step == stepSource && m.busy == "" {
		m.step = stepResume
	}
	return nil
}

func (m *Model) loadCampaigns() tea.Cmd {
	api, ctx, t := m.c.API, m.c.Ctx, tag{m: m}
	return func() tea.Msg {
		list, err := api.Campaigns(ctx)
		return campaignsMsg{tag: t, list: list, err: err}
	}
}

func (r campaignsMsg) apply(m *Model) tea.Cmd {
	m.campaignsErr = r.err
	if r.err == nil {
		m.campaigns = r.list // campaigns_list holds the active ones only
		m.setCampaignChoices()
	}
	return ui.ReportConnection(r.err)
}

// loadLastSync reads when the Imonggo changes were last imported, to say
// what "changes" means.
func (m *Model) loadLastSync() tea.Cmd {
	client := m.c.Settings.Imonggo
	if client == nil {
		return nil
	}
	dir, t := m.c.StateDir, tag{m: m}
	return func() tea.Msg {
		s, err := imonggo.NewSync(client, imonggo.SyncOptions{StateDir: dir})
		if err != nil {
			return lastSyncMsg{tag: t, err: err}
		}
		at, err := s.Previous()
		return lastSyncMsg{tag: t, at: at, err: err}
	}
}

func (r lastSyncMsg) apply(m *Model) tea.Cmd {
	switch {
	case r.err != nil:
		m.source.lastSync = "unknown (" + ui.Describe(r.err) + ")"
	case r.at.IsZero():
		m.source.lastSync = "never: the first sync fetches every customer"
	default:
		m.source.lastSync = r.at.Local().Format("2006-01-02 15:04")
	}
	return nil
}

// resumeKey: resume the newest interrupted import, discard it, or decide
// later.
func (m *Model) resumeKey(k tea.KeyMsg) tea.Cmd {
	w := m.c.Keys.Wizard
	p := m.resumable[0]
	switch {
	case key.Matches(k, w.Resume):
		return m.resume(p)
	case key.Matches(k, w.Discard):
		return m.discard(p)
	case key.Matches(k, w.Later):
		m.resumable, m.step, m.err = nil, stepSource, nil
	case key.Matches(k, m.c.Keys.Global.Back):
		return ui.Back()
	}
	return nil
}

// resume goes on with an interrupted import: a file is read again and the
// upload carries on; the Imonggo changes are fetched again and the import
// walked through with its choices preset (the same choices on the same
// customers are the same import, whose journal skips what was sent).
func (m *Model) resume(p importer.Resumable) tea.Cmd {
	if p.Path == "" {
		if m.c.Settings.Imonggo == nil || p.Source != m.posLabel() {
			m.err = fmt.Errorf("this import came from %s, which this profile does not reach; discard it or resume it where it started", p.Source)
			return nil
		}
		opts := p.Options
		m.presets, m.resumable, m.step = &opts, nil, stepSource
		m.mode, m.sendFix = opts.Mode, !opts.RejectFixable
		m.source.imonggo = true
		m.source.path.Blur()
		return m.fetchImonggo()
	}
	return m.run("Reading "+filepath.Base(p.Path)+" again…", func(ctx context.Context, t tag) tea.Msg {
		job, err := importer.Resume(ctx, p)
		return resumedMsg{tag: t, from: p, job: job, err: err}
	})
}

func (r resumedMsg) apply(m *Model) tea.Cmd {
	if r.err != nil {
		m.err = r.err
		return nil
	}
	m.job, m.plan, m.table = r.job, r.job.Plan(), r.job.Plan().Table()
	m.file, m.mode, m.expected = r.from.Path, r.job.Options().Mode, nil
	m.resumable = nil
	return m.startUpload()
}

type discardedMsg struct {
	tag
	gone importer.Resumable
	err  error
}

// discard drops an interrupted import's journal: its unfinished chunks
// are not sent.
func (m *Model) discard(p importer.Resumable) tea.Cmd {
	return m.run("Discarding the interrupted import…", func(_ context.Context, t tag) tea.Msg {
		return discardedMsg{tag: t, gone: p, err: importer.Discard(p)}
	})
}

func (r discardedMsg) apply(m *Model) tea.Cmd {
	if r.err != nil {
		m.err = r.err
		return nil
	}
	m.resumable = slices.DeleteFunc(m.resumable, func(p importer.Resumable) bool { return p.ID == r.gone.ID })
	if len(m.resumable) == 0 {
		m.step = stepSource
	}
	return ui.SetStatusOn(ui.PageImport, ui.StatusInfo, "The interrupted import of "+r.gone.Source+" was discarded.")
}

// sourceKey: up/down choose the file or the Imonggo POS, the browse key
// opens the file picker, space toggles a full sync, enter reads the source.
func (m *Model) sourceKey(k tea.KeyMsg) tea.Cmd {
	if m.source.picker != nil {
		return m.pickerKey(k)
	}
	w, src := m.c.Keys.Wizard, &m.source
	switch {
	case key.Matches(k, m.c.Keys.Global.Back):
		return m.back()
	case key.Matches(k, w.Up), key.Matches(k, w.Down):
		src.imonggo = !src.imonggo
		m.err = nil
		if src.imonggo {
			src.path.Blur()
			return nil
		}
		return src.path.Focus()
	case key.Matches(k, w.Browse):
		src.imonggo = false
		return tea.Batch(src.path.Focus(), m.openPicker())
	case src.imonggo && key.Matches(k, w.Toggle):
		src.fullSync = !src.fullSync
		return nil
	case key.Matches(k, w.Next):
		if src.imonggo {
			return m.fetchImonggo()
		}
		return m.sniff()
	case src.imonggo:
		return nil
	}
	var cmd tea.Cmd
	src.path, cmd = src.path.Update(k)
	return cmd
}

func (m *Model) pickerKey(k tea.KeyMsg) tea.Cmd {
	cmd, picked, closed := m.source.picker.key(k)
	if !closed {
		return cmd
	}
	m.source.picker = nil
	if picked == "" {
		return nil
	}
	m.source.path.SetValue(picked)
	m.source.path.CursorEnd()
	return m.sniff()
}

func (m *Model) sniff() tea.Cmd {
	path := expandHome(strings.TrimSpace(m.source.path.Value()))
	if path == "" {
		m.err = errors.New("type the path of the file to import, or press " + m.c.Keys.Wizard.Browse.Help().Key + " to pick it")
		return nil
	}
	browse, private := m.c.Keys.Wizard.Browse.Help().Key, m.c.Settings.Private
	return m.run("Reading "+filepath.Base(path)+"…", func(_ context.Context, t tag) tea.Msg {
		if isPrivate(path, private) {
			return sampleMsg{tag: t, path: path, err: fmt.Errorf("%s is loyaltydesk's own (its settings, state or keys): it is not imported", filepath.Base(path))}
		}
		if info, err := os.Stat(path); err == nil && info.IsDir() {
			return sampleMsg{tag: t, path: path, err: fmt.Errorf("%s is a folder; press %s to pick a file in it", path, browse)}
		}
		s, err := importer.SniffFile(path, sampleRows)
		return sampleMsg{tag: t, path: path, sample: s, err: err}
	})
}

// sampleRows is how many rows the format step parses and shows.
const sampleRows = 12

func expandHome(p string) string {
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return p
}

func (r sampleMsg) apply(m *Model) tea.Cmd {
	switch {
	case errors.Is(r.err, fs.ErrNotExist):
		m.err = fmt.Errorf("there is no file at %s; check the path, or press %s to pick the file", r.path, m.c.Keys.Wizard.Browse.Help().Key)
	case errors.Is(r.err, fs.ErrPermission):
		m.err = fmt.Errorf("%s cannot be read: permission denied", r.path)
	case r.err != nil:
		m.err = r.err
	default:
		m.file, m.sample, m.step = r.path, r.sample, stepFormat
		m.source.imonggo, m.pos = false, posState{}
		m.keepBlanksFor(false)
	}
	return nil
}

// readTable reads the whole file in the chosen format.
func (m *Model) readTable() tea.Cmd {
	src, dir, log := importer.File(m.file, m.sample.Format), m.c.StateDir, m.c.Log
	return m.run("Reading every row of "+filepath.Base(m.file)+"…", func(ctx context.Context, t tag) tea.Msg {
		table, err := importer.ReadTable(ctx, src)
		if err != nil {
			return tableMsg{tag: t, err: err}
		}
		remembered, err := importer.Recall(dir, table.Header(), table.Columns())
		if err != nil {
			log.Warn("remembered mappings not read", "err", err)
		}
		return tableMsg{tag: t, table: table, mapping: remembered, remembered: remembered != nil}
	})
}

func (r tableMsg) apply(m *Model) tea.Cmd {
	switch {
	case r.err != nil:
		m.err = r.err
		return nil
	case r.table.Len() == 0 || r.table.Columns() == 0:
		m.err = errors.New("there are no rows to import in " + r.table.Source().Name())
		return nil
	}
	m.table, m.column, m.step = r.table, 0, stepMapping
	m.fix, m.fixedRow = nil, -1
	m.mapping, m.remembered = r.mapping, r.remembered
	if m.mapping == nil {
		m.mapping = importer.NewRecognizer(m.labels).AutoMap(r.table.Header(), r.table.Columns())
	}
	m.plan, m.job, m.preview = nil, nil, nil
	return nil
}

type labelsMsg struct {
	tag
	labels importer.Labels
	err    error
}

// loadLabels reads the merchant's names for the customer fields.
func (m *Model) loadLabels() tea.Cmd {
	api, ctx, t := m.c.API, m.c.Ctx, tag{m: m}
	return func() tea.Msg {
		defs, err := api.CustomerFields(ctx)
		return labelsMsg{tag: t, labels: importer.LabelsFrom(defs), err: err}
	}
}

func (r labelsMsg) apply(m *Model) tea.Cmd {
	if r.err != nil {
		m.c.Log.Info("customer field labels not read; plain names used", "err", r.err)
		return nil
	}
	m.labels = r.labels
	return nil
}
