package till

import (
	"context"
	"errors"
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	core "loyaltydesk/till"
	"loyaltydesk/ui"
)

// Voider undoes a recorded action (core.API is one).
type Voider interface {
	Void(ctx context.Context, a core.Action) error
}

type sentMsg struct {
	owner    *Model
	action   core.Action
	result   core.Result
	voided   bool
	voidErr  error
	queued   bool
	kept     bool // the cashier chose to keep it for later (keepForLater)
	queueErr error
	waiting  int
	after    *apiclient.Customer
	afterErr error
}

// send carries out the action once; an unknown outcome is looked up before
// the panel says anything (core.Perform).
func (m *Model) send() tea.Cmd {
	m.step, m.message = stepSending, "Sending "+m.action.What+"…"
	svc := m.svc
	return m.perform(func(ctx context.Context, a core.Action) core.Result { return core.Perform(ctx, svc, a) })
}

// resend sends the action again after a lost answer: core.Resend looks for
// its reference once more first, at the moment of sending (a server still
// at work on the lost request may have recorded it since).
func (m *Model) resend() tea.Cmd {
	svc, settle := m.svc, m.term.Settle
	m.step, m.message = stepSending, "Looking again for "+m.action.Ref+" in the history before sending…"
	if core.Settling(m.action.LostAt, settle) {
		m.message = "Giving the server a few seconds to finish the lost request, then looking for " + m.action.Ref + " in the history before sending…"
	}
	return m.perform(func(ctx context.Context, a core.Action) core.Result { return core.Resend(ctx, svc, a, settle) })
}

// perform runs do in a command; an earn that cannot reach the server goes
// into the outbox there, committed before the panel hears of it; a
// recorded action's customer is read again.
func (m *Model) perform(do func(context.Context, core.Action) core.Result) tea.Cmd {
	ctx, api, term, a, owner := m.c.Ctx, m.c.API, m.term, m.action, m
	return func() tea.Msg {
		msg := sentMsg{owner: owner, action: a, result: do(ctx, a)}
		if !msg.result.LostAt.IsZero() {
			a.LostAt = msg.result.LostAt // kept with the action, queued or not
			msg.action = a
		}
		switch r := msg.result; {
		case r.Outcome == core.Done || r.Outcome == core.LandedAfterAll:
			msg.after, msg.afterErr = reread(ctx, api, a)
		case r.Offline() && a.Kind == core.Earn:
			msg.queued, msg.queueErr, msg.waiting = enqueue(term, a)
		}
		return msg
	}
}

// canKeep: an earn the history shows not recorded after a lost answer may
// wait in the outbox instead of being sent again now. A redemption never
// waits: the reward may be gone by the time it is sent.
func (m *Model) canKeep() bool {
	return m.step == stepUncertain && m.result.Outcome == core.NotLanded && m.action.Kind == core.Earn
}

// keepForLater puts the earn into the outbox: it goes out in the
// background, looked for by its reference first like any queued earn, and
// the cashier serves the next customer.
func (m *Model) keepForLater() tea.Cmd {
	term, a, owner, r := m.term, m.action, m, m.result
	m.step, m.message = stepSending, "Keeping "+a.What+" for later…"
	return func() tea.Msg {
		msg := sentMsg{owner: owner, action: a, result: r, kept: true}
		msg.queued, msg.queueErr, msg.waiting = enqueue(term, a)
		return msg
	}
}

func enqueue(term *core.Terminal, a core.Action) (bool, error, int) {
	if term.Outbox == nil {
		err := term.OutboxErr
		if err == nil {
			err = errors.New("this till has no queue")
		}
		return false, err, 0
	}
	if err := term.Outbox.Add(a); err != nil {
		return false, err, 0
	}
	return true, nil, term.Outbox.Count()
}

func reread(ctx context.Context, api *apiclient.Client, a core.Action) (*apiclient.Customer, error) {
	q := apiclient.CustomerQuery{Code: a.CustomerCode}
	if q.Code == "" {
		q.CardNumber = a.CardNumber
	}
	c, err := api.CustomerInfo(ctx, q)
	if err != nil {
		return nil, err
	}
	return &c, nil
}

