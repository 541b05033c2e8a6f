package importwizard

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"loyaltydesk/importer"
	"loyaltydesk/ui"
)

// View draws the step indicator, the current step, what is being waited
// for and the last problem; the step gets the lines the others leave.
func (m *Model) View() string {
	st := m.c.Styles
	var tail []string
	if m.busy != "" {
		line := m.spin.View() + " " + m.busy
		if m.busyCount > 0 && m.countLabel != "" {
			line += " " + fmt.Sprintf(m.countLabel, m.busyCount)
		}
		tail = append(tail, "", ui.Truncate(line+st.Faint.Render("  ("+m.c.Keys.Global.Back.Help().Key+" to stop)"), m.width))
	}
	if m.err != nil {
		tail = append(tail, "", m.problemText(ui.Describe(m.err)))
	}
	tailText := strings.Join(tail, "\n")
	room := max(m.height-2-lipgloss.Height(tailText), 3)
	if len(tail) == 0 {
		room = max(m.height-2, 3)
	}
	parts := []string{m.indicator(), "", ui.Fit(m.stepView(room), m.width, room)}
	if len(tail) > 0 {
		parts = append(parts, tailText)
	}
	return strings.Join(parts, "\n")
}

// problemText marks a message with ✗ and wraps it to the width.
func (m *Model) problemText(text string) string {
	st := m.c.Styles
	return lipgloss.JoinHorizontal(lipgloss.Top, st.Error.Render("✗ "), st.Wrap(ui.Sanitize(text), m.width-2))
}

// indicator shows every step, the current one highlighted and the ones
// done ticked; when the names do not fit, only the current one is named.
func (m *Model) indicator() string {
	for _, named := range []func(step) bool{
		func(step) bool { return true },
		func(i step) bool { return i <= m.current() },
		func(i step) bool { return i == m.current() },
	} {
		if line := m.stepsLine(named); lipgloss.Width(line) <= m.width {
			return line
		}
	}
	return ui.Truncate(m.stepsLine(func(step) bool { return false }), m.width)
}

// current is the step the indicator highlights (resume belongs to source).
func (m *Model) current() step { return max(m.step, stepSource) }

func (m *Model) stepsLine(named func(step) bool) string {
	st := m.c.Styles
	parts := make([]string, 0, stepResult)
	for i := stepSource; i <= stepResult; i++ {
		text := fmt.Sprint(int(i))
		if named(i) {
			text += " " + stepNames[i]
		}
		switch {
		case i == m.current():
			parts = append(parts, st.StepActive.Render(text))
		case i == stepFormat && m.source.imonggo && m.current() > stepFormat:
			parts = append(parts, st.StepTodo.Render(fmt.Sprint(int(i))+" –"))
		case i < m.current():
			parts = append(parts, st.StepDone.Render("✓"+text))
		default:
			parts = append(parts, st.StepTodo.Render(text))
		}
	}
	return strings.Join(parts, st.Faint.Render(" › "))
}

func (m *Model) stepView(room int) string {
	switch m.step {
	case stepResume:
		return m.resumeView()
	case stepSource:
		return m.sourceView()
	case stepFormat:
		return m.formatView(room)
	case stepMapping:
		return m.mappingView(room)
	case stepValidate:
		return m.validateView(room)
	case stepOptions:
		return m.optionsView(room)
	case stepPreview:
		return m.previewView(room)
	case stepUpload:
		return m.uploadView()
	}
	return m.resultView(room)
}

// keyHint words keys and what they do, faint, cut to the width.
func (m *Model) keyHint(pairs ...string) string {
	st := m.c.Styles
	var parts []string
	for i := 0; i+1 < len(pairs); i += 2 {
		parts = append(parts, st.Key.Render(pairs[i])+st.Faint.Render(" "+pairs[i+1]))
	}
	return ui.Truncate(strings.Join(parts, st.Faint.Render(" · ")), m.width)
}

