package importer

import (
	"fmt"
	"strings"
)

// DateOrder is how the day, the month and the year follow each other in a
// column of dates.
type DateOrder uint8

// The orders. DateAuto infers the order of each date column from its
// values (see Plan.Dates).
const (
	DateAuto DateOrder = iota
	DMY                // day first: 14/07/1970
	MDY                // month first: 07/14/1970
	YMD                // year first: 1970-07-14
)

// DateOrders are the choices, in the order a screen cycles through them.
var DateOrders = []DateOrder{DateAuto, DMY, MDY, YMD}

func (o DateOrder) String() string {
	switch o {
	case DMY:
		return "day-first"
	case MDY:
		return "month-first"
	case YMD:
		return "year-first"
	}
	return "inferred from the values"
}

// Flag is the order as --date-order takes it ("" for DateAuto).
func (o DateOrder) Flag() string {
	return [...]string{"", "dmy", "mdy", "ymd"}[o]
}

// ParseDateOrder reads --date-order: dmy, mdy, ymd or auto.
func ParseDateOrder(s string) (DateOrder, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return DateAuto, nil
	case "dmy", "day-first":
		return DMY, nil
	case "mdy", "month-first":
		return MDY, nil
	case "ymd", "year-first":
		return YMD, nil
	}
	return DateAuto, fmt.Errorf("--date-order %q: use dmy (14/07/1970), mdy (07/14/1970) or ymd (1970-07-14)", s)
}

// SetDateOrder sets how the custom_date column is read; DateAuto infers it.
func (m *Mapping) SetDateOrder(o DateOrder) { m.dateOrder = o }

// DateOrder returns the order set (DateAuto when it is inferred).
func (m *Mapping) DateOrder() DateOrder { return m.dateOrder }

// DateColumn is how a plan reads its column of dates.
type DateColumn struct {
	Column int // Table column, -1 when no column is custom_date
	Order  DateOrder
	// Inferred tells that Order was read from the values; Example is the
	// first value that can only be read that way.
	Inferred bool
	Example  string
	// Conflict, when the order is left open, names values that contradict
	// each other (one only day-first, one only month-first).
	Conflict string
}

// dateInference gathers, while a column is validated, which orders its
// values allow, and defers the values that could be either day-first or
// month-first until the column's order is known.
type dateInference struct {
	examples [4]string // by DateOrder: the first value only that order reads
	counts   [4]int
	deferred []int32 // rows whose value waits for the order
}

// iso notes a YYYY-MM-DD value (the common case, kept small to inline).
func (d *dateInference) iso(val []byte) {
	if d.counts[YMD] == 0 {
		d.examples[YMD] = string(val)
	}
	d.counts[YMD]++
}

// observe notes what a value that is not YYYY-MM-DD says about the order
// and tells whether it waits for the order (a/b/YYYY with both a and b 12
// or less, a ≠ b).
func (d *dateInference) observe(row int, val []byte) (deferred bool) {
	a, b, ok := dayMonthPair(val)
	switch {
	case !ok:
		if yearFirst(val) {
			d.note(YMD, val)
		}
		return false
	case a > 12 && b <= 12:
		d.note(DMY, val)
	case b > 12 && a <= 12:
		d.note(MDY, val)
	case a != b && a <= 12 && b <= 12:
		d.deferred = append(d.deferred, int32(row))
		return true
	}
	return false
}

func (d *dateInference) note(o DateOrder, val []byte) {
	if d.counts[o] == 0 {
		d.examples[o] = string(val)
	}
	d.counts[o]++
}

// dayMonthPair reads a/b/YYYY: one or two digits, a separator (/ . - or
// space), one or two digits, a separator, four digits, then nothing or a
// time after a space or T. It allocates nothing: it runs on every date
// that is not YYYY-MM-DD.
func dayMonthPair(val []byte) (a, b int, ok bool) {
	a, rest, ok := number(val, 1, 2)
	if !ok || len(rest) == 0 || !dateSep(rest[0]) {
		return 0, 0, false
	}
	b, rest, ok = number(rest[1:], 1, 2)
	if !ok || len(rest) == 0 || !dateSep(rest[0]) {
		return 0, 0, false
	}
	if _, rest, ok = number(rest[1:], 4, 4); !ok {
		return 0, 0, false
	}
	if len(rest) > 0 && rest[0] != ' ' && rest[0] != 'T' {
		return 0, 0, false
	}
	return a, b, true
}

// yearFirst tells a date that starts with a four-digit year and a
// separator.
func yearFirst(val []byte) bool {
	_, rest, ok := number(val, 4, 4)
	return ok && len(rest) > 0 && dateSep(rest[0])
}

// number reads min to max digits at the start of b.
func number(b []byte, min, max int) (n int, rest []byte, ok bool) {
	i := 0
	for i < len(b) && i < max && b[i] >= '0' && b[i] <= '9' {
		n = n*10 + int(b[i]-'0')
		i++
	}
	if i < min || (i < len(b) && b[i] >= '0' && b[i] <= '9') {
		return 0, b, false
	}
	return n, b[i:], true
}

func dateSep(c byte) bool { return c == '/' || c == '.' || c == '-' || c == ' ' }

// column decides the order: the one some value can only be read in, when
// no value can only be read in the other; year-first when every date is.
func (d *dateInference) column(col int) DateColumn {
	dc := DateColumn{Column: col}
	dmy, mdy := d.counts[DMY] > 0, d.counts[MDY] > 0
	switch {
	case dmy && mdy:
		dc.Conflict = fmt.Sprintf("%s can only be day-first and %s only month-first", d.examples[DMY], d.examples[MDY])
	case dmy:
		dc.Order, dc.Inferred, dc.Example = DMY, true, d.examples[DMY]
	case mdy:
		dc.Order, dc.Inferred, dc.Example = MDY, true, d.examples[MDY]
	case d.counts[YMD] > 0 && len(d.deferred) == 0:
		dc.Order, dc.Inferred, dc.Example = YMD, true, d.examples[YMD]
	}
	return dc
}

func (v *validator) checkDate(i, col int, val []byte, order DateOrder) {
	switch verdict, fix, why := checkDateIn(val, order); verdict {
	case dateConverted:
		v.p.addProblem(i, col, Fixable, val, fix, "converted to YYYY-MM-DD")
	case dateAmbiguous, dateInvalid:
		v.p.addProblem(i, col, Rejected, val, "", why)
	}
}

// resolveDates infers the order of the date column, then checks the values
// that waited for it (still ambiguous, and rejected, when none is found).
func (v *validator) resolveDates() {
	if v.dates == nil {
		return
	}
	p := v.p
	p.dates = v.dates.column(p.dates.Column)
	for _, r := range v.dates.deferred {
		val := trimmed(p.table.field(int(r), p.dates.Column))
		v.checkDate(int(r), p.dates.Column, val, p.dates.Order)
	}
}

// Dates returns how the plan reads its column of dates.
func (p *Plan) Dates() DateColumn { return p.dates }
