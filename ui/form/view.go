package form

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"loyaltydesk/ui"
)

// maxListRows bounds an open choice list; longer lists scroll.
const maxListRows = 6

// SetSize sets the area the form draws in; a taller form scrolls so that
// the focused field and its message stay in view.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 20), max(h, 3)
	m.applyWidths()
	m.ensureVisible()
}

func (m *Model) applyWidths() {
	for _, f := range m.fields {
		f.input.Width = max(m.inputWidth(f)-1, 1)
		f.placeCursor()
	}
}

// Height returns the lines the whole form needs at the current width.
func (m *Model) Height() int {
	lines, _, _ := m.render()
	return len(lines)
}

func (m *Model) labelWidth() int {
	longest := 0
	for _, f := range m.fields {
		longest = max(longest, lipgloss.Width(f.labelText()))
	}
	return min(longest+1, max(m.width/3, 10))
}

func (f *fieldState) labelText() string {
	l := ui.Sanitize(f.Label)
	if f.Required {
		l += " *"
	}
	return l
}

// valueColumn is where inputs start; valueWidth is the room after it.
func (m *Model) valueColumn() int { return 2 + m.labelWidth() + 1 }
func (m *Model) valueWidth() int  { return max(m.width-m.valueColumn(), 8) }

// slotWidth is the room of every input, the same for all so that the
// hints after them line up; a hint too long for what is left is cut.
func (m *Model) slotWidth(*fieldState) int {
	room := m.valueWidth()
	longest := 0
	for _, f := range m.fields {
		longest = max(longest, lipgloss.Width(f.hint()))
	}
	w := min(room, 40)
	if longest > 0 {
		w = min(w, max(room-longest-2, 16))
	}
	return max(min(w, room), 1)
}

// inputWidth is a short field's own width within its slot.
func (m *Model) inputWidth(f *fieldState) int {
	return min(m.slotWidth(f), f.charLimit()+2)
}

// View draws the form in its area.
func (m *Model) View() string {
	lines, _, _ := m.render()
	if len(lines) <= m.height {
		return strings.Join(lines, "\n")
	}
	room := m.height - 1
	off := min(max(m.offset, 0), len(lines)-room)
	shown := append([]string{}, lines[off:off+room]...)
	shown = append(shown, m.scrollHint(off, room))
	return strings.Join(shown, "\n")
}

func (m *Model) scrollHint(off, room int) string {
	above, below := 0, 0
	for _, r := range m.ranges() {
		switch {
		case r[1] <= off:
			above++
		case r[0] >= off+room:
			below++
		}
	}
	var parts []string
	if above > 0 {
		parts = append(parts, fmt.Sprintf("↑ %d more above", above))
	}
	if below > 0 {
		parts = append(parts, fmt.Sprintf("↓ %d more below", below))
	}
	return m.st.Faint.Render(ui.Truncate(strings.Join(parts, " · ")+" — "+m.keys.Form.Next.Help().Key+" moves", m.width))
}

// ranges returns each field's [first, end) lines.
func (m *Model) ranges() [][2]int {
	out := make([][2]int, len(m.fields))
	line := 0
	for i, f := range m.fields {
		n := len(m.block(i, f))
		out[i] = [2]int{line, line + n}
		line += n
	}
	return out
}

// render draws every field and returns the lines with the focused
// field's [start, end).
func (m *Model) render() (lines []string, start, end int) {
	for i, f := range m.fields {
		b := m.block(i, f)
		if i == m.focus {
			start, end = len(lines), len(lines)+len(b)
		}
		lines = append(lines, b...)
	}
	return lines, start, end
}

// ensureVisible scrolls so that the focused field, its section title and
// its message are in view. It counts lines without drawing the rows: it
// runs on every key, and drawing every field each time was most of a
// keystroke's cost.
func (m *Model) ensureVisible() {
	total, start, end := 0, 0, 0
	for i, f := range m.fields {
		n := m.blockHeight(i, f)
		if i == m.focus {
			start, end = total, total+n
		}
		total += n
	}
	if total <= m.height {
		m.offset = 0
		return
	}
	room := m.height - 1
	if end > m.offset+room {
		m.offset = end - room
	}
	if start < m.offset {
		m.offset = start
	}
	m.offset = min(max(m.offset, 0), total-room)
}

