package ui_test

import (
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/stretchr/testify/require"

	"loyaltydesk/ui"
	"loyaltydesk/ui/uitest"
)

func TestTableLeavesOutTheLeastNeededColumnsWhenNarrow(t *testing.T) {
	cols := []ui.Column{
		{Title: "Date", Min: 10, Keep: 3},
		{Title: "Amount", Min: 8, Right: true, Keep: 4},
		{Title: "Note", Min: 10, Weight: 1, Keep: 1},
		{Title: "By", Min: 6, Keep: 2},
	}
	rows := [][]string{{"2024-01-02", "12.50", "coffee", "till-1"}}
	st := uitest.PlainStyles()

	wide := ui.Table(st, cols, rows, 40, -1)
	require.Contains(t, wide, "coffee")
	require.Contains(t, wide, "till-1")

	narrow := ui.Table(st, cols, rows, 26, -1)
	for _, l := range strings.Split(narrow, "\n") {
		require.LessOrEqual(t, lipgloss.Width(l), 26)
	}
	require.NotContains(t, narrow, "Note", "lowest Keep goes first")
	require.Contains(t, narrow, "till-1")
	require.Contains(t, narrow, "2024-01-02")
	require.Contains(t, narrow, "12.50")

	plain := ui.Table(st, []ui.Column{{Title: "A", Min: 8}, {Title: "B", Min: 8}}, [][]string{{"left", "right"}}, 10, -1)
	require.Contains(t, plain, "left")
	require.NotContains(t, plain, "right", "without Keep the rightmost goes first")
}

func TestWholeColumnsAreNeverCut(t *testing.T) {
	cols := []ui.Column{
		{Title: "Campaign", Min: 8, Weight: 1, Keep: 2},
		{Title: "Kind", Min: 6, Keep: 1},
		{Title: "Balance", Min: 7, Right: true, Whole: true, Keep: 3},
	}
	rows := [][]string{{"Widget Points", "points", "4316 points"}, {"Gift Card", "gift card", "$281.00"}}
	st := uitest.PlainStyles()
	require.Equal(t, len("Widget Points")+len("gift card")+len("4316 points")+2, ui.TableWidth(cols, rows))
	for _, w := range []int{40, 30, 22} {
		table := ui.Table(st, cols, rows, w, -1)
		require.Contains(t, table, "4316 points", "width %d", w)
		require.Contains(t, table, "$281.00", "width %d", w)
		for _, l := range strings.Split(table, "\n") {
			require.LessOrEqual(t, lipgloss.Width(l), w)
		}
	}
	require.Contains(t, ui.Table(st, cols, rows, 22, -1), "Widget Po…", "the name is cut, with the ellipsis")
}

func TestFieldWrappedKeepsTheWholeValueWithinTheWidth(t *testing.T) {
	st := ui.NewStyles(lipgloss.NewRenderer(io.Discard), ui.DefaultTheme(), true)
	const email = "margarethe.oberhuber@greatwidgets.com.au"
	out := ui.FieldWrapped(st, "Email", email, 8, 24)
	var joined strings.Builder
	for i, line := range strings.Split(out, "\n") {
		require.LessOrEqual(t, lipgloss.Width(line), 24, "line %d: %q", i, line)
		joined.WriteString(strings.TrimSpace(strings.TrimPrefix(line, "Email")))
	}
	require.Equal(t, email, joined.String())
	require.Equal(t, "Email    short@x.io", ui.FieldWrapped(st, "Email", "short@x.io", 8, 24), "a value that fits is one line")
}
