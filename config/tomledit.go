package config

import (
	"slices"
	"strings"
)

// This file edits one value in a TOML text in place, so that updating a
// token keeps the user's comments and layout. It understands only the
// common shapes (a [table] header, then `key = "string"`); callers verify
// the result by decoding it and fall back to re-encoding.

// tableHeader reads a `[a.b]` line; arrayTable is true for `[[a.b]]`.
func tableHeader(line string) (keys []string, arrayTable, ok bool) {
	t := strings.TrimSpace(line)
	if strings.HasPrefix(t, "[[") {
		return nil, true, true
	}
	if !strings.HasPrefix(t, "[") {
		return nil, false, false
	}
	keys, rest, ok := parseKey(t[1:])
	return keys, false, ok && strings.HasPrefix(rest, "]")
}

// setTableKey sets key = value (value already in TOML syntax) in the table
// named by table: it replaces a one-line string value, keeping any comment
// after it, or adds the key under the table's header. ok is false when the
// text has no such header or the value is in a form it does not handle.
func setTableKey(text string, table []string, key, value string) (string, bool) {
	lines := strings.SplitAfter(text, "\n")
	header, inTable := -1, false
	for i, line := range lines {
		if keys, _, isHeader := tableHeader(line); isHeader {
			inTable = slices.Equal(keys, table)
			if inTable {
				header = i
			}
			continue
		}
		if !inTable {
			continue
		}
		if keys, _, ok := parseKey(line); ok && slices.Equal(keys, []string{key}) {
			edited, ok := replaceValue(line, value)
			if !ok {
				return "", false
			}
			lines[i] = edited
			return strings.Join(lines, ""), true
		}
	}
	if header < 0 {
		return "", false
	}
	return insertAfter(lines, header, key+" = "+value), true
}

// replaceValue swaps the one-line string after '=' for value, keeping the
// key, the spacing and whatever follows the old value.
func replaceValue(line, value string) (string, bool) {
	eq := strings.IndexByte(line, '=')
	if eq < 0 {
		return "", false
	}
	afterEq := line[eq+1:]
	old := strings.TrimLeft(afterEq, " \t")
	end, ok := stringEnd(old)
	if !ok {
		return "", false
	}
	lead := afterEq[:len(afterEq)-len(old)]
	return line[:eq+1] + lead + value + old[end:], true
}

// stringEnd returns the length of the one-line TOML string at the start of
// s; multi-line strings and other values are not handled.
func stringEnd(s string) (int, bool) {
	if s == "" || strings.HasPrefix(s, `"""`) || strings.HasPrefix(s, "'''") {
		return 0, false
	}
	switch s[0] {
	case '\'':
		end := strings.IndexByte(s[1:], '\'')
		return end + 2, end >= 0
	case '"':
		for i := 1; i < len(s); i++ {
			switch s[i] {
			case '\\':
				i++
			case '"':
				return i + 1, true
			}
		}
	}
	return 0, false
}

func insertAfter(lines []string, i int, newLine string) string {
	eol := "\n"
	if strings.HasSuffix(lines[i], "\r\n") {
		eol = "\r\n"
	}
	if !strings.HasSuffix(lines[i], "\n") {
		lines[i] += eol
	}
	out := slices.Insert(slices.Clone(lines), i+1, newLine+eol)
	return strings.Join(out, "")
}
