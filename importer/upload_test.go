package importer

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
)

// failure is what the fake uploader does on one call.
type failure uint8

const (
	ok          failure = iota
	lostRequest         // fails before the server sees it
	lostAnswer          // the server applies it, the answer is lost
	refuseLine2         // the server refuses, naming line 2
	refuseAll           // the server refuses, naming no line
)

// memUploader is a tiny server: it matches rows by code, else card number,
// and counts how often each row (by its first value) reached it.
type memUploader struct {
	mu        sync.Mutex
	calls     int
	fail      map[int]failure // by call number, 1-based
	failAll   failure         // when set, every call from failFrom on
	failFrom  int
	applied   map[string]int // first value of a row → times applied
	byCode    map[string]map[string]string
	byCard    map[string]string // card → code
	nextCode  int
	bonus     map[string]int
	firstVals []string // the first value of every row of every request received
}

func newMemUploader() *memUploader {
	return &memUploader{fail: map[int]failure{}, applied: map[string]int{}, byCode: map[string]map[string]string{},
		byCard: map[string]string{}, bonus: map[string]int{}}
}

func (m *memUploader) ImportBatch(_ context.Context, r apiclient.BatchRequest) (apiclient.BatchResult, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.calls++
	f := m.fail[m.calls]
	if m.failAll != ok && m.calls >= m.failFrom {
		f = m.failAll
	}
	for _, row := range r.Rows {
		m.firstVals = append(m.firstVals, row[0])
	}
	switch f {
	case lostRequest:
		return apiclient.BatchResult{}, &apiclient.TransportError{Op: "batch import", Err: errors.New("connection refused")}
	case refuseLine2:
		return apiclient.BatchResult{}, &apiclient.APIError{Op: "batch import", Message: "Profiles_Data line 2: " + apiclient.MsgMultipleCardMatch + " (x)"}
	case refuseAll:
		return apiclient.BatchResult{}, &apiclient.APIError{Op: "batch import", Message: apiclient.MsgCampaignNotFound + ": 123"}
	}
	res := m.apply(r)
	if f == lostAnswer {
		return apiclient.BatchResult{}, &apiclient.TransportError{Op: "batch import", Err: errors.New("connection reset by peer")}
	}
	return res, nil
}

func (m *memUploader) apply(r apiclient.BatchRequest) apiclient.BatchResult {
	res := apiclient.BatchResult{Status: "imported"}
	for _, row := range r.Rows {
		vals := map[string]string{}
		for i, h := range r.Headers {
			vals[h] = row[i]
		}
		m.applied[row[0]]++
		code := vals["code"]
		if code == "" {
			code = m.byCard[vals["card_number"]]
		}
		cust, found := m.byCode[code]
		switch {
		case found && r.Duplicates == apiclient.Ignore:
			continue
		case found:
			res.Updated++
		default:
			if code == "" {
				m.nextCode++
				code = fmt.Sprintf("S%015d", m.nextCode)
			}
			cust = map[string]string{}
			m.byCode[code] = cust
			res.New++
		}
		for k, v := range vals {
			cust[k] = v
		}
		if c := vals["card_number"]; c != "" {
			m.byCard[c] = code
		}
		if a, err := strconv.Atoi(vals["auto_add"]); err == nil {
			m.bonus[code] += a
		}
	}
	return res
}

// customerFile writes n rows: every third without code and card number.
func customerFile(t *testing.T, n int, extra string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("First name,Code,Card" + extra + "\n")
	for i := range n {
		code, card := fmt.Sprintf("C%03d", i), fmt.Sprintf("9%07d", i)
		if i%3 == 2 {
			code, card = "", ""
		}
		fmt.Fprintf(&b, "Name%03d,%s,%s", i, code, card)
		if extra != "" {
			b.WriteString(",5")
		}
		b.WriteString("\n")
	}
	return writeFile(t, "customers.csv", b.String())
}

func prepare(t *testing.T, path string, o Options) *Job {
	t.Helper()
	s, err := SniffFile(path, 5)
	require.NoError(t, err)
	tbl, err := ReadTable(context.Background(), File(path, s.Format))
	require.NoError(t, err)
	p, err := Validate(tbl, AutoMap(tbl.Header(), tbl.Columns()))
	require.NoError(t, err)
	if o.Mode == "" {
		o.Mode = apiclient.Update
	}
	if o.Campaigns == nil {
		o.Campaigns = []string{"123"}
	}
	j, err := p.Prepare(o)
	require.NoError(t, err)
	return j
}

