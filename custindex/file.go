package custindex

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"time"

	"loyaltydesk/internal/safefile"
)

// Saved is a snapshot with what is needed to bring it up to date.
type Saved struct {
	Index *Index
	// LastID is the report's last_id when the snapshot was made ("" when
	// the server gave none: the next update is then a full one).
	LastID string
	// Synced is when the snapshot was last brought up to date.
	Synced time.Time
	// Built is when the snapshot was last read whole from the service
	// (the changes since then came by last_id).
	Built time.Time
	// Source names the account the customers belong to; a file made for
	// another one is not used.
	Source string
}

// The file: magic, then length-prefixed last ID and source, synced and
// built times, counts, both offset tables, both arenas, and a CRC-32 of all before it.
var fileMagic = []byte("LDCIDX2\n")

const maxHeaderText = 4096

// Save writes the snapshot to path with mode 0600, atomically.
func Save(path string, s Saved) error {
	ix := s.Index
	if ix == nil {
		ix = NewBuilder(0).Index()
	}
	n := ix.Len()
	buf := make([]byte, 0, 64+len(s.LastID)+len(s.Source)+8*(n+1)+len(ix.search)+len(ix.display))
	buf = append(buf, fileMagic...)
	buf = appendText(buf, s.LastID)
	buf = appendText(buf, s.Source)
	buf = binary.LittleEndian.AppendUint64(buf, uint64(s.Synced.UnixNano()))
	buf = binary.LittleEndian.AppendUint64(buf, uint64(s.Built.UnixNano()))
	for _, v := range []int{n, len(ix.search), len(ix.display)} {
		buf = binary.LittleEndian.AppendUint32(buf, uint32(v))
	}
	for _, offs := range [][]uint32{ix.soff, ix.doff} {
		for _, o := range offs[:n+1] {
			buf = binary.LittleEndian.AppendUint32(buf, o)
		}
	}
	buf = append(buf, ix.search...)
	buf = append(buf, ix.display...)
	buf = binary.LittleEndian.AppendUint32(buf, crc32.ChecksumIEEE(buf))
	return writeFileAtomic(path, buf)
}

func appendText(b []byte, s string) []byte {
	b = binary.LittleEndian.AppendUint16(b, uint16(len(s)))
	return append(b, s...)
}

// ErrBadFile is a file that is not a whole index (cut, damaged or of
// another version).
var ErrBadFile = errors.New("not a usable customer index file")

// Load reads a snapshot saved by Save: two offset tables and one buffer
// for both arenas, nothing allocated per customer.
func Load(path string) (Saved, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Saved{}, err
	}
	if len(data) < len(fileMagic)+4 || string(data[:len(fileMagic)]) != string(fileMagic) {
		return Saved{}, ErrBadFile
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return Saved{}, fmt.Errorf("%w: checksum", ErrBadFile)
	}
	r := &fileReader{b: body[len(fileMagic):]}
	var s Saved
	s.LastID, s.Source = r.text(), r.text()
	s.Synced = time.Unix(0, int64(r.u64()))
	s.Built = time.Unix(0, int64(r.u64()))
	n, searchLen, displayLen := int(r.u32()), int(r.u32()), int(r.u32())
	ix := &Index{soff: r.offsets(n + 1), doff: r.offsets(n + 1), search: r.bytes(searchLen), display: r.bytes(displayLen)}
	if r.err != nil || len(r.b) != 0 || !ix.consistent() {
		return Saved{}, ErrBadFile
	}
	// The arenas get a buffer of their own: the rest of the file's bytes
	// (the offsets, now decoded) are not kept alive with them.
	arenas := append(append(make([]byte, 0, len(ix.search)+len(ix.display)), ix.search...), ix.display...)
	ix.search, ix.display = arenas[:len(ix.search):len(ix.search)], arenas[len(ix.search):]
	s.Index = ix
	return s, nil
}

// consistent checks what the search relies on: offsets in order within
// the arenas, each record ended by recordSep. (The checksum already
// proved the bytes are those Save wrote; a record without its separators
// reads as empty fields.)
func (ix *Index) consistent() bool {
	n := ix.Len()
	if ix.soff[0] != 0 || ix.doff[0] != 0 || int(ix.soff[n]) != len(ix.search) || int(ix.doff[n]) != len(ix.display) {
		return false
	}
	for i := range n {
		if ix.soff[i+1] <= ix.soff[i] || ix.doff[i+1] < ix.doff[i] || ix.search[ix.soff[i+1]-1] != recordSep {
			return false
		}
	}
	return true
}

type fileReader struct {
	b   []byte
	err error
}

func (r *fileReader) bytes(n int) []byte {
	if r.err != nil || n < 0 || n > len(r.b) {
		r.err = ErrBadFile
		return nil
	}
	out := r.b[:n:n]
	r.b = r.b[n:]
	return out
}

func (r *fileReader) u16() uint16 {
	if b := r.bytes(2); b != nil {
		return binary.LittleEndian.Uint16(b)
	}
	return 0
}

func (r *fileReader) u32() uint32 {
	if b := r.bytes(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

func (r *fileReader) u64() uint64 {
	if b := r.bytes(8); b != nil {
		return binary.LittleEndian.Uint64(b)
	}
	return 0
}

func (r *fileReader) text() string {
	n := int(r.u16())
	if n > maxHeaderText {
		r.err = ErrBadFile
	}
	return string(r.bytes(n))
}

func (r *fileReader) offsets(n int) []uint32 {
	if r.err != nil || n < 1 || n > len(r.b)/4 {
		r.err = ErrBadFile
		return make([]uint32, 1)
	}
	b := r.bytes(4 * n)
	out := make([]uint32, n)
	for i := range out {
		out[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return out
}

// writeFileAtomic writes data beside path, mode 0600, and renames it over
// path, so a reader sees the old file or the new one.
func writeFileAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return safefile.WriteFile(path, data)
}
