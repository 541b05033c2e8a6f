package till

import (
	"sync"
	"time"
)

// Terminal is one till's standing for an app session: its name, the
// campaign + uses without asking, the outbox, and its last recorded action
// (the one void may undo). The till panel is rebuilt often; this outlives it.
type Terminal struct {
	Name            string
	DefaultCampaign string
	// Outbox keeps earns made offline; nil when it could not be opened
	// (OutboxErr says why), and then offline earns are refused.
	Outbox    *Outbox
	OutboxErr error
	// Settle is how long a sending again after a lost answer waits before
	// it looks for the reference (DefaultSettle in the app; zero: at once).
	Settle time.Duration

	mu   sync.Mutex
	last *Action
}

// SetLast remembers the action void would undo.
func (t *Terminal) SetLast(a Action) {
	t.mu.Lock()
	t.last = &a
	t.mu.Unlock()
}

// Last returns the action void would undo.
func (t *Terminal) Last() (Action, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.last == nil {
		return Action{}, false
	}
	return *t.last, true
}

// ForgetLast clears it once voided.
func (t *Terminal) ForgetLast(ref string) {
	t.mu.Lock()
	if t.last != nil && t.last.Ref == ref {
		t.last = nil
	}
	t.mu.Unlock()
}

// NewRef returns a reference for this terminal's next action.
func (t *Terminal) NewRef() string { return NewRef(t.Name) }