func (m *Model) resumeView() string {
	st, p, w := m.c.Styles, m.resumable[0], m.c.Keys.Wizard
	title := "An import was interrupted"
	if len(m.resumable) > 1 {
		title += fmt.Sprintf(" (the newest of %d)", len(m.resumable))
	}
	source := p.Source
	if p.Path != "" {
		source = p.Path
	}
	lines := []string{
		st.Subtitle.Render(title),
		ui.Field(st, "Source", source, 11),
		ui.Field(st, "Started", p.Started.Local().Format("2006-01-02 15:04"), 11),
		ui.Field(st, "Sent", fmt.Sprintf("%d of %s (%d of %s)", p.RowsDone, ui.Plural(p.Rows, "row", "rows"), p.ChunksDone, ui.Plural(p.Chunks, "chunk", "chunks")), 11),
		ui.Field(st, "Mode", modeLabel(p.Options.Mode), 11),
	}
	if p.LastError != "" {
		lines = append(lines, ui.Field(st, "Stopped by", p.LastError, 11))
	}
	if p.Uncertain > 0 {
		lines = append(lines, st.Warning.Render(ui.Plural(p.Uncertain, "chunk was", "chunks were")+
			" sent without an answer: resuming sends again only what is harmless to send twice, and asks about the rest."))
	}
	resume := "resume where it stopped (nothing answered is sent twice)"
	if p.Path == "" {
		resume = "fetch the Imonggo changes again and go on with the same choices"
	}
	return strings.Join(append(lines, "",
		m.keyHint(w.Resume.Help().Key, resume),
		m.keyHint(w.Discard.Help().Key, "discard it", w.Later.Help().Key, "decide later", m.c.Keys.Global.Back.Help().Key, "leave")), "\n")
}

func (m *Model) sourceView() string {
	if p := m.source.picker; p != nil {
		return p.view(m.width)
	}
	st, src, w := m.c.Styles, m.source, m.c.Keys.Wizard
	choice := func(on bool, text string) string {
		if on {
			return ui.SelectedLine(st, ui.Truncate(text, m.width-2))
		}
		return ui.Truncate("  "+text, m.width)
	}
	box := st.InputBlurred
	if !src.imonggo {
		box = st.InputFocused
	}
	lines := []string{
		st.Subtitle.Render("Where do the customers come from?"),
		choice(!src.imonggo, "A file: CSV, TSV, semicolon- or pipe-separated, or Excel (.xlsx)"),
		indent(box.Width(max(m.width-6, 10)).Render(src.path.View()), 2),
		"  " + m.keyHint(w.Browse.Help().Key, "browse", w.Next.Help().Key, "read the file"),
		"",
		choice(src.imonggo, "Imonggo POS: the customers changed since the last sync"),
	}
	client := m.c.Settings.Imonggo
	if client == nil {
		return strings.Join(append(lines, st.Faint.Render(ui.Truncate("    not set up for this profile ([profiles.NAME.imonggo] in the config file)", m.width))), "\n")
	}
	full := "[ ]"
	if src.fullSync {
		full = "[x]"
	}
	lines = append(lines,
		st.Faint.Render(ui.Truncate("    account "+ui.Sanitize(client.Account())+" · last sync "+orUnknown(src.lastSync), m.width)),
		"    "+full+" full sync: every customer, not only the changes "+st.Faint.Render("("+w.Toggle.Help().Key+")"))
	return strings.Join(lines, "\n")
}

func orUnknown(s string) string {
	if s == "" {
		return "…"
	}
	return s
}

func indent(block string, n int) string {
	pad := strings.Repeat(" ", n)
	return pad + strings.ReplaceAll(block, "\n", "\n"+pad)
}

