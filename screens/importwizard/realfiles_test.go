package importwizard_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/screens/importwizard"
)

// walkToValidation reads the fixture and checks its rows.
func (r *run) walkToValidation(t *testing.T, path string) {
	t.Helper()
	r.WaitFor(t, "Where do the customers come from?")
	r.Type(path)
	r.enter()
	r.WaitFor(t, "Header row  yes")
	r.enter()
	r.WaitFor(t, "Map the")
	r.enter()
	r.WaitFor(t, "valid", "rejected")
}

// Enter on the preview asks; only yes uploads, and the result says how
// many rows were not imported.
func TestUploadOnlyAfterAConfirmation(t *testing.T) {
	e := newEnv(t)
	r := start(t, e.common(t), 100, 30, importwizard.New)
	r.walkFileToPreview(t, e.fixture)
	r.enter()
	r.WaitFor(t, "Import 5 rows of 8 into the account in mode update: 4 new, 1 updated, 3 rejected or set aside?", "yes, upload")
	require.Empty(t, e.fake.RequestsOf("customers_batch"), "nothing is sent before the answer")
	r.Type("n")
	r.WaitForNew(t, "Matched row 1 of")
	r.enter()
	r.enter() // a second enter is no yes
	r.WaitForNew(t, "yes, upload")
	require.Empty(t, e.fake.RequestsOf("customers_batch"))
	r.Type("y")
	r.WaitFor(t, "! Imported 5 of 8 rows — 3 rejected, see")
}

// A rejected row is fixed cell by cell and checked again; the fix is sent.
func TestFixARejectedRowInPlace(t *testing.T) {
	e := newEnv(t)
	r := start(t, e.common(t), 100, 30, importwizard.New)
	r.walkToValidation(t, e.fixture)
	r.WaitFor(t, "4 valid", "1 fixable", "3 rejected")
	r.key(tea.KeyDown) // line 4: 04-06-05
	r.Type("e")
	r.WaitFor(t, "Fix line 4, cell by cell", "two-digit year", "Birthday → Birthday")
	for range len("04-06-05") {
		r.key(tea.KeyBackspace)
	}
	r.Type("1975-05-06")
	r.enter()
	r.WaitFor(t, "Line 4 (fixed) is fine now.", "5 valid", "2 rejected")
	r.enter()
	r.pickFirstCampaign(t)
	r.enter()
	r.WaitFor(t, "6 rows to send")
	r.upload(t)
	r.WaitFor(t, "Imported 6 of 8 rows — 2 rejected")
	bob, ok := e.fake.Customer("C-0002")
	require.True(t, ok)
	require.Equal(t, "1975-05-06", bob.CustomDate)
}

// The date order is shown and can be chosen; the rows are checked again.
func TestDateOrderShownAndChanged(t *testing.T) {
	e := newEnv(t)
	r := start(t, e.common(t), 100, 30, importwizard.New)
	r.walkToValidation(t, e.fixture)
	r.WaitFor(t, "Birthday: read day-first (inferred: 14/07/1980)")
	r.Type("o")
	r.WaitFor(t, "Birthday: read day-first (your choice)")
	r.Type("o")
	r.WaitFor(t, "Birthday: read month-first (your choice)", "not a real day read month-first")
}

// A row that would rename a customer has its own group and choice: set
// aside by default, imported when chosen.
func TestRenameGroupInThePreview(t *testing.T) {
	for _, importThem := range []bool{false, true} {
		e := newEnv(t)
		path := filepath.Join(t.TempDir(), "renames.csv")
		require.NoError(t, os.WriteFile(path, []byte("Card number,First name,Last name\n"+
			fakeserver.DemoCard+",Jasmine,Flores\n90000001,Ann,Lee\n"), 0o600))
		r := start(t, e.common(t), 100, 30, importwizard.New)
		r.walkToValidation(t, path)
		r.enter()
		r.pickFirstCampaign(t)
		r.enter()
		r.WaitFor(t, "Is this the same person? 1 row would give a customer clearly different names: set aside",
			"line 2, Card number 11111111: Jane Doe → Jasmine Flores", "1 row to send")
		// The mode table counts what would be sent: the row set aside is
		// in no mode's count (new, overwritten, updated, skipped, refused).
		require.Equal(t, []int{1, 0, 0, 0, 0}, r.numbers(t, `update\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)`))
		require.Equal(t, []int{1, 0, 0, 0, 0}, r.numbers(t, `replace every field\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)`))
		require.Equal(t, []int{1, 0, 0, 1, 0}, r.numbers(t, `ignore\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)`), "ignore renames no one")
		if importThem {
			r.space()
			r.WaitFor(t, "clearly different names: imported", "2 rows to send")
			require.Equal(t, []int{1, 0, 1, 0, 0}, r.numbers(t, `update\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)`))
			require.Equal(t, []int{1, 1, 0, 0, 0}, r.numbers(t, `replace every field\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)`))
		}
		r.enter()
		if importThem {
			r.WaitFor(t, "Import 2 rows of 2 into the account in mode update: 1 new, 1 updated?")
		} else {
			r.WaitFor(t, "Import 1 row of 2 into the account in mode update: 1 new, 1 rejected or set aside?")
		}
		r.Type("y")
		r.WaitFor(t, "Took ")
		jane, _ := e.fake.Customer(fakeserver.DemoCode)
		if importThem {
			require.Equal(t, "Flores", jane.LastName)
			continue
		}
		require.Equal(t, "Doe", jane.LastName)
		rejected, err := os.ReadFile(filepath.Join(filepath.Dir(path), "renames.rejected.csv"))
		require.NoError(t, err)
		require.Contains(t, string(rejected), "is this the same person?")
	}
}

