package config

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/BurntSushi/toml"
)

// duration reads "10s", "1m30s", or a bare integer meaning seconds (plain
// time.Duration would read `timeout = 30` as 30 nanoseconds).
type duration time.Duration

func (d *duration) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case string:
		parsed, err := time.ParseDuration(strings.TrimSpace(v))
		if err != nil {
			return fmt.Errorf("%q is not a duration: write e.g. \"10s\", \"2m\" or \"1m30s\"", v)
		}
		*d = duration(parsed)
		return nil
	case int64:
		*d = duration(time.Duration(v) * time.Second)
		return nil
	}
	return fmt.Errorf("a duration must be a string such as \"10s\" or a number of seconds")
}

func (d duration) MarshalText() ([]byte, error) { return []byte(time.Duration(d).String()), nil }

// keyList reads `lookup = ["f2", "alt+l"]`, and also `lookup = "f2"`.
type keyList []string

func (k *keyList) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case string:
		*k = keyList{v}
		return nil
	case []any:
		keys := make(keyList, 0, len(v))
		for _, item := range v {
			s, ok := item.(string)
			if !ok {
				return errKeyList
			}
			keys = append(keys, s)
		}
		*k = keys
		return nil
	}
	return errKeyList
}

var errKeyList = errors.New(`keys must be a list of strings such as ["f2", "alt+l"]`)

// secretKeys are the file's keys whose values must never be echoed.
var secretKeys = map[string]bool{"password": true, "token": true}

// syntaxError turns a decoding error into a SyntaxError with the line and
// column. toml's messages quote the offending text; when that text is part of
// a password or token the message is replaced by one that shows none of it.
func syntaxError(path string, data []byte, err error) error {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return plainSyntaxError(path, err)
	}
	line := lineText(data, pe.Position.Line)
	msg := pe.Message
	if key, ok := secretKeyOf(line, pe.LastKey); ok && leaksValue(msg, line) {
		msg = fmt.Sprintf("the value of %s is not valid TOML: write it in double quotes on one line, as in %s = \"…\"", key, key)
	}
	return &SyntaxError{Path: path, Line: pe.Position.Line, Column: pe.Position.Col, Msg: msg}
}

// typeErrorPattern matches toml's errors without a position, such as
// `toml: line 3 (last key "profiles.a.timeout"): incompatible types: …`.
var typeErrorPattern = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)

func plainSyntaxError(path string, err error) error {
	m := typeErrorPattern.FindStringSubmatch(err.Error())
	if m == nil {
		return &SyntaxError{Path: path, Msg: strings.TrimPrefix(err.Error(), "toml: ")}
	}
	line, _ := strconv.Atoi(m[1])
	return &SyntaxError{Path: path, Line: line, Msg: m[2] + ": " + m[3]}
}

func lineText(data []byte, n int) string {
	lines := strings.Split(string(data), "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	return lines[n-1]
}

// secretKeyOf reports whether an error concerns a secret: the line assigns
// one, or the last key toml parsed is one.
func secretKeyOf(line, lastKey string) (string, bool) {
	if keys, rest, ok := parseKey(line); ok && strings.HasPrefix(rest, "=") && secretKeys[keys[len(keys)-1]] {
		return keys[len(keys)-1], true
	}
	last := lastKey[strings.LastIndexByte(lastKey, '.')+1:]
	return last, secretKeys[last]
}

// leaksValue reports whether any word of msg occurs in the value part of the
// line. It errs towards hiding a harmless message.
func leaksValue(msg, line string) bool {
	_, value, found := strings.Cut(line, "=")
	if !found {
		value = line
	}
	for _, word := range strings.FieldsFunc(msg, isWordSeparator) {
		if strings.Contains(value, word) {
			return true
		}
	}
	return false
}

func isWordSeparator(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune("'\"`.,:;()", r)
}
