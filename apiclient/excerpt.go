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
		switch {
		case strings.HasPrefix(lower[i:], "<script"), strings.HasPrefix(lower[i:], "<style"):
			end := strings.Index(lower[i:], "</")
			if end < 0 {
				return b.String()
			}
			i += end + 2
		case s[i] == '<':
			end := strings.IndexByte(s[i:], '>')
			if end < 0 {
				return b.String()
			}
			b.WriteByte(' ')
			i += end + 1
		default:
			b.WriteByte(s[i])
			i++
		}
	}
	return b.String()
}
