package importer

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Charset is the text encoding of a file.
type Charset uint8

// The encodings a file may be in. Spreadsheets on Windows save "CSV" in
// Windows-1252 unless told otherwise; it is read as such when the file is
// not valid UTF-8.
const (
	UTF8 Charset = iota
	Windows1252
)

func (c Charset) String() string {
	if c == Windows1252 {
		return "Windows-1252"
	}
	return "UTF-8"
}

// Format is how a text file is laid out.
type Format struct {
	// Delimiter is one of Delimiters (text files only).
	Delimiter byte    `json:"delimiter"`
	Header    bool    `json:"header"`
	Charset   Charset `json:"charset"`
	// Workbook marks an Excel workbook; Sheet is the sheet read ("": the
	// first).
	Workbook bool   `json:"workbook,omitempty"`
	Sheet    string `json:"sheet,omitempty"`
}

// Delimiters are the column separators a file may use, in the order they
// are offered.
var Delimiters = []byte{',', ';', '\t', '|'}

// DelimiterName names a delimiter for people.
func DelimiterName(d byte) string {
	switch d {
	case ',':
		return "comma"
	case ';':
		return "semicolon"
	case '\t':
		return "tab"
	case '|':
		return "pipe"
	}
	return fmt.Sprintf("%q", d)
}

func (f Format) check() error {
	if f.Workbook {
		return nil
	}
	if bytes.IndexByte(Delimiters, f.Delimiter) < 0 {
		return fmt.Errorf("the column delimiter must be comma, semicolon, tab or pipe, not %s", DelimiterName(f.Delimiter))
	}
	return nil
}

// oleMagic starts the workbooks of Excel 97–2003 (.xls).
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

var errOldExcel = errors.New("this is an old Excel workbook (.xls); save it as .xlsx (Excel Workbook) or CSV and try again")

// sampleSize is how much of a file format detection and the preview read.
const sampleSize = 64 << 10

// Sample is the beginning of a file, parsed for the format screen.
type Sample struct {
	Format Format
	Header []string   // nil without a header row
	Rows   [][]string // the first rows after the header
	Lines  []int      // the line each of Rows starts on
	// Partial tells that the file goes on beyond the sample.
	Partial bool
	// Err is a problem met in the sample (a quote never closed); the rows
	// before it are there.
	Err error
	// Sheets are a workbook's sheets, in order (nil for text).
	Sheets []string

	data     []byte
	max      int
	path     string     // a workbook's
	raw      [][]string // a workbook's first rows, header included
	rawLines []int
}

// SniffFile reads the beginning of the file, detects its format and parses
// up to rows rows with it.
func SniffFile(path string, rows int) (*Sample, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", filepath.Base(path), unwrapPathError(err))
	}
	defer f.Close()
	head := make([]byte, 8)
	n, _ := io.ReadFull(f, head)
	switch head = head[:n]; {
	case isWorkbook(head):
		f.Close()
		s, err := sniffWorkbook(path, "", rows)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
		}
		return s, nil
	case bytes.HasPrefix(head, oleMagic):
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), errOldExcel)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	s, err := Sniff(f, rows)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return s, nil
}

// Sniff is SniffFile on a reader.
func Sniff(r io.Reader, rows int) (*Sample, error) {
	buf := make([]byte, sampleSize+1)
	n, err := io.ReadFull(r, buf)
	if err != nil && err != io.EOF && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, err
	}
	data, partial := buf[:n], n > sampleSize
	if partial {
		// Only whole lines: the last one is probably cut.
		data = data[:bytes.LastIndexByte(data[:sampleSize], '\n')+1]
	}
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return nil, errUTF16
	}
	if bytes.IndexByte(buf[:min(n, sampleSize)], 0) >= 0 {
		return nil, ErrNotText
	}
	s := &Sample{data: data, max: rows, Partial: partial}
	return s.WithFormat(DetectFormat(data)), nil
}

