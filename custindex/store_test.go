package custindex

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/fakeserver"
)

func fakeClient(t *testing.T, customers int) (*fakeserver.Server, *apiclient.Client) {
	t.Helper()
	fake := fakeserver.New(fakeserver.Options{Customers: customers})
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	api, err := apiclient.New(apiclient.Options{BaseURL: srv.URL, Credentials: apiclient.Credentials{
		UserID: fakeserver.DemoUserID, Password: fakeserver.DemoPassword, AccountID: fakeserver.DemoAccountID}})
	require.NoError(t, err)
	return fake, api
}

// waitIdle waits until the store has finished its update.
func waitIdle(t *testing.T, s *Store) Status {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		st := s.Status()
		if st.Phase == Idle && !s.isRunning() {
			return st
		}
		select {
		case <-st.Changed:
		case <-deadline:
			t.Fatal("the store did not finish its update")
		}
	}
}

func (s *Store) isRunning() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.running
}

func reportCalls(fake *fakeserver.Server) []string {
	var lasts []string
	for _, r := range fake.RequestsOf("reports") {
		lasts = append(lasts, r.Form.Get("last"))
	}
	return lasts
}

func TestStoreBuildsSavesAndUpdatesWithLast(t *testing.T) {
	fake, api := fakeClient(t, 300)
	dir := t.TempDir()
	s := NewStore(context.Background(), filepath.Join(dir, "customers.idx"), "acct", nil)
	s.Refresh(api, time.Minute)
	st := waitIdle(t, s)
	require.NoError(t, st.Err)
	require.Equal(t, fake.CustomerCount(), st.Index.Len())
	assert.Equal(t, []string{"0"}, reportCalls(fake), "a first build asks for every customer")

	// A change on the server, then a restart: the file is loaded and only
	// the change is fetched.
	_, err := api.SaveCustomer(context.Background(), apiclient.SaveCustomerRequest{
		Action: apiclient.ActionEdit, Code: fakeserver.DemoCode, Fields: map[string]string{apiclient.FLastName: "Doe-Newname"}})
	require.NoError(t, err)
	fake.ResetRequests()
	restarted := NewStore(context.Background(), filepath.Join(dir, "customers.idx"), "acct", nil)
	restarted.now = func() time.Time { return time.Now().Add(time.Hour) }
	restarted.Refresh(api, time.Minute)
	st = waitIdle(t, restarted)
	require.NoError(t, st.Err)
	calls := reportCalls(fake)
	require.Len(t, calls, 1)
	assert.NotEqual(t, "0", calls[0], "the saved last ID is used")
	assert.Equal(t, fake.CustomerCount(), st.Index.Len(), "the changed customer replaced, not added")
	res := st.Index.Search("newname", 5, nil, nil)
	require.Equal(t, 1, res.Total)
	assert.Equal(t, fakeserver.DemoCode, res.Entries[0].Code)
}

func TestStoreRebuildsWithoutALastID(t *testing.T) {
	fake, api := fakeClient(t, 50)
	path := filepath.Join(t.TempDir(), "customers.idx")
	require.NoError(t, Save(path, Saved{Index: sample(), LastID: "", Synced: time.Now().Add(-time.Hour), Source: "acct"}))
	s := NewStore(context.Background(), path, "acct", nil)
	s.Refresh(api, time.Minute)
	st := waitIdle(t, s)
	require.NoError(t, st.Err)
	assert.Equal(t, []string{"0"}, reportCalls(fake), "no last ID saved: a full report")
	assert.Equal(t, fake.CustomerCount(), st.Index.Len())
}

func TestStoreIgnoresAnotherAccountsFileAndKeepsTheIndexWhenOffline(t *testing.T) {
	fake, api := fakeClient(t, 20)
	path := filepath.Join(t.TempDir(), "customers.idx")
	require.NoError(t, Save(path, Saved{Index: sample(), LastID: "5", Synced: time.Now().Add(-time.Hour), Source: "other"}))
	s := NewStore(context.Background(), path, "acct", nil)
	s.Refresh(api, time.Minute)
	st := waitIdle(t, s)
	require.NoError(t, st.Err)
	assert.Equal(t, fake.CustomerCount(), st.Index.Len())

	fake.FailNext(1, fakeserver.FaultHTTP500)
	s.now = func() time.Time { return time.Now().Add(time.Hour) }
	s.Refresh(api, time.Minute)
	st = waitIdle(t, s)
	require.Error(t, st.Err)
	assert.Equal(t, fake.CustomerCount(), st.Index.Len(), "the index stays usable")
}

