package importer

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"hash/maphash"
	"slices"
	"unicode/utf8"

	"loyaltydesk/apiclient"
)

// Status is what validation makes of a row.
type Status uint8

// The row statuses, from best to worst.
const (
	// Valid rows are sent as they are (values trimmed of surrounding spaces).
	Valid Status = iota
	// Fixable rows are sent with the fixes of their problems applied
	// (dates converted to YYYY-MM-DD), unless Options.RejectFixable.
	Fixable
	// Rejected rows are not sent; they go to the rejected file.
	Rejected
	// Collapsed rows are identical in every column to an earlier row and
	// are imported once with it: not sent again, not rejected.
	Collapsed
)

func (s Status) String() string {
	switch s {
	case Valid:
		return "valid"
	case Fixable:
		return "fixable"
	case Collapsed:
		return "collapsed"
	}
	return "rejected"
}

// Problem is one thing wrong with one value (or one row) of the source.
type Problem struct {
	Row    int // index in the Table
	Line   int // 1-based line of the source
	Column int // column of the Table, -1 for the whole row
	// Header is the profile header of the column ("" for the whole row).
	Header string
	Status Status // Fixable or Rejected
	// Value is the value as read; empty for customer_password and
	// customer_PIN, which are never shown.
	Value string
	// Fix is what is sent instead, for a Fixable problem.
	Fix    string
	Reason string
}

// Counts sum up a validation.
type Counts struct {
	Rows, Valid, Fixable, Rejected int
	// Collapsed rows are identical to an earlier one (counted in Rows only).
	Collapsed int
}

// Plan is a table validated under a mapping: the status of every row, the
// problems found, and the delimiter the rows will travel with.
type Plan struct {
	table    *Table
	mapping  *Mapping
	cols     []mappedCol
	status   []Status
	problems []Problem
	fixes    map[uint64]string // by fixKey(row, col)
	counts   Counts
	wire     apiclient.Delimiter
	codeCol  int // Table column of code, or -1
	cardCol  int
	autoCol  int
	dates    DateColumn
}

type mappedCol struct {
	col    int
	header string
	kind   valueKind
}

type valueKind uint8

const (
	kindText valueKind = iota
	kindCode
	kindCard
	kindDate
	kindEmail
	kindPIN
	kindSecret
)

func kindOf(header string) valueKind {
	switch header {
	case "code":
		return kindCode
	case "card_number":
		return kindCard
	case "custom_date":
		return kindDate
	case "email":
		return kindEmail
	case "customer_PIN":
		return kindPIN
	case "customer_password":
		return kindSecret
	}
	return kindText
}

func isSecret(k valueKind) bool { return k == kindPIN || k == kindSecret }

// ErrNothingMapped is a mapping that imports no column.
var ErrNothingMapped = errors.New("no column is mapped to a customer field")

// Validate checks every row of the table under the mapping. It returns an
// error only when the mapping cannot be used; problems with rows are in the
// Plan.
func Validate(t *Table, m *Mapping) (*Plan, error) {
	if m.Columns() < t.Columns() {
		return nil, fmt.Errorf("the mapping has %d columns, the file %d", m.Columns(), t.Columns())
	}
	for col := t.Columns(); col < m.Columns(); col++ {
		if h := m.Header(col); h != "" {
			return nil, fmt.Errorf("column %d is mapped to %s, but the file has only %d columns", col+1, h, t.Columns())
		}
	}
	p := &Plan{
		table: t, mapping: m.Clone(), status: make([]Status, t.Len()), fixes: map[uint64]string{},
		codeCol: m.Column("code"), cardCol: m.Column("card_number"), autoCol: m.Column("auto_add"),
	}
	for col, h := range m.cols {
		if h != "" {
			p.cols = append(p.cols, mappedCol{col: col, header: h, kind: kindOf(h)})
		}
	}
	if len(p.cols) == 0 {
		return nil, ErrNothingMapped
	}
	v := newValidator(p)
	for i := range t.Len() {
		v.row(i)
	}
	v.resolveDates()
	v.duplicates()
	p.chooseWire(v.masks)
	p.finish()
	return p, nil
}

// Byte classes the validator looks for in values.
const (
	hasPipe  = 1 << iota // the wire delimiters, in Plan.chooseWire's order
	hasTab               //
	hasComma             //
	hasBreak             // \r or \n
	hasHigh              // a byte above 0x7F: check the UTF-8
)

