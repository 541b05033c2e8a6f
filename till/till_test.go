package till

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
)

func TestNewRefShape(t *testing.T) {
	seen := map[string]bool{}
	for range 200 {
		r := NewRef("till-1")
		require.Regexp(t, `^till-1 #[0-9A-HJKMNP-TV-Z]{4}$`, r)
		seen[r] = true
	}
	assert.Greater(t, len(seen), 190, "the random part varies")
	assert.Regexp(t, `^till #....$`, NewRef("  "))
}

func TestHasRef(t *testing.T) {
	assert.True(t, HasRef("till-1 #4F7K", "till-1 #4F7K"))
	assert.True(t, HasRef("till-1 #4F7K Birthday cake", "till-1 #4F7K"))
	assert.False(t, HasRef("till-1 #4F7KX", "till-1 #4F7K"))
	assert.False(t, HasRef("Sale till-1 #4F7K", "till-1 #4F7K"))
	assert.False(t, HasRef("anything", ""))
	assert.Equal(t, "till-1 #4F7K Cake", Authorization("till-1 #4F7K", " Cake "))
	assert.Equal(t, "till-1 #4F7K", Authorization("till-1 #4F7K", ""))
}

func TestParseAmount(t *testing.T) {
	good := map[string]Cents{
		"12.50": 1250, "12,50": 1250, "12": 1200, "12.5": 1250, " 7,05 ": 705, ".5": 50,
		"1,250.00": 125000, "1.250,00": 125000, "1,234,567.89": 123456789,
	}
	for in, want := range good {
		got, err := ParseAmount(in)
		if assert.NoError(t, err, in) {
			assert.Equal(t, want, got, in)
		}
	}
	for _, in := range []string{"", "abc", "12.345", "0", "0,00", "-5", "1,2,3", "12,50.1", "1,25.00", "12a", "99999999999999"} {
		_, err := ParseAmount(in)
		assert.Error(t, err, in)
	}
	_, err := ParseAmount("")
	assert.ErrorIs(t, err, ErrNoAmount)
}

func TestCentsFormats(t *testing.T) {
	assert.Equal(t, "12.50", Cents(1250).String())
	assert.Equal(t, "12", Cents(1200).String())
	assert.Equal(t, "1,074", Cents(107400).Grouped())
	assert.Equal(t, "1,074.00", Cents(107400).GroupedMoney())
	assert.Equal(t, "-1,234,567.05", Cents(-123456705).Grouped())
	assert.Equal(t, "999", Cents(99900).Grouped())
	for in, want := range map[string]Cents{"1074": 107400, "35.00": 3500, "-2.5": -250, "0": 0, "12.500": 1250} {
		got, ok := apiclient.ParseAmount(in)
		assert.True(t, ok, in)
		assert.Equal(t, want, got, in)
	}
	_, ok := apiclient.ParseAmount("n/a")
	assert.False(t, ok)
}

// memService is a server in memory: it records actions by reference and
// can lose answers, fail before or after doing the work, or be unreachable.
type memService struct {
	mu       sync.Mutex
	recorded []string // references, in order
	sends    int
	// faults for the next calls, consumed in order
	sendFaults []fault
	findErr    error
}

type fault int

const (
	ok fault = iota
	lostAfter
	fail500Before
	unreachable
	refuse
)

var errDial = &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}

func (s *memService) Send(_ context.Context, a Action) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sends++
	f := ok
	if len(s.sendFaults) > 0 {
		f, s.sendFaults = s.sendFaults[0], s.sendFaults[1:]
	}
	switch f {
	case unreachable:
		return "", &apiclient.TransportError{Op: "record activity", Err: errDial}
	case fail500Before:
		return "", &apiclient.HTTPError{Op: "record activity", StatusCode: 500}
	case refuse:
		return "", &apiclient.APIError{Op: "redeem", Message: "Not enough balance"}
	}
	s.recorded = append(s.recorded, a.Ref)
	if f == lostAfter {
		return "", &apiclient.TransportError{Op: "record activity", Err: errors.New("unexpected EOF")}
	}
	return strconv.Itoa(len(s.recorded)), nil
}

func (s *memService) Find(_ context.Context, a Action) (string, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.findErr != nil {
		return "", false, s.findErr
	}
	for i, r := range s.recorded {
		if r == a.Ref {
			return strconv.Itoa(i + 1), true, nil
		}
	}
	return "", false, nil
}

func (s *memService) count(ref string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.recorded {
		if r == ref {
			n++
		}
	}
	return n
}

func earn(ref string) Action {
	return Action{Kind: Earn, Ref: ref, CustomerCode: "C1", CampaignID: "P1", CampaignType: "points", Amount: 1250, What: "sale 12.50"}
}

func TestPerformOutcomes(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name    string
		faults  []fault
		findErr error
		want    Outcome
		landed  int
	}{
		{"answered", nil, nil, Done, 1},
		{"lost answer, recorded", []fault{lostAfter}, nil, LandedAfterAll, 1},
		{"5xx before doing it", []fault{fail500Before}, nil, NotLanded, 0},
		{"unreachable", []fault{unreachable}, nil, NotSent, 0},
		{"refused", []fault{refuse}, nil, Refused, 0},
		{"lost answer, history unreadable", []fault{lostAfter}, errors.New("timeout"), Unknown, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			svc := &memService{sendFaults: c.faults, findErr: c.findErr}
			r := Perform(ctx, svc, earn("till-1 #AAAA"))
			assert.Equal(t, c.want, r.Outcome)
			assert.Equal(t, c.landed, svc.count("till-1 #AAAA"))
			assert.Equal(t, 1, svc.sends, "Perform never sends twice")
		})
	}
}

