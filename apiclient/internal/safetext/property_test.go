package safetext

import (
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The property: however an error page or message transforms a secret —
// split by white space, a line break or a tag, base64-encoded as in a
// Basic header, or fully percent-encoded — neither Excerpt nor Redact
// returns text from which the secret can be read back.

const keyAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"

func randomKey(r *rand.Rand) string {
	b := make([]byte, 12+r.IntN(30))
	for i := range b {
		b[i] = keyAlphabet[r.IntN(len(keyAlphabet))]
	}
	b[r.IntN(len(b))] = byte('0' + r.IntN(10))
	return string(b)
}

// transforms are the ways a page may print a secret.
var transforms = map[string]func(r *rand.Rand, s string) string{
	"split by space":   func(r *rand.Rand, s string) string { return splitBy(r, s, " ") },
	"split by newline": func(r *rand.Rand, s string) string { return splitBy(r, s, "\r\n") },
	"split by tag":     func(r *rand.Rand, s string) string { return splitBy(r, s, "</span><span class=k>") },
	"split every rune": func(r *rand.Rand, s string) string { return strings.Join(strings.Split(s, ""), " ") },
	"basic header user": func(r *rand.Rand, s string) string {
		return "Authorization: Basic " + base64.StdEncoding.EncodeToString([]byte(s+":X"))
	},
	"basic header password": func(r *rand.Rand, s string) string {
		return "Authorization: Basic " + base64.StdEncoding.EncodeToString([]byte("john1970:"+s))
	},
	"base64 url": func(r *rand.Rand, s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) },
	"percent every byte": func(r *rand.Rand, s string) string {
		var b strings.Builder
		for i := range len(s) {
			f := "%%%02X"
			if r.IntN(2) == 0 {
				f = "%%%02x"
			}
			fmt.Fprintf(&b, f, s[i])
		}
		return b.String()
	},
	"percent split": func(r *rand.Rand, s string) string { return splitBy(r, url.QueryEscape(s), " ") },
	"upper case":    func(r *rand.Rand, s string) string { return strings.ToUpper(s) },
}

func splitBy(r *rand.Rand, s, sep string) string {
	cut := 1 + r.IntN(len(s)-1)
	cut2 := 1 + r.IntN(len(s)-1)
	a, b := min(cut, cut2), max(cut, cut2)
	return s[:a] + sep + s[a:b] + sep + s[b:]
}

func page(r *rand.Rand, echoed string) string {
	fillers := []string{"<html><body><h1>502 Bad gateway</h1><p>", "Upstream said: ", "<pre>", "request was "}
	return fillers[r.IntN(len(fillers))] + echoed + " — try again later</p></body></html>"
}

// readable reports whether out lets a reader recover secret: read with
// white space dropped, case ignored, percent-escapes undone, or any run of
// base64 decoded (at each of the four alignments).
func readable(out, secret string) bool {
	out = tagPattern.ReplaceAllString(out, "")
	squeezed := strings.ToLower(strings.Join(strings.Fields(out), ""))
	want := strings.ToLower(strings.Join(strings.Fields(secret), ""))
	if strings.Contains(squeezed, want) {
		return true
	}
	if dec, err := url.PathUnescape(squeezed); err == nil && strings.Contains(strings.ToLower(dec), want) {
		return true
	}
	for _, run := range strings.FieldsFunc(strings.Join(strings.Fields(out), ""), func(r rune) bool {
		return !strings.ContainsRune("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_", r)
	}) {
		for skip := range 4 {
			if skip >= len(run) {
				break
			}
			for _, enc := range []*base64.Encoding{base64.RawStdEncoding, base64.RawURLEncoding} {
				part := strings.TrimRight(run[skip:], "=")
				for _, p := range []string{part, part[:len(part)/4*4]} {
					dec, _ := enc.DecodeString(p)
					if strings.Contains(strings.ToLower(string(dec)), want) {
						return true
					}
				}
			}
		}
	}
	return false
}

var tagPattern = regexp.MustCompile(`<[^>]*>`)

func TestNoTransformOfASecretSurvives(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 13))
	for name, transform := range transforms {
		for range 200 {
			secret := randomKey(r)
			body := page(r, transform(r, secret))
			require.True(t, readable(body, secret), "%s: the oracle must see the secret in the page itself", name)

			ex := Excerpt([]byte(body), []string{secret})
			require.False(t, readable(ex, secret), "%s: excerpt %q of %q carries %q", name, ex, body, secret)

			msg := Redact("Invalid key "+transform(r, secret)+" for john1970", []string{secret})
			require.False(t, readable(msg, secret), "%s: message %q carries %q", name, msg, secret)
		}
	}
}

// Whatever the secrets, an excerpt keeps no long token-like run: a key the
// client does not know of (another user's, a session id) is not shown
// either.
func TestExcerptDropsLongTokenRuns(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for range 100 {
		key := randomKey(r) + randomKey(r)
		ex := Excerpt([]byte(page(r, "session "+key+" expired")), nil)
		require.NotContains(t, ex, key)
		require.Contains(t, ex, "expired")
	}
	require.Equal(t, "502 Bad gateway Upstream unreachable", Excerpt([]byte("<h1>502 Bad gateway</h1> Upstream unreachable"), nil),
		"plain words stay")
}