var byteClass = func() (c [256]uint8) {
	c['|'], c['\t'], c[','] = hasPipe, hasTab, hasComma
	c['\n'], c['\r'] = hasBreak, hasBreak
	for b := 0x80; b < 256; b++ {
		c[b] = hasHigh
	}
	return c
}()

type validator struct {
	p     *Plan
	masks []uint8      // per row: the wire delimiters its values hold
	dups  []*dupFinder // code, card number
	same  *dupFinder   // whole rows without code and card number
	dates *dateInference
}

func newValidator(p *Plan) *validator {
	n := p.table.Len()
	v := &validator{p: p, masks: make([]uint8, n)}
	p.dates = DateColumn{Column: p.mapping.Column("custom_date"), Order: p.mapping.dateOrder}
	if p.dates.Column >= 0 && p.dates.Order == DateAuto {
		v.dates = &dateInference{}
	}
	for _, col := range []int{p.codeCol, p.cardCol} {
		if col >= 0 {
			v.dups = append(v.dups, newDupFinder(col, n))
		}
	}
	v.same = newDupFinder(-1, 0)
	return v
}

func (v *validator) row(i int) {
	p, t := v.p, v.p.table
	if n := t.Fields(i); n != t.Columns() && !(n > t.Columns() && v.blankFrom(i, t.Columns())) {
		p.addProblem(i, -1, Rejected, nil, "", v.widthReason(n))
		return
	}
	var mask uint8
	filled := false
	for _, c := range p.cols {
		val := bytes.TrimSpace(t.field(i, c.col))
		if len(val) == 0 {
			continue
		}
		filled = true
		m := classify(val)
		if m&hasHigh != 0 && !utf8.Valid(val) {
			p.addProblem(i, c.col, Rejected, val, "", "is not UTF-8 text; read the file as Windows-1252 or save it as UTF-8")
		}
		if m&hasBreak != 0 {
			p.addProblem(i, c.col, Rejected, val, "", "holds a line break, which the batch format cannot carry")
		}
		mask |= m
		v.checkValue(i, c, val)
	}
	v.masks[i] = mask & (hasPipe | hasTab | hasComma)
	if v.same != nil && v.p.keyless(i) {
		v.same.add(v.rowBytes(i), i)
	}
	if !filled {
		p.addProblem(i, -1, Rejected, nil, "", "has no value in any imported column")
	}
}

// blankFrom tells that row i has nothing from column col on: a trailing
// delimiter, as spreadsheets write, is not a misaligned row.
func (v *validator) blankFrom(i, col int) bool {
	t := v.p.table
	for j := col; j < t.Fields(i); j++ {
		if len(trimmed(t.field(i, j))) > 0 {
			return false
		}
	}
	return true
}

func classify(b []byte) uint8 {
	var m uint8
	for _, c := range b {
		m |= byteClass[c]
	}
	return m
}

func (v *validator) widthReason(n int) string {
	if len(v.p.table.header) > 0 {
		return fmt.Sprintf("has %d values; the header has %d columns", n, v.p.table.Columns())
	}
	values := "values"
	if n == 1 {
		values = "value"
	}
	return fmt.Sprintf("has %d %s; most rows have %d", n, values, v.p.table.Columns())
}

func (v *validator) checkValue(i int, c mappedCol, val []byte) {
	p := v.p
	switch c.kind {
	case kindDate:
		if isISODate(val) {
			if v.dates != nil {
				v.dates.iso(val)
			}
			return
		}
		if v.dates != nil && v.dates.observe(i, val) {
			return
		}
		v.checkDate(i, c.col, val, p.dates.Order)
	case kindEmail:
		if !emailShape(val) {
			p.addProblem(i, c.col, Rejected, val, "", "is not an e-mail address (name@example.com)")
		}
	case kindPIN:
		if !allDigits(val) {
			p.addProblem(i, c.col, Rejected, val, "", "must be digits only")
		}
	case kindCode, kindCard:
		for _, d := range v.dups {
			if d.col == c.col {
				d.add(val, i)
			}
		}
	}
}

