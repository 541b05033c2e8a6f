package imonggofake

import (
	"maps"
	"net/http"
	"slices"
	"time"
)

// Add creates a customer as POST would (same defaults and validation) and
// returns its id.
func (s *Server) Add(f Fields) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, err := s.store.create(maps.Clone(f), s.clock())
	if err != nil {
		return 0, err
	}
	return rec.id, nil
}

// Set changes fields of a customer as PUT would; its updated_at becomes now.
func (s *Server) Set(id int64, f Fields) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.store.byID[id]
	if !ok {
		return ErrNoCustomer
	}
	return s.store.update(rec, maps.Clone(f), nil, s.clock())
}

// Touch sets a customer's updated_at to now without changing anything else.
func (s *Server) Touch(id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.store.byID[id]
	if !ok {
		return ErrNoCustomer
	}
	rec.updatedAt = s.clock()
	return nil
}

// Delete marks a customer deleted as DELETE would.
func (s *Server) Delete(id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.markDeleted(id)
}

// Customer returns a copy of a customer's non-nil fields, id, status and
// UTC timestamps included.
func (s *Server) Customer(id int64) (Fields, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.store.byID[id]
	if !ok {
		return nil, false
	}
	return rec.fields(), true
}

// IDs lists every customer id, deleted ones included, in ascending order.
func (s *Server) IDs() []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Sorted(maps.Keys(s.store.byID))
}

// LastUpdatedAt is what q=last_updated_at answers (zero when empty).
func (s *Server) LastUpdatedAt() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.store.lastUpdated()
}

// FailNext makes the next authorised request (one per call, in order)
// answer with status, e.g. http.StatusInternalServerError.
func (s *Server) FailNext(status int) {
	if status < 400 || status > 599 {
		status = http.StatusInternalServerError
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failNext = append(s.failNext, status)
}