func (m *Model) sendVoid() tea.Cmd {
	m.step, m.message = stepSending, "Voiding "+m.action.What+"…"
	v, _ := m.svc.(Voider)
	ctx, api, a, owner := m.c.Ctx, m.c.API, m.action, m
	return func() tea.Msg {
		msg := sentMsg{owner: owner, action: a, voided: true}
		if v == nil {
			msg.voidErr = errors.New("voiding is not available")
			return msg
		}
		if msg.voidErr = v.Void(ctx, a); msg.voidErr == nil {
			msg.after, msg.afterErr = reread(ctx, api, a)
		}
		return msg
	}
}

func (m *Model) applySent(msg sentMsg) tea.Cmd {
	a, r := msg.action, msg.result
	if !msg.voided {
		m.action = a // with the time its answer was lost, for a resend
	}
	m.conn = &ConnState{}
	switch {
	case msg.voided && ui.Offline(msg.voidErr):
		m.conn.Err = msg.voidErr
	case !msg.voided && (r.Outcome == core.NotSent || r.Outcome == core.Unknown):
		m.conn.Err = r.Err
	}
	if msg.voided {
		return m.applyVoided(msg)
	}
	if msg.kept {
		return m.applyKept(msg)
	}
	switch r.Outcome {
	case core.Done, core.LandedAfterAll:
		m.term.SetLast(a)
		summary := m.changeSummary(a, msg.after, msg.afterErr)
		if r.Outcome == core.LandedAfterAll {
			summary += " (answer lost; the history shows it recorded once)"
		}
		m.close(Outcome{Summary: summary, Kind: ui.StatusSuccess, Customer: msg.after})
	case core.Refused:
		m.fail(refusal(a, r.Err), m.back)
	case core.NotSent, core.Unknown:
		m.offline(msg)
	case core.NotLanded:
		m.result, m.step = r, stepUncertain
		m.message = fmt.Sprintf("The answer was lost. %s is not among %s's last transactions: the %s was NOT recorded so far. Press %s to send it again: the history is looked at once more first, so it is never recorded twice.",
			a.Ref, ui.Sanitize(nameOr(a.CustomerName, a.CustomerCode)), a.What, m.c.Keys.Till.Resend.Help().Key)
	}
	return nil
}

func (m *Model) applyKept(msg sentMsg) tea.Cmd {
	a := msg.action
	if !msg.queued {
		m.result, m.step = msg.result, stepUncertain
		m.message = fmt.Sprintf("It could not be kept for later (%s): the %s is still NOT recorded. Press %s to send it again.",
			ui.Describe(msg.queueErr), a.What, m.c.Keys.Till.Resend.Help().Key)
		return nil
	}
	m.close(Outcome{Kind: ui.StatusInfo, Summary: fmt.Sprintf("Kept for later: %s for %s (%d waiting) — it goes out, checked by its reference first, in the background.",
		a.What, ui.Sanitize(nameOr(a.CustomerName, a.CustomerCode)), msg.waiting)})
	return nil
}

// offline handles a server that could not be reached, or whose history
// could not be read after a lost answer.
func (m *Model) offline(msg sentMsg) {
	a, r := msg.action, msg.result
	switch {
	case msg.queued:
		why := "the server cannot be reached"
		if r.Outcome == core.Unknown {
			why = fmt.Sprintf("the answer was lost and the history could not be read to check it (%s), so nothing was sent again", ui.Describe(r.CheckErr))
		}
		m.close(Outcome{Kind: ui.StatusInfo, Summary: fmt.Sprintf("Queued offline: %s for %s (%d waiting) — %s; it goes out, checked by its reference, once the server answers.",
			a.What, ui.Sanitize(nameOr(a.CustomerName, a.CustomerCode)), msg.waiting, why)})
	case a.Kind == core.Earn:
		m.fail(fmt.Sprintf("%s The %s could not be queued either (%s); write it down.", ui.Describe(r.Err), a.What, msg.queueErr), m.back)
	case r.Outcome == core.NotSent:
		m.fail(noRedeemWithout(r.Err), m.back)
	default:
		m.result, m.step = r, stepUncertain
		m.message = fmt.Sprintf("The answer was lost and the history could not be read to check it (%s): the redemption may have been made, and nothing was sent again. Press %s to look again; do not redeem again before.",
			ui.Describe(r.CheckErr), m.c.Keys.Till.Recheck.Help().Key)
	}
}