// WithFormat parses the sample again with another format (the user's
// choice); it does no I/O.
func (s *Sample) WithFormat(f Format) *Sample {
	if s.Format.Workbook || s.raw != nil {
		return s.withWorkbookFormat(f)
	}
	out := &Sample{Format: f, Partial: s.Partial, data: s.data, max: s.max}
	if err := f.check(); err != nil {
		out.Err = err
		return out
	}
	rr, err := newRecordReader(bufio.NewReader(bytes.NewReader(s.data)), f, nil)
	if err != nil {
		out.Err = err
		return out
	}
	out.Header = rr.Header()
	for len(out.Rows) < s.max {
		fields, line, err := rr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if !s.Partial {
				out.Err = err
			}
			break
		}
		row := make([]string, len(fields))
		for i, f := range fields {
			row[i] = string(f)
		}
		out.Rows = append(out.Rows, row)
		out.Lines = append(out.Lines, line)
	}
	return out
}

// DetectFormat guesses the format of text from its beginning: the
// delimiter that splits the most lines into the same number of columns
// (more columns breaking ties), whether the first line is a header, and
// whether the text is UTF-8.
func DetectFormat(sample []byte) Format {
	sample = bytes.TrimPrefix(sample, bomUTF8)
	f := Format{Delimiter: ',', Charset: UTF8}
	if !validUTF8Prefix(sample) {
		f.Charset = Windows1252
	}
	best := 0.0
	var bestRecs [][]string
	for _, d := range Delimiters {
		recs := sampleRecords(sample, Format{Delimiter: d, Charset: f.Charset}, 200)
		if score := delimiterScore(recs); score > best {
			best, f.Delimiter, bestRecs = score, d, recs
		}
	}
	if bestRecs == nil {
		bestRecs = sampleRecords(sample, f, 200)
	}
	f.Header = looksLikeHeader(bestRecs)
	return f
}

// validUTF8Prefix is utf8.Valid, forgiving a character cut at the end.
func validUTF8Prefix(b []byte) bool {
	if utf8.Valid(b) {
		return true
	}
	for cut := 1; cut < utf8.UTFMax && cut <= len(b); cut++ {
		if utf8.Valid(b[:len(b)-cut]) {
			return !utf8.FullRune(b[len(b)-cut:])
		}
	}
	return false
}

func sampleRecords(sample []byte, f Format, max int) [][]string {
	rr, err := newRecordReader(bufio.NewReader(bytes.NewReader(sample)), f, nil)
	if err != nil {
		return nil
	}
	var recs [][]string
	for len(recs) < max {
		fields, _, err := rr.Next()
		if err != nil {
			break
		}
		rec := make([]string, len(fields))
		for i, f := range fields {
			rec[i] = string(f)
		}
		recs = append(recs, rec)
	}
	return recs
}

// delimiterScore rates how well a delimiter splits the records: the share of
// records with the most common column count, squared (consistency matters
// most), times that count. One column scores nothing.
func delimiterScore(recs [][]string) float64 {
	if len(recs) == 0 {
		return 0
	}
	counts := map[int]int{}
	mode, freq := 0, 0
	for _, r := range recs {
		counts[len(r)]++
		if c := counts[len(r)]; c > freq || (c == freq && len(r) > mode) {
			mode, freq = len(r), c
		}
	}
	if mode < 2 {
		return 0
	}
	share := float64(freq) / float64(len(recs))
	return share * share * float64(mode)
}

// looksLikeHeader decides whether the first record names the columns: no
// cell looks like data (a number, an e-mail address), and one of its cells
// is a known column name, or none holds a digit while some column below
// mostly does.
func looksLikeHeader(recs [][]string) bool {
	if len(recs) == 0 {
		return false
	}
	first := recs[0]
	for _, cell := range first {
		if c := strings.TrimSpace(cell); strings.Contains(c, "@") || (c != "" && allDigits([]byte(c))) {
			return false
		}
	}
	for _, cell := range first {
		if h, _ := SuggestHeader(cell); h != "" {
			return true
		}
	}
	for _, cell := range first {
		if cell == "" || hasDigit(cell) {
			return false
		}
	}
	rest := recs[1:]
	for col := range first {
		digits := 0
		for _, r := range rest {
			if col < len(r) && hasDigit(r[col]) {
				digits++
			}
		}
		if len(rest) > 0 && digits*2 > len(rest) {
			return true
		}
	}
	return false
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}
