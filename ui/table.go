package ui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// Column is one column of a Table: a title, a minimum width and a weight
// for sharing out the spare width. Right aligns numbers.
type Column struct {
	Title  string
	Min    int
	Weight int
	Right  bool
}

// Table draws rows of server or file text as aligned columns within width.
// Cells are sanitised and cut to fit; selected < 0 selects nothing.
func Table(st *Styles, cols []Column, rows [][]string, width, selected int) string {
	widths := columnWidths(cols, width)
	var b strings.Builder
	head := make([]string, len(cols))
	for i, c := range cols {
		head[i] = cell(c.Title, widths[i], c.Right)
	}
	b.WriteString(st.TableHead.Render(strings.Join(head, " ")))
	for r, row := range rows {
		cells := make([]string, len(cols))
		for i, c := range cols {
			v := ""
			if i < len(row) {
				v = Sanitize(row[i])
			}
			cells[i] = cell(v, widths[i], c.Right)
		}
		line := strings.Join(cells, " ")
		if r == selected {
			line = st.Selected.Render(line)
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
