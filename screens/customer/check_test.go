package customer

import (
	"errors"
	"io"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
	"loyaltydesk/ui"
	"loyaltydesk/ui/uitest"
)

// After a lost answer the form does not claim "not saved": it says the
// save may have landed and that it is checking, then what the server says.
func TestLostAnswerSaysMaybeThenTheTruth(t *testing.T) {
	lost := &apiclient.TransportError{Op: "save customer", Err: io.ErrUnexpectedEOF}
	job := saveJob{req: apiclient.SaveCustomerRequest{Action: apiclient.ActionEdit, Code: "C1",
		Fields: map[string]string{apiclient.FFirstName: "Ann"}}}
	for name, c := range map[string]struct {
		checked checkedMsg
		want    string
	}{
		"landed":       {checkedMsg{found: true, cust: apiclient.Customer{Code: "C1", FirstName: "Ann"}}, "Customer updated · code C1"},
		"not there":    {checkedMsg{found: true, cust: apiclient.Customer{Code: "C1", FirstName: "Bob"}}, "Not saved: the server does not have this change"},
		"cannot check": {checkedMsg{err: &apiclient.TransportError{Op: "customer info", Err: errors.New("connection refused")}}, "May have been saved: could not check"},
	} {
		m := New(uitest.NewCommon(t, "http://127.0.0.1:1"), apiclient.Customer{Code: "C1", FirstName: "Bob"}).(*Model)
		m.SetSize(100, 40)
		cmd := m.applySaved(saveOutcome{id: m.id, sent: true, err: lost, job: job})
		require.NotNil(t, cmd)
		view := m.View()
		require.Contains(t, view, "May have been saved — checking…", name)
		require.NotContains(t, view, "Not saved", name)

		c.checked.id, c.checked.job = m.id, job
		_, cmd = m.Update(c.checked)
		require.Contains(t, m.View()+statusOf(cmd), c.want, name)
	}
}

// statusOf runs cmd (a batch too) and returns the status lines it sets.
func statusOf(cmd tea.Cmd) string {
	if cmd == nil {
		return ""
	}
	var out []string
	switch msg := cmd().(type) {
	case ui.StatusMsg:
		out = append(out, msg.Text)
	case tea.BatchMsg:
		for _, c := range msg {
			out = append(out, statusOf(c))
		}
	}
	return strings.Join(out, "\n")
}
