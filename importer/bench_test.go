package importer

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
)

// writeBenchFile writes n rows of 8 columns: code, card, names, e-mail,
// phone, birthday and city, with a quoted value now and then, one birthday
// in 100 to convert, one in 1000 ambiguous and one e-mail in 1000 broken.
func writeBenchFile(tb testing.TB, n int) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "customers.csv")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintln(w, "Customer ID,Card No,First Name,Last Name,E-mail,Mobile,DOB,City")
	firsts := []string{"Ana", "Ben", "Cleo", "Dan", "Eve", "Fay", "Gus", "Hana"}
	lasts := []string{"Silva", "Ng", "O'Brien", "Müller", "Smith", "\"Jones, Jr.\"", "Kowalski", "Tanaka"}
	cities := []string{"Porto", "Perth", "Lyon", "Auckland", "\"Washington, D.C.\"", "Köln"}
	for i := range n {
		date := fmt.Sprintf("19%02d-%02d-%02d", 40+i%60, 1+i%12, 1+i%28)
		switch {
		case i%1000 == 7:
			date = "04/03/2010"
		case i%100 == 3:
			date = fmt.Sprintf("%d/%d/19%02d", 13+i%15, 1+i%12, 40+i%60)
		}
		email := fmt.Sprintf("%s.%d@example.com", strings.ToLower(firsts[i%8]), i)
		if i%1000 == 11 {
			email = "nobody at example"
		}
		fmt.Fprintf(w, "C%07d,%010d,%s,%s,%s,+1 555 %07d,%s,%s\n",
			i, 4000000000+i, firsts[i%8], lasts[(i/8)%8], email, i, date, cities[i%6])
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return path
}

// BenchmarkReadMapValidate reads, maps and validates a 1,000,000-row,
// 8-column file:
//
//   - importer: as the wizard and the headless command do, the columns
//     recognised by name (seven languages, typos) and the date column's
//     order inferred from its values;
//   - importer-fixed-mapping: the same without recognition and inference
//     (the mapping given, the date order given), to measure what they add;
//   - baseline-encoding-csv-reuserecord: the plain strong way, encoding/csv
//     with ReuseRecord keeping each row's values, and every check Validate
//     makes (see baselineReadMapValidate; TestBaselineMakesTheSameChecks
//     holds it to the same verdicts, and each run checks it rejects the
//     importer's number of rows);
//   - added-by-recognition-and-inference: the share recognition and date
//     inference add, from paired runs on one table (see benchAdded).
func BenchmarkReadMapValidate(b *testing.B) {
	const n = 1_000_000
	path := writeBenchFile(b, n)
	st, _ := os.Stat(path)
	run := func(name string, f func() int) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(st.Size())
			b.ReportAllocs()
			for b.Loop() {
				if got := f(); got != n {
					b.Fatalf("rows = %d", got)
				}
			}
		})
	}
	run("importer", func() int { return readMapValidate(b, path, nil).Counts().Rows })
	fixed, err := MappingOf([]string{"code", "card_number", "first_name", "last_name", "email", "phone", "custom_date", "city"})
	if err != nil {
		b.Fatal(err)
	}
	// The order the importer infers, so that both validations agree row
	// for row and differ only by recognition and inference.
	fixed.SetDateOrder(DMY)
	want := readMapValidate(b, path, nil).Counts()
	if got := readMapValidate(b, path, fixed).Counts(); got != want {
		b.Fatalf("fixed mapping %+v, recognised %+v: not the same work", got, want)
	}
	run("importer-fixed-mapping", func() int { return readMapValidate(b, path, fixed).Counts().Rows })
	run("baseline-encoding-csv-reuserecord", func() int {
		rows, rejected := baselineReadMapValidate(b, path)
		if rejected != want.Rejected {
			b.Fatalf("the baseline rejects %d rows, the importer %d: not the same checks", rejected, want.Rejected)
		}
		return rows
	})
	b.Run("added-by-recognition-and-inference", func(b *testing.B) { benchAdded(b, path, fixed) })
}

