package importwizard

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"loyaltydesk/apiclient"
	"loyaltydesk/importer"
	"loyaltydesk/ui"
)

// View draws the step indicator, the current step and any problem.
func (m *Model) View() string {
	st := m.c.Styles
	parts := []string{m.steps(), ""}
	parts = append(parts, m.stepView())
	if m.busy != "" {
		parts = append(parts, "", m.spin.View()+" "+m.busy+m.loadedText())
	}
	if m.err != nil {
		parts = append(parts, "", st.Error.Render("✗ ")+st.Wrap(ui.Describe(m.err), m.width-2))
	}
	return lipgloss.JoinVertical(lipgloss.Left, parts...)
}

func (m *Model) loadedText() string {
	if m.step == stepOptions && m.loaded > 0 {
		return fmt.Sprintf(" %d so far", m.loaded)
	}
	return ""
}

// steps is the step indicator: the current step reversed, done ones marked.
func (m *Model) steps() string {
	st := m.c.Styles
	var out []string
	for i := stepSource; i <= stepResult; i++ {
		name := fmt.Sprintf("%d %s", int(i), stepNames[i])
		switch {
		case i == m.step || (m.step == stepResume && i == stepSource):
			out = append(out, st.StepActive.Render(name))
		case i < m.step:
			out = append(out, st.StepDone.Render(name))
		case m.width < 100:
			out = append(out, st.StepTodo.Render(fmt.Sprint(int(i))))
		default:
			out = append(out, st.StepTodo.Render(name))
		}
	}
	return ui.Truncate(strings.Join(out, st.Faint.Render(" › ")), m.width)
}

func (m *Model) stepView() string {
	switch m.step {
	case stepResume:
		return m.resumeView()
	case stepSource:
		return m.sourceView()
	case stepFormat:
		return m.formatView()
	case stepMapping:
		return m.mappingView()
	case stepValidate:
		return m.validateView()
	case stepOptions:
		return m.optionsView()
	case stepPreview:
		return m.previewView()
	case stepUpload:
		return m.uploadView()
	}
	return m.resultView()
}

func (m *Model) resumeView() string {
	st, p, w := m.c.Styles, m.resumable[0], m.c.Keys.Wizard
	lines := []string{
		st.Subtitle.Render("An import was interrupted"),
		ui.Field(st, "Source", p.Source, 10),
		ui.Field(st, "Started", p.Started.Format("2006-01-02 15:04"), 10),
		ui.Field(st, "Sent", fmt.Sprintf("%d of %d rows (%d of %d chunks)", p.RowsDone, p.Rows, p.ChunksDone, p.Chunks), 10),
		ui.Field(st, "Mode", string(p.Options.Mode), 10),
	}
	if p.LastError != "" {
		lines = append(lines, ui.Field(st, "Stopped by", p.LastError, 10))
	}
	lines = append(lines, "", st.Faint.Render(fmt.Sprintf("%s resume where it stopped (no chunk is sent twice) · %s discard it · %s decide later",
		w.Resume.Help().Key, w.Discard.Help().Key, w.Next.Help().Key)))
	return strings.Join(lines, "\n")
}

func (m *Model) sourceView() string {
	st := m.c.Styles
	file, pos := "  A file (CSV, TSV, pipe-separated)", "  Imonggo POS (changes since the last sync)"
	if m.useImongo {
		pos = st.Selected.Render("> Imonggo POS (changes since the last sync)")
	} else {
		file = st.Selected.Render("> A file (CSV, TSV, pipe-separated)")
	}
	lines := []string{st.Subtitle.Render("Where do the customers come from?"), file, st.InputFocused.Width(max(m.width-4, 10)).Render(m.path.View()), pos}
	if m.c.Settings.Imonggo == nil {
		lines = append(lines, st.Faint.Render("    not configured for this profile"))
	} else {
		full := "[ ] full sync (every customer, not only the changes)"
		if m.fullSync {
			full = "[x] full sync (every customer, not only the changes)"
		}
		lines = append(lines, st.Faint.Render("    account "+ui.Sanitize(m.c.Settings.Imonggo.Account())+" · space: "+full))
	}
	return strings.Join(lines, "\n")
}

