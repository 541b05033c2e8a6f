package importwizard

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/imonggo"
	"loyaltydesk/importer"
)

// Each answer names the page that asked: messages are broadcast to every
// live page.
type (
	resumableMsg struct {
		m     *Model
		found []importer.Resumable
		err   error
	}
	campaignsMsg struct {
		m    *Model
		list []apiclient.Campaign
		err  error
	}
	sampleMsg struct {
		m      *Model
		path   string
		sample *importer.Sample
		err    error
	}
	tableMsg struct {
		m     *Model
		table *importer.Table
		err   error
	}
	imonggoMsg struct {
		m       *Model
		sync    *imonggo.Sync
		changes imonggo.Changes
		err     error
	}
)

func (r resumableMsg) owner() *Model { return r.m }
func (r campaignsMsg) owner() *Model { return r.m }
func (r sampleMsg) owner() *Model    { return r.m }
func (r tableMsg) owner() *Model     { return r.m }
func (r imonggoMsg) owner() *Model   { return r.m }

func (m *Model) findResumable() tea.Cmd {
	dir := m.c.StateDir
	return func() tea.Msg {
		found, err := importer.FindResumable(dir)
		return resumableMsg{m: m, found: found, err: err}
	}
}

func (r resumableMsg) apply(m *Model) tea.Cmd {
	if r.err != nil {
		m.c.Log.Warn("interrupted imports not read", "err", r.err)
		return nil
	}
	m.resumable = r.found
	if len(r.found) > 0 && m.step == stepSource {
		m.step = stepResume
	}
	return nil
}

func (m *Model) loadCampaigns() tea.Cmd {
	api, ctx := m.c.API, m.c.Ctx
	return func() tea.Msg {
		list, err := api.Campaigns(ctx)
		return campaignsMsg{m: m, list: list, err: err}
	}
}

func (r campaignsMsg) apply(m *Model) tea.Cmd {
	if r.err != nil {
		m.err = fmt.Errorf("the campaigns could not be loaded: %w", r.err)
		return nil
	}
	m.campaigns = nil
	for _, c := range r.list {
		if c.Active {
			m.campaigns = append(m.campaigns, c)
		}
	}
	return nil
}

// sourceKey: up/down choose file or Imonggo, space toggles a full sync,
// enter reads the source.
func (m *Model) sourceKey(k tea.KeyMsg) tea.Cmd {
	w := m.c.Keys.Wizard
	switch {
	case key.Matches(k, w.Up), key.Matches(k, w.Down):
		m.useImongo = !m.useImongo
		if m.useImongo {
			m.path.Blur()
		} else {
			m.path.Focus()
		}
		return nil
	case m.useImongo && key.Matches(k, w.Toggle):
		m.fullSync = !m.fullSync
		return nil
	case key.Matches(k, w.Next):
		if m.useImongo {
			return m.fetchImonggo()
		}
		return m.sniff()
	}
	var cmd tea.Cmd
	m.path, cmd = m.path.Update(k)
	return cmd
}

func (m *Model) sniff() tea.Cmd {
	path := expandHome(strings.TrimSpace(m.path.Value()))
	if path == "" {
		m.err = errors.New("type the path of the file to import")
		return nil
	}
	return m.run("Reading "+filepath.Base(path)+"…", func() tea.Msg {
		s, err := importer.SniffFile(path, 8)
		return sampleMsg{m: m, path: path, sample: s, err: err}
	})
}

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
		m.err = fmt.Errorf("there is no file at %s; check the path and try again", r.path)
		return nil
	case r.err != nil:
		m.err = r.err
		return nil
	}
	m.file, m.sample, m.step = r.path, r.sample, stepFormat
	return nil
}

// readTable reads the whole file in the chosen format.
func (m *Model) readTable() tea.Cmd {
	src := importer.File(m.file, m.sample.Format)
	ctx := m.ctx()
	return m.run("Reading every row…", func() tea.Msg {
		t, err := importer.ReadTable(ctx, src)
		return tableMsg{m: m, table: t, err: err}
	})
}

func (r tableMsg) apply(m *Model) tea.Cmd {
	if r.err != nil {
		m.err = r.err
		return nil
	}
	m.table, m.column, m.step = r.table, 0, stepMapping
	m.mapping = importer.AutoMap(r.table.Header(), r.table.Columns())
	return nil
}

// fetchImonggo reads the customers changed since the last sync.
func (m *Model) fetchImonggo() tea.Cmd {
	client := m.c.Settings.Imonggo
	if client == nil {
		m.err = errors.New("no Imonggo POS is configured for this profile (add [profiles.NAME.imonggo] to the config file)")
		return nil
	}
	ctx, dir, full := m.ctx(), m.c.StateDir, m.fullSync
	return m.run("Fetching the customers changed in Imonggo…", func() tea.Msg {
		s, err := imonggo.NewSync(client, imonggo.SyncOptions{StateDir: dir, Full: full})
		if err != nil {
			return imonggoMsg{m: m, err: err}
		}
		ch, err := s.Changes(ctx)
		if err != nil {
			return imonggoMsg{m: m, err: err}
		}
		return imonggoMsg{m: m, sync: s, changes: ch}
	})
}

func (r imonggoMsg) apply(m *Model) tea.Cmd {
	if r.err != nil {
		m.err = r.err
		return nil
	}
	m.sync, m.changes = r.sync, &r.changes
	if len(r.changes.Customers) == 0 {
		m.err = fmt.Errorf("no customer changed in Imonggo since the last sync (%d deleted)", len(r.changes.Deleted))
		return nil
	}
	headers, rows := imonggo.ProfileRows(r.changes.Customers)
	src := &importer.RowsSource{Label: "Imonggo " + m.c.Settings.Imonggo.Account(), Columns: headers, Rows: rows}
	ctx := m.ctx()
	return m.run("Preparing the Imonggo customers…", func() tea.Msg {
		t, err := importer.ReadTable(ctx, src)
		return tableMsg{m: m, table: t, err: err}
	})
}

// resumeKey: r resumes the newest interrupted import, x discards it, enter
// leaves it for later.
func (m *Model) resumeKey(k tea.KeyMsg) tea.Cmd {
	w := m.c.Keys.Wizard
	p := m.resumable[0]
	switch {
	case key.Matches(k, w.Resume):
		ctx := m.ctx()
		return m.run("Reading the file again…", func() tea.Msg {
			job, err := importer.Resume(ctx, p)
			return resumedMsg{m: m, job: job, err: err}
		})
	case key.Matches(k, w.Discard):
		if err := importer.Discard(p); err != nil { // removes the journal: a small local file
			m.err = err
			return nil
		}
		m.resumable = m.resumable[1:]
	case key.Matches(k, w.Next):
		m.resumable = nil
	default:
		return nil
	}
	if len(m.resumable) == 0 {
		m.step = stepSource
	}
	return nil
}

type resumedMsg struct {
	m   *Model
	job *importer.Job
	err error
}

func (r resumedMsg) owner() *Model { return r.m }

func (r resumedMsg) apply(m *Model) tea.Cmd {
	if r.err != nil {
		m.err = r.err
		return nil
	}
	m.job, m.plan, m.table = r.job, r.job.Plan(), r.job.Plan().Table()
	m.mode = r.job.Options().Mode
	m.resumable = nil
	return m.startUpload()
}
