package importer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"time"

	"loyaltydesk/apiclient"
)

// Uploader sends one batch; *apiclient.Client is one.
type Uploader interface {
	ImportBatch(ctx context.Context, r apiclient.BatchRequest) (apiclient.BatchResult, error)
}

var (
	_ Uploader   = (*apiclient.Client)(nil)
	_ ReportFunc = (*apiclient.Client)(nil).CustomersReport
)

// UncertainChoice is what to do with a chunk that was sent without an
// answer and cannot be re-sent harmlessly.
type UncertainChoice uint8

// The choices for such a chunk.
const (
	// AskFirst stops the upload with an *UncertainError.
	AskFirst UncertainChoice = iota
	// Resend sends it again, accepting what a second sending may do.
	Resend
	// SetAside does not send it again; its rows go to the rejected file
	// marked as of unknown outcome.
	SetAside
)

func (c UncertainChoice) String() string {
	switch c {
	case Resend:
		return "resend"
	case SetAside:
		return "set aside"
	}
	return "ask first"
}

// RunConfig configures an upload.
type RunConfig struct {
	// StateDir holds the journal (required).
	StateDir string
	// OnProgress, when set, is called from the uploading goroutine after
	// each chunk and before each retry. It must not block for long: a UI
	// should forward the value to its event loop (e.g. a non-blocking send
	// on a channel a tea.Cmd waits on).
	OnProgress func(Progress)
	// Uncertain decides about chunks that cannot be re-sent harmlessly.
	Uncertain UncertainChoice
	// MaxAttempts bounds the sendings of a chunk when no answer comes
	// (0: 3). RetryDelay is the first wait between them (0: 2 s), doubled
	// each time.
	MaxAttempts int
	RetryDelay  time.Duration
	// RejectedPath is where rejected rows are written; by default next to
	// a source file (RejectedPath), else in StateDir.
	RejectedPath string
}

// Progress is the state of an upload.
type Progress struct {
	RowsDone, RowsTotal     int // rows in answered chunks, rows to send
	ChunksDone, ChunksTotal int
	// RowsPerSecond is measured over this run; ETA is what is left at
	// that rate (0 until known).
	RowsPerSecond float64
	ETA           time.Duration
	Elapsed       time.Duration
	// Retry is the attempt about to be made when a chunk is re-sent after
	// Err; 0 otherwise.
	Retry int
	Err   error
}

// Result is what an upload did.
type Result struct {
	ImportID string
	// Complete is true when every chunk was answered or set aside.
	Complete bool
	// Resumed tells that an earlier run had already sent some chunks.
	Resumed bool
	// Rows is the number of rows in the source; Sent the rows in answered
	// chunks.
	Rows, Sent int
	// New and Updated are the server's counts (summed over the chunks).
	New, Updated int
	// Skipped are rows the server matched and left alone (mode ignore):
	// Sent - New - Updated.
	Skipped int
	// Rejected are the rows not imported: by validation, by the server
	// (RejectedByServer) and set aside with an unknown outcome (Uncertain).
	Rejected, RejectedByServer, Uncertain int
	// Collapsed are rows identical to an earlier row, imported once with it.
	Collapsed       int
	Chunks, Retries int
	Elapsed         time.Duration
	// RejectedFile is the file the rejected rows were written to ("" when
	// none were rejected, or the upload did not complete).
	RejectedFile string
}

// UncertainError stops an upload at a chunk that was sent without an
// answer and cannot be re-sent harmlessly; upload again with
// RunConfig.Uncertain set to Resend or SetAside.
type UncertainError struct {
	Chunk               int // 1-based
	Rows                int
	FirstLine, LastLine int
	Reason              string
	Err                 error // the failure, when it happened in this run
}

func (e *UncertainError) Error() string {
	return fmt.Sprintf("chunk %d (lines %d–%d) was sent but no answer came, so it may or may not have been imported; "+
		"sending it again could %s", e.Chunk, e.FirstLine, e.LastLine, e.Reason)
}

func (e *UncertainError) Unwrap() error { return e.Err }

// ChunkError is a chunk the server or the client refused.
type ChunkError struct {
	Chunk int
	Err   error
}

func (e *ChunkError) Error() string { return fmt.Sprintf("chunk %d: %v", e.Chunk, e.Err) }
func (e *ChunkError) Unwrap() error { return e.Err }

// Upload sends the job's rows chunk by chunk, journaling each, and goes on
// where an earlier upload of the same import stopped. Cancelling ctx stops
// it between chunks: the chunk being sent is let finish, so cancelling
// never leaves a chunk of unknown outcome. Result is filled in also when an
// error stops the upload; run Upload again (or Resume after a restart) to
// go on.
func (j *Job) Upload(ctx context.Context, up Uploader, cfg RunConfig) (Result, error) {
	unlock, err := lockImport(j.id)
	if err != nil {
		return Result{ImportID: j.id}, err
	}
	defer unlock()
	u, err := j.newUpload(up, cfg)
	if err != nil {
		return Result{ImportID: j.id}, err
	}
	return u.run(ctx)
}

