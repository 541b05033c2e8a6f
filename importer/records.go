package importer

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// FormatError is text that cannot be split into rows.
type FormatError struct {
	Line int
	Msg  string
}

func (e *FormatError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

var (
	errUTF16 = errors.New("the file is UTF-16 text; save it as UTF-8 (\"CSV UTF-8\") and try again")
	bomUTF8  = []byte{0xEF, 0xBB, 0xBF}
)

// recordReader splits delimited text into records: RFC 4180 quoting
// (doubled quotes, line breaks inside quotes), CRLF or LF, an optional UTF-8
// byte order mark, blank lines skipped. It is lenient where encoding/csv is
// strict (a stray quote inside a field is kept as text) but refuses a quote
// that is never closed, which would swallow the rest of the file.
type recordReader struct {
	r       *bufio.Reader
	closer  io.Closer
	format  Format
	header  []string
	line    int // physical lines consumed
	eof     bool
	size    int64
	long    []byte   // a line longer than the bufio buffer
	rec     []byte   // fields of a quoted record, unescaped
	ends    []int    // field ends in rec
	fields  [][]byte // what Next returns
	convert []byte   // Windows-1252 → UTF-8
}

func newRecordReader(r *bufio.Reader, f Format, closer io.Closer) (*recordReader, error) {
	rr := &recordReader{r: r, closer: closer, format: f}
	if err := rr.skipBOM(); err != nil {
		return nil, err
	}
	if f.Header {
		fields, _, err := rr.Next()
		switch {
		case err == io.EOF:
			return rr, nil
		case err != nil:
			return nil, err
		}
		rr.header = make([]string, len(fields))
		for i, f := range fields {
			rr.header[i] = string(bytes.TrimSpace(f))
		}
	}
	return rr, nil
}

func (rr *recordReader) skipBOM() error {
	head, _ := rr.r.Peek(3)
	switch {
	case bytes.HasPrefix(head, bomUTF8):
		_, _ = rr.r.Discard(3)
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return errUTF16
	}
	return nil
}

func (rr *recordReader) Header() []string { return rr.header }
func (rr *recordReader) SizeHint() int64  { return rr.size }

func (rr *recordReader) Close() error {
	if rr.closer == nil {
		return nil
	}
	return rr.closer.Close()
}

// Next returns the next non-blank record.
func (rr *recordReader) Next() ([][]byte, int, error) {
	for {
		line, err := rr.readLine()
		if err != nil {
			return nil, 0, err
		}
		start := rr.line
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if bytes.IndexByte(line, '"') < 0 {
			rr.split(line)
		} else if err := rr.parseQuoted(line, start); err != nil {
			return nil, 0, err
		}
		if rr.format.Charset == Windows1252 {
			rr.toUTF8()
		}
		return rr.fields, start, nil
	}
}

// readLine returns the next physical line without its line ending; the
// slice is valid until the next call.
func (rr *recordReader) readLine() ([]byte, error) {
	if rr.eof {
		return nil, io.EOF
	}
	line, err := rr.r.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		rr.long = append(rr.long[:0], line...)
		for err == bufio.ErrBufferFull {
			if bytes.IndexByte(line, 0) >= 0 {
				return nil, errNotTextLine(rr.line + 1)
			}
			if len(rr.long) > maxLineBytes {
				return nil, errLineTooLong(rr.line + 1)
			}
			line, err = rr.r.ReadSlice('\n')
			rr.long = append(rr.long, line...)
		}
		line = rr.long
	}
	if len(line) > maxLineBytes+2 { // CRLF not counted
		return nil, errLineTooLong(rr.line + 1)
	}
	if bytes.IndexByte(line, 0) >= 0 {
		return nil, errNotTextLine(rr.line + 1)
	}
	switch {
	case err == io.EOF:
		rr.eof = true
		if len(line) == 0 {
			return nil, io.EOF
		}
	case err != nil:
		return nil, err
	}
	rr.line++
	line = bytes.TrimSuffix(line, []byte{'\n'})
	return bytes.TrimSuffix(line, []byte{'\r'}), nil
}

