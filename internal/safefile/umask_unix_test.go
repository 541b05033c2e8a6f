//go:build unix

package safefile

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"
)

// Not parallel: the umask belongs to the whole process.
func TestWriteFileIs0600UnderAPermissiveUmask(t *testing.T) {
	old := syscall.Umask(0)
	t.Cleanup(func() { syscall.Umask(old) })
	dir := t.TempDir()
	fresh := filepath.Join(dir, "fresh")
	require.NoError(t, WriteFile(fresh, []byte("x")))
	assertMode0600(t, fresh)
	existing := filepath.Join(dir, "existing")
	require.NoError(t, os.WriteFile(existing, []byte("old"), 0o666))
	require.NoError(t, WriteFile(existing, []byte("new")))
	assertMode0600(t, existing)
	assertOnlyFiles(t, dir, "fresh", "existing")
}
