package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"loyaltydesk/config"
	"loyaltydesk/importer"
	"loyaltydesk/ui"
)

// The headless commands (import, sync) run the import wizard's pipeline
// without the TUI, for cron. They exit 0 when everything was imported, 1 on
// a failure and exitRejected when the import went through but rows were
// rejected.
const exitRejected = 2

// maxProblemsShown bounds the problems printed; the rejected file has all.
const maxProblemsShown = 10

func importCommand(args []string, stdout, stderr io.Writer) error {
	ctx, stop := untilInterrupted()
	defer stop()
	return runImport(ctx, args, newCmdIO(stdout, stderr))
}

// importFlags are the command line of `loyaltydesk import`.
type importFlags struct {
	upload       *uploadFlags
	profile      *config.Flags
	maps         stringList
	delimiter    string
	header       bool
	noHeader     bool
	resume       bool
	discard      bool
	demo         bool
	file         string
	sheet        string
	dateOrder    string
	skipUnknown  bool
	allowRenames bool
	rejected     string
}

func parseImportFlags(args []string, out io.Writer) (*importFlags, error) {
	fs := newFlagSet("import FILE", "Import customers from a CSV (or semicolon, tab or pipe separated) file without the app, for cron", out)
	f := &importFlags{upload: addUploadFlags(fs, ""), profile: config.RegisterFlags(fs)}
	fs.Var(&f.maps, "map", "send a column to a customer field, `column=field` (the column by its header or 1-based number; field skip leaves it out); repeat for more")
	fs.StringVar(&f.delimiter, "delimiter", "auto", "column `delimiter`: auto, comma, semicolon, tab or pipe")
	fs.BoolVar(&f.header, "header", false, "the first row names the columns (default: detected)")
	fs.BoolVar(&f.noHeader, "no-header", false, "the first row is data, not column names")
	fs.BoolVar(&f.resume, "resume", false, "finish an interrupted import of FILE with the choices it started with")
	fs.BoolVar(&f.discard, "discard", false, "drop an interrupted import of FILE, then import the file afresh")
	fs.BoolVar(&f.demo, "demo", false, "import into the demo account of a built-in fake server (to try it)")
	fs.StringVar(&f.sheet, "sheet", "", "the `sheet` of an Excel workbook to read (default: the first)")
	fs.StringVar(&f.dateOrder, "date-order", "auto", "how dates like 03/02/1985 are read: dmy, mdy, ymd or auto (inferred per column from values only one order can read)")
	fs.BoolVar(&f.skipUnknown, "skip-unknown", false, "import even when the columns that name or identify a customer were not recognised (they are skipped)")
	fs.StringVar(&f.rejected, "rejected", "", "write the rejected rows to `PATH` (default: FILE.rejected.csv next to the file)")
	fs.BoolVar(&f.allowRenames, "allow-renames", false, "import rows that would give an existing customer clearly different first and last names (default: set aside)")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return nil, err
	}
	switch {
	case len(rest) == 0:
		return nil, errors.New("name the file to import: loyaltydesk import FILE --mode update --campaigns ID")
	case len(rest) > 1:
		return nil, fmt.Errorf("import takes one file, not %d (%s)", len(rest), strings.Join(rest, " "))
	case f.header && f.noHeader:
		return nil, errors.New("--header and --no-header contradict each other: give one")
	case f.resume && f.discard:
		return nil, errors.New("--resume and --discard contradict each other: give one")
	}
	f.file = rest[0]
	if _, err := f.format(importer.Format{}); err != nil {
		return nil, err
	}
	if _, err := importer.ParseDateOrder(f.dateOrder); err != nil {
		return nil, err
	}
	return f, f.upload.check(f.resume)
}