func (m *Model) formatView() string {
	st, f := m.c.Styles, m.sample.Format
	header := "no (the first row is data)"
	if f.Header {
		header = "yes"
	}
	lines := []string{
		ui.Field(st, "File", m.file, 11),
		ui.Field(st, "Delimiter", importer.DelimiterName(f.Delimiter)+"   (←/→ to change)", 11),
		ui.Field(st, "Header row", header+"   (space to change)", 11),
	}
	if m.sample.Err != nil {
		lines = append(lines, st.Warning.Render("! "+ui.Sanitize(m.sample.Err.Error())))
	}
	cols := sampleColumns(m.sample)
	var tcols []ui.Column
	for _, c := range cols {
		tcols = append(tcols, ui.Column{Title: c, Min: 6, Weight: 1})
	}
	rows := m.sample.Rows[:min(len(m.sample.Rows), max(m.height-10, 1))]
	lines = append(lines, "", st.Subtitle.Render("First rows"), ui.Table(st, tcols, rows, m.width, -1))
	return strings.Join(lines, "\n")
}

func sampleColumns(s *importer.Sample) []string {
	if s.Header != nil {
		return s.Header
	}
	n := 0
	for _, r := range s.Rows {
		n = max(n, len(r))
	}
	cols := make([]string, n)
	for i := range cols {
		cols[i] = fmt.Sprintf("column %d", i+1)
	}
	return cols
}

func (m *Model) mappingView() string {
	st := m.c.Styles
	cols := []ui.Column{{Title: "Column in the file", Min: 14, Weight: 2}, {Title: "Example", Min: 10, Weight: 2}, {Title: "Imported as", Min: 16, Weight: 1}}
	var rows [][]string
	for c := 0; c < m.table.Columns(); c++ {
		example := ""
		if m.table.Len() > 0 && c < m.table.Fields(0) {
			example = m.table.Field(0, c)
		}
		h := m.mapping.Header(c)
		if h == "" {
			h = "— skip —"
		}
		rows = append(rows, []string{m.table.ColumnName(c), example, h})
	}
	room := max(m.height-8, 3)
	start := max(0, m.column-room+1)
	end := min(len(rows), start+room)
	head := st.Subtitle.Render(fmt.Sprintf("Map the %d columns (%d rows) — ←/→ changes the field, ↑/↓ the column", m.table.Columns(), m.table.Len()))
	return head + "\n" + ui.Table(st, cols, rows[start:end], m.width, m.column-start)
}

func (m *Model) validateView() string {
	st, c := m.c.Styles, m.plan.Counts()
	fix := "sent with the fix shown"
	if !m.sendFix {
		fix = "set aside as rejected"
	}
	lines := []string{
		fmt.Sprintf("%s  %s  %s  of %d rows", st.Success.Render(fmt.Sprintf("%d valid", c.Valid)),
			st.Warning.Render(fmt.Sprintf("%d fixable", c.Fixable)), st.Error.Render(fmt.Sprintf("%d rejected", c.Rejected)), c.Rows),
		st.Faint.Render("Fixable rows are " + fix + " (space to change). Values go to the API separated by " + string(m.plan.Wire()) + "."),
	}
	probs := m.plan.Problems()
	if len(probs) == 0 {
		return strings.Join(append(lines, "", st.Success.Render("Every row is fine.")), "\n")
	}
	cols := []ui.Column{{Title: "Line", Min: 5, Right: true}, {Title: "Field", Min: 11}, {Title: "Value", Min: 10, Weight: 1}, {Title: "Problem", Min: 20, Weight: 3}}
	room := max(m.height-9, 3)
	start := max(0, m.scroll-room+1)
	end := min(len(probs), start+room)
	var rows [][]string
	for _, p := range probs[start:end] {
		problem := p.Reason
		if p.Status == importer.Fixable {
			problem = "fixable: " + p.Reason + " → " + p.Fix
		}
		field := p.Header
		if field == "" {
			field = "(row)"
		}
		rows = append(rows, []string{fmt.Sprint(p.Line), field, p.Value, problem})
	}
	lines = append(lines, "", st.Subtitle.Render(fmt.Sprintf("Problems (%d, ↑/↓ to scroll)", len(probs))), ui.Table(st, cols, rows, m.width, m.scroll-start))
	return strings.Join(lines, "\n")
}

