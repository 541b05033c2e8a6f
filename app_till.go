package main

import (
	"context"
	"sync"

	"loyaltydesk/till"
)

// openTill gives the session's till its outbox in the state dir, and
// closes it when the session ends, unless it has one already (serve shares
// one per profile: sharedOutboxes). A till without one (another loyaltydesk
// holds it) still works online and says why it cannot queue.
func openTill(spec sessionSpec) {
	t := spec.settings.Till
	if t == nil || t.Outbox != nil || t.OutboxErr != nil || spec.stateDir == "" {
		return
	}
	t.Outbox, t.OutboxErr = till.OpenOutbox(spec.stateDir)
	if t.OutboxErr != nil {
		if spec.log != nil {
			spec.log.Warn("till queue not available", "err", t.OutboxErr)
		}
		return
	}
	go func() {
		<-spec.ctx.Done()
		_ = t.Outbox.Close()
	}()
}

// sharedOutboxes keeps one till queue per state dir open for a whole
// serve process, shared by the sessions of a profile: the queue file is
// locked by whoever opens it, so a session opening its own found it taken
// by the session before. The outbox lets one drain run at a time, so no
// earn goes out twice.
type sharedOutboxes struct {
	ctx  context.Context
	mu   sync.Mutex
	open map[string]*till.Outbox
}

func newSharedOutboxes(ctx context.Context) *sharedOutboxes {
	return &sharedOutboxes{ctx: ctx, open: map[string]*till.Outbox{}}
}

// For returns the queue of dir, opening it on first use; it is closed when
// the process's context ends. A failure is not kept: the next session tries
// again (another program may have let the file go).
func (s *sharedOutboxes) For(dir string) (*till.Outbox, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ob, ok := s.open[dir]; ok {
		return ob, nil
	}
	if err := s.ctx.Err(); err != nil {
		return nil, err
	}
	ob, err := till.OpenOutbox(dir)
	if err != nil {
		return nil, err
	}
	s.open[dir] = ob
	go func() {
		<-s.ctx.Done()
		s.mu.Lock()
		defer s.mu.Unlock()
		_ = ob.Close()
	}()
	return ob, nil
}
