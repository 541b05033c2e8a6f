package uitest

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
)

// Spy wraps a model and reports, after each Update, the type of the
// message it handled — so a test can wait until an answer was processed.
type Spy struct {
	tea.Model
	seen chan string
}

// NewSpy wraps m.
func NewSpy(m tea.Model) *Spy { return &Spy{Model: m, seen: make(chan string, 4096)} }

// Update passes the message on, then reports its type (e.g. "lookup.lookupResultMsg").
func (s *Spy) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := s.Model.Update(msg)
	s.Model = m
	select {
	case s.seen <- fmt.Sprintf("%T", msg):
	default:
	}
	return s, cmd
}

// WaitForMsgs blocks until n messages of the named type were handled.
func (s *Spy) WaitForMsgs(typeName string, n int) {
	for n > 0 {
		if <-s.seen == typeName {
			n--
		}
	}
}