func fastRetry(dir string) RunConfig { return RunConfig{StateDir: dir, MaxAttempts: 1, RetryDelay: 1} }

func TestUploadInChunks(t *testing.T) {
	path := customerFile(t, 25, "")
	j := prepare(t, path, Options{ChunkRows: 10})
	up := newMemUploader()
	var events []Progress
	cfg := fastRetry(t.TempDir())
	cfg.OnProgress = func(p Progress) { events = append(events, p) }
	res, err := j.Upload(context.Background(), up, cfg)
	require.NoError(t, err)
	assert.Equal(t, 3, up.calls)
	assert.True(t, res.Complete)
	assert.Equal(t, Result{ImportID: j.ID(), Complete: true, Rows: 25, Sent: 25, New: 25, Chunks: 3, Elapsed: res.Elapsed}, res)
	require.Len(t, events, 4, "one before sending, one per chunk")
	assert.Equal(t, 0, events[0].RowsDone)
	assert.Equal(t, 10, events[1].RowsDone)
	last := events[3]
	assert.Equal(t, Progress{RowsDone: 25, RowsTotal: 25, ChunksDone: 3, ChunksTotal: 3}, Progress{
		RowsDone: last.RowsDone, RowsTotal: last.RowsTotal, ChunksDone: last.ChunksDone, ChunksTotal: last.ChunksTotal})
	assert.Greater(t, last.RowsPerSecond, 0.0)
	assert.Equal(t, 25, len(up.byCode), "rows without code or card became distinct customers")

	left, err := FindResumable(cfg.StateDir)
	require.NoError(t, err)
	assert.Empty(t, left, "a finished import leaves no journal")
}

func TestGeneratedCodes(t *testing.T) {
	path := customerFile(t, 6, "")
	j := prepare(t, path, Options{})
	assert.Equal(t, 2, j.GeneratedCodes())
	req := j.request(j.rows)
	assert.Equal(t, []string{"first_name", "code", "card_number"}, req.Headers)
	code := req.Rows[2][1]
	assert.Len(t, code, 16)
	assert.Equal(t, GeneratedCode(j.plan.table.ContentHash(), 2), code)
	assert.Equal(t, "", req.Rows[2][2])
	assert.Equal(t, "C000", req.Rows[0][1], "rows with a code keep it")

	again := prepare(t, path, Options{Mode: apiclient.Ignore})
	assert.Equal(t, code, again.request(again.rows).Rows[2][1], "the same data gives the same codes, whatever the options")

	off := prepare(t, path, Options{NoGeneratedCodes: true})
	assert.Equal(t, "", off.request(off.rows).Rows[2][1])

	noCodeCol := writeFile(t, "names.csv", "first name,last name\nAna,Silva\nBen,Ng\n")
	j2 := prepare(t, noCodeCol, Options{})
	req2 := j2.request(j2.rows)
	assert.Equal(t, []string{"first_name", "last_name", "code"}, req2.Headers, "a code column is added")
	assert.NotEqual(t, req2.Rows[0][2], req2.Rows[1][2])
}

// TestResumeAfterInterruption stops an upload at chunk 3 (the request never
// reaches the server), then resumes from the journal as after a restart:
// every row reaches the server exactly once.
func TestResumeAfterInterruption(t *testing.T) {
	dir := t.TempDir()
	path := customerFile(t, 45, "")
	j := prepare(t, path, Options{ChunkRows: 10})
	up := newMemUploader()
	up.failAll, up.failFrom = lostRequest, 3

	res, err := j.Upload(context.Background(), up, fastRetry(dir))
	var ce *ChunkError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, 3, ce.Chunk)
	assert.False(t, res.Complete)
	assert.Equal(t, 20, res.Sent)

	found, err := FindResumable(dir)
	require.NoError(t, err)
	require.Len(t, found, 1)
	r := found[0]
	assert.Equal(t, j.ID(), r.ID)
	assert.Equal(t, "customers.csv", r.Source)
	assert.Equal(t, 2, r.ChunksDone)
	assert.Equal(t, 5, r.Chunks)
	assert.Equal(t, 20, r.RowsDone)
	assert.Equal(t, 45, r.Rows)
	assert.Equal(t, 1, r.Uncertain)
	assert.Contains(t, r.LastError, "connection refused")
	assert.False(t, r.Started.IsZero())
	assert.False(t, r.Updated.Before(r.Started))
	info, err := os.Stat(filepath.Join(dir, "import-"+r.ID+".jsonl"))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())

	// A restart: the file is read again from the journal's description.
	up.failAll = ok
	resumed, err := Resume(context.Background(), r)
	require.NoError(t, err)
	res, err = resumed.Upload(context.Background(), up, fastRetry(dir))
	require.NoError(t, err)
	assert.True(t, res.Complete)
	assert.True(t, res.Resumed)
	assert.Equal(t, 45, res.Sent)
	assert.Equal(t, 45, res.New)
	assert.Len(t, up.applied, 45)
	for first, n := range up.applied {
		assert.Equal(t, 1, n, "row %s applied once", first)
	}
	found, _ = FindResumable(dir)
	assert.Empty(t, found)
}