func (m *Model) optionsView() string {
	st := m.c.Styles
	lines := []string{st.Subtitle.Render("Campaigns to enrol in (at least one; auto_add goes to the first)")}
	if len(m.campaigns) == 0 {
		lines = append(lines, st.Faint.Render("  loading the campaigns…"))
	}
	row := func(i int, text string) string {
		if i == m.optCursor {
			return st.Selected.Render("> " + text)
		}
		return "  " + text
	}
	for i, c := range m.campaigns {
		box := "[ ]"
		if m.chosen[c.ID] {
			box = "[x]"
		}
		lines = append(lines, row(i, fmt.Sprintf("%s %s (%s, %s)", box, ui.Sanitize(c.Name), c.Type, c.ID)))
	}
	n := len(m.campaigns)
	digits := "off — customers without a card get none"
	if m.cardDigits > 0 {
		digits = fmt.Sprintf("%d digits for customers without a card", m.cardDigits)
	}
	undo := "[ ]"
	if m.noUndo {
		undo = "[x]"
	}
	lines = append(lines, "", row(n, "Generate card numbers: "+digits+"  (←/→)"), row(n+1, undo+" No undo state"),
		st.Faint.Render(st.Wrap(importer.NoUndoAdvice, m.width-4)))
	return strings.Join(lines, "\n")
}

func (m *Model) previewView() string {
	st := m.c.Styles
	var tabs []string
	for _, md := range modes {
		label := modeLabel(md)
		if md == m.mode {
			label = st.StepActive.Render(label)
		}
		tabs = append(tabs, label)
	}
	counts := m.preview.Counts(m.mode)
	lines := []string{
		"Mode (←/→): " + strings.Join(tabs, "  "),
		st.Faint.Render(modeMeaning(m.mode)),
		"",
		fmt.Sprintf("%d rows: %d new, %d overwritten, %d updated, %d skipped, %d refused (card held by several customers)",
			m.job.Rows(), counts.New, counts.Overwritten, counts.Updated, counts.Skipped, counts.Ambiguous),
	}
	lines = append(lines, m.diffView()...)
	return strings.Join(lines, "\n")
}

func modeLabel(md apiclient.DuplicateMode) string {
	switch md {
	case apiclient.Overwrite:
		return "overwrite (yes)"
	case apiclient.Ignore:
		return "ignore"
	}
	return "update"
}

func modeMeaning(md apiclient.DuplicateMode) string {
	switch md {
	case apiclient.Overwrite:
		return "An existing customer is blanked, then given only what the file holds."
	case apiclient.Ignore:
		return "An existing customer is left untouched; the row is skipped."
	}
	return "An existing customer keeps everything the file does not hold; the imported fields change."
}