type upload struct {
	job     *Job
	up      Uploader
	cfg     RunConfig
	jn      *journal
	chunks  []chunk
	res     Result
	started time.Time
	sentNow int // rows answered in this run
}

func (j *Job) newUpload(up Uploader, cfg RunConfig) (*upload, error) {
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = 3
	}
	if cfg.RetryDelay <= 0 {
		cfg.RetryDelay = 2 * time.Second
	}
	start := journalStart{
		Version: journalVersion, ID: j.id, identityRecord: j.identityRecord(),
		Wire: string(j.plan.wire), Headers: j.Headers(), SendRows: len(j.rows),
		ChunkRows: j.opts.ChunkRows, ChunkSize: j.opts.ChunkBytes,
	}
	chunks := j.layout(start.ChunkRows, start.ChunkSize)
	start.Chunks = len(chunks)
	jn, err := openJournal(cfg.StateDir, start)
	if err != nil {
		return nil, err
	}
	u := &upload{job: j, up: up, cfg: cfg, jn: jn, chunks: chunks, started: time.Now()}
	if err := u.checkJournal(start); err != nil {
		jn.close()
		return nil, err
	}
	return u, nil
}

// checkJournal makes sure a journal found for this ID describes the same
// rows, and keeps the chunking it started with once a chunk went out (a
// chunk is the unit of "sent"); before that the new sizes are taken, say
// after a server refused a request as too large.
func (u *upload) checkJournal(now journalStart) error {
	st := u.jn.state
	was := st.start
	if was.Wire != now.Wire || fmt.Sprint(was.Headers) != fmt.Sprint(now.Headers) || was.SendRows != now.SendRows {
		return fmt.Errorf("the journal of import %s describes other rows; discard it to import again", u.job.id)
	}
	if was.ChunkRows != now.ChunkRows || was.ChunkSize != now.ChunkSize {
		if st.untouched() {
			if err := u.jn.write(journalRecord{T: recLayout, Start: &now}); err != nil {
				return err
			}
			was = u.jn.state.start
		} else {
			u.chunks = u.job.layout(was.ChunkRows, was.ChunkSize)
		}
	}
	if len(u.chunks) != was.Chunks {
		return fmt.Errorf("the journal of import %s has %d chunks, not %d; discard it to import again", u.job.id, was.Chunks, len(u.chunks))
	}
	u.res.Resumed = len(u.jn.state.done) > 0 || len(u.jn.state.pending) > 0
	return nil
}

func (u *upload) run(ctx context.Context) (res Result, err error) {
	defer func() { res.Elapsed = time.Since(u.started) }() // named results: the returned copy gets it
	u.res.ImportID, u.res.Rows, u.res.Chunks = u.job.id, u.job.plan.table.Len(), len(u.chunks)
	u.res.Collapsed = u.job.plan.counts.Collapsed
	u.tally()
	u.progress(0, nil)
	for k := range u.chunks {
		n := k + 1
		if u.finished(n) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return u.stop(err)
		}
		if err := u.sendChunk(ctx, n); err != nil {
			return u.stop(err)
		}
		u.progress(0, nil)
	}
	return u.complete()
}

func (u *upload) finished(n int) bool {
	st := u.jn.state
	_, done := st.done[n]
	return done || st.setAside[n]
}

// sendChunk sends chunk n until it is answered, set aside or cannot go on.
// A chunk goes out as one request, or with KeepBlanks as several
// (subBatches); it is done when every one was answered. Within this run a
// request answered is not sent again when another of the chunk fails; the
// journal knows only chunks, so a resume sends the whole chunk again.
func (u *upload) sendChunk(ctx context.Context, n int) error {
	attempt := 0
	if _, wasSent := u.jn.state.pending[n]; wasSent {
		if err := u.decideUncertain(n, nil); err != nil || u.finished(n) {
			return err
		}
	}
	c := u.chunks[n-1]
	var got chunkAnswers
	for {
		rows := got.unanswered(u.rowsOf(n))
		if len(rows) == 0 {
			return u.jn.write(journalRecord{T: recDone, Chunk: n, First: c.first, End: c.end,
				Rows: got.rows, New: got.new, Upd: got.updated})
		}
		attempt++
		failed, err := u.sendBatches(ctx, n, rows, &got)
		switch outcome(err) {
		case refused:
			if again, err := u.refusedRow(n, failed, err, got.rows > 0); !again {
				return err
			}
		case unknown:
			if err := u.retryOrStop(ctx, n, attempt, err); err != nil || u.finished(n) {
				return err
			}
		}
	}
}