// A mapping confirmed once is pre-filled for the next file with the same
// columns.
func TestRememberedMappingIsPrefilled(t *testing.T) {
	e := newEnv(t)
	r := start(t, e.common(t), 100, 30, importwizard.New)
	r.walkFileToPreview(t, e.fixture)
	r.upload(t)
	r.WaitFor(t, "Took ")

	again := start(t, e.common(t), 100, 30, importwizard.New)
	again.WaitFor(t, "Where do the customers come from?")
	again.Type(e.fixture)
	again.enter()
	again.WaitFor(t, "Header row  yes")
	again.enter()
	again.WaitFor(t, "Mapping remembered from an earlier import of these columns")
}

// A workbook shows its sheet, and ←/→ reads another.
func TestWorkbookSheetChoice(t *testing.T) {
	e := newEnv(t)
	f := excelize.NewFile()
	require.NoError(t, f.SetSheetRow("Sheet1", "A1", &[]any{"Kundennummer", "Vorname"}))
	require.NoError(t, f.SetSheetRow("Sheet1", "A2", &[]any{"0042", "Jürgen"}))
	_, err := f.NewSheet("Zweite")
	require.NoError(t, err)
	require.NoError(t, f.SetSheetRow("Zweite", "A1", &[]any{"Code", "Nachname"}))
	require.NoError(t, f.SetSheetRow("Zweite", "A2", &[]any{"0043", "Weiß"}))
	path := filepath.Join(t.TempDir(), "kunden.xlsx")
	require.NoError(t, f.SaveAs(path))
	require.NoError(t, f.Close())

	r := start(t, e.common(t), 100, 30, importwizard.New)
	r.WaitFor(t, "Where do the customers come from?")
	r.Type(path)
	r.enter()
	r.WaitFor(t, "Excel workbook", "Sheet       Sheet1", "(2 sheets)", "0042")
	r.key(tea.KeyRight)
	r.WaitFor(t, "Sheet       Zweite", "Weiß")
	r.enter()
	r.WaitUntil(t, func(out string) bool {
		return strings.Contains(out, "Nachname") && strings.Contains(out, "Last name")
	}, "the second sheet's columns are mapped")
}

// csi matches the terminal's control sequences in what was drawn.
var csi = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]`)

// At 80 columns the result's headline names the rejected file by its
// name, and its whole path stands on a line of its own, not cut or broken
// across the headline (the start-up guard checks no line is too wide).
func TestRejectedFileNamedWholeAt80Columns(t *testing.T) {
	e := newEnv(t)
	dir := filepath.Join(t.TempDir(), "Kundenexporte-aus-der-alten-Kasse", "Filiale-Dresden-Neustadt")
	require.NoError(t, os.MkdirAll(dir, 0o700))
	path := filepath.Join(dir, "kunden.csv")
	require.NoError(t, os.WriteFile(path, []byte("Kundennummer;Vorname;E-Mail\nK1;Jürgen;juergen@example.de\nK2;Anna;keine\n"), 0o600))
	r := start(t, e.common(t), 80, 24, importwizard.New)
	r.walkToValidation(t, path)
	r.enter()
	r.pickFirstCampaign(t)
	r.enter()
	r.WaitFor(t, "1 row to send")
	r.upload(t)
	r.WaitFor(t, "! Imported 1 of 2 rows — 1 rejected, see kunden.rejected.csv", "Rejected rows")
	r.WaitUntil(t, func(out string) bool {
		var joined strings.Builder
		for _, line := range strings.Split(csi.ReplaceAllString(out, ""), "\n") {
			joined.WriteString(strings.TrimRight(line, " \r"))
		}
		return strings.Contains(joined.String(), "Rejected rows"+strings.TrimSuffix(path, ".csv")+".rejected.csv")
	}, "the whole path of the rejected file")
}