// The user's retry after a lost answer: Perform looks first, so the retry
// is only offered (and only sends) when the action is not there.
func TestRetryAfterLostAnswerNeverDoubles(t *testing.T) {
	ctx := context.Background()
	svc := &memService{sendFaults: []fault{lostAfter}}
	a := earn("till-1 #BBBB")
	r := Perform(ctx, svc, a)
	require.Equal(t, LandedAfterAll, r.Outcome)
	assert.Equal(t, 1, svc.count(a.Ref))

	svc2 := &memService{sendFaults: []fault{fail500Before}}
	r = Perform(ctx, svc2, a)
	require.Equal(t, NotLanded, r.Outcome)
	r = Perform(ctx, svc2, a) // the offered resend
	require.Equal(t, Done, r.Outcome)
	assert.Equal(t, 1, svc2.count(a.Ref))
}

func TestOutboxFileIsPrivateAndRefusesRedeem(t *testing.T) {
	dir := t.TempDir()
	o, err := OpenOutbox(dir)
	require.NoError(t, err)
	defer o.Close()
	info, err := os.Stat(filepath.Join(dir, OutboxFile))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	r := earn("till-1 #CCCC")
	r.Kind = Redeem
	assert.ErrorIs(t, o.Add(r), ErrRedeemOffline)
	assert.Equal(t, 0, o.Count())
}

func TestOutboxDrainsInOrderOnceAcrossReopen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	o, err := OpenOutbox(dir)
	require.NoError(t, err)
	refs := []string{"till-1 #0001", "till-1 #0002", "till-1 #0003"}
	for _, r := range refs {
		require.NoError(t, o.Add(earn(r)))
	}
	require.NoError(t, o.Add(earn(refs[0])), "adding a queued reference again is a no-op")
	assert.Equal(t, 3, o.Count())

	// The server is still unreachable: nothing moves, the order stays.
	svc := &memService{sendFaults: []fault{unreachable}}
	rep := o.Drain(ctx, svc)
	assert.Error(t, rep.Stopped)
	assert.Equal(t, 3, rep.Left)

	// The second one's answer is lost: the drain stops there, and the
	// next drain (after a reopen, as after a restart) finds it and does
	// not send it again.
	svc.sendFaults = []fault{ok, lostAfter}
	svc.findErr = nil
	rep = o.Drain(ctx, svc)
	require.NoError(t, o.Close())
	// Perform looked the lost one up at once and found it.
	assert.Len(t, rep.Sent, 3)
	o, err = OpenOutbox(dir)
	require.NoError(t, err)
	defer o.Close()
	assert.Equal(t, 0, o.Count())
	assert.Equal(t, refs, svc.recorded, "each once, in order")
}

func TestOutboxStopsOnUnknownAndChecksFirstNextTime(t *testing.T) {
	ctx := context.Background()
	o, err := OpenOutbox(t.TempDir())
	require.NoError(t, err)
	defer o.Close()
	require.NoError(t, o.Add(earn("till-1 #0001")))
	require.NoError(t, o.Add(earn("till-1 #0002")))

	o.Settle = 0 // the wait after a loss is TestOutboxWaitsForALateLandingBeforeLookingAgain's
	svc := &memService{sendFaults: []fault{lostAfter}}
	// The history cannot be read after the lost answer: stop, keep both.
	svc.findErr = nil
	findFails := &failingFind{memService: svc}
	rep := o.Drain(ctx, findFails)
	assert.Error(t, rep.Stopped)
	assert.Equal(t, 2, rep.Left)

	rep = o.Drain(ctx, svc)
	assert.NoError(t, rep.Stopped)
	assert.Len(t, rep.Found, 1, "the first was there already")
	assert.Len(t, rep.Sent, 1)
	assert.Equal(t, []string{"till-1 #0001", "till-1 #0002"}, svc.recorded)
}

// failingFind answers the first Find and fails every later one.
type failingFind struct {
	*memService
	finds int
}

func (f *failingFind) Find(ctx context.Context, a Action) (string, bool, error) {
	f.finds++
	if f.finds > 1 {
		return "", false, errors.New("history unreadable")
	}
	return f.memService.Find(ctx, a)
}

func TestOutboxSetsRefusedAside(t *testing.T) {
	ctx := context.Background()
	o, err := OpenOutbox(t.TempDir())
	require.NoError(t, err)
	defer o.Close()
	require.NoError(t, o.Add(earn("till-1 #0001")))
	require.NoError(t, o.Add(earn("till-1 #0002")))
	svc := &memService{sendFaults: []fault{refuse}}
	rep := o.Drain(ctx, svc)
	assert.NoError(t, rep.Stopped)
	assert.Len(t, rep.Refused, 1)
	assert.Len(t, rep.Sent, 1)
	refused, err := o.Refused()
	require.NoError(t, err)
	require.Len(t, refused, 1)
	assert.Equal(t, "till-1 #0001", refused[0].Ref)
	assert.Equal(t, "till-1 #0001", rep.Refused[0].Ref)
	assert.ErrorContains(t, rep.Refused[0].Err, "Not enough balance")
	require.NoError(t, o.DismissRefused())
	refused, _ = o.Refused()
	assert.Empty(t, refused)
}

func TestOutboxHeldByAnotherIsBusy(t *testing.T) {
	dir := t.TempDir()
	o, err := OpenOutbox(dir)
	require.NoError(t, err)
	defer o.Close()
	_, err = OpenOutbox(dir)
	assert.ErrorIs(t, err, ErrOutboxBusy)
}
