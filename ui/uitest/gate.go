package uitest

import (
	"bytes"
	"io"
	"net/http"
	"strings"
)

// Gate is an HTTP transport that holds back every request whose form body
// contains a given text until Release, so a test can make one answer arrive
// after another without timing.
type Gate struct {
	Match   string
	release chan struct{}
	held    chan struct{}
	failErr error // set before release: held requests fail instead of going
}

// NewGate holds requests whose body contains match.
func NewGate(match string) *Gate {
	return &Gate{Match: match, release: make(chan struct{}), held: make(chan struct{}, 16)}
}

// Held is signalled each time a request is held back.
func (g *Gate) Held() <-chan struct{} { return g.held }

// Release lets the held requests go.
func (g *Gate) Release() { close(g.release) }

// Fail lets the held requests end with err, unsent, as when the network
// drops them.
func (g *Gate) Fail(err error) {
	g.failErr = err
	close(g.release)
}

// RoundTrip implements http.RoundTripper.
func (g *Gate) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return nil, err
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		if strings.Contains(string(body), g.Match) {
			g.held <- struct{}{}
			select {
			case <-g.release:
				if g.failErr != nil {
					return nil, g.failErr
				}
			case <-r.Context().Done():
				return nil, r.Context().Err()
			}
		}
	}
	return http.DefaultTransport.RoundTrip(r)
}
