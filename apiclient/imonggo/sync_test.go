package imonggo_test

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient/fakeserver/imonggofake"
	"loyaltydesk/apiclient/imonggo"
)

func newSync(t *testing.T, e *env, dir string, full bool) *imonggo.Sync {
	t.Helper()
	s, err := imonggo.NewSync(e.client, imonggo.SyncOptions{StateDir: dir, Full: full})
	require.NoError(t, err)
	return s
}

func ids(cs []imonggo.Customer) []int64 {
	out := make([]int64, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

// activeIDs returns n ids of customers that are not deleted.
func activeIDs(t *testing.T, e *env, n int) []int64 {
	var out []int64
	for _, id := range e.fake.IDs() {
		if c, _ := e.fake.Customer(id); c["status"] != "D" && len(out) < n {
			out = append(out, id)
		}
	}
	require.Len(t, out, n)
	return out
}

func TestFirstSyncReturnsAllThenOnlyChanges(t *testing.T) {
	e := newEnv(t, imonggofake.Options{Seed: 5})
	dir := filepath.Join(t.TempDir(), "state")
	s := newSync(t, e, dir, false)

	first, err := s.Changes(ctx(t))
	require.NoError(t, err)
	require.Len(t, append(first.Customers, first.Deleted...), imonggofake.DefaultCustomers)
	require.NotEmpty(t, first.Deleted, "the seed has deleted customers")
	for _, c := range first.Deleted {
		require.True(t, c.Deleted())
	}
	for _, c := range first.Customers {
		require.False(t, c.Deleted())
	}
	require.True(t, slices.IsSorted(ids(first.Customers)))
	require.True(t, first.Mark.Since.IsZero())
	require.Equal(t, e.fake.LastUpdatedAt(), first.Mark.Until)
	_, err = os.Stat(s.StatePath())
	require.ErrorIs(t, err, os.ErrNotExist, "nothing is stored before Commit")

	require.NoError(t, s.Commit(first.Mark))
	info, err := os.Stat(s.StatePath())
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	prev, err := s.Previous()
	require.NoError(t, err)
	require.Equal(t, first.Mark.Until, prev)

	act := activeIDs(t, e, 3)
	e.clock.Advance(time.Minute)
	require.NoError(t, e.fake.Touch(act[0]))
	require.NoError(t, e.fake.Set(act[1], imonggofake.Fields{"email": "new@example.com"}))
	require.NoError(t, e.fake.Delete(act[2]))
	added, err := e.fake.Add(imonggofake.Fields{"name": "Nora Navarro"})
	require.NoError(t, err)

	second, err := newSync(t, e, dir, false).Changes(ctx(t))
	require.NoError(t, err)
	require.Equal(t, []int64{act[0], act[1], added}, ids(second.Customers))
	require.Equal(t, []int64{act[2]}, ids(second.Deleted))
	require.Equal(t, first.Mark.Until, second.Mark.Since)
	require.Equal(t, "new@example.com", *second.Customers[1].Email)
}

func TestFailedImportDoesNotAdvance(t *testing.T) {
	e := newEnv(t, imonggofake.Options{Seed: 5})
	dir := t.TempDir()
	s := newSync(t, e, dir, false)
	first, err := s.Changes(ctx(t))
	require.NoError(t, err)
	require.NoError(t, s.Commit(first.Mark))

	id := activeIDs(t, e, 1)[0]
	e.clock.Advance(time.Minute)
	require.NoError(t, e.fake.Touch(id))
	changes, err := s.Changes(ctx(t))
	require.NoError(t, err)
	require.Equal(t, []int64{id}, ids(changes.Customers))
	// the import failed: no Commit

	prev, err := s.Previous()
	require.NoError(t, err)
	require.Equal(t, first.Mark.Until, prev, "the stored date stays")
	again, err := s.Changes(ctx(t))
	require.NoError(t, err)
	require.Equal(t, []int64{id}, ids(again.Customers), "the same changes come again")

	require.NoError(t, s.Commit(again.Mark))
	none, err := s.Changes(ctx(t))
	require.NoError(t, err)
	require.Empty(t, none.Customers)
	require.Empty(t, none.Deleted)
	require.NoError(t, s.Commit(none.Mark))
}

func TestFullSyncIgnoresStoredDate(t *testing.T) {
	e := newEnv(t, imonggofake.Options{Seed: 5})
	dir := t.TempDir()
	s := newSync(t, e, dir, false)
	first, err := s.Changes(ctx(t))
	require.NoError(t, err)
	require.NoError(t, s.Commit(first.Mark))

	full, err := newSync(t, e, dir, true).Changes(ctx(t))
	require.NoError(t, err)
	require.Len(t, append(full.Customers, full.Deleted...), imonggofake.DefaultCustomers)
	require.True(t, full.Mark.Since.IsZero())
}

func TestDamagedStateIsReportedAndFullRepairsIt(t *testing.T) {
	e := newEnv(t, imonggofake.Options{Seed: 5, Customers: 3})
	dir := t.TempDir()
	s := newSync(t, e, dir, false)
	require.NoError(t, os.WriteFile(s.StatePath(), []byte("{not json"), 0o600))
	_, err := s.Changes(ctx(t))
	require.ErrorContains(t, err, "damaged")
	require.ErrorContains(t, err, "full sync")

	full := newSync(t, e, dir, true)
	ch, err := full.Changes(ctx(t))
	require.NoError(t, err)
	require.NoError(t, full.Commit(ch.Mark))
	_, err = s.Changes(ctx(t))
	require.NoError(t, err)
}

func TestStateOfAnotherAccountIsRefused(t *testing.T) {
	e := newEnv(t, imonggofake.Options{Seed: 5, Customers: 3})
	s := newSync(t, e, t.TempDir(), false)
	data, _ := json.Marshal(map[string]string{"account": "someone-else", "previous_last_updated_date": "2020-01-01T00:00:00Z"})
	require.NoError(t, os.WriteFile(s.StatePath(), data, 0o600))
	_, err := s.Changes(ctx(t))
	require.ErrorContains(t, err, "someone-else")
}

func TestServerOlderThanStateIsAnError(t *testing.T) {
	e := newEnv(t, imonggofake.Options{Seed: 5, Customers: 3})
	s := newSync(t, e, t.TempDir(), false)
	future := e.fake.LastUpdatedAt().Add(24 * time.Hour)
	data, _ := json.Marshal(map[string]any{"account": "demo", "previous_last_updated_date": future})
	require.NoError(t, os.WriteFile(s.StatePath(), data, 0o600))
	_, err := s.Changes(ctx(t))
	require.ErrorContains(t, err, "run a full sync")

	full := newSync(t, e, filepath.Dir(s.StatePath()), true)
	ch, err := full.Changes(ctx(t))
	require.NoError(t, err)
	require.NoError(t, full.Commit(ch.Mark))
	prev, err := s.Previous()
	require.NoError(t, err)
	require.Equal(t, ch.Mark.Until, prev, "a full sync may move the date back")
}

func TestCommitNeverMovesBackAndChecksTheMark(t *testing.T) {
	e := newEnv(t, imonggofake.Options{Seed: 5})
	dir := t.TempDir()
	a, b := newSync(t, e, dir, false), newSync(t, e, dir, false)
	older, err := a.Changes(ctx(t))
	require.NoError(t, err)
	e.clock.Advance(time.Minute)
	require.NoError(t, e.fake.Touch(1))
	newer, err := b.Changes(ctx(t))
	require.NoError(t, err)
	require.NoError(t, b.Commit(newer.Mark))
	require.NoError(t, a.Commit(older.Mark))
	prev, err := a.Previous()
	require.NoError(t, err)
	require.Equal(t, newer.Mark.Until, prev)

	require.Error(t, a.Commit(imonggo.Mark{Until: time.Now()}), "a mark not made by a sync")
	other := newEnv(t, imonggofake.Options{Seed: 5, Customers: 3})
	otherClient, err := imonggo.New(imonggo.Options{BaseURL: other.url + "/api/", Token: imonggofake.DemoToken, Account: "other"})
	require.NoError(t, err)
	otherSync, err := imonggo.NewSync(otherClient, imonggo.SyncOptions{StateDir: dir})
	require.NoError(t, err)
	require.Error(t, otherSync.Commit(newer.Mark), "another account's mark")
}

func TestEmptyAccountSyncsNothing(t *testing.T) {
	e := newEnv(t, imonggofake.Options{Customers: -1})
	s := newSync(t, e, t.TempDir(), false)
	ch, err := s.Changes(ctx(t))
	require.NoError(t, err)
	require.Empty(t, ch.Customers)
	require.NoError(t, s.Commit(ch.Mark))
	_, err = os.Stat(s.StatePath())
	require.ErrorIs(t, err, os.ErrNotExist)
}

// A customer updated while the pages are read leaves the window and shifts
// the later pages by one: the sync must notice and read the window again.
func TestChangeDuringPagingIsNotMissed(t *testing.T) {
	var e *env
	var lists atomic.Int32
	touchOnSecondPage := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			q := r.URL.Query()
			if q.Get("q") == "" && q.Get("page") == "2" && lists.Add(1) == 1 {
				e.clock.Advance(time.Minute)
				if err := e.fake.Touch(5); err != nil { // on page 1, already read
					t.Error(err)
				}
			}
			h.ServeHTTP(w, r)
		})
	}
	e = newEnv(t, imonggofake.Options{Seed: 5}, touchOnSecondPage)
	ch, err := newSync(t, e, t.TempDir(), false).Changes(ctx(t))
	require.NoError(t, err)
	got := append(ids(ch.Customers), ids(ch.Deleted)...)
	slices.Sort(got)
	require.Equal(t, e.fake.IDs(), got, "every customer, the shifted one included")
	require.Equal(t, int32(2), lists.Load(), "the window was read twice")
}