// TestResumeAfterLostAnswer: the server applied chunk 2 but the answer was
// lost. Re-sending it is harmless (codes, card numbers, generated codes),
// so the resumed upload sends it again without asking, and no customer is
// made twice.
func TestResumeAfterLostAnswer(t *testing.T) {
	dir := t.TempDir()
	path := customerFile(t, 30, "")
	j := prepare(t, path, Options{ChunkRows: 10})
	up := newMemUploader()
	up.fail[2] = lostAnswer

	_, err := j.Upload(context.Background(), up, fastRetry(dir))
	require.Error(t, err)
	res, err := j.Upload(context.Background(), up, fastRetry(dir))
	require.NoError(t, err)
	assert.Equal(t, 30, len(up.byCode), "no customer twice")
	assert.Equal(t, 20, res.New, "the second sending of chunk 2 updated what the first had made")
	assert.Equal(t, 10, res.Updated)
	assert.Equal(t, 4, up.calls, "chunks 1 and 3 once, chunk 2 twice")
}

func TestRetryWithinOneRun(t *testing.T) {
	path := customerFile(t, 20, "")
	j := prepare(t, path, Options{ChunkRows: 10})
	up := newMemUploader()
	up.fail[1] = lostAnswer
	var retries []Progress
	cfg := RunConfig{StateDir: t.TempDir(), MaxAttempts: 3, RetryDelay: 1, OnProgress: func(p Progress) {
		if p.Retry > 0 {
			retries = append(retries, p)
		}
	}}
	res, err := j.Upload(context.Background(), up, cfg)
	require.NoError(t, err)
	assert.Equal(t, 1, res.Retries)
	require.Len(t, retries, 1)
	assert.Equal(t, 2, retries[0].Retry)
	assert.ErrorContains(t, retries[0].Err, "connection reset")
	assert.Equal(t, 20, len(up.byCode))
}

// TestUncertainAutoAdd: auto_add would be added twice, so a chunk sent
// without an answer is not re-sent without the user's word.
func TestUncertainAutoAdd(t *testing.T) {
	path := customerFile(t, 20, ",Bonus")
	for _, choice := range []UncertainChoice{Resend, SetAside} {
		t.Run(fmt.Sprint(choice), func(t *testing.T) {
			dir := t.TempDir()
			j := prepare(t, path, Options{ChunkRows: 10})
			up := newMemUploader()
			up.fail[1] = lostAnswer
			cfg := RunConfig{StateDir: dir, MaxAttempts: 3, RetryDelay: 1}

			_, err := j.Upload(context.Background(), up, cfg)
			var ue *UncertainError
			require.ErrorAs(t, err, &ue)
			assert.Equal(t, UncertainError{Chunk: 1, Rows: 10, FirstLine: 2, LastLine: 11, Reason: "add the auto_add amounts twice", Err: ue.Err}, *ue)
			assert.Equal(t, 1, up.calls, "not re-sent by itself")

			_, err = j.Upload(context.Background(), up, cfg)
			require.ErrorAs(t, err, &ue, "asked again on resume")
			assert.Nil(t, ue.Err)

			cfg.Uncertain = choice
			res, err := j.Upload(context.Background(), up, cfg)
			require.NoError(t, err)
			if choice == Resend {
				assert.Equal(t, 10, up.bonus["C000"], "the user chose to accept a second bonus")
				assert.Equal(t, 0, res.Uncertain)
				return
			}
			assert.Equal(t, 5, up.bonus["C000"])
			assert.Equal(t, 10, res.Uncertain)
			assert.Equal(t, 10, res.Rejected)
			recs := readCSV(t, res.RejectedFile)
			require.Len(t, recs, 11)
			assert.Equal(t, unknownOutcome, recs[1][1])
		})
	}
}

