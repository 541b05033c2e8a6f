package till

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
)

// lateService is a server whose first sending times out on the client
// while the server is still at work: the change lands only when land is
// called, after the first look has missed it.
type lateService struct {
	memService
	held []string
}

func (s *lateService) Send(ctx context.Context, a Action) (string, error) {
	s.mu.Lock()
	if s.sends == 0 {
		s.sends++
		s.held = append(s.held, a.Ref)
		s.mu.Unlock()
		return "", &apiclient.TransportError{Op: "record activity", Err: context.DeadlineExceeded, Timeout: true}
	}
	s.mu.Unlock()
	return s.memService.Send(ctx, a)
}

func (s *lateService) land() {
	s.mu.Lock()
	s.recorded = append(s.recorded, s.held...)
	s.held = nil
	s.mu.Unlock()
}

func TestResendLooksAgainAtTheMomentOfSending(t *testing.T) {
	ctx := context.Background()
	svc := &lateService{}
	a := earn("till-1 #LATE")
	r := Perform(ctx, svc, a)
	require.Equal(t, NotLanded, r.Outcome, "the first look came too early")
	require.False(t, r.LostAt.IsZero(), "the loss is dated")

	svc.land() // the server finishes the timed-out request
	a.LostAt = r.LostAt
	r = Resend(ctx, svc, a, 0)
	assert.Equal(t, LandedAfterAll, r.Outcome)
	assert.Equal(t, 1, svc.count(a.Ref), "recorded once")
	assert.Equal(t, 1, svc.sends, "not sent again")
}

func TestResendSendsNothingWhenItCannotLook(t *testing.T) {
	ctx := context.Background()
	svc := &memService{findErr: errors.New("history unreadable")}
	r := Resend(ctx, svc, earn("till-1 #NOLK"), 0)
	assert.Equal(t, Unknown, r.Outcome)
	assert.ErrorContains(t, r.CheckErr, "history unreadable")
	assert.Zero(t, svc.sends)

	// Within the settle time it waits; a cashier who leaves first sends nothing.
	svc = &memService{}
	a := earn("till-1 #WAIT")
	a.LostAt = time.Now()
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	r = Resend(cancelled, svc, a, time.Hour)
	assert.Equal(t, Unknown, r.Outcome)
	assert.Zero(t, svc.sends)

	svc.findErr = nil
	r = Resend(ctx, svc, earn("till-1 #GOES"), time.Hour) // never lost: no wait
	assert.Equal(t, Done, r.Outcome)
}

func TestOutboxWaitsForALateLandingBeforeLookingAgain(t *testing.T) {
	ctx := context.Background()
	o, err := OpenOutbox(t.TempDir())
	require.NoError(t, err)
	defer o.Close()
	assert.Equal(t, DefaultSettle, o.Settle)
	a := earn("till-1 #Q001")
	require.NoError(t, o.Add(a))

	svc := &lateService{}
	o.Settle = time.Hour
	rep := o.Drain(ctx, svc)
	assert.Error(t, rep.Stopped, "the answer was lost and the first look missed it")
	assert.Equal(t, 1, rep.Left)
	pending, err := o.Pending()
	require.NoError(t, err)
	require.False(t, pending[0].LostAt.IsZero(), "the loss is kept on disk")

	svc.land()
	rep = o.Drain(ctx, svc)
	assert.ErrorIs(t, rep.Stopped, ErrSettling, "too soon to look again")
	assert.Equal(t, 1, svc.sends)

	o.Settle = 0
	rep = o.Drain(ctx, svc)
	assert.NoError(t, rep.Stopped)
	assert.Len(t, rep.Found, 1, "looked first and found it")
	assert.Equal(t, 1, svc.count(a.Ref))
	assert.Equal(t, 1, svc.sends)
}