// duplicates rejects every row of a group sharing a code (or card
// number): which of them is right cannot be told, and importing all of them
// would make one customer of several rows, or several customers share a
// card.
func (v *validator) duplicates() {
	t := v.p.table
	v.collapseKeyless()
	for _, d := range v.dups {
		what := "code"
		if d.col == v.p.cardCol {
			what = "card number"
		}
		value := func(row int32) []byte { return bytes.TrimSpace(t.field(int(row), d.col)) }
		d.groups(value, func(rows []int32) {
			if rows = v.collapse(rows); len(rows) < 2 {
				return
			}
			first := int(rows[0])
			for k, r := range rows {
				other := first
				if k == 0 {
					other = int(rows[1])
				}
				v.p.addProblem(int(r), d.col, Rejected, value(r), "", fmt.Sprintf("the same %s is on line %d", what, t.Line(other)))
			}
		})
	}
}

func (p *Plan) addProblem(row, col int, s Status, val []byte, fix, reason string) {
	header := p.mapping.Header(col)
	value := string(val)
	if isSecret(kindOf(header)) {
		value = ""
	}
	p.problems = append(p.problems, Problem{
		Row: row, Line: p.table.Line(row), Column: col, Header: header,
		Status: s, Value: value, Fix: fix, Reason: reason,
	})
	if p.status[row] != Collapsed {
		p.status[row] = max(p.status[row], s)
	}
	if s == Fixable {
		p.fixes[fixKey(row, col)] = fix
	}
}

func fixKey(row, col int) uint64 { return uint64(row)<<32 | uint64(uint32(col)) }

// wireOrder is the preference among the delimiters of the batch format,
// with the byte class of each.
var wireOrder = []struct {
	delim apiclient.Delimiter
	class uint8
	char  string
}{
	{apiclient.DelimPipe, hasPipe, "|"},
	{apiclient.DelimTab, hasTab, "tab"},
	{apiclient.DelimComma, hasComma, ","},
}

// chooseWire picks the delimiter of Profiles_Data. The format has no
// quoting, so it must be one no value to be sent holds: the first of pipe,
// tab and comma that none holds, or else the one fewest rows hold, and
// those rows are rejected.
func (p *Plan) chooseWire(masks []uint8) {
	used := make([]int, len(wireOrder))
	for i, m := range masks {
		if m == 0 || p.status[i] >= Rejected {
			continue
		}
		for k, w := range wireOrder {
			if m&w.class != 0 {
				used[k]++
			}
		}
	}
	best := 0
	for k := range wireOrder {
		if used[k] < used[best] {
			best = k
		}
	}
	w := wireOrder[best]
	p.wire = w.delim
	if used[best] == 0 {
		return
	}
	reason := fmt.Sprintf("holds %s; values in this file use every delimiter the batch format has (|, tab and comma), and it has no quoting", w.char)
	for i, m := range masks {
		if m&w.class == 0 || p.status[i] >= Rejected {
			continue
		}
		for _, c := range p.cols {
			if val := bytes.TrimSpace(p.table.field(i, c.col)); classify(val)&w.class != 0 {
				p.addProblem(i, c.col, Rejected, val, "", reason)
			}
		}
	}
}

// finish sorts the problems by row and column and counts the rows.
func (p *Plan) finish() {
	p.problems = slices.DeleteFunc(p.problems, func(pr Problem) bool {
		return p.status[pr.Row] == Collapsed && pr.Status != Collapsed
	})
	slices.SortStableFunc(p.problems, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.Row, b.Row), cmp.Compare(a.Column, b.Column))
	})
	p.counts.Rows = len(p.status)
	for _, s := range p.status {
		switch s {
		case Valid:
			p.counts.Valid++
		case Fixable:
			p.counts.Fixable++
		case Collapsed:
			p.counts.Collapsed++
		default:
			p.counts.Rejected++
		}
	}
}

// Table returns the validated table.
func (p *Plan) Table() *Table { return p.table }

// Mapping returns (a copy of) the mapping validated.
func (p *Plan) Mapping() *Mapping { return p.mapping.Clone() }

// Counts returns how many rows are valid, fixable and rejected.
func (p *Plan) Counts() Counts { return p.counts }

// Problems returns every problem, by row and column.
func (p *Plan) Problems() []Problem { return p.problems }

// RowProblems returns the problems of one row.
func (p *Plan) RowProblems(row int) []Problem {
	i, _ := slices.BinarySearchFunc(p.problems, row, func(pr Problem, r int) int { return cmp.Compare(pr.Row, r) })
	j := i
	for j < len(p.problems) && p.problems[j].Row == row {
		j++
	}
	return p.problems[i:j]
}

