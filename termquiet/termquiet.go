// Package termquiet keeps Bubble Tea v1's package init from asking the
// terminal for its background colour.
//
// That init (tea_init.go, "removed in v2") calls lipgloss.HasDarkBackground,
// and termenv then waits up to 5 s for an answer: on a terminal that
// answers no queries (old hardware terminals, some serial consoles) the app
// showed nothing for that long before main even ran. loyaltydesk asks the
// terminal itself, with a bound of a few hundred milliseconds (termbg.go).
//
// Go initialises packages in import-path order once their imports are
// ready, and this module's path ("a.…") sorts before
// "github.com/charmbracelet/…": its init runs first and hides TERM
// (as "dumb", which termenv does not query); the main package's init calls
// Restore, after every library's init.
package termquiet

import "os"

var (
	saved, had bool
	term       string
)

func init() {
	term, had = os.LookupEnv("TERM")
	saved = os.Setenv("TERM", "dumb") == nil
}

// Restore gives TERM back as it was.
func Restore() {
	if !saved {
		return
	}
	saved = false
	if had {
		_ = os.Setenv("TERM", term)
	} else {
		_ = os.Unsetenv("TERM")
	}
}
