package importer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// writeWorkbook writes an .xlsx the way spreadsheets do: text cells for
// codes and postal codes (leading zeros), real date cells in a German
// custom format and in the built-in short date format, a number, and a
// second sheet.
func writeWorkbook(t *testing.T) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sheet := "Kunden"
	require.NoError(t, f.SetSheetName("Sheet1", sheet))
	rows := [][]any{
		{"Kundennummer", "Vorname", "Nachname", "Geburtstag", "PLZ", "Ort", "Erstkauf", "Punkte"},
		{"0042", "Jürgen", "Groß", time.Date(1970, 7, 14, 0, 0, 0, 0, time.UTC), "01067", "Dresden", time.Date(2020, 2, 3, 0, 0, 0, 0, time.UTC), 120},
		{"0043", "Anna", "Weiß", time.Date(1985, 2, 3, 0, 0, 0, 0, time.UTC), "80331", "München", time.Date(2021, 12, 1, 0, 0, 0, 0, time.UTC), 7.5},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, f.SetSheetRow(sheet, cell, &r))
	}
	german := "dd.mm.yyyy"
	de, err := f.NewStyle(&excelize.Style{CustomNumFmt: &german})
	require.NoError(t, err)
	short, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	require.NoError(t, err)
	require.NoError(t, f.SetCellStyle(sheet, "D2", "D3", de))
	require.NoError(t, f.SetCellStyle(sheet, "G2", "G3", short))
	_, err = f.NewSheet("Notizen")
	require.NoError(t, err)
	require.NoError(t, f.SetSheetRow("Notizen", "A1", &[]any{"Code", "Notiz"}))
	require.NoError(t, f.SetSheetRow("Notizen", "A2", &[]any{"0042", "Stammkunde"}))
	path := filepath.Join(t.TempDir(), "kunden.xlsx")
	require.NoError(t, f.SaveAs(path))
	return path
}

func TestWorkbookReadsTheFirstSheetWithDatesAndLeadingZeros(t *testing.T) {
	path := writeWorkbook(t)
	s, err := SniffFile(path, 10)
	require.NoError(t, err)
	assert.Equal(t, Format{Workbook: true, Sheet: "Kunden", Header: true}, s.Format)
	assert.Equal(t, []string{"Kunden", "Notizen"}, s.Sheets)
	assert.Equal(t, []string{"Kundennummer", "Vorname", "Nachname", "Geburtstag", "PLZ", "Ort", "Erstkauf", "Punkte"}, s.Header)
	require.Len(t, s.Rows, 2)

	tbl, err := ReadTable(context.Background(), File(path, s.Format))
	require.NoError(t, err)
	require.Equal(t, 2, tbl.Len())
	assert.Equal(t, []string{"0042", "Jürgen", "Groß", "1970-07-14", "01067", "Dresden", "2020-02-03", "120"}, tbl.Row(0))
	assert.Equal(t, []string{"0043", "Anna", "Weiß", "1985-02-03", "80331", "München", "2021-12-01", "7.5"}, tbl.Row(1))
	assert.Equal(t, []int{2, 3}, []int{tbl.Line(0), tbl.Line(1)}, "lines are the sheet's row numbers")

	p, err := Validate(tbl, AutoMap(tbl.Header(), tbl.Columns()))
	require.NoError(t, err)
	assert.Equal(t, Counts{Rows: 2, Valid: 2}, p.Counts(), "date cells need no conversion")
}

func TestWorkbookOtherSheet(t *testing.T) {
	path := writeWorkbook(t)
	s, err := SniffFile(path, 10)
	require.NoError(t, err)
	s, err = s.SniffSheet("notizen")
	require.NoError(t, err)
	assert.Equal(t, "Notizen", s.Format.Sheet)
	assert.Equal(t, []string{"Code", "Notiz"}, s.Header)
	tbl, err := ReadTable(context.Background(), File(path, s.Format))
	require.NoError(t, err)
	assert.Equal(t, [][]string{{"0042", "Stammkunde"}}, tbl.Preview(5))

	_, err = ReadTable(context.Background(), File(path, Format{Workbook: true, Sheet: "Tabelle9", Header: true}))
	assert.ErrorContains(t, err, `the workbook has no sheet "Tabelle9"; its sheets are "Kunden", "Notizen"`)
}

func TestWorkbookHeaderToggleNeedsNoReading(t *testing.T) {
	s, err := SniffFile(writeWorkbook(t), 10)
	require.NoError(t, err)
	f := s.Format
	f.Header = false
	s2 := s.WithFormat(f)
	assert.Nil(t, s2.Header)
	assert.Len(t, s2.Rows, 3)
	assert.Equal(t, 1, s2.Lines[0])
}

func TestOldExcelAndOtherZipsAreRefusedPlainly(t *testing.T) {
	dir := t.TempDir()
	xls := filepath.Join(dir, "old.xls")
	require.NoError(t, os.WriteFile(xls, append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), 0o600))
	_, err := SniffFile(xls, 5)
	assert.ErrorContains(t, err, "old Excel workbook (.xls); save it as .xlsx")

	zip := filepath.Join(dir, "photos.zip")
	require.NoError(t, os.WriteFile(zip, []byte("PK\x03\x04garbage that is no zip"), 0o600))
	_, err = SniffFile(zip, 5)
	assert.ErrorContains(t, err, "not an Excel workbook")
}

// BenchmarkWorkbook100k reads a 100,000-row workbook into a table. The
// workbook is written as Excel writes one: every text in the shared-string
// table (100,000 codes and e-mails of their own), birthdays as date cells.
// peak-heap-MB is the largest Go heap in use sampled while reading (not
// RSS, and garbage not yet collected included); table-MB is what the table
// holds, the least any reader keeps. The sheet and its strings are
// streamed from temporary files, so the peak stays a small multiple of the
// table rather than growing with the workbook's unzipped XML and the tree
// it would make.
func BenchmarkWorkbook100k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "big.xlsx")
	f := excelize.NewFile()
	if err := f.SetSheetRow("Sheet1", "A1", &[]any{"Code", "First name", "Last name", "Email", "Phone", "City", "Postal code", "Birthday"}); err != nil {
		b.Fatal(err)
	}
	for i := range 100_000 {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		row := []any{fmt.Sprintf("C%06d", i), "Ana", "Silva", fmt.Sprintf("ana.%d@example.com", i), "+351 912 345 678", "Porto", "04000",
			time.Date(1940+i%60, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC)}
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			b.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
	f.Close()
	var tableBytes int
	var peak uint64
	b.ReportAllocs()
	for b.Loop() {
		runtime.GC()
		stop := make(chan struct{})
		done := make(chan struct{})
		go func() {
			defer close(done)
			var ms runtime.MemStats
			for {
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
				select {
				case <-stop:
					return
				case <-time.After(20 * time.Millisecond):
				}
			}
		}()
		tbl, err := ReadTable(context.Background(), File(path, Format{Workbook: true, Header: true}))
		close(stop)
		<-done
		if err != nil || tbl.Len() != 100_000 {
			b.Fatalf("%v, %d rows", err, tbl.Len())
		}
		if row := tbl.Row(99_999); row[0] != "C099999" || row[6] != "04000" || row[7] != "1979-04-12" {
			b.Fatalf("last row %q", row)
		}
		tableBytes = cap(tbl.buf) + 4*(cap(tbl.ends)+cap(tbl.rowEnd)+cap(tbl.lines))
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(tableBytes)/(1<<20), "table-MB")
}
