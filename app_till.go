package main

import (
	"loyaltydesk/till"
)

// openTill gives the session's till its outbox in the state dir, and
// closes it when the session ends. A till without one (another
// loyaltydesk holds it) still works online and says why it cannot queue.
func openTill(spec sessionSpec) {
	t := spec.settings.Till
	if t == nil || t.Outbox != nil || spec.stateDir == "" {
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
