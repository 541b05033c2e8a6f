package importer

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"sync"
)

// Table is a source read whole. Every field of every row sits in one byte
// buffer; a row is a run of field end offsets. Nothing per value is
// allocated, so a million rows cost their bytes plus about 4 bytes a field.
// A Table is read-only once built and safe for concurrent readers.
type Table struct {
	source  Source
	header  []string
	columns int
	buf     []byte
	ends    []uint32 // end of each field in buf, all rows in a row
	rowEnd  []uint32 // one past each row's last field in ends
	lines   []uint32 // the source line each row starts on
	blank   int      // rows skipped because every field was blank
	// edits are rows fixed by hand (WithRow), by row index; nil for none.
	edits map[int][][]byte

	hashOnce sync.Once
	hash     string
}

// maxTableBytes is what uint32 offsets can address.
const maxTableBytes = math.MaxUint32

// ErrTooLarge is a source bigger than one import can hold.
var ErrTooLarge = errors.New("the file is too large for one import")

// ReadTable reads every row of the source. It stops early when ctx ends.
func ReadTable(ctx context.Context, src Source) (*Table, error) {
	rr, err := src.Open(ctx)
	if err != nil {
		return nil, err
	}
	defer rr.Close()
	t := &Table{source: src, header: rr.Header()}
	if h, ok := rr.(sizeHinter); ok && h.SizeHint() > 0 {
		t.grow(min(h.SizeHint(), maxImportBytes))
	}
	widths := map[int]int{}
	for n := 0; ; n++ {
		if n&0xFFFF == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		fields, line, err := rr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", src.Name(), err)
		}
		if allBlank(fields) {
			t.blank++
			continue
		}
		if err := t.add(fields, line); err != nil {
			return nil, err
		}
		if len(widths) < 64 || widths[len(fields)] > 0 {
			widths[len(fields)]++
		}
	}
	t.columns = len(t.header)
	if t.columns == 0 {
		t.columns = mostCommon(widths)
	}
	return t, nil
}

// grow sizes the buffers for a source of about size bytes, so that reading
// a large file does not copy them over and over.
func (t *Table) grow(size int64) {
	t.buf = make([]byte, 0, size)
	fields := size / 8
	t.ends = make([]uint32, 0, fields)
	t.rowEnd = make([]uint32, 0, fields/8)
	t.lines = make([]uint32, 0, fields/8)
}

func (t *Table) add(fields [][]byte, line int) error {
	if n := rowBytes(fields); int64(len(t.buf)+n) > maxImportBytes {
		return tooLargeError{} // before appending: the buffer does not grow past the bound
	}
	for _, f := range fields {
		t.buf = append(t.buf, f...)
		t.ends = append(t.ends, uint32(len(t.buf)))
	}
	if len(t.ends) >= maxTableBytes {
		return tooLargeError{}
	}
	t.rowEnd = append(t.rowEnd, uint32(len(t.ends)))
	t.lines = append(t.lines, uint32(line))
	return nil
}

func allBlank(fields [][]byte) bool {
	for _, f := range fields {
		if len(bytes.TrimSpace(f)) > 0 {
			return false
		}
	}
	return true
}

func mostCommon(widths map[int]int) int {
	best, freq := 0, 0
	for w, n := range widths {
		if n > freq || (n == freq && w > best) {
			best, freq = w, n
		}
	}
	return best
}

// Source returns what the table was read from.
func (t *Table) Source() Source { return t.source }

// Header returns the column names, or nil when the source had none.
func (t *Table) Header() []string { return t.header }

// Columns returns the number of columns: the header's, or without one the
// most common number of fields.
func (t *Table) Columns() int { return t.columns }

// ColumnName names a column for people: its header, or "Column N".
func (t *Table) ColumnName(col int) string {
	if col >= 0 && col < len(t.header) && t.header[col] != "" {
		return t.header[col]
	}
	return fmt.Sprintf("Column %d", col+1)
}

// Len returns the number of rows (without the header and blank rows).
func (t *Table) Len() int { return len(t.rowEnd) }

// BlankRows returns how many rows were skipped because all their fields
// were blank (as spreadsheets write after the data).
func (t *Table) BlankRows() int { return t.blank }

// Line returns the 1-based source line row i starts on.
func (t *Table) Line(i int) int { return int(t.lines[i]) }

// Fields returns the number of fields of row i.
func (t *Table) Fields(i int) int {
	if t.edits != nil {
		if r, ok := t.edits[i]; ok {
			return len(r)
		}
	}
	return int(t.rowEnd[i] - t.rowFirst(i))
}

func (t *Table) rowFirst(i int) uint32 {
	if i == 0 {
		return 0
	}
	return t.rowEnd[i-1]
}

// field returns the bytes of row i, column j (nil past the row's end). The
// slice aliases the table: never change it.
func (t *Table) field(i, j int) []byte {
	if t.edits != nil {
		if r, ok := t.edits[i]; ok {
			if j >= len(r) {
				return nil
			}
			return r[j]
		}
	}
	k := t.rowFirst(i) + uint32(j)
	if k >= t.rowEnd[i] {
		return nil
	}
	start := uint32(0)
	if k > 0 {
		start = t.ends[k-1]
	}
	return t.buf[start:t.ends[k]:t.ends[k]]
}

// Field returns row i, column j as read ("" past the row's end).
func (t *Table) Field(i, j int) string { return string(t.field(i, j)) }

// Row returns row i's fields as read.
func (t *Table) Row(i int) []string {
	out := make([]string, t.Fields(i))
	for j := range out {
		out[j] = string(t.field(i, j))
	}
	return out
}

// Preview returns up to n rows from the first.
func (t *Table) Preview(n int) [][]string {
	n = min(n, t.Len())
	out := make([][]string, n)
	for i := range out {
		out[i] = t.Row(i)
	}
	return out
}

// ContentHash is a SHA-256 of the header and every field, so it changes
// when any value, or the way the text is split into values, changes. It is
// computed once, on first use.
func (t *Table) ContentHash() string {
	t.hashOnce.Do(func() {
		h := sha256.New()
		var n [8]byte
		binary.LittleEndian.PutUint64(n[:], uint64(len(t.header)))
		h.Write(n[:])
		for _, name := range t.header {
			binary.LittleEndian.PutUint64(n[:], uint64(len(name)))
			h.Write(n[:])
			h.Write([]byte(name))
		}
		h.Write(t.buf)
		writeUint32s(h, t.ends)
		writeUint32s(h, t.rowEnd)
		t.hashEdits(h)
		t.hash = hex.EncodeToString(h.Sum(nil))
	})
	return t.hash
}

func writeUint32s(w io.Writer, v []uint32) {
	block := make([]byte, 0, 64<<10)
	for _, x := range v {
		block = binary.LittleEndian.AppendUint32(block, x)
		if len(block) == cap(block) {
			w.Write(block)
			block = block[:0]
		}
	}
	w.Write(block)
}
