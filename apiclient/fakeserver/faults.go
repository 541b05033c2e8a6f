package fakeserver

import (
	"context"
	"math/rand/v2"
	"sync"
	"time"
)

// FaultKind is a way a request to the loyalty API can go wrong.
type FaultKind int

// The faults.
const (
	NoFault FaultKind = iota
	// FaultHTTP500 answers HTTP 500 with a short plain-text body; the
	// request is not processed.
	FaultHTTP500
	// FaultHTMLPage answers HTTP 502 with a long text/html error page, as a
	// proxy in front of a dead API does; the request is not processed.
	FaultHTMLPage
	// FaultTruncated processes the request and sends only the first half of
	// the answer (HTTP 200).
	FaultTruncated
	// FaultLostAnswer processes the request and then closes the connection
	// without an answer: the change is made, the client gets a transport
	// error.
	FaultLostAnswer
)

func (k FaultKind) String() string {
	switch k {
	case NoFault:
		return "none"
	case FaultHTTP500:
		return "HTTP 500"
	case FaultHTMLPage:
		return "HTML error page"
	case FaultTruncated:
		return "truncated body"
	case FaultLostAnswer:
		return "lost answer"
	}
	return "unknown fault"
}

// Faults are standing faults: added latency, and the share (0 to 1) of
// requests that meet each fault. The zero value is a healthy server.
type Faults struct {
	Latency    time.Duration
	HTTP500    float64
	HTMLPage   float64
	Truncated  float64
	LostAnswer float64
}

type pendingCall struct {
	callType  string
	remaining int
	kind      FaultKind
}

type faultState struct {
	mu       sync.Mutex
	rng      *rand.Rand
	standing Faults
	next     []FaultKind
	calls    []pendingCall
	holds    map[string][]*Hold
}

// Hold keeps one request of a type waiting on the server, however long the
// client waits, and then carries it out even when the client has gone: a
// slow server that finishes a request after its answer was given up on
// (the change lands late).
type Hold struct {
	arrived, release, done chan struct{}
}

// HoldNext holds the next request of the given type until Release.
func (s *Server) HoldNext(callType string) *Hold {
	h := &Hold{arrived: make(chan struct{}), release: make(chan struct{}), done: make(chan struct{})}
	s.faults.mu.Lock()
	if s.faults.holds == nil {
		s.faults.holds = map[string][]*Hold{}
	}
	s.faults.holds[callType] = append(s.faults.holds[callType], h)
	s.faults.mu.Unlock()
	return h
}

// Arrived is closed once the held request has reached the server.
func (h *Hold) Arrived() <-chan struct{} { return h.arrived }

// Release lets the held request be carried out and returns once it has
// been (its answer written, or lost with a client that went away).
func (h *Hold) Release() {
	close(h.release)
	<-h.done
}

// takeHold returns the hold waiting for a request of the type, if any.
func (f *faultState) takeHold(callType string) *Hold {
	f.mu.Lock()
	defer f.mu.Unlock()
	q := f.holds[callType]
	if len(q) == 0 {
		return nil
	}
	f.holds[callType] = q[1:]
	return q[0]
}

func (f *faultState) init(seed uint64) {
	f.rng = rand.New(rand.NewPCG(seed, 0xfa17))
}

// SetFaults replaces the standing faults (latency and shares).
func (s *Server) SetFaults(f Faults) {
	s.faults.mu.Lock()
	s.faults.standing = f
	s.faults.mu.Unlock()
}

// FailNext makes the next n requests to the loyalty API, of any type, meet
// the fault (after any already queued).
func (s *Server) FailNext(n int, kind FaultKind) {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	for range n {
		s.faults.next = append(s.faults.next, kind)
	}
}

// FailCall makes the nth request of the given type from now on (1 = the
// next one) meet the fault; for example FailCall("customers_batch", 3,
// FaultHTTP500) fails the third chunk of an import.
func (s *Server) FailCall(callType string, nth int, kind FaultKind) {
	if nth < 1 {
		return
	}
	s.faults.mu.Lock()
	s.faults.calls = append(s.faults.calls, pendingCall{callType, nth, kind})
	s.faults.mu.Unlock()
}

// ClearFaults makes the server healthy again: no latency, no shares,
// nothing queued.
func (s *Server) ClearFaults() {
	s.faults.mu.Lock()
	s.faults.standing = Faults{}
	s.faults.next = nil
	s.faults.calls = nil
	s.faults.mu.Unlock()
}

// pick decides the fault of one request: a FailCall due now first, then the
// FailNext queue, then the standing shares.
func (f *faultState) pick(callType string) FaultKind {
	f.mu.Lock()
	defer f.mu.Unlock()
	kind := f.dueCall(callType)
	if kind == NoFault && len(f.next) > 0 {
		kind, f.next = f.next[0], f.next[1:]
	}
	if kind != NoFault {
		return kind
	}
	roll := f.rng.Float64()
	for _, share := range []struct {
		p    float64
		kind FaultKind
	}{
		{f.standing.HTTP500, FaultHTTP500}, {f.standing.HTMLPage, FaultHTMLPage},
		{f.standing.Truncated, FaultTruncated}, {f.standing.LostAnswer, FaultLostAnswer},
	} {
		if roll < share.p {
			return share.kind
		}
		roll -= share.p
	}
	return NoFault
}

func (f *faultState) dueCall(callType string) FaultKind {
	kind := NoFault
	kept := f.calls[:0]
	for _, p := range f.calls {
		if p.callType == callType {
			p.remaining--
			if p.remaining == 0 {
				if kind == NoFault {
					kind = p.kind
				}
				continue
			}
		}
		kept = append(kept, p)
	}
	f.calls = kept
	return kind
}

// wait applies the standing latency; false when the client went away first.
func (f *faultState) wait(ctx context.Context) bool {
	f.mu.Lock()
	d := f.standing.Latency
	f.mu.Unlock()
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