// format applies --delimiter, --header and --no-header to the detected
// format.
func (f *importFlags) format(detected importer.Format) (importer.Format, error) {
	if detected.Workbook {
		detected.Sheet = f.sheet
	} else if f.sheet != "" && detected.Delimiter != 0 {
		return detected, fmt.Errorf("--sheet %q: only an Excel workbook has sheets, and this is a text file", f.sheet)
	}
	switch strings.ToLower(strings.TrimSpace(f.delimiter)) {
	case "", "auto":
	case "comma", ",":
		detected.Delimiter = ','
	case "semicolon", ";":
		detected.Delimiter = ';'
	case "tab", `\t`, "\t":
		detected.Delimiter = '\t'
	case "pipe", "|":
		detected.Delimiter = '|'
	default:
		return detected, fmt.Errorf("--delimiter %q: use auto, comma, semicolon, tab or pipe", f.delimiter)
	}
	if f.header {
		detected.Header = true
	}
	if f.noHeader {
		detected.Header = false
	}
	return detected, nil
}

func runImport(ctx context.Context, args []string, c *cmdIO) error {
	c = c.printable()
	f, err := parseImportFlags(args, c.out)
	if err != nil {
		return err
	}
	if err := checkImportFile(f.file); err != nil {
		return err
	}
	t, err := openTarget(ctx, f.demo, f.profile, c)
	if err != nil {
		return err
	}
	defer t.Close()
	unlock, err := importer.LockSource(t.stateDir, f.file)
	if err != nil {
		return err
	}
	defer unlock()
	if err := checkRejectedPath(f.rejectedPath(), f.file, f.rejected != ""); err != nil {
		return err
	}
	r := &importRun{f: f, t: t, c: c, name: filepath.Base(f.file), labels: fieldLabels(ctx, t)}
	job, err := r.job(ctx)
	if err != nil {
		return err
	}
	res, sent, err := t.send(ctx, job, sendSpec{
		flags: f.upload, rejectedPath: f.rejectedPath(),
		again:           "run the same command again (or add --resume)",
		setAsideRenames: !f.allowRenames, labels: r.labels,
	}, c)
	if sent {
		r.remember(job)
	}
	if err != nil {
		return err
	}
	return rejectedError(res)
}

// remember saves the mapping an import was sent with for the next file
// with the same columns.
func (r *importRun) remember(job *importer.Job) {
	t := job.Plan().Table()
	if err := importer.Remember(r.t.stateDir, t.Header(), job.Plan().Mapping()); err != nil {
		r.c.warn("the mapping could not be remembered for next time: %s", err)
	}
}

func checkImportFile(path string) error {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: no such file", path)
	case err != nil:
		return fmt.Errorf("cannot open %s: %w", path, unwrapPath(err))
	case info.IsDir():
		return fmt.Errorf("%s is a folder: name the file to import", path)
	}
	return nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// importRun builds the job of one import: afresh from the file, or the
// interrupted import of the same file.
type importRun struct {
	f      *importFlags
	t      *target
	c      *cmdIO
	name   string
	labels importer.Labels // the merchant's field labels
}

func (r *importRun) job(ctx context.Context) (*importer.Job, error) {
	pending, err := r.interrupted()
	if err != nil {
		return nil, err
	}
	if r.f.discard {
		if err := r.discard(pending); err != nil {
			return nil, err
		}
		pending = nil
	}
	if r.f.resume {
		if len(pending) > 0 {
			return r.resume(ctx, pending[0])
		}
		r.c.say("There is no interrupted import of %s to resume: importing it now.", r.name)
		if err := r.f.upload.check(false); err != nil {
			return nil, err
		}
	}
	job, err := r.fresh(ctx)
	if err != nil {
		return nil, err
	}
	return r.settle(ctx, job, pending)
}

// interrupted lists the unfinished imports of this file, newest first.
func (r *importRun) interrupted() ([]importer.Resumable, error) {
	abs, err := filepath.Abs(r.f.file)
	if err != nil {
		return nil, err
	}
	all, err := importer.FindResumable(r.t.stateDir)
	if err != nil {
		return nil, fmt.Errorf("cannot look for interrupted imports: %w", err)
	}
	var out []importer.Resumable
	for _, p := range all {
		if p.Path == abs {
			out = append(out, p)
		}
	}
	return out, nil
}

func (r *importRun) discard(pending []importer.Resumable) error {
	for _, p := range pending {
		if err := importer.Discard(p); err != nil {
			return fmt.Errorf("cannot discard the interrupted import of %s: %w", r.name, err)
		}
		r.c.say("Discarded the interrupted import of %s (%s); its unsent rows are not sent.", r.name, describeResumable(p))
	}
	return nil
}

