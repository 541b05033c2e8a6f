// Package safefile replaces a file whole or not at all, readable by its
// owner only: the data goes to a temporary file in the same folder, which is
// synced and renamed over the target, so a reader (or the next start after a
// crash) sees the old file or the new one, never half of either.
package safefile

import (
	"bufio"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// Mode is the permission every file written here gets, whatever the umask
// and whatever the mode of the file it replaces.
const Mode fs.FileMode = 0o600

// WriteFile replaces path with data. The folder must exist.
func WriteFile(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Write replaces path with what fill writes (buffered). If fill or any step
// fails, path keeps its old content and the temporary file is removed. The
// folder must exist.
func Write(path string, fill func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return createError(path, dir, err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if err := tmp.Chmod(Mode); err != nil && runtime.GOOS != "windows" {
		return err
	}
	bw := bufio.NewWriter(tmp)
	if err := fill(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		var le *os.LinkError
		if errors.As(err, &le) {
			err = le.Err
		}
		return &fs.PathError{Op: "write", Path: path, Err: err}
	}
	syncDir(dir)
	return nil
}

// createError names the target, not the temporary file, and says plainly
// when the folder is missing.
func createError(path, dir string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		err = missingFolder{dir}
	} else if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
		err = pe.Err
	}
	return &fs.PathError{Op: "write", Path: path, Err: err}
}

// missingFolder is fs.ErrNotExist, worded for the person who gave the path.
type missingFolder struct{ dir string }

func (e missingFolder) Error() string        { return "the folder " + e.dir + " does not exist" }
func (e missingFolder) Is(target error) bool { return target == fs.ErrNotExist }

// syncDir makes the rename itself durable; failing only weakens that
// guarantee, and Windows cannot sync a folder.
func syncDir(dir string) {
	if runtime.GOOS == "windows" {
		return
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}