func (m *Model) formatView(room int) string {
	st, f, w := m.c.Styles, m.sample.Format, m.c.Keys.Wizard
	header := "no, the first row is data"
	if f.Header {
		header = "yes"
	}
	lines := []string{ui.Field(st, "File", m.file, 11)}
	if f.Workbook {
		sheet := ui.Field(st, "Sheet", ui.Sanitize(f.Sheet), 11)
		if len(m.sample.Sheets) > 1 {
			sheet += st.Faint.Render(fmt.Sprintf("   ←/→ to change (%d sheets)", len(m.sample.Sheets)))
		}
		lines = append(lines, ui.Field(st, "Kind", "Excel workbook", 11), sheet,
			ui.Field(st, "Header row", header, 11)+st.Faint.Render("   "+w.Toggle.Help().Key+" to change"))
	} else {
		lines = append(lines,
			ui.Field(st, "Delimiter", importer.DelimiterName(f.Delimiter), 11)+st.Faint.Render("   ←/→ to change"),
			ui.Field(st, "Header row", header, 11)+st.Faint.Render("   "+w.Toggle.Help().Key+" to change"),
			ui.Field(st, "Encoding", f.Charset.String(), 11))
	}
	if m.sample.Err != nil {
		lines = append(lines, st.Warning.Render(ui.Truncate("! "+ui.Sanitize(m.sample.Err.Error()), m.width)))
	}
	rows := m.sample.Rows[:min(len(m.sample.Rows), max(room-len(lines)-3, 1))]
	title := "The first rows"
	if m.sample.Partial || len(rows) < len(m.sample.Rows) {
		title = "The first " + ui.Plural(len(rows), "row", "rows")
	}
	cols := sampleColumns(m.sample)
	tcols := make([]ui.Column, len(cols))
	for i, c := range cols {
		cw := contentWidth(c, rows, i)
		tcols[i] = ui.Column{Title: c, Min: min(cw, 10), Weight: cw, Keep: len(cols) - i}
	}
	lines = append(lines, "", st.Subtitle.Render(title), ui.Table(st, tcols, rows, m.width, -1))
	return strings.Join(lines, "\n")
}

// contentWidth is the widest of a column's title and values (up to 30),
// so that the spare width goes where the text is.
func contentWidth(title string, rows [][]string, col int) int {
	w := lipgloss.Width(title)
	for _, r := range rows {
		if col < len(r) {
			w = max(w, lipgloss.Width(ui.Sanitize(r[col])))
		}
	}
	return min(max(w, 1), 30)
}

func sampleColumns(s *importer.Sample) []string {
	n := len(s.Header)
	for _, r := range s.Rows {
		n = max(n, len(r))
	}
	cols := make([]string, n)
	for i := range cols {
		if i < len(s.Header) && strings.TrimSpace(s.Header[i]) != "" {
			cols[i] = s.Header[i]
		} else {
			cols[i] = fmt.Sprintf("column %d", i+1)
		}
	}
	return cols
}

func (m *Model) mappingView(room int) string {
	st := m.c.Styles
	head := []string{
		st.Subtitle.Render(ui.Truncate(fmt.Sprintf("Map the %s of %s (%s)", ui.Plural(m.table.Columns(), "column", "columns"), m.table.Source().Name(), ui.Plural(m.table.Len(), "row", "rows")), m.width)),
		st.Faint.Render(ui.Truncate("←/→ changes a column's field (fields other columns have are passed over)", m.width)),
	}
	if m.remembered {
		head = append(head, st.Success.Render(ui.Truncate("✓ Mapping remembered from an earlier import of these columns", m.width)))
	}
	var foot []string
	if m.mapping.Column("code") < 0 && m.mapping.Column("card_number") < 0 {
		foot = append(foot, st.Warning.Render(st.Wrap("! No column is the code or card number: every row becomes a new customer, with a code made from the data.", m.width)))
	}
	cols := []ui.Column{{Title: "Column in the file", Min: 14, Weight: 2, Keep: 3}, {Title: "Example", Min: 10, Weight: 2, Keep: 1}, {Title: "Imported as", Min: 18, Weight: 1, Keep: 2}}
	rows := make([][]string, m.table.Columns())
	for c := range rows {
		rows[c] = []string{m.table.ColumnName(c), m.example(c), m.headerText(c)}
	}
	list := max(room-len(head)-1-lipgloss.Height(strings.Join(foot, "\n")), 2)
	start := max(0, m.column-list+1)
	end := min(len(rows), start+list)
	lines := append(head, ui.Table(st, cols, rows[start:end], m.width, m.column-start))
	return strings.Join(append(lines, foot...), "\n")
}

