package ui

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSanitize(t *testing.T) {
	cases := map[string]struct{ in, want string }{
		"plain":            {"Jane Doe", "Jane Doe"},
		"unicode kept":     {"José Álvarez 李", "José Álvarez 李"},
		"osc title bel":    {"Eve\x1b]0;title\x07 Hacker", "Eve Hacker"},
		"osc title st":     {"a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b", "alinkb"},
		"clear screen":     {"x\x1b[2Jy", "xy"},
		"sgr":              {"\x1b[31mred\x1b[0m", "red"},
		"c0":               {"a\x00b\x07c\x08d", "abcd"},
		"newline tab":      {"a\nb\tc\r", "a b c "},
		"c1 csi":           {"a\u009b31mb", "ab"},
		"c1 osc":           {"a\u009d0;t\u0007b", "ab"},
		"bidi override":    {"abc\u202edef", "abcdef"},
		"charset":          {"a\x1b(Bb", "ab"},
		"unterminated":     {"a\x1b[31", "a"},
		"unterminated osc": {"a\x1b]0;never ends", "a"},
		"del":              {"a\x7fb", "ab"},
		"lone esc":         {"a\x1b", "a"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			require.Equal(t, c.want, Sanitize(c.in))
		})
	}
}

func FuzzSanitize(f *testing.F) {
	f.Add("x\x1b]0;t\x07y\x1b[2J")
	f.Fuzz(func(t *testing.T, s string) {
		out := Sanitize(s)
		for _, r := range out {
			if r == 0x1b || (r < 0x20) || (r >= 0x7f && r < 0xa0) {
				t.Fatalf("control %U left in %q", r, out)
			}
		}
	})
}
