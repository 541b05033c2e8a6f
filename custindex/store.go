package custindex

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"sync"
	"time"

	"loyaltydesk/apiclient"
)

// Reporter is the one call the store needs: the customers_all report with
// its last ID (*apiclient.Client has it).
type Reporter interface {
	CustomersReportSince(ctx context.Context, f apiclient.ReportFilter, fn func(apiclient.Customer) error) (string, error)
}

// Phase is what the store is doing.
type Phase int

// The phases.
const (
	Idle     Phase = iota // nothing running
	Loading               // reading the file, or a first full report
	Updating              // fetching the changes since the last ID
	Building              // a full report, because the last ID could not be used
)

// Status is what a screen shows of the store.
type Status struct {
	Index  *Index    // nil until a snapshot exists
	Synced time.Time // when Index was last brought up to date (zero: never)
	Phase  Phase
	// Received counts the customers of the report in progress.
	Received int
	// Err is the last update's failure (the Index, if any, is still usable).
	Err error
	// Changed is closed at the next change of the status.
	Changed <-chan struct{}
}

// Store keeps one profile's snapshot: loaded from its file, brought up to
// date from the service, saved again. Every session of the profile reads
// the same Store. It is safe for concurrent use.
type Store struct {
	ctx    context.Context // the process's: an update outlives the session that asked for it
	path   string
	source string
	log    *slog.Logger
	now    func() time.Time

	mu      sync.Mutex
	st      Status
	lastID  string
	built   time.Time // when the snapshot was last read whole
	running bool
	again   bool // asked for at once while running: update again after
	changed chan struct{}
	tried   bool // the file was read (or found missing)
}

// NewStore returns the store of the index file path, for the account
// named by source. Nothing is read until the first Refresh.
func NewStore(ctx context.Context, path, source string, log *slog.Logger) *Store {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Store{ctx: ctx, path: path, source: source, log: log, now: time.Now, changed: make(chan struct{})}
	s.st.Changed = s.changed
	return s
}

// Status returns the current status.
func (s *Store) Status() Status {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st
}

// Refresh starts bringing the index up to date in the background, unless
// the last update ended less than maxAge ago. While an update runs, a
// Refresh with maxAge 0 (a customer was just saved) makes it run once more
// when it ends: it may have read the report before the change.
func (s *Store) Refresh(api Reporter, maxAge time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.running {
		s.again = s.again || maxAge <= 0
		return
	}
	if s.tried && s.st.Err == nil && s.st.Index != nil && s.now().Sub(s.st.Synced) < maxAge {
		return
	}
	s.running = true
	go s.update(api)
}

func (s *Store) update(api Reporter) {
	defer s.finish(api)
	if s.loadFileOnce() {
		return // the saved index is too young to ask again
	}
	s.mu.Lock()
	ix, last, built := s.st.Index, s.lastID, s.built
	s.mu.Unlock()
	if ix != nil && last != "" && s.now().Sub(built) < rebuildAge {
		err := s.applyChanges(api, ix, last)
		if err == nil || !canRebuild(err) {
			s.setErr(err)
			return
		}
		s.log.Info("customer index: the last ID was refused, rebuilding", "err", err)
	}
	s.setErr(s.rebuild(api))
}

// loadFileOnce reads the file the first time; true when what it holds was
// synced so recently that the service need not be asked yet.
func (s *Store) loadFileOnce() bool {
	s.mu.Lock()
	if s.tried {
		s.mu.Unlock()
		return false
	}
	s.tried = true
	s.setPhase(Loading)
	s.mu.Unlock()
	start := time.Now()
	saved, err := Load(s.path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return false
	case err != nil:
		s.log.Warn("customer index file not used", "path", s.path, "err", err)
		return false
	case saved.Source != s.source:
		s.log.Info("customer index file is another account's, rebuilding", "path", s.path)
		return false
	}
	s.log.Info("customer index loaded", "customers", saved.Index.Len(), "took", time.Since(start))
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lastID, s.built = saved.LastID, saved.Built
	s.st.Index, s.st.Synced = saved.Index, saved.Synced
	s.notify()
	return s.now().Sub(saved.Synced) < freshEnough
}

// freshEnough: a saved index this young is used without asking the service.
const freshEnough = 10 * time.Second

// rebuildAge: an index read whole longer ago than this is read whole
// again (in the background, the old one answering meanwhile). The report's
// last gives new and changed customers, not deleted ones.
const rebuildAge = 24 * time.Hour

