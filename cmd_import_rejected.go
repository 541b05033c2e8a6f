package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"loyaltydesk/importer"
	"loyaltydesk/ui"
)

// rejectedPath is where the rejected rows go: --rejected, or next to the
// file.
func (f *importFlags) rejectedPath() string {
	if f.rejected != "" {
		return f.rejected
	}
	return importer.RejectedPath(f.file)
}

// checkRejectedPath makes sure the rejected rows can be written before
// anything is sent: finding out at the end, after the import, would leave
// the rows nowhere. It writes and removes a temporary file in the folder,
// as the real writing does.
func checkRejectedPath(path string, given bool) error {
	hint := "; give another place with --rejected PATH (nothing was sent)"
	if given {
		hint = " (nothing was sent)"
	}
	shown := ui.Sanitize(path)
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return fmt.Errorf("cannot write the rejected rows to %s: it is a folder%s", shown, hint)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".check*")
	if err != nil {
		return fmt.Errorf("cannot write the rejected rows to %s: %v%s", shown, unwrapPath(err), hint)
	}
	name := tmp.Name()
	return errors.Join(tmp.Close(), os.Remove(name))
}
