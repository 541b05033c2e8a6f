package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// BusyError is an import of a file that another process is importing.
type BusyError struct {
	Path string
	PID  int // 0 when it could not be read
}

func (e *BusyError) Error() string {
	if e.PID == 0 {
		return fmt.Sprintf("another import of %s is running", e.Path)
	}
	return fmt.Sprintf("another import of %s is running (pid %d)", e.Path, e.PID)
}

// LockSource takes the lock of the imports of the file at path, across
// processes (two cron runs that overlap): a second holder would send the
// same chunks again, and auto_add amounts would land twice. The lock is
// a file in stateDir, named after the file's absolute path, holding the
// holder's pid; the operating system releases it when the process ends.
func LockSource(stateDir, path string) (unlock func(), err error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	return lock(stateDir, "file:"+abs, path)
}

// LockNamed is LockSource for a source that is not a file (an Imonggo
// account, for the sync), named as the user knows it.
func LockNamed(stateDir, name string) (unlock func(), err error) {
	return lock(stateDir, "name:"+name, name)
}

// LockImonggo is the lock of the imports of an Imonggo account's
// customers, taken by the sync command and by the wizard alike.
func LockImonggo(stateDir, account string) (unlock func(), err error) {
	return LockNamed(stateDir, "Imonggo account "+account)
}

func lock(stateDir, key, shown string) (unlock func(), err error) {
	sum := sha256.Sum256([]byte(key))
	lockPath := filepath.Join(stateDir, "import-"+hex.EncodeToString(sum[:8])+".lock")
	if err := os.MkdirAll(stateDir, 0o700); err != nil {
		return nil, fmt.Errorf("cannot take the import lock: %w", err)
	}
	f, err := os.OpenFile(lockPath, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("cannot take the import lock: %w", err)
	}
	held, err := tryLock(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("cannot take the import lock: %w", err)
	}
	if !held {
		pid := readPID(f)
		f.Close()
		return nil, &BusyError{Path: shown, PID: pid}
	}
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return func() { f.Close() }, nil
}

func readPID(f *os.File) int {
	b := make([]byte, 32)
	n, _ := f.ReadAt(b, 0)
	pid, err := strconv.Atoi(strings.TrimSpace(string(b[:n])))
	if err != nil {
		return 0
	}
	return pid
}
