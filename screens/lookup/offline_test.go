package lookup_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/screens/lookup"
	"loyaltydesk/ui"
	"loyaltydesk/ui/uitest"
)

// cable is a transport whose customer lookups fail, as with the network
// down, once it is unplugged.
type cable struct{ down atomic.Bool }

func (c *cable) RoundTrip(r *http.Request) (*http.Response, error) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, err
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	if c.down.Load() && strings.Contains(string(body), "type=customer_info") {
		return nil, errors.New("dial tcp: connect: network is unreachable")
	}
	return http.DefaultTransport.RoundTrip(r)
}

// waitForIndex waits until the shared index holds a snapshot.
func waitForIndex(t *testing.T, c *ui.Common) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		st := c.Customers.Status()
		if st.Index != nil {
			return
		}
		select {
		case <-st.Changed:
		case <-deadline:
			t.Fatal("the customer index was not loaded")
		}
	}
}

func TestOfflineScanShowsTheLastBalancesSeen(t *testing.T) {
	_, url := startFake(t)
	net := &cable{}
	h := startLookup(t, uitest.NewCommon(t, url, uitest.Options{Transport: net}))
	scan(h, fakeserver.DemoCard)
	h.WaitFor(t, fakeserver.DemoFirstName+" "+fakeserver.DemoLastName, "Balances")
	net.down.Store(true)
	scan(h, fakeserver.DemoCard)
	h.WaitFor(t, "offline — balances as of ")
}

func TestOfflineScanFindsTheCardInTheIndex(t *testing.T) {
	_, url := startFake(t)
	net := &cable{}
	c := uitest.NewCommon(t, url, uitest.Options{Transport: net})
	h := startLookup(t, c)
	waitForIndex(t, c)
	net.down.Store(true)
	scan(h, fakeserver.DemoCard2)
	h.WaitFor(t, fakeserver.DemoFirstName2+" "+fakeserver.DemoLastName2, "offline — from the customer index of", "balances unknown", "Not known offline.")
	require.NotContains(t, h.All(), "Not enrolled in any campaign", "no balances is not the same as none")
}

func TestOfflineScanOfAnUnknownCardSaysTheServerIsUnreachable(t *testing.T) {
	_, url := startFake(t)
	net := &cable{}
	c := uitest.NewCommon(t, url, uitest.Options{Transport: net})
	h := startLookup(t, c)
	waitForIndex(t, c)
	net.down.Store(true)
	scan(h, "31415926")
	h.WaitFor(t, "Cannot reach the server", "31415926")
}

// The "offline" label does not outlive the outage: the customer shown from
// offline data is asked for again until the server answers, and the live
// balances replace the offline card with no key pressed.
func TestAnOfflineCustomerIsReadAgainOnceTheServerAnswers(t *testing.T) {
	t.Cleanup(lookup.SetOfflineRecheck(20 * time.Millisecond))
	fake, url := startFake(t)
	net := &cable{}
	c := uitest.NewCommon(t, url, uitest.Options{Transport: net})
	h := startLookup(t, c)
	scan(h, fakeserver.DemoCard)
	h.WaitFor(t, fakeserver.DemoFirstName+" "+fakeserver.DemoLastName, "Balances")
	net.down.Store(true)
	scan(h, fakeserver.DemoCard)
	h.WaitForNew(t, "offline — balances as of ")

	// another till credits her meanwhile (the cable stops only lookups)
	_, err := c.API.RecordActivity(context.Background(), apiclient.EarnRequest{
		Customer: apiclient.CustomerRef{Code: fakeserver.DemoCode}, CampaignID: fakeserver.PointsCampaignID, Amount: "100"})
	require.NoError(t, err)
	jane, _ := fake.Customer(fakeserver.DemoCode)
	now, ok := apiclient.ParseAmount(jane.Balances[fakeserver.PointsCampaignID])
	require.True(t, ok)
	net.down.Store(false)
	h.WaitForNew(t, "Back online: "+fakeserver.DemoFirstName+" "+fakeserver.DemoLastName+"'s balances are read again.", now.Grouped()+" points")
	require.NotContains(t, h.All()[strings.LastIndex(h.All(), "Back online"):], "offline —")
}

// The customer read again once the server answers is the one shown
// offline, found by her code, never a customer whose card number happens
// to be that code.
func TestAnOfflineCustomerIsReadAgainByHerCodeNotAsACard(t *testing.T) {
	t.Cleanup(lookup.SetOfflineRecheck(20 * time.Millisecond))
	_, url := startFake(t)
	net := &cable{}
	c := uitest.NewCommon(t, url, uitest.Options{Transport: net})
	res, err := c.API.SaveCustomer(context.Background(), apiclient.SaveCustomerRequest{Action: apiclient.ActionNew,
		Code: "MALLORY-1", CardNumber: fakeserver.DemoCode, Fields: map[string]string{apiclient.FFirstName: "Mallory", apiclient.FLastName: "Other"}})
	require.NoError(t, err)
	require.Equal(t, "new", res.Status)
	h := startLookup(t, c)
	scan(h, fakeserver.DemoCard)
	h.WaitFor(t, fakeserver.DemoFirstName+" "+fakeserver.DemoLastName, "Balances")
	net.down.Store(true)
	scan(h, fakeserver.DemoCard)
	h.WaitForNew(t, "offline — balances as of ")
	net.down.Store(false)
	h.WaitForNew(t, "Back online: ")
	after := h.All()[strings.LastIndex(h.All(), "Back online"):]
	require.Contains(t, after, "Back online: "+fakeserver.DemoFirstName+" "+fakeserver.DemoLastName+"'s balances")
	require.NotContains(t, after, "Mallory")
}
