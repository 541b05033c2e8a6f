package importwizard_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"loyaltydesk/importer"
	"loyaltydesk/screens/importwizard"
)

// An upload of a file that another import holds (a headless run from
// cron, or another session's wizard) is refused in plain words, sends
// nothing, and goes through once the other has ended.
func TestUploadRefusedWhileAnotherImportHoldsTheFile(t *testing.T) {
	e := newEnv(t)
	unlock, err := importer.LockSource(e.state, e.fixture)
	require.NoError(t, err)
	r := start(t, e.common(t), 80, 24, importwizard.New)
	r.walkFileToPreview(t, e.fixture)
	r.upload(t)
	r.WaitFor(t, "Not started: nothing was sent", fmt.Sprintf("(pid %d)", os.Getpid()), "enter try again")
	require.Empty(t, e.fake.RequestsOf("customers_batch"), "nothing was sent while the file was held")

	unlock()
	r.enter()
	r.WaitFor(t, "Took ")
	require.NotEmpty(t, e.fake.RequestsOf("customers_batch"))
}

// The Imonggo source takes the lock the sync command takes: while a sync
// of the account runs, the wizard's upload is refused and sends nothing.
func TestImonggoUploadRefusedWhileTheSyncRuns(t *testing.T) {
	e := newEnv(t)
	unlock, err := importer.LockImonggo(e.state, "test")
	require.NoError(t, err)
	defer unlock()
	r := start(t, e.common(t), 100, 30, importwizard.New)
	r.importFromImonggo(t, e.activeWithCode(), true)
	r.WaitFor(t, "Not started: nothing was sent", "another import of Imonggo account test is running")
	require.Empty(t, e.fake.RequestsOf("customers_batch"))
}

// When the rejected rows cannot be written beside the file (here a folder
// holds the name; a read-only folder is the same for anyone but root),
// they go to the state folder and the result says where.
func TestRejectedRowsGoToTheStateFolderWhenTheFilesFolderCannotTakeThem(t *testing.T) {
	e := newEnv(t)
	beside := filepath.Join(filepath.Dir(e.fixture), "customers.rejected.csv")
	require.NoError(t, os.Mkdir(beside, 0o700))
	r := start(t, e.common(t), 100, 30, importwizard.New)
	r.walkFileToPreview(t, e.fixture)
	r.upload(t)
	r.WaitFor(t, "Took ", "Rejected rows")
	moved := filepath.Join(e.state, "customers.rejected.csv")
	b, err := os.ReadFile(moved)
	require.NoError(t, err, "the rejected rows are in the state folder")
	require.Contains(t, string(b), "04-06-05")
	require.NotContains(t, r.All(), "could not be written")
}
