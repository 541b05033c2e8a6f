package fakeserver

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Masked is what a secret's value is recorded as.
const Masked = "***"

// maxRequests bounds the request log of a long demo session.
const maxRequests = 5000

// secretFields are recorded masked: credentials, customers' passwords and
// PINs, account and integration passwords.
var secretFields = map[string]bool{
	"user_password": true, "user_api_key": true, "customer_password": true,
	"customer_PIN": true, "new_account_password": true, "account_password": true,
	"mailchimp_password": true, "sms_password": true,
}

// Request is one request the loyalty API received, as tests inspect it.
type Request struct {
	At     time.Time // by the server's clock (Options.Now)
	Method string
	Path   string
	Type   string
	// Form holds every parameter (query and body); secrets are Masked,
	// and so are the customer_password and customer_PIN columns of a
	// batch's Profiles_Data.
	Form url.Values
	// APIKeyHeader tells whether an api_access_key header came (its value
	// is never kept).
	APIKeyHeader bool
	Fault        FaultKind
}

type requestLog struct {
	mu   sync.Mutex
	reqs []Request
}

func (l *requestLog) record(r *http.Request, at time.Time, fault FaultKind) {
	req := Request{
		At: at, Method: r.Method, Path: r.URL.Path, Type: r.Form.Get("type"),
		Form: maskForm(r.Form), APIKeyHeader: r.Header.Get("api_access_key") != "", Fault: fault,
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.reqs) >= maxRequests {
		l.reqs = append(l.reqs[:0], l.reqs[len(l.reqs)-maxRequests+1:]...)
	}
	l.reqs = append(l.reqs, req)
}

func maskForm(form url.Values) url.Values {
	out := make(url.Values, len(form))
	for k, vs := range form {
		cp := make([]string, len(vs))
		for i, v := range vs {
			if secretFields[k] && v != "" {
				v = Masked
			}
			cp[i] = v
		}
		out[k] = cp
	}
	if data, ok := out["Profiles_Data"]; ok {
		for i, d := range data {
			data[i] = maskBatchData(form, d)
		}
	}
	return out
}

// maskBatchData masks the secret columns of Profiles_Data. When the columns
// cannot be worked out but a secret column is named, all of it is masked.
func maskBatchData(form url.Values, data string) string {
	cols, colErr := batchColumns(form)
	sep, sepErr := delimiterChar(form.Get("delimiter"))
	secret := map[int]bool{}
	for i, c := range cols {
		if secretFields[c] {
			secret[i] = true
		}
	}
	if colErr != nil || sepErr != nil {
		for k, vs := range form {
			if strings.HasPrefix(k, "profiles_header_") && len(vs) > 0 && secretFields[strings.TrimSpace(vs[0])] {
				return Masked
			}
		}
		return data
	}
	if len(secret) == 0 {
		return data
	}
	lines := strings.Split(data, "\n")
	for li, line := range lines {
		vals := strings.Split(line, sep)
		for i := range vals {
			if secret[i] && strings.TrimSpace(vals[i]) != "" {
				vals[i] = Masked
			}
		}
		lines[li] = strings.Join(vals, sep)
	}
	return strings.Join(lines, "\n")
}

// Requests returns a copy of the requests received so far (the last 5,000),
// oldest first.
func (s *Server) Requests() []Request {
	s.log.mu.Lock()
	defer s.log.mu.Unlock()
	out := make([]Request, len(s.log.reqs))
	for i, r := range s.log.reqs {
		r.Form = cloneValues(r.Form)
		out[i] = r
	}
	return out
}

// RequestsOf returns the recorded requests of one type.
func (s *Server) RequestsOf(callType string) []Request {
	var out []Request
	for _, r := range s.Requests() {
		if r.Type == callType {
			out = append(out, r)
		}
	}
	return out
}

// ResetRequests forgets the recorded requests.
func (s *Server) ResetRequests() {
	s.log.mu.Lock()
	s.log.reqs = nil
	s.log.mu.Unlock()
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}
