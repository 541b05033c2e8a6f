package importer

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
)

// recordingUploader keeps every request it passes on to a memUploader.
type recordingUploader struct {
	*memUploader
	mu   sync.Mutex
	reqs []apiclient.BatchRequest
}

func (r *recordingUploader) ImportBatch(ctx context.Context, req apiclient.BatchRequest) (apiclient.BatchResult, error) {
	r.mu.Lock()
	r.reqs = append(r.reqs, req)
	r.mu.Unlock()
	return r.memUploader.ImportBatch(ctx, req)
}

// sent is what a request carried, as headers and rows.
type sent struct {
	headers []string
	rows    [][]string
}

func (r *recordingUploader) sent() []sent {
	var out []sent
	for _, req := range r.reqs {
		out = append(out, sent{req.Headers, req.Rows})
	}
	return out
}

// blanksFile: K001 and K003 give every column, K002 and K005 no email,
// K004 only its code, and the sixth row neither code nor card (it gets a
// generated code).
const blanksFile = "Code,First name,Email,Phone\n" +
	"K001,Ann,ann@example.com,111\n" +
	"K002,Bob,,222\n" +
	"K003,Cy,cy@example.com,333\n" +
	"K004,,,\n" +
	"K005,Dee,,555\n" +
	",Eve,,666\n"

// withCustomers is a memUploader that already has K001 and K002, with
// emails.
func withCustomers() *recordingUploader {
	up := newMemUploader()
	up.byCode["K001"] = map[string]string{"code": "K001", "first_name": "Ann", "email": "old-ann@example.com"}
	up.byCode["K002"] = map[string]string{"code": "K002", "first_name": "Bob", "email": "bob@example.com", "phone": "000"}
	return &recordingUploader{memUploader: up}
}

func TestKeepBlanksSendsSubBatches(t *testing.T) {
	j := prepare(t, writeFile(t, "blanks.csv", blanksFile), Options{KeepBlanks: true})
	eve := GeneratedCode(j.plan.table.ContentHash(), 5)
	up := withCustomers()
	res, err := j.Upload(context.Background(), up, fastRetry(t.TempDir()))
	require.NoError(t, err)

	assert.Equal(t, []sent{
		{[]string{"code", "first_name", "email", "phone"}, [][]string{
			{"K001", "Ann", "ann@example.com", "111"}, {"K003", "Cy", "cy@example.com", "333"}}},
		{[]string{"code", "first_name", "phone"}, [][]string{{"K002", "Bob", "222"}, {"K005", "Dee", "555"}, {eve, "Eve", "666"}}},
		{[]string{"code"}, [][]string{{"K004"}}},
	}, up.sent())
	assert.Equal(t, 6, res.Sent)
	assert.Equal(t, 4, res.New, "summed over the sub-batches")
	assert.Equal(t, 2, res.Updated)
	assert.Equal(t, 1, res.Chunks)
	assert.Equal(t, "bob@example.com", up.byCode["K002"]["email"], "a blank cell leaves the email")
	assert.Equal(t, "222", up.byCode["K002"]["phone"])
	assert.Equal(t, "ann@example.com", up.byCode["K001"]["email"], "a given email is changed")
}

func TestKeepBlanksOnlyInModeUpdate(t *testing.T) {
	path := writeFile(t, "blanks.csv", blanksFile)
	for _, o := range []Options{
		{Mode: apiclient.Overwrite, KeepBlanks: true},
		{Mode: apiclient.Ignore, KeepBlanks: true},
		{Mode: apiclient.Update},
	} {
		t.Run(string(o.Mode), func(t *testing.T) {
			j := prepare(t, path, o)
			up := withCustomers()
			_, err := j.Upload(context.Background(), up, fastRetry(t.TempDir()))
			require.NoError(t, err)
			require.Len(t, up.reqs, 1, "one request, every column")
			assert.Equal(t, []string{"code", "first_name", "email", "phone"}, up.reqs[0].Headers)
			assert.Len(t, up.reqs[0].Rows, 6)
		})
	}
}

func TestKeepBlanksIsPartOfTheIdentity(t *testing.T) {
	path := writeFile(t, "blanks.csv", blanksFile)
	assert.NotEqual(t, prepare(t, path, Options{}).ID(), prepare(t, path, Options{KeepBlanks: true}).ID())
}

// TestKeepBlanksRefusedLine: the server refuses the second sub-batch naming
// its line 2, which is the file's K005 (line 6), not the chunk's second row.
func TestKeepBlanksRefusedLine(t *testing.T) {
	j := prepare(t, writeFile(t, "blanks.csv", blanksFile), Options{KeepBlanks: true})
	up := withCustomers()
	up.fail[2] = refuseLine2
	res, err := j.Upload(context.Background(), up, fastRetry(t.TempDir()))
	require.NoError(t, err)
	assert.Equal(t, 1, res.RejectedByServer)
	assert.Equal(t, 5, res.Sent)
	assert.NotContains(t, up.byCode, "K005")
	assert.Equal(t, 1, up.applied["K001"], "the answered sub-batch is not sent again")
	assert.Equal(t, 1, up.applied["K002"])
	assert.Equal(t, 3, res.New, "K003, K004, Eve")
	assert.Equal(t, 2, res.Updated, "K001, K002")
	recs := readCSV(t, res.RejectedFile)
	require.Len(t, recs, 2)
	assert.Equal(t, "6", recs[1][0])
	assert.Equal(t, "K005", recs[1][2])
}