func TestServerIgnoringPagesIsAnError(t *testing.T) {
	samePage := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			q := r.URL.Query()
			q.Del("page")
			r.URL.RawQuery = q.Encode()
			h.ServeHTTP(w, r)
		})
	}
	e := newEnv(t, imonggofake.Options{Seed: 5}, samePage)
	_, err := newSync(t, e, t.TempDir(), false).Changes(ctx(t))
	require.ErrorContains(t, err, "ignore paging")
}

func TestSyncReportsProgressAndErrors(t *testing.T) {
	e := newEnv(t, imonggofake.Options{Seed: 5})
	var seen []int
	s, err := imonggo.NewSync(e.client, imonggo.SyncOptions{StateDir: t.TempDir(), Progress: func(n int) { seen = append(seen, n) }})
	require.NoError(t, err)
	_, err = s.Changes(ctx(t))
	require.NoError(t, err)
	require.Equal(t, []int{100, imonggofake.DefaultCustomers}, seen)

	e.fake.FailNext(http.StatusInternalServerError)
	_, err = s.Changes(ctx(t))
	var se *imonggo.ServerError
	require.ErrorAs(t, err, &se)

	_, err = imonggo.NewSync(e.client, imonggo.SyncOptions{})
	var ae *imonggo.ArgumentError
	require.ErrorAs(t, err, &ae)
}

func TestResetForgetsTheDate(t *testing.T) {
	e := newEnv(t, imonggofake.Options{Seed: 5, Customers: 3})
	s := newSync(t, e, t.TempDir(), false)
	ch, err := s.Changes(ctx(t))
	require.NoError(t, err)
	require.NoError(t, s.Commit(ch.Mark))
	require.NoError(t, s.Reset())
	require.NoError(t, s.Reset(), "twice is fine")
	prev, err := s.Previous()
	require.NoError(t, err)
	require.True(t, prev.IsZero())
}
