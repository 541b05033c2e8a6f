package customer

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"loyaltydesk/ui"
	"loyaltydesk/ui/form"
)

// layout gives the form what the title and the notes above it leave.
func (m *Model) layout() {
	head := len(m.headLines())
	m.form.SetSize(m.width, max(m.height-head, 3))
}

// View draws the page within its size.
func (m *Model) View() string {
	lines := m.headLines()
	body := m.form.View()
	if m.mode == modeConfirm {
		body = m.summaryView(max(m.height-len(lines), 3))
	}
	return lipgloss.JoinVertical(lipgloss.Left, strings.Join(lines, "\n"), body)
}

// headLines is the title and the notes that stand above the form.
func (m *Model) headLines() []string {
	st := m.c.Styles
	w := max(m.width, 20)
	title := "New customer"
	if !m.isNew {
		title = "Edit customer"
		if m.name != "" {
			title += " · " + ui.Sanitize(m.name)
		}
		title += " · code " + ui.Sanitize(m.code)
	}
	line := st.Title.Render(ui.Truncate(title, w))
	if m.metaLoading {
		line += "  " + m.spin.View() + st.Faint.Render(" loading custom fields…")
	}
	lines := []string{ui.Truncate(line, w)}
	add := func(text string) {
		lines = append(lines, strings.Split(st.Wrap(text, w), "\n")...)
	}
	keys := m.c.Keys.Form
	switch {
	case m.mode == modeSaving:
		lines = append(lines, m.spin.View()+" Saving…")
	case m.mode == modeRestore:
		add(st.Warning.Render(m.restoreQuestion()))
	case m.result != nil:
		add(st.Success.Render("✓ " + savedText(*m.result)))
	}
	if line, ok := m.checkLine(); ok && m.saveErr != nil && m.mode != modeSaving {
		add(line)
	} else if m.saveErr != nil && m.mode != modeSaving {
		add(st.Error.Render("✗ Not saved: ") + sentence(ui.Describe(m.saveErr)) + " " + m.retryAdvice(keys.Retry.Help().Key, keys.Save.Help().Key))
	}
	if m.metaErr != nil {
		add(st.Error.Render("✗ Custom fields not loaded: ") + sentence(ui.Describe(m.metaErr)) +
			st.Faint.Render(fmt.Sprintf(" %s retries; the other fields work.", keys.Retry.Help().Key)))
	}
	if m.draftErr != nil {
		add(st.Warning.Render("Draft not kept: " + ui.Sanitize(m.draftErr.Error())))
	}
	if len(lines) > 6 { // never crowd out the form
		lines = lines[:6]
	}
	return lines
}

func (m *Model) retryAdvice(retry, save string) string {
	if unknownOutcome(m.saveErr) {
		return m.c.Styles.Faint.Render(fmt.Sprintf("Everything you typed is still here; %s retries (%s to review first).", retry, save))
	}
	return m.c.Styles.Faint.Render(fmt.Sprintf("Fix what is marked, then %s.", save))
}

// summaryView lists the changes to confirm: old → new for an edit, the
// values of a new customer; masked values only as ••••.
func (m *Model) summaryView(h int) string {
	st := m.c.Styles
	w := max(m.width, 20)
	q := "Save these changes?"
	if m.isNew {
		q = "Create this customer?"
	}
	var rows []string
	labelW := 4
	for _, c := range m.summary {
		labelW = max(labelW, lipgloss.Width(ui.Sanitize(c.Label)))
	}
	labelW = min(labelW, max(w/3, 8))
	row := func(label, value string) string {
		l := ui.Truncate(label, labelW)
		l += strings.Repeat(" ", max(labelW-lipgloss.Width(l), 0))
		return ui.Truncate("  "+st.Label.Render(l)+" "+value, w)
	}
	if m.isNew && m.form.Value(kCode) == "" {
		rows = append(rows, row("Code", ui.Sanitize(m.code)+st.Faint.Render(" (generated)")))
	}
	for _, c := range m.summary {
		rows = append(rows, row(ui.Sanitize(c.Label), changeText(c, m.isNew)))
	}
	keys := m.c.Keys
	hint := st.Key.Render(keys.Form.Confirm.Help().Key+"/"+keys.Form.Accept.Help().Key) + st.Faint.Render(" save   ") +
		st.Key.Render(keys.Form.Cancel.Help().Key+"/"+keys.Global.Back.Help().Key) + st.Faint.Render(" back to the form")
	room := max(h-3, 1)
	if len(rows) > room {
		more := len(rows) - room + 1
		rows = append(rows[:room-1], st.Faint.Render(fmt.Sprintf("  … and %d more", more)))
	}
	return strings.Join(append(append([]string{st.Subtitle.Render(q)}, rows...), "", hint), "\n")
}

func changeText(c form.Change, isNew bool) string {
	if isNew {
		return ui.Sanitize(c.NewText)
	}
	return ui.Sanitize(c.OldText) + " → " + ui.Sanitize(c.NewText)
}

// sentence ends text with a full stop, so that advice can follow it.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s[len(s)-1:], ".!?") {
		return s
	}
	return s + "."
}
