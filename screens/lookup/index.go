package lookup

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"loyaltydesk/apiclient"
)

// Index is the back-office search over the customers report: one folded
// text per customer (name, email, phone digits, code, card), scanned with a
// substring match. A query that extends the previous one only rescans the
// previous hits.
type Index struct {
	customers []Entry
	folded    []string
	folder    *folder

	lastQuery string
	lastHits  []int
}

// Entry is what the search keeps of a customer.
type Entry struct {
	Code, CardNumber, Name, Email, Phone string
}

// NewIndex returns an empty index.
func NewIndex() *Index { return &Index{folder: newFolder()} }

// Add puts a customer in the index.
func (ix *Index) Add(c apiclient.Customer) {
	e := Entry{Code: c.Code, CardNumber: c.CardNumber, Name: c.FullName(), Email: c.Email, Phone: c.Phone}
	ix.customers = append(ix.customers, e)
	ix.folded = append(ix.folded, ix.folder.fold(e.Name+"\x00"+e.Email+"\x00"+digits(e.Phone)+"\x00"+e.Code+"\x00"+e.CardNumber))
	ix.lastQuery, ix.lastHits = "", nil
}

// Len is the number of customers indexed.
func (ix *Index) Len() int { return len(ix.customers) }

// Search returns up to limit entries matching every word of the query, and
// the total number of matches.
func (ix *Index) Search(query string, limit int) ([]Entry, int) {
	words := strings.Fields(ix.folder.fold(query))
	for i, w := range words {
		if isPhoneLike(w) {
			words[i] = digits(w)
		}
	}
	if len(words) == 0 {
		return nil, 0
	}
	key := strings.Join(words, " ")
	candidates := ix.candidates(key)
	hits := candidates[:0:0]
	for _, i := range candidates {
		if matchAll(ix.folded[i], words) {
			hits = append(hits, i)
		}
	}
	ix.lastQuery, ix.lastHits = key, hits
	out := make([]Entry, 0, min(limit, len(hits)))
	for _, i := range hits[:min(limit, len(hits))] {
		out = append(out, ix.customers[i])
	}
	return out, len(hits)
}

// candidates narrows the scan to the previous hits when the query only grew.
func (ix *Index) candidates(key string) []int {
	if ix.lastQuery != "" && strings.HasPrefix(key, ix.lastQuery) && !strings.Contains(key[len(ix.lastQuery):], " ") {
		return ix.lastHits
	}
	all := make([]int, len(ix.folded))
	for i := range all {
		all[i] = i
	}
	return all
}

func matchAll(text string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

// folder lowercases and drops accents, so "Zoe" finds "Zoë". Its
// transformer keeps buffers between calls, so every index has its own:
// the indexes of different SSH sessions fold at the same time.
type folder struct{ t transform.Transformer }

func newFolder() *folder {
	return &folder{t: transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)}
}

func (f *folder) fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	out, _, err := transform.String(f.t, s)
	if err != nil {
		out = s
	}
	return strings.ToLower(out)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// isPhoneLike is a word of digits and phone punctuation, with a digit.
func isPhoneLike(w string) bool {
	hasDigit := false
	for _, r := range w {
		switch {
		case r >= '0' && r <= '9':
			hasDigit = true
		case strings.ContainsRune("+-(). ", r):
		default:
			return false
		}
	}
	return hasDigit
}
