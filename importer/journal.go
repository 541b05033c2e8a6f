package importer

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// journalVersion is the layout of the journal records.
const journalVersion = 1

// Record types of the journal.
const (
	recStart     = "start"     // the import's identity and layout
	recSend      = "send"      // a chunk is about to go out
	recDone      = "done"      // the chunk was answered, with the counts
	recUncertain = "uncertain" // the chunk went out and no answer came
	recRefused   = "refused"   // the server refused the chunk and changed nothing
	recReject    = "reject"    // the server refused one row; it is set aside
	recSetAside  = "set_aside" // the user chose not to re-send an uncertain chunk
	recLayout    = "layout"    // new chunk sizes, before any chunk was sent
)

// journalRecord is one line of a journal. Rows are named by index; the
// journal never holds a value of the source.
type journalRecord struct {
	T     string        `json:"t"`
	At    time.Time     `json:"at"`
	Start *journalStart `json:"start,omitempty"`
	Chunk int           `json:"chunk,omitempty"` // 1-based
	First int           `json:"first,omitempty"` // Job.rows index of the chunk's first row
	End   int           `json:"end,omitempty"`
	Rows  int           `json:"rows,omitempty"`
	New   int           `json:"new,omitempty"`
	Upd   int           `json:"updated,omitempty"`
	Row   int           `json:"row,omitempty"` // table row + 1
	Line  int           `json:"line,omitempty"`
	Error string        `json:"error,omitempty"`
	// Partial marks a refusal after other requests of the chunk were
	// applied: the chunk stays sent without a known outcome.
	Partial bool `json:"partial,omitempty"`
}

type journalStart struct {
	Version int    `json:"version"`
	ID      string `json:"id"`
	identityRecord
	Wire      string   `json:"wire"`
	Headers   []string `json:"headers"`
	SendRows  int      `json:"send_rows"`
	Chunks    int      `json:"chunks"`
	ChunkRows int      `json:"chunk_rows"`
	ChunkSize int      `json:"chunk_bytes"`
}

// journalState is a journal read back.
type journalState struct {
	start     journalStart
	done      map[int]journalRecord // by chunk
	pending   map[int]string        // sent, no answer: the error if any
	setAside  map[int]bool
	rejected  map[int]string // table row → the server's reason
	lastError string
	started   time.Time
	updated   time.Time
}

func newJournalState() *journalState {
	return &journalState{done: map[int]journalRecord{}, pending: map[int]string{}, setAside: map[int]bool{}, rejected: map[int]string{}}
}

func (s *journalState) apply(r journalRecord) {
	s.updated = r.At
	switch r.T {
	case recStart:
		s.start, s.started = *r.Start, r.At
	case recLayout:
		s.start.ChunkRows, s.start.ChunkSize, s.start.Chunks = r.Start.ChunkRows, r.Start.ChunkSize, r.Start.Chunks
	case recSend:
		s.pending[r.Chunk] = ""
	case recUncertain:
		s.pending[r.Chunk] = r.Error
		s.lastError = r.Error
	case recDone:
		delete(s.pending, r.Chunk)
		s.done[r.Chunk] = r
	case recRefused:
		if !r.Partial {
			delete(s.pending, r.Chunk)
		}
		s.lastError = r.Error
	case recReject:
		if !r.Partial {
			delete(s.pending, r.Chunk)
		}
		s.rejected[r.Row-1] = r.Error
	case recSetAside:
		delete(s.pending, r.Chunk)
		s.setAside[r.Chunk] = true
	}
}

// journal is an open journal file.
type journal struct {
	path  string
	f     *os.File
	state *journalState
}

func journalPath(dir, id string) string { return filepath.Join(dir, "import-"+id+".jsonl") }

// openJournal opens the journal of the import, or creates it with start
// when there is none.
func openJournal(dir string, start journalStart) (*journal, error) {
	if dir == "" {
		return nil, errors.New("no state directory for the import journal")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("import journal: %w", err)
	}
	path := journalPath(dir, start.ID)
	st, err := readJournal(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		st = nil
	case err != nil:
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("import journal: %w", err)
	}
	j := &journal{path: path, f: f, state: st}
	if st == nil {
		j.state = newJournalState()
		if err := j.write(journalRecord{T: recStart, Start: &start}); err != nil {
			f.Close()
			return nil, err
		}
	}
	return j, nil
}

// readJournal replays a journal. A last line cut short by a crash is
// ignored.
func readJournal(path string) (*journalState, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	st := newJournalState()
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 16<<20)
	first := true
	for sc.Scan() {
		var r journalRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			continue
		}
		if first {
			if r.T != recStart || r.Start == nil || r.Start.Version != journalVersion {
				return nil, fmt.Errorf("%s is not an import journal this version can read", filepath.Base(path))
			}
			first = false
		}
		st.apply(r)
	}
	if first {
		return nil, fmt.Errorf("%s is empty", filepath.Base(path))
	}
	return st, nil
}

// write appends a record and syncs it to disk: a "send" must be on disk
// before the chunk leaves, or a crash could hide that it was sent.
func (j *journal) write(r journalRecord) error {
	if r.At.IsZero() {
		r.At = time.Now().UTC()
	}
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	if _, err := j.f.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("import journal: %w", err)
	}
	if err := j.f.Sync(); err != nil {
		return fmt.Errorf("import journal: %w", err)
	}
	j.state.apply(r)
	return nil
}

func (j *journal) close() error { return j.f.Close() }

// untouched tells that nothing was sent yet (or only refused).
func (s *journalState) untouched() bool {
	return len(s.done) == 0 && len(s.pending) == 0 && len(s.setAside) == 0
}

