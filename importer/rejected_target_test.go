package importer_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"loyaltydesk/importer"
)

func TestRejectedTargetIsNeverTheSourceByAnyName(t *testing.T) {
	dir := t.TempDir()
	source := filepath.Join(dir, "customers.csv")
	require.NoError(t, os.WriteFile(source, []byte("Code\nC1\n"), 0o600))
	link := filepath.Join(dir, "link.csv")
	require.NoError(t, os.Symlink(source, link))
	hard := filepath.Join(dir, "hard.csv")
	require.NoError(t, os.Link(source, hard))

	for _, path := range []string{source, filepath.Join(dir, ".", "customers.csv"), link, hard} {
		require.ErrorIs(t, importer.CheckRejectedTarget(path, source), importer.ErrRejectedIsSource, path)
	}
	require.ErrorIs(t, importer.CheckRejectedTarget(source, link), importer.ErrRejectedIsSource, "the source named through a link")
	require.NoError(t, importer.CheckRejectedTarget(filepath.Join(dir, "customers.rejected.csv"), source))
	require.NoError(t, importer.CheckRejectedTarget(source, ""), "a source that is not a file")
}
