package dashboard

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"

	"loyaltydesk/apiclient"
	"loyaltydesk/ui"
)

// Beside each other from this width on: the numbers and the chart.
const sideBySideTop = 150

// View draws the page within its size.
func (m *Model) View() string {
	w := m.width
	top := m.statusView(w)
	if m.data == nil {
		return ui.Fit(top, w, m.height)
	}
	top = ui.Fit(top, w, m.height)
	room := m.height - lineCount(top)
	if room <= 0 {
		return top
	}
	return top + "\n" + m.body(w, room)
}

// bodyCache keeps the drawn data between frames: the status line ages
// every second, the rest only changes with the data, the size or the panel.
type bodyCache struct {
	key  bodyKey
	body string
}

type bodyKey struct {
	data    *apiclient.Dashboard
	w, room int
	wide    bool
	panel   panel
	row     int
}

func (m *Model) body(w, room int) string {
	key := bodyKey{data: m.data, w: w, room: room, wide: m.wide, panel: m.panel, row: m.row}
	if m.cache.key == key && m.cache.body != "" {
		return m.cache.body
	}
	var body string
	if m.wide {
		body = m.wideView(w, room)
	} else {
		body = m.compactView(w, room)
	}
	m.cache = bodyCache{key: key, body: ui.Fit(body, w, max(room, 0))}
	return m.cache.body
}

// compactView is the numbers, then one panel chosen with tab.
func (m *Model) compactView(w, room int) string {
	numbers := m.numbersView(w)
	room -= lineCount(numbers)
	parts := []string{numbers}
	if room >= 8 {
		parts = append(parts, "")
		room--
	}
	parts = append(parts, m.tabsView(w))
	room--
	if room > 0 {
		parts = append(parts, m.panelView(m.panel, w, room))
	}
	return strings.Join(parts, "\n")
}

// wideView shows everything: the numbers and the chart (side by side when
// there is room), then the tables, two beside each other and the last
// transactions under them.
func (m *Model) wideView(w, room int) string {
	var top string
	if w >= sideBySideTop {
		left := (w - 2) / 2
		top = beside(m.numbersView(left), left, m.activityView(w-left-2, 12), w-left-2)
	} else {
		top = m.numbersView(w) + "\n\n" + m.activityView(w, 12)
	}
	room -= lineCount(top) + 2
	upper := room / 2
	lower := room - upper - 1
	left := w * 9 / 20
	tables := beside(m.mostActiveView(left, upper), left, m.lastCustomersView(w-left-2, upper), w-left-2)
	return strings.Join([]string{top, "", tables, "", m.lastTransactionsView(w, lower)}, "\n")
}

func (m *Model) panelView(p panel, w, h int) string {
	switch p {
	case panelMostActive:
		return m.mostActiveView(w, h)
	case panelLastTransactions:
		return m.lastTransactionsView(w, h)
	case panelLastCustomers:
		return m.lastCustomersView(w, h)
	}
	return m.activityView(w, h)
}

func (m *Model) tabsView(w int) string {
	st := m.c.Styles
	var b strings.Builder
	for p := range panelCount {
		if p > 0 {
			b.WriteString(st.Faint.Render(" │ "))
		}
		if p == m.panel {
			b.WriteString(ui.SelectedLine(st, p.name()))
		} else {
			b.WriteString(p.name())
		}
	}
	b.WriteString(st.Faint.Render("   " + m.c.Keys.Dashboard.NextPanel.Help().Key + " switches"))
	return ui.Truncate(b.String(), w)
}

// statusView says how fresh the data is: when it was fetched, whether a
// refresh is paused or running, and when the last one failed, why.
func (m *Model) statusView(w int) string {
	st := m.c.Styles
	switch {
	case m.data == nil && m.err == nil:
		return st.Faint.Render("Loading the dashboard…")
	case m.data == nil:
		return st.Wrap(st.Error.Render("✗ Could not load the dashboard.")+" "+ui.Describe(m.err)+" "+m.retryText(), w)
	case m.err != nil:
		head := st.Error.Render("STALE") + st.Warning.Render(fmt.Sprintf(" — showing data from %s (%s). ", clock(m.fetchedAt), ago(m.now.Sub(m.fetchedAt))))
		return st.Wrap(head+"Refresh failed: "+ui.Describe(m.err)+" "+m.retryText(), w)
	}
	line := st.Success.Render("● ") + fmt.Sprintf("updated %s, %s", clock(m.fetchedAt), ago(m.now.Sub(m.fetchedAt)))
	switch {
	case m.paused:
		line += st.Warning.Render(" · PAUSED") + st.Faint.Render(" ("+m.c.Keys.Dashboard.Pause.Help().Key+" resumes)")
	default:
		line += st.Faint.Render(" · every " + seconds(m.refreshInterval()))
	}
	if m.inFlight {
		line += st.Faint.Render(" · refreshing…")
	}
	return ui.Truncate(line, w)
}

