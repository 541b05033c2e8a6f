package importer

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"loyaltydesk/internal/safefile"
)

// unknownOutcome is the reason of rows set aside after a lost answer.
const unknownOutcome = "sent, but no answer came: this row may or may not have been imported; check the customer before importing it again"

// WriteRejected writes the rows the plan rejects (and, with rejectFixable,
// the fixable ones) to path as CSV: the source line, the reason, then the
// row's values as read, under the source's header. It is what Upload
// writes at the end, before anything is sent.
func (p *Plan) WriteRejected(path string, rejectFixable bool) error {
	j := &Job{plan: p, opts: Options{RejectFixable: rejectFixable}}
	return j.writeRejected(path, newJournalState())
}

// writeRejected writes every row not imported: rejected by validation, by
// the server, or set aside with an unknown outcome. The file is written
// whole to a temporary name first, and is readable by its owner only: it
// holds customers' data.
func (j *Job) writeRejected(path string, st *journalState) error {
	return safefile.Write(path, func(out io.Writer) error {
		style := j.plan.table.rejectedStyle()
		w, err := style.newWriter(out)
		if err != nil {
			return err
		}
		return j.writeRejectedCSV(w, style, st)
	})
}

func (j *Job) writeRejectedCSV(w *csv.Writer, style rejectedStyle, st *journalState) error {
	t := j.plan.table
	header := []string{"line", "reason"}
	for col := range t.Columns() {
		header = append(header, t.ColumnName(col))
	}
	if err := w.Write(style.cells(header)); err != nil {
		return err
	}
	unknown := j.setAsideRows(st)
	for i := range t.Len() {
		reason := j.rejectReason(i, st, unknown)
		if reason == "" {
			continue
		}
		rec := append([]string{strconv.Itoa(t.Line(i)), reason}, t.Row(i)...)
		if err := w.Write(style.cells(rec)); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

func (j *Job) setAsideRows(st *journalState) map[int]bool {
	out := map[int]bool{}
	if len(st.setAside) == 0 {
		return out
	}
	chunks := j.layout(st.start.ChunkRows, st.start.ChunkSize)
	for n := range st.setAside {
		c := chunks[n-1]
		for _, r := range j.rows[c.first:c.end] {
			if _, gone := st.rejected[int(r)]; !gone {
				out[int(r)] = true
			}
		}
	}
	return out
}

// rejectReason says why row i is not imported, or "" when it is.
func (j *Job) rejectReason(i int, st *journalState, unknown map[int]bool) string {
	p := j.plan
	switch s := p.status[i]; {
	case s == Rejected || (s == Fixable && j.opts.RejectFixable):
		return p.problemText(i)
	}
	if why, ok := j.aside[int32(i)]; ok {
		return why
	}
	if msg, ok := st.rejected[i]; ok {
		return "refused by the server: " + msg
	}
	if unknown[i] {
		return unknownOutcome
	}
	return ""
}

// problemText joins a row's problems as "Column: reason; …".
func (p *Plan) problemText(i int) string {
	var parts []string
	for _, pr := range p.RowProblems(i) {
		text := pr.Reason
		if pr.Status == Fixable {
			text = fmt.Sprintf("%q would be sent as %s (fixes were turned off)", pr.Value, pr.Fix)
		}
		if pr.Column >= 0 {
			text = p.table.ColumnName(pr.Column) + ": " + text
		}
		parts = append(parts, text)
	}
	return strings.Join(parts, "; ")
}
