package safetext

import (
	"encoding/base64"
	"strings"
	"unicode"
)

// Withheld stands for a server text that may quote a credential in a form
// that cannot be blanked in place.
const Withheld = "[withheld: the server's text may quote a credential]"

// minTransformed is the shortest secret looked for in transformed forms:
// a PIN of four digits is found in too many innocent numbers once white
// space is ignored.
const minTransformed = 8

// carries reports whether s holds a secret that a reader could recover:
// with white space and tags dropped, in any letter case, with every
// %XX escape undone, or base64-encoded at any alignment (as in a Basic
// Authorization header).
func carries(s string, secrets []string) bool {
	squeezed := squeeze(s)
	folded := foldASCII(squeezed)
	decoded := foldASCII(percentDecode(percentDecode(squeezed)))
	for _, secret := range secrets {
		if len(secret) < minTransformed {
			continue
		}
		want := foldASCII(squeeze(secret))
		if strings.Contains(folded, want) || strings.Contains(decoded, want) {
			return true
		}
		for _, core := range base64Cores(secret) {
			if strings.Contains(squeezed, core) {
				return true
			}
		}
	}
	return false
}

// squeeze drops tags and white space.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, stripAllTags(s))
}

// stripAllTags drops every <…> (stripTags keeps script blocks' ends apart).
func stripAllTags(s string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			return b.String()
		}
		s = s[i+j+1:]
	}
}

// percentDecode undoes every valid %XX escape and leaves the rest.
func percentDecode(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}

// base64Cores are the parts of secret's base64 forms that do not depend on
// what surrounds it: for each of the three alignments, in the standard and
// the URL alphabet, the characters between the first and last group (those
// mix in the neighbours' bits).
func base64Cores(secret string) []string {
	var cores []string
	for align := range 3 {
		raw := base64.RawStdEncoding.EncodeToString(append(make([]byte, align), secret...))
		from := 0
		if align > 0 {
			from = 4
		}
		to := len(raw) - 4
		if to-from < 4 {
			continue
		}
		core := raw[from:to]
		cores = append(cores, core, strings.NewReplacer("+", "-", "/", "_").Replace(core))
	}
	return cores
}

// dropTokenRuns replaces each long run without white space that mixes
// letters and digits (a key, a token, base64 or percent-encoded data) by
// "[…]": an excerpt should tell what went wrong, not carry data.
func dropTokenRuns(s string) string {
	words := strings.Split(s, " ")
	for i, w := range words {
		if tokenLike(w) {
			words[i] = "[…]"
		}
	}
	return strings.Join(words, " ")
}

const minTokenRun = 20

func tokenLike(w string) bool {
	if len(w) < minTokenRun {
		return false
	}
	var letters, digits bool
	for _, r := range w {
		switch {
		case unicode.IsDigit(r):
			digits = true
		case unicode.IsLetter(r):
			letters = true
		}
	}
	return letters && digits
}
