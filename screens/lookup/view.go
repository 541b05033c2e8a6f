package lookup

import (
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"loyaltydesk/apiclient"
	"loyaltydesk/ui"
)

// Labels are as wide as the longest one shown, within these bounds.
const (
	minLabelWidth = 8
	maxLabelWidth = 18
)

// View draws the page within its size.
func (m *Model) View() string {
	switch m.mode {
	case modeSearch:
		return m.searchView()
	case modeHistory:
		return m.historyView()
	case modeReplace:
		return m.replaceView()
	}
	st := m.c.Styles
	intro := "Scan a card, or type a card number or a code, then " + m.c.Keys.Lookup.Submit.Help().Key + "."
	box := st.InputFocused.Width(max(m.width-2, 10)).Render(m.input.View())
	lines := []string{st.Faint.Render(ui.Truncate(intro, m.width)), box}
	if !m.submitted && hasLetters(m.input.Value()) {
		hint := "Looking for a name? " + m.c.Keys.Lookup.Search.Help().Key + " searches by name, email or phone; enter looks this up as a code."
		lines = append(lines, st.Warning.Render(ui.Truncate(hint, m.width)))
	}
	return strings.Join(append(lines, m.stateView()), "\n")
}

func (m *Model) stateView() string {
	st := m.c.Styles
	switch {
	case m.mode == modeRecent:
		return m.recentView()
	case m.pending != "" && m.customer == nil:
		return m.spin.View() + " Looking up " + ui.Sanitize(m.pending) + "…"
	case m.pick != nil:
		return m.pickView()
	case m.err != nil:
		title, detail := m.problem(m.errQuery, m.err)
		return st.Error.Render("✗ "+title) + "\n" + st.Wrap(detail, m.width)
	case m.customer != nil:
		return m.customerView(*m.customer)
	}
	return m.recentView()
}

func (m *Model) customerView(c apiclient.Customer) string {
	st := m.c.Styles
	status := ""
	if m.pending != "" {
		status = "  " + m.spin.View() + st.Faint.Render(" looking up "+ui.Sanitize(m.pending)+"…")
	}
	if note := m.offlineNote(); note != "" {
		status += "  " + st.Warning.Render(note)
	}
	name := c.FullName()
	if name == "" {
		name = "(no name)"
	}
	head := st.Title.Render(ui.Truncate(ui.Sanitize(name), m.width-20)) + status
	hint := st.Faint.Render(ui.Truncate(m.customerHint(), m.width))
	room := max(m.height-5, 3) // below the scan box, the name and the hint
	right := m.balancesWidth()
	left := m.width - right - 2
	body := lipgloss.JoinHorizontal(lipgloss.Top,
		st.Block(clipLines(m.detailsView(c, left), room), left), "  ", balancesBox(m, m.balancesView(c, right-4), right))
	return strings.Join([]string{head, body, hint}, "\n")
}

// customerHint names the keys that act on the customer shown.
func (m *Model) customerHint() string {
	k := m.c.Keys
	return fmt.Sprintf("%s edit · %s history · %s replace card · %s new customer · %s clear · scan the next card any time",
		k.Lookup.Edit.Help().Key, k.Lookup.Balance.Help().Key, k.Lookup.Replace.Help().Key, k.Lookup.New.Help().Key, k.Global.Back.Help().Key)
}

// balancesWidth keeps the balances beside the details at every width, so a
// cashier sees them without scrolling.
func (m *Model) balancesWidth() int {
	return min(max(m.width*55/100, 44), 72)
}

func clipLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = append(lines[:n-1], "…")
	}
	return strings.Join(lines, "\n")
}

func balancesBox(m *Model, balances string, w int) string {
	return m.c.Styles.Box.Width(max(w-2, 20)).Render(balances)
}

func (m *Model) detailsView(c apiclient.Customer, w int) string {
	st := m.c.Styles
	lw := min(m.labelWidth(c), w/2-1)
	var lines []string
	field := func(name, label, value string) {
		d, ok := m.fields[name]
		if ok && !d.Show {
			return // the merchant hides it
		}
		if ok {
			label = ui.Sanitize(d.Title())
		}
		lines = append(lines, ui.Truncate(ui.Field(st, label, value, lw), w))
	}
	field("card_number", "Card", c.CardNumber)
	field("code", "Code", c.Code)
	field(apiclient.FPhone, "Phone", c.Phone)
	field(apiclient.FEmail, "Email", c.Email)
	lines = append(lines, ui.Truncate(ui.Field(st, "Address", m.address(c), lw), w))
	if c.CustomDate != "" {
		field(apiclient.FCustomDate, "Date", c.CustomDate)
	}
	if c.CustomField != "" {
		field(apiclient.FCustomField, "Note", c.CustomField)
	}
	for _, n := range sortedKeys(c.CustomFields) {
		if c.CustomFields[n] != "" {
			field(apiclient.CustomFieldKey(n), fmt.Sprintf("Field %d", n), c.CustomFields[n])
		}
	}
	return strings.Join(lines, "\n")
}

func (m *Model) labelWidth(c apiclient.Customer) int {
	w := minLabelWidth
	for _, d := range m.fields {
		if d.Show {
			w = max(w, len([]rune(d.Title())))
		}
	}
	return min(w, maxLabelWidth)
}

// address joins the address fields the merchant shows.
func (m *Model) address(c apiclient.Customer) string {
	shown := func(name, v string) string {
		if d, ok := m.fields[name]; ok && !d.Show {
			return ""
		}
		return v
	}
	cityLine := ui.JoinNonEmpty(" ", shown(apiclient.FCity, c.City), shown(apiclient.FState, c.State), shown(apiclient.FPostalCode, c.PostalCode))
	return ui.JoinNonEmpty(", ", shown(apiclient.FStreet1, c.Street1), shown(apiclient.FStreet2, c.Street2), cityLine, shown(apiclient.FCountry, c.Country))
}

func sortedKeys(m map[int]string) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	return keys
}

func (m *Model) recentView() string {
	st, k := m.c.Styles, m.c.Keys.Lookup
	if len(m.recent) == 0 {
		return st.Faint.Render(st.Wrap("Recent lookups appear here. "+k.Search.Help().Key+" searches by name, email or phone.", m.width))
	}
	title := "Recent (" + k.Recent.Help().Key + " to pick)"
	if m.mode == modeRecent {
		title = "Recent — " + k.Up.Help().Key + "/" + k.Down.Help().Key + " and " + k.Submit.Help().Key
	}
	selected := -1
	if m.mode == modeRecent {
		selected = m.recentCursor
	}
	rows := make([][]string, len(m.recent))
	for i, c := range m.recent {
		rows[i] = []string{c.FullName(), c.CardNumber, c.Code}
	}
	cols := []ui.Column{{Title: "Name", Min: 12, Weight: 2}, {Title: "Card", Min: 10, Weight: 1}, {Title: "Code", Min: 16}}
	return st.Subtitle.Render(title) + "\n" + ui.Table(st, cols, rows, m.width, selected)
}
