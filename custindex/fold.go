package custindex

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// folder lowercases and drops accents, so "Zoe" finds "Zoë". Its
// transformer keeps buffers between calls: every builder and every search
// has its own.
type folder struct{ t transform.Transformer }

func newFolder() folder {
	return folder{t: transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)}
}

// appendFold appends the folded src to dst. ASCII, nearly every name, is
// lowercased in place without the transformer.
func (f folder) appendFold(dst, src []byte) []byte {
	if isASCII(src) {
		for _, c := range src {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
		}
		return dst
	}
	out, _, err := transform.Bytes(f.t, src)
	if err != nil {
		out = src
	}
	for len(out) > 0 {
		r, size := utf8.DecodeRune(out)
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
		out = out[size:]
	}
	return dst
}

func (f folder) fold(s string) string { return string(f.appendFold(nil, []byte(s))) }

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isPhoneLike is a word of digits and phone punctuation, with a digit.
func isPhoneLike(w string) bool {
	hasDigit := false
	for _, r := range w {
		switch {
		case r >= '0' && r <= '9':
			hasDigit = true
		case strings.ContainsRune("+-().", r):
		default:
			return false
		}
	}
	return hasDigit
}

func digits(s string) string { return string(appendDigits(nil, []byte(s))) }
