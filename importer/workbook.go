package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Excel workbooks (.xlsx, .xlsm) are read with excelize, a sheet's rows
// streamed through its row iterator (a large worksheet is unzipped to a
// temporary file, not held in memory). Cells come as their text: a text
// cell as typed, leading zeros kept; a number as its format shows it; a
// date cell (a day number with a date format) as YYYY-MM-DD whatever its
// format, so no order has to be guessed.

// zipMagic starts every workbook (a zip archive).
var zipMagic = []byte("PK\x03\x04")

// isWorkbook tells a workbook from text by its first bytes.
func isWorkbook(head []byte) bool { return bytes.HasPrefix(head, zipMagic) }

// errNotWorkbook is a zip archive excelize cannot read as a workbook.
var errNotWorkbook = errors.New("this is a zip archive but not an Excel workbook (.xlsx); " +
	"save it from the spreadsheet as .xlsx or CSV and try again")

// maxUnzipped bounds what a workbook may unzip to (a zip bomb stops
// there).
const maxUnzipped = 1 << 30

// maxUnzippedInMemory is the largest worksheet or shared-string table
// excelize decodes in memory; a larger one is unzipped to a temporary file
// and read from there. excelize's default, 16 MB, let the strings of a
// 100,000-row workbook saved by Excel (which puts every text in the shared
// table) become a tree of 150 MB of heap; at 1 MiB, the peak is under half.
const maxUnzippedInMemory = 1 << 20

// openWorkbook opens a workbook for reading and makes its date formats
// read as YYYY-MM-DD.
func openWorkbook(path string) (*excelize.File, error) {
	f, err := excelize.OpenFile(path, excelize.Options{TmpDir: os.TempDir(), UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzippedInMemory})
	if err != nil {
		if errors.Is(err, excelize.ErrWorkbookFileFormat) || strings.Contains(err.Error(), "zip") {
			return nil, errNotWorkbook
		}
		var pe *os.PathError
		if errors.As(err, &pe) {
			return nil, pe.Err
		}
		return nil, err
	}
	if err := isoDates(f); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// isoDates gives every cell format that shows a date the number format
// yyyy-mm-dd. excelize formats a cell as its style says while streaming
// and offers no per-cell hook, so the styles are changed in memory (the
// file is never saved).
func isoDates(f *excelize.File) error {
	isoFmt := "yyyy-mm-dd"
	iso, err := f.NewStyle(&excelize.Style{CustomNumFmt: &isoFmt})
	if err != nil {
		return err
	}
	xfs := f.Styles.CellXfs.Xf
	isoID := xfs[iso].NumFmtID
	for i := range xfs {
		if i == iso {
			continue
		}
		if st, err := f.GetStyle(i); err == nil && isDateStyle(st) {
			xfs[i].NumFmtID = isoID
		}
	}
	return nil
}

// builtInDates are the built-in number formats that show a day: 14 to 17
// and 22 in every language, 27 to 36 and 50 to 58 in East Asian ones.
func builtInDate(id int) bool {
	return id >= 14 && id <= 17 || id == 22 || id >= 27 && id <= 36 || id >= 50 && id <= 58
}

// isDateStyle tells whether a style shows its number as a date: a
// built-in date format, or a custom one with a day or a year in it (m alone
// could be minutes).
func isDateStyle(st *excelize.Style) bool {
	if st.CustomNumFmt == nil {
		return builtInDate(st.NumFmt)
	}
	code := strings.ToLower(*st.CustomNumFmt)
	var plain strings.Builder
	quoted, bracket := false, false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '[':
			bracket = true
		case c == ']':
			bracket = false
		case bracket:
		case c == '\\' || c == '_' || c == '*':
			i++ // the next character is shown as it is, or is padding
		default:
			plain.WriteByte(c)
		}
	}
	return strings.ContainsAny(plain.String(), "dy")
}

// workbookSheet picks the sheet to read: the one named, or the first.
func workbookSheet(f *excelize.File, name string) (string, error) {
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return "", errors.New("the workbook has no sheet")
	}
	if name == "" {
		return sheets[0], nil
	}
	if slices.Contains(sheets, name) {
		return name, nil
	}
	for _, s := range sheets {
		if strings.EqualFold(strings.TrimSpace(s), strings.TrimSpace(name)) {
			return s, nil
		}
	}
	return "", fmt.Errorf("the workbook has no sheet %q; its sheets are %s", name, quoteList(sheets))
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

