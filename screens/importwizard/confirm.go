package importwizard

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	"loyaltydesk/importer"
	"loyaltydesk/ui"
)

// The preview ends in a question: enter there never starts the upload
// by itself. The question repeats what will happen, and only the yes key
// sends.

// renamesAside tells whether the "is this the same person?" rows are set
// aside (the default) or imported.
func (m *Model) renames() []importer.Rename {
	if m.preview == nil {
		return nil
	}
	return m.preview.Renames(m.mode)
}

// sendJob is the job the upload sends: the rows that would rename
// customers set aside unless the user chose to import them.
func (m *Model) sendJob() (*importer.Job, error) {
	r := m.renames()
	if len(r) == 0 || m.importRenames {
		return m.job, nil
	}
	return m.job.SetAsideRenames(r)
}

// modeCounts is what the mode does to the rows the upload would send in
// it: the rows of its "is this the same person?" group leave the counts
// while they are set aside.
func (m *Model) modeCounts(mode apiclient.DuplicateMode) importer.ModeCounts {
	if m.importRenames {
		return m.preview.Counts(mode)
	}
	return m.preview.CountsSettingAsideRenames(mode)
}

// rowsToSend is the number of rows the upload would send in the chosen mode.
func (m *Model) rowsToSend() int {
	if m.importRenames {
		return m.job.Rows()
	}
	return m.job.Rows() - len(m.renames())
}

// confirmKey answers the question before the upload.
func (m *Model) confirmKey(k tea.KeyMsg) tea.Cmd {
	menu := m.c.Keys.Menu
	switch {
	case key.Matches(k, menu.Yes):
		m.confirming = false
		job, err := m.sendJob()
		if err != nil {
			m.err = err
			return nil
		}
		counts := job.Preview(m.existing).Counts(m.mode)
		m.expected, m.job = &counts, job
		return tea.Batch(m.startUpload(), m.rememberMapping())
	case key.Matches(k, menu.No), key.Matches(k, m.c.Keys.Global.Back):
		m.confirming = false
	}
	// Anything else, enter too, leaves the question standing: a second
	// enter pressed by habit is no yes.
	return nil
}

// confirmText is the question, with the counts of the chosen mode.
func (m *Model) confirmText() string {
	job, err := m.sendJob()
	if err != nil {
		return "Nothing would be imported: " + ui.Describe(err)
	}
	c := job.Preview(m.existing).Counts(m.mode)
	plan := job.Plan().Counts()
	rejected := plan.Rows - plan.Collapsed - job.Rows()
	parts := []string{fmt.Sprintf("%d new", c.New)}
	switch {
	case c.Overwritten > 0:
		parts = append(parts, fmt.Sprintf("%d overwritten", c.Overwritten))
	case c.Updated > 0:
		parts = append(parts, fmt.Sprintf("%d updated", c.Updated))
	case c.Skipped > 0:
		parts = append(parts, fmt.Sprintf("%d skipped", c.Skipped))
	}
	if rejected > 0 {
		parts = append(parts, fmt.Sprintf("%d rejected or set aside", rejected))
	}
	return fmt.Sprintf("Import %s of %d into the account in mode %s: %s?",
		ui.Plural(job.Rows(), "row", "rows"), plan.Rows-plan.Collapsed, modeLabel(m.mode), strings.Join(parts, ", "))
}

// renamesView is the "is this the same person?" group of the preview.
func (m *Model) renamesView(room int) []string {
	r := m.renames()
	if len(r) == 0 || room < 3 {
		return nil
	}
	st, labels := m.c.Styles, m.labels
	choice := "set aside (rejected file)"
	if m.importRenames {
		choice = "imported"
	}
	question := st.Warning.Render(st.Wrap(fmt.Sprintf("Is this the same person? %s would give a customer clearly different names: %s",
		ui.Plural(len(r), "row", "rows"), choice), m.width))
	lines := append([]string{""}, strings.Split(question, "\n")...)
	lines = append(lines, m.keyHint(m.c.Keys.Wizard.Toggle.Help().Key, "import them / set them aside"))
	shown := r[:min(len(r), max(room-len(lines), 1))]
	for _, x := range shown {
		lines = append(lines, ui.Truncate(fmt.Sprintf("  line %d, %s %s: %s → %s", x.Line, labels.Of(x.MatchedBy),
			ui.Sanitize(x.Key), ui.Sanitize(x.Before), ui.Sanitize(x.After)), m.width))
	}
	if len(shown) < len(r) {
		lines = append(lines, st.Faint.Render(fmt.Sprintf("  … and %d more", len(r)-len(shown))))
	}
	return lines
}

// rememberMapping saves the confirmed mapping for the next file with the
// same columns.
func (m *Model) rememberMapping() tea.Cmd {
	if m.table == nil || m.pos.sync != nil || m.mapping == nil {
		return nil
	}
	dir, header, mp, log := m.c.StateDir, m.table.Header(), m.mapping.Clone(), m.c.Log
	return func() tea.Msg {
		if err := importer.Remember(dir, header, mp); err != nil {
			log.Warn("mapping not remembered", "err", err)
		}
		return nil
	}
}

// headline is the result's first line: a success only when every row was
// imported.
func headline(r *importer.Result) (text string, ok bool) {
	rows := r.Rows - r.Collapsed
	imported := r.New + r.Updated
	if r.Rejected == 0 {
		return fmt.Sprintf("✓ Imported %d of %s", imported, ui.Plural(rows, "row", "rows")), true
	}
	text = fmt.Sprintf("! Imported %d of %s — %d rejected", imported, ui.Plural(rows, "row", "rows"), r.Rejected)
	if r.RejectedFile != "" {
		// The file by its name: its whole path is on a line of its own
		// below, not broken across the headline.
		text += ", see " + ui.Sanitize(filepath.Base(r.RejectedFile))
	}
	return text, false
}
