package importwizard

import (
	"os"
	"path/filepath"
	"strings"
)

// isPrivate reports whether path is, or lies in, one of loyaltydesk's own
// files or folders (ui.Settings.Private), by any name: symbolic links are
// followed and a hard link is the same file.
func isPrivate(path string, private []string) bool {
	real := resolved(path)
	info, err := os.Stat(real)
	for _, p := range private {
		own := resolved(p)
		if real == own || strings.HasPrefix(real, own+string(filepath.Separator)) {
			return true
		}
		if ownInfo, ownErr := os.Stat(own); err == nil && ownErr == nil && os.SameFile(info, ownInfo) {
			return true
		}
	}
	return false
}

func resolved(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real
	}
	return filepath.Clean(abs)
}
