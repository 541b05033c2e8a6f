package importer

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func rejectedOf(t *testing.T, content string, f Format) []byte {
	t.Helper()
	tbl := readString(t, content, f)
	p, err := Validate(tbl, AutoMap(tbl.Header(), tbl.Columns()))
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "out.rejected.csv")
	require.NoError(t, p.WriteRejected(path, false))
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return b
}

// Opening the rejected rows in a spreadsheet runs nothing: every cell that
// a spreadsheet would read as a formula starts with a quote.
func TestRejectedCellsCannotRunFormulas(t *testing.T) {
	src := "code,email,first name\n" +
		"1,bad,=HYPERLINK(\"http://evil.example\";\"x\")\n" +
		"2,bad,+1+1\n3,bad,-2+3\n4,bad,@SUM(A1)\n5,bad,\"\tTAB\"\n6,bad,\"\rCR\"\n7,=1+1,Ann\n"
	recs, err := csv.NewReader(bytes.NewReader(rejectedOf(t, src, Format{Delimiter: ',', Header: true}))).ReadAll()
	require.NoError(t, err)
	require.Len(t, recs, 8)
	for _, rec := range recs[1:] {
		for _, cell := range rec {
			if cell != "" {
				require.NotContains(t, "=+-@\t\r", cell[:1], "cell %q of %q", cell, rec)
			}
		}
	}
	require.Equal(t, `'=HYPERLINK("http://evil.example";"x")`, recs[1][4])
	require.Equal(t, "'-2+3", recs[3][4])
	require.Equal(t, "'\tTAB", recs[5][4])
	require.Equal(t, "'=1+1", recs[7][3])
}

// The rejected rows come in the source's delimiter, character set and byte
// order mark, so the program that made the file reads them back alike.
func TestRejectedFileFollowsTheSourceEncoding(t *testing.T) {
	latin := rejectedOf(t, "code;email;first name\n1;bad;Ren\xe9e\n", Format{Delimiter: ';', Header: true, Charset: Windows1252})
	require.False(t, bytes.HasPrefix(latin, bomUTF8))
	require.True(t, bytes.HasPrefix(latin, []byte("line;reason;code;email;first name\r\n")) || bytes.HasPrefix(latin, []byte("line;reason;code;email;first name\n")), "%q", latin)
	require.Contains(t, string(latin), ";Ren\xe9e")
	require.NotContains(t, string(latin), "Renée")

	withBOM := rejectedOf(t, "\xef\xbb\xbfcode\temail\n1\tbad\n", Format{Delimiter: '\t', Header: true})
	require.True(t, bytes.HasPrefix(withBOM, []byte("\xef\xbb\xbfline\treason\tcode\temail")), "%q", withBOM)

	plain := rejectedOf(t, "code|email\n1|bad\n", Format{Delimiter: '|', Header: true})
	require.True(t, bytes.HasPrefix(plain, []byte("line|reason|code|email")), "%q", plain)
}