// example is the first value of a column among the first rows.
func (m *Model) example(col int) string {
	for i := 0; i < min(m.table.Len(), 20); i++ {
		if v := strings.TrimSpace(m.table.Field(i, col)); v != "" {
			return v
		}
	}
	return ""
}

// headerText is what a column is imported as, with a suggestion for a
// skipped column the importer only suggests (points into auto_add).
func (m *Model) headerText(col int) string {
	if h := m.mapping.Header(col); h != "" {
		return m.labels.Of(h)
	}
	if name := m.table.ColumnName(col); name != "" && col < len(m.table.Header()) {
		rec := importer.NewRecognizer(m.labels)
		if h, auto := rec.Suggest(name); h != "" && !auto && m.mapping.Column(h) < 0 {
			return "— skip — (" + m.labels.Of(h) + "?)"
		}
		if h := rec.Nearest(name); h != "" && m.mapping.Column(h) < 0 {
			return "— skip — (" + m.labels.Of(h) + "?)"
		}
	}
	return "— skip —"
}

func (m *Model) validateView(room int) string {
	if m.fix != nil {
		return m.fixView(room)
	}
	st, c, w := m.c.Styles, m.plan.Counts(), m.c.Keys.Wizard
	counts := fmt.Sprintf("%s · %s · %s  of %s", st.Success.Render(fmt.Sprintf("%d valid", c.Valid)),
		st.Warning.Render(fmt.Sprintf("%d fixable", c.Fixable)), st.Error.Render(fmt.Sprintf("%d rejected", c.Rejected)), ui.Plural(c.Rows, "row", "rows"))
	if c.Collapsed > 0 {
		counts += st.Faint.Render(ui.Truncate(fmt.Sprintf(" · %d identical, imported once", c.Collapsed), max(m.width-lipgloss.Width(counts), 0)))
	}
	lines := []string{counts}
	if c.Fixable > 0 {
		box := "[x] send fixable rows fixed (dates made YYYY-MM-DD)"
		if !m.sendFix {
			box = "[ ] send fixable rows fixed: off, they are rejected"
		}
		lines = append(lines, ui.Truncate(box, m.width-8)+st.Faint.Render(" ("+w.Toggle.Help().Key+")"))
	}
	if f := m.fixedText(); f != "" {
		lines = append(lines, ui.Truncate(f, m.width))
	}
	if d := m.dateText(); d != "" {
		lines = append(lines, ui.Truncate(d, m.width-6)+st.Faint.Render(" ("+w.DateOrder.Help().Key+")"))
	}
	lines = append(lines, st.Faint.Render(ui.Truncate(m.wireText(), m.width)))
	if c.Rejected > 0 {
		lines = append(lines, st.Faint.Render(ui.Truncate("Rejected rows are not sent; they are written to "+m.rejectedPath()+".", m.width)))
	}
	probs := m.plan.Problems()
	if len(probs) == 0 {
		return strings.Join(append(lines, "", st.Success.Render("Every row is fine.")), "\n")
	}
	cols := []ui.Column{{Title: "Line", Min: 5, Right: true, Keep: 3}, {Title: "Field", Min: 11, Keep: 2}, {Title: "Value", Min: 10, Weight: 1}, {Title: "Problem", Min: 24, Weight: 3, Keep: 4}}
	detail := st.Faint.Render(st.Wrap(problemDetail(probs[min(m.problem, len(probs)-1)], m.labels), m.width))
	list := max(room-len(lines)-2-lipgloss.Height(detail), 2)
	start := max(0, m.problem-list+1)
	end := min(len(probs), start+list)
	rows := make([][]string, 0, end-start)
	for _, p := range probs[start:end] {
		problem := p.Reason
		if p.Status == importer.Fixable {
			problem = "fixable: " + p.Reason + " → " + p.Fix
		}
		field := m.labels.Of(p.Header)
		if field == "" {
			field = "(row)"
		}
		if p.Status == importer.Collapsed {
			problem = p.Reason
		}
		rows = append(rows, []string{fmt.Sprint(p.Line), field, p.Value, problem})
	}
	title := fmt.Sprintf("Problems by line (%d of %d, ↑/↓)", m.problem+1, len(probs))
	return strings.Join(append(lines, st.Subtitle.Render(title), ui.Table(st, cols, rows, m.width, m.problem-start), detail), "\n")
}