func (r *importRun) resume(ctx context.Context, p importer.Resumable) (*importer.Job, error) {
	job, err := importer.Resume(ctx, p)
	switch {
	case errors.Is(err, importer.ErrSourceChanged):
		return nil, fmt.Errorf("%s changed since its import stopped, so that import cannot be finished: "+
			"run with --discard to drop it and import the file as it is now", r.name)
	case err != nil:
		return nil, err
	}
	r.c.say("Resuming the import of %s with the choices it started with (%s).", r.name, describeResumable(p))
	printChecks(r.c.out, job.Plan(), !job.Options().RejectFixable, lineOf(job.Plan().Table()))
	return job, nil
}

// settle deals with interrupted imports of the same file before job starts.
func (r *importRun) settle(ctx context.Context, job *importer.Job, pending []importer.Resumable) (*importer.Job, error) {
	if len(pending) == 0 {
		return job, nil
	}
	for _, p := range pending {
		if p.ID == job.ID() {
			r.c.say("Continuing the interrupted import of %s (%s).", r.name, describeResumable(p))
			return job, nil
		}
	}
	what := fmt.Sprintf("%s has an interrupted import with other choices (%s)", r.name, describeResumable(pending[0]))
	if !r.c.interactive {
		return nil, fmt.Errorf("%s: run again with --resume to finish it, or with --discard to drop it and import with the choices given now", what)
	}
	switch r.c.ask(what + ".\nResume it [r], discard it and import with the choices given now [d], or quit [q]?") {
	case "r":
		return r.resume(ctx, pending[0])
	case "d":
		return job, r.discard(pending)
	}
	return nil, errors.New("nothing was imported")
}

func describeResumable(p importer.Resumable) string {
	const when = "2006-01-02 15:04"
	s := fmt.Sprintf("mode %s, campaigns %s; %d of %d rows sent", modeName(p.Options.Mode), strings.Join(p.Options.Campaigns, ","), p.RowsDone, p.Rows)
	if !p.Started.IsZero() {
		s += "; started " + p.Started.Local().Format(when)
	}
	s += "; last activity " + p.Updated.Local().Format(when)
	if p.LastError != "" {
		s += "; it stopped on: " + ui.Sanitize(p.LastError)
	}
	return s
}

func (r *importRun) fresh(ctx context.Context) (*importer.Job, error) {
	opts, err := r.f.upload.options(r.t.chunk)
	if err != nil {
		return nil, err
	}
	table, err := r.readTable(ctx)
	if err != nil {
		return nil, err
	}
	mapping, err := r.mapping(table)
	if err != nil {
		return nil, err
	}
	plan, err := importer.Validate(table, mapping)
	if errors.Is(err, importer.ErrNothingMapped) {
		return nil, nothingMappedError(table)
	}
	if err != nil {
		return nil, err
	}
	printChecks(r.c.out, plan, !opts.RejectFixable, lineOf(table))
	job, err := plan.Prepare(opts)
	if errors.Is(err, importer.ErrNothingToSend) {
		return nil, nothingToSend(plan, r.f.rejectedPath(), opts.RejectFixable)
	}
	return job, err
}

func (r *importRun) readTable(ctx context.Context) (*importer.Table, error) {
	sample, err := importer.SniffFile(r.f.file, 1)
	if err != nil {
		return nil, err
	}
	format, err := r.f.format(sample.Format)
	if err != nil {
		return nil, err
	}
	if format.Workbook && strings.ToLower(r.f.delimiter) != "auto" {
		r.c.warn("--delimiter is for text files; %s is an Excel workbook", r.name)
	}
	table, err := importer.ReadTable(ctx, importer.File(r.f.file, format))
	if err != nil {
		return nil, err
	}
	if table.Len() == 0 {
		return nil, fmt.Errorf("%s has no rows to import", r.name)
	}
	r.c.say("Read %s: %s (%s).", r.name, count(table.Len(), "row"), describeFormat(format))
	return table, nil
}

