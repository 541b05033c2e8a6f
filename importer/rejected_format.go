package importer

import (
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// rejectedStyle is how the rejected rows file is written: like its source
// (delimiter, character set, byte order mark), so the program that made
// the file reads the rows back the same way. A workbook's rows go to
// comma-separated UTF-8 with a byte order mark, which spreadsheets open
// as UTF-8; rows of other sources (Imonggo) to plain UTF-8 CSV.
type rejectedStyle struct {
	delim byte
	bom   bool
	latin bool // Windows-1252
}

func (t *Table) rejectedStyle() rejectedStyle {
	fs, ok := t.source.(*FileSource)
	switch {
	case !ok:
		return rejectedStyle{delim: ','}
	case fs.Format.Workbook:
		return rejectedStyle{delim: ',', bom: true}
	}
	st := rejectedStyle{delim: fs.Format.Delimiter, latin: fs.Format.Charset == Windows1252}
	if st.delim == 0 {
		st.delim = ','
	}
	st.bom = !st.latin && startsWithBOM(fs.Path)
	return st
}

func startsWithBOM(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(bomUTF8))
	n, _ := f.Read(head)
	return bytes.Equal(head[:n], bomUTF8)
}

// newWriter starts the file on out: the byte order mark, then a CSV
// writer in the source's delimiter.
func (st rejectedStyle) newWriter(out io.Writer) (*csv.Writer, error) {
	if st.bom {
		if _, err := out.Write(bomUTF8); err != nil {
			return nil, err
		}
	}
	w := csv.NewWriter(out)
	w.Comma = rune(st.delim)
	return w, nil
}

// cells turns a record into what is written: each cell neutralised
// against formulas, and in the source's character set.
func (st rejectedStyle) cells(rec []string) []string {
	out := make([]string, len(rec))
	for i, cell := range rec {
		cell = neutralise(cell)
		if st.latin {
			cell = toWindows1252(cell)
		}
		out[i] = cell
	}
	return out
}

// neutralise puts a quote before a cell that a spreadsheet would take
// for a formula (=, +, -, @) or that starts with a tab or carriage
// return, as the usual CSV-injection guidance says: opening the file
// then runs nothing.
func neutralise(cell string) string {
	if cell != "" && strings.IndexByte("=+-@\t\r", cell[0]) >= 0 {
		return "'" + cell
	}
	return cell
}

// toWindows1252 encodes s; a character the set lacks becomes '?'. The
// result is a byte string, which encoding/csv writes as it is.
func toWindows1252(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch c, ok := charmap.Windows1252.EncodeRune(r); {
		case r < utf8.RuneSelf:
			b.WriteByte(byte(r))
		case ok:
			b.WriteByte(c)
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}