// applyChanges fetches the customers changed since last and merges them.
func (s *Store) applyChanges(api Reporter, ix *Index, last string) error {
	s.mu.Lock()
	s.setPhase(Updating)
	s.mu.Unlock()
	var changed []apiclient.Customer
	newLast, err := api.CustomersReportSince(s.ctx, apiclient.ReportFilter{Last: last}, func(c apiclient.Customer) error {
		changed = append(changed, c)
		s.received(len(changed))
		return nil
	})
	if err != nil {
		return err
	}
	if newLast == "" {
		return errNoLastID
	}
	if len(changed) > 0 {
		ix = ix.Merge(changed)
	}
	s.log.Info("customer index updated", "changed", len(changed), "last", newLast)
	if len(changed) == 0 && newLast == last {
		s.markSynced() // the file holds this very index: it is not written again
		return nil
	}
	return s.publish(ix, newLast, false)
}

// markSynced notes that the service was asked just now and had nothing new.
func (s *Store) markSynced() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.Synced = s.now()
	s.notify()
}

var errNoLastID = errors.New("the report gave no last ID")

// canRebuild: the service refused the last ID, or gave none back; a
// network or login failure is not mended by a full report.
func canRebuild(err error) bool {
	var apiErr *apiclient.APIError
	var decErr *apiclient.DecodeError
	var invalid *apiclient.ValidationError
	return errors.Is(err, errNoLastID) || errors.As(err, &apiErr) && !errors.Is(err, apiclient.ErrUnauthenticated) ||
		errors.As(err, &decErr) || errors.As(err, &invalid)
}

// rebuild reads the whole report into a new snapshot; the old one serves
// the searches until the new one is complete.
func (s *Store) rebuild(api Reporter) error {
	s.mu.Lock()
	s.setPhase(Building)
	if s.st.Index == nil {
		s.setPhase(Loading)
	}
	size := s.st.Index.Len()
	s.mu.Unlock()
	b := NewBuilder(size)
	last, err := api.CustomersReportSince(s.ctx, apiclient.ReportFilter{Last: "0"}, func(c apiclient.Customer) error {
		b.Add(c)
		s.received(b.Len())
		return nil
	})
	if err != nil {
		return err
	}
	s.log.Info("customer index built", "customers", b.Len(), "last", last)
	return s.publish(b.Index(), last, true)
}

// publish makes ix the snapshot and saves it; whole says it was read whole.
func (s *Store) publish(ix *Index, last string, whole bool) error {
	now := s.now()
	s.mu.Lock()
	s.st.Index, s.st.Synced, s.lastID = ix, now, last
	if whole {
		s.built = now
	}
	built := s.built
	s.notify()
	s.mu.Unlock()
	if s.ctx.Err() != nil {
		return nil // the process is ending: the next start fetches what is missing
	}
	if err := Save(s.path, Saved{Index: ix, LastID: last, Synced: now, Built: built, Source: s.source}); err != nil {
		s.log.Warn("customer index not saved", "path", s.path, "err", err)
	}
	return nil
}

// received reports progress every few thousand customers.
func (s *Store) received(n int) {
	if n%5000 != 0 {
		return
	}
	s.mu.Lock()
	s.st.Received = n
	s.notify()
	s.mu.Unlock()
}

func (s *Store) setErr(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		s.log.Warn("customer index not brought up to date", "err", err)
	}
	s.st.Err = err
	s.notify()
}

func (s *Store) finish(api Reporter) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.again && s.ctx.Err() == nil {
		s.again = false
		go s.update(api) // still running
		return
	}
	s.again, s.running = false, false
	s.setPhase(Idle)
}

// setPhase and notify run with mu held.
func (s *Store) setPhase(p Phase) {
	s.st.Phase, s.st.Received = p, 0
	s.notify()
}

func (s *Store) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
	s.st.Changed = s.changed
}

// Registry hands out one Store per index file (one per profile) for the
// whole process. It is safe for concurrent use.
type Registry struct {
	ctx    context.Context
	log    *slog.Logger
	mu     sync.Mutex
	stores map[string]*Store
}

// NewRegistry returns an empty registry; ctx bounds every update.
func NewRegistry(ctx context.Context, log *slog.Logger) *Registry {
	return &Registry{ctx: ctx, log: log, stores: map[string]*Store{}}
}

// For returns the store of the index file path (one per profile), making
// it on first use. source names the account (URL and account ID).
func (r *Registry) For(path, source string) *Store {
	r.mu.Lock()
	defer r.mu.Unlock()
	s, ok := r.stores[path]
	if !ok || s.source != source {
		s = NewStore(r.ctx, path, source, r.log)
		r.stores[path] = s
	}
	return s
}