func describeFormat(f importer.Format) string {
	header := "no header row"
	if f.Header {
		header = "the first row names the columns"
	}
	if f.Workbook {
		sheet := "the first sheet"
		if f.Sheet != "" {
			sheet = fmt.Sprintf("sheet %q", ui.Sanitize(f.Sheet))
		}
		return fmt.Sprintf("Excel workbook, %s, %s", sheet, header)
	}
	return fmt.Sprintf("%s-separated, %s, %s", importer.DelimiterName(f.Delimiter), header, f.Charset)
}

func (r *importRun) mapping(t *importer.Table) (*importer.Mapping, error) {
	rec := importer.NewRecognizer(r.labels)
	m := rec.AutoMap(t.Header(), t.Columns())
	remembered, err := importer.Recall(r.t.stateDir, t.Header(), t.Columns())
	if err != nil {
		r.c.warn("%s", err)
	}
	if remembered != nil {
		m = remembered
		r.c.say("Using the mapping remembered for these columns (--map changes it).")
	}
	for _, spec := range r.f.maps {
		if err := m.ApplySpec(t.Header(), spec); err != nil {
			return nil, err
		}
	}
	if order, _ := importer.ParseDateOrder(r.f.dateOrder); order != importer.DateAuto || remembered == nil {
		m.SetDateOrder(order) // checked with the flags
	}
	r.c.say("Columns: %s.", describeMapping(t, m, r.labels))
	unknown := rec.Unrecognised(t.Header(), m)
	if len(unknown) == 0 || m.Mapped() == 0 {
		return m, nil
	}
	r.c.say("Not recognised, skipped: %s.", describeUnknown(unknown, r.labels))
	named, identified := m.Identifies()
	if (named && identified) || r.f.skipUnknown {
		return m, nil
	}
	return nil, unrecognisedError(unknown, named, identified, r.labels)
}

// describeUnknown lists unrecognised columns with the field proposed.
func describeUnknown(unknown []importer.Unknown, labels importer.Labels) string {
	parts := make([]string, len(unknown))
	for i, u := range unknown {
		parts[i] = fmt.Sprintf("%q", ui.Sanitize(u.Name))
		if u.Nearest != "" {
			parts[i] += " (" + labels.Of(u.Nearest) + "?)"
		}
	}
	return strings.Join(parts, ", ")
}

// unrecognisedError refuses a file whose columns that name or identify a
// customer were not recognised: imported as it is, it would make customers
// holding little more than a postal code.
func unrecognisedError(unknown []importer.Unknown, named, identified bool, labels importer.Labels) error {
	var missing []string
	if !named {
		missing = append(missing, "a first or last name")
	}
	if !identified {
		missing = append(missing, "a customer code, card number, email or phone")
	}
	example := fmt.Sprintf("%s=%s", ui.Sanitize(unknown[0].Name), "first_name")
	for _, u := range unknown {
		if u.Nearest != "" {
			example = fmt.Sprintf("%s=%s", ui.Sanitize(u.Name), u.Nearest)
			break
		}
	}
	return fmt.Errorf("no column was recognised as %s, and these were not recognised: %s. "+
		"Nothing was imported: map them with --map, e.g. --map %q, or add --skip-unknown to import without them",
		strings.Join(missing, " nor "), describeUnknown(unknown, labels), example)
}

func describeMapping(t *importer.Table, m *importer.Mapping, labels importer.Labels) string {
	parts := make([]string, 0, m.Columns())
	for col := range m.Columns() {
		name := ui.Sanitize(t.ColumnName(col))
		if h := m.Header(col); h != "" {
			parts = append(parts, name+" → "+labels.Of(h))
		} else {
			parts = append(parts, name+" (skipped)")
		}
	}
	return strings.Join(parts, ", ")
}

func nothingMappedError(t *importer.Table) error {
	if len(t.Header()) == 0 {
		return errors.New("no column is mapped to a customer field: the file has no header row, so name the columns " +
			"with --map, e.g. --map 1=code --map 2=first_name (or add --header if the first row names them)")
	}
	names := make([]string, len(t.Header()))
	for i, h := range t.Header() {
		names[i] = ui.Sanitize(h)
	}
	return fmt.Errorf("none of the columns (%s) is a known customer field: map them with --map, e.g. --map %q",
		strings.Join(names, ", "), names[0]+"=code")
}