// split is the common case: a line without quotes.
func (rr *recordReader) split(line []byte) {
	rr.fields = rr.fields[:0]
	d := rr.format.Delimiter
	for {
		i := bytes.IndexByte(line, d)
		if i < 0 {
			rr.fields = append(rr.fields, line)
			return
		}
		rr.fields = append(rr.fields, line[:i])
		line = line[i+1:]
	}
}

// parseQuoted reads a record holding quotes, which may go on over the next
// lines; line breaks inside quotes are kept as "\n".
func (rr *recordReader) parseQuoted(line []byte, start int) error {
	rr.rec, rr.ends = rr.rec[:0], rr.ends[:0]
	d := rr.format.Delimiter
	for {
		if q := openingQuote(line); q >= 0 {
			var err error
			if line, err = rr.quotedField(line[q+1:], start); err != nil {
				return err
			}
		}
		// Unquoted text, or what follows a closing quote up to the delimiter.
		i := bytes.IndexByte(line, d)
		if i < 0 {
			rr.rec = append(rr.rec, line...)
			rr.ends = append(rr.ends, len(rr.rec))
			break
		}
		rr.rec = append(rr.rec, line[:i]...)
		rr.ends = append(rr.ends, len(rr.rec))
		line = line[i+1:]
	}
	rr.fields = rr.fields[:0]
	from := 0
	for _, end := range rr.ends {
		rr.fields = append(rr.fields, rr.rec[from:end:end])
		from = end
	}
	return nil
}

// openingQuote returns where a field opens with a quote (after spaces, as
// in `a, "b"`), or -1.
func openingQuote(field []byte) int {
	for i, c := range field {
		switch c {
		case ' ':
			continue
		case '"':
			return i
		}
		return -1
	}
	return -1
}

// quotedField appends a quoted field's text (after its opening quote) to
// rec and returns the rest of the line after the closing quote.
func (rr *recordReader) quotedField(line []byte, start int) ([]byte, error) {
	for {
		i := bytes.IndexByte(line, '"')
		if i < 0 {
			rr.rec = append(rr.rec, line...)
			rr.rec = append(rr.rec, '\n')
			if len(rr.rec) > maxLineBytes {
				return nil, errQuoteTooLong(start)
			}
			next, err := rr.readLine()
			if err == io.EOF {
				return nil, &FormatError{Line: start, Msg: "a quoted value starts here and is never closed"}
			}
			if err != nil {
				return nil, err
			}
			line = next
			continue
		}
		rr.rec = append(rr.rec, line[:i]...)
		line = line[i+1:]
		if len(line) > 0 && line[0] == '"' {
			rr.rec = append(rr.rec, '"')
			line = line[1:]
			continue
		}
		return line, nil
	}
}

// toUTF8 rewrites fields holding bytes above 0x7F from Windows-1252.
func (rr *recordReader) toUTF8() {
	rr.convert = rr.convert[:0]
	for i, f := range rr.fields {
		if isASCII(f) {
			continue
		}
		from := len(rr.convert)
		for _, c := range f {
			if c < 0x80 {
				rr.convert = append(rr.convert, c)
				continue
			}
			rr.convert = append(rr.convert, string(cp1252(c))...)
		}
		rr.fields[i] = rr.convert[from:len(rr.convert):len(rr.convert)]
	}
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// cp1252High are the characters of Windows-1252 at 0x80–0x9F; the rest of
// the upper half is Latin-1.
var cp1252High = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8D, 'Ž', 0x8F,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9D, 'ž', 'Ÿ',
}

func cp1252(c byte) rune {
	if c >= 0x80 && c < 0xA0 {
		return cp1252High[c-0x80]
	}
	return rune(c)
}