func TestUncertainIgnoreModeAutoAddIsResent(t *testing.T) {
	path := customerFile(t, 10, ",Bonus")
	j := prepare(t, path, Options{Mode: apiclient.Ignore})
	up := newMemUploader()
	up.fail[1] = lostAnswer
	res, err := j.Upload(context.Background(), up, RunConfig{StateDir: t.TempDir(), MaxAttempts: 2, RetryDelay: 1})
	require.NoError(t, err, "in mode ignore a matched row is skipped, bonus and all")
	assert.Equal(t, 10, res.Skipped)
	assert.Equal(t, 5, up.bonus["C000"])
}

func TestUncertainWithoutGeneratedCodes(t *testing.T) {
	path := customerFile(t, 10, "")
	j := prepare(t, path, Options{NoGeneratedCodes: true})
	up := newMemUploader()
	up.fail[1] = lostAnswer
	_, err := j.Upload(context.Background(), up, RunConfig{StateDir: t.TempDir(), MaxAttempts: 3, RetryDelay: 1})
	var ue *UncertainError
	require.ErrorAs(t, err, &ue)
	assert.Contains(t, ue.Error(), "create customers twice")
}

func TestServerRefusesOneRow(t *testing.T) {
	path := customerFile(t, 10, "")
	j := prepare(t, path, Options{})
	up := newMemUploader()
	up.fail[1] = refuseLine2
	res, err := j.Upload(context.Background(), up, fastRetry(t.TempDir()))
	require.NoError(t, err)
	assert.Equal(t, 1, res.RejectedByServer)
	assert.Equal(t, 9, res.Sent)
	assert.NotContains(t, up.byCode, "C001", "the row named is set aside")
	recs := readCSV(t, res.RejectedFile)
	require.Len(t, recs, 2)
	assert.Equal(t, []string{"3", "refused by the server: Profiles_Data line 2: Multiple customers match this card number (x)",
		"Name001", "C001", "90000001"}, recs[1])
}

func TestServerRefusesChunk(t *testing.T) {
	j := prepare(t, customerFile(t, 5, ""), Options{})
	up := &refusingUploader{}
	res, err := j.Upload(context.Background(), up, fastRetry(t.TempDir()))
	var ae *apiclient.APIError
	require.ErrorAs(t, err, &ae)
	assert.False(t, res.Complete)
	assert.Equal(t, 1, up.calls, "a refusal without a line is not retried")
}

type refusingUploader struct{ calls int }

func (u *refusingUploader) ImportBatch(context.Context, apiclient.BatchRequest) (apiclient.BatchResult, error) {
	u.calls++
	return apiclient.BatchResult{}, &apiclient.APIError{Op: "batch import", Message: apiclient.MsgCampaignNotFound + ": 123"}
}

func TestCancelBetweenChunks(t *testing.T) {
	dir := t.TempDir()
	j := prepare(t, customerFile(t, 30, ""), Options{ChunkRows: 10})
	up := newMemUploader()
	ctx, cancel := context.WithCancel(context.Background())
	cfg := fastRetry(dir)
	cfg.OnProgress = func(p Progress) {
		if p.ChunksDone == 1 {
			cancel()
		}
	}
	res, err := j.Upload(ctx, up, cfg)
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 10, res.Sent)
	assert.Equal(t, 1, up.calls)
	found, _ := FindResumable(dir)
	require.Len(t, found, 1)
	assert.Equal(t, 0, found[0].Uncertain, "cancelling never leaves a chunk in doubt")

	cfg.OnProgress = nil
	res, err = j.Upload(context.Background(), up, cfg)
	require.NoError(t, err)
	assert.Equal(t, 30, res.Sent)
	assert.Equal(t, 3, up.calls)
}

func TestSameImportNotTwiceAtOnce(t *testing.T) {
	j := prepare(t, customerFile(t, 5, ""), Options{})
	unlock, err := lockImport(j.ID())
	require.NoError(t, err)
	defer unlock()
	_, err = j.Upload(context.Background(), newMemUploader(), fastRetry(t.TempDir()))
	assert.ErrorIs(t, err, ErrAlreadyRunning)
}

