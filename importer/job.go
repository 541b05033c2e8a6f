package importer

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"path/filepath"
	"slices"
	"strconv"

	"loyaltydesk/apiclient"
)

// Job is a validated plan with its options: exactly what will be sent, in
// which chunks, under which identity.
type Job struct {
	plan    *Plan
	opts    Options
	id      string
	headers []string // sent, in order
	values  []mappedCol
	codeAt  int              // index of code in headers, or -1
	rows    []int32          // Table rows to send, in order
	genRows int              // rows that get a generated code
	aside   map[int32]string // rows set aside before sending, with the reason
}

// ErrNothingToSend is a plan whose every row is rejected.
var ErrNothingToSend = errors.New("nothing to import: every row was rejected")

// Prepare checks the options and fixes what will be sent.
func (p *Plan) Prepare(o Options) (*Job, error) {
	if err := o.Check(); err != nil {
		return nil, err
	}
	j := &Job{plan: p, opts: o, codeAt: -1}
	for i, s := range p.status {
		if s == Valid || (s == Fixable && !o.RejectFixable) {
			j.rows = append(j.rows, int32(i))
		}
	}
	if len(j.rows) == 0 {
		return nil, ErrNothingToSend
	}
	j.values = p.cols
	j.headers = p.Headers()
	for k, c := range p.cols {
		if c.kind == kindCode {
			j.codeAt = k
		}
	}
	if !o.NoGeneratedCodes {
		for _, r := range j.rows {
			if p.keyless(int(r)) {
				j.genRows++
			}
		}
		if j.genRows > 0 && j.codeAt < 0 {
			j.codeAt = len(j.headers)
			j.headers = append(j.headers, "code")
		}
	}
	j.id = j.identity()
	return j, nil
}

// keyless tells that row i has neither a code nor a card number, so the
// server has nothing to match it on.
func (p *Plan) keyless(i int) bool {
	for _, col := range []int{p.codeCol, p.cardCol} {
		if col >= 0 && len(trimmed(p.table.field(i, col))) > 0 {
			return false
		}
	}
	return true
}

// identityRecord is what makes two uploads the same import.
type identityRecord struct {
	Source      string   `json:"source"`
	Path        string   `json:"path,omitempty"`
	Format      *Format  `json:"format,omitempty"`
	ContentHash string   `json:"content_hash"`
	Mapping     []string `json:"mapping"`
	// DateOrder is the order chosen for the dates ("" when inferred, which
	// the content and the mapping decide).
	DateOrder string  `json:"date_order,omitempty"`
	Options   Options `json:"options"`
	// SetAside are the rows set aside before sending (Job.SetAside).
	SetAside []int32 `json:"set_aside,omitempty"`
}

func (j *Job) identityRecord() identityRecord {
	t := j.plan.table
	rec := identityRecord{Source: t.source.Name(), ContentHash: t.ContentHash(), Mapping: j.plan.mapping.Headers(),
		DateOrder: j.plan.mapping.dateOrder.Flag(), Options: j.opts}
	for r := range j.aside {
		rec.SetAside = append(rec.SetAside, r)
	}
	slices.Sort(rec.SetAside)
	// The chunking does not change what is imported; a journal keeps the
	// one it started with.
	rec.Options.ChunkRows, rec.Options.ChunkBytes = 0, 0
	if fs, ok := t.source.(*FileSource); ok {
		rec.Path = fs.Path
		if abs, err := filepath.Abs(fs.Path); err == nil {
			rec.Path = abs
		}
		f := fs.Format
		rec.Format = &f
	}
	return rec
}

func (j *Job) identity() string {
	b, _ := json.Marshal(j.identityRecord())
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:10])
}

// ID names the import: the same source content, mapping and options give
// the same ID, and so the same journal.
func (j *Job) ID() string { return j.id }

// Plan returns the validated plan.
func (j *Job) Plan() *Plan { return j.plan }

// Options returns the options.
func (j *Job) Options() Options { return j.opts }