// chunkAnswers adds up the answered requests of a chunk.
type chunkAnswers struct {
	answered           map[int32]bool
	rows, new, updated int
}

func (a *chunkAnswers) add(rows []int32, res apiclient.BatchResult) {
	if a.answered == nil {
		a.answered = map[int32]bool{}
	}
	for _, r := range rows {
		a.answered[r] = true
	}
	a.rows += len(rows)
	a.new += res.New
	a.updated += res.Updated
}

func (a *chunkAnswers) unanswered(rows []int32) []int32 {
	if len(a.answered) == 0 {
		return rows
	}
	out := make([]int32, 0, len(rows))
	for _, r := range rows {
		if !a.answered[r] {
			out = append(out, r)
		}
	}
	return out
}

// sendBatches sends the rows of chunk n, split into sub-batches, until one
// fails: it returns that one's rows, whose lines a refusal names.
func (u *upload) sendBatches(ctx context.Context, n int, rows []int32, got *chunkAnswers) ([]int32, error) {
	for _, sb := range u.job.subBatches(rows) {
		res, err := u.sendOnce(ctx, n, sb)
		if err != nil {
			return sb.rows, err
		}
		u.sentNow += len(sb.rows)
		got.add(sb.rows, res)
	}
	return nil, nil
}

func (u *upload) sendOnce(ctx context.Context, n int, sb subBatch) (apiclient.BatchResult, error) {
	c := u.chunks[n-1]
	if err := u.jn.write(journalRecord{T: recSend, Chunk: n, First: c.first, End: c.end, Rows: len(sb.rows)}); err != nil {
		return apiclient.BatchResult{}, &ChunkError{Chunk: n, Err: err}
	}
	// The request is not cancelled with ctx: stopping mid-request would
	// leave the chunk's outcome unknown.
	return u.up.ImportBatch(context.WithoutCancel(ctx), u.job.subRequest(sb))
}

type sendOutcome uint8

const (
	answered sendOutcome = iota
	refused              // the server (or the client) said no; nothing changed
	unknown              // it may or may not have been applied
)

func outcome(err error) sendOutcome {
	var chunkErr *ChunkError
	switch {
	case err == nil:
		return answered
	case errors.As(err, &chunkErr), !apiclient.MaybeApplied(err):
		return refused
	}
	return unknown
}

// lineInMessage finds the line of Profiles_Data a refusal names.
var lineInMessage = regexp.MustCompile(`Profiles_Data line (\d+)`)

// refusedRow handles a refused request of chunk n holding rows: when the
// server names a line, that row is set aside and the chunk goes again
// (again true); otherwise the upload stops with the refusal. partial tells
// that other requests of the chunk were applied: the chunk then stays of
// unknown outcome in the journal.
func (u *upload) refusedRow(n int, rows []int32, err error, partial bool) (again bool, _ error) {
	var apiErr *apiclient.APIError
	if errors.As(err, &apiErr) {
		if m := lineInMessage.FindStringSubmatch(apiErr.Message); m != nil {
			if line, _ := strconv.Atoi(m[1]); line >= 1 && line <= len(rows) {
				row := int(rows[line-1])
				rec := journalRecord{T: recReject, Chunk: n, Row: row + 1, Line: u.job.plan.table.Line(row), Error: apiErr.Message, Partial: partial}
				if werr := u.jn.write(rec); werr != nil {
					return false, werr
				}
				return true, nil
			}
		}
	}
	if werr := u.jn.write(journalRecord{T: recRefused, Chunk: n, Error: err.Error(), Partial: partial}); werr != nil {
		return false, werr
	}
	var ce *ChunkError
	if errors.As(err, &ce) {
		return false, err
	}
	return false, &ChunkError{Chunk: n, Err: err}
}

