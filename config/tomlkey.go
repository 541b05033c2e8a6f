package config

import (
	"fmt"
	"strings"
)

// parseKey reads a dotted key (bare, "basic" or 'literal' parts) at the
// start of s, after blanks. It gives up on escapes in quoted keys.
func parseKey(s string) (parts []string, rest string, ok bool) {
	rest = s
	for {
		rest = strings.TrimLeft(rest, " \t")
		var part string
		part, rest, ok = parseKeyPart(rest)
		if !ok {
			return nil, s, false
		}
		parts = append(parts, part)
		rest = strings.TrimLeft(rest, " \t")
		if !strings.HasPrefix(rest, ".") {
			return parts, rest, true
		}
		rest = rest[1:]
	}
}

func parseKeyPart(s string) (part, rest string, ok bool) {
	if s == "" {
		return "", s, false
	}
	if q := s[0]; q == '"' || q == '\'' {
		end := strings.IndexByte(s[1:], q)
		if end < 0 || strings.ContainsRune(s[1:end+1], '\\') {
			return "", s, false
		}
		return s[1 : end+1], s[end+2:], true
	}
	n := strings.IndexFunc(s, func(r rune) bool { return !isBareKeyRune(r) })
	if n < 0 {
		n = len(s)
	}
	return s[:n], s[n:], n > 0
}

func isBareKeyRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-'
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
