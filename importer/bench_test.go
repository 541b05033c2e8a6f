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
//     with ReuseRecord keeping each row's values, the same checks (date
//     order inferred, dates, e-mails, duplicate codes and card numbers in
//     maps).
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
	fixed.SetDateOrder(YMD)
	run("importer-fixed-mapping", func() int { return readMapValidate(b, path, fixed).Counts().Rows })
	run("baseline-encoding-csv-reuserecord", func() int { return baselineReadMapValidate(b, path) })
	b.Run("added-by-recognition-and-inference", func(b *testing.B) { benchAdded(b, path, fixed) })
}

// benchAdded measures what recognising the columns and inferring the date
// order add to reading, mapping and validating. The two validations (the
// recognised mapping with the order inferred, the fixed mapping with the
// order given) take turns on the same table, each from a collected heap,
// and each variant's fastest time counts: the machine is shared, and a
// burst of other work must not land on one side only. The added time is
// reported as a share of the fastest read plus validation.
func benchAdded(b *testing.B, path string, fixed *Mapping) {
	sample, err := SniffFile(path, 10)
	if err != nil {
		b.Fatal(err)
	}
	fastest := func(best *time.Duration, f func()) {
		runtime.GC()
		t := time.Now()
		f()
		if d := time.Since(t); *best == 0 || d < *best {
			*best = d
		}
	}
	var read, auto, plain time.Duration
	for b.Loop() {
		var tbl *Table
		fastest(&read, func() {
			if tbl, err = ReadTable(context.Background(), File(path, sample.Format)); err != nil {
				b.Fatal(err)
			}
		})
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
		for range 3 {
			fastest(&plain, given)
			fastest(&auto, recognised)
		}
	}
	ns := func(d time.Duration) float64 { return float64(d.Nanoseconds()) }
	b.ReportMetric(ns(read), "read-ns")
	b.ReportMetric(ns(auto), "validate-recognised-ns")
	b.ReportMetric(ns(plain), "validate-fixed-ns")
	b.ReportMetric(100*(ns(auto)-ns(plain))/(ns(read)+ns(plain)), "added-%")
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
// record, each row's values kept, the same checks on strings (the date
// column's order inferred first from the values only one order reads,
// ambiguous ones checked after), duplicates in maps of strings.
func baselineReadMapValidate(tb testing.TB, path string) int {
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
	at := map[string]int{}
	for i := range header {
		if h := m.Header(i); h != "" {
			at[h] = i
		}
	}
	var rows [][]string
	var bad, dayFirst, monthFirst int
	var waiting []int
	codes, cards := map[string]int{}, map[string]int{}
	get := func(rec []string, h string) string {
		if i, ok := at[h]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			tb.Fatal(err)
		}
		rows = append(rows, slices.Clone(rec))
		if d := get(rec, "custom_date"); d != "" && !apiclient.IsISODate(d) {
			if a, b, ok := dayMonthPair([]byte(d)); ok && a != b && a <= 12 && b <= 12 {
				waiting = append(waiting, len(rows)-1)
			} else {
				if ok && a > 12 {
					dayFirst++
				} else if ok && b > 12 {
					monthFirst++
				}
				if v, _, _ := checkDate([]byte(d)); v != dateConverted {
					bad++
				}
			}
		}
		if e := get(rec, "email"); e != "" && !emailShape([]byte(e)) {
			bad++
		}
		code, card := get(rec, "code"), get(rec, "card_number")
		if _, dup := codes[code]; dup {
			bad++
		}
		codes[code] = len(rows)
		if _, dup := cards[card]; dup {
			bad++
		}
		cards[card] = len(rows)
	}
	order := DateAuto
	switch {
	case dayFirst > 0 && monthFirst == 0:
		order = DMY
	case monthFirst > 0 && dayFirst == 0:
		order = MDY
	}
	for _, i := range waiting {
		if v, _, _ := checkDateIn([]byte(get(rows[i], "custom_date")), order); v != dateConverted {
			bad++
		}
	}
	_ = bad
	return len(rows)
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
