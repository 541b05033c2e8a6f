package importer

import (
	"encoding/binary"
	"hash"
	"slices"
)

// A rejected row can be fixed by hand before the upload (the wizard's
// "fix in place"): WithRow gives a table in which the row holds the new
// values, and validating it again re-checks the row. The file is not
// changed; the fixes are part of the table's content (ContentHash), so an
// import with fixes has its own identity, and, as the file alone cannot
// give them back, it is not resumed from the file.

// WithRow returns a table like t whose row i holds values. t is left as
// it is; the two share the rows read.
func (t *Table) WithRow(i int, values []string) *Table {
	out := &Table{source: t.source, header: t.header, columns: t.columns, buf: t.buf, ends: t.ends,
		rowEnd: t.rowEnd, lines: t.lines, blank: t.blank, edits: make(map[int][][]byte, len(t.edits)+1)}
	for r, v := range t.edits {
		out.edits[r] = v
	}
	row := make([][]byte, len(values))
	for j, v := range values {
		row[j] = []byte(v)
	}
	out.edits[i] = row
	return out
}

// Edited tells whether row i was fixed by hand.
func (t *Table) Edited(i int) bool {
	_, ok := t.edits[i]
	return ok
}

// hashEdits adds the fixed rows to a content hash, in row order.
func (t *Table) hashEdits(h hash.Hash) {
	if len(t.edits) == 0 {
		return
	}
	rows := make([]int, 0, len(t.edits))
	for r := range t.edits {
		rows = append(rows, r)
	}
	slices.Sort(rows)
	var n [8]byte
	for _, r := range rows {
		binary.LittleEndian.PutUint64(n[:], uint64(r))
		h.Write(n[:])
		for _, v := range t.edits[r] {
			binary.LittleEndian.PutUint64(n[:], uint64(len(v)))
			h.Write(n[:])
			h.Write(v)
		}
	}
}

// editedBytes joins an edited row's values for hashing (collapse).
func (t *Table) editedBytes(i int) ([]byte, bool) {
	r, ok := t.edits[i]
	if !ok {
		return nil, false
	}
	var b []byte
	for _, v := range r {
		b = append(b, v...)
	}
	return b, true
}