func TestResumeRefusesChangedFile(t *testing.T) {
	dir := t.TempDir()
	path := customerFile(t, 20, "")
	j := prepare(t, path, Options{ChunkRows: 10})
	up := newMemUploader()
	up.failAll, up.failFrom = lostRequest, 2
	_, err := j.Upload(context.Background(), up, fastRetry(dir))
	require.Error(t, err)
	found, _ := FindResumable(dir)
	require.Len(t, found, 1)

	require.NoError(t, os.WriteFile(path, []byte("First name,Code,Card\nZed,Z1,1\n"), 0o600))
	_, err = Resume(context.Background(), found[0])
	assert.ErrorIs(t, err, ErrSourceChanged)

	require.NoError(t, Discard(found[0]))
	found, _ = FindResumable(dir)
	assert.Empty(t, found)
}

func TestResumableChunkingIsKept(t *testing.T) {
	dir := t.TempDir()
	path := customerFile(t, 30, "")
	up := newMemUploader()
	up.failAll, up.failFrom = lostRequest, 2
	_, err := prepare(t, path, Options{ChunkRows: 10}).Upload(context.Background(), up, fastRetry(dir))
	require.Error(t, err)

	up.failAll = ok
	j := prepare(t, path, Options{ChunkRows: 7})
	res, err := j.Upload(context.Background(), up, fastRetry(dir))
	require.NoError(t, err, "the same import with another chunk size goes on with the journal's")
	assert.Equal(t, 3, res.Chunks)
	assert.Len(t, up.applied, 30)
	for _, n := range up.applied {
		assert.Equal(t, 1, n)
	}
}

func TestChunkBytes(t *testing.T) {
	var b strings.Builder
	b.WriteString("code,notes\n")
	for i := range 100 {
		fmt.Fprintf(&b, "%d,%s\n", i, strings.Repeat("é", 50))
	}
	j := prepare(t, writeFile(t, "big.csv", b.String()), Options{ChunkBytes: 8 << 10})
	chunks := j.layout(0, 8<<10)
	require.Greater(t, len(chunks), 1)
	for _, c := range chunks {
		req := j.request(j.rows[c.first:c.end])
		size := 0
		for _, row := range req.Rows {
			size += 3 * len(row)
			for _, v := range row {
				size += formLen(v)
			}
		}
		assert.LessOrEqual(t, size, 8<<10-formOverhead)
	}
	assert.Equal(t, 600, formLen(strings.Repeat("é", 100)), "each byte of é is %XX")
}

func TestRejectedFile(t *testing.T) {
	path := writeFile(t, "shop export.csv", "Code,First name,Email,DOB\n"+
		"1,Ana,ana@example.com,1970-07-14\n"+
		"2,\"Ben, Jr.\",not-an-email,04/03/2010\n"+
		"3,Cleo\n"+
		"4,Dan,dan@example.com,14/07/1970\n")
	j := prepare(t, path, Options{RejectFixable: true})
	res, err := j.Upload(context.Background(), newMemUploader(), fastRetry(t.TempDir()))
	require.NoError(t, err)
	assert.Equal(t, 3, res.Rejected)
	assert.Equal(t, filepath.Join(filepath.Dir(path), "shop export.rejected.csv"), res.RejectedFile)
	info, err := os.Stat(res.RejectedFile)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	assert.Equal(t, [][]string{
		{"line", "reason", "Code", "First name", "Email", "DOB"},
		{"3", "Email: is not an e-mail address (name@example.com); DOB: \"04/03/2010\" would be sent as 2010-03-04 (fixes were turned off)",
			"2", "Ben, Jr.", "not-an-email", "04/03/2010"},
		{"4", "has 2 values; the header has 4 columns", "3", "Cleo"},
		{"5", `DOB: "14/07/1970" would be sent as 1970-07-14 (fixes were turned off)`, "4", "Dan", "dan@example.com", "14/07/1970"},
	}, readCSV(t, res.RejectedFile))
}

func TestNothingToSend(t *testing.T) {
	tbl := readString(t, "email\nbad\n", Format{Delimiter: ',', Header: true})
	p, err := Validate(tbl, AutoMap(tbl.Header(), 1))
	require.NoError(t, err)
	_, err = p.Prepare(Options{Mode: apiclient.Update, Campaigns: []string{"1"}})
	assert.ErrorIs(t, err, ErrNothingToSend)
}

