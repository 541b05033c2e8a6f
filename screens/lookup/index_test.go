package lookup

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/charmbracelet/bubbles/list"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
)

func TestIndexSearch(t *testing.T) {
	ix := NewIndex()
	ix.Add(apiclient.Customer{Code: "1", FirstName: "Zoë", LastName: "Kowalski", Email: "zoe@example.com", Phone: "(555) 123-4567"})
	ix.Add(apiclient.Customer{Code: "2", FirstName: "José", LastName: "Álvarez", Email: "jose@example.org", Phone: "555 987 6543"})
	ix.Add(apiclient.Customer{Code: "3", FirstName: "Joseph", LastName: "Miller", Email: "jm@example.org", CardNumber: "40001234"})

	codes := func(q string) []string {
		res, _ := ix.Search(q, 10)
		var out []string
		for _, e := range res {
			out = append(out, e.Code)
		}
		return out
	}
	require.Equal(t, []string{"1"}, codes("zoe"), "accents are folded")
	require.Equal(t, []string{"2", "3"}, codes("jos"))
	require.Equal(t, []string{"2"}, codes("jose alv"), "every word must match")
	require.Equal(t, []string{"1"}, codes("555-123"), "phone punctuation is ignored")
	require.Equal(t, []string{"3"}, codes("40001234"))
	require.Equal(t, []string{"2", "3"}, codes("example.org"))
	require.Empty(t, codes("nobody"))
	require.Empty(t, codes("   "))
}

func TestIndexNarrowingMatchesFullScan(t *testing.T) {
	ix := randomIndex(5000)
	for _, q := range []string{"a", "an", "ann", "anna", "ann", "ma", "mar ", "mar s"} {
		got, total := ix.Search(q, 1<<30)
		fresh := randomIndexFrom(ix)
		want, wantTotal := fresh.Search(q, 1<<30)
		require.Equal(t, wantTotal, total, q)
		require.Equal(t, want, got, q)
	}
}

var firstNames = []string{"Anna", "Marco", "Zoë", "José", "Liam", "Aroha", "Mei", "Oliver", "Sofia", "Tane", "Chloé", "Noah"}
var lastNames = []string{"Smith", "Ngata", "Álvarez", "Kowalski", "Chen", "Brown", "Martin", "Singh", "Wilson", "Taylor"}

func randomIndex(n int) *Index {
	r := rand.New(rand.NewPCG(1, 2))
	ix := NewIndex()
	for i := range n {
		f, l := firstNames[r.IntN(len(firstNames))], lastNames[r.IntN(len(lastNames))]
		ix.Add(apiclient.Customer{
			Code: fmt.Sprintf("%016d", i), CardNumber: fmt.Sprintf("%08d", r.IntN(1e8)),
			FirstName: f, LastName: l, Email: fmt.Sprintf("%s.%s%d@example.com", f, l, i),
			Phone: fmt.Sprintf("555-%04d", r.IntN(10000)),
		})
	}
	return ix
}

func randomIndexFrom(ix *Index) *Index {
	fresh := NewIndex()
	fresh.customers, fresh.folded = ix.customers, ix.folded
	return fresh
}

// BenchmarkSearch100k types "mar" then "tin" into a search over 100,000
// customers, one query per keystroke, as the search box does. Target: under
// 16 ms a keystroke. The list sub-benchmark runs bubbles/list's default
// (fuzzy) filter over the same names for comparison.
func BenchmarkSearch100k(b *testing.B) {
	ix := randomIndex(100_000)
	keystrokes := []string{"m", "ma", "mar", "mar ", "mar t", "mar ti", "mar tin"}
	b.Run("index", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, q := range keystrokes {
				ix.Search(q, searchLimit)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(keystrokes))/1e6, "ms/keystroke")
	})
	targets := make([]string, ix.Len())
	for i, c := range ix.customers {
		targets[i] = c.Name + " " + c.Email + " " + c.Phone
	}
	b.Run("bubbles-list-default-filter", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, q := range keystrokes {
				list.DefaultFilter(q, targets)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(keystrokes))/1e6, "ms/keystroke")
	})
}

// Indexes of different SSH sessions fold at the same time: they must not
// share the folding buffers (this panicked, and go test -race reports it).
func TestConcurrentIndexesFoldIndependently(t *testing.T) {
	const sessions = 4
	found := make(chan int, sessions)
	for range sessions {
		go func() {
			ix := NewIndex()
			for i := range 200 {
				ix.Add(apiclient.Customer{Code: fmt.Sprint(i), FirstName: "Zoë", LastName: "Ñúñez"})
			}
			_, total := ix.Search("zoe nunez", 10)
			found <- total
		}()
	}
	for range sessions {
		require.Equal(t, 200, <-found)
	}
}
