package importwizard

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient/imonggo"
	"loyaltydesk/importer"
	"loyaltydesk/ui"
)

type (
	imonggoMsg struct {
		tag
		sync    *imonggo.Sync
		changes imonggo.Changes
		table   *importer.Table
		err     error
	}
	committedMsg struct {
		tag
		mark imonggo.Mark
		err  error
	}
)

// posLabel names the Imonggo source in journals, as the headless sync
// does, so that each knows the other's interrupted imports.
func (m *Model) posLabel() string {
	if m.c.Settings.Imonggo == nil {
		return ""
	}
	return imonggo.SourceLabel(m.c.Settings.Imonggo.Account())
}

// fetchImonggo reads the customers changed since the last sync and lays
// those with a code out as import rows.
func (m *Model) fetchImonggo() tea.Cmd {
	client := m.c.Settings.Imonggo
	if client == nil {
		m.err = errors.New("no Imonggo POS is set up for this profile: add [profiles.NAME.imonggo] with account and token to the config file")
		return nil
	}
	dir, full, label := m.c.StateDir, m.source.fullSync, m.posLabel()
	what := "Fetching the customers changed in Imonggo…"
	if full {
		what = "Fetching every Imonggo customer…"
	}
	return m.runCounting(what, "%d fetched so far", func(ctx context.Context, t tag, report func(int)) tea.Msg {
		s, err := imonggo.NewSync(client, imonggo.SyncOptions{StateDir: dir, Full: full, Progress: report})
		if err != nil {
			return imonggoMsg{tag: t, err: err}
		}
		ch, err := s.Changes(ctx)
		if errors.Is(err, imonggo.ErrUnauthorized) {
			err = fmt.Errorf("%w: check the token of the profile's Imonggo settings", err)
		}
		if err != nil {
			return imonggoMsg{tag: t, err: err}
		}
		withCode, _ := imonggo.SplitCodeless(ch.Customers)
		if len(withCode) == 0 {
			return imonggoMsg{tag: t, sync: s, changes: ch}
		}
		headers, rows := imonggo.ProfileRows(withCode)
		table, err := importer.ReadTable(ctx, &importer.RowsSource{Label: label, Columns: headers, Rows: rows})
		return imonggoMsg{tag: t, sync: s, changes: ch, table: table, err: err}
	})
}

func (r imonggoMsg) apply(m *Model) tea.Cmd {
	if r.err != nil {
		m.err = r.err
		return ui.ReportConnection(r.err)
	}
	_, codeless := imonggo.SplitCodeless(r.changes.Customers)
	m.pos = posState{sync: r.sync, changes: &r.changes, codeless: codeless, rejected: m.posRejectedPath(time.Now())}
	m.source.imonggo, m.file = true, ""
	m.keepBlanksFor(true)
	if r.table == nil {
		return m.nothingToImport()
	}
	mapping, err := importer.MappingOf(r.table.Header())
	if err != nil {
		m.err = err
		return nil
	}
	return tableMsg{tag: r.tag, table: r.table, mapping: mapping}.apply(m)
}

// nothingToImport stores the sync date as the headless sync does; the
// deleted and code-less customers are still worth reading, so with any
// the result lists them.
func (m *Model) nothingToImport() tea.Cmd {
	if len(m.pos.changes.Deleted) == 0 && len(m.pos.codeless) == 0 {
		return tea.Batch(m.commitSync(), ui.SetStatusOn(ui.PageImport, ui.StatusInfo, "No customer changed in Imonggo since the last sync."))
	}
	m.result, m.expected, m.step = nil, nil, stepResult
	return m.commitSync()
}

// posRejectedPath is a new file per sync, so that a later sync does not
// overwrite the rows an earlier one could not import.
func (m *Model) posRejectedPath(now time.Time) string {
	name := fmt.Sprintf("%s-%s.rejected.csv", safeFileName(m.posLabel()), now.UTC().Format("20060102-150405"))
	return filepath.Join(m.c.StateDir, name)
}

func safeFileName(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || r == '.' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
			return r
		}
		return '_'
	}, s)
}

// dropStaleJournals removes the journals of earlier Imonggo imports that
// did not finish: their date was not stored, so this fetch got their
// customers again, as they are now. This job's own journal is kept.
func dropStaleJournals(stateDir, label, id string) error {
	if _, _, err := importer.DiscardOthers(stateDir, label, id); err != nil {
		return fmt.Errorf("cannot drop the journal of an earlier, unfinished Imonggo import: %w", err)
	}
	return nil
}

// commitSync stores the Imonggo sync date; called only once the import
// went through (or there was nothing to import).
func (m *Model) commitSync() tea.Cmd {
	s, mark, t := m.pos.sync, m.pos.changes.Mark, tag{m: m}
	return func() tea.Msg { return committedMsg{tag: t, mark: mark, err: s.Commit(mark)} }
}

func (r committedMsg) apply(m *Model) tea.Cmd {
	switch {
	case r.err != nil:
		m.finished = "The sync date could not be stored, so the next sync fetches these customers again: " + ui.Describe(r.err)
	case r.mark.Until.IsZero():
		m.finished = "Sync date stored."
	default:
		m.finished = "Sync date stored: the next sync fetches the customers changed in Imonggo after " +
			r.mark.Until.Local().Format("2006-01-02 15:04:05") + "."
	}
	return m.loadLastSync()
}

// describePOS names an Imonggo customer for a list.
func describePOS(c imonggo.Customer) string {
	row := imonggo.ProfileRow(c)
	name := strings.TrimSpace(row[1] + " " + row[2])
	if name == "" {
		name = "(no name)"
	}
	code := row[0]
	if code == "" {
		code = "no code"
	}
	return ui.Sanitize(fmt.Sprintf("%s — %s (Imonggo id %d)", code, name, c.ID))
}