// nothingToSend writes the rejected file of a plan whose every row is
// rejected.
func nothingToSend(plan *importer.Plan, path string, rejectFixable bool) error {
	if err := plan.WriteRejected(path, rejectFixable); err != nil {
		return fmt.Errorf("nothing to import: every row was rejected, and the rejected rows could not be written: %w", err)
	}
	return &exitError{code: exitRejected, err: fmt.Errorf(
		"nothing to import: every row was rejected (%s); they are in %s with the reasons", count(plan.Counts().Rows-plan.Counts().Collapsed, "row"), path)}
}

// rowLabel names the row of a problem for people.
type rowLabel func(pr importer.Problem) string

func lineOf(t *importer.Table) rowLabel {
	return func(pr importer.Problem) string { return fmt.Sprintf("line %d", pr.Line) }
}

// dateOrderText says how the dates of the plan were read, when it matters.
func dateOrderText(p *importer.Plan) string {
	d := p.Dates()
	if d.Column < 0 {
		return ""
	}
	col := ui.Sanitize(p.Table().ColumnName(d.Column))
	switch {
	case d.Conflict != "":
		return fmt.Sprintf("%s: the order of day and month is unclear (%s): dates like 03/02/1985 are rejected; --date-order dmy or mdy decides.",
			col, ui.Sanitize(d.Conflict))
	case d.Inferred && (d.Order == importer.DMY || d.Order == importer.MDY):
		return fmt.Sprintf("%s: dates read %s (%s can only be %s; --date-order changes it).", col, d.Order, ui.Sanitize(d.Example), d.Order)
	case !d.Inferred && d.Order != importer.DateAuto:
		return fmt.Sprintf("%s: dates read %s (--date-order).", col, d.Order)
	}
	return ""
}

// printChecks prints the validation counts and the first problems.
func printChecks(w io.Writer, p *importer.Plan, fixDates bool, where rowLabel) {
	n := p.Counts()
	line := fmt.Sprintf("Checked %s: %d valid", count(n.Rows, "row"), n.Valid)
	switch {
	case n.Fixable > 0 && fixDates:
		line += fmt.Sprintf(", %d sent with dates converted to YYYY-MM-DD", n.Fixable)
	case n.Fixable > 0:
		line += fmt.Sprintf(", %d rejected for a date --fix-dates would convert to YYYY-MM-DD", n.Fixable)
	}
	line += fmt.Sprintf(", %d rejected", n.Rejected)
	if n.Collapsed > 0 {
		line += fmt.Sprintf("; %s identical to an earlier row, imported once", count(n.Collapsed, "row"))
	}
	fmt.Fprintf(w, "%s.\n", line)
	if d := dateOrderText(p); d != "" {
		fmt.Fprintln(w, d)
	}
	problems := p.Problems()
	for _, pr := range problems[:min(len(problems), maxProblemsShown)] {
		fmt.Fprintln(w, "  "+problemText(p.Table(), pr, fixDates, where))
	}
	if len(problems) > maxProblemsShown {
		fmt.Fprintf(w, "  … and %d more problems; every rejected row goes to the rejected file with its reason.\n", len(problems)-maxProblemsShown)
	}
}

func problemText(t *importer.Table, pr importer.Problem, fixDates bool, where rowLabel) string {
	at := where(pr)
	if pr.Column >= 0 {
		at += ", " + t.ColumnName(pr.Column)
	}
	if pr.Value != "" {
		at += fmt.Sprintf(" %q", pr.Value)
	}
	reason := pr.Reason
	if pr.Status == importer.Fixable {
		reason = "is sent as " + pr.Fix
		if !fixDates {
			reason = "could be sent as " + pr.Fix + ": rejected (--fix-dates converts dates like it)"
		}
	}
	return ui.Sanitize(at + ": " + reason)
}

// fieldLabels are the merchant's names for the customer fields; without
// them (an account that does not list its fields) the plain-word ones are
// used.
func fieldLabels(ctx context.Context, t *target) importer.Labels {
	defs, err := t.api.CustomerFields(ctx)
	if err != nil {
		t.log.Info("customer field labels not read; plain names used", "err", err)
		return nil
	}
	return importer.LabelsFrom(defs)
}
