package fakeserver_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/fakeserver"
)

func TestFaultHTTP500(t *testing.T) {
	eachFormat(t, func(t *testing.T, f apiclient.Format) {
		e := newEnv(t, f)
		ctx := context.Background()
		e.srv.FailNext(1, fakeserver.FaultHTTP500)
		_, err := e.c.SaveCustomer(ctx, apiclient.SaveCustomerRequest{Code: fakeserver.DemoCode, Fields: map[string]string{apiclient.FPhone: "555-0500"}})
		var herr *apiclient.HTTPError
		require.ErrorAs(t, err, &herr)
		assert.Equal(t, http.StatusInternalServerError, herr.StatusCode)
		jane, _ := e.srv.Customer(fakeserver.DemoCode)
		assert.Equal(t, "555-5555", jane.Phone, "a 500 is answered before the call is processed")
		_, err = e.c.AccountInfo(ctx)
		require.NoError(t, err, "only the next request failed")
		assert.Equal(t, fakeserver.FaultHTTP500, e.srv.RequestsOf("record_customer")[0].Fault)
	})
}

func TestFaultHTMLPage(t *testing.T) {
	eachFormat(t, func(t *testing.T, f apiclient.Format) {
		e := newEnv(t, f)
		e.srv.FailNext(1, fakeserver.FaultHTMLPage)
		_, err := e.c.CustomerInfo(context.Background(), apiclient.CustomerQuery{CardNumber: fakeserver.DemoCard})
		var herr *apiclient.HTTPError
		require.ErrorAs(t, err, &herr)
		assert.Equal(t, http.StatusBadGateway, herr.StatusCode)
		assert.Contains(t, herr.Excerpt, "502 Bad Gateway")
		assert.NotContains(t, herr.Excerpt, "<")
		assert.NotContains(t, herr.Excerpt, "font-family", "styles are not text")
		assert.NotContains(t, herr.Excerpt, "dataLayer", "scripts are not text")
		assert.LessOrEqual(t, utf8.RuneCountInString(herr.Excerpt), 161, "short")
	})
}

func TestFaultTruncated(t *testing.T) {
	eachFormat(t, func(t *testing.T, f apiclient.Format) {
		e := newEnv(t, f)
		ctx := context.Background()
		e.srv.FailNext(2, fakeserver.FaultTruncated)
		_, err := e.c.AccountInfo(ctx)
		var derr *apiclient.DecodeError
		require.ErrorAs(t, err, &derr)
		assert.Equal(t, f, derr.Format)
		err = e.c.CustomersReport(ctx, apiclient.ReportFilter{}, func(apiclient.Customer) error { return nil })
		require.ErrorAs(t, err, &derr, "a report cut short is an error, even after some customers")
		_, err = e.c.AccountInfo(ctx)
		require.NoError(t, err)
	})
}

// A lost answer: the save is made, the client gets a transport error and
// retries; the retry must not create a second customer.
func TestFaultLostAnswerRetryCreatesOne(t *testing.T) {
	eachFormat(t, func(t *testing.T, f apiclient.Format) {
		e := newEnv(t, f)
		ctx := context.Background()
		count := e.srv.CustomerCount()
		req := apiclient.SaveCustomerRequest{Action: apiclient.ActionNew, CardNumber: "44004400",
			Fields: map[string]string{apiclient.FFirstName: "Mereana", apiclient.FLastName: "Tui"}}
		e.srv.FailNext(1, fakeserver.FaultLostAnswer)
		_, err := e.c.SaveCustomer(ctx, req)
		var terr *apiclient.TransportError
		require.ErrorAs(t, err, &terr)
		assert.Equal(t, count+1, e.srv.CustomerCount(), "the request was processed")

		res, err := e.c.SaveCustomer(ctx, req)
		require.NoError(t, err)
		assert.Equal(t, apiclient.SaveCustomerResult{Status: "update", Code: "44004400"}, res)
		assert.Equal(t, count+1, e.srv.CustomerCount(), "the retry found the customer the lost answer made")
		assert.Len(t, e.srv.CustomersByCard("44004400"), 1)
		assert.Len(t, e.srv.RequestsOf("record_customer"), 2)
	})
}

