package custindex

import (
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
)

func sample() *Index {
	b := NewBuilder(4)
	b.Add(apiclient.Customer{Code: "1", FirstName: "Zoë", LastName: "Kowalski", Email: "zoe@example.com", Phone: "(555) 123-4567"})
	b.Add(apiclient.Customer{Code: "2", FirstName: "José", LastName: "Álvarez", Email: "Jose@Example.org", Phone: "555 987 6543"})
	b.Add(apiclient.Customer{Code: "3", FirstName: "Joseph", LastName: "Miller", Email: "jm@example.org", CardNumber: "40001234"})
	b.Add(apiclient.Customer{Code: "X-4", FirstName: "Mary", LastName: "Josephs", CardNumber: "4000"})
	return b.Index()
}

func codes(res *Result) []string {
	var out []string
	for _, e := range res.Entries {
		out = append(out, e.Code)
	}
	return out
}

func TestSearchMatchesEveryWordFoldedAndRanks(t *testing.T) {
	ix := sample()
	search := func(q string) []string { return codes(ix.Search(q, 10, nil, nil)) }
	assert.Equal(t, []string{"1"}, search("zoe"), "accents are folded")
	assert.Equal(t, []string{"2", "3", "X-4"}, search("jos"), "name prefixes before other substrings")
	assert.Equal(t, []string{"2"}, search("JOSE alv"), "every word must match, case ignored")
	assert.Equal(t, []string{"1"}, search("555-123"), "phone punctuation is ignored")
	assert.Equal(t, []string{"1"}, search("(555) 123 4567"), "a phone number with spaces is one number")
	assert.Equal(t, []string{"1"}, search("5551234567"), "an exact phone")
	assert.Equal(t, []string{"3"}, search("40001234"))
	assert.Equal(t, []string{"X-4", "3"}, search("4000"), "an exact card comes first")
	assert.Equal(t, []string{"X-4"}, search("x-4"), "an exact code")
	assert.Equal(t, []string{"2", "3"}, search("example.org"))
	assert.Equal(t, []string{"2"}, search("jose@example.org"))
	assert.Empty(t, search("nobody"))
	assert.Empty(t, search("   "))
	assert.Empty(t, search("\x00"), "a separator never matches")
}

func TestEntryKeepsWhatWasWritten(t *testing.T) {
	ix := sample()
	assert.Equal(t, Entry{Code: "2", Name: "José Álvarez", Email: "Jose@Example.org", Phone: "555 987 6543"}, ix.Entry(1))
	assert.Equal(t, Entry{Code: "3", Name: "Joseph Miller", Email: "jm@example.org", CardNumber: "40001234"}, ix.Entry(2))
	assert.Equal(t, []Entry{ix.Entry(3)}, ix.FindCard("4000"))
	assert.Empty(t, ix.FindCard("400"))
}

func TestControlCharactersDoNotBreakTheLayout(t *testing.T) {
	b := NewBuilder(1)
	b.Add(apiclient.Customer{Code: "7", FirstName: "Eve\x00\x01", LastName: "Null\x1b[2J"})
	ix := b.Index()
	require.True(t, ix.consistent())
	assert.Equal(t, "Eve   Null [2J", ix.Entry(0).Name)
}

// A file whose checksum is right but whose records lack separators (made
// by hand) reads as empty fields; nothing panics.
func TestRecordsWithoutSeparatorsReadAsEmptyFields(t *testing.T) {
	ix := &Index{search: []byte("ann\x01"), soff: []uint32{0, 4}, display: nil, doff: []uint32{0, 0}}
	require.True(t, ix.consistent())
	assert.Equal(t, Entry{Name: "ann"}, ix.Entry(0))
	assert.Equal(t, 1, ix.Search("ann", 5, nil, nil).Total)
	assert.Empty(t, ix.FindCard("ann"))
}

func TestTotalCountsBeyondTheLimit(t *testing.T) {
	ix := randomIndex(2000)
	res := ix.Search("a", 5, nil, nil)
	assert.Len(t, res.Entries, 5)
	assert.Greater(t, res.Total, 5)
}

func TestNarrowingMatchesAFullScan(t *testing.T) {
	ix := randomIndex(5000)
	var prev *Result
	for _, q := range []string{"a", "an", "ann", "anna", "ann", "ma", "mar ", "mar s", "mar si", "555"} {
		got := ix.Search(q, 1<<30, prev, nil)
		want := ix.Search(q, 1<<30, nil, nil)
		require.Equal(t, want.Total, got.Total, q)
		require.Equal(t, want.Entries, got.Entries, q)
		prev = got
	}
}

func TestAStaleSearchGivesUp(t *testing.T) {
	ix := randomIndex(3 * staleEvery)
	assert.Nil(t, ix.Search("a", 10, nil, func() bool { return true }))
}

func TestMergeReplacesChangedCustomers(t *testing.T) {
	ix := sample()
	merged := ix.Merge([]apiclient.Customer{
		{Code: "2", FirstName: "José", LastName: "Alvares", CardNumber: "777"},
		{Code: "5", FirstName: "New", LastName: "Person"},
	})
	require.Equal(t, 5, merged.Len())
	assert.Equal(t, 4, ix.Len(), "the old snapshot is untouched")
	assert.Equal(t, []string{"2"}, codes(merged.Search("alvares", 10, nil, nil)))
	assert.Empty(t, codes(merged.Search("álvarez", 10, nil, nil)))
	assert.Equal(t, []string{"5"}, codes(merged.Search("new per", 10, nil, nil)))
	assert.Equal(t, []string{"X-4"}, codes(merged.Search("x-4", 10, nil, nil)))
}

