package safefile

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCanWriteLeavesNothingBehind(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, CanWrite(filepath.Join(dir, "rows.csv")))
	assertOnlyFiles(t, dir)
}

func TestCanWriteRefusesAFolderAndAMissingFolder(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(dir, "rows.csv"), 0o700))
	require.ErrorIs(t, CanWrite(filepath.Join(dir, "rows.csv")), ErrIsFolder)
	require.ErrorIs(t, CanWrite(filepath.Join(dir, "nowhere", "rows.csv")), os.ErrNotExist)
}
