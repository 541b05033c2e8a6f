package custindex

import (
	"bytes"
	"runtime"
	"sort"
	"strings"
)

// Result is one search's answer.
type Result struct {
	// Key is the query as searched (folded words joined by spaces).
	Key string
	// Entries are the first matches by rank: an exact card, code, phone or
	// e-mail first, then names that start with the words, then the rest.
	Entries []Entry
	// Total counts every match.
	Total int

	ix    *Index
	words []string
	hits  []uint32 // every match in index order, for narrowing; nil when too many
}

// maxKeptHits bounds the matches a result keeps for narrowing the next
// search (4 bytes each, per session).
const maxKeptHits = 100_000

// staleEvery is how many records a search scans between giving way to
// other goroutines and asking whether it is still wanted.
const staleEvery = 4096

// scanWindow bounds one bytes.Index call over the arena. A rare word finds
// few records, so without a bound the scan ran for milliseconds without
// giving way, until the runtime preempted it.
const scanWindow = 64 << 10

// Search finds the customers matching every word of query (case and accents
// ignored; phone punctuation ignored) and returns up to limit of them by
// rank, and how many match. When prev is the result of a query whose every
// word lies inside a word of this one, on the same snapshot, only prev's
// matches are scanned. stale, when not nil, is asked now and then; once it
// answers true the search gives up and returns nil.
func (ix *Index) Search(query string, limit int, prev *Result, stale func() bool) *Result {
	words := queryWords(query)
	res := &Result{Key: strings.Join(words, " "), ix: ix, words: words}
	if len(words) == 0 || ix.Len() == 0 {
		return res
	}
	r := ranker{words: words, limit: limit, keep: true, exact: len(words) == 1}
	for _, w := range words {
		r.wordBytes = append(r.wordBytes, []byte(w))
	}
	var ok bool
	if prev.narrows(ix, words) {
		ok = ix.scanCandidates(prev.hits, &r, stale)
	} else {
		ok = ix.scanArena(&r, stale)
	}
	if !ok {
		return nil
	}
	res.Entries = make([]Entry, 0, min(limit, r.total))
	for _, tier := range r.tiers {
		for _, i := range tier {
			if len(res.Entries) < limit {
				res.Entries = append(res.Entries, ix.Entry(int(i)))
			}
		}
	}
	res.Total = r.total
	if r.keep {
		res.hits = r.hits
	}
	return res
}

// queryWords folds the query into words; a phone-like word becomes its digits.
func queryWords(query string) []string {
	if whole := strings.ReplaceAll(strings.TrimSpace(query), " ", ""); isPhoneLike(whole) {
		return []string{digits(whole)} // "555 0133" is one phone number
	}
	words := strings.Fields(newFolder().fold(string(cleanInto(nil, query))))
	for i, w := range words {
		if isPhoneLike(w) {
			words[i] = digits(w)
		}
	}
	return words
}

// narrows reports whether p's matches hold every match of words on ix.
func (p *Result) narrows(ix *Index, words []string) bool {
	if p == nil || p.ix != ix || p.hits == nil || len(p.words) == 0 {
		return false
	}
	for _, old := range p.words {
		inside := false
		for _, w := range words {
			inside = inside || strings.Contains(w, old)
		}
		if !inside {
			return false
		}
	}
	return true
}

// gaveWay lets other goroutines run, then asks whether the search is
// still wanted. A search holds one of the process's few threads; the
// goroutine that draws the next key may be queued behind it, on a busy
// machine for many milliseconds, unless the search steps aside now and then.
func gaveWay(stale func() bool) bool {
	runtime.Gosched()
	return stale != nil && stale()
}

