package apiclient

import (
	"bytes"
	"compress/gzip"
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

// gzipBomb is an XML or JSON answer whose one text holds size spaces,
// gzip-compressed (about a thousandth of size).
func gzipBomb(t testing.TB, format Format, size int) []byte {
	t.Helper()
	var b bytes.Buffer
	zw, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	require.NoError(t, err)
	head, tail := `<response status="success"><account><name>`, `</name></account></response>`
	if format == JSON {
		head, tail = `{"status":"success","account":{"name":"`, `"}}`
	}
	_, _ = zw.Write([]byte(head))
	spaces := bytes.Repeat([]byte{' '}, 1<<20)
	for left := size; left > 0; left -= len(spaces) {
		_, _ = zw.Write(spaces[:min(left, len(spaces))])
	}
	_, _ = zw.Write([]byte(tail))
	require.NoError(t, zw.Close())
	return b.Bytes()
}

// A small compressed answer that unpacks to 4 MiB is refused once the
// call's limit is passed, naming the limit.
func TestCompressedAnswerIsCappedAfterDecompression(t *testing.T) {
	for _, format := range formats {
		bomb := gzipBomb(t, format, 4<<20)
		api := serveFunc(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			_, _ = w.Write(bomb)
		})
		_, err := newClient(t, api.URL, format).AccountInfo(context.Background())
		var de *DecodeError
		require.True(t, errors.As(err, &de), "%v: %v", format, err)
		require.Contains(t, err.Error(), "larger than the 1 MiB allowed for account info")
	}
}

// Every kind of call has a limit; a plain (uncompressed) body is cut too.
func TestAnswerSizeIsCappedPerKindOfCall(t *testing.T) {
	api := serveFunc(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`<response status="success"><account><name>`))
		writeRepeated(w, " ", 2<<20)
	})
	_, err := newClient(t, api.URL, XML).AccountInfo(context.Background())
	require.ErrorContains(t, err, "larger than the 1 MiB allowed for account info")

	for callType, want := range map[string]int64{
		"customer_info": 1 * mib, "record_customer": 1 * mib, "customer_balance": 1 * mib, "account_update": 1 * mib,
		"campaigns_list": 8 * mib, "dashboard": 8 * mib, "customers_batch": 16 * mib, "reports": 1 * mib,
	} {
		limit, perItem := answerLimit(callType)
		require.Equal(t, want, limit, callType)
		require.Equal(t, callType == "reports", perItem, callType)
	}
}

// A report streams any number of customers, but one customer (or anything
// between two) may not grow without bound.
func TestReportItemIsCapped(t *testing.T) {
	api := serveFunc(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`<response status="success">`))
		writeRepeated(w, `<customer><customer_id>1</customer_id></customer>`, 100_000) // 5 MB in all
		_, _ = w.Write([]byte(`<customer><customer_id>2</customer_id><first_name>`))
		writeRepeated(w, "x", 20<<20)
	})
	n := 0
	err := newClient(t, api.URL, XML).CustomersReport(context.Background(), ReportFilter{}, func(Customer) error { n++; return nil })
	require.Equal(t, 100_000, n, "a long report is not cut")
	require.ErrorContains(t, err, "larger than the 1 MiB allowed for one customer of customers report")
}

// The API key split by a line break in an API error, or by a tag in an
// error page, does not reach the error text.
func TestSplitKeyInAnswerIsWithheld(t *testing.T) {
	half := len(demoPassword) / 2
	for _, body := range []string{
		errorBody("Invalid key " + demoPassword[:half] + "\n" + demoPassword[half:]),
		`<html><body>key <b>` + demoPassword[:half] + `</b>` + demoPassword[half:] + `</body></html>`,
	} {
		_, err := newClient(t, serve(t, http.StatusBadGateway, body).URL, XML).AccountInfo(context.Background())
		require.Error(t, err)
		squeezed := strings.Join(strings.Fields(err.Error()), "")
		require.NotContains(t, squeezed, demoPassword)
	}
}
