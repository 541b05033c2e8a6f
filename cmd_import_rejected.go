package main

import (
	"fmt"

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
func checkRejectedPath(path, source string, given bool) error {
	hint := "; give another place with --rejected PATH (nothing was sent)"
	if given {
		hint = " (nothing was sent)"
	}
	shown := ui.Sanitize(path)
	if err := importer.CheckRejectedTarget(path, source); err != nil {
		return fmt.Errorf("cannot write the rejected rows to %s: %v%s", shown, unwrapPath(err), hint)
	}
	return nil
}