func TestRegistryGivesOneStorePerProfile(t *testing.T) {
	r := NewRegistry(context.Background(), nil)
	a, b := filepath.Join(t.TempDir(), "a.idx"), filepath.Join(t.TempDir(), "b.idx")
	assert.Same(t, r.For(a, "x"), r.For(a, "x"))
	assert.NotSame(t, r.For(a, "x"), r.For(b, "x"))
	assert.NotSame(t, r.For(a, "x"), r.For(a, "y"), "another account in the same dir")
}

func TestFreshFileIsUsedWithoutAskingTheService(t *testing.T) {
	fake, api := fakeClient(t, 20)
	path := filepath.Join(t.TempDir(), "customers.idx")
	require.NoError(t, Save(path, Saved{Index: sample(), LastID: "5", Synced: time.Now(), Source: "acct"}))
	s := NewStore(context.Background(), path, "acct", nil)
	s.Refresh(api, time.Minute)
	st := waitIdle(t, s)
	assert.Equal(t, 4, st.Index.Len())
	assert.Empty(t, reportCalls(fake))
	_, err := os.Stat(path)
	require.NoError(t, err)
}

// An index read whole more than a day ago is read whole again: the
// report's last gives no deleted customers.
func TestStoreRebuildsADayOldIndex(t *testing.T) {
	fake, api := fakeClient(t, 30)
	path := filepath.Join(t.TempDir(), "customers.idx")
	s := NewStore(context.Background(), path, "acct", nil)
	s.Refresh(api, time.Minute)
	require.NoError(t, waitIdle(t, s).Err)

	fake.ResetRequests()
	later := NewStore(context.Background(), path, "acct", nil)
	later.now = func() time.Time { return time.Now().Add(rebuildAge + time.Hour) }
	later.Refresh(api, time.Minute)
	require.NoError(t, waitIdle(t, later).Err)
	assert.Equal(t, []string{"0"}, reportCalls(fake))

	saved, err := Load(path)
	require.NoError(t, err)
	assert.True(t, saved.Built.After(time.Now()), "the new build's time is saved")
}

// heldReporter reads the report, then holds its answer until released:
// an update that has read the report before a change.
type heldReporter struct {
	api     Reporter
	calls   atomic.Int32
	held    chan struct{}
	release chan struct{}
}

func (h *heldReporter) CustomersReportSince(ctx context.Context, f apiclient.ReportFilter, fn func(apiclient.Customer) error) (string, error) {
	last, err := h.api.CustomersReportSince(ctx, f, fn)
	if h.calls.Add(1) == 1 {
		close(h.held)
		<-h.release
	}
	return last, err
}

// A customer saved while an update is on its way (which read the report
// before the save) is in the index once the store is idle again.
func TestRefreshAtOnceDuringAnUpdateUpdatesAgain(t *testing.T) {
	_, api := fakeClient(t, 50)
	held := &heldReporter{api: api, held: make(chan struct{}), release: make(chan struct{})}
	s := NewStore(context.Background(), filepath.Join(t.TempDir(), "customers.idx"), "acct", nil)
	s.Refresh(held, time.Minute)
	<-held.held
	_, err := api.SaveCustomer(context.Background(), apiclient.SaveCustomerRequest{
		Action: apiclient.ActionNew, NewCode: true, Fields: map[string]string{apiclient.FFirstName: "Quintessa", apiclient.FLastName: "Walksixteen"}})
	require.NoError(t, err)
	s.Refresh(held, 0)
	close(held.release)
	st := waitIdle(t, s)
	require.NoError(t, st.Err)
	assert.Equal(t, 1, st.Index.Search("walksixteen", 10, nil, nil).Total)
	assert.EqualValues(t, 2, held.calls.Load(), "one update more, for the changes only")
}

// An update that finds nothing new leaves the file as it is: rewriting the
// whole index (tens of MB at a large account) on every search opened or
// SSH login was for nothing. The freshness shown still moves on.
func TestAnUpdateWithNoChangesDoesNotRewriteTheFile(t *testing.T) {
	fake, api := fakeClient(t, 300)
	path := filepath.Join(t.TempDir(), "customers.idx")
	s := NewStore(context.Background(), path, "acct", nil)
	s.Refresh(api, time.Minute)
	first := waitIdle(t, s)
	require.NoError(t, first.Err)
	before, err := os.Stat(path)
	require.NoError(t, err)

	later := time.Now().Add(time.Hour)
	s.now = func() time.Time { return later }
	fake.ResetRequests()
	s.Refresh(api, time.Minute)
	st := waitIdle(t, s)
	require.NoError(t, st.Err)
	require.Len(t, reportCalls(fake), 1, "the service was asked")
	after, err := os.Stat(path)
	require.NoError(t, err)
	assert.True(t, os.SameFile(before, after), "the file was written again")
	assert.Equal(t, later, st.Synced)
	assert.Same(t, first.Index, st.Index)
}