// scanArena finds the records holding the longest word with one pass of
// bytes.Index over the whole search arena, then checks the other words
// in those records only.
func (ix *Index) scanArena(r *ranker, stale func() bool) bool {
	anchor := r.wordBytes[0]
	for _, w := range r.wordBytes[1:] {
		if len(w) > len(anchor) {
			anchor = []byte(w)
		}
	}
	rec, checked := 0, 0
	for pos := 0; pos < len(ix.search); {
		end := min(pos+scanWindow, len(ix.search))
		k := bytes.Index(ix.search[pos:end], anchor)
		if k < 0 {
			if end == len(ix.search) {
				break
			}
			// The next window starts early enough to find a match that
			// straddles this window's end.
			pos = max(pos+1, end-len(anchor)+1)
			if gaveWay(stale) {
				return false
			}
			continue
		}
		rec = ix.recordAt(rec, pos+k)
		r.consider(ix, rec, anchor)
		pos = int(ix.soff[rec+1])
		if checked++; checked%staleEvery == 0 && gaveWay(stale) {
			return false
		}
	}
	return true
}

// recordAt returns the record holding arena position p, at or after from:
// a few steps forward (matches are often dense), else a binary search.
func (ix *Index) recordAt(from, p int) int {
	for i := from; i < from+8 && i < ix.Len(); i++ {
		if int(ix.soff[i+1]) > p {
			return i
		}
	}
	return sort.Search(ix.Len(), func(i int) bool { return int(ix.soff[i+1]) > p })
}

func (ix *Index) scanCandidates(cands []uint32, r *ranker, stale func() bool) bool {
	for n, i := range cands {
		if n%staleEvery == 0 && n > 0 && gaveWay(stale) {
			return false
		}
		r.consider(ix, int(i), nil)
	}
	return true
}

// ranker keeps the matches by tier, each tier cut at limit.
type ranker struct {
	words     []string
	wordBytes [][]byte
	limit     int
	exact     bool // a one-word query may equal a card, code, phone or e-mail
	tiers     [3][]uint32
	total     int
	hits      []uint32
	keep      bool
}

const (
	tierExact = iota
	tierNamePrefix
	tierOther
)

// consider counts and ranks record i if it holds every word (but known,
// which the caller found in it already).
func (r *ranker) consider(ix *Index, i int, known []byte) {
	rec := ix.searchRecord(i)
	for _, w := range r.wordBytes {
		if len(w) != len(known) || &w[0] != &known[0] {
			if !bytes.Contains(rec, w) {
				return
			}
		}
	}
	r.total++
	if r.keep {
		if len(r.hits) < maxKeptHits {
			r.hits = append(r.hits, uint32(i))
		} else {
			r.keep, r.hits = false, nil
		}
	}
	if len(r.tiers[tierExact]) == r.limit {
		return // nothing found now can be shown
	}
	t := r.tier(rec)
	if len(r.tiers[t]) < r.limit {
		r.tiers[t] = append(r.tiers[t], uint32(i))
	}
}

func (r *ranker) tier(rec []byte) int {
	nameEnd := bytes.IndexByte(rec, fieldSep)
	if nameEnd < 0 {
		nameEnd = len(rec)
	}
	if r.exact && wholeField(rec[nameEnd:], r.words[0]) {
		return tierExact
	}
	for _, w := range r.words {
		if !wordPrefix(rec[:nameEnd], w) {
			return tierOther
		}
	}
	return tierNamePrefix
}

// wholeField reports whether w is one whole field of fields, which starts
// with a separator.
func wholeField(fields []byte, w string) bool {
	for len(fields) > 0 {
		fields = fields[1:] // the separator
		end := bytes.IndexByte(fields, fieldSep)
		if end < 0 {
			end = len(fields)
		}
		if end == len(w) && string(fields[:end]) == w {
			return true
		}
		fields = fields[end:]
	}
	return false
}

// wordPrefix reports whether some word of name starts with w.
func wordPrefix(name []byte, w string) bool {
	for k := 0; k <= len(name)-len(w); k++ {
		if (k == 0 || !isLetter(name[k-1])) && string(name[k:k+len(w)]) == w {
			return true
		}
	}
	return false
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80 }