// diffView shows the before → after of one matched row in the chosen mode.
func (m *Model) diffView() []string {
	st := m.c.Styles
	if m.preview.Matched() == 0 {
		return []string{"", st.Faint.Render("No row matches an existing customer: every row is new.")}
	}
	i := min(m.diffScroll, m.preview.Matched()-1)
	d := m.preview.Diff(m.mode, i)
	lines := []string{"", st.Subtitle.Render(fmt.Sprintf("Matched row %d of %d (↑/↓) — line %d, customer %s by %s",
		i+1, m.preview.Matched(), d.Line, ui.Sanitize(d.Code), d.MatchedBy))}
	if len(d.Changes) == 0 {
		return append(lines, st.Faint.Render("  nothing changes for this customer in this mode"))
	}
	cols := []ui.Column{{Title: "Field", Min: 14}, {Title: "Before", Min: 10, Weight: 1}, {Title: "After", Min: 10, Weight: 1}}
	var rows [][]string
	for _, c := range d.Changes[:min(len(d.Changes), max(m.height-12, 2))] {
		rows = append(rows, []string{c.Field, before(c), after(c)})
	}
	if d.ClearsUnseen {
		lines = append(lines, st.Warning.Render("  overwrite also blanks the fields the report does not show (password, PIN)"))
	}
	return append(lines, ui.Table(st, cols, rows, m.width, -1))
}

func before(c importer.Change) string {
	if c.BeforeUnknown || c.Secret {
		return "(not shown)"
	}
	return orBlank(c.Before)
}

func after(c importer.Change) string {
	switch {
	case c.Generated:
		return "(generated)"
	case c.Secret && c.After != "":
		return "••••"
	}
	return orBlank(c.After)
}

func orBlank(s string) string {
	if s == "" {
		return "(blank)"
	}
	return s
}

func (m *Model) uploadView() string {
	st, u := m.c.Styles, m.uploadState
	p := u.last
	frac := 0.0
	if p.RowsTotal > 0 {
		frac = float64(p.RowsDone) / float64(p.RowsTotal)
	}
	state := "Uploading"
	switch {
	case u.stopping && u.running:
		state = "Stopping after the chunk in flight"
	case !u.running:
		state = "Stopped — enter tries again from where it stopped, esc goes back"
	}
	lines := []string{
		st.Subtitle.Render(state + " (" + modeLabel(m.mode) + ")"),
		m.bar.ViewAs(frac) + fmt.Sprintf(" %d%%", int(frac*100)),
		fmt.Sprintf("%d of %d rows · chunk %d of %d · %.0f rows/s · ETA %s",
			p.RowsDone, p.RowsTotal, p.ChunksDone, p.ChunksTotal, p.RowsPerSecond, p.ETA.Round(1e9)),
	}
	if p.Retry > 0 && p.Err != nil {
		lines = append(lines, st.Warning.Render(fmt.Sprintf("retrying (attempt %d): %s", p.Retry, ui.Describe(p.Err))))
	}
	return strings.Join(lines, "\n")
}

func (m *Model) resultView() string {
	st, r := m.c.Styles, m.result
	title := "Import finished"
	if r.Resumed {
		title += " (resumed)"
	}
	lines := []string{
		st.Success.Render("✓ " + title),
		ui.Field(st, "New", fmt.Sprint(r.New), 10),
		ui.Field(st, "Updated", fmt.Sprint(r.Updated), 10),
		ui.Field(st, "Skipped", fmt.Sprint(r.Skipped), 10),
		ui.Field(st, "Rejected", fmt.Sprintf("%d (%d by the checks, %d by the server, %d uncertain)", r.Rejected, r.Rejected-r.RejectedByServer-r.Uncertain, r.RejectedByServer, r.Uncertain), 10),
	}
	if r.RejectedFile != "" {
		lines = append(lines, ui.Field(st, "Written to", r.RejectedFile, 10))
	}
	if m.changes != nil && len(m.changes.Deleted) > 0 {
		lines = append(lines, "", st.Warning.Render(fmt.Sprintf("%d customers were deleted in Imonggo; they are NOT deleted here — review them:", len(m.changes.Deleted))))
		for _, c := range m.changes.Deleted[:min(len(m.changes.Deleted), 5)] {
			lines = append(lines, "  "+ui.Sanitize(deref(c.Code)+" "+deref(c.Name)))
		}
	}
	return strings.Join(append(lines, "", st.Faint.Render("enter starts another import")), "\n")
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
