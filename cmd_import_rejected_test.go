package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

const oneBadRow = "Code,First name,E-mail\nC1,Ann,ann@example.com\nC2,Bob,bob@\n"

// Rows cannot be written next to the file: said before anything is sent,
// and --rejected puts them elsewhere.
func TestRejectedPathIsCheckedBeforeSending(t *testing.T) {
	h := newHeadless(t)
	path := h.file(t, "customers.csv", oneBadRow)
	require.NoError(t, os.Mkdir(filepath.Join(h.dir, "customers.rejected.csv"), 0o700)) // in the way
	args := []string{"import", path, "--mode", "update", "--campaigns", campaign, "--yes"}

	r := h.importFile(t, args...)
	require.Equal(t, 1, r.code)
	require.ErrorContains(t, r.err, "cannot write the rejected rows to "+filepath.Join(h.dir, "customers.rejected.csv")+": it is a folder; give another place with --rejected PATH (nothing was sent)")
	require.Empty(t, h.loyalty.RequestsOf("customers_batch"))

	r = h.importFile(t, append(args, "--rejected", filepath.Join(h.dir, "missing", "r.csv"))...)
	require.Equal(t, 1, r.code)
	require.ErrorContains(t, r.err, "cannot write the rejected rows to "+filepath.Join(h.dir, "missing", "r.csv"))
	require.Empty(t, h.loyalty.RequestsOf("customers_batch"))

	elsewhere := filepath.Join(t.TempDir(), "bad rows.csv")
	r = h.importFile(t, append(args, "--rejected", elsewhere)...)
	require.Equal(t, exitRejected, r.code)
	require.Len(t, h.loyalty.RequestsOf("customers_batch"), 1)
	recs := readCSV(t, elsewhere)
	require.Len(t, recs, 2)
	require.Equal(t, "C2", recs[1][2])
}

func TestReadOnlySourceFolderIsSaidBeforeSending(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes into read-only folders")
	}
	h := newHeadless(t)
	dir := filepath.Join(h.dir, "ro")
	require.NoError(t, os.Mkdir(dir, 0o700))
	path := filepath.Join(dir, "customers.csv")
	require.NoError(t, os.WriteFile(path, []byte(oneBadRow), 0o600))
	require.NoError(t, os.Chmod(dir, 0o500))
	t.Cleanup(func() { _ = os.Chmod(dir, 0o700) })

	r := h.importFile(t, "import", path, "--mode", "update", "--campaigns", campaign, "--yes")
	require.Equal(t, 1, r.code)
	require.ErrorContains(t, r.err, "give another place with --rejected PATH")
	require.Empty(t, h.loyalty.RequestsOf("customers_batch"))
}

// --rejected naming the file being imported is refused before anything is
// sent: the rejected rows would replace the spreadsheet.
func TestRejectedPathIsNeverTheSourceFile(t *testing.T) {
	h := newHeadless(t)
	path := h.file(t, "customers.csv", oneBadRow)
	r := h.importFile(t, "import", path, "--mode", "update", "--campaigns", campaign, "--yes", "--rejected", path)
	require.Equal(t, 1, r.code)
	require.ErrorContains(t, r.err, "it is the file being imported")
	require.Empty(t, h.loyalty.RequestsOf("customers_batch"))
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, oneBadRow, string(data))
}
