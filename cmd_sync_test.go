package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/apiclient/fakeserver/imonggofake"
	"loyaltydesk/apiclient/imonggo"
)

func (h *headless) syncImonggo(t *testing.T, args ...string) ran {
	return h.run(t, runSync, input{}, append([]string{"sync", "imonggo", "--campaigns", campaign, "--yes"}, args...)...)
}

// imonggoCodes returns the codes of the Imonggo customers, active and
// deleted, sorted.
func (h *headless) imonggoCodes() (active, deleted []string) {
	for _, id := range h.imonggo.IDs() {
		c, _ := h.imonggo.Customer(id)
		if c["status"] == "D" {
			deleted = append(deleted, c["code"])
		} else {
			active = append(active, c["code"])
		}
	}
	slices.Sort(active)
	slices.Sort(deleted)
	return active, deleted
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// storedSyncDate reads the date the sync keeps in the state directory.
func (h *headless) storedSyncDate(t *testing.T) time.Time {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(h.stateDir, "imonggo-*.json"))
	require.NoError(t, err)
	require.Len(t, files, 1)
	data, err := os.ReadFile(files[0])
	require.NoError(t, err)
	var st struct {
		Date time.Time `json:"previous_last_updated_date"`
	}
	require.NoError(t, json.Unmarshal(data, &st))
	return st.Date
}

// The first sync imports every active customer and lists the deleted ones;
// the next sends only the customers changed since; with no change, nothing.
func TestSyncImportsAllThenOnlyTheChanges(t *testing.T) {
	h := newHeadless(t)
	active, deleted := h.imonggoCodes()
	require.NotEmpty(t, deleted, "the seed has deleted customers")

	r := h.syncImonggo(t)
	require.NoError(t, r.err)
	assert.Contains(t, r.out, "first sync, fetching every customer.")
	assert.Contains(t, r.out, "NOT deleted on the loyalty side automatically")
	for _, code := range deleted {
		assert.Contains(t, r.out, "code "+code+", ")
	}
	assert.Equal(t, active, sorted(h.batchCodes(t)), "every active customer, and only those, is sent")
	for _, code := range active {
		_, ok := h.loyalty.Customer(code)
		assert.True(t, ok, "customer %s is in the loyalty account", code)
	}
	assert.Equal(t, h.imonggo.LastUpdatedAt(), h.storedSyncDate(t))

	h.loyalty.ResetRequests()
	h.clock.Advance(time.Minute)
	ids := h.imonggo.IDs()
	touched, changed := firstActive(h, ids, 0), firstActive(h, ids, 1)
	require.NoError(t, h.imonggo.Touch(touched))
	require.NoError(t, h.imonggo.Set(changed, imonggofake.Fields{"email": "changed@example.com"}))
	_, err := h.imonggo.Add(imonggofake.Fields{"first_name": "Nina", "last_name": "New", "code": "N0001"})
	require.NoError(t, err)

	r = h.syncImonggo(t)
	require.NoError(t, r.err)
	assert.Contains(t, r.out, "3 customers changed, 0 of them deleted in Imonggo.")
	assert.Equal(t, sorted([]string{codeOf(h, touched), codeOf(h, changed), "N0001"}), sorted(h.batchCodes(t)))
	changedCust, _ := h.loyalty.Customer(codeOf(h, changed))
	assert.Equal(t, "changed@example.com", changedCust.Email)
	nina, ok := h.loyalty.Customer("N0001")
	require.True(t, ok)
	assert.Equal(t, "Nina", nina.FirstName)

	h.loyalty.ResetRequests()
	r = h.syncImonggo(t)
	require.NoError(t, r.err)
	assert.Contains(t, r.out, "0 customers changed")
	assert.Contains(t, r.out, "Nothing to import.")
	assert.Empty(t, h.loyalty.RequestsOf("customers_batch"))
}

func firstActive(h *headless, ids []int64, skip int) int64 {
	for _, id := range ids {
		if c, _ := h.imonggo.Customer(id); c["status"] != "D" {
			if skip == 0 {
				return id
			}
			skip--
		}
	}
	return 0
}

func codeOf(h *headless, id int64) string {
	c, _ := h.imonggo.Customer(id)
	return c["code"]
}

