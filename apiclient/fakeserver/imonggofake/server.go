// Package imonggofake is an in-process stand-in for the Imonggo customers
// API (seed 004) for the demo and the tests: /api/customers.xml and
// /api/customers/{id}.xml with basic auth, XML in and out, the list filters
// and inquiries, and seeded customers that partly share the loyalty demo's
// codes.
package imonggofake

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// DemoToken is the API token of the document's examples, which the fake
// accepts (with the password X) unless Options.Token says otherwise.
const DemoToken = "4acc660ce98b9d38d7fea10705aa1ebd7d836fe0"

// Password is the fixed basic-auth password that goes with the token.
const Password = "X"

// maxRequestBody bounds a request; one customer is a few hundred bytes.
const maxRequestBody = 1 << 20

// Options configure a Server.
type Options struct {
	// Seed makes the seeded customers; the same Seed and clock give the
	// same customers.
	Seed int64
	// Now is the clock (default time.Now). Timestamps are kept to the
	// second, as the API shows them.
	Now func() time.Time
	// Customers is how many to seed: 0 means DefaultCustomers, negative none.
	Customers int
	// Codes are loyalty customer codes given to some seeded customers, so
	// that an import updates existing loyalty customers as well as adding.
	Codes []string
	// Token is the accepted API token (default DemoToken).
	Token string
}

// Server is the fake Imonggo API, an http.Handler. It is safe for
// concurrent use; the test hooks (Add, Set, Touch, Delete, FailNext) may be
// called while it serves.
type Server struct {
	now   func() time.Time
	token string

	mu       sync.Mutex
	store    *store
	failNext []int
}

// New returns a server seeded as opts say.
func New(opts Options) *Server {
	s := &Server{now: opts.Now, token: opts.Token, store: newStore()}
	if s.now == nil {
		s.now = time.Now
	}
	if s.token == "" {
		s.token = DemoToken
	}
	n := opts.Customers
	if n == 0 {
		n = DefaultCustomers
	}
	if n > 0 {
		s.store.seed(n, opts.Codes, opts.Seed, s.clock())
	}
	return s
}

func (s *Server) clock() time.Time { return s.now().UTC().Truncate(time.Second) }

var memberPath = regexp.MustCompile(`^/customers/([0-9]+)\.xml$`)

// ServeHTTP answers /api/customers.xml and /api/customers/{id}.xml (the
// /api prefix may also have been stripped by the caller's mux).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Basic realm="Imonggo API"`)
		http.Error(w, "HTTP Basic: Access denied.", http.StatusUnauthorized)
		return
	}
	if status := s.takeFailure(); status != 0 {
		writeXML(w, status, errorsDoc([]string{"Simulated failure"}))
		return
	}
	path := strings.TrimPrefix(r.URL.Path, "/api")
	if path == "/customers.xml" {
		s.collection(w, r)
		return
	}
	if m := memberPath.FindStringSubmatch(path); m != nil {
		id, err := strconv.ParseInt(m[1], 10, 64)
		if err == nil {
			s.member(w, r, id)
			return
		}
	}
	writeXML(w, http.StatusNotFound, errorsDoc([]string{"Not found: " + r.URL.Path}))
}

func (s *Server) authorized(r *http.Request) bool {
	user, pass, ok := r.BasicAuth()
	return ok &&
		subtle.ConstantTimeCompare([]byte(user), []byte(s.token)) == 1 &&
		pass == Password
}

func (s *Server) collection(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		s.list(w, r)
	case http.MethodPost:
		s.create(w, r)
	default:
		w.Header().Set("Allow", "GET, POST")
		writeXML(w, http.StatusMethodNotAllowed, errorsDoc([]string{"Method not allowed"}))
	}
}