// Headers returns the profile headers sent (with "code" added at the end
// when rows get generated codes and no column is mapped to code).
func (j *Job) Headers() []string { return append([]string(nil), j.headers...) }

// Rows returns how many rows will be sent.
func (j *Job) Rows() int { return len(j.rows) }

// GeneratedCodes returns how many rows are sent with a generated code.
func (j *Job) GeneratedCodes() int { return j.genRows }

// GeneratedCode is the code a row without code and card number is sent
// with: 16 digits, the first not 0, taken from a SHA-256 of the content
// hash of the source and the row's index. The same data always gives its
// rows the same codes, so a row sent twice (an answer lost, the same file
// imported again) reaches the customer the first sending created.
func GeneratedCode(contentHash string, row int) string {
	sum := sha256.Sum256([]byte(contentHash + ":" + strconv.Itoa(row)))
	n := binary.BigEndian.Uint64(sum[:8])
	return strconv.FormatUint(1_000_000_000_000_000+n%9_000_000_000_000_000, 10)
}

// rowValues returns what is sent for table row i, in Headers' order.
func (j *Job) rowValues(i int, out []string) []string {
	out = out[:0]
	for _, c := range j.values {
		out = append(out, j.plan.value(i, c))
	}
	if j.codeAt == len(j.values) {
		out = append(out, "")
	}
	if !j.opts.NoGeneratedCodes && j.plan.keyless(i) {
		out[j.codeAt] = GeneratedCode(j.plan.table.ContentHash(), i)
	}
	return out
}

// request is the batch of the given table rows.
func (j *Job) request(rows []int32) apiclient.BatchRequest {
	req := apiclient.BatchRequest{
		Delimiter: j.plan.wire, Headers: j.Headers(), Rows: make([][]string, len(rows)),
		Duplicates: j.opts.Mode, NoUndo: j.opts.NoUndo, CardNumberGenerate: j.opts.CardNumberGenerate,
		Campaigns: append([]string(nil), j.opts.Campaigns...),
	}
	for k, r := range rows {
		req.Rows[k] = j.rowValues(int(r), make([]string, 0, len(j.headers)))
	}
	return req
}

// resendable tells whether sending row i a second time does no harm: the
// server matches it to the customer the first sending made or changed, and
// it adds nothing to a balance again (module documentation).
func (j *Job) resendable(i int) bool {
	p := j.plan
	if p.keyless(i) && j.opts.NoGeneratedCodes {
		return false
	}
	if p.autoCol >= 0 && j.opts.Mode != apiclient.Ignore && len(trimmed(p.table.field(i, p.autoCol))) > 0 {
		return false
	}
	return true
}

// chunk is a run of Job.rows sent in one request.
type chunk struct{ first, end int }

// formOverhead is room in a request for everything but Profiles_Data.
const formOverhead = 4 << 10

// layout cuts the rows into chunks of at most maxRows rows (0: no cap) and
// about maxBytes of form data.
func (j *Job) layout(maxRows, maxBytes int) []chunk {
	if maxBytes <= 0 {
		maxBytes = ChunkBytesDefault
	}
	budget := max(maxBytes-formOverhead, 1)
	var chunks []chunk
	start, size := 0, 0
	var vals []string
	for k, r := range j.rows {
		vals = j.rowValues(int(r), vals)
		n := 3 * len(vals) // delimiters and the line break, escaped
		for _, v := range vals {
			n += formLen(v)
		}
		full := (maxRows > 0 && k-start == maxRows) || (k > start && size+n > budget)
		if full {
			chunks = append(chunks, chunk{start, k})
			start, size = k, 0
		}
		size += n
	}
	return append(chunks, chunk{start, len(j.rows)})
}

// formLen is the length of s once form-encoded.
func formLen(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if formPlain[s[i]] {
			n++
		} else {
			n += 3
		}
	}
	return n
}

var formPlain = func() (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	for _, c := range "-_.~ " {
		t[c] = true
	}
	return t
}()
