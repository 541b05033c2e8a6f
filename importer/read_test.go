package importer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(content), 0o600))
	return path
}

func readString(t *testing.T, content string, f Format) *Table {
	t.Helper()
	tbl, err := ReadTable(context.Background(), File(writeFile(t, "in.csv", content), f))
	require.NoError(t, err)
	return tbl
}

func rows(t *Table) [][]string { return t.Preview(t.Len()) }

func TestDetectDelimiter(t *testing.T) {
	cases := []struct {
		name string
		text string
		want byte
	}{
		{"comma", "code,first,last\n1,Ana,Silva\n2,Ben,Ng\n", ','},
		{"semicolon with decimal commas", "code;name;amount\n1;Ana;1,5\n2;Ben;2,25\n3;Cleo;0,5\n", ';'},
		{"tab", "code\tname\tcity\n1\tAna\tPorto\n2\tBen\tPerth\n", '\t'},
		{"pipe", "11223344|11223344|jane|doe|1970-07-14|555-5555\n22334455|22334455|jim|mcdoe|1966-07-28|555-5556\n", '|'},
		{"comma with a quoted semicolon and comma", "a,b,c\n1,\"x;y,z\",3\n4,5,6\n", ','},
		{"comma though some addresses hold semicolons", "code,street,city\n1,Main St; Apt 3,Porto\n2,High St,Perth\n3,Low Rd,Lyon\n", ','},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, DelimiterName(tc.want), DelimiterName(DetectFormat([]byte(tc.text)).Delimiter))
		})
	}
}

func TestDetectHeader(t *testing.T) {
	assert.True(t, DetectFormat([]byte("First Name,Surname,E-mail\nAna,Silva,a@x.io\n")).Header, "known names")
	assert.True(t, DetectFormat([]byte("Vorname,Nachname,Kundennr\nAna,Silva,1001\nBen,Ng,1002\n")).Header,
		"no digits above a column of numbers")
	assert.False(t, DetectFormat([]byte("Ana,Silva,1001\nBen,Ng,1002\n")).Header)
	assert.False(t, DetectFormat([]byte("1001,Ana\n1002,Ben\n")).Header)
	assert.False(t, DetectFormat([]byte("Ana,Town,ana@example.com\nBen,City,ben@example.com\n")).Header,
		"a known word in a row of data")
}

func TestDetectCharset(t *testing.T) {
	assert.Equal(t, UTF8, DetectFormat([]byte("name\nJosé\n")).Charset)
	assert.Equal(t, Windows1252, DetectFormat([]byte("name\nJos\xe9\n")).Charset)
}

func TestReadBOMAndCRLF(t *testing.T) {
	tbl := readString(t, "\xEF\xBB\xBFcode,name\r\n1,Ana\r\n\r\n2,Ben\r\n", Format{Delimiter: ',', Header: true})
	assert.Equal(t, []string{"code", "name"}, tbl.Header(), "the BOM is not part of the first name")
	assert.Equal(t, [][]string{{"1", "Ana"}, {"2", "Ben"}}, rows(tbl))
	assert.Equal(t, 2, tbl.Line(0))
	assert.Equal(t, 4, tbl.Line(1), "blank lines count as lines")
}

func TestReadQuotes(t *testing.T) {
	text := "code,name,notes\n" +
		"1,\"Silva, Ana\",\"said \"\"hi\"\"\"\n" +
		"2,Ben,\"two\r\nlines\"\n" +
		"3, \"Cleo\" ,5\" tall\n" +
		"4,\"\",last"
	tbl := readString(t, text, Format{Delimiter: ',', Header: true})
	assert.Equal(t, [][]string{
		{"1", "Silva, Ana", `said "hi"`},
		{"2", "Ben", "two\nlines"},
		{"3", "Cleo ", `5" tall`},
		{"4", "", "last"},
	}, rows(tbl))
	assert.Equal(t, []int{2, 3, 5, 6}, []int{tbl.Line(0), tbl.Line(1), tbl.Line(2), tbl.Line(3)})
}

func TestReadUnclosedQuote(t *testing.T) {
	_, err := ReadTable(context.Background(), File(writeFile(t, "bad.csv", "a,b\n1,\"open\n2,3\n"), Format{Delimiter: ',', Header: true}))
	var fe *FormatError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, 2, fe.Line)
	assert.Contains(t, err.Error(), "never closed")
}

