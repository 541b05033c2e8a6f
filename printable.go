package main

import (
	"io"
	"strings"

	"loyaltydesk/ui"
)

// printable is text for a terminal: each line stripped of escape
// sequences, controls and bidi overrides (file names, cell values and
// server messages are not ours), the line breaks kept.
func printable(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = ui.Sanitize(l)
	}
	return strings.Join(lines, "\n")
}

// printableWriter writes what it is given as printable text.
type printableWriter struct{ w io.Writer }

func (p printableWriter) Write(b []byte) (int, error) {
	if _, err := io.WriteString(p.w, printable(string(b))); err != nil {
		return 0, err
	}
	return len(b), nil
}

// printable returns c writing only printable text.
func (c *cmdIO) printable() *cmdIO {
	out := *c
	if _, done := c.out.(printableWriter); !done {
		out.out, out.errOut = printableWriter{c.out}, printableWriter{c.errOut}
	}
	return &out
}
