package ui

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sanitize makes text from the server or a file safe to draw on one line:
// escape sequences (CSI, OSC, DCS, …) and C0/C1 controls are removed, tabs
// and line breaks become spaces, and bidirectional overrides are dropped.
func Sanitize(s string) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0x1b:
			i += escapeLen(s[i:])
			continue
		case r == 0x9b || r == 0x9d || r == 0x90 || r == 0x9e || r == 0x9f: // 8-bit CSI, OSC, DCS, PM, APC
			i += size + controlStringLen(s[i+size:], r == 0x9b)
			continue
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case unicode.IsControl(r), isBidiControl(r):
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f || c >= 0x80 {
			return false
		}
	}
	return true
}

func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f
}

// escapeLen returns the length of the escape sequence at the start of s
// (which begins with ESC).
func escapeLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[': // CSI: parameters and intermediates, then a final byte 0x40–0x7e
		for j := 2; j < len(s); j++ {
			if s[j] >= 0x40 && s[j] <= 0x7e {
				return j + 1
			}
		}
		return len(s)
	case ']', 'P', '^', '_', 'X': // OSC, DCS, PM, APC, SOS: up to BEL or ST
		return 2 + controlStringLen(s[2:], false)
	}
	if s[1] >= 0x20 && s[1] <= 0x2f { // ESC with intermediates, e.g. ESC ( B
		j := 2
		for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
			j++
		}
		return min(j+1, len(s))
	}
	return 2
}

// controlStringLen returns how far a control string runs: to BEL, ESC \ or
// 8-bit ST; a CSI ends at its final byte.
func controlStringLen(s string, csi bool) int {
	for j := 0; j < len(s); j++ {
		c := s[j]
		if csi && c >= 0x40 && c <= 0x7e {
			return j + 1
		}
		if c == 0x07 {
			return j + 1
		}
		if c == 0x1b && j+1 < len(s) && s[j+1] == '\\' {
			return j + 2
		}
		if c == 0xc2 && j+1 < len(s) && s[j+1] == 0x9c { // ST as UTF-8
			return j + 2
		}
	}
	return len(s)
}