// problemDetail words the selected problem in full, as the table may cut it.
func problemDetail(p importer.Problem, labels importer.Labels) string {
	where := fmt.Sprintf("Line %d", p.Line)
	if p.Header != "" {
		where += ", " + labels.Of(p.Header)
	}
	text := where + ": " + p.Reason
	if p.Status == importer.Fixable {
		text += "; sent as " + p.Fix
	}
	return ui.Sanitize(text)
}

// wireText says which delimiter the rows travel with: the batch format has
// no quoting, so it is one that no value holds.
func (m *Model) wireText() string {
	name := map[string]string{"pipe": "|", "tab": "tab", "comma": ","}[string(m.plan.Wire())]
	if name == "" {
		name = string(m.plan.Wire())
	}
	if name != "|" {
		return fmt.Sprintf("Sent separated by %s (some values hold a |; the format has no quoting).", name)
	}
	return "Sent separated by | (no value holds one; the format has no quoting)."
}

func (m *Model) optionsView(room int) string {
	st := m.c.Styles
	lines := []string{st.Subtitle.Render("Options")}
	if m.campaignsErr != nil {
		lines = append(lines, m.problemText("The campaigns could not be loaded: "+ui.Describe(m.campaignsErr)),
			m.keyHint(m.c.Keys.Wizard.Retry.Help().Key, "load them again"))
	} else if len(m.campaigns) == 0 {
		lines = append(lines, st.Faint.Render("loading the campaigns…"))
	}
	advice := st.Faint.Render(st.Wrap(optionNotes[m.options.Focused()], m.width) + "\n" + st.Wrap(importer.NoUndoAdvice, m.width))
	hint := m.keyHint(m.c.Keys.Form.Next.Help().Key, "next option", m.c.Keys.Wizard.Toggle.Help().Key, "pick / toggle",
		m.c.Keys.Wizard.Next.Help().Key, "preview")
	formRoom := max(room-len(lines)-lipgloss.Height(advice)-2, 3)
	m.options.SetSize(m.width, formRoom)
	return strings.Join(append(lines, m.options.View(), "", advice, hint), "\n")
}

// optionNotes explain the focused option; the no-undo advice is always
// shown.
var optionNotes = map[string]string{
	fieldCampaigns: "Customers are enrolled in every campaign picked; points to add go to the first.",
	fieldDigits:    "Customers left without a card number get a generated one of this many digits.",
	fieldKeep:      "In mode update, a blank cell leaves the customer's field as it is (rows then go in several requests).",
	fieldNoUndo:    "No undo: the server saves no undo state for this import.",
}