// Status returns the status of row i.
func (p *Plan) Status(i int) Status { return p.status[i] }

// Wire returns the delimiter the rows are sent with.
func (p *Plan) Wire() apiclient.Delimiter { return p.wire }

// Headers returns the profile headers sent, in the order of the values of
// a row (the mapped columns, left to right).
func (p *Plan) Headers() []string {
	out := make([]string, len(p.cols))
	for i, c := range p.cols {
		out[i] = c.header
	}
	return out
}

// value is what is sent for row i, mapped column c: the fix, or the value
// trimmed.
func (p *Plan) value(i int, c mappedCol) string {
	if p.status[i] == Fixable {
		if fix, ok := p.fixes[fixKey(i, c.col)]; ok {
			return fix
		}
	}
	return string(bytes.TrimSpace(p.table.field(i, c.col)))
}

// emailShape accepts name@domain.tld without spaces, separators or a second @.
func emailShape(b []byte) bool {
	at := bytes.IndexByte(b, '@')
	if at <= 0 || at != bytes.LastIndexByte(b, '@') {
		return false
	}
	domain := b[at+1:]
	dot := bytes.IndexByte(domain, '.')
	if dot <= 0 || domain[len(domain)-1] == '.' || bytes.Contains(domain, []byte("..")) {
		return false
	}
	for _, c := range b {
		if notInEmail[c] {
			return false
		}
	}
	return true
}

var notInEmail = func() (t [256]bool) {
	for c := 0; c <= ' '; c++ {
		t[c] = true
	}
	for _, c := range []byte(",;<>()[]\\\"") {
		t[c] = true
	}
	return t
}()

func allDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// dupFinder finds repeated values of one column without a string per
// value and without a big hash map (whose random access dominated a million
// rows): it collects (hash, row) pairs and, at the end, sorts them so equal
// values sit side by side.
type dupFinder struct {
	col   int
	seed  maphash.Seed
	pairs []hashRow
}

type hashRow struct {
	h   uint64
	row int32
}

func newDupFinder(col, n int) *dupFinder {
	return &dupFinder{col: col, seed: maphash.MakeSeed(), pairs: make([]hashRow, 0, n)}
}

func (d *dupFinder) add(val []byte, row int) {
	d.pairs = append(d.pairs, hashRow{maphash.Bytes(d.seed, val), int32(row)})
}

// groups calls fn with the rows of each value held by more than one row,
// in increasing row order; value returns a row's value.
func (d *dupFinder) groups(value func(row int32) []byte, fn func(rows []int32)) {
	sorted := sortByHash(d.pairs)
	var group []int32
	for i := 0; i < len(sorted); {
		j := i + 1
		for j < len(sorted) && sorted[j].h == sorted[i].h {
			j++
		}
		if j-i > 1 {
			// Equal hashes almost always mean equal values; check.
			rest := sorted[i:j]
			for len(rest) > 0 {
				lead := value(rest[0].row)
				group = group[:0]
				kept := rest[:0:0]
				for _, p := range rest {
					if bytes.Equal(value(p.row), lead) {
						group = append(group, p.row)
					} else {
						kept = append(kept, p)
					}
				}
				if len(group) > 1 {
					fn(group)
				}
				rest = kept
			}
		}
		i = j
	}
}

// sortByHash orders pairs by hash, then row: a counting sort on the top 16
// bits (hashes are uniform, so the buckets are small), then each bucket.
func sortByHash(pairs []hashRow) []hashRow {
	const bits = 16
	counts := make([]int, 1<<bits+1)
	for _, p := range pairs {
		counts[p.h>>(64-bits)+1]++
	}
	for i := 1; i < len(counts); i++ {
		counts[i] += counts[i-1]
	}
	out := make([]hashRow, len(pairs))
	next := slices.Clone(counts[:1<<bits])
	for _, p := range pairs {
		b := p.h >> (64 - bits)
		out[next[b]] = p
		next[b]++
	}
	for b := range 1 << bits {
		bucket := out[counts[b]:counts[b+1]]
		if len(bucket) > 1 {
			slices.SortFunc(bucket, func(x, y hashRow) int { return cmp.Or(cmp.Compare(x.h, y.h), cmp.Compare(x.row, y.row)) })
		}
	}
	return out
}

func trimmed(b []byte) []byte { return bytes.TrimSpace(b) }
