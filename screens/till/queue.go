package till

import (
	"fmt"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	core "loyaltydesk/till"
	"loyaltydesk/ui"
)

// RetryEvery is how often the queue tries the server while earns wait.
const RetryEvery = 5 * time.Second

// Queue sends the earns the outbox holds once the server answers again,
// in order, each checked by its reference first. The lookup owns one and
// hands it every message.
type Queue struct {
	c        *ui.Common
	term     *core.Terminal
	svc      core.Service
	waiting  int
	draining bool
	retrying bool
}

type queueTickMsg struct{ q *Queue }

type queueDrainedMsg struct {
	q   *Queue
	rep core.DrainReport
}

// NewQueue returns the queue of the terminal (it does nothing without an
// outbox).
func NewQueue(c *ui.Common, term *core.Terminal) *Queue {
	return &Queue{c: c, term: term, svc: core.API{Client: c.API}}
}

// Waiting is how many earns wait, as of the last look.
func (q *Queue) Waiting() int { return q.waiting }

// Kick sends what waits now (after start-up, after an earn was queued,
// after the server answered).
func (q *Queue) Kick() tea.Cmd {
	if q.term == nil || q.term.Outbox == nil || q.draining {
		return nil
	}
	q.draining = true
	ob, svc, ctx := q.term.Outbox, q.svc, q.c.Ctx
	return func() tea.Msg { return queueDrainedMsg{q: q, rep: ob.Drain(ctx, svc)} }
}

// Update takes the queue's own messages; handled is false for others.
func (q *Queue) Update(msg tea.Msg) (cmd tea.Cmd, handled bool) {
	switch msg := msg.(type) {
	case queueTickMsg:
		if msg.q != q {
			return nil, false
		}
		q.retrying = false
		return q.Kick(), true
	case queueDrainedMsg:
		if msg.q != q {
			return nil, false
		}
		return q.applyDrained(msg.rep), true
	}
	return nil, false
}

func (q *Queue) applyDrained(rep core.DrainReport) tea.Cmd {
	q.draining, q.waiting = false, rep.Left
	var cmds []tea.Cmd
	if rep.Left > 0 && !q.retrying {
		q.retrying = true
		cmds = append(cmds, tea.Tick(RetryEvery, func(time.Time) tea.Msg { return queueTickMsg{q} }))
	}
	if rep.Stopped != nil {
		q.c.Log.Info("till queue waits", "left", rep.Left, "err", rep.Stopped)
		if ui.Offline(rep.Stopped) {
			cmds = append(cmds, ui.ReportConnection(rep.Stopped))
		}
	}
	if len(rep.Sent)+len(rep.Found)+len(rep.Refused) > 0 {
		cmds = append(cmds, ui.ReportConnection(nil)) // the server answered
	}
	if len(rep.Refused) > 0 {
		var parts []string
		for _, r := range rep.Refused {
			parts = append(parts, fmt.Sprintf("%s for %s (%s)", r.What, nameOr(r.CustomerName, r.CustomerCode), ui.Describe(r.Err)))
		}
		return tea.Batch(append(cmds, ui.SetStatus(ui.StatusError, "The server refused a queued earn: "+strings.Join(parts, "; ")))...)
	}
	if n := len(rep.Sent) + len(rep.Found); n > 0 {
		text := fmt.Sprintf("%s from the queue now recorded", ui.Plural(n, "earn", "earns"))
		if len(rep.Found) > 0 {
			text += fmt.Sprintf(" (%d had reached the server before and were not sent again)", len(rep.Found))
		}
		cmds = append(cmds, ui.SetStatus(ui.StatusSuccess, text+"."))
	}
	return tea.Batch(cmds...)
}

// View is the line the lookup shows while earns wait; "" when none.
func (q *Queue) View() string {
	if q.waiting == 0 {
		return ""
	}
	return q.c.Styles.Warning.Render(fmt.Sprintf("⧗ %s queued offline — sent, checked by reference, once the server answers",
		ui.Plural(q.waiting, "earn", "earns")))
}