func (m *Model) previewView(room int) string {
	st := m.c.Styles
	cols := []ui.Column{{Title: "Mode (←/→)", Min: 19, Keep: 9, Whole: true}, {Title: "New", Min: 5, Right: true, Keep: 8},
		{Title: "Overwritten", Min: 11, Right: true, Keep: 7}, {Title: "Updated", Min: 7, Right: true, Keep: 7},
		{Title: "Skipped", Min: 7, Right: true, Keep: 7}, {Title: "Refused", Min: 7, Right: true, Keep: 1}, {Title: "", Weight: 1}}
	rows := make([][]string, len(modes))
	selected := 0
	for i, md := range modes {
		c := m.modeCounts(md)
		rows[i] = []string{modeLabel(md), fmt.Sprint(c.New), fmt.Sprint(c.Overwritten), fmt.Sprint(c.Updated), fmt.Sprint(c.Skipped), fmt.Sprint(c.Ambiguous), ""}
		if md == m.mode {
			selected = i
		}
	}
	lines := []string{
		st.Subtitle.Render(ui.Truncate(fmt.Sprintf("%s to send, compared with the account's %d customers", ui.Plural(m.rowsToSend(), "row", "rows"), m.existing.Len()), m.width)),
		ui.Table(st, cols, rows, m.width, selected),
		st.Faint.Render(st.Wrap(modeMeaning(m.mode), m.width)),
	}
	if c := m.preview.Counts(m.mode); c.Ambiguous > 0 {
		lines = append(lines, st.Warning.Render(ui.Truncate(fmt.Sprintf("! %s refused: a card number several customers hold, and no code", ui.Plural(c.Ambiguous, "row is", "rows are")), m.width)))
	}
	if m.confirming {
		return strings.Join(append(lines, "", st.Subtitle.Render(st.Wrap(m.confirmText(), m.width)),
			m.keyHint(m.c.Keys.Menu.Yes.Help().Key, "yes, upload", m.c.Keys.Menu.No.Help().Key, "not yet")), "\n")
	}
	lines = append(lines, m.renamesView(min(room/2, 6))...)
	used := lipgloss.Height(strings.Join(lines, "\n"))
	return strings.Join(append(lines, m.diffView(room-used)...), "\n")
}

// diffView shows the before → after of one matched row in the chosen mode.
func (m *Model) diffView(room int) []string {
	st := m.c.Styles
	if m.preview.Matched() == 0 {
		return []string{"", st.Faint.Render("No row matches an existing customer: every row is new.")}
	}
	i := min(m.diffIndex, m.preview.Matched()-1)
	d := m.preview.Diff(m.mode, i)
	lines := []string{"", st.Subtitle.Render(ui.Truncate(fmt.Sprintf("Matched row %d of %d (↑/↓): line %d, customer %s by %s",
		i+1, m.preview.Matched(), d.Line, ui.Sanitize(d.Code), strings.ReplaceAll(d.MatchedBy, "_", " ")), m.width))}
	if d.ClearsUnseen {
		lines = append(lines, st.Warning.Render(ui.Truncate("! overwrite also blanks what the report does not show (numbered custom fields, password, PIN)", m.width)))
	}
	if d.AutoAdd != "" {
		lines = append(lines, st.Warning.Render(ui.Truncate("! adds "+ui.Sanitize(d.AutoAdd)+" to the balance of the first campaign", m.width)))
	}
	if len(d.Changes) == 0 {
		return append(lines, st.Faint.Render("  nothing changes for this customer in this mode"))
	}
	cols := []ui.Column{{Title: "Field", Min: 17, Keep: 3}, {Title: "Before", Min: 10, Weight: 1, Keep: 2}, {Title: "", Min: 1, Keep: 1}, {Title: "After", Min: 10, Weight: 1, Keep: 2}}
	shown := d.Changes[:min(len(d.Changes), max(room-len(lines)-2, 1))]
	rows := make([][]string, len(shown))
	for j, c := range shown {
		rows[j] = []string{m.labels.Of(c.Field), before(c), "→", after(c)}
	}
	lines = append(lines, ui.Table(st, cols, rows, m.width, -1))
	if len(shown) < len(d.Changes) {
		lines = append(lines, st.Faint.Render("… and "+ui.Plural(len(d.Changes)-len(shown), "more field", "more fields")))
	}
	return lines
}

func before(c importer.Change) string {
	if c.BeforeUnknown {
		return "(not shown)"
	}
	return orBlank(c.Before)
}

