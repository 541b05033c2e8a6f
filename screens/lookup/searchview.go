package lookup

import (
	"fmt"
	"strings"

	"loyaltydesk/custindex"
	"loyaltydesk/ui"
)

func (m *Model) searchView() string {
	st := m.c.Styles
	s := m.search
	box := st.InputFocused.Width(max(m.width-2, 10)).Render(s.input.View())
	rowsRoom := max(m.height-7, 1)
	start := max(0, s.cursor-rowsRoom+1)
	end := min(len(s.results), start+rowsRoom)
	rows := make([][]string, 0, end-start)
	for _, e := range s.results[start:end] {
		rows = append(rows, []string{e.Name, e.Email, e.Phone, e.CardNumber})
	}
	cols := []ui.Column{{Title: "Name", Min: 14, Weight: 3}, {Title: "Email", Min: 12, Weight: 3}, {Title: "Phone", Min: 10, Weight: 1}, {Title: "Card", Min: 10, Weight: 1}}
	table := ui.Table(st, cols, rows, m.width, s.cursor-start)
	lines := []string{st.Subtitle.Render("Search customers"), box, m.matchesLine(end - start), m.freshnessLine(), table}
	return strings.Join(lines, "\n")
}

// matchesLine says how many of the matches the list shows ("12 of 25").
func (m *Model) matchesLine(shown int) string {
	st, s := m.c.Styles, m.search
	busy := ""
	if s.pending {
		busy = " " + m.spin.View()
	}
	switch {
	case s.remoteErr != nil:
		return st.Wrap(st.Error.Render("✗ Could not search: ")+ui.Describe(s.remoteErr), m.width)
	case s.input.Value() == "":
		return st.Faint.Render(ui.Truncate("Type part of a name, email, phone, card or code.", m.width))
	case s.pending && s.results == nil:
		return m.spin.View() + " Searching…"
	case s.total == 0:
		return st.Faint.Render("No match.") + busy
	}
	line := fmt.Sprintf("%s of %s", count(shown), count(s.total))
	if s.remote {
		line += " the service found" // it may cap its answer: no total
	}
	if s.total > shown {
		line += " — type more to narrow, or " + m.c.Keys.Lookup.Down.Help().Key + " to scroll"
	}
	return st.Faint.Render(ui.Truncate(line, m.width-2)) + busy
}

// freshnessLine says where the results come from and how fresh the index is.
func (m *Model) freshnessLine() string {
	st, s := m.c.Styles, m.search
	idx := s.status
	var parts []string
	switch {
	case m.c.Customers == nil:
		parts = append(parts, "searching at the service")
	case idx.Index == nil && idx.Phase != custindex.Idle:
		parts = append(parts, m.spin.View()+fmt.Sprintf(" Loading the customer index… %s so far; meanwhile the service is asked", count(idx.Received)))
	case idx.Index == nil:
		parts = append(parts, "no customer index yet; the service is asked")
	default:
		parts = append(parts, fmt.Sprintf("%s customers, index of %s", count(idx.Index.Len()), idx.Synced.Format("15:04")))
		switch idx.Phase {
		case custindex.Updating:
			parts = append(parts, m.spin.View()+" fetching changes")
		case custindex.Building:
			parts = append(parts, m.spin.View()+fmt.Sprintf(" rebuilding (%s so far)", count(idx.Received)))
		}
	}
	line := st.Faint.Render(ui.Truncate(strings.Join(parts, " · "), m.width))
	if idx.Err != nil && idx.Phase == custindex.Idle {
		line += "\n" + st.Warning.Render(ui.Truncate("Index not brought up to date: "+ui.Describe(idx.Err), m.width))
	}
	return line
}

// count writes n with thousands separators: 300,000.
func count(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
