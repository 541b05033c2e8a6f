package safefile

import (
	"errors"
	"os"
	"path/filepath"
)

// ErrIsFolder is CanWrite's answer for a path that names a folder.
var ErrIsFolder = errors.New("it is a folder")

// CanWrite tells whether Write could put a file at path, by creating and
// removing a temporary file in its folder as Write would; nothing at path
// changes. Asking before work starts beats finding out after it.
func CanWrite(path string) error {
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return ErrIsFolder
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".check*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	return errors.Join(tmp.Close(), os.Remove(name))
}