// benchAdded measures what recognising the columns and inferring the date
// order add to reading, mapping and validating. The two validations (the
// recognised mapping with the order inferred, the fixed mapping with the
// order given, which make the same plan) run in pairs on the same table,
// each from a collected heap, the one that goes first alternating: the
// machine is shared, and a burst of other work must not land on one side
// only. added-% is the median of the pairs' differences as a share of the
// median read plus fixed validation; added-best-% the same from each
// variant's fastest time.
func benchAdded(b *testing.B, path string, fixed *Mapping) {
	sample, err := SniffFile(path, 10)
	if err != nil {
		b.Fatal(err)
	}
	timed := func(f func()) time.Duration {
		runtime.GC()
		t := time.Now()
		f()
		return time.Since(t)
	}
	var reads, autos, plains, diffs []time.Duration
	for b.Loop() {
		var tbl *Table
		reads = append(reads, timed(func() {
			if tbl, err = ReadTable(context.Background(), File(path, sample.Format)); err != nil {
				b.Fatal(err)
			}
		}))
		recognised := func() {
			if _, err := Validate(tbl, AutoMap(tbl.Header(), tbl.Columns())); err != nil {
				b.Fatal(err)
			}
		}
		given := func() {
			if _, err := Validate(tbl, fixed); err != nil {
				b.Fatal(err)
			}
		}
		for k := range 4 {
			var auto, plain time.Duration
			if k%2 == 0 {
				plain, auto = timed(given), timed(recognised)
			} else {
				auto, plain = timed(recognised), timed(given)
			}
			autos, plains, diffs = append(autos, auto), append(plains, plain), append(diffs, auto-plain)
		}
	}
	ns := func(d time.Duration) float64 { return float64(d.Nanoseconds()) }
	median := func(ds []time.Duration) float64 { return ns(medianOf(ds)) }
	fastest := func(ds []time.Duration) float64 { return ns(slices.Min(ds)) }
	b.ReportMetric(median(reads), "read-ns")
	b.ReportMetric(median(plains), "validate-fixed-ns")
	b.ReportMetric(median(autos), "validate-recognised-ns")
	b.ReportMetric(100*median(diffs)/(median(reads)+median(plains)), "added-%")
	b.ReportMetric(100*(fastest(autos)-fastest(plains))/(fastest(reads)+fastest(plains)), "added-best-%")
}

func medianOf(ds []time.Duration) time.Duration {
	s := slices.Sorted(slices.Values(ds))
	return s[len(s)/2]
}