// workbookReader streams the rows of one sheet.
type workbookReader struct {
	f      *excelize.File
	rows   *excelize.Rows
	header []string
	line   int // the row number of the sheet last read
	size   int64
	fields [][]byte
	buf    []byte
}

func newWorkbookReader(path string, f Format) (*workbookReader, error) {
	wb, err := openWorkbook(path)
	if err != nil {
		return nil, err
	}
	sheet, err := workbookSheet(wb, f.Sheet)
	if err != nil {
		wb.Close()
		return nil, err
	}
	rows, err := wb.Rows(sheet)
	if err != nil {
		wb.Close()
		return nil, err
	}
	r := &workbookReader{f: wb, rows: rows}
	if st, err := os.Stat(path); err == nil {
		// Unzipped text is several times the zip; a guess for the buffers.
		r.size = st.Size() * 4
	}
	if f.Header {
		fields, _, err := r.Next()
		switch {
		case err == io.EOF:
			return r, nil
		case err != nil:
			r.Close()
			return nil, err
		}
		r.header = make([]string, len(fields))
		for i, c := range fields {
			r.header[i] = string(bytes.TrimSpace(c))
		}
	}
	return r, nil
}

func (r *workbookReader) Header() []string { return r.header }
func (r *workbookReader) SizeHint() int64  { return r.size }

// Next returns the next row with a value; the line is its row number in
// the sheet.
func (r *workbookReader) Next() ([][]byte, int, error) {
	for r.rows.Next() {
		r.line++
		cells, err := r.rows.Columns()
		if err != nil {
			return nil, 0, fmt.Errorf("row %d: %w", r.line, err)
		}
		if len(cells) == 0 {
			continue
		}
		r.buf, r.fields = r.buf[:0], r.fields[:0]
		for _, c := range cells {
			r.buf = append(r.buf, c...)
		}
		at := 0
		for _, c := range cells {
			r.fields = append(r.fields, r.buf[at:at+len(c):at+len(c)])
			at += len(c)
		}
		return r.fields, r.line, nil
	}
	if err := r.rows.Error(); err != nil {
		return nil, 0, err
	}
	return nil, 0, io.EOF
}

func (r *workbookReader) Close() error {
	err := r.rows.Close()
	if cerr := r.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// sniffWorkbook reads the first rows of a sheet for the format step.
func sniffWorkbook(path, sheet string, rows int) (*Sample, error) {
	wb, err := openWorkbook(path)
	if err != nil {
		return nil, err
	}
	sheets := wb.GetSheetList()
	wb.Close()
	r, err := newWorkbookReader(path, Format{Workbook: true, Sheet: sheet})
	if err != nil {
		return nil, err
	}
	defer r.Close()
	s := &Sample{Sheets: sheets, path: path, max: rows}
	for len(s.raw) <= rows {
		fields, line, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		row := make([]string, len(fields))
		for i, f := range fields {
			row[i] = string(f)
		}
		s.raw = append(s.raw, row)
		s.rawLines = append(s.rawLines, line)
	}
	_, more, _ := r.Next()
	s.Partial = more > 0
	name, _ := workbookSheet(r.f, sheet)
	f := Format{Workbook: true, Sheet: name, Header: looksLikeHeader(s.raw)}
	return s.WithFormat(f), nil
}

// withWorkbookFormat splits the rows read into header and rows again.
func (s *Sample) withWorkbookFormat(f Format) *Sample {
	out := &Sample{Format: f, Partial: s.Partial, Sheets: s.Sheets, path: s.path, max: s.max, raw: s.raw, rawLines: s.rawLines}
	rows, lines := s.raw, s.rawLines
	if f.Header && len(rows) > 0 {
		out.Header = rows[0]
		rows, lines = rows[1:], lines[1:]
	}
	n := min(len(rows), s.max)
	out.Rows, out.Lines = rows[:n], lines[:n]
	if len(rows) > n {
		out.Partial = true
	}
	return out
}

// SniffSheet reads the first rows of another sheet of the sample's
// workbook (I/O: run it in a command).
func (s *Sample) SniffSheet(sheet string) (*Sample, error) {
	if !s.Format.Workbook {
		return nil, errors.New("only a workbook has sheets")
	}
	out, err := sniffWorkbook(s.path, sheet, s.max)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(s.path), err)
	}
	return out, nil
}