// retryOrStop handles a chunk sent without an answer.
func (u *upload) retryOrStop(ctx context.Context, n, attempt int, err error) error {
	if werr := u.jn.write(journalRecord{T: recUncertain, Chunk: n, Error: err.Error()}); werr != nil {
		return werr
	}
	if !u.chunkResendable(n) {
		if derr := u.decideUncertain(n, err); derr != nil || u.finished(n) {
			return derr
		}
	}
	if attempt >= u.cfg.MaxAttempts {
		return &ChunkError{Chunk: n, Err: err}
	}
	u.res.Retries++
	u.progress(attempt+1, err)
	delay := u.cfg.RetryDelay << (attempt - 1)
	t := time.NewTimer(delay)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// decideUncertain applies RunConfig.Uncertain to chunk n, sent earlier
// without an answer. Re-sending a harmless chunk needs no decision.
func (u *upload) decideUncertain(n int, cause error) error {
	if u.chunkResendable(n) {
		return nil
	}
	switch u.cfg.Uncertain {
	case Resend:
		return nil
	case SetAside:
		return u.jn.write(journalRecord{T: recSetAside, Chunk: n})
	}
	rows := u.rowsOf(n)
	t := u.job.plan.table
	e := &UncertainError{Chunk: n, Rows: len(rows), Err: cause, Reason: u.whyNotResendable(rows)}
	if len(rows) > 0 {
		e.FirstLine, e.LastLine = t.Line(int(rows[0])), t.Line(int(rows[len(rows)-1]))
	}
	return e
}

func (u *upload) chunkResendable(n int) bool {
	for _, r := range u.rowsOf(n) {
		if !u.job.resendable(int(r)) {
			return false
		}
	}
	return true
}

func (u *upload) whyNotResendable(rows []int32) string {
	for _, r := range rows {
		if u.job.plan.keyless(int(r)) && u.job.opts.NoGeneratedCodes {
			return "create customers twice (rows without code or card number)"
		}
	}
	return "add the auto_add amounts twice"
}

// rowsOf returns the rows of chunk n still to send.
func (u *upload) rowsOf(n int) []int32 {
	c := u.chunks[n-1]
	rows := u.job.rows[c.first:c.end]
	rejected := u.jn.state.rejected
	if len(rejected) == 0 {
		return rows
	}
	out := make([]int32, 0, len(rows))
	for _, r := range rows {
		if _, gone := rejected[int(r)]; !gone {
			out = append(out, r)
		}
	}
	return out
}

// tally sums what the journal says so far.
func (u *upload) tally() {
	st := u.jn.state
	u.res.Sent, u.res.New, u.res.Updated = 0, 0, 0
	for _, d := range st.done {
		u.res.Sent += d.Rows
		u.res.New += d.New
		u.res.Updated += d.Upd
	}
	u.res.Skipped = max(u.res.Sent-u.res.New-u.res.Updated, 0)
	u.res.RejectedByServer = len(st.rejected)
	u.res.Uncertain = 0
	for n := range st.setAside {
		u.res.Uncertain += len(u.rowsOf(n))
	}
	u.res.Rejected = u.res.Rows - u.res.Collapsed - len(u.job.rows) + u.res.RejectedByServer + u.res.Uncertain
}

func (u *upload) progress(retry int, err error) {
	u.tally()
	if u.cfg.OnProgress == nil {
		return
	}
	st := u.jn.state
	p := Progress{
		RowsTotal: len(u.job.rows), ChunksTotal: len(u.chunks),
		ChunksDone: len(st.done) + len(st.setAside), Elapsed: time.Since(u.started), Retry: retry, Err: err,
	}
	for n := range st.done {
		p.RowsDone += u.chunks[n-1].end - u.chunks[n-1].first
	}
	for n := range st.setAside {
		p.RowsDone += u.chunks[n-1].end - u.chunks[n-1].first
	}
	if secs := p.Elapsed.Seconds(); u.sentNow > 0 && secs > 0 {
		p.RowsPerSecond = float64(u.sentNow) / secs
		p.ETA = time.Duration(float64(p.RowsTotal-p.RowsDone) / p.RowsPerSecond * float64(time.Second))
	}
	u.cfg.OnProgress(p)
}

// stop ends a run that could not finish; the journal stays for a resume.
func (u *upload) stop(err error) (Result, error) {
	u.tally()
	u.jn.close()
	return u.res, err
}

// complete writes the rejected rows and removes the journal.
func (u *upload) complete() (Result, error) {
	u.tally()
	u.res.Complete = true
	if u.res.Rejected > 0 {
		path := u.rejectedPath()
		if err := u.job.writeRejected(path, u.jn.state); err != nil {
			u.jn.close()
			return u.res, fmt.Errorf("the import is complete, but the rejected rows could not be written: %w", err)
		}
		u.res.RejectedFile = path
	}
	if err := u.jn.finish(); err != nil && !errors.Is(err, os.ErrNotExist) {
		return u.res, fmt.Errorf("the import is complete, but its journal could not be removed: %w", err)
	}
	return u.res, nil
}

func (u *upload) rejectedPath() string {
	if u.cfg.RejectedPath != "" {
		return u.cfg.RejectedPath
	}
	if fs, ok := u.job.plan.table.source.(*FileSource); ok {
		return RejectedPath(fs.Path)
	}
	return filepath.Join(u.cfg.StateDir, safeName(u.job.plan.table.source.Name())+".rejected.csv")
}

func safeName(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !(c == '-' || c == '_' || c == '.' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			b[i] = '_'
		}
	}
	if len(b) == 0 {
		return "import"
	}
	return string(b)
}