func TestReadUTF16Refused(t *testing.T) {
	_, err := ReadTable(context.Background(), File(writeFile(t, "u16.csv", "\xFF\xFEa\x00"), Format{Delimiter: ','}))
	require.ErrorContains(t, err, "UTF-16")
}

func TestReadWindows1252(t *testing.T) {
	tbl := readString(t, "name;city\nJos\xe9;K\xf6ln \x80\n", Format{Delimiter: ';', Header: true, Charset: Windows1252})
	assert.Equal(t, [][]string{{"José", "Köln €"}}, rows(tbl))
}

func TestReadLongLine(t *testing.T) {
	long := strings.Repeat("x", maxLineBytes-2) // the longest line allowed, longer than the read buffer
	tbl := readString(t, "a,b\n1,"+long+"\n2,y\n", Format{Delimiter: ',', Header: true})
	require.Equal(t, 2, tbl.Len())
	assert.Equal(t, long, tbl.Field(0, 1))
	assert.Equal(t, "y", tbl.Field(1, 1))
}

func TestReadSkipsBlankRows(t *testing.T) {
	tbl := readString(t, "a,b\n1,2\n,\n , \n3,4\n", Format{Delimiter: ',', Header: true})
	assert.Equal(t, [][]string{{"1", "2"}, {"3", "4"}}, rows(tbl))
	assert.Equal(t, 2, tbl.BlankRows())
}

func TestReadColumnsWithoutHeader(t *testing.T) {
	tbl := readString(t, "1,2,3\n4,5\n6,7,8\n", Format{Delimiter: ','})
	assert.Nil(t, tbl.Header())
	assert.Equal(t, 3, tbl.Columns(), "the most common width")
	assert.Equal(t, "Column 2", tbl.ColumnName(1))
}

func TestSniffFile(t *testing.T) {
	path := writeFile(t, "c.txt", "Code|First Name|City\n1|Ana|Porto\n2|Ben|Perth\n3|Cleo|Lyon\n")
	s, err := SniffFile(path, 2)
	require.NoError(t, err)
	assert.Equal(t, Format{Delimiter: '|', Header: true}, s.Format)
	assert.Equal(t, []string{"Code", "First Name", "City"}, s.Header)
	assert.Equal(t, [][]string{{"1", "Ana", "Porto"}, {"2", "Ben", "Perth"}}, s.Rows)
	assert.Equal(t, []int{2, 3}, s.Lines)

	s2 := s.WithFormat(Format{Delimiter: ',', Header: false})
	assert.Nil(t, s2.Header)
	assert.Equal(t, [][]string{{"Code|First Name|City"}, {"1|Ana|Porto"}}, s2.Rows)
}

func TestSniffLargeFileCutsAtLine(t *testing.T) {
	var b strings.Builder
	b.WriteString("code,name\n")
	for b.Len() < 3*sampleSize {
		b.WriteString("12345,\"a name\"\n")
	}
	s, err := Sniff(strings.NewReader(b.String()), 1000)
	require.NoError(t, err)
	assert.True(t, s.Partial)
	assert.NoError(t, s.Err)
	assert.Len(t, s.Rows, 1000)
}

func TestRowsSource(t *testing.T) {
	src := &RowsSource{Label: "Imonggo", Columns: []string{"code", "first_name"}, Rows: [][]string{{"1", "Ana"}, {"2", "Ben"}}}
	tbl, err := ReadTable(context.Background(), src)
	require.NoError(t, err)
	assert.Equal(t, [][]string{{"1", "Ana"}, {"2", "Ben"}}, rows(tbl))
	assert.Equal(t, []string{"code", "first_name"}, AutoMap(tbl.Header(), tbl.Columns()).Headers())
}

func TestContentHash(t *testing.T) {
	a := readString(t, "a,b\n1,2\n", Format{Delimiter: ',', Header: true})
	b := readString(t, "a,b\r\n1,2\r\n", Format{Delimiter: ',', Header: true})
	c := readString(t, "a,b\n12,\n", Format{Delimiter: ',', Header: true})
	assert.Equal(t, a.ContentHash(), b.ContentHash(), "line endings do not change the content")
	assert.NotEqual(t, a.ContentHash(), c.ContentHash(), "moving a value to another field does")
}
