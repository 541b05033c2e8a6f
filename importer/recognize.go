package importer

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// normalizeName makes column names comparable: case and accents folded
// (ß is ss), punctuation and spaces dropped, and the words that only mark a
// number (No., Nr., N°, Nº, #, number, Nummer, numéro, num) or link others
// (of, de, di, van, der…) left out. "E-mail", "e_mail" and "EMAIL " are all
// "email"; "Numéro de client" is "client"; "Telefon-Nr." is "telefon".
func normalizeName(s string) string {
	var b, word strings.Builder
	flush := func() {
		if w := word.String(); w != "" && !ignoredWords[w] {
			b.WriteString(w)
		}
		word.Reset()
	}
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'ß':
			word.WriteString("ss")
		case r == 'æ' || r == 'Æ':
			word.WriteString("ae")
		case r == 'œ' || r == 'Œ':
			word.WriteString("oe")
		case r == 'ø' || r == 'Ø':
			word.WriteByte('o')
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			word.WriteRune(unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
	return b.String()
}

// ignoredWords mark a number or link words in a column name.
var ignoredWords = map[string]bool{
	"n": true, "no": true, "nr": true, "nro": true, "num": true, "number": true, "nummer": true,
	"numero": true, "numer": true,
	"of": true, "the": true, "de": true, "del": true, "della": true, "dei": true, "di": true, "da": true,
	"do": true, "du": true, "des": true, "d": true, "l": true, "la": true, "le": true, "el": true,
	"van": true, "der": true, "het": true,
}

type synonym struct {
	header string
	rank   int // lower wins when two columns could take the header
	auto   bool
}

// Labels are the merchant's names for the customer fields (manage_fields),
// by profile header; a column named like one of them is that field.
type Labels map[string]string

// Recognizer tells which customer field a column name stands for: a known
// name in one of seven languages, or the merchant's label, exactly (after
// normalizeName) or with a typo or two (edit distance).
type Recognizer struct {
	exact map[string]synonym
	names []string // the auto names, for the typo search
}

// NewRecognizer knows the names of knownNames and the merchant's labels.
func NewRecognizer(labels Labels) *Recognizer {
	r := &Recognizer{exact: map[string]synonym{}}
	for header, label := range labels {
		if n := normalizeName(label); n != "" && isProfileHeader(header) && header != "auto_add" {
			r.exact[n] = synonym{header: header, rank: -1, auto: true}
		}
	}
	for header, names := range knownNames {
		for rank, name := range names {
			if n := normalizeName(name); n != "" {
				if _, taken := r.exact[n]; !taken {
					r.exact[n] = synonym{header: header, rank: rank, auto: true}
				}
			}
		}
	}
	for name, header := range suggestedOnly {
		if n := normalizeName(name); r.exact[n].header == "" {
			r.exact[n] = synonym{header: header, rank: 100}
		}
	}
	for n, s := range r.exact {
		if s.auto {
			r.names = append(r.names, n)
		}
	}
	slices.Sort(r.names)
	return r
}

var defaultRecognizer = NewRecognizer(nil)

// fuzzyRank puts a name matched with typos behind every exact one.
const fuzzyRank = 1000

// recognize returns what a column name stands for: exactly, or with at
// most typos(len) edits when one field alone is that close.
func (r *Recognizer) recognize(name string) (synonym, bool) {
	n := normalizeName(name)
	if n == "" {
		return synonym{}, false
	}
	if s, ok := r.exact[n]; ok {
		return s, true
	}
	limit := typos(len(n))
	if limit == 0 {
		return synonym{}, false
	}
	best, bestDist, tie := synonym{}, limit+1, false
	for _, known := range r.names {
		if abs(len(known)-len(n)) > limit {
			continue
		}
		d := editDistance(n, known, limit)
		s := r.exact[known]
		switch {
		case d < bestDist:
			best, bestDist, tie = s, d, false
		case d == bestDist && s.header != best.header:
			tie = true
		}
	}
	if bestDist > limit || tie {
		return synonym{}, false
	}
	best.rank += fuzzyRank
	return best, true
}

// typos is how many edits a name of n letters may have: none below five
// letters (too many short names are a letter apart), then one, and two
// from nine letters on.
func typos(n int) int {
	switch {
	case n < 5:
		return 0
	case n < 9:
		return 1
	}
	return 2
}

// Suggest returns the profile header a column name stands for, and whether
// AutoMap maps it by itself (see SuggestHeader).
func (r *Recognizer) Suggest(name string) (header string, auto bool) {
	s, ok := r.recognize(name)
	if !ok {
		return "", false
	}
	return s.header, s.auto
}

// AutoMap maps the columns whose names are recognised. When two columns
// could take the same header, the better-known name wins ("Phone" over
// "Mobile", an exact name over one with a typo), then the leftmost column;
// the other stays skipped.
func (r *Recognizer) AutoMap(header []string, columns int) *Mapping {
	m := NewMapping(max(columns, len(header)))
	type pick struct{ col, rank int }
	best := map[string]pick{}
	for col, name := range header {
		s, ok := r.recognize(name)
		if !ok || !s.auto {
			continue
		}
		if b, taken := best[s.header]; !taken || s.rank < b.rank {
			best[s.header] = pick{col, s.rank}
		}
	}
	for h, p := range best {
		m.cols[p.col] = h
	}
	return m
}

// Nearest proposes a field for a column name that is not recognised: the
// field of a known name the column's name contains ("Kundenvorname" holds
// "vorname"; one it ends with first), else of the closest known name when it is at most a third of
// the letters away; "" when nothing is near.
func (r *Recognizer) Nearest(name string) string {
	n := normalizeName(name)
	if n == "" {
		return ""
	}
	if s, ok := r.recognize(name); ok {
		return s.header
	}
	// Compounds name their kind last ("Kundenzuname" is a Zuname): a
	// name the column ends with beats one inside it, then the longer wins.
	best, bestScore := "", 0
	for _, known := range r.names {
		if len(known) < 4 || !strings.Contains(n, known) {
			continue
		}
		score := len(known)
		if strings.HasSuffix(n, known) {
			score += 100
		}
		if score > bestScore {
			best, bestScore = known, score
		}
	}
	if best != "" {
		return r.exact[best].header
	}
	limit := max(len(n)/3, 1)
	near, bestDist := "", limit+1
	for _, known := range r.names {
		if abs(len(known)-len(n)) > limit {
			continue
		}
		if d := editDistance(n, known, limit); d < bestDist {
			near, bestDist = r.exact[known].header, d
		}
	}
	return near
}

// Unknown is a column whose name is not recognised.
type Unknown struct {
	Column  int
	Name    string
	Nearest string // a proposed profile header, "" for none
}

// Unrecognised lists the named columns the mapping leaves skipped whose
// names are not recognised, each with the nearest field proposed (one no
// other column has).
func (r *Recognizer) Unrecognised(header []string, m *Mapping) []Unknown {
	var out []Unknown
	for col, name := range header {
		if strings.TrimSpace(name) == "" || m.Header(col) != "" {
			continue
		}
		if s, ok := r.recognize(name); ok && s.auto {
			continue // a known name that lost to a better one
		}
		near := r.Nearest(name)
		if near != "" && m.Column(near) >= 0 {
			near = ""
		}
		out = append(out, Unknown{Column: col, Name: name, Nearest: near})
	}
	return out
}

// Identifies tells whether a mapping imports what names a customer (a
// first or last name) and what tells customers apart (code, card number,
// e-mail or phone). A file whose columns for these are not recognised
// would create customers that hold nothing useful.
func (m *Mapping) Identifies() (named, identified bool) {
	named = m.Column("first_name") >= 0 || m.Column("last_name") >= 0
	for _, h := range []string{"code", "card_number", "email", "phone"} {
		identified = identified || m.Column(h) >= 0
	}
	return named, identified
}

// editDistance is the optimal string alignment distance between a and b
// (insertions, deletions, substitutions and swaps of neighbours count one),
// on bytes; it gives up with limit+1 once every path is over limit.
func editDistance(a, b string, limit int) int {
	if a == b {
		return 0
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
