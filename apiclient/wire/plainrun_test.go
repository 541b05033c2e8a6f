package wire

import (
	"math/rand/v2"
	"testing"
)

// plainRun finds the same end as a byte-by-byte scan of textStop.
func TestPlainRunMatchesByteScan(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	alphabet := []byte("abcXYZ09 .-@\t\n\r&<>]\x00\x01\x1f\x7f\x80\xc3\xa9\xff")
	for range 20000 {
		b := make([]byte, r.IntN(40))
		for i := range b {
			if r.IntN(4) == 0 {
				b[i] = alphabet[r.IntN(len(alphabet))]
			} else {
				b[i] = byte('a' + r.IntN(26))
			}
		}
		want := 0
		for want < len(b) && !textStop[b[want]] {
			want++
		}
		if got := plainRun(b); got != want {
			t.Fatalf("plainRun(%q) = %d, want %d", b, got, want)
		}
	}
}
