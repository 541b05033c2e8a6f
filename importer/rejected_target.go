package importer

import (
	"errors"
	"os"

	"loyaltydesk/internal/safefile"
)

// ErrRejectedIsSource: the rejected rows would replace the file being
// imported (written whole at the end, they take its place).
var ErrRejectedIsSource = errors.New("it is the file being imported")

// CheckRejectedTarget makes sure the rejected rows can go to path before
// anything is sent: not the source file by any name (relative, through a
// link), and a place that can be written. source is "" for a source that
// is not a file.
func CheckRejectedTarget(path, source string) error {
	if source != "" {
		a, errA := os.Stat(path)
		b, errB := os.Stat(source)
		if errA == nil && errB == nil && os.SameFile(a, b) {
			return ErrRejectedIsSource
		}
	}
	return safefile.CanWrite(path)
}