// FailCall fails one chunk of an import; the chunks before it are in, the
// failed one changed nothing, and resuming at it completes the import.
func TestFailCallResumesImport(t *testing.T) {
	eachFormat(t, func(t *testing.T, f apiclient.Format) {
		e := newEnv(t, f)
		ctx := context.Background()
		chunk := func(k int) apiclient.BatchRequest {
			return apiclient.BatchRequest{Headers: []string{"code", "first_name"},
				Rows:      [][]string{{"C" + itoa(int64(k)) + "-1", "One"}, {"C" + itoa(int64(k)) + "-2", "Two"}},
				Campaigns: []string{fakeserver.PointsCampaignID}}
		}
		e.srv.FailCall("customers_batch", 3, fakeserver.FaultHTTP500)
		_, err := e.c.AccountInfo(ctx) // other calls do not count
		require.NoError(t, err)
		failed := 0
		for k := 1; k <= 4; k++ {
			if _, err := e.c.ImportBatch(ctx, chunk(k)); err != nil {
				var herr *apiclient.HTTPError
				require.ErrorAs(t, err, &herr)
				failed = k
				break
			}
		}
		require.Equal(t, 3, failed)
		_, ok := e.srv.Customer("C2-2")
		assert.True(t, ok)
		_, ok = e.srv.Customer("C3-1")
		assert.False(t, ok)
		for k := failed; k <= 4; k++ {
			_, err := e.c.ImportBatch(ctx, chunk(k))
			require.NoError(t, err)
		}
		_, ok = e.srv.Customer("C4-2")
		assert.True(t, ok)
	})
}

func TestFaultShares(t *testing.T) {
	e := newEnv(t, apiclient.XML)
	ctx := context.Background()
	e.srv.SetFaults(fakeserver.Faults{HTTP500: 1})
	for range 3 {
		_, err := e.c.AccountInfo(ctx)
		var herr *apiclient.HTTPError
		require.ErrorAs(t, err, &herr)
	}
	e.srv.SetFaults(fakeserver.Faults{HTTP500: 0.5, LostAnswer: 0.5})
	var http500, lost int
	for range 40 {
		_, err := e.c.AccountInfo(ctx)
		var herr *apiclient.HTTPError
		var terr *apiclient.TransportError
		switch {
		case errors.As(err, &herr):
			http500++
		case errors.As(err, &terr):
			lost++
		default:
			t.Fatalf("every request should fail, got %v", err)
		}
	}
	assert.Positive(t, http500)
	assert.Positive(t, lost)
	e.srv.ClearFaults()
	_, err := e.c.AccountInfo(ctx)
	require.NoError(t, err)
}

func TestLatencyAndCancellation(t *testing.T) {
	eachFormat(t, func(t *testing.T, f apiclient.Format) {
		e := newEnv(t, f)
		e.srv.SetFaults(fakeserver.Faults{Latency: time.Minute})

		ctx, cancel := context.WithCancel(context.Background())
		errc := make(chan error, 1)
		go func() {
			_, err := e.c.CustomerInfo(ctx, apiclient.CustomerQuery{CardNumber: fakeserver.DemoCard})
			errc <- err
		}()
		require.Eventually(t, func() bool { return len(e.srv.Requests()) == 1 }, 5*time.Second, time.Millisecond)
		cancel()
		err := <-errc
		var terr *apiclient.TransportError
		require.ErrorAs(t, err, &terr)
		assert.ErrorIs(t, err, context.Canceled)
		assert.False(t, terr.Timeout)

		dl, cancelDL := context.WithTimeout(context.Background(), 20*time.Millisecond)
		defer cancelDL()
		_, err = e.c.AccountInfo(dl)
		require.ErrorAs(t, err, &terr)
		assert.True(t, terr.Timeout)
		assert.NotContains(t, err.Error(), fakeserver.DemoPassword)
		e.srv.ClearFaults()
	})
}

func TestFaultKindNames(t *testing.T) {
	names := map[string]bool{}
	for _, k := range []fakeserver.FaultKind{fakeserver.NoFault, fakeserver.FaultHTTP500, fakeserver.FaultHTMLPage, fakeserver.FaultTruncated, fakeserver.FaultLostAnswer} {
		assert.NotEqual(t, "unknown fault", k.String())
		names[k.String()] = true
	}
	assert.Len(t, names, 5)
	assert.True(t, strings.Contains(fakeserver.FaultLostAnswer.String(), "lost"))
}
