package importer

import (
	"bytes"
	"fmt"
)

// Rows identical in every column are one customer written twice (an export
// run twice into one file, a copy and paste): the first is imported, the
// others collapse into it. Two identical rows share their code and card
// number, so only rows within a group sharing one of those, and rows with
// neither, need comparing; a file where every row has a code pays nothing
// for it.

// rowBytes returns the bytes of row i's fields, which lie side by side in
// the table's buffer (for hashing; sameRow tells rows apart exactly).
func (v *validator) rowBytes(i int) []byte {
	t := v.p.table
	if b, ok := t.editedBytes(i); ok {
		return b
	}
	first, end := t.rowFirst(i), t.rowEnd[i]
	if first == end {
		return nil
	}
	start := uint32(0)
	if first > 0 {
		start = t.ends[first-1]
	}
	return t.buf[start:t.ends[end-1]]
}

// sameRow tells whether rows i and j hold the same values in every column.
func (t *Table) sameRow(i, j int) bool {
	n := t.Fields(i)
	if n != t.Fields(j) {
		return false
	}
	for c := range n {
		if !bytes.Equal(t.field(i, c), t.field(j, c)) {
			return false
		}
	}
	return true
}

// collapseKeyless collapses identical rows that have no code and no card
// number.
func (v *validator) collapseKeyless() {
	v.same.groups(func(row int32) []byte { return v.rowBytes(int(row)) }, func(rows []int32) {
		v.collapse(rows)
	})
}

// collapse marks every row of rows (increasing) that is identical to an
// earlier one as collapsed into it, and returns the rows left, which
// differ from each other. Rows already collapsed are left out.
func (v *validator) collapse(rows []int32) []int32 {
	p, t := v.p, v.p.table
	kept := make([]int32, 0, len(rows))
	for _, r := range rows {
		if p.status[r] == Collapsed {
			continue
		}
		into := -1
		for _, k := range kept {
			if t.sameRow(int(k), int(r)) {
				into = int(k)
				break
			}
		}
		if into < 0 {
			kept = append(kept, r)
			continue
		}
		p.status[r] = Collapsed
		p.problems = append(p.problems, Problem{Row: int(r), Line: t.Line(int(r)), Column: -1, Status: Collapsed,
			Reason: fmt.Sprintf("is identical to line %d: imported once", t.Line(into))})
	}
	return kept
}