// TestKeepBlanksRetryWithinOneRun: the second sub-batch's answer is lost;
// the retry sends only that one.
func TestKeepBlanksRetryWithinOneRun(t *testing.T) {
	j := prepare(t, writeFile(t, "blanks.csv", blanksFile), Options{KeepBlanks: true})
	up := withCustomers()
	up.fail[2] = lostAnswer
	res, err := j.Upload(context.Background(), up, RunConfig{StateDir: t.TempDir(), MaxAttempts: 2, RetryDelay: 1})
	require.NoError(t, err)
	assert.Equal(t, 1, res.Retries)
	assert.Len(t, up.reqs, 4)
	assert.Equal(t, 1, up.applied["K001"])
	assert.Equal(t, 2, up.applied["K002"])
	assert.Equal(t, 6, len(up.byCode), "K001–K005 and Eve, nobody twice")
	assert.Equal(t, 6, res.Sent)
}

// TestKeepBlanksResumeAfterLostAnswerMidChunk: chunk 1 goes as two
// sub-batches; the second one's answer is lost and the upload stops. The
// resumed upload sends the whole chunk again (the journal knows chunks),
// which in mode update with codes makes nobody twice.
func TestKeepBlanksResumeAfterLostAnswerMidChunk(t *testing.T) {
	dir := t.TempDir()
	j := prepare(t, writeFile(t, "blanks.csv", blanksFile), Options{KeepBlanks: true, ChunkRows: 3})
	up := withCustomers()
	up.fail[2] = lostAnswer

	_, err := j.Upload(context.Background(), up, fastRetry(dir))
	var ce *ChunkError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, 1, ce.Chunk)
	found, err := FindResumable(dir)
	require.NoError(t, err)
	require.Len(t, found, 1)
	assert.Equal(t, 0, found[0].ChunksDone, "a chunk is done only when all its sub-batches were answered")
	assert.Equal(t, 1, found[0].Uncertain)
	assert.True(t, found[0].Options.KeepBlanks)

	resumed, err := Resume(context.Background(), found[0])
	require.NoError(t, err)
	up.reqs = nil
	res, err := resumed.Upload(context.Background(), up, fastRetry(dir))
	require.NoError(t, err)
	assert.True(t, res.Complete)
	assert.Equal(t, 6, res.Sent)
	assert.Equal(t, 6, len(up.byCode), "K001–K005 and Eve, nobody twice")
	assert.Equal(t, 2, up.applied["K001"], "chunk 1 was sent whole again")
	assert.Equal(t, 2, up.applied["K002"])
	assert.Equal(t, 1, up.applied["K005"])
	assert.Equal(t, "bob@example.com", up.byCode["K002"]["email"])
	for _, s := range up.sent() {
		assert.Equal(t, "code", s.headers[0])
	}
	found, _ = FindResumable(dir)
	assert.Empty(t, found)
}

// TestKeepBlanksPartialRefusalStaysUncertain: the second sub-batch is
// refused after the first was applied, so the chunk is not "nothing
// changed": a chunk with auto_add is then not re-sent without asking.
func TestKeepBlanksPartialRefusalStaysUncertain(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, "bonus.csv", "Code,First name,Email,Bonus\n"+
		"B1,Ann,ann@example.com,5\n"+
		"B2,Bob,,5\n")
	j := prepare(t, path, Options{KeepBlanks: true})
	up := withCustomers()
	up.fail[2] = refuseAll
	_, err := j.Upload(context.Background(), up, fastRetry(dir))
	var ae *apiclient.APIError
	require.ErrorAs(t, err, &ae)

	_, err = j.Upload(context.Background(), up, fastRetry(dir))
	var ue *UncertainError
	require.ErrorAs(t, err, &ue, "the resume asks before adding B1's bonus again")
	assert.Equal(t, 5, up.bonus["B1"])
	assert.Equal(t, 2, up.calls)
}

func TestKeepBlanksPreviewDiff(t *testing.T) {
	path := writeFile(t, "blanks.csv", blanksFile)
	ex := NewExisting([]apiclient.Customer{
		{Code: "K002", FirstName: "Bob", Email: "bob@example.com", Phone: "000", CardNumber: "42"},
	})
	fields := func(d RowDiff) map[string]string {
		m := map[string]string{}
		for _, c := range d.Changes {
			m[c.Field] = c.After
		}
		return m
	}
	keep := prepare(t, path, Options{KeepBlanks: true, CardNumberGenerate: 9}).Preview(ex)
	require.Equal(t, 1, keep.Matched())
	assert.Equal(t, map[string]string{"phone": "222"}, fields(keep.Diff(apiclient.Update, 0)),
		"no blank email, and the card (not imported) is not regenerated")
	assert.Equal(t, map[string]string{"phone": "222", "email": "", "card_number": "", "customer_password": "", "customer_PIN": ""},
		fields(keep.Diff(apiclient.Overwrite, 0)),
		"overwrite blanks by definition")
	assert.Equal(t, ModeCounts{Mode: apiclient.Update, New: 5, Updated: 1}, keep.Counts(apiclient.Update))

	plain := prepare(t, path, Options{}).Preview(ex)
	assert.Equal(t, map[string]string{"phone": "222", "email": ""}, fields(plain.Diff(apiclient.Update, 0)))
}
