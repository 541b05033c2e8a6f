package ui

import (
	"slices"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// Column is one column of a Table: a title, a minimum width and a weight
// for sharing out the spare width. Right aligns numbers. When the minimums
// do not fit, the columns of lowest Keep are left out first (of equal
// ones, the rightmost).
type Column struct {
	Title  string
	Min    int
	Weight int
	Right  bool
	Keep   int
	// Whole columns (amounts, balances, percentages) are never cut: they are
	// as wide as their widest cell, or left out when that does not fit.
	Whole bool
}

// wholeWidths widens every Whole column to its widest cell or title.
func wholeWidths(cols []Column, rows [][]string) []Column {
	out := slices.Clone(cols)
	for i, c := range out {
		if !c.Whole {
			continue
		}
		out[i].Min = max(c.Min, lipgloss.Width(c.Title))
		for _, row := range rows {
			if i < len(row) {
				out[i].Min = max(out[i].Min, lipgloss.Width(Sanitize(row[i])))
			}
		}
	}
	return out
}

// TableWidth is the width a table needs to show every cell uncut (no
// wider than its columns' minimums where those are wider).
func TableWidth(cols []Column, rows [][]string) int {
	w := len(cols) - 1
	for i, c := range cols {
		cw := max(c.Min, lipgloss.Width(c.Title))
		for _, row := range rows {
			if i < len(row) {
				cw = max(cw, lipgloss.Width(Sanitize(row[i])))
			}
		}
		w += cw
	}
	return w
}

// Table draws rows of server or file text as aligned columns within width.
// Cells are sanitised and cut to fit. selected < 0 draws a plain table;
// otherwise the rows sit behind a two-cell gutter and the selected row
// carries the marker, so that it shows without colour too (NO_COLOR), and
// a selected index beyond the rows selects none.
func Table(st *Styles, cols []Column, rows [][]string, width, selected int) string {
	gutter := ""
	if selected >= 0 {
		gutter = "  "
		width -= len(gutter)
	}
	cols = wholeWidths(cols, rows)
	shown := fitting(cols, width)
	kept := make([]Column, len(shown))
	for i, c := range shown {
		kept[i] = cols[c]
	}
	widths := columnWidths(kept, width)
	var b strings.Builder
	head := make([]string, len(kept))
	for i, c := range kept {
		head[i] = cell(c.Title, widths[i], c.Right)
	}
	b.WriteString(gutter + st.TableHead.Render(strings.Join(head, " ")))
	for r, row := range rows {
		cells := make([]string, len(kept))
		for i, c := range kept {
			v := ""
			if shown[i] < len(row) {
				v = Sanitize(row[shown[i]])
			}
			cells[i] = cell(v, widths[i], c.Right)
		}
		line := gutter + strings.Join(cells, " ")
		if r == selected {
			line = SelectedLine(st, strings.Join(cells, " "))
		}
		b.WriteString("\n" + line)
	}
	return b.String()
}

func cell(s string, w int, right bool) string {
	s = truncate(s, w)
	pad := strings.Repeat(" ", max(w-lipgloss.Width(s), 0))
	if right {
		return pad + s
	}
	return s + pad
}

// fitting returns the indices of the columns to draw: all of them when
// their minimums fit in width, else without the least needed.
func fitting(cols []Column, width int) []int {
	shown := make([]int, len(cols))
	for i := range shown {
		shown[i] = i
	}
	for len(shown) > 1 && minWidth(cols, shown) > width {
		drop := len(shown) - 1
		for j := len(shown) - 2; j >= 0; j-- {
			if cols[shown[j]].Keep < cols[shown[drop]].Keep {
				drop = j
			}
		}
		shown = slices.Delete(shown, drop, drop+1)
	}
	return shown
}

func minWidth(cols []Column, shown []int) int {
	n := len(shown) - 1
	for _, i := range shown {
		n += max(cols[i].Min, 1)
	}
	return n
}

// columnWidths gives each column its minimum, then shares the rest by weight.
func columnWidths(cols []Column, width int) []int {
	widths := make([]int, len(cols))
	used, weights := len(cols)-1, 0
	for i, c := range cols {
		widths[i] = max(c.Min, 1)
		used += widths[i]
		weights += c.Weight
	}
	spare := width - used
	if spare <= 0 || weights == 0 {
		return widths
	}
	given := 0
	for i, c := range cols {
		extra := spare * c.Weight / weights
		widths[i] += extra
		given += extra
	}
	for i := len(cols) - 1; i >= 0 && given < spare; i-- {
		if cols[i].Weight > 0 {
			widths[i] += spare - given
			break
		}
	}
	return widths
}

// Field draws "label  value" with the label padded to labelWidth; the value
// is sanitised.
func Field(st *Styles, label, value string, labelWidth int) string {
	l := st.Label.Render(cell(label, labelWidth, false))
	if value == "" {
		return l + " " + st.Faint.Render("—")
	}
	return l + " " + st.Value.Render(Sanitize(value))
}

// FieldWrapped is Field for a value that must never be cut (an e-mail, a
// card number): when it does not fit in width it goes on under itself,
// broken at the width, instead of ending in "…".
func FieldWrapped(st *Styles, label, value string, labelWidth, width int) string {
	room := width - labelWidth - 1
	value = Sanitize(value)
	if value == "" || room < 1 || lipgloss.Width(value) <= room {
		return Truncate(Field(st, label, value, labelWidth), width)
	}
	parts := strings.Split(ansi.Hardwrap(value, room, true), "\n")
	lines := []string{st.Label.Render(cell(label, labelWidth, false)) + " " + st.Value.Render(parts[0])}
	indent := strings.Repeat(" ", labelWidth+1)
	for _, p := range parts[1:] {
		lines = append(lines, indent+st.Value.Render(p))
	}
	return strings.Join(lines, "\n")
}

// SelectMarker starts every selected row of a list, table or picker: the
// selection must show where reverse video does not (NO_COLOR).
const SelectMarker = "› "

// SelectedLine draws a selected row: the marker, then the text, reversed.
func SelectedLine(st *Styles, text string) string {
	return st.Selected.Render(SelectMarker + text)
}

// UnselectedLine indents a row of a list by the marker's width.
func UnselectedLine(text string) string {
	return "  " + text
}
