// Package fakeserver is the in-process fake of the loyalty API (Client
// Toolbox) that the demo, the tests and every screen run against. It keeps
// the documents' rules for each call (seed pages 000–003 and
// api-reference.md), a deterministic lifelike data set, a live simulator,
// faults that tests switch on at run time, and inspection for tests.
//
// Where the documents leave a choice open the fake decides, and says so in a
// comment at that place.
package fakeserver

import (
	"net/http"
	"strings"
	"sync"
	"time"
)

// The demo credentials (the seed pages' examples).
const (
	DemoUserID    = "john1970"
	DemoPassword  = "1959caadac9b13dcb3"
	DemoAccountID = "greatwidgets"
	// DemoOwnerID is the account's own user (user_id = account_id). Only a
	// password change made by this user answers with a new_api_token.
	DemoOwnerID       = DemoAccountID
	DemoOwnerPassword = "7d2f9e41b06ac385e1"
)

// Options configure a Server. The zero value is the demo.
type Options struct {
	// Seed makes the data set; the same seed and Now give the same data.
	// Zero means 1.
	Seed uint64
	// Customers is the size of the data set, the demo customers included.
	// Zero means 2,000; a negative number keeps only the demo customers.
	Customers int
	// Now is the clock (default time.Now). The data set holds the 90 days of
	// transactions before the first reading; dates are in its location.
	Now func() time.Time
	// Coalition and TwoTier add the account_info markers.
	Coalition bool
	TwoTier   bool
}

// Server is the fake loyalty API: an http.Handler that answers at "/" and
// "/api.php", and hands other paths to what was mounted (Mount). It is safe
// for concurrent use.
type Server struct {
	now func() time.Time

	mu sync.Mutex // guards st
	st *store

	routes router
	faults faultState
	log    requestLog
}

// New builds the data set and returns the server.
func New(opts Options) *Server {
	if opts.Seed == 0 {
		opts.Seed = 1
	}
	switch {
	case opts.Customers == 0:
		opts.Customers = 2000
	case opts.Customers < 0:
		opts.Customers = 0
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	s := &Server{now: opts.Now, st: seedStore(opts)}
	s.faults.init(opts.Seed)
	return s
}

// ServeHTTP answers the loyalty API at "/" and "/api.php"; other paths go to
// the longest mounted pattern that matches, or get 404.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/" || r.URL.Path == "/api.php" {
		s.serveAPI(w, r)
		return
	}
	if h := s.routes.match(r.URL.Path); h != nil {
		h.ServeHTTP(w, r)
		return
	}
	http.NotFound(w, r)
}

// Mount serves another API on the same listener (the Imonggo fake at
// "/api/"). A pattern ending in "/" takes the whole subtree, any other one
// only that path; mounting a pattern again replaces its handler. The loyalty
// API's own paths cannot be taken over. Faults apply to the loyalty API only.
func (s *Server) Mount(pattern string, h http.Handler) {
	s.routes.mount(pattern, h)
}

type route struct {
	pattern string
	h       http.Handler
}

type router struct {
	mu     sync.RWMutex
	routes []route
}

func (rt *router) mount(pattern string, h http.Handler) {
	if pattern == "" || h == nil {
		return
	}
	if !strings.HasPrefix(pattern, "/") {
		pattern = "/" + pattern
	}
	rt.mu.Lock()
	defer rt.mu.Unlock()
	for i := range rt.routes {
		if rt.routes[i].pattern == pattern {
			rt.routes[i].h = h
			return
		}
	}
	rt.routes = append(rt.routes, route{pattern, h})
}

func (rt *router) match(path string) http.Handler {
	rt.mu.RLock()
	defer rt.mu.RUnlock()
	var best route
	for _, r := range rt.routes {
		exact := r.pattern == path
		subtree := strings.HasSuffix(r.pattern, "/") && strings.HasPrefix(path, r.pattern)
		if exact {
			return r.h
		}
		if subtree && len(r.pattern) > len(best.pattern) {
			best = r
		}
	}
	return best.h
}
