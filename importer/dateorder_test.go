package importer

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func dateValues(p *Plan) []string {
	var out []string
	for i := range p.Table().Len() {
		switch p.Status(i) {
		case Rejected:
			out = append(out, "rejected")
		default:
			out = append(out, p.value(i, mappedCol{col: p.Dates().Column}))
		}
	}
	return out
}

// One value that can only be day-first makes the whole column day-first.
func TestDateOrderInferredDayFirst(t *testing.T) {
	p := validate(t, "code,birthday\nA,03/02/1985\nB,14/07/1970\nC,1990-02-30\nD,1980-05-06\nE,12.11.1999\n")
	d := p.Dates()
	assert.Equal(t, DateColumn{Column: 1, Order: DMY, Inferred: true, Example: "14/07/1970"}, d)
	assert.Equal(t, []string{"1985-02-03", "1970-07-14", "rejected", "1980-05-06", "1999-11-12"}, dateValues(p))
	assert.Contains(t, p.RowProblems(2)[0].Reason, "not a real day", "a day that does not exist stays rejected")
}

func TestDateOrderInferredMonthFirst(t *testing.T) {
	p := validate(t, "code,birthday\nA,03/02/1985\nB,07/14/1970\n")
	assert.Equal(t, MDY, p.Dates().Order)
	assert.Equal(t, []string{"1985-03-02", "1970-07-14"}, dateValues(p))
}

// Values that contradict each other leave the order open: the ambiguous
// ones are rejected, and the plan says why.
func TestDateOrderContradictionLeavesItOpen(t *testing.T) {
	p := validate(t, "code,birthday\nA,03/02/1985\nB,07/14/1970\nC,14/07/1970\n")
	d := p.Dates()
	assert.Equal(t, DateAuto, d.Order)
	assert.False(t, d.Inferred)
	assert.Equal(t, "14/07/1970 can only be day-first and 07/14/1970 only month-first", d.Conflict)
	assert.Equal(t, []string{"rejected", "1970-07-14", "1970-07-14"}, dateValues(p))
}

func TestDateOrderYearFirst(t *testing.T) {
	p := validate(t, "code,birthday\nA,1985-02-03\nB,1970/7/14\n")
	assert.Equal(t, DateColumn{Column: 1, Order: YMD, Inferred: true, Example: "1985-02-03"}, p.Dates())
}

// An order given (the wizard's choice, --date-order) is used as it is: a
// value it cannot read is rejected.
func TestDateOrderGiven(t *testing.T) {
	p := validate(t, "code,birthday\nA,03/02/1985\nB,07/14/1970\n", func(m *Mapping) { m.SetDateOrder(DMY) })
	assert.Equal(t, DateColumn{Column: 1, Order: DMY}, p.Dates())
	assert.Equal(t, []string{"1985-02-03", "rejected"}, dateValues(p))
	assert.Equal(t, "is not a real day read day-first; write it as YYYY-MM-DD", p.RowProblems(1)[0].Reason)

	p = validate(t, "code,birthday\nA,03/02/1985\nB,14/07/1970\n", func(m *Mapping) { m.SetDateOrder(MDY) })
	assert.Equal(t, []string{"1985-03-02", "rejected"}, dateValues(p))
}

func TestParseDateOrder(t *testing.T) {
	for in, want := range map[string]DateOrder{"dmy": DMY, "MDY": MDY, "ymd": YMD, "auto": DateAuto, "": DateAuto} {
		got, err := ParseDateOrder(in)
		require.NoError(t, err)
		assert.Equal(t, want, got)
	}
	_, err := ParseDateOrder("ydm")
	assert.ErrorContains(t, err, "use dmy")
}