func (m *Model) retryText() string {
	r := m.c.Keys.Dashboard.Refresh.Help().Key
	switch {
	case m.inFlight:
		return "Retrying now…"
	case m.paused || m.nextAt.IsZero():
		return "Paused; " + r + " retries."
	}
	return fmt.Sprintf("Next try in %s; %s retries now.", seconds(max(m.nextAt.Sub(m.now), 0)), r)
}

func clock(t time.Time) string { return t.Format("15:04:05") }

// ago words an age coarsely: "3 s ago", "4 min ago", "2 h ago".
func ago(d time.Duration) string {
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%d s ago", max(int(d.Round(time.Second)/time.Second), 0))
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d/time.Minute))
	}
	return fmt.Sprintf("%d h ago", int(d/time.Hour))
}

func seconds(d time.Duration) string {
	if d >= time.Minute && d%time.Minute == 0 {
		return fmt.Sprintf("%d min", int(d/time.Minute))
	}
	return fmt.Sprintf("%d s", int((d+time.Second-1)/time.Second))
}

// numbersView is the counts: customers, active campaigns, and this month
// against the same period of last month.
func (m *Model) numbersView(w int) string {
	st := m.c.Styles
	d := m.data
	var head []string
	if d.CustomerCount != nil {
		head = append(head, st.Label.Render("Customers ")+st.Title.Render(group(*d.CustomerCount)))
	}
	if d.ActiveCampaignsCount != nil {
		head = append(head, st.Label.Render("Active campaigns ")+st.Title.Render(group(*d.ActiveCampaignsCount)))
	}
	lines := []string{ui.Truncate(strings.Join(head, st.Faint.Render("   ·   ")), w)}
	cols := []ui.Column{
		{Title: "", Min: 13, Keep: 5}, {Title: "This month", Min: 10, Right: true, Whole: true, Keep: 4},
		{Title: "Same period last month", Min: 22, Right: true, Whole: true, Keep: 3}, {Title: "Change", Min: 16, Right: true, Whole: true, Keep: 2},
		{Title: "All last month", Min: 14, Right: true, Whole: true, Keep: 1},
	} // numbers and percentages are never cut: a column goes before a number is cut
	if w < 79 {
		cols = cols[:4]
		cols[2].Title, cols[2].Min = "Same per. last mo.", 18
	}
	var rows [][]string
	if s := d.Customers; s != nil {
		rows = append(rows, monthRow("New customers", *s))
	}
	if s := d.Transactions; s != nil {
		rows = append(rows, monthRow("Transactions", *s))
	}
	if len(rows) > 0 {
		lines = append(lines, ui.Table(st, cols, rows, min(w, 80), -1))
	}
	return strings.Join(lines, "\n")
}

func monthRow(label string, s apiclient.MonthSummary) []string {
	return []string{label, group(s.ThisMonth), group(s.SamePeriodLastMonth), change(s.ThisMonth, s.SamePeriodLastMonth), group(s.LastMonth)}
}

// change words the difference so that it reads without colour: an arrow,
// the signed count and the signed percentage.
func change(now, before int) string {
	diff := now - before
	arrow, sign := "▲", "+"
	switch {
	case diff < 0:
		arrow, sign = "▼", "-"
	case diff == 0:
		arrow, sign = "=", "±"
	}
	pct := "new"
	switch {
	case before != 0:
		pct = fmt.Sprintf("%s%.1f%%", sign, float64(abs(diff))*100/float64(before))
	case now == 0:
		pct = "—"
	}
	return fmt.Sprintf("%s %s%s (%s)", arrow, sign, group(abs(diff)), pct)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// group writes a count with thousands separators: 12,345.
func group(n int) string {
	s := fmt.Sprint(abs(n))
	var b strings.Builder
	if n < 0 {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// beside puts two blocks next to each other, the left one padded to lw.
func beside(left string, lw int, right string, rw int) string {
	l, r := strings.Split(left, "\n"), strings.Split(right, "\n")
	n := max(len(l), len(r))
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte('\n')
		}
		var ls, rs string
		if i < len(l) {
			ls = l[i]
		}
		if i < len(r) {
			rs = r[i]
		}
		b.WriteString(pad(ls, lw))
		b.WriteString("  ")
		b.WriteString(ui.Truncate(rs, rw))
	}
	return b.String()
}

// pad cuts or pads a (possibly styled) line to exactly w cells.
func pad(s string, w int) string {
	s = ui.Truncate(s, w)
	return s + strings.Repeat(" ", max(w-lipgloss.Width(s), 0))
}

func lineCount(s string) int { return strings.Count(s, "\n") + 1 }