// readMapValidate reads the file and validates it under the mapping, or,
// when it is nil, the mapping recognised from the header.
func readMapValidate(tb testing.TB, path string, m *Mapping) *Plan {
	tb.Helper()
	sample, err := SniffFile(path, 10)
	if err != nil {
		tb.Fatal(err)
	}
	tbl, err := ReadTable(context.Background(), File(path, sample.Format))
	if err != nil {
		tb.Fatal(err)
	}
	if m == nil {
		m = AutoMap(tbl.Header(), tbl.Columns())
	}
	p, err := Validate(tbl, m)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// baselineReadMapValidate is the plain way: encoding/csv reusing its
// record, each row's values kept, and the checks Validate makes, on
// strings: the row's width against the header (trailing blank cells
// allowed), every mapped value trimmed, UTF-8, no line break, which of the
// batch format's delimiters (|, tab, comma) it holds, dates (the column's
// order inferred from the values only one order reads, the ambiguous ones
// checked after), e-mails, PINs, a row with nothing in a mapped column,
// rows of blank cells skipped, duplicate codes and card numbers in maps of strings (identical rows
// collapse, different ones are all rejected), identical rows without code
// or card number collapsed, and the delimiter fewest rows hold chosen for
// the wire. It returns the rows read and the rows rejected.
func baselineReadMapValidate(tb testing.TB, path string) (rows, rejectedRows int) {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReaderSize(f, 1<<20))
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		tb.Fatal(err)
	}
	header = slices.Clone(header)
	m := AutoMap(header, len(header))
	type mapped struct {
		col    int
		header string
	}
	var cols []mapped
	for i := range header {
		if h := m.Header(i); h != "" {
			cols = append(cols, mapped{i, h})
		}
	}
	codeAt, cardAt, dateAt := m.Column("code"), m.Column("card_number"), m.Column("custom_date")
	var (
		records                 [][]string
		rejected, collapsed     []bool
		wire                    [][3]bool // per row: holds |, tab, comma
		iso, dayOnly, monthOnly int
		waiting                 []int
	)
	value := func(rec []string, col int) string {
		if col < 0 || col >= len(rec) {
			return ""
		}
		return strings.TrimSpace(rec[col])
	}
	// first holds the first row of each value; more, the rows after it
	// that differ (rare), so that a value costs one map entry.
	type seen struct {
		first map[string]int
		more  map[string][]int
	}
	codes, cards, keyless := seen{map[string]int{}, map[string][]int{}}, seen{map[string]int{}, map[string][]int{}}, seen{map[string]int{}, map[string][]int{}}
	same := func(a, b int) bool { return slices.Equal(records[a], records[b]) }
	duplicate := func(s seen, key string, row int) {
		first, dup := s.first[key]
		switch {
		case !dup:
			s.first[key] = row
		case same(first, row) || slices.ContainsFunc(s.more[key], func(k int) bool { return same(k, row) }):
			collapsed[row] = true
		default:
			s.more[key] = append(s.more[key], row)
			rejected[first], rejected[row] = true, true
			for _, k := range s.more[key] {
				rejected[k] = true
			}
		}
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			tb.Fatal(err)
		}
		if !slices.ContainsFunc(rec, func(v string) bool { return strings.TrimSpace(v) != "" }) {
			continue // a row of blank cells is no row
		}
		row := len(records)
		records = append(records, slices.Clone(rec))
		rejected, collapsed, wire = append(rejected, false), append(collapsed, false), append(wire, [3]bool{})
		if len(rec) != len(header) && (len(rec) < len(header) || strings.TrimSpace(strings.Join(rec[len(header):], "")) != "") {
			rejected[row] = true
			continue
		}
		filled := false
		for _, c := range cols {
			v := strings.TrimSpace(rec[c.col])
			if v == "" {
				continue
			}
			filled = true
			if !utf8.ValidString(v) || strings.ContainsAny(v, "\r\n") {
				rejected[row] = true
			}
			wire[row] = [3]bool{strings.Contains(v, "|") || wire[row][0], strings.Contains(v, "\t") || wire[row][1], strings.Contains(v, ",") || wire[row][2]}
			switch c.header {
			case "custom_date":
				if apiclient.IsISODate(v) {
					iso++
					continue
				}
				a, b, ok := dayMonthPair([]byte(v))
				if ok && a != b && a <= 12 && b <= 12 {
					waiting = append(waiting, row)
					continue
				}
				if ok && a > 12 && b <= 12 {
					dayOnly++
				} else if ok && b > 12 && a <= 12 {
					monthOnly++
				}
				if verdict, _, _ := checkDate([]byte(v)); verdict != dateConverted {
					rejected[row] = true
				}
			case "email":
				if !emailShape([]byte(v)) {
					rejected[row] = true
				}
			case "customer_PIN":
				if !allDigits([]byte(v)) {
					rejected[row] = true
				}
			case "code":
				duplicate(codes, v, row)
			case "card_number":
				duplicate(cards, v, row)
			}
		}
		if !filled {
			rejected[row] = true
		}
		if value(rec, codeAt) == "" && value(rec, cardAt) == "" {
			duplicate(keyless, strings.Join(rec, "\x00"), row)
		}
	}
	order := DateAuto
	switch {
	case dayOnly > 0 && monthOnly == 0:
		order = DMY
	case monthOnly > 0 && dayOnly == 0:
		order = MDY
	case iso > 0 && len(waiting) == 0:
		order = YMD
	}
	for _, i := range waiting {
		if verdict, _, _ := checkDateIn([]byte(value(records[i], dateAt)), order); verdict != dateConverted {
			rejected[i] = true
		}
	}
	var holding [3]int
	for i, w := range wire {
		for k := range w {
			if w[k] && !rejected[i] {
				holding[k]++
			}
		}
	}
	fewest := 0
	for k := range holding {
		if holding[k] < holding[fewest] {
			fewest = k
		}
	}
	for i, w := range wire {
		if w[fewest] {
			rejected[i] = true
		}
	}
	for i := range rejected {
		if rejected[i] && !collapsed[i] {
			rejectedRows++
		}
	}
	return len(records), rejectedRows
}

// The baseline makes the importer's checks: on a file with every kind of
// problem, it rejects the same number of rows.
func TestBaselineMakesTheSameChecks(t *testing.T) {
	path := writeFile(t, "mess.csv", "Customer ID,Card No,First Name,Last Name,E-mail,PIN,DOB,City\n"+
		"C1,100,Ana,Silva,ana@example.com,1234,1970-07-14,Porto\n"+
		"C2,101,Ben,Ng,not an address,1234,14/07/1970,Perth\n"+ // bad e-mail
		"C3,102,Cleo,Ray,,12a4,,Lyon\n"+ // bad PIN
		"C4,103,Dan,Fox,,,03/02/1985,Köln\n"+ // read day-first
		"C5,104,Eve,Lee,,,1990-02-30,Nice\n"+ // no such day
		"C6,105,Fay,Kim,,,,Oslo,extra\n"+ // too wide
		"C7,106,Gus,Moe,,,,Rome,\n"+ // a trailing blank cell
		"C8,107,Hana\n"+ // too narrow
		"C9,108,Ivo,Ban,,,,\"Lisbon\nNorth\"\n"+ // a line break
		"C10,109,Jo,Poe,,,,Bern|Zug\n"+ // a pipe: the wire is tab
		"C1,110,Ana,Other,,,,Porto\n"+ // C1 twice, different
		"C11,111,Kai,Yu,,,,Riga\n"+
		"C11,111,Kai,Yu,,,,Riga\n"+ // identical: collapses
		",,Lu,Wu,,,,Graz\n"+
		",,Lu,Wu,,,,Graz\n"+ // identical, keyless: collapses
		",,,,,,,\n"+ // blank: skipped
		",,,,,,, \n") // blank too
	plan := readMapValidate(t, path, nil)
	rows, rejected := baselineReadMapValidate(t, path)
	c := plan.Counts()
	require.Equal(t, 8, c.Rejected, "%v", plan.Problems())
	require.Equal(t, c.Rejected, rejected, "%v", plan.Problems())
	require.Equal(t, c.Rows, rows)
}