// A sync whose import fails does not store the date, so the next sync
// fetches and imports the same customers again.
func TestSyncFailedImportKeepsTheDate(t *testing.T) {
	h := newHeadless(t)
	require.NoError(t, h.syncImonggo(t).err)
	first := h.storedSyncDate(t)

	h.clock.Advance(time.Minute)
	ids := h.imonggo.IDs()
	a, b := firstActive(h, ids, 0), firstActive(h, ids, 1)
	require.NoError(t, h.imonggo.Touch(a))
	require.NoError(t, h.imonggo.Touch(b))
	for n := range 3 {
		h.loyalty.FailCall("customers_batch", n+1, fakeserver.FaultHTTP500)
	}
	r := h.syncImonggo(t)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.out, "The sync date was not stored: the next sync fetches these customers again.")
	assert.ErrorContains(t, r.err, "run the sync again to go on")
	assert.Equal(t, first, h.storedSyncDate(t), "the date stays")

	h.loyalty.ResetRequests()
	r = h.syncImonggo(t)
	require.NoError(t, r.err)
	assert.Equal(t, sorted([]string{codeOf(h, a), codeOf(h, b)}), sorted(h.batchCodes(t)))
	assert.Equal(t, h.imonggo.LastUpdatedAt(), h.storedSyncDate(t))
	assert.True(t, h.storedSyncDate(t).After(first))
}

// Customers the loyalty side cannot take are reported, the date is stored
// and the exit code says so.
func TestSyncReportsRejectedCustomers(t *testing.T) {
	h := newHeadless(t)
	require.NoError(t, h.syncImonggo(t).err)
	h.clock.Advance(time.Minute)
	id := firstActive(h, h.imonggo.IDs(), 0)
	// Valid for Imonggo, not for the loyalty account's e-mail check.
	require.NoError(t, h.imonggo.Set(id, imonggofake.Fields{"email": "Ann <ann@example.com>"}))

	r := h.syncImonggo(t)
	assert.Equal(t, exitRejected, r.code)
	assert.Contains(t, r.out, "customer "+codeOf(h, id)+" (Imonggo id ")
	assert.Contains(t, r.out, "is not an e-mail address")
	assert.ErrorContains(t, r.err, "1 changed customer not imported (1 rejected, 0 without a code)")
	assert.Equal(t, h.imonggo.LastUpdatedAt(), h.storedSyncDate(t), "rows that cannot be imported do not hold the sync back")
	files, _ := filepath.Glob(filepath.Join(h.stateDir, "imonggo-*.rejected.csv"))
	require.Len(t, files, 1)
	assert.Len(t, readCSV(t, files[0]), 2)
}

// Without Imonggo settings in the profile the sync says what to add.
func TestSyncNeedsImonggoSettings(t *testing.T) {
	h := newHeadless(t)
	h.writeConfig(t, "")
	r := h.syncImonggo(t)
	assert.Equal(t, 1, r.code)
	assert.ErrorContains(t, r.err, `profile "shop" has no Imonggo settings: add to `+h.config)
	assert.ErrorContains(t, r.err, "[profiles.shop.imonggo]")

	h.writeConfig(t, "[profiles.shop.imonggo]\naccount = \"myshop\"\n")
	r = h.syncImonggo(t)
	assert.ErrorContains(t, r.err, `profile "shop" has no Imonggo API token`)

	h.writeConfig(t, "[profiles.shop.imonggo]\nbase_url = \""+h.url+"/api\"\ntoken = \"wrong\"\n")
	r = h.syncImonggo(t)
	assert.ErrorIs(t, r.err, imonggo.ErrUnauthorized)
	assert.NotContains(t, r.err.Error(), "wrong", "the token is not shown")
	assert.Empty(t, h.loyalty.RequestsOf("customers_batch"))
}

// --demo syncs the built-in fakes, through dispatch; the second run is
// incremental.
func TestSyncDemo(t *testing.T) {
	h := newHeadless(t)
	args := []string{"sync", "imonggo", "--demo", "--campaigns", campaign, "--yes"}
	var out bytes.Buffer
	require.NoError(t, dispatch(args, &out, &out))
	assert.Contains(t, out.String(), "Imonggo account demo: first sync")
	assert.Contains(t, out.String(), "Sync date stored")

	out.Reset()
	require.NoError(t, dispatch(args, &out, &out))
	assert.Contains(t, out.String(), "Imonggo account demo: fetching the customers changed since")
	assert.FileExists(t, filepath.Join(h.stateDir, "demo", "imonggo-demo.json"))
}

// A field Imonggo leaves empty (nil) does not wipe the loyalty customer's.
func TestSyncKeepsFieldsImonggoLeavesEmpty(t *testing.T) {
	h := newHeadless(t)
	var janeID int64
	for _, id := range h.imonggo.IDs() {
		if codeOf(h, id) == fakeserver.DemoCode {
			janeID = id
		}
	}
	require.NotZero(t, janeID, "the Imonggo seed shares Jane's code")
	require.NoError(t, h.imonggo.Set(janeID, imonggofake.Fields{"first_name": "Janet", "email": "", "status": ""}))
	r := h.syncImonggo(t)
	require.NoError(t, r.err)
	jane, ok := h.loyalty.Customer(fakeserver.DemoCode)
	require.True(t, ok)
	assert.Equal(t, "Janet", jane.FirstName, "what Imonggo has is imported")
	assert.Equal(t, "jdoe@email.com", jane.Email, "what Imonggo leaves empty is kept")
}
