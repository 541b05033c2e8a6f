package till_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"sync/atomic"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient/fakeserver"
	core "loyaltydesk/till"
	"loyaltydesk/ui"
	"loyaltydesk/ui/uitest"
)

// timesOutOnHeld gives up on the armed record_activity as a client's
// timeout does, once the request has reached the server (which holds it
// and carries it out later); every other request goes through.
type timesOutOnHeld struct {
	hold atomic.Pointer[fakeserver.Hold]
}

type timeoutErr struct{}

func (timeoutErr) Error() string   { return "Client.Timeout exceeded while awaiting headers" }
func (timeoutErr) Timeout() bool   { return true }
func (timeoutErr) Temporary() bool { return true }

func (tr *timesOutOnHeld) RoundTrip(r *http.Request) (*http.Response, error) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, err
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	if !bytes.Contains(body, []byte("type=record_activity")) {
		return http.DefaultTransport.RoundTrip(r)
	}
	h := tr.hold.Swap(nil)
	if h == nil {
		return http.DefaultTransport.RoundTrip(r)
	}
	go func() { // the request lives on at the server after the client gave up
		resp, err := http.DefaultTransport.RoundTrip(r.Clone(context.WithoutCancel(r.Context())))
		if err == nil {
			_ = resp.Body.Close()
		}
	}()
	<-h.Arrived()
	return nil, timeoutErr{}
}

// The earn times out on the client while the server is still at work; the
// look right after misses it; the server then records it. The cashier's
// resend looks again first, finds it, and sends nothing.
func TestResendAfterATimeoutLooksAgainAndFindsALateLanding(t *testing.T) {
	tr := &timesOutOnHeld{}
	term := &core.Terminal{Name: "till-1", DefaultCampaign: fakeserver.PointsCampaignID}
	f := start(t, uitest.Options{Transport: tr, Settings: ui.Settings{Till: term}})
	f.scanJane(t)
	before := f.balance(t, fakeserver.PointsCampaignID)

	hold := f.fake.HoldNext("record_activity")
	tr.hold.Store(hold)
	f.h.Type("+6")
	f.h.Key(tea.KeyEnter)
	f.h.WaitForNew(t, "NOT recorded so far")
	assert.Equal(t, before, f.balance(t, fakeserver.PointsCampaignID), "not landed yet")

	hold.Release() // the server finishes the request the client gave up on
	f.h.Type("r")
	f.h.WaitForNew(t, "+60 points →", "(answer lost; the history")
	last, ok := f.term.Last()
	require.True(t, ok)
	assert.Equal(t, 1, f.fake.CountAuthorization(fakeserver.DemoCode, last.Ref), "one transaction, not two")
	after := f.balance(t, fakeserver.PointsCampaignID)
	assert.Equal(t, amount(t, "60"), after-before)
	require.Greater(t, after, amount(t, "1000"))
	// The till's line and the lookup's balances write it alike: 1,553.
	f.h.WaitFor(t, "→ "+after.Grouped(), " "+after.Grouped()+" points │")
}
