// Package custindex is the customer index that the back-office search and
// the offline card lookup read: one compact, immutable snapshot of the
// customers_all report per profile, shared by every session of that profile
// in the process (Registry, Store), kept on disk in the state dir and
// brought up to date with the report's `last`.
//
// A snapshot keeps five fields per customer (name, e-mail, phone, code,
// card) in two byte arenas: the folded text the search scans (lower case,
// accents dropped, phone as digits), and beside it only those display
// values that differ from their folded form. Two offsets per customer point
// into them; nothing else is allocated per customer.
package custindex

import (
	"bytes"
	"strings"

	"loyaltydesk/apiclient"
)

// The fields of a record, in arena order.
const (
	fName = iota
	fEmail
	fPhone
	fCode
	fCard
	numFields
)

// Bytes that separate fields and records in the arenas. Customer text
// never holds them (controls are turned into spaces on the way in), so a
// folded query word can match inside one field only.
const (
	fieldSep  = 0x00
	recordSep = 0x01
)

// Entry is a customer as the search shows it.
type Entry struct {
	Code, CardNumber, Name, Email, Phone string
}

// Index is an immutable snapshot of the customers. Its methods are safe
// for concurrent use.
type Index struct {
	// search holds each record's folded fields, separated by fieldSep and
	// each record ended by recordSep; soff[i] is where record i starts.
	search []byte
	soff   []uint32
	// display holds each record's display fields (fieldSep-separated, an
	// empty field meaning "the folded one"); doff[i] is where record i starts.
	display []byte
	doff    []uint32
}

// Len is the number of customers.
func (ix *Index) Len() int {
	if ix == nil || len(ix.soff) == 0 {
		return 0
	}
	return len(ix.soff) - 1
}

// Bytes is the memory the snapshot holds: both arenas and their offsets.
func (ix *Index) Bytes() int {
	if ix == nil {
		return 0
	}
	return cap(ix.search) + cap(ix.display) + 4*(cap(ix.soff)+cap(ix.doff))
}

func (ix *Index) searchRecord(i int) []byte {
	return ix.search[ix.soff[i] : ix.soff[i+1]-1] // without the recordSep
}

func (ix *Index) displayRecord(i int) []byte {
	return ix.display[ix.doff[i]:ix.doff[i+1]]
}

// fields splits a record into its numFields fields.
func fields(rec []byte) (out [numFields][]byte) {
	if len(rec) == 0 {
		return out
	}
	for f := 0; f < numFields-1; f++ {
		k := bytes.IndexByte(rec, fieldSep)
		if k < 0 { // not a record Builder wrote: what is missing is empty
			out[f] = rec
			return out
		}
		out[f], rec = rec[:k], rec[k+1:]
	}
	out[numFields-1] = rec
	return out
}

// Entry returns customer i as shown.
func (ix *Index) Entry(i int) Entry {
	folded, shown := fields(ix.searchRecord(i)), fields(ix.displayRecord(i))
	pick := func(f int) string {
		if len(shown[f]) > 0 {
			return string(shown[f])
		}
		return string(folded[f])
	}
	return Entry{Name: pick(fName), Email: pick(fEmail), Phone: pick(fPhone), Code: pick(fCode), CardNumber: pick(fCard)}
}

// code returns customer i's code as written (the key of a customer).
func (ix *Index) code(i int) []byte {
	if c := fields(ix.displayRecord(i))[fCode]; len(c) > 0 {
		return c
	}
	return fields(ix.searchRecord(i))[fCode]
}

// FindCard returns the customers whose card number is exactly card, in
// index order (a card may be shared).
func (ix *Index) FindCard(card string) []Entry {
	card = strings.TrimSpace(card)
	if card == "" || ix.Len() == 0 {
		return nil
	}
	var out []Entry
	for i := range ix.Len() {
		shown := fields(ix.displayRecord(i))[fCard]
		if len(shown) == 0 {
			shown = fields(ix.searchRecord(i))[fCard]
		}
		if string(shown) == card {
			out = append(out, ix.Entry(i))
		}
	}
	return out
}

// Builder makes an Index. It is not safe for concurrent use.
type Builder struct {
	ix      Index
	folder  folder
	scratch []byte
}

// NewBuilder returns a builder with room for about n customers.
func NewBuilder(n int) *Builder {
	b := &Builder{folder: newFolder()}
	b.ix.search = make([]byte, 0, n*72)
	b.ix.display = make([]byte, 0, n*24)
	b.ix.soff = append(make([]uint32, 0, n+1), 0)
	b.ix.doff = append(make([]uint32, 0, n+1), 0)
	return b
}

