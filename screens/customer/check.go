package customer

import (
	"errors"
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	"loyaltydesk/ui"
)

// outcomeCheck is the look at the server after a save whose answer was
// lost: the save may have landed, so the form says so and asks the server
// rather than claim "not saved".
type outcomeCheck struct {
	running  bool
	err      error // the check itself failed: still unknown
	notThere bool  // the server does not have the change
}

// checkedMsg is what the server holds after the lost answer.
type checkedMsg struct {
	id    int64
	job   saveJob
	cust  apiclient.Customer
	found bool
	err   error
}

var errRenamed = errors.New("the customer is not found by its code any more (the save may have given a new code)")

// checkCmd looks the customer up by the code the save was sent with.
func (m *Model) checkCmd(j saveJob) tea.Cmd {
	api, ctx, id := m.c.API, m.c.Ctx, m.id
	return func() tea.Msg {
		cust, err := api.CustomerInfo(ctx, apiclient.CustomerQuery{Code: j.req.Code, NoBalances: true})
		if errors.Is(err, apiclient.ErrNotFound) {
			err = nil
			if j.req.Action == apiclient.ActionEdit {
				err = errRenamed
			}
		}
		return checkedMsg{id: id, job: j, cust: cust, found: err == nil && cust.Code != "", err: err}
	}
}

// startCheck follows a save that may or may not have landed.
func (m *Model) startCheck(o saveOutcome) tea.Cmd {
	m.check = outcomeCheck{running: true}
	return tea.Batch(m.checkCmd(o.job), ui.SetStatus(ui.StatusWarning, "May have been saved — checking…"))
}

func (m *Model) applyChecked(c checkedMsg) tea.Cmd {
	m.check = outcomeCheck{}
	switch {
	case c.err != nil:
		m.check.err = c.err
		return ui.SetStatus(ui.StatusWarning, "May have been saved: could not check ("+ui.Describe(c.err)+").")
	case landed(c):
		m.c.Log.Info("customer save landed though its answer was lost", "code", c.cust.Code)
		return m.saved(landedResult(c))
	}
	m.check.notThere = true
	return ui.SetStatus(ui.StatusError, "Not saved: the server does not have this change.")
}

// landed: the server holds what the save sent.
func landed(c checkedMsg) bool {
	r := c.job.req
	if !c.found {
		return false
	}
	if r.Action == apiclient.ActionNew {
		return true // the code was new (generated, or checked free before sending)
	}
	have := valuesOf(c.cust)
	for k, v := range r.Fields {
		if k == apiclient.FPIN || k == apiclient.FPassword {
			continue // never read back
		}
		if strings.TrimSpace(have[k]) != strings.TrimSpace(v) {
			return false
		}
	}
	switch {
	case r.CardNumber != "" && c.cust.CardNumber != r.CardNumber:
		return false
	case r.CardNumberGenerate > 0 && c.cust.CardNumber == c.job.originalCard:
		return false
	}
	return true
}

func landedResult(c checkedMsg) apiclient.SaveCustomerResult {
	res := apiclient.SaveCustomerResult{Status: "update", Code: c.cust.Code}
	if c.job.req.Action == apiclient.ActionNew {
		res.Status = "new"
	}
	if c.job.req.CardNumberGenerate > 0 {
		res.CardNumber = c.cust.CardNumber
	}
	return res
}

// checkLine is the form's line about a save of unknown outcome, if any.
func (m *Model) checkLine() (string, bool) {
	st, keys := m.c.Styles, m.c.Keys.Form
	retry := keys.Retry.Help().Key
	switch {
	case m.check.running:
		return st.Warning.Render(m.spin.View() + " May have been saved — checking…"), true
	case m.check.err != nil:
		return st.Warning.Render("? May have been saved: could not check (") + sentence(ui.Describe(m.check.err)) +
			st.Warning.Render(")") + " " + st.Faint.Render(fmt.Sprintf(
			"Everything you typed is still here; %s checks again and saves only what is missing.", retry)), true
	case m.check.notThere:
		return st.Error.Render("✗ Not saved: ") + sentence(ui.Describe(m.saveErr)) + " " +
			st.Faint.Render("Checked: the server does not have it.") + " " + m.retryAdvice(retry, keys.Save.Help().Key), true
	}
	return "", false
}
