// Package safetext makes text from a server fit for an error message:
// secrets blanked out, markup and control characters gone, one short line.
// The loyalty client and the Imonggo client share it, so that a fix to one
// serves both.
package safetext

import (
	"html"
	"net"
	"net/url"
	"strconv"
	"strings"
	"unicode"
)

// ExcerptMax is the most runes an excerpt keeps (an ellipsis follows).
const ExcerptMax = 160

// minSecret is the shortest value redacted: blanking every "12" of a
// message would garble it and hide nothing.
const minSecret = 4

// Excerpt turns a body that is not an API answer (an HTML error page, a
// proxy message) into a short, printable, single-line text with every
// secret blanked out.
func Excerpt(body []byte, secrets []string) string {
	text := html.UnescapeString(stripTags(string(body)))
	text = Redact(text, secrets)
	text = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.IsSpace(r) {
			return ' '
		}
		if !unicode.IsPrint(r) {
			return -1
		}
		return r
	}, text)
	text = dropTokenRuns(strings.Join(strings.Fields(text), " "))
	text = Redact(text, secrets)
	if r := []rune(text); len(r) > ExcerptMax {
		text = string(r[:ExcerptMax]) + "…"
	}
	return text
}

// stripTags drops everything between < and >, and the contents of
// <script> and <style> blocks.
func stripTags(s string) string {
	var b strings.Builder
	lower := strings.ToLower(s)
	for i := 0; i < len(s); {
		if s[i] != '<' {
			b.WriteByte(s[i])
			i++
			continue
		}
		end := tagEnd(lower, i)
		if end < 0 {
			return b.String()
		}
		b.WriteByte(' ')
		i = end
	}
	return b.String()
}

// tagEnd returns the index after the tag at i, or after the end tag of a
// script or style block opened there; -1 if the page ends first.
func tagEnd(lower string, i int) int {
	for _, block := range []string{"script", "style"} {
		if strings.HasPrefix(lower[i:], "<"+block) {
			closing := strings.Index(lower[i:], "</"+block)
			if closing < 0 {
				return -1
			}
			i += closing
			break
		}
	}
	end := strings.IndexByte(lower[i:], '>')
	if end < 0 {
		return -1
	}
	return i + end + 1
}

// Redact blanks each secret in s, also as a URL or an HTML page would
// quote it, or as Go's %q does, in any letter case (%2f and %2F alike).
// A text that still carries a secret in a form that cannot be blanked in
// place (split by white space or tags, base64, every byte percent-encoded)
// is withheld whole.
func Redact(s string, secrets []string) string {
	s = redactIntact(s, secrets)
	if carries(s, secrets) {
		return Withheld
	}
	return s
}

func redactIntact(s string, secrets []string) string {
	for _, secret := range secrets {
		if len(secret) < minSecret {
			continue
		}
		quoted := strconv.Quote(secret)
		for _, form := range []string{secret, url.QueryEscape(secret), url.PathEscape(secret),
			html.EscapeString(secret), quoted[1 : len(quoted)-1]} {
			s = replaceFoldASCII(s, form, "[redacted]")
		}
	}
	return s
}

// replaceFoldASCII replaces old in s ignoring the case of ASCII letters
// (only those, so byte offsets agree between s and its folded copy).
func replaceFoldASCII(s, old, repl string) string {
	folded, target := foldASCII(s), foldASCII(old)
	var b strings.Builder
	for {
		i := strings.Index(folded, target)
		if i < 0 {
			if b.Len() == 0 {
				return s
			}
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		b.WriteString(repl)
		s, folded = s[i+len(old):], folded[i+len(old):]
	}
}

func foldASCII(s string) string {
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

// IsLoopback reports a host of this machine, the only place plain http is
// allowed (the demo's fake servers).
func IsLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// URL shows where a server pointed: scheme, host and path only (a query
// or fragment may carry a token), printable, short, secrets blanked out.
func URL(u *url.URL, secrets []string) string {
	shown := (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
	shown = strings.Map(func(r rune) rune {
		if !unicode.IsPrint(r) || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, shown)
	if r := []rune(shown); len(r) > ExcerptMax {
		shown = string(r[:ExcerptMax]) + "…"
	}
	return Redact(shown, secrets)
}