func (s *Server) member(w http.ResponseWriter, r *http.Request, id int64) {
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		s.get(w, id)
	case http.MethodPut:
		s.update(w, r, id)
	case http.MethodDelete:
		s.delete(w, id)
	default:
		w.Header().Set("Allow", "GET, PUT, DELETE")
		writeXML(w, http.StatusMethodNotAllowed, errorsDoc([]string{"Method not allowed"}))
	}
}

func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	lq, msgs := parseListQuery(r.URL.Query())
	if len(msgs) > 0 {
		writeXML(w, http.StatusUnprocessableEntity, errorsDoc(msgs))
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if lq.inquiry == "last_updated_at" {
		writeXML(w, http.StatusOK, lastUpdatedDoc(s.store.lastUpdated()))
		return
	}
	var matched []*record
	for _, rec := range s.store.sorted() {
		if lq.matches(rec) {
			matched = append(matched, rec)
		}
	}
	if lq.inquiry == "count" {
		writeXML(w, http.StatusOK, countDoc(len(matched)))
		return
	}
	writeXML(w, http.StatusOK, listDoc(pageOf(matched, lq.page, lq.perPage)))
}

func pageOf(rs []*record, page, perPage int) []*record {
	start := (page - 1) * perPage
	if start >= len(rs) || start < 0 {
		return nil
	}
	return rs[start:min(start+perPage, len(rs))]
}

func (s *Server) get(w http.ResponseWriter, id int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.store.byID[id]
	if !ok {
		writeNotFound(w, id)
		return
	}
	writeXML(w, http.StatusOK, customerDoc(rec))
}

func (s *Server) create(w http.ResponseWriter, r *http.Request) {
	values, _, err := parseCustomerBody(http.MaxBytesReader(w, r.Body, maxRequestBody))
	if err != nil {
		writeXML(w, http.StatusInternalServerError, errorsDoc([]string{err.Error()}))
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, err := s.store.create(values, s.clock())
	if err != nil {
		writeInvalid(w, err)
		return
	}
	writeXML(w, http.StatusOK, customerDoc(rec))
}

func (s *Server) update(w http.ResponseWriter, r *http.Request, id int64) {
	values, cleared, err := parseCustomerBody(http.MaxBytesReader(w, r.Body, maxRequestBody))
	if err != nil {
		writeXML(w, http.StatusInternalServerError, errorsDoc([]string{err.Error()}))
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.store.byID[id]
	if !ok {
		writeNotFound(w, id)
		return
	}
	if err := s.store.update(rec, values, cleared, s.clock()); err != nil {
		writeInvalid(w, err)
		return
	}
	writeXML(w, http.StatusOK, customerDoc(rec))
}

func (s *Server) delete(w http.ResponseWriter, id int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.markDeleted(id); err != nil {
		writeNotFound(w, id)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// markDeleted sets status D; a deleted customer is left as it is. The
// caller holds the lock.
func (s *Server) markDeleted(id int64) error {
	rec, ok := s.store.byID[id]
	if !ok {
		return ErrNoCustomer
	}
	if !rec.deleted() {
		rec.values["status"] = statusDeleted
		rec.updatedAt = s.clock()
	}
	return nil
}

func writeXML(w http.ResponseWriter, status int, doc string) {
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(doc)) // a client gone away is not the server's error
}

func writeNotFound(w http.ResponseWriter, id int64) {
	writeXML(w, http.StatusNotFound, errorsDoc([]string{"Customer " + strconv.FormatInt(id, 10) + " not found"}))
}

func writeInvalid(w http.ResponseWriter, err error) {
	var inv *InvalidError
	if errors.As(err, &inv) {
		writeXML(w, http.StatusUnprocessableEntity, errorsDoc(inv.Messages))
		return
	}
	writeXML(w, http.StatusInternalServerError, errorsDoc([]string{"Unexpected error"}))
}

func (s *Server) takeFailure() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.failNext) == 0 {
		return 0
	}
	status := s.failNext[0]
	s.failNext = s.failNext[1:]
	return status
}