// blockHeight is len(m.block(i, f)) without drawing the row.
func (m *Model) blockHeight(i int, f *fieldState) int {
	n := 1
	if f.Section != "" && (i == 0 || m.fields[i-1].Section != f.Section) {
		n++
	}
	if f.open {
		n += len(m.listLines(f))
	}
	if msg := m.shownError(f); msg != "" {
		n += len(m.messageLines(msg))
	}
	return n
}

// block draws one field: its section title, its row, an open list and its
// message.
func (m *Model) block(i int, f *fieldState) []string {
	var out []string
	if f.Section != "" && (i == 0 || m.fields[i-1].Section != f.Section) {
		out = append(out, m.st.Title.Render(ui.Truncate(ui.Sanitize(f.Section), m.width)))
	}
	out = append(out, m.row(i, f))
	if f.open {
		out = append(out, m.listLines(f)...)
	}
	if msg := m.shownError(f); msg != "" {
		out = append(out, m.messageLines(msg)...)
	}
	return out
}

func (m *Model) row(i int, f *fieldState) string {
	st := m.st
	focused := i == m.focus
	marker, label := "  ", st.Label
	if focused {
		marker, label = st.Key.Render("› "), st.Subtitle
	}
	lw := m.labelWidth()
	text := ui.Truncate(f.labelText(), lw)
	text += strings.Repeat(" ", max(lw-lipgloss.Width(text), 0))
	value := m.valueView(f, focused)
	if h := f.hint(); h != "" {
		pad := max(m.slotWidth(f)-lipgloss.Width(value), 0)
		if lipgloss.Width(value)+pad+2+min(lipgloss.Width(h), 8) <= m.valueWidth() {
			value += strings.Repeat(" ", pad) + "  " + st.Faint.Render(h)
		}
	}
	return ui.Truncate(marker+label.Render(text)+" "+value, m.width)
}

func (m *Model) valueView(f *fieldState, focused bool) string {
	st := m.st
	w := m.inputWidth(f)
	switch f.Kind {
	case Bool:
		if f.value == "true" {
			return st.Value.Render("[x] yes")
		}
		return st.Value.Render("[ ] no")
	case Choice, MultiChoice:
		text := f.display(f.value)
		style := st.Value
		if f.value == "" {
			text, style = "— none —", st.Faint
		}
		text = ui.Truncate(ui.Sanitize(text), w-2)
		if focused {
			return style.Render(text) + st.Faint.Render(" ▾")
		}
		return style.Render(text)
	}
	if f.ReadOnly {
		return st.Faint.Render(ui.Truncate(ui.Sanitize(f.display(f.current())), w))
	}
	return f.input.View()
}

func (m *Model) listLines(f *fieldState) []string {
	st := m.st
	indent := strings.Repeat(" ", m.valueColumn())
	first := min(max(f.cursor-maxListRows+1, 0), max(len(f.Options)-maxListRows, 0))
	last := min(first+maxListRows, len(f.Options))
	picked := splitList(f.value)
	var out []string
	for j := first; j < last; j++ {
		o := f.Options[j]
		mark := "( ) "
		if f.Kind == MultiChoice {
			mark = "[ ] "
		}
		for _, p := range picked {
			if p == o.Value {
				mark = map[bool]string{true: "[x] ", false: "(•) "}[f.Kind == MultiChoice]
			}
		}
		line := ui.UnselectedLine(ui.Truncate(mark+ui.Sanitize(o.Label), m.valueWidth()-2))
		if j == f.cursor {
			line = ui.SelectedLine(st, ui.Truncate(mark+ui.Sanitize(o.Label), m.valueWidth()-2))
		}
		out = append(out, indent+line)
	}
	if len(f.Options) > maxListRows {
		out = append(out, indent+st.Faint.Render(fmt.Sprintf("%d of %d · ↑/↓", f.cursor+1, len(f.Options))))
	}
	return out
}

// messageLines draws a message under the input, wrapped, marked with ✗ so
// it does not rely on colour.
func (m *Model) messageLines(msg string) []string {
	col := m.valueColumn()
	if m.width-col < 24 {
		col = 4
	}
	wrapped := m.st.Wrap("✗ "+ui.Sanitize(msg), m.width-col)
	var out []string
	for _, l := range strings.Split(wrapped, "\n") {
		out = append(out, strings.Repeat(" ", col)+m.st.Error.Render(strings.TrimRight(l, " ")))
	}
	return out
}

func joinLabels(labels []string) string { return strings.Join(labels, ", ") }