func (m *Model) applyVoided(msg sentMsg) tea.Cmd {
	a := msg.action
	switch {
	case errors.Is(msg.voidErr, core.ErrNotInHistory):
		m.term.ForgetLast(a.Ref)
		m.fail("Nothing to void: "+core.ErrNotInHistory.Error()+".", stepConfirm)
	case msg.voidErr != nil:
		m.fail("The void did not go through: "+ui.Describe(msg.voidErr), stepConfirm)
	default:
		m.term.ForgetLast(a.Ref)
		summary := "Voided " + describe(a)
		if msg.after != nil {
			if b, ok := campaignOf(*msg.after, a.CampaignID); ok {
				summary += " → " + formatUnits(b.Campaign, parse(b.Balance))
			}
		}
		m.close(Outcome{Summary: summary, Kind: ui.StatusSuccess, Customer: msg.after})
	}
	return nil
}

// noRedeemWithout words a redemption that cannot start: the server cannot
// be reached (or its rewards not read).
func noRedeemWithout(err error) string {
	if ui.Offline(err) {
		return "The server cannot be reached: nothing was redeemed. A redemption cannot wait for the connection (the balance is unknown offline); try again when it is back."
	}
	return "The rewards could not be read, so nothing was redeemed: " + ui.Describe(err)
}

// refusal words a server's no for the cashier.
func refusal(a core.Action, err error) string {
	var apiErr *apiclient.APIError
	verb := "record the " + a.What
	if a.Kind == core.Redeem {
		verb = "redeem " + a.What
	}
	if errors.As(err, &apiErr) {
		return ui.Sanitize(fmt.Sprintf("The server would not %s: %s. Nothing was changed.", verb, strings.TrimSuffix(apiErr.Message, ".")))
	}
	return "Nothing was changed: " + ui.Describe(err)
}

func campaignOf(c apiclient.Customer, id string) (apiclient.CampaignBalance, bool) {
	for _, b := range c.Campaigns {
		if b.ID == id {
			return b, true
		}
	}
	return apiclient.CampaignBalance{}, false
}

func parse(s string) core.Cents {
	c, _ := apiclient.ParseAmount(s)
	return c
}

// changeSummary is the one line after an action: "Jane Doe: +125 points →
// 1,074 · Free coffee now available".
func (m *Model) changeSummary(a core.Action, after *apiclient.Customer, afterErr error) string {
	who := ui.Sanitize(nameOr(a.CustomerName, a.CustomerCode))
	if after == nil {
		return fmt.Sprintf("%s: %s recorded (%s). The balance could not be read again: %s", who, a.What, a.Ref, ui.Describe(afterErr))
	}
	b, ok := campaignOf(*after, a.CampaignID)
	if !ok {
		return fmt.Sprintf("%s: %s recorded (%s).", who, a.What, a.Ref)
	}
	before, now := m.balance(), parse(b.Balance)
	delta := now - before
	sign := "+"
	if delta < 0 {
		sign = "−"
		delta = -delta
	}
	shown := now.Grouped() // "+125 points → 1,074"
	if b.Type.Money() {
		shown = formatUnits(b.Campaign, now)
	}
	line := fmt.Sprintf("%s: %s%s → %s", who, sign, formatUnits(b.Campaign, delta), shown)
	if note := m.rewardNote(a, before, now); note != "" {
		line += " · " + note
	}
	return line
}

// rewardNote says what the balance now reaches: a newly reached reward, the
// one redeemed, or what is missing to the next one.
func (m *Model) rewardNote(a core.Action, before, now core.Cents) string {
	if a.Kind == core.Redeem && a.RewardID != "" {
		return a.RewardName + " redeemed"
	}
	var fresh []string
	var next *apiclient.Reward
	var nextLevel core.Cents
	for i, r := range m.data.rewards {
		level, ok := apiclient.ParseAmount(r.Level)
		if !ok {
			continue
		}
		if level > before && level <= now {
			fresh = append(fresh, ui.Sanitize(r.Description))
		}
		if level > now && (next == nil || level < nextLevel) {
			next, nextLevel = &m.data.rewards[i], level
		}
	}
	switch {
	case len(fresh) > 0:
		return strings.Join(fresh, ", ") + " now available"
	case next != nil && a.Kind == core.Earn:
		return formatUnits(m.camp.Campaign, nextLevel-now) + " to " + ui.Sanitize(next.Description)
	}
	return ""
}
