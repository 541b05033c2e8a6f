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
		hint := "Looking for a name? " + m.c.Keys.Lookup.Search.Help().Key + " searches names; " + m.c.Keys.Lookup.Submit.Help().Key + " looks this up as a code."
		lines = append(lines, st.Warning.Render(ui.Truncate(hint, m.width)))
	}
	return strings.Join(append(lines, m.stateView()), "\n")
}

func (m *Model) stateView() string {
	st := m.c.Styles
	switch {
	case m.till.panel != nil && m.customer == nil:
		return m.till.panel.View()
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
	return ui.JoinNonEmpty("\n", m.tillResultView(), m.recentView())
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
	if m.till.panel != nil {
		return head + "\n" + m.till.panel.View()
	}
	hint := st.Faint.Render(ui.Truncate(m.customerHint(), m.width))
	tillLines := m.tillResultView()
	room := max(m.height-5-lineCount(tillLines), 3) // below the scan box, the name, the hint and the till's line
	right := m.balancesWidth(c)
	left := m.width - right - 2
	body := lipgloss.JoinHorizontal(lipgloss.Top,
		st.Block(clipLines(m.detailsView(c, left), room), left), "  ", balancesBox(m, m.balancesView(c, right-4), right))
	return ui.JoinNonEmpty("\n", head, tillLines, body, hint)
}

func lineCount(s string) int {
	if s == "" {
		return 0
	}
	return strings.Count(s, "\n") + 1
}

// customerHint names the keys that act on the customer shown.
func (m *Model) customerHint() string {
	k := m.c.Keys
	return fmt.Sprintf("%s earn · %s redeem · %s edit · %s history · %s replace card · %s clear · scan the next card any time",
		k.Lookup.Earn.Help().Key, k.Lookup.Redeem.Help().Key, k.Lookup.Edit.Help().Key, k.Lookup.Balance.Help().Key, k.Lookup.Replace.Help().Key, k.Global.Back.Help().Key)
}

// balancesWidth keeps the balances beside the details at every width, so a
// cashier sees them without scrolling; the box is as wide as its content
// needs, so the details (note, e-mail) get the rest.
func (m *Model) balancesWidth(c apiclient.Customer) int {
	return min(m.balancesNeed(c)+4, max(m.width*55/100, 44), 72) // + border and padding
}

// balancesNeed is the width the balances take uncut: each campaign's
// name, kind and balance on a line, and the rewards line under it (in its
// short form: the check mark says "available").
func (m *Model) balancesNeed(c apiclient.Customer) int {
	need := lipgloss.Width("Not enrolled in any campaign yet.")
	for _, b := range c.Campaigns {
		camp := m.campaignOf(b)
		kind := camp.Type.Name()
		if camp.Inactive {
			kind += ", inactive"
		}
		need = max(need, lipgloss.Width(ui.Sanitize(camp.Name)+" · "+kind)+1+lipgloss.Width(camp.Format(b.Balance)),
			2+lipgloss.Width(m.rewardText(camp, b.Balance, "")))
	}
	return need
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
	type line struct {
		label, value string
		whole        bool // an identifier: wrapped, never cut
	}
	var lines []line
	add := func(name, label, value string, whole bool) {
		d, ok := m.fields[name]
		if ok && !d.Show {
			return // the merchant hides it
		}
		if ok {
			label = ui.Sanitize(d.Title())
		}
		lines = append(lines, line{label, value, whole})
	}
	field := func(name, label, value string) { add(name, label, value, false) }
	identifier := func(name, label, value string) { add(name, label, value, true) }
	identifier("card_number", "Card", c.CardNumber)
	identifier("code", "Code", c.Code)
	identifier(apiclient.FPhone, "Phone", c.Phone)
	identifier(apiclient.FEmail, "Email", c.Email)
	lines = append(lines, line{"Address", m.address(c), false})
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
	labels := make([]string, len(lines))
	for i, l := range lines {
		labels[i] = l.label
	}
	lw := labelWidth(labels, w, ui.Sanitize(c.Email), ui.Sanitize(c.CustomField))
	out := make([]string, len(lines))
	for i, l := range lines {
		if l.whole {
			out[i] = ui.FieldWrapped(m.c.Styles, l.label, l.value, lw, w)
		} else {
			out[i] = ui.Truncate(ui.Field(m.c.Styles, l.label, l.value, lw), w)
		}
	}
	return strings.Join(out, "\n")
}

// labelWidth is as wide as the longest label shown, within bounds, and
// narrower still (labels cut) when the e-mail or the note would otherwise
// be cut: those get the width before the labels' padding does.
func labelWidth(labels []string, w int, first ...string) int {
	lw := minLabelWidth
	for _, l := range labels {
		lw = max(lw, lipgloss.Width(l))
	}
	lw = min(lw, maxLabelWidth, w/2-1)
	need := 0
	for _, v := range first {
		need = max(need, lipgloss.Width(v))
	}
	if lw+1+need > w {
		lw = max(w-1-need, min(minLabelWidth, lw))
	}
	return lw
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
