package importwizard

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"loyaltydesk/apiclient"
	"loyaltydesk/ui"
)

func modeLabel(md apiclient.DuplicateMode) string {
	switch md {
	case apiclient.Overwrite:
		return "replace every field"
	case apiclient.Ignore:
		return "ignore"
	}
	return "update"
}

func modeMeaning(md apiclient.DuplicateMode) string {
	switch md {
	case apiclient.Overwrite:
		return "Replace every field: an existing customer is blanked, then given only what the import holds."
	case apiclient.Ignore:
		return "Ignore: an existing customer is left untouched; the row is skipped."
	}
	return "Update: an existing customer keeps everything the import does not hold; the imported fields change."
}

// resultKey: up/down scroll the lists of Imonggo customers; enter (in
// Update) starts another import; esc leaves.
func (m *Model) resultKey(k tea.KeyMsg) tea.Cmd {
	w := m.c.Keys.Wizard
	switch {
	case key.Matches(k, m.c.Keys.Global.Back):
		return ui.Back()
	case key.Matches(k, w.Up):
		m.listScroll = max(m.listScroll-1, 0)
	case key.Matches(k, w.Down):
		m.listScroll = min(m.listScroll+1, max(len(m.posLists())-1, 0))
	}
	return nil
}

func (m *Model) resultView(room int) string {
	st := m.c.Styles
	var lines []string
	if r := m.result; r == nil {
		lines = append(lines, st.Success.Render(ui.Truncate("✓ Nothing to import from Imonggo: no changed customer has a code.", m.width)))
	} else {
		title, ok := headline(r)
		if r.Resumed {
			title += " (resumed: the counts include the earlier run)"
		}
		if ok {
			lines = append(lines, st.Success.Render(st.Wrap(title, m.width)))
		} else {
			lines = append(lines, st.Warning.Render(st.Wrap(title, m.width)))
		}
		lines = append(lines, m.countsTable()...)
		if r.RejectedFile != "" {
			lines = append(lines, m.pathField("Rejected rows", r.RejectedFile))
		}
		lines = append(lines, st.Faint.Render(ui.Truncate(fmt.Sprintf("Took %s for %s (%s).", r.Elapsed.Round(time.Millisecond),
			ui.Plural(r.Chunks, "chunk", "chunks"), ui.Plural(r.Retries, "retry", "retries")), m.width)))
	}
	if m.resultErr != nil {
		lines = append(lines, m.problemText(ui.Describe(m.resultErr)))
	}
	if m.finished != "" {
		lines = append(lines, st.Faint.Render(st.Wrap(m.finished, m.width)))
	}
	hint := m.keyHint(m.c.Keys.Wizard.Next.Help().Key, "another import", m.c.Keys.Global.Back.Help().Key, "leave")
	if list := m.posLists(); len(list) > 0 {
		room -= len(strings.Split(strings.Join(lines, "\n"), "\n")) + 2
		lines = append(lines, m.listView(list, max(room, 2))...)
	}
	return strings.Join(append(lines, "", hint), "\n")
}

// countsTable sets what the server did beside what the wizard expected.
func (m *Model) countsTable() []string {
	st, r := m.c.Styles, m.result
	cols := []ui.Column{{Title: "", Min: 9}, {Title: "Server", Min: 7, Right: true}, {Title: "Expected", Min: 9, Right: true}}
	expect := func(n int) string {
		if m.expected == nil {
			return "—"
		}
		return fmt.Sprint(n)
	}
	var e struct{ New, Updated, Skipped, Rejected int }
	if x := m.expected; x != nil {
		e.New, e.Updated, e.Skipped = x.New, x.Overwritten+x.Updated, x.Skipped
		e.Rejected = r.Rows - r.Collapsed - m.job.Rows() + x.Ambiguous
	}
	aside := m.job.SetAsideRows()
	byChecks := r.Rejected - r.RejectedByServer - r.Uncertain - aside
	rows := [][]string{
		{"New", fmt.Sprint(r.New), expect(e.New)},
		{"Updated", fmt.Sprint(r.Updated), expect(e.Updated)},
		{"Skipped", fmt.Sprint(r.Skipped), expect(e.Skipped)},
		{"Rejected", fmt.Sprint(r.Rejected), expect(e.Rejected)},
	}
	table := ui.Table(st, cols, rows, min(m.width, 28), -1)
	why := fmt.Sprintf("Rejected: %d by the checks, %d by the server, %d of unknown outcome.", byChecks, r.RejectedByServer, r.Uncertain)
	if aside > 0 {
		why = fmt.Sprintf("Rejected: %d by the checks, %d set aside (same person?), %d by the server, %d of unknown outcome.",
			byChecks, aside, r.RejectedByServer, r.Uncertain)
	}
	if r.Collapsed > 0 {
		why += " " + ui.Plural(r.Collapsed, "identical row was", "identical rows were") + " imported once."
	}
	return append(strings.Split(table, "\n"), st.Faint.Render(st.Wrap(why, m.width)))
}

// posLists are the Imonggo customers the user should look at: deleted in
// Imonggo, and changed but without a code.
func (m *Model) posLists() []string {
	if m.pos.changes == nil {
		return nil
	}
	var out []string
	if d := m.pos.changes.Deleted; len(d) > 0 {
		out = append(out, fmt.Sprintf("! %s deleted in Imonggo (status D). Loyalty customers are not deleted automatically: review these and delete them in the loyalty account yourself if need be.",
			ui.Plural(len(d), "customer was", "customers were")))
		for _, c := range d {
			out = append(out, "  "+describePOS(c))
		}
	}
	if c := m.pos.codeless; len(c) > 0 {
		out = append(out, fmt.Sprintf("! %s not imported: no code in Imonggo, and the loyalty account matches customers by code. Give them a code in Imonggo; they come with the next sync.",
			ui.Plural(len(c), "changed customer was", "changed customers were")))
		for _, cust := range c {
			out = append(out, "  "+describePOS(cust))
		}
	}
	return out
}

func (m *Model) listView(list []string, room int) []string {
	st := m.c.Styles
	start := min(m.listScroll, max(len(list)-1, 0))
	var out []string
	shown := start
	for _, entry := range list[start:] {
		lines := []string{ui.Truncate(entry, m.width)}
		if strings.HasPrefix(entry, "! ") {
			lines = strings.Split(st.Warning.Render(st.Wrap(entry, m.width)), "\n")
		}
		if len(out)+len(lines) > room-1 && len(out) > 0 {
			break
		}
		out = append(out, lines...)
		shown++
	}
	if start > 0 || shown < len(list) {
		out = append(out, st.Faint.Render(fmt.Sprintf("lines %d–%d of %d (↑/↓)", start+1, shown, len(list))))
	}
	return out
}

// pathField shows a file's path beside its label, or under it, whole, when
// the line would be wider than the window.
func (m *Model) pathField(label, path string) string {
	st := m.c.Styles
	if line := ui.Field(st, label, path, 14); lipgloss.Width(line) <= m.width {
		return line
	}
	return st.Label.Render(label) + "\n" + st.Value.Render(st.Wrap(ui.Sanitize(path), m.width))
}
