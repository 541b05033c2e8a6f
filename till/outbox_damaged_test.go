package till

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// bbolt panics on some damaged files; the till must say so and keep the
// file (it may hold queued earns), not take the program down.
func TestADamagedQueueFileIsAnErrorNotAPanic(t *testing.T) {
	dir := t.TempDir()
	o, err := OpenOutbox(dir)
	require.NoError(t, err)
	require.NoError(t, o.Close())

	path := filepath.Join(dir, OutboxFile)
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	r := rand.New(rand.NewPCG(1, 2))
	for i := 4096; i < len(b); i++ { // keep the meta pages, scramble the rest
		b[i] = byte(r.Uint32())
	}
	require.NoError(t, os.WriteFile(path, b, 0o600))

	_, err = OpenOutbox(dir)
	require.ErrorIs(t, err, ErrOutboxDamaged)
	require.Contains(t, err.Error(), path)
	kept, rerr := os.ReadFile(path)
	require.NoError(t, rerr)
	require.True(t, bytes.Equal(b, kept), "the damaged file is kept as it was")
}
