package safetext

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRedactCatchesQuotedFormsInAnyCase(t *testing.T) {
	const secret = "feedface/beef+1"
	for _, form := range []string{secret, "FEEDFACE/BEEF+1", "feedface%2Fbeef%2B1", "feedface%2fbeef%2b1"} {
		require.Equal(t, "token [redacted] refused", Redact("token "+form+" refused", []string{secret}), form)
	}
	require.Equal(t, "pin 12 kept", Redact("pin 12 kept", []string{"12"}), "too short to blank")
}

func TestExcerptIsOneShortPrintableLine(t *testing.T) {
	page := "<html><head><style>p{color:red}</style><script>var k='x';</script></head>" +
		"<body><h1>Bad\tgateway</h1>\n<p>token s3cr3t-token &amp; more\x1b[2J</p></body></html>"
	got := Excerpt([]byte(page), []string{"s3cr3t-token"})
	require.Equal(t, "Bad gateway token [redacted] & more [2J", got)

	long := Excerpt([]byte(strings.Repeat("x", 500)), nil)
	require.Equal(t, ExcerptMax+1, len([]rune(long)))
	require.True(t, strings.HasSuffix(long, "…"))
}

func TestIsLoopback(t *testing.T) {
	for host, want := range map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true, "example.com": false, "10.0.0.1": false} {
		require.Equal(t, want, IsLoopback(host), host)
	}
}
