package apiclient

import (
	"html"
	"strings"
	"unicode"
)

const excerptMax = 160

// excerpt turns a non-API body (an HTML error page, a proxy message) into a
// short, printable, single-line text with any secret blanked out.
func excerpt(body []byte, secrets []string) string {
	text := html.UnescapeString(stripTags(string(body)))
	text = redactText(text, secrets)
	text = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.IsSpace(r) {
			return ' '
		}
		if !unicode.IsPrint(r) {
			return -1
		}
		return r
	}, text)
	text = redactText(strings.Join(strings.Fields(text), " "), secrets)
	if r := []rune(text); len(r) > excerptMax {
		text = string(r[:excerptMax]) + "…"
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
