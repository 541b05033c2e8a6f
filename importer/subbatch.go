package importer

import (
	"slices"

	"loyaltydesk/apiclient"
)

// keepsBlanks tells that, in mode, a blank cell leaves the customer's field
// as it is (Options.KeepBlanks; only mode update changes single fields).
func (j *Job) keepsBlanks(mode apiclient.DuplicateMode) bool {
	return j.opts.KeepBlanks && mode == apiclient.Update
}

// subBatch is rows of a chunk sent together with only the columns (indexes
// in Headers) they give.
type subBatch struct {
	cols []int
	rows []int32
}

// subBatches splits rows into the requests they are sent in. The API's
// columns apply to every row of a batch and a blank cell blanks the field,
// so with KeepBlanks the rows are grouped by which columns they give; each
// group is sent with those columns only, and always the one the server
// matches rows on. Groups go in the order of their first row; a group keeps
// its rows' order (the file has no two rows for one code or card number).
func (j *Job) subBatches(rows []int32) []subBatch {
	all := make([]int, len(j.headers))
	for k := range all {
		all[k] = k
	}
	if !j.keepsBlanks(j.opts.Mode) {
		return []subBatch{{cols: all, rows: rows}}
	}
	key := j.matchColumn()
	var groups []subBatch
	bySet := map[uint64]int{}
	var vals []string
	for _, r := range rows {
		vals = j.rowValues(int(r), vals)
		var set uint64
		for k, v := range vals {
			if v != "" || k == key {
				set |= 1 << k
			}
		}
		if !anyGiven(vals, set) {
			set = 1<<len(vals) - 1 // nothing to send but blanks: as without KeepBlanks
		}
		g, seen := bySet[set]
		if !seen {
			g = len(groups)
			bySet[set] = g
			groups = append(groups, subBatch{cols: columnsOf(set, len(vals))})
		}
		groups[g].rows = append(groups[g].rows, r)
	}
	return groups
}

// matchColumn is the column the server matches rows on: code, else the
// card number (-1: neither is sent).
func (j *Job) matchColumn() int {
	if j.codeAt >= 0 {
		return j.codeAt
	}
	return slices.Index(j.headers, "card_number")
}

func anyGiven(vals []string, set uint64) bool {
	for k, v := range vals {
		if set&(1<<k) != 0 && v != "" {
			return true
		}
	}
	return false
}

func columnsOf(set uint64, n int) []int {
	var cols []int
	for k := range n {
		if set&(1<<k) != 0 {
			cols = append(cols, k)
		}
	}
	return cols
}

// subRequest is the batch of one sub-batch.
func (j *Job) subRequest(sb subBatch) apiclient.BatchRequest {
	if len(sb.cols) == len(j.headers) {
		return j.request(sb.rows)
	}
	req := j.request(nil)
	req.Headers = make([]string, len(sb.cols))
	for k, c := range sb.cols {
		req.Headers[k] = j.headers[c]
	}
	req.Rows = make([][]string, len(sb.rows))
	var vals []string
	for i, r := range sb.rows {
		vals = j.rowValues(int(r), vals)
		row := make([]string, len(sb.cols))
		for k, c := range sb.cols {
			row[k] = vals[c]
		}
		req.Rows[i] = row
	}
	return req
}
