package fakeserver

import (
	"net/url"
	"strconv"
	"strings"

	"loyaltydesk/apiclient/wire"
)

// batchHeaders are the profiles_header_N values seed 001 lists.
var batchHeaders = func() map[string]bool {
	m := map[string]bool{"code": true, "card_number": true, "auto_add": true}
	for _, n := range fieldNames {
		m[n] = true
	}
	return m
}()

// maxHeaderNumber bounds profiles_header_N.
const maxHeaderNumber = 100

// batchPlan is a checked customers_batch request; nothing has changed yet.
type batchPlan struct {
	mode      string // yes, update, ignore
	cols      []string
	pos       map[string]int
	rows      []batchRow
	camps     []int
	genDigits int
	undo      bool
}

type batchRow struct {
	line  int // 1-based line of Profiles_Data
	vals  []string
	bonus int64
	item  string
}

func (p *batchPlan) value(r batchRow, col string) (string, bool) {
	i, ok := p.pos[col]
	if !ok {
		return "", false
	}
	return r.vals[i], true
}

// batch answers type=customers_batch (seed 001). The whole batch is checked
// before anything changes, and a row that fails while being applied (an
// ambiguous card number) puts back what the rows before it did: a refused
// batch changes nothing, so an import can resume at that chunk.
func (st *store) batch(c *call) (reply, error) {
	plan, err := st.parseBatch(c)
	if err != nil {
		return reply{}, err
	}
	added, updated, err := st.applyBatch(c, plan)
	if err != nil {
		return reply{}, err
	}
	counts := wire.NewNode("customers").AddText("new", strconv.Itoa(added)).AddText("updated", strconv.Itoa(updated))
	return reply{node: success().Add(wire.NewNode("batch").SetAttr("status", "imported").Add(counts))}, nil
}

func (st *store) parseBatch(c *call) (*batchPlan, error) {
	sep, err := delimiterChar(c.get("delimiter"))
	if err != nil {
		return nil, err
	}
	plan := &batchPlan{undo: !isYes(c.get("no_undo")), pos: map[string]int{}}
	if plan.mode, err = duplicateMode(c.get("overwrite_duplicates")); err != nil {
		return nil, err
	}
	if plan.cols, err = batchColumns(c.form); err != nil {
		return nil, err
	}
	for i, col := range plan.cols {
		if col != "" {
			plan.pos[col] = i
		}
	}
	if plan.camps, err = st.batchCampaigns(c.get("campaigns_to_include")); err != nil {
		return nil, err
	}
	if plan.genDigits, err = cardDigits(c); err != nil {
		return nil, err
	}
	if plan.rows, err = st.batchRows(plan, c.get("Profiles_Data"), sep); err != nil {
		return nil, err
	}
	return plan, nil
}

func delimiterChar(v string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "pipe":
		return "|", nil
	case "comma":
		return ",", nil
	case "tab":
		return "\t", nil
	case "":
		return "", apiErr("delimiter is required (pipe, comma or tab)")
	}
	return "", apiErrf("delimiter must be pipe, comma or tab, not %q", v)
}

// duplicateMode reads overwrite_duplicates. The documents give no default;
// the fake takes ignore, the one that cannot destroy data.
func duplicateMode(v string) (string, error) {
	switch m := strings.ToLower(strings.TrimSpace(v)); m {
	case "yes", "update", "ignore":
		return m, nil
	case "":
		return "ignore", nil
	}
	return "", apiErrf("overwrite_duplicates must be yes, update or ignore, not %q", v)
}

// batchColumns reads profiles_header_N. The header number is the column's
// position in Profiles_Data ("determines the order of the fields"). Seed
// 001 says "Do not skip more than one!": the fake reads a single missing
// number as a data column that is not imported, and refuses two or more
// missing in a row rather than guess. At least one header is required;
// unknown and repeated headers are refused.
func batchColumns(form url.Values) ([]string, error) {
	byNum := map[int]string{}
	last := 0
	for k := range form {
		rest, ok := strings.CutPrefix(k, "profiles_header_")
		if !ok {
			continue
		}
		n, err := strconv.Atoi(rest)
		if err != nil || n < 1 || n > maxHeaderNumber {
			return nil, apiErrf("%s is not a header: number them profiles_header_1 to profiles_header_%d", k, maxHeaderNumber)
		}
		name := strings.TrimSpace(form.Get(k))
		if name == "" {
			continue
		}
		if !batchHeaders[name] {
			return nil, apiErrf("%s: unknown column %q", k, name)
		}
		byNum[n] = name
		last = max(last, n)
	}
	if last == 0 {
		return nil, apiErr("at least one profiles_header_N is required (profiles_header_1, profiles_header_2, …)")
	}
	cols := make([]string, last)
	seen := map[string]int{}
	for n := 1; n <= last; n++ {
		name, ok := byNum[n]
		if !ok {
			if n > 1 && byNum[n-1] == "" {
				return nil, apiErrf("profiles_header_%d and profiles_header_%d are both missing: do not skip more than one header number", n-1, n)
			}
			continue
		}
		if prev, dup := seen[name]; dup {
			return nil, apiErrf("profiles_header_%d: column %q is already profiles_header_%d", n, name, prev)
		}
		seen[name] = n
		cols[n-1] = name
	}
	return cols, nil
}

