package customer_test

import (
	"bytes"
	"io"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/screens/customer"
	"loyaltydesk/screens/lookup"
	"loyaltydesk/ui"
	"loyaltydesk/ui/uitest"
)

func startFake(t *testing.T) (*fakeserver.Server, string) {
	t.Helper()
	fake := fakeserver.New(fakeserver.Options{Customers: 50})
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	return fake, srv.URL
}

func factories() map[ui.PageID]ui.PageFactory {
	return map[ui.PageID]ui.PageFactory{ui.PageLookup: lookup.New, ui.PageCustomer: customer.New}
}

// probe wraps the app so that a test can read the screen as it is now,
// from inside the program's own goroutine (no race with Update).
type probe struct {
	tea.Model
	views chan string
}

type viewRequest struct{}

func (p *probe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(viewRequest); ok {
		p.views <- p.Model.View()
		return p, nil
	}
	m, cmd := p.Model.Update(msg)
	p.Model = m
	return p, cmd
}

// session is a running app with the lookup and the customer form.
type session struct {
	*uitest.Harness
	p *probe
}

func start(t *testing.T, c *ui.Common, page ui.PageID, w, h int) *session {
	t.Helper()
	p := &probe{Model: ui.NewApp(c, factories(), page), views: make(chan string, 1)}
	return &session{Harness: uitest.Start(t, p, w, h), p: p}
}

// screen returns the whole screen as the app draws it now.
func (s *session) screen(t *testing.T) string {
	t.Helper()
	s.Send(viewRequest{})
	select {
	case v := <-s.p.views:
		return v
	case <-time.After(10 * time.Second):
		t.Fatal("the app did not answer the view request")
		return ""
	}
}

// eventually waits until the current screen satisfies cond.
func (s *session) eventually(t *testing.T, cond func(screen string) bool, what string) string {
	t.Helper()
	var last string
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if last = s.screen(t); cond(last) {
			return last
		}
		time.Sleep(10 * time.Millisecond) // polling the screen, not synchronising on time
	}
	t.Fatalf("%s: not on screen; the screen:\n%s", what, last)
	return ""
}

func (s *session) shows(t *testing.T, texts ...string) string {
	t.Helper()
	return s.eventually(t, func(sc string) bool {
		for _, x := range texts {
			if !strings.Contains(sc, x) {
				return false
			}
		}
		return true
	}, "waiting for "+strings.Join(texts, ", "))
}

// The fields of a new customer's form, in tab order, with the demo
// account's custom fields.
// The labels are the demo merchant's (manage_fields): phone is "Mobile"
// and required, custom_date is "Birthday"; Street 2 and Staff notes are
// hidden.
var newOrder = []string{
	"First name", "Last name", "Mobile", "Email",
	"Street", "City", "State", "Postal code", "Country",
	"Birthday", "Note", "Username", "Password", "PIN", "Email the owner",
	"Favourite product", "Marital status", "Anniversary", "Household size", "Cheese preferences",
	"Campaigns", "Sign-up bonus", "Code", "Card number", "Generate card",
}

// The fields of an edit: no enrolment; Code is read-only and skipped.
var editOrder = append(slices.Clone(newOrder[:20]), "New code", "Card number", "Generate card")

// tabTo moves the focus from one field to another with tab and checks it
// arrived.
func (s *session) tabTo(t *testing.T, order []string, from, to string) {
	t.Helper()
	i, j := slices.Index(order, from), slices.Index(order, to)
	require.True(t, i >= 0 && j >= 0, "%s → %s", from, to)
	for range (j - i + len(order)) % len(order) { // tab wraps round
		s.Key(tea.KeyTab)
	}
	s.shows(t, "› "+to)
}

func (s *session) clearField() { s.Send(tea.KeyMsg{Type: tea.KeyCtrlU}) }

// openNewForm opens the form from the lookup with F3 and waits for the
// account's custom fields.
func openNewForm(t *testing.T, s *session) {
	t.Helper()
	s.shows(t, "card / code")
	s.Key(tea.KeyF3)
	s.shows(t, "New customer", "Favourite product", "› First name")
}

func saveAndConfirm(t *testing.T, s *session, question string) {
	t.Helper()
	s.Key(tea.KeyCtrlS)
	s.shows(t, question)
	s.Type("y")
}

// lineAfter returns the line that follows the first line containing s.
func lineAfter(t *testing.T, screen, s string) string {
	t.Helper()
	lines := strings.Split(screen, "\n")
	for i, l := range lines {
		if strings.Contains(l, s) && i+1 < len(lines) {
			return lines[i+1]
		}
	}
	t.Fatalf("no line with %q in\n%s", s, screen)
	return ""
}

// syncBuffer is a log sink that the program's goroutines may share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// everything returns all the program drew, after it ended.
func (s *session) everything(t *testing.T) string {
	t.Helper()
	require.NoError(t, s.TM.Quit())
	rest, err := io.ReadAll(s.TM.FinalOutput(t, teatestTimeout()))
	require.NoError(t, err)
	return s.All() + string(rest)
}

func teatestTimeout() teatest.FinalOpt { return teatest.WithFinalTimeout(10 * time.Second) }
