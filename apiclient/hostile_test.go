package apiclient

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// writeRepeated streams unit n times without holding it all.
func writeRepeated(w http.ResponseWriter, unit string, n int) {
	chunk := strings.Repeat(unit, max(1, 32<<10/len(unit)))
	per := len(chunk) / len(unit)
	for n > 0 {
		k := min(n, per)
		if _, err := w.Write([]byte(chunk[:k*len(unit)])); err != nil {
			return
		}
		n -= k
	}
}

// A JSON answer nested ten million levels deep is a DecodeError for the
// one call, not a stack overflow that ends the process.
func TestDeeplyNestedAnswerIsADecodeError(t *testing.T) {
	for _, format := range formats {
		api := serveFunc(t, func(w http.ResponseWriter, r *http.Request) {
			if format == JSON {
				writeRepeated(w, `{"a":`, 10_000_000)
				return
			}
			writeRepeated(w, `<a>`, 10_000_000)
		})
		_, err := newClient(t, api.URL, format).AccountInfo(context.Background())
		var de *DecodeError
		require.True(t, errors.As(err, &de), "%v: %v", format, err)
		require.Contains(t, err.Error(), "nested deeper than")
	}
}
