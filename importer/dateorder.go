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

// observe notes what val says about the order and tells whether it waits
// for the order (a/b/YYYY with both a and b 12 or less, a ≠ b).
func (d *dateInference) observe(row int, val []byte) (deferred bool) {
	if isISODate(val) {
		d.note(YMD, val)
		return false
	}
	a, b, ok := dayMonthPair(val)
	switch {
	case !ok:
		if toks, ok := tokenizeDate(dropTime(strings.TrimSpace(string(val)))); ok && len(toks) == 3 && toks[0].digits == 4 {
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

// dayMonthPair reads a/b/YYYY (any separator, a time after it dropped).
func dayMonthPair(val []byte) (a, b int, ok bool) {
	toks, ok := tokenizeDate(dropTime(strings.TrimSpace(string(val))))
	if !ok || len(toks) != 3 || toks[0].digits == 0 || toks[1].digits == 0 || toks[2].digits != 4 ||
		toks[0].digits > 2 || toks[1].digits > 2 {
		return 0, 0, false
	}
	return toks[0].num, toks[1].num, true
}

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
