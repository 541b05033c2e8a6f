package importwizard

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/importer"
	"loyaltydesk/ui"
	"loyaltydesk/ui/form"
)

// fixState is a row of the file opened on the validation step to be fixed
// cell by cell; saving re-checks every row with the fix (the file itself
// is not changed).
type fixState struct {
	row  int
	line int
	form *form.Model
}

// openFix opens the row of the selected problem.
func (m *Model) openFix() tea.Cmd {
	probs := m.plan.Problems()
	if len(probs) == 0 {
		return nil
	}
	p := probs[min(m.problem, len(probs)-1)]
	t := m.table
	fields := make([]form.Field, t.Columns())
	values := map[string]string{}
	for c := range fields {
		label := ui.Sanitize(t.ColumnName(c))
		if h := m.mapping.Header(c); h != "" {
			label += " → " + m.labels.Of(h)
		}
		fields[c] = form.Field{Key: fmt.Sprint(c), Label: label, CharLimit: 1000}
		values[fmt.Sprint(c)] = t.Field(p.Row, c)
	}
	f := form.New(m.c.Styles, m.c.Keys, fields)
	f.SetValues(values)
	f.SetOriginal(values)
	m.fix, m.err = &fixState{row: p.Row, line: p.Line, form: f}, nil
	if p.Column >= 0 {
		return f.Focus(fmt.Sprint(p.Column))
	}
	return f.Init()
}

// fixKey: typing edits the focused cell, the form's keys move; save (or
// enter) re-checks with the fix, esc leaves the row as it was.
func (m *Model) fixKey(k tea.KeyMsg) tea.Cmd {
	fx := m.fix
	switch {
	case key.Matches(k, m.c.Keys.Global.Back) && !fx.form.ListOpen():
		m.fix = nil
		return nil
	case key.Matches(k, m.c.Keys.Form.Save), key.Matches(k, m.c.Keys.Wizard.Next) && !fx.form.ListOpen():
		values := make([]string, m.table.Columns())
		for c := range values {
			values[c] = fx.form.Value(fmt.Sprint(c))
		}
		// Trailing blank cells stay off, as the row was read.
		n := len(values)
		for n > m.table.Fields(fx.row) && n > 0 && values[n-1] == "" {
			n--
		}
		m.table = m.table.WithRow(fx.row, values[:n])
		m.fix, m.fixedRow = nil, fx.row
		return m.validate()
	}
	var cmd tea.Cmd
	fx.form, cmd = fx.form.Update(k)
	return cmd
}

// fixView shows the row being fixed.
func (m *Model) fixView(room int) string {
	st, fx := m.c.Styles, m.fix
	head := []string{
		st.Subtitle.Render(ui.Truncate(fmt.Sprintf("Fix line %d, cell by cell (the file is not changed)", fx.line), m.width)),
	}
	var why []string
	for _, p := range m.plan.RowProblems(fx.row) {
		why = append(why, problemDetail(p, m.labels))
	}
	reasons := st.Warning.Render(st.Wrap(strings.Join(why, "\n"), m.width))
	hint := m.keyHint(m.c.Keys.Wizard.Next.Help().Key+"/"+m.c.Keys.Form.Save.Help().Key, "check again",
		m.c.Keys.Global.Back.Help().Key, "leave it as it was")
	fx.form.SetSize(m.width, max(room-len(head)-strings.Count(reasons, "\n")-3, 3))
	return strings.Join(append(head, reasons, fx.form.View(), "", hint), "\n")
}

// fixedText says what the check made of a row just fixed.
func (m *Model) fixedText() string {
	if m.fixedRow < 0 || m.plan == nil || m.fixedRow >= m.plan.Table().Len() {
		return ""
	}
	line := m.plan.Table().Line(m.fixedRow)
	switch m.plan.Status(m.fixedRow) {
	case importer.Rejected:
		n := len(m.plan.RowProblems(m.fixedRow))
		return fmt.Sprintf("Line %d (fixed) still has %s.", line, ui.Plural(n, "problem", "problems"))
	case importer.Fixable:
		return fmt.Sprintf("✓ Line %d (fixed) will be imported, its date converted.", line)
	}
	return fmt.Sprintf("✓ Line %d (fixed) is fine now.", line)
}