// batchCampaigns reads campaigns_to_include, separated by |,|.
func (st *store) batchCampaigns(v string) ([]int, error) {
	if strings.TrimSpace(v) == "" {
		return nil, apiErr("campaigns_to_include is required: at least one campaign ID (several separated by |,|)")
	}
	var out []int
	for _, id := range strings.Split(v, "|,|") {
		id = strings.TrimSpace(id)
		ci, ok := st.campaignByID(id)
		if !ok {
			return nil, apiErrf("%s: %s", msgCampaignNotFound, id)
		}
		out = append(out, ci)
	}
	return out, nil
}

// batchRows splits Profiles_Data: one row a line, no quoting, blank lines
// ignored. A row with the wrong number of values refuses the whole batch,
// naming its line, rather than import something misaligned.
func (st *store) batchRows(plan *batchPlan, data, sep string) ([]batchRow, error) {
	var rows []batchRow
	for i, line := range strings.Split(data, "\n") {
		line = strings.TrimSuffix(line, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		row := batchRow{line: i + 1, vals: strings.Split(line, sep)}
		where := "Profiles_Data line " + strconv.Itoa(row.line) + ": "
		if len(row.vals) != len(plan.cols) {
			return nil, apiErrf("%s%d values for %d columns (values cannot hold the delimiter: there is no quoting)", where, len(row.vals), len(plan.cols))
		}
		for j, col := range plan.cols {
			if fi, ok := fieldByName[col]; ok {
				if err := checkField(fi, row.vals[j], where); err != nil {
					return nil, err
				}
			}
		}
		if v, _ := plan.value(row, "auto_add"); strings.TrimSpace(v) != "" {
			units, item, err := st.campaigns[plan.camps[0]].parseAmount(v)
			if err != nil {
				return nil, apiErr(where + err.Error())
			}
			row.bonus, row.item = units, item
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		return nil, apiErr("Profiles_Data holds no rows to import")
	}
	return rows, nil
}

// applyBatch imports the rows in order. A row is matched by its code; with
// no code column (or a blank code) by its card number. Matched customers
// follow overwrite_duplicates; the others are new, with a generated 16-digit
// code when they have none. New and updated customers are enrolled in every
// campaign to include; auto_add goes to the first one.
func (st *store) applyBatch(c *call, plan *batchPlan) (added, updated int, err error) {
	var undo undoState
	var bonused []*custRec
	var bonusRows []batchRow
	for _, row := range plan.rows {
		rec, err := st.matchBatchRow(plan, row)
		if err == nil && rec != nil && plan.mode == "ignore" {
			continue
		}
		isNew := rec == nil
		if err == nil {
			rec, err = st.importRow(c, plan, row, rec, &undo)
		}
		if err != nil {
			st.rollback(undo)
			return 0, 0, err
		}
		if isNew {
			added++
		} else {
			updated++
		}
		for _, ci := range plan.camps {
			rec.enrolled[ci] = true
		}
		if row.bonus > 0 {
			bonused, bonusRows = append(bonused, rec), append(bonusRows, row)
		}
	}
	for i, rec := range bonused {
		st.addTxn(rec, plan.camps[0], c.now, bonusRows[i].bonus, false, bonusRows[i].item, "Bonus (auto_add)", c.user)
	}
	if plan.undo {
		st.undos = append(st.undos, undo)
	}
	return added, updated, nil
}

func (st *store) matchBatchRow(plan *batchPlan, row batchRow) (*custRec, error) {
	if code, _ := plan.value(row, "code"); strings.TrimSpace(code) != "" {
		return st.byCode[strings.TrimSpace(code)], nil
	}
	card, _ := plan.value(row, "card_number")
	switch recs := st.byCard[strings.TrimSpace(card)]; {
	case card == "" || len(recs) == 0:
		return nil, nil
	case len(recs) == 1:
		return recs[0], nil
	}
	return nil, apiErrf("Profiles_Data line %d: %s (%s)", row.line, msgMultipleCardMatch, card)
}

// importRow creates or changes one customer and notes it for undo.
func (st *store) importRow(c *call, plan *batchPlan, row batchRow, rec *custRec, undo *undoState) (*custRec, error) {
	var p *profile
	if rec == nil {
		code, _ := plan.value(row, "code")
		if code = strings.TrimSpace(code); code == "" {
			code = st.newCode()
		}
		p = &profile{code: code, created: c.now}
	} else {
		p = rec.p.clone()
		if plan.mode == "yes" {
			p.f, p.custom, p.card = [numFields]string{}, nil, ""
		}
	}
	for i, col := range plan.cols {
		v := row.vals[i]
		if col == "card_number" {
			p.card = strings.TrimSpace(v)
		} else if fi, ok := fieldByName[col]; ok {
			p.f[fi] = v
		}
	}
	// Only a customer left without a card gets a generated one: an
	// existing card is never replaced by a random number.
	if p.card == "" && plan.genDigits > 0 {
		card, err := st.newCard(plan.genDigits)
		if err != nil {
			return nil, err
		}
		p.card = card
	}
	p.changeID = st.nextID()
	if rec == nil {
		rec = st.newRec(p)
		st.add(rec)
		undo.created = append(undo.created, rec)
		return rec, nil
	}
	undo.before = append(undo.before, savedRec{rec: rec, p: rec.p, enrolled: append([]bool(nil), rec.enrolled...)})
	st.setProfile(rec, p)
	return rec, nil
}

// rollback puts back what a batch did to customers, newest change first.
func (st *store) rollback(u undoState) {
	for i := len(u.before) - 1; i >= 0; i-- {
		s := u.before[i]
		st.setProfile(s.rec, s.p)
		s.rec.enrolled = s.enrolled
	}
	st.removeNewest(u.created)
}
