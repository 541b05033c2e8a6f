package importer

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"
)

// Two state folders (serve keeps one per profile, run and the headless
// commands another) and one file: the second import of it is refused all
// the same, and goes once the first has ended.
func TestFileIsLockedAcrossStateFolders(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "customers.csv")
	require.NoError(t, os.WriteFile(file, []byte("code\nA1\n"), 0o600))
	unlock, err := LockSource(filepath.Join(dir, "state"), file)
	require.NoError(t, err)

	_, err = LockSource(filepath.Join(dir, "state", "ssh", "north"), file)
	var busy *BusyError
	require.True(t, errors.As(err, &busy), "%v", err)
	require.EqualError(t, err, "another import of "+file+" is running")

	unlock()
	again, err := LockSource(filepath.Join(dir, "state", "ssh", "north"), file)
	require.NoError(t, err)
	again()
}

// A named pipe is not opened to be locked (that would wait for a writer).
func TestPipeIsNotOpenedToLock(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "rows.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no named pipes here")
	}
	unlock, err := LockSource(filepath.Join(dir, "state"), fifo)
	require.NoError(t, err)
	unlock()
}