// finish closes and removes the journal of a completed import.
func (j *journal) finish() error {
	j.f.Close()
	return os.Remove(j.path)
}

// running holds the IDs of imports being uploaded in this process (the
// SSH server runs many sessions in one), so that two never write one
// journal.
var running sync.Map

// ErrAlreadyRunning is an import that is being uploaded by another session.
var ErrAlreadyRunning = errors.New("this import is already being uploaded in another session")

func lockImport(id string) (unlock func(), err error) {
	if _, busy := running.LoadOrStore(id, true); busy {
		return nil, ErrAlreadyRunning
	}
	return func() { running.Delete(id) }, nil
}

// Resumable is an import that stopped before it was finished.
type Resumable struct {
	ID string
	// Source is the source's name; Path is set for a file, which Resume
	// can read again.
	Source, Path string
	Started      time.Time
	Updated      time.Time
	Options      Options
	Rows         int // rows to send
	RowsDone     int // rows in answered chunks
	Chunks       int
	ChunksDone   int
	// Uncertain counts chunks sent without an answer.
	Uncertain int
	LastError string

	journal string
	start   journalStart
}

// FindResumable lists the interrupted imports whose journals are in dir,
// newest first. A missing dir has none.
func FindResumable(dir string) ([]Resumable, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "import-*.jsonl"))
	if err != nil {
		return nil, err
	}
	var out []Resumable
	for _, path := range paths {
		st, err := readJournal(path)
		if err != nil {
			continue
		}
		out = append(out, st.resumable(path))
	}
	slices.SortFunc(out, func(a, b Resumable) int { return b.Updated.Compare(a.Updated) })
	return out, nil
}

func (s *journalState) resumable(path string) Resumable {
	r := Resumable{
		ID: s.start.ID, Source: s.start.Source, Path: s.start.Path, Started: s.started, Updated: s.updated,
		Options: s.start.Options, Rows: s.start.SendRows, Chunks: s.start.Chunks,
		Uncertain: len(s.pending), LastError: s.lastError, journal: path, start: s.start,
	}
	r.Options.ChunkRows, r.Options.ChunkBytes = s.start.ChunkRows, s.start.ChunkSize
	for _, d := range s.done {
		r.ChunksDone++
		r.RowsDone += d.End - d.First
	}
	r.ChunksDone += len(s.setAside)
	if info, err := os.Stat(path); err == nil && r.Updated.IsZero() {
		r.Updated = info.ModTime()
	}
	return r
}

// ErrCannotReopen is an interrupted import whose source is not a file.
var ErrCannotReopen = errors.New("this import's source cannot be read again here; fetch it again and start the same import: it goes on where it stopped")

// ErrSourceChanged is a file that changed since its import was interrupted.
var ErrSourceChanged = errors.New("the file changed since the import stopped; it cannot be resumed (discard it and import the file again)")

// setAsideBefore is the reason of a row set aside when an import began, as
// a resumed import knows it.
const setAsideBefore = "set aside before sending (is this the same person?); check it, then import the row on its own"

// Resume reads the file of an interrupted import again and rebuilds its
// job; Upload on it goes on where the import stopped.
func Resume(ctx context.Context, r Resumable) (*Job, error) {
	if r.Path == "" || r.start.Format == nil {
		return nil, ErrCannotReopen
	}
	t, err := ReadTable(ctx, File(r.Path, *r.start.Format))
	if err != nil {
		return nil, err
	}
	if t.ContentHash() != r.start.ContentHash {
		return nil, ErrSourceChanged
	}
	m, err := MappingOf(r.start.Mapping)
	if err != nil {
		return nil, err
	}
	order, err := ParseDateOrder(r.start.DateOrder)
	if err != nil {
		return nil, err
	}
	m.SetDateOrder(order)
	p, err := Validate(t, m)
	if err != nil {
		return nil, err
	}
	j, err := p.Prepare(r.Options)
	if err != nil {
		return nil, err
	}
	if aside := r.start.SetAside; len(aside) > 0 {
		rows := make([]int, len(aside))
		for i, row := range aside {
			rows[i] = int(row)
		}
		if j, err = j.SetAside(rows, func(int) string { return setAsideBefore }); err != nil {
			return nil, err
		}
	}
	if j.ID() != r.ID {
		return nil, fmt.Errorf("the import %s cannot be rebuilt as it was (moved file?); discard it", r.ID)
	}
	return j, nil
}

// Discard removes an interrupted import's journal; its unfinished chunks
// are not sent.
func Discard(r Resumable) error {
	unlock, err := lockImport(r.ID)
	if err != nil {
		return err
	}
	defer unlock()
	if !strings.HasSuffix(r.journal, ".jsonl") {
		return errors.New("not a journal")
	}
	if err := os.Remove(r.journal); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// DiscardOthers discards the interrupted imports of the named source except
// the one with keepID, which it returns as kept (nil when there is none).
// For a source fetched afresh on every run (the Imonggo changes), an older
// journal describes rows that the new fetch already holds as they are now.
func DiscardOthers(dir, source, keepID string) (dropped []Resumable, kept *Resumable, err error) {
	pending, err := FindResumable(dir)
	if err != nil {
		return nil, nil, err
	}
	for _, p := range pending {
		switch {
		case p.ID == keepID:
			kept = &p
		case p.Source == source:
			if err := Discard(p); err != nil {
				return dropped, kept, err
			}
			dropped = append(dropped, p)
		}
	}
	return dropped, kept, nil
}