func after(c importer.Change) string {
	if c.Generated {
		return "(generated)"
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
	st, u, w := m.c.Styles, m.up, m.c.Keys.Wizard
	p := u.last
	frac := 0.0
	if p.RowsTotal > 0 {
		frac = float64(p.RowsDone) / float64(p.RowsTotal)
	}
	state := "Uploading in mode " + modeLabel(m.mode)
	switch {
	case u.running && u.stopping:
		state = "Stopping after the chunk in flight…"
	case u.uncertain != nil:
		state = "Stopped: a chunk's outcome is unknown"
	case u.halted:
		state = "Stopped as you asked; the journal keeps what was sent"
	case u.locked:
		state = "Not started: nothing was sent"
	case !u.running:
		state = "Stopped"
	}
	lines := []string{st.Subtitle.Render(state)}
	if !u.locked { // nothing started: no bar of 0 of 0 rows
		lines = append(lines, m.bar.ViewAs(frac)+fmt.Sprintf(" %3d%%", int(frac*100)),
			ui.Truncate(fmt.Sprintf("%d of %s · chunk %d of %d%s", p.RowsDone, ui.Plural(p.RowsTotal, "row", "rows"), p.ChunksDone, p.ChunksTotal, rateText(p)), m.width))
	}
	if p.Retry > 0 && p.Err != nil && u.running {
		lines = append(lines, st.Warning.Render(ui.Truncate(fmt.Sprintf("no answer to a chunk; retrying (attempt %d): %s", p.Retry, ui.Describe(p.Err)), m.width)))
	}
	lines = append(lines, "")
	switch {
	case u.asking:
		lines = append(lines, st.Warning.Render("Stop after the chunk being sent? The journal keeps what was sent, so the import can go on later."),
			m.keyHint(m.c.Keys.Menu.Yes.Help().Key, "stop", m.c.Keys.Menu.No.Help().Key, "keep going"))
	case u.running && !u.stopping:
		lines = append(lines, m.keyHint(w.Cancel.Help().Key, "stop after this chunk"))
	case u.running:
	case u.uncertain != nil:
		lines = append(lines, m.problemText(u.uncertain.Error()), "",
			st.Faint.Render(st.Wrap("The choice holds for this run: another chunk left without an answer before the end is treated the same way.", m.width)),
			m.keyHint(w.Resend.Help().Key, "send it again", w.SetAside.Help().Key, "set its rows aside (rejected file)",
				m.c.Keys.Global.Back.Help().Key, "back"))
	default:
		if u.stopped != nil {
			lines = append(lines, m.problemText(ui.Describe(u.stopped)), "")
		}
		next, back := "go on from where it stopped", "back (the journal stays)"
		if u.locked {
			next, back = "try again", "back"
		}
		lines = append(lines, m.keyHint(w.Next.Help().Key, next, m.c.Keys.Global.Back.Help().Key, back))
	}
	return strings.Join(lines, "\n")
}

func rateText(p importer.Progress) string {
	if p.RowsPerSecond <= 0 {
		return ""
	}
	s := fmt.Sprintf(" · %.0f rows/s", p.RowsPerSecond)
	if p.ETA > 0 {
		s += " · about " + p.ETA.Round(1e9).String() + " left"
	}
	return s
}

// dateText says how the dates are read: the order inferred (and the value
// that shows it), chosen, or left open.
func (m *Model) dateText() string {
	d := m.plan.Dates()
	if d.Column < 0 {
		return ""
	}
	col := m.labels.Of("custom_date")
	switch {
	case d.Conflict != "":
		return fmt.Sprintf("%s: day/month order unclear (%s)", col, ui.Sanitize(d.Conflict))
	case d.Inferred:
		return fmt.Sprintf("%s: read %s (inferred: %s)", col, d.Order, ui.Sanitize(d.Example))
	case d.Order != importer.DateAuto:
		return fmt.Sprintf("%s: read %s (your choice)", col, d.Order)
	}
	return fmt.Sprintf("%s: order not inferred; ambiguous dates are rejected", col)
}
