package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// A file name is text from the file system: its escape sequences and bidi
// overrides never reach the terminal of the headless commands.
func TestHeadlessOutputSanitisesFileNames(t *testing.T) {
	h := newHeadless(t)
	path := h.file(t, "evil\x1b]0;owned\x07\u202egnp.csv", oneBadRow)
	r := h.importFile(t, "import", path, "--mode", "update", "--campaigns", campaign, "--yes")
	require.Equal(t, exitRejected, r.code)
	printed := r.out + r.errOut + printable(r.err.Error())
	for _, bad := range []string{"\x1b", "\x07", "\u202e"} {
		require.NotContains(t, printed, bad)
	}
	require.Contains(t, r.out, "Read evilgnp.csv", "the whole escape sequence is dropped")

	r = h.importFile(t, "import", strings.TrimSuffix(path, ".csv")+"\x1b[2J.csv", "--mode", "update", "--campaigns", campaign, "--yes")
	require.NotContains(t, printable(r.err.Error()), "\x1b")
}
