package dashboard

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"loyaltydesk/apiclient"
	"loyaltydesk/ui"
)

// activityView draws one sparkline per campaign, a day per cell, each
// scaled to its own busiest day and labelled with min, max and total, so it
// reads without colour; the dates run along an axis underneath.
func (m *Model) activityView(w, h int) string {
	st := m.c.Styles
	acts := m.data.CampaignActivity
	title := fmt.Sprintf("Activity — transactions per day, last %d days", m.shown.CampaignsPerDayActivity)
	if len(acts) == 0 {
		return st.Subtitle.Render(ui.Truncate(title, w)) + "\n" + st.Faint.Render("No campaign activity.")
	}
	nameW := 8
	for _, a := range acts {
		nameW = max(nameW, lipgloss.Width(ui.Sanitize(a.Name)))
	}
	nameW = min(nameW, 22, w/4)
	days := 0
	for _, a := range acts {
		days = max(days, len(a.Days))
	}
	// The stats of all days are at least as wide as those of the days shown.
	statsW := 0
	for _, a := range acts {
		statsW = max(statsW, len(statsText(a.Days)))
	}
	sparkW := w - nameW - 1
	showStats := sparkW-statsW-2 >= min(days, 14)
	if showStats {
		sparkW -= statsW + 2
	}
	shown := min(days, sparkW)
	if shown < days {
		title += fmt.Sprintf(" (%d fit)", shown)
	}
	lines := []string{st.Subtitle.Render(ui.Truncate(title, w))}
	room := max(h-2, 1)
	for i, a := range acts {
		if i == room-1 && len(acts) > room {
			lines = append(lines, st.Faint.Render(fmt.Sprintf("+%d more campaigns; a taller window shows them", len(acts)-i)))
			break
		}
		line := pad(ui.Sanitize(a.Name), nameW) + " " + st.Bar.Render(pad(spark(lastDays(a.Days, shown)), shown))
		if showStats {
			line += "  " + st.Faint.Render(statsText(lastDays(a.Days, shown)))
		}
		lines = append(lines, line)
	}
	if h >= 3 {
		lines = append(lines, strings.Repeat(" ", nameW+1)+st.Faint.Render(axis(lastDays(acts[0].Days, shown), shown)))
	}
	return strings.Join(lines, "\n")
}

func lastDays(days []apiclient.DayCount, n int) []apiclient.DayCount {
	return days[max(len(days)-n, 0):]
}

func statsText(days []apiclient.DayCount) string {
	lo, hi, total := summarise(days)
	return fmt.Sprintf("min %d  max %d  total %s", lo, hi, group(total))
}

func summarise(days []apiclient.DayCount) (lo, hi, total int) {
	for i, d := range days {
		if i == 0 || d.Quantity < lo {
			lo = d.Quantity
		}
		hi = max(hi, d.Quantity)
		total += d.Quantity
	}
	return lo, hi, total
}

var blocks = []rune("▁▂▃▄▅▆▇█")

// spark draws one cell per day: · for none, else a block from ▁ to █ in
// proportion to the busiest day shown (rounded up, so any activity shows).
func spark(days []apiclient.DayCount) string {
	_, hi, _ := summarise(days)
	var b strings.Builder
	for _, d := range days {
		if d.Quantity <= 0 || hi <= 0 {
			b.WriteRune('·')
			continue
		}
		level := (d.Quantity*len(blocks) + hi - 1) / hi
		b.WriteRune(blocks[min(max(level, 1), len(blocks))-1])
	}
	return b.String()
}

// axis labels the first and last day under a chart n cells wide:
// "05-10 ──── 30 days ──── 06-08".
func axis(days []apiclient.DayCount, n int) string {
	if len(days) == 0 {
		return ""
	}
	first, last := shortDate(days[0].Date), shortDate(days[len(days)-1].Date)
	if n < len(first)+len(last)+2 {
		return ui.Truncate(first, n)
	}
	middle := fmt.Sprintf(" %d days ", len(days))
	gap := n - len(first) - len(last) - 2
	if gap < len(middle)+2 {
		return first + strings.Repeat(" ", gap+2) + last
	}
	left := (gap - len(middle)) / 2
	return first + " " + strings.Repeat("─", left) + middle + strings.Repeat("─", gap-len(middle)-left) + " " + last
}

// shortDate turns 2013-05-10 into 05-10.
func shortDate(d string) string {
	if len(d) == 10 && d[4] == '-' {
		return d[5:]
	}
	return ui.Sanitize(d)
}

