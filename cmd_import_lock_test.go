package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/require"

	"loyaltydesk/importer"
)

// TestHelperHoldImportLock is not a test: run by the test below as another
// process, it holds the import lock of a file until its stdin closes.
func TestHelperHoldImportLock(t *testing.T) {
	stateDir, file := os.Getenv("LOYALTYDESK_TEST_LOCK_STATE"), os.Getenv("LOYALTYDESK_TEST_LOCK_FILE")
	if stateDir == "" {
		t.Skip("run by TestSecondImportOfAFileIsRefused")
	}
	unlock, err := importer.LockSource(stateDir, file)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(3)
	}
	defer unlock()
	fmt.Println("locked")
	_, _ = io.Copy(io.Discard, os.Stdin)
}

// Two imports of one file at once (overlapping cron runs): the second says
// which process holds it and sends nothing; once the first ended, the
// import goes through.
func TestSecondImportOfAFileIsRefused(t *testing.T) {
	h := newHeadless(t)
	path := h.file(t, "customers.csv", "Code,First name\nC1,Ann\nC2,Bob\n")
	require.NoError(t, os.MkdirAll(h.stateDir, 0o700))

	holder := exec.Command(os.Args[0], "-test.run=^TestHelperHoldImportLock$")
	holder.Env = append(os.Environ(), "LOYALTYDESK_TEST_LOCK_STATE="+h.stateDir, "LOYALTYDESK_TEST_LOCK_FILE="+path)
	stdin, err := holder.StdinPipe()
	require.NoError(t, err)
	stdout, err := holder.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, holder.Start())
	line, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err)
	require.Equal(t, "locked\n", line)

	args := []string{"import", path, "--mode", "update", "--campaigns", campaign, "--yes"}
	r := h.importFile(t, args...)
	require.Equal(t, 1, r.code)
	require.EqualError(t, r.err, fmt.Sprintf("another import of %s is running (pid %d)", path, holder.Process.Pid))
	require.Empty(t, h.loyalty.RequestsOf("customers_batch"), "nothing was sent")

	require.NoError(t, stdin.Close())
	require.NoError(t, holder.Wait())
	r = h.importFile(t, args...)
	require.Equal(t, 0, r.code)
	require.Len(t, h.loyalty.RequestsOf("customers_batch"), 1)
}
