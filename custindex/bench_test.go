package custindex

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/list"
)

// The keystrokes of a name typed into the search box, one query each.
var keystrokes = []string{"m", "ma", "mar", "mar ", "mar t", "mar ti", "mar tin"}

// BenchmarkSearch types "mar tin" into a search over 300,000 customers,
// one query per keystroke as the search box runs them (each narrowing the
// previous answer). Beside it, doing the same work over the same
// customers: a plain loop of strings.Contains over lowercased texts made
// once (every word in name, e-mail, phone), and, named for what it is,
// bubbles/list's default filter, which is fuzzy matching (other work: it
// matches letters in order, not substrings).
func BenchmarkSearch(b *testing.B) {
	const n = 300_000
	customers := randomCustomers(n)
	bld := NewBuilder(n)
	for _, c := range customers {
		bld.Add(c)
	}
	ix := bld.Index()
	perKey := func(b *testing.B) {
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(keystrokes))/1e6, "ms/keystroke")
	}
	b.Run("index", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var prev *Result
			for _, q := range keystrokes {
				prev = ix.Search(q, 200, prev, nil)
			}
		}
		perKey(b)
	})
	b.Run("index-no-narrowing", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, q := range keystrokes {
				ix.Search(q, 200, nil, nil)
			}
		}
		perKey(b)
	})
	lower := make([]string, n)
	for i, c := range customers {
		lower[i] = strings.ToLower(c.FullName() + "\x00" + c.Email + "\x00" + c.Phone + "\x00" + c.Code + "\x00" + c.CardNumber)
	}
	b.Run("baseline-lowercase-contains", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, q := range keystrokes {
				containsLoop(lower, strings.Fields(strings.ToLower(q)), 200)
			}
		}
		perKey(b)
	})
	names := make([]string, n)
	for i, c := range customers {
		names[i] = c.FullName() + " " + c.Email + " " + c.Phone
	}
	b.Run("bubbles-list-fuzzy-filter", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, q := range keystrokes {
				list.DefaultFilter(q, names)
			}
		}
		perKey(b)
	})
}

// containsLoop is what a Go developer would write first: every word must
// be in the text; the first limit matches and the count.
func containsLoop(texts, words []string, limit int) ([]int, int) {
	var hits []int
	total := 0
	for i, t := range texts {
		ok := true
		for _, w := range words {
			if !strings.Contains(t, w) {
				ok = false
				break
			}
		}
		if ok {
			total++
			if len(hits) < limit {
				hits = append(hits, i)
			}
		}
	}
	return hits, total
}

// BenchmarkIndexLoad reads a saved index of 300,000 customers from disk
// (target: under 300 ms), and reports the loaded index's size per
// customer (target: at most 150 B, arenas and offsets) and the file's. The
// customers are randomCustomers (the fake server's, with more varied
// phones and e-mails, take about 112 B: BenchmarkSharedIndexSessions).
func BenchmarkIndexLoad(b *testing.B) {
	const n = 300_000
	ix := randomIndex(n)
	path := filepath.Join(b.TempDir(), "customers.idx")
	if err := Save(path, Saved{Index: ix, LastID: "1", Synced: time.Now(), Source: "bench"}); err != nil {
		b.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var loaded *Index
	for b.Loop() {
		s, err := Load(path)
		if err != nil || s.Index.Len() != n {
			b.Fatal(err)
		}
		loaded = s.Index
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e6, "ms/load")
	b.ReportMetric(float64(loaded.Bytes())/n, "B/customer-in-memory")
	b.ReportMetric(float64(info.Size())/n, "B/customer-on-disk")
}

// BenchmarkIndexBuild adds 300,000 customers, as a full report does.
func BenchmarkIndexBuild(b *testing.B) {
	const n = 300_000
	customers := randomCustomers(n)
	b.ReportAllocs()
	for b.Loop() {
		bld := NewBuilder(n)
		for _, c := range customers {
			bld.Add(c)
		}
		_ = bld.Index()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/customer")
}