// Add puts a customer at the end of the index.
func (b *Builder) Add(c apiclient.Customer) {
	b.add([numFields][2]string{fName: {c.FirstName, c.LastName}, fEmail: {c.Email}, fPhone: {c.Phone}, fCode: {c.Code}, fCard: {c.CardNumber}})
}

// AddEntry puts a customer, as shown, at the end of the index.
func (b *Builder) AddEntry(e Entry) {
	b.add([numFields][2]string{fName: {e.Name}, fEmail: {e.Email}, fPhone: {e.Phone}, fCode: {e.Code}, fCard: {e.CardNumber}})
}

// add writes one record; a field's two parts are joined by a space when
// both are given (first and last name, as Customer.FullName does).
func (b *Builder) add(values [numFields][2]string) {
	start := len(b.ix.display)
	for f, v := range values {
		if f > 0 {
			b.ix.search = append(b.ix.search, fieldSep)
			b.ix.display = append(b.ix.display, fieldSep)
		}
		b.scratch = cleanInto(b.scratch[:0], v[0])
		if last := strings.TrimSpace(v[1]); last != "" {
			if len(b.scratch) > 0 {
				b.scratch = append(b.scratch, ' ')
			}
			b.scratch = cleanInto(b.scratch, last)
		}
		at := len(b.ix.search)
		if f == fPhone {
			b.ix.search = appendDigits(b.ix.search, b.scratch)
		} else {
			b.ix.search = b.folder.appendFold(b.ix.search, b.scratch)
		}
		if !bytes.Equal(b.ix.search[at:], b.scratch) {
			b.ix.display = append(b.ix.display, b.scratch...)
		}
	}
	b.ix.search = append(b.ix.search, recordSep)
	if len(b.ix.display) == start+numFields-1 {
		b.ix.display = b.ix.display[:start] // all as folded: an empty record
	}
	b.ix.soff = append(b.ix.soff, uint32(len(b.ix.search)))
	b.ix.doff = append(b.ix.doff, uint32(len(b.ix.display)))
}

// addRecord copies record i of ix as it is.
func (b *Builder) addRecord(ix *Index, i int) {
	b.ix.search = append(b.ix.search, ix.search[ix.soff[i]:ix.soff[i+1]]...)
	b.ix.display = append(b.ix.display, ix.displayRecord(i)...)
	b.ix.soff = append(b.ix.soff, uint32(len(b.ix.search)))
	b.ix.doff = append(b.ix.doff, uint32(len(b.ix.display)))
}

// Len is the number of customers added so far.
func (b *Builder) Len() int { return len(b.ix.soff) - 1 }

// Index returns the snapshot; the builder must not be used afterwards.
// Room reserved but not used is given back.
func (b *Builder) Index() *Index {
	ix := b.ix
	b.ix = Index{}
	ix.search, ix.display = clip(ix.search), clip(ix.display)
	ix.soff, ix.doff = clip(ix.soff), clip(ix.doff)
	return &ix
}

// clip copies s to a slice of its own length when more than an eighth of
// its room is unused.
func clip[T any](s []T) []T {
	if cap(s)-len(s) <= cap(s)/8 {
		return s
	}
	return append(make([]T, 0, len(s)), s...)
}

// Merge returns a new snapshot: ix without the customers whose codes the
// changed customers carry, followed by the changed customers (the report
// gives a changed customer whole).
func (ix *Index) Merge(changed []apiclient.Customer) *Index {
	gone := make(map[string]bool, len(changed))
	for _, c := range changed {
		gone[string(cleanInto(nil, c.Code))] = true
	}
	b := NewBuilder(0)
	b.ix.search = make([]byte, 0, len(ix.search)+len(changed)*80)
	b.ix.display = make([]byte, 0, len(ix.display)+len(changed)*24)
	for i := range ix.Len() {
		if !gone[string(ix.code(i))] {
			b.addRecord(ix, i)
		}
	}
	for _, c := range changed {
		b.Add(c)
	}
	return b.Index()
}

// cleanInto appends s with every control character (and so every
// separator) turned into a space, and trimmed.
func cleanInto(dst []byte, s string) []byte {
	s = strings.TrimSpace(s)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f {
			c = ' '
		}
		dst = append(dst, c)
	}
	return dst
}

func appendDigits(dst, src []byte) []byte {
	for _, c := range src {
		if c >= '0' && c <= '9' {
			dst = append(dst, c)
		}
	}
	return dst
}
