package safefile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWriteFileCreatesWithOwnerOnlyMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	require.NoError(t, WriteFile(path, []byte("new")))
	assertContent(t, path, "new")
	assertMode0600(t, path)
	assertOnlyFiles(t, filepath.Dir(path), "state.json")
}

func TestWriteFileTightensAnExisting0644File(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	require.NoError(t, os.WriteFile(path, []byte("old"), 0o644))
	require.NoError(t, os.Chmod(path, 0o644))
	require.NoError(t, WriteFile(path, []byte("new")))
	assertContent(t, path, "new")
	assertMode0600(t, path)
	assertOnlyFiles(t, filepath.Dir(path), "config.toml")
}

func TestWriteStreamsWhatFillWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rejected.csv")
	big := strings.Repeat("line,reason\n", 10_000) // more than the buffer holds
	require.NoError(t, Write(path, func(w io.Writer) error {
		_, err := io.WriteString(w, big)
		return err
	}))
	assertContent(t, path, big)
	assertMode0600(t, path)
}

func TestWriteKeepsTheOldFileWhenFillFails(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rejected.csv")
	require.NoError(t, os.WriteFile(path, []byte("old"), 0o600))
	boom := errors.New("boom")
	err := Write(path, func(w io.Writer) error {
		_, _ = io.WriteString(w, strings.Repeat("half written ", 10_000))
		return boom
	})
	require.ErrorIs(t, err, boom)
	assertContent(t, path, "old")
	assertOnlyFiles(t, filepath.Dir(path), "rejected.csv")
}

func TestWriteLeavesNothingWhenFillFailsOnANewFile(t *testing.T) {
	dir := t.TempDir()
	err := Write(filepath.Join(dir, "new.csv"), func(io.Writer) error { return errors.New("boom") })
	require.Error(t, err)
	assertOnlyFiles(t, dir)
}

func TestWriteFileNeedsTheFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "missing")
	path := filepath.Join(dir, "state.json")
	err := WriteFile(path, []byte("x"))
	require.ErrorIs(t, err, fs.ErrNotExist)
	assert.Equal(t, "write "+path+": the folder "+dir+" does not exist", err.Error())
	assert.NoDirExists(t, dir, "the folder is not created behind the caller's back")
}

func TestWriteFileOverAFolderFailsAndLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "taken")
	require.NoError(t, os.Mkdir(target, 0o700))
	err := WriteFile(target, []byte("x"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "write "+target+":", "the error names the target, not the temporary file")
	assertOnlyFiles(t, dir, "taken")
}

func assertContent(t *testing.T, path, want string) {
	t.Helper()
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, want, string(got))
}

func assertMode0600(t *testing.T, path string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		return
	}
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, fs.FileMode(0o600), info.Mode().Perm())
}

func assertOnlyFiles(t *testing.T, dir string, want ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	assert.ElementsMatch(t, want, got, "no temporary file is left behind")
}
