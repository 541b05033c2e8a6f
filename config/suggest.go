package config

import (
	"reflect"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// suggestKey returns what an unknown key is probably a typo of, or "":
// the corrected word alone when only the last part was wrong ("password"),
// else the whole corrected key. A profile setting at the top of the file
// is told where it belongs.
func suggestKey(key toml.Key) string {
	for i, part := range key {
		known, anyName := knownAt(key[:i])
		if anyName || slices.Contains(known, part) {
			continue
		}
		fix := closest(part, known)
		if fix == "" && i == 0 && len(key) == 1 {
			if fix = closest(part, tomlTags(fileProfile{})); fix != "" {
				return fix + " under [profiles.NAME]"
			}
		}
		if fix == "" {
			return ""
		}
		if i == len(key)-1 {
			return fix
		}
		fixed := slices.Clone(key)
		fixed[i] = fix
		return fixed.String()
	}
	return ""
}

// knownAt lists the keys the file may have under parent; anyName is true
// where names are free (profile names, binding names).
func knownAt(parent toml.Key) (known []string, anyName bool) {
	switch {
	case len(parent) == 0:
		return tomlTags(fileConfig{}), false
	case parent[0] == "keys", len(parent) == 1 && parent[0] == "profiles":
		return nil, true
	case len(parent) == 2 && parent[0] == "profiles":
		return tomlTags(fileProfile{}), false
	case len(parent) == 3 && parent[0] == "profiles" && parent[2] == "imonggo":
		return tomlTags(fileImonggo{}), false
	case len(parent) == 3 && parent[0] == "profiles" && parent[2] == "till":
		return tomlTags(fileTill{}), false
	}
	return nil, false
}

func tomlTags(v any) []string {
	t := reflect.TypeOf(v)
	tags := make([]string, 0, t.NumField())
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ",")
		tags = append(tags, name)
	}
	return tags
}

// closest returns the candidate within two edits of word (ignoring case),
// or "".
func closest(word string, candidates []string) string {
	best, bestDist := "", 3
	for _, c := range candidates {
		d := editDistance(strings.ToLower(word), c)
		if d < bestDist && d < len(c) {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, by bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
