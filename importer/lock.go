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
//
// A regular file is also locked itself: `serve` keeps a state folder per
// profile apart from the one of `run` and the headless commands, and the
// lock in the state folder alone would let a wizard over SSH and a cron
// run of the same file both send it.
func LockSource(stateDir, path string) (unlock func(), err error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	unlockState, err := lock(stateDir, "file:"+abs, path)
	if err != nil {
		return nil, err
	}
	unlockFile, err := lockFile(abs, path)
	if err != nil {
		unlockState()
		return nil, err
	}
	return func() { unlockFile(); unlockState() }, nil
}

// lockFile takes the lock of the source file itself; a file that is not
// regular (a pipe, a device) is left alone: opening a pipe would wait for
// its writer.
func lockFile(abs, shown string) (unlock func(), err error) {
	if st, err := os.Stat(abs); err != nil || !st.Mode().IsRegular() {
		return func() {}, nil
	}
	f, err := os.Open(abs)
	if err != nil {
		return func() {}, nil // the reading says why, in its own words
	}
	held, err := tryLock(f)
	if err != nil {
		f.Close()
		return func() {}, nil // a file system without locks: the state folder's lock still holds
	}
	if !held {
		f.Close()
		return nil, &BusyError{Path: shown}
	}
	return func() { f.Close() }, nil
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