// BenchmarkPreview loads 100,000 existing customers from a report stream
// and previews 100,000 rows against them (half matched by code, a quarter
// by card number, a quarter new) in all three modes, with the field diff of
// every matched row.
func BenchmarkPreview(b *testing.B) {
	const n = 100_000
	customers := make([]apiclient.Customer, n)
	for i := range customers {
		customers[i] = apiclient.Customer{
			Code: fmt.Sprintf("C%07d", i), CardNumber: fmt.Sprintf("%010d", 4000000000+i),
			FirstName: "Ana", LastName: "Silva", Email: fmt.Sprintf("ana.%d@example.com", i), City: "Porto",
		}
	}
	report := func(_ context.Context, _ apiclient.ReportFilter, fn func(apiclient.Customer) error) error {
		for _, c := range customers {
			if err := fn(c); err != nil {
				return err
			}
		}
		return nil
	}
	var sb strings.Builder
	sb.WriteString("code,card,first name,last name,email,city\n")
	for i := range n {
		code, card := fmt.Sprintf("C%07d", i), fmt.Sprintf("%010d", 4000000000+i)
		switch i % 4 {
		case 2:
			code = ""
		case 3:
			code, card = fmt.Sprintf("N%07d", i), fmt.Sprintf("%010d", 5000000000+i)
		}
		fmt.Fprintf(&sb, "%s,%s,Anabela,Silva,ana.%d@example.com,Lisboa\n", code, card, i)
	}
	path := filepath.Join(b.TempDir(), "rows.csv")
	if err := os.WriteFile(path, []byte(sb.String()), 0o600); err != nil {
		b.Fatal(err)
	}
	j := prepareBench(b, path)
	modes := []apiclient.DuplicateMode{apiclient.Overwrite, apiclient.Update, apiclient.Ignore}
	b.ReportAllocs()
	for b.Loop() {
		ex, err := LoadExisting(context.Background(), report, nil)
		if err != nil {
			b.Fatal(err)
		}
		pv := j.Preview(ex)
		for _, m := range modes {
			if c := pv.Counts(m); c.New != n/4 {
				b.Fatalf("%s: new = %d", m, c.New)
			}
			for i := range pv.Matched() {
				pv.Diff(m, i)
			}
		}
	}
}

func prepareBench(b *testing.B, path string) *Job {
	tbl, err := ReadTable(context.Background(), File(path, Format{Delimiter: ',', Header: true}))
	if err != nil {
		b.Fatal(err)
	}
	p, err := Validate(tbl, AutoMap(tbl.Header(), tbl.Columns()))
	if err != nil {
		b.Fatal(err)
	}
	j, err := p.Prepare(Options{Mode: apiclient.Update, Campaigns: []string{"1"}})
	if err != nil {
		b.Fatal(err)
	}
	return j
}

// BenchmarkInferenceAlone times the work recognition and date inference
// add per file: recognising the header and observing every value of the
// 1,000,000-row date column (trimming it and telling YYYY-MM-DD the
// validation does anyway). Its ns/op, beside
// BenchmarkReadMapValidate's, bounds what they add without the noise of
// timing two whole validations on a shared machine.
func BenchmarkInferenceAlone(b *testing.B) {
	path := writeBenchFile(b, 1_000_000)
	sample, err := SniffFile(path, 10)
	if err != nil {
		b.Fatal(err)
	}
	tbl, err := ReadTable(context.Background(), File(path, sample.Format))
	if err != nil {
		b.Fatal(err)
	}
	col := AutoMap(tbl.Header(), tbl.Columns()).Column("custom_date")
	values, iso := make([][]byte, tbl.Len()), make([]bool, tbl.Len())
	for i := range values {
		values[i] = trimmed(tbl.field(i, col))
		iso[i] = isISODate(values[i])
	}
	b.ReportAllocs()
	for b.Loop() {
		AutoMap(tbl.Header(), tbl.Columns())
		d := &dateInference{}
		for i := range tbl.Len() {
			// The validator has the value trimmed and knows whether it is
			// YYYY-MM-DD; what inference adds is observing it.
			if iso[i] {
				d.iso(values[i])
			} else {
				d.observe(i, values[i])
			}
		}
		if dc := d.column(col); dc.Order != DMY {
			b.Fatalf("order %v", dc.Order)
		}
	}
}
