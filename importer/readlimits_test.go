package importer

import (
	"bufio"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// repeated yields head, then unit n times (forever when n < 0): a file of
// any size made on the fly.
type repeated struct {
	head []byte
	unit []byte
	n    int64
	pos  int
}

func (g *repeated) Read(p []byte) (int, error) {
	k := copy(p, g.head)
	g.head = g.head[k:]
	for k < len(p) && g.n != 0 {
		c := copy(p[k:], g.unit[g.pos:])
		k += c
		if g.pos += c; g.pos == len(g.unit) {
			g.pos = 0
			if g.n > 0 {
				g.n--
			}
		}
	}
	if k == 0 {
		return 0, io.EOF
	}
	return k, nil
}

// streamSource is a text source read from a generated stream.
type streamSource struct{ open func() io.Reader }

func (s streamSource) Name() string { return "stream.csv" }
func (s streamSource) Open(context.Context) (RowReader, error) {
	return newRecordReader(bufio.NewReaderSize(s.open(), 1<<20), Format{Delimiter: ',', Header: true}, nil)
}

const customerRow = "C0000001,Ann,Lee,ann@example.com,1980-02-05,555-0101,North Street 12,Springfield\n"

func gigabyte() io.Reader {
	return &repeated{head: []byte("code,first,last,email,dob,phone,street,city\n"), unit: []byte(customerRow), n: (1 << 30) / int64(len(customerRow))}
}

func TestLongLineIsAnErrorNamingIt(t *testing.T) {
	src := streamSource{func() io.Reader {
		return io.MultiReader(strings.NewReader("code,first\nC1,Ann\nC2,"), &repeated{unit: []byte("x"), n: 200 << 20})
	}}
	_, err := ReadTable(context.Background(), src)
	var fe *FormatError
	require.True(t, errors.As(err, &fe), "%v", err)
	require.Equal(t, 3, fe.Line)
	require.ErrorContains(t, err, "stream.csv: line 3: the line is longer than 1 MiB")
}

func TestQuotedValueOverManyLinesIsBounded(t *testing.T) {
	src := streamSource{func() io.Reader {
		return io.MultiReader(strings.NewReader("code,first\nC1,\"Ann\n"), &repeated{unit: []byte("more text\n"), n: 20 << 20})
	}}
	_, err := ReadTable(context.Background(), src)
	require.ErrorContains(t, err, "line 2: a quoted value starts here and runs over 1 MiB")
}

func TestBinaryFileIsNotAText(t *testing.T) {
	bin := make([]byte, 1<<20)
	for i := range bin {
		bin[i] = byte(i*7919 + i>>8)
	}
	path := filepath.Join(t.TempDir(), "photo.jpg")
	require.NoError(t, os.WriteFile(path, bin, 0o600))
	_, err := SniffFile(path, 5)
	require.ErrorIs(t, err, ErrNotText)
	require.ErrorContains(t, err, "photo.jpg: not a text file")

	// Binary after a clean start is caught while reading, with its line.
	text := "code,first\nC1,Ann\n"
	mixed := filepath.Join(t.TempDir(), "mixed.csv")
	require.NoError(t, os.WriteFile(mixed, append([]byte(text), bin...), 0o600))
	_, err = ReadTable(context.Background(), File(mixed, Format{Delimiter: ',', Header: true}))
	require.ErrorContains(t, err, "mixed.csv: line 3: not a text file")
}

// /dev/zero never ends and never has a line break: it is refused at once,
// by the sniffer and by the reader.
func TestDevZeroIsRefusedAtOnce(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	_, err := SniffFile("/dev/zero", 5)
	require.ErrorIs(t, err, ErrNotText)
	_, err = ReadTable(context.Background(), File("/dev/zero", Format{Delimiter: ',', Header: true}))
	require.ErrorContains(t, err, "not a text file")
}

// Ctrl-C stops a read that waits on an endless input (a pipe whose writer
// goes on, as stdin would) at once.
func TestCancelStopsAWaitingRead(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "endless.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no named pipes here")
	}
	written := make(chan struct{})
	release := make(chan struct{})
	defer close(release)
	go func() {
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer w.Close()
		// More than a pipe holds: once written, the reader is reading.
		_, _ = w.WriteString("code,first,last,email,dob,phone,street,city\n" + strings.Repeat(customerRow, (1<<20)/len(customerRow)))
		close(written)
		<-release
	}()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := ReadTable(ctx, File(fifo, Format{Delimiter: ',', Header: true}))
		done <- err
	}()
	<-written
	cancel()
	select {
	case err := <-done:
		require.ErrorIs(t, err, context.Canceled)
	case <-time.After(10 * time.Second):
		t.Fatal("reading did not stop after cancel")
	}
}

// A gigabyte of rows is read up to the import's bound and no further:
// memory stays near the bound (lowered here to 8 MiB) whatever the size.
func TestGigabyteStreamStaysBounded(t *testing.T) {
	maxImportBytes = 8 << 20
	t.Cleanup(func() { maxImportBytes = defaultMaxImportBytes })
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := ReadTable(context.Background(), streamSource{gigabyte})
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	require.ErrorIs(t, err, ErrTooLarge)
	require.ErrorContains(t, err, "more than 8 MiB of customer data; split it into several imports")
	require.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(16*maxImportBytes),
		"allocated while reading a 1 GiB stream with an 8 MiB bound")
}

// BenchmarkReadGigabyteStream reads a generated 1 GiB CSV stream with the
// real bound: peak-MB is the Go heap at its highest (sampled), which stays
// near the bound whatever the stream's size.
func BenchmarkReadGigabyteStream(b *testing.B) {
	for range b.N {
		peak := sampleHeap()
		_, err := ReadTable(context.Background(), streamSource{gigabyte})
		if !errors.Is(err, ErrTooLarge) {
			b.Fatal(err)
		}
		b.ReportMetric(float64(peak()>>20), "peak-MB")
	}
}

// sampleHeap samples the heap every 10 ms until the returned func is
// called, which gives the highest HeapAlloc seen.
func sampleHeap() func() uint64 {
	stop, result := make(chan struct{}), make(chan uint64)
	go func() {
		var high uint64
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			high = max(high, m.HeapAlloc)
			select {
			case <-stop:
				result <- high
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 { close(stop); return <-result }
}