func TestOptionsCheck(t *testing.T) {
	good := Options{Mode: apiclient.Update, Campaigns: []string{"123"}}
	require.NoError(t, good.Check())
	for name, o := range map[string]Options{
		"no mode":        {Campaigns: []string{"1"}},
		"bad mode":       {Mode: "maybe", Campaigns: []string{"1"}},
		"no campaign":    {Mode: apiclient.Update},
		"bad campaign":   {Mode: apiclient.Update, Campaigns: []string{"1|2"}},
		"card digits":    {Mode: apiclient.Update, Campaigns: []string{"1"}, CardNumberGenerate: 3},
		"tiny chunks":    {Mode: apiclient.Update, Campaigns: []string{"1"}, ChunkBytes: 100},
		"negative chunk": {Mode: apiclient.Update, Campaigns: []string{"1"}, ChunkRows: -1},
	} {
		assert.Error(t, o.Check(), name)
	}
	assert.Equal(t, []string{"123", "456"}, ParseCampaigns("123, 456,"))
	assert.Equal(t, []string{"a", "b"}, ParseCampaigns("a|,|b"))
	m, err := ParseMode("overwrite")
	require.NoError(t, err)
	assert.Equal(t, apiclient.Overwrite, m)
	_, err = ParseMode("maybe")
	assert.Error(t, err)
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	require.NoError(t, err)
	return recs
}

func TestNewChunkSizeBeforeAnythingWasSent(t *testing.T) {
	dir := t.TempDir()
	path := customerFile(t, 30, "")
	_, err := prepare(t, path, Options{ChunkRows: 30}).Upload(context.Background(), &refusingUploader{}, fastRetry(dir))
	require.Error(t, err)

	up := newMemUploader()
	res, err := prepare(t, path, Options{ChunkRows: 10}).Upload(context.Background(), up, fastRetry(dir))
	require.NoError(t, err)
	assert.Equal(t, 3, res.Chunks, "nothing had been applied, so the new size is taken")
	assert.Equal(t, 3, up.calls)
}

func TestPlanWriteRejectedBeforeSending(t *testing.T) {
	tbl := readString(t, "code,email,dob\n1,a@b.co,14/07/1970\n2,bad,\n3,c@d.co,\n", Format{Delimiter: ',', Header: true})
	p, err := Validate(tbl, AutoMap(tbl.Header(), tbl.Columns()))
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "dry.rejected.csv")
	require.NoError(t, p.WriteRejected(path, false))
	assert.Equal(t, [][]string{{"line", "reason", "code", "email", "dob"},
		{"3", "email: is not an e-mail address (name@example.com)", "2", "bad", ""}}, readCSV(t, path))
	require.NoError(t, p.WriteRejected(path, true))
	assert.Len(t, readCSV(t, path), 3, "with fixes turned off the fixable row is rejected too")
}

func TestResultCarriesElapsedTime(t *testing.T) {
	j := prepare(t, customerFile(t, 5, ""), Options{})
	res, err := j.Upload(context.Background(), newMemUploader(), fastRetry(t.TempDir()))
	require.NoError(t, err)
	require.Positive(t, res.Elapsed)
}

func TestDiscardOthersKeepsTheNamedImport(t *testing.T) {
	dir := t.TempDir()
	interrupt := func(j *Job) {
		up := newMemUploader()
		up.failAll, up.failFrom = lostRequest, 2
		_, err := j.Upload(context.Background(), up, fastRetry(dir))
		require.Error(t, err)
	}
	path := customerFile(t, 30, "")
	older := prepare(t, path, Options{ChunkRows: 10})
	newer := prepare(t, path, Options{ChunkRows: 10, NoUndo: true})
	interrupt(older)
	interrupt(newer)

	dropped, kept, err := DiscardOthers(dir, "customers.csv", newer.ID())
	require.NoError(t, err)
	require.Len(t, dropped, 1)
	assert.Equal(t, older.ID(), dropped[0].ID)
	require.NotNil(t, kept)
	assert.Equal(t, newer.ID(), kept.ID)
	left, err := FindResumable(dir)
	require.NoError(t, err)
	require.Len(t, left, 1)
	assert.Equal(t, newer.ID(), left[0].ID)

	dropped, _, err = DiscardOthers(dir, "another-source", "")
	require.NoError(t, err)
	assert.Empty(t, dropped, "imports of other sources are left alone")
}
