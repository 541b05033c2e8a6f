package main

import (
	"os"
	"regexp"
	"strconv"
	"time"

	"a.loyaltydesk.local/termquiet"
	"github.com/charmbracelet/lipgloss"
)

// Every library has initialised: TERM, hidden from Bubble Tea's init so
// that it does not query the terminal, is given back.
func init() { termquiet.Restore() }

// backgroundBudget is the longest start-up waits for the terminal to say
// its background colour, in all. termenv waits 5 s per answer it expects
// (two), so a terminal that answers no queries (old hardware terminals,
// some serial consoles) showed nothing for 10 s.
const backgroundBudget = 300 * time.Millisecond

// newLocalRenderer is the renderer of the app on this terminal, its
// background asked of the terminal before Bubble Tea owns stdin, within
// backgroundBudget; without an answer the background counts as dark.
func newLocalRenderer() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(os.Stdout)
	dark, ok := queryDarkBackground(os.Stdin, os.Stdout, backgroundBudget)
	r.SetHasDarkBackground(dark || !ok)
	lipgloss.SetHasDarkBackground(dark || !ok) // the default renderer (Bubbles' own styles) agrees
	return r
}

// oscBackground matches the answer to OSC 11: ESC ] 11 ; rgb:RRRR/GGGG/BBBB.
var oscBackground = regexp.MustCompile(`\x1b\]11;rgb:([0-9a-fA-F]{1,4})/([0-9a-fA-F]{1,4})/([0-9a-fA-F]{1,4})`)

// parseBackground reads the answer; dark when its lightness is under half.
func parseBackground(answer []byte) (dark, ok bool) {
	m := oscBackground.FindSubmatch(answer)
	if m == nil {
		return false, false
	}
	var c [3]float64
	for i, hex := range m[1:4] {
		v, err := strconv.ParseUint(string(hex), 16, 16)
		if err != nil {
			return false, false
		}
		c[i] = float64(v) / float64(uint64(1)<<(4*len(hex))-1)
	}
	lightness := (max(c[0], c[1], c[2]) + min(c[0], c[1], c[2])) / 2
	return lightness < 0.5, true
}
