package till

import (
	"fmt"
	"strings"

	core "loyaltydesk/till"
	"loyaltydesk/ui"
)

// View draws the panel no wider than its width.
func (m *Model) View() string {
	st := m.c.Styles
	w := max(m.width, 30)
	var body []string
	body = append(body, st.Subtitle.Render(ui.Truncate(m.title(), w-4)))
	switch m.step {
	case stepPick:
		body = append(body, m.pickView(w-4)...)
	case stepRewards:
		body = append(body, m.rewardsView(w-4)...)
	case stepEarn, stepAmount:
		body = append(body, m.form.View())
		if m.loading {
			body = append(body, st.Faint.Render("loading the campaign's lists…"))
		}
	}
	if m.message != "" {
		body = append(body, m.messageView(w-4))
	}
	body = append(body, st.Faint.Render(ui.Truncate(m.hint(), w-4)))
	return st.FocusedBox.Width(w - 2).Render(strings.Join(body, "\n"))
}

func (m *Model) title() string {
	who := m.customerName()
	switch {
	case m.void:
		return "Void the last action of " + ui.Sanitize(m.term.Name)
	case m.step == stepPick && m.kind == core.Earn:
		return "Earn for " + who + " — which campaign?"
	case m.step == stepPick:
		return "Redeem for " + who + " — which campaign?"
	}
	verb := "Earn"
	if m.kind != core.Earn {
		verb = "Redeem"
	}
	bal := "balance not known offline"
	if m.camp.Balance != "" {
		bal = "balance " + m.units(m.balance())
	}
	return fmt.Sprintf("%s · %s (%s) · %s", verb, ui.Sanitize(m.camp.Name), m.camp.Type.Name(), bal)
}

func (m *Model) pickView(w int) []string {
	st := m.c.Styles
	var lines []string
	for i, b := range m.camps {
		line := fmt.Sprintf("%d  %-22s %-14s %s", i+1, ui.Truncate(ui.Sanitize(b.Name), 22), b.Type.Name(), formatUnits(b.Campaign, parse(b.Balance)))
		line = ui.Truncate(line, w-2)
		if i == m.cursor {
			lines = append(lines, st.Selected.Render("› "+line))
		} else {
			lines = append(lines, "  "+line)
		}
	}
	return lines
}

func (m *Model) rewardsView(w int) []string {
	st := m.c.Styles
	if len(m.rows) == 0 {
		if m.loading {
			return []string{st.Faint.Render("loading the rewards…")}
		}
		return []string{st.Faint.Render("This campaign has no rewards to redeem.")}
	}
	var lines []string
	for i, r := range m.rows {
		mark := "  "
		detail := ""
		if r.reward != nil {
			detail = m.units(r.level)
			if r.reachable {
				mark = "✓ "
			} else {
				detail += fmt.Sprintf(" (%s more)", m.units(r.level-m.balance()))
			}
		}
		line := ui.Truncate(fmt.Sprintf("%d %s%-28s %s", i+1, mark, ui.Truncate(r.label, 28), detail), w-2)
		if i == m.cursor {
			lines = append(lines, st.Selected.Render("› "+line))
		} else {
			lines = append(lines, "  "+line)
		}
	}
	return lines
}

func (m *Model) messageView(w int) string {
	st := m.c.Styles
	switch m.step {
	case stepFailed, stepUncertain:
		return st.Error.Render("✗ ") + st.Wrap(m.message, w-2)
	case stepConfirm:
		return st.Warning.Render(st.Wrap(m.message, w))
	}
	return st.Faint.Render(st.Wrap(m.message, w))
}

func (m *Model) hint() string {
	k := m.c.Keys
	back := k.Global.Back.Help().Key
	switch m.step {
	case stepPick:
		return "1–9 pick · " + k.Till.Record.Help().Key + " choose · " + back + " cancel"
	case stepRewards:
		return "1–9 pick a reward (✓ = the balance reaches it) · " + back + " back"
	case stepEarn:
		leave := " cancel"
		if len(m.camps) > 1 {
			leave = " other campaign"
		}
		return k.Till.Record.Help().Key + " record · " + k.Form.Next.Help().Key + " next field · " + back + leave
	case stepAmount:
		return k.Till.Record.Help().Key + " continue · " + back + " back"
	case stepConfirm:
		return k.Till.Confirm.Help().Key + " yes · " + back + " no"
	case stepSending:
		return "sending… (a balance change is never interrupted)"
	case stepUncertain:
		if m.result.Outcome == core.Unknown {
			return k.Till.Recheck.Help().Key + " look again · " + back + " close"
		}
		keep := ""
		if m.canKeep() {
			keep = " · " + k.Till.Queue.Help().Key + " keep for later"
		}
		return k.Till.Resend.Help().Key + " send again" + keep + " · " + back + " close"
	case stepFailed:
		if m.back == stepPick || m.void {
			return back + " close"
		}
		return k.Till.Record.Help().Key + " back to the form · " + back + " close"
	}
	return back + " close"
}