// rowCodes are the customer codes of the rows of the selected panel's
// table, in order.
func (m *Model) rowCodes() []string {
	if m.data == nil {
		return nil
	}
	var codes []string
	switch m.panel {
	case panelMostActive:
		for _, c := range m.data.MostActive {
			codes = append(codes, c.Code)
		}
	case panelLastTransactions:
		for _, t := range m.data.LastTransactions {
			codes = append(codes, t.Code)
		}
	case panelLastCustomers:
		for _, c := range m.data.LastCustomers {
			codes = append(codes, c.Code)
		}
	}
	return codes
}

// table draws a titled table in at most h lines, the title saying when
// rows did not fit. The table of the selected panel shows its selected
// row, scrolled into view.
func (m *Model) table(p panel, title string, cols []ui.Column, rows [][]string, w, h int, empty string) string {
	st := m.c.Styles
	room := h - 2
	if len(rows) > room && room > 0 {
		title += fmt.Sprintf(" — %d of %d shown", room, len(rows))
	}
	selected, start := -1, 0
	if p == m.panel && room > 0 {
		selected = min(m.row, max(len(rows)-1, 0))
		start = max(0, selected-room+1)
		selected -= start
	}
	head := st.Subtitle.Render(ui.Truncate(title, w))
	switch {
	case h < 3:
		return head
	case len(rows) == 0:
		return head + "\n" + st.Faint.Render(empty)
	}
	return head + "\n" + ui.Table(st, cols, rows[start:min(len(rows), start+room)], w, selected)
}

func fullName(first, last string) string {
	return strings.TrimSpace(first + " " + last)
}

func (m *Model) mostActiveView(w, h int) string {
	cols := []ui.Column{
		{Title: "#", Min: 3, Right: true, Keep: 1},
		{Title: "Customer", Min: 14, Weight: 3, Keep: 5},
		{Title: "Card", Min: 8, Weight: 1, Keep: 2},
		{Title: "Transactions", Min: 12, Right: true, Keep: 4},
	}
	rows := make([][]string, len(m.data.MostActive))
	for i, c := range m.data.MostActive {
		rows[i] = []string{fmt.Sprint(i + 1), fullName(c.FirstName, c.LastName), c.CardNumber, group(c.Transactions)}
	}
	title := fmt.Sprintf("Most active customers (top %d)", m.shown.MostActive)
	return m.table(panelMostActive, title, cols, rows, w, h, "No customer has transactions yet.")
}

func (m *Model) lastTransactionsView(w, h int) string {
	cols := []ui.Column{
		{Title: "Date", Min: 10, Keep: 4},
		{Title: "Customer", Min: 12, Weight: 2, Keep: 6},
		{Title: "Campaign", Min: 10, Weight: 2, Keep: 3},
		{Title: "Amount", Min: 7, Right: true, Keep: 5, Whole: true},
		{Title: "Kind", Min: 6, Keep: 2},
		{Title: "Item / description", Min: 12, Weight: 3, Keep: 1},
		{Title: "By", Min: 6, Weight: 1},
	}
	rows := make([][]string, len(m.data.LastTransactions))
	for i, t := range m.data.LastTransactions {
		kind := "earn"
		if t.Redeemed {
			kind = "redeem"
		}
		desc := strings.TrimSpace(strings.TrimSpace(t.Item) + " " + strings.TrimSpace(t.Description))
		rows[i] = []string{t.Date, fullName(t.FirstName, t.LastName), t.CampaignName, groupedAmount(t.Amount), kind, desc, t.User}
	}
	return m.table(panelLastTransactions, fmt.Sprintf("Last %d transactions", m.shown.LastXTransactions), cols, rows, w, h, "No transactions yet.")
}

func (m *Model) lastCustomersView(w, h int) string {
	cols := []ui.Column{
		{Title: "Joined", Min: 19, Keep: 3},
		{Title: "Customer", Min: 14, Weight: 3, Keep: 4},
		{Title: "Card", Min: 8, Weight: 1, Keep: 2},
		{Title: "Code", Min: 16, Keep: 1},
	}
	rows := make([][]string, len(m.data.LastCustomers))
	for i, c := range m.data.LastCustomers {
		rows[i] = []string{c.TimeStamp, fullName(c.FirstName, c.LastName), c.CardNumber, c.Code}
	}
	return m.table(panelLastCustomers, fmt.Sprintf("Last %d customers", m.shown.LastXCustomers), cols, rows, w, h, "No customers yet.")
}

// groupedAmount writes the server's amount as the lookup and the till do
// ("1,750"); text that is not a number is shown as it came.
func groupedAmount(s string) string {
	if a, ok := apiclient.ParseAmount(s); ok {
		return a.Grouped()
	}
	return s
}