func TestSaveLoadRoundTrip(t *testing.T) {
	ix := randomIndex(1000)
	path := filepath.Join(t.TempDir(), "customers.idx")
	synced := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	require.NoError(t, Save(path, Saved{Index: ix, LastID: "4711", Synced: synced, Built: synced.Add(-time.Hour), Source: "acct"}))
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())

	got, err := Load(path)
	require.NoError(t, err)
	assert.Equal(t, "4711", got.LastID)
	assert.Equal(t, "acct", got.Source)
	assert.True(t, synced.Equal(got.Synced))
	assert.True(t, synced.Add(-time.Hour).Equal(got.Built))
	require.Equal(t, ix.Len(), got.Index.Len())
	for _, q := range []string{"ann", "555", "zoe s"} {
		assert.Equal(t, ix.Search(q, 50, nil, nil).Entries, got.Index.Search(q, 50, nil, nil).Entries)
	}
}

func TestDamagedFilesAreRefused(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "customers.idx")
	require.NoError(t, Save(path, Saved{Index: sample(), LastID: "1"}))
	good, err := os.ReadFile(path)
	require.NoError(t, err)
	for name, data := range map[string][]byte{
		"empty":     nil,
		"cut":       good[:len(good)/2],
		"flipped":   flip(good, len(good)/2),
		"other":     []byte("hello, world"),
		"bad count": withCRC(setU32(good[:len(good)-4], len(fileMagic)+2+1+2+8+8, 1<<30)),
	} {
		require.NoError(t, os.WriteFile(path, data, 0o600))
		_, err := Load(path)
		assert.ErrorIs(t, err, ErrBadFile, name)
	}
}

func flip(b []byte, at int) []byte {
	out := append([]byte(nil), b...)
	out[at] ^= 0x40
	return out
}

func setU32(b []byte, at int, v uint32) []byte {
	out := append([]byte(nil), b...)
	out[at], out[at+1], out[at+2], out[at+3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)
	return out
}

func withCRC(b []byte) []byte {
	out := append([]byte(nil), b...)
	sum := crc32.ChecksumIEEE(out)
	return append(out, byte(sum), byte(sum>>8), byte(sum>>16), byte(sum>>24))
}

var firstNames = []string{"Anna", "Marco", "Zoë", "José", "Liam", "Aroha", "Mei", "Oliver", "Sofia", "Tane", "Chloé", "Noah"}
var lastNames = []string{"Smith", "Ngata", "Álvarez", "Kowalski", "Chen", "Brown", "Martin", "Singh", "Wilson", "Taylor"}

// randomCustomers are lifelike customers (the fake server's shapes).
func randomCustomers(n int) []apiclient.Customer {
	r := rand.New(rand.NewPCG(1, 2))
	out := make([]apiclient.Customer, n)
	for i := range out {
		f, l := firstNames[r.IntN(len(firstNames))], lastNames[r.IntN(len(lastNames))]
		out[i] = apiclient.Customer{
			Code: fmt.Sprintf("%016d", r.Int64N(1e16)), CardNumber: fmt.Sprintf("%08d", r.IntN(1e8)),
			FirstName: f, LastName: l, Email: fmt.Sprintf("%s.%s%d@example.com", f, l, i),
			Phone: fmt.Sprintf("555-%04d", r.IntN(10000)),
		}
	}
	return out
}

func randomIndex(n int) *Index {
	b := NewBuilder(n)
	for _, c := range randomCustomers(n) {
		b.Add(c)
	}
	return b.Index()
}

// FuzzLoad: any file, even one whose checksum is right, is refused or
// read into an index that searches and shows without panicking.
func FuzzLoad(f *testing.F) {
	path := filepath.Join(f.TempDir(), "seed.idx")
	if err := Save(path, Saved{Index: sample(), LastID: "7", Source: "s"}); err != nil {
		f.Fatal(err)
	}
	good, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good[:len(good)-4])
	f.Add([]byte("LDCIDX2\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		path := filepath.Join(t.TempDir(), "f.idx")
		require.NoError(t, os.WriteFile(path, withCRC(body), 0o600))
		s, err := Load(path)
		if err != nil {
			return
		}
		for i := range s.Index.Len() {
			s.Index.Entry(i)
		}
		s.Index.Search("a", 5, nil, nil)
		s.Index.Search("4000", 5, nil, nil)
		s.Index.FindCard("4000")
		s.Index.Merge([]apiclient.Customer{{Code: "1"}})
	})
}

// The arena is searched a window at a time; a customer whose text lies
// across a window's end is still found, and found once.
func TestMatchesAcrossScanWindowsAreFound(t *testing.T) {
	b := NewBuilder(0)
	n := 0
	for ; len(b.ix.search) < 3*scanWindow; n++ {
		b.Add(apiclient.Customer{Code: fmt.Sprint(n), FirstName: fmt.Sprintf("Q%06dname", n), LastName: "Filler"})
	}
	ix := b.Index()
	for i := 0; i < n; i++ {
		res := ix.Search(fmt.Sprintf("q%06dname", i), 10, nil, nil)
		require.Equal(t, 1, res.Total, "customer %d", i)
		require.Equal(t, fmt.Sprint(i), res.Entries[0].Code)
	}
}

// A search that finds nothing still gives way and can be given up.
func TestARareWordStillGivesWay(t *testing.T) {
	ix := randomIndex(20_000)
	asked := 0
	res := ix.Search("zzzzqqqq", 10, nil, func() bool { asked++; return false })
	require.Zero(t, res.Total)
	require.Positive(t, asked, "a scan that matches nothing never asked whether it was still wanted")
}
