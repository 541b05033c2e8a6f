package till

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	core "loyaltydesk/till"
	"loyaltydesk/ui"
	"loyaltydesk/ui/form"
)

// redeemRow is one line of the redeem list: a reward, or a custom amount.
type redeemRow struct {
	reward    *apiclient.Reward
	custom    string // fPoints or fAmount for the custom rows
	label     string
	reachable bool
	level     core.Cents
}

// openRedeem shows the rewards (points, events, buyx) or asks the amount
// to spend (giftcard, earned).
func (m *Model) openRedeem() tea.Cmd {
	if m.camp.Balance == "" {
		m.fail("The balance is not known offline, so nothing can be redeemed now; try again when the server answers.", stepPick)
		return nil
	}
	if m.camp.Type.Money() {
		return m.openAmount(fAmount)
	}
	m.step, m.back, m.message, m.cursor = stepRewards, stepRewards, "", 0
	m.rows = m.redeemRows()
	return nil
}

func (m *Model) balance() core.Cents {
	b, _ := apiclient.ParseAmount(m.camp.Balance)
	return b
}

func (m *Model) redeemRows() []redeemRow {
	bal := m.balance()
	var rows []redeemRow
	for i := range m.data.rewards {
		r := &m.data.rewards[i]
		level, ok := apiclient.ParseAmount(r.Level)
		if !ok {
			continue
		}
		rows = append(rows, redeemRow{reward: r, label: ui.Sanitize(r.Description), level: level, reachable: bal >= level})
	}
	if m.camp.Type == apiclient.CampaignPoints {
		rows = append(rows, redeemRow{custom: fPoints, label: "Custom number of points…", reachable: true},
			redeemRow{custom: fAmount, label: "Custom amount of money…", reachable: true})
	}
	return rows
}

func (m *Model) rewardKey(k tea.KeyMsg) tea.Cmd {
	return m.listKey(k, len(m.rows), m.pickRow, m.leave)
}

// pickRow asks to confirm a reward the balance reaches; one it does not
// reach is refused here, before anything is sent.
func (m *Model) pickRow(i int) tea.Cmd {
	if i >= len(m.rows) {
		return nil
	}
	m.cursor = i
	row := m.rows[i]
	if row.custom != "" {
		return m.openAmount(row.custom)
	}
	if !row.reachable {
		m.message = fmt.Sprintf("%s has %s; %s needs %s.", m.customerName(), m.units(m.balance()), row.label, m.units(row.level))
		return nil
	}
	a := m.newAction(core.Redeem)
	a.RewardID, a.RewardName, a.What = row.reward.ID, row.label, row.label+" ("+m.units(row.level)+")"
	m.askConfirm(a, stepRewards)
	return nil
}

// openAmount asks for custom points, custom money or a gift-card spend.
func (m *Model) openAmount(which string) tea.Cmd {
	label, hint := "Amount", "12.50 or 12,50"
	switch {
	case which == fPoints:
		label, hint = "Points", "how many points to take"
	case m.camp.Type == apiclient.CampaignGiftCard:
		label = "Spend"
	}
	f := amountField(label, true, hint)
	f.Key = which
	m.step, m.message = stepAmount, ""
	if len(m.rows) == 0 {
		m.back = stepAmount
	}
	m.form = form.New(m.c.Styles, m.c.Keys, []form.Field{f})
	m.form.SetSize(m.width-4, m.formHeight())
	return m.form.Init()
}

// confirmAmount refuses an amount above the balance, then asks.
func (m *Model) confirmAmount() tea.Cmd {
	ok, cmd := m.form.Validate()
	if !ok {
		return cmd
	}
	a := m.newAction(core.Redeem)
	if m.form.Has(fPoints) {
		pts, _ := core.ParseAmount(m.form.Value(fPoints))
		if pts%apiclient.OneUnit != 0 {
			m.form.SetError(fPoints, "whole points only")
			return nil
		}
		if pts > m.balance() {
			m.form.SetError(fPoints, fmt.Sprintf("more than the balance (%s)", m.units(m.balance())))
			return nil
		}
		a.Points, a.What = pts, m.units(pts)
	} else {
		amt, _ := core.ParseAmount(m.form.Value(fAmount))
		if m.camp.Type.Money() && amt > m.balance() {
			m.form.SetError(fAmount, fmt.Sprintf("more than the balance (%s)", m.units(m.balance())))
			return nil
		}
		a.Amount, a.What = amt, m.money(amt)
	}
	m.askConfirm(a, stepAmount)
	return nil
}

func (m *Model) askConfirm(a core.Action, back step) {
	m.action, m.back, m.step = a, back, stepConfirm
	m.message = fmt.Sprintf("Redeem %s from %s for %s?", a.What, ui.Sanitize(a.CampaignName), ui.Sanitize(nameOr(a.CustomerName, a.CustomerCode)))
}

// describe names an action for a question: what, campaign, customer.
func describe(a core.Action) string {
	what := a.What
	if a.Kind == core.Redeem { // "$3.75" alone could be a load: say it was taken off
		what = "redemption of " + what
	}
	return fmt.Sprintf("%s in %s for %s", what, ui.Sanitize(a.CampaignName), ui.Sanitize(nameOr(a.CustomerName, a.CustomerCode)))
}

func nameOr(name, code string) string {
	if name != "" {
		return name
	}
	return "customer " + code
}

func (m *Model) customerName() string {
	return ui.Sanitize(nameOr(m.customer.FullName(), m.customer.Code))
}

// units writes an amount with the campaign's unit or currency.
func (m *Model) units(c core.Cents) string {
	return formatUnits(m.camp.Campaign, c)
}

// formatUnits is the lookup's way of writing a balance (apiclient's
// FormatAmount), so both say "1,074 points".
func formatUnits(camp apiclient.Campaign, c core.Cents) string {
	return camp.Format(apiclient.Amount(c).Money())
}
