package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"loyaltydesk/apiclient"
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
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return runImport(ctx, args, newCmdIO(stdout, stderr))
}

// importFlags are the command line of `loyaltydesk import`.
type importFlags struct {
	upload    *uploadFlags
	profile   *config.Flags
	maps      stringList
	delimiter string
	header    bool
	noHeader  bool
	resume    bool
	discard   bool
	demo      bool
	file      string
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
	return f, f.upload.check(f.resume)
}

// format applies --delimiter, --header and --no-header to the detected
// format.
func (f *importFlags) format(detected importer.Format) (importer.Format, error) {
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
	r := &importRun{f: f, t: t, c: c, name: filepath.Base(f.file)}
	job, err := r.job(ctx)
	if err != nil {
		return err
	}
	res, _, err := t.send(ctx, job, sendSpec{
		flags: f.upload, rejectedPath: importer.RejectedPath(f.file),
		again: "run the same command again (or add --resume)",
	}, c)
	if err != nil {
		return err
	}
	return rejectedError(res)
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
	f    *importFlags
	t    *target
	c    *cmdIO
	name string
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
		return nil, nothingToSend(plan, importer.RejectedPath(r.f.file), opts.RejectFixable)
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
	return fmt.Sprintf("%s-separated, %s, %s", importer.DelimiterName(f.Delimiter), header, f.Charset)
}

func (r *importRun) mapping(t *importer.Table) (*importer.Mapping, error) {
	m := importer.AutoMap(t.Header(), t.Columns())
	for _, spec := range r.f.maps {
		if err := m.ApplySpec(t.Header(), spec); err != nil {
			return nil, err
		}
	}
	r.c.say("Columns: %s.", describeMapping(t, m))
	return m, nil
}

func describeMapping(t *importer.Table, m *importer.Mapping) string {
	parts := make([]string, 0, m.Columns())
	for col := range m.Columns() {
		name := ui.Sanitize(t.ColumnName(col))
		if h := m.Header(col); h != "" {
			parts = append(parts, name+" → "+h)
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
		"nothing to import: every row was rejected (%s); they are in %s with the reasons", count(plan.Counts().Rows, "row"), path)}
}

// rowLabel names the row of a problem for people.
type rowLabel func(pr importer.Problem) string

func lineOf(t *importer.Table) rowLabel {
	return func(pr importer.Problem) string { return fmt.Sprintf("line %d", pr.Line) }
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
	fmt.Fprintf(w, "%s, %d rejected.\n", line, n.Rejected)
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

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, " ") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

// parseInterspersed parses flags wherever they stand among the arguments
// (`import FILE --yes` as well as `import --yes FILE`) and returns the
// other arguments in order. Everything after "--" is an argument.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(positional, rest...), nil
		}
		if len(rest) == 0 {
			return positional, nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// cmdIO is a headless command's terminal.
type cmdIO struct {
	in     *bufio.Reader
	out    io.Writer
	errOut io.Writer
	// interactive tells that a person can answer on stdin, so the command
	// asks instead of refusing.
	interactive bool
	// retryDelay is the first wait before a chunk is sent again (0: the
	// importer's default); tests shorten it.
	retryDelay time.Duration
}

func newCmdIO(stdout, stderr io.Writer) *cmdIO {
	return &cmdIO{in: bufio.NewReader(os.Stdin), out: stdout, errOut: stderr, interactive: isTerminal(os.Stdin)}
}

func (c *cmdIO) say(format string, args ...any) { fmt.Fprintf(c.out, format+"\n", args...) }

func (c *cmdIO) warn(format string, args ...any) {
	fmt.Fprintf(c.errOut, "warning: "+format+"\n", args...)
}

// isTerminal tells a terminal from a pipe, a file or /dev/null (which cron
// gives its jobs, and which is a character device too).
func isTerminal(f *os.File) bool {
	info, err := f.Stat()
	if err != nil || info.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	null, err := os.Stat(os.DevNull)
	return err != nil || !os.SameFile(info, null)
}

// ask prints the question and returns the first letter of the answer in
// lower case ("" for none).
func (c *cmdIO) ask(question string) string {
	fmt.Fprint(c.out, question+" ")
	line, err := c.in.ReadString('\n')
	if err != nil {
		fmt.Fprintln(c.out)
	}
	line = strings.ToLower(strings.TrimSpace(line))
	if line == "" {
		return ""
	}
	return line[:1]
}

// confirm asks before writing; without a terminal only --yes lets it go on.
func (c *cmdIO) confirm(yes bool, question string) error {
	if yes {
		return nil
	}
	if !c.interactive {
		return errors.New("nothing was imported: stdin is not a terminal, so nobody can confirm; add --yes to import without asking")
	}
	if c.ask(question+" [y/N]") != "y" {
		return errors.New("nothing was imported (not confirmed); add --yes to import without asking")
	}
	return nil
}

// target is what a headless command works against: a profile's loyalty
// API, or with --demo a built-in fake, and the state directory.
type target struct {
	api      *apiclient.Client
	profile  config.Profile // zero with --demo
	config   string         // the configuration file ("" with --demo)
	stateDir string
	chunk    int // rows per request unless --chunk says otherwise
	log      *slog.Logger
	fake     *fakeBackend // with --demo
	closers  []func()
}

func openTarget(ctx context.Context, demo bool, flags *config.Flags, c *cmdIO) (*target, error) {
	if demo {
		return openDemoTarget(ctx, flags.LogPath)
	}
	cfg, profile, warnings, err := config.Load(config.LoadOptions{Flags: flags})
	if err != nil {
		return nil, err
	}
	for _, w := range warnings {
		c.warn("%s", w)
	}
	stateDir, err := config.EnsureStateDir()
	if err != nil {
		return nil, err
	}
	api, err := clientFor(profile)
	if err != nil {
		return nil, err
	}
	log, closer, err := config.OpenLog(flags.LogPath)
	if err != nil {
		return nil, err
	}
	return &target{api: api, profile: profile, config: cfg.Path, stateDir: stateDir, chunk: profile.ImportChunkSize,
		log: log, closers: []func(){func() { closer.Close() }}}, nil
}

// openDemoTarget starts the fake on a loopback port; the demo's state
// lives apart from the real one.
func openDemoTarget(ctx context.Context, logPath string) (*target, error) {
	fake, err := startFake(ctx, fakeOptions{addr: "127.0.0.1:0", seed: 1, customers: 2000})
	if err != nil {
		return nil, err
	}
	spec, closeLog, err := demoSpec(ctx, fake, logPath)
	if err != nil {
		fake.Close()
		return nil, err
	}
	return &target{api: spec.api, stateDir: spec.stateDir, chunk: spec.settings.ImportChunkRows, log: spec.log, fake: fake,
		closers: []func(){func() { fake.Close() }, closeLog}}, nil
}

func (t *target) Close() {
	for i := len(t.closers) - 1; i >= 0; i-- {
		t.closers[i]()
	}
}

func (t *target) account() string {
	if t.fake != nil {
		return t.api.AccountID() + " (demo)"
	}
	return t.api.AccountID()
}

// uploadFlags are the import choices import and sync share.
type uploadFlags struct {
	mode       string
	campaigns  string
	uncertain  string
	cardDigits int
	chunk      int
	noUndo     bool
	fixDates   bool
	yes        bool
	dryRun     bool
}

func addUploadFlags(fs *flag.FlagSet, defaultMode string) *uploadFlags {
	u := &uploadFlags{}
	fs.StringVar(&u.mode, "mode", defaultMode, "what happens to customers that already exist: `update`, overwrite (yes) or ignore (skip)")
	fs.StringVar(&u.campaigns, "campaigns", "", "`IDs` of the campaigns to enrol the customers in, comma-separated (required)")
	fs.IntVar(&u.cardDigits, "card-number-generate", 0, "have the server generate card numbers of `N` digits (4-19) for customers without one")
	fs.BoolVar(&u.noUndo, "no-undo", false, "save no undo state on the server (once the import is known to be right)")
	fs.IntVar(&u.chunk, "chunk", 0, "at most `N` rows a request (default the profile's import_chunk_size)")
	fs.BoolVar(&u.fixDates, "fix-dates", false, "send dates that convert unambiguously to YYYY-MM-DD converted (without it their rows are rejected)")
	fs.BoolVar(&u.yes, "yes", false, "import without asking (needed when stdin is not a terminal, as under cron)")
	fs.BoolVar(&u.dryRun, "dry-run", false, "check and preview only; send nothing")
	fs.StringVar(&u.uncertain, "uncertain", "", "a chunk sent without an answer that cannot safely be sent twice (auto_add): `resend` or set-aside (default: stop and say so)")
	return u
}

// check reports a missing or wrong choice; with resuming the journal has
// the choices, so only their form is checked.
func (u *uploadFlags) check(resuming bool) error {
	if _, err := u.uncertainChoice(); err != nil {
		return err
	}
	if u.chunk < 0 || u.chunk > config.MaxImportChunkSize {
		return fmt.Errorf("--chunk %d: use 1 to %d rows", u.chunk, config.MaxImportChunkSize)
	}
	if resuming {
		return nil
	}
	_, err := u.options(config.DefaultImportChunkSize)
	return err
}

func (u *uploadFlags) options(defaultChunk int) (importer.Options, error) {
	if strings.TrimSpace(u.mode) == "" {
		return importer.Options{}, errors.New("--mode is required: update, overwrite (yes) or ignore (skip)")
	}
	mode, err := importer.ParseMode(u.mode)
	if err != nil {
		return importer.Options{}, err
	}
	campaigns := importer.ParseCampaigns(u.campaigns)
	if len(campaigns) == 0 {
		return importer.Options{}, errors.New("--campaigns is required: the IDs of the campaigns to enrol the customers in, e.g. --campaigns 123456789012")
	}
	chunk := u.chunk
	if chunk == 0 {
		chunk = defaultChunk
	}
	opts := importer.Options{
		Mode: mode, Campaigns: campaigns, CardNumberGenerate: u.cardDigits, NoUndo: u.noUndo,
		RejectFixable: !u.fixDates, ChunkRows: chunk,
	}
	if err := opts.Check(); err != nil {
		return importer.Options{}, err
	}
	return opts, nil
}

func (u *uploadFlags) uncertainChoice() (importer.UncertainChoice, error) {
	switch strings.ToLower(strings.TrimSpace(u.uncertain)) {
	case "", "ask":
		return importer.AskFirst, nil
	case "resend":
		return importer.Resend, nil
	case "set-aside", "setaside", "set_aside":
		return importer.SetAside, nil
	}
	return importer.AskFirst, fmt.Errorf("--uncertain %q: use resend or set-aside", u.uncertain)
}

// sendSpec is how a job is previewed, confirmed and uploaded.
type sendSpec struct {
	flags        *uploadFlags
	rejectedPath string // "": the importer's default
	again        string // how to go on after a stop, "run … again"
}

// send checks the campaigns, previews, asks and uploads; sent is false
// after a dry run.
func (t *target) send(ctx context.Context, job *importer.Job, s sendSpec, c *cmdIO) (res importer.Result, sent bool, err error) {
	opts := job.Options()
	if err := checkCampaigns(ctx, t.api, opts.Campaigns, c); err != nil {
		return res, false, err
	}
	if err := t.preview(ctx, job, c); err != nil {
		return res, false, err
	}
	if s.flags.dryRun {
		c.say("Dry run: nothing was sent.")
		return res, false, nil
	}
	if err := c.confirm(s.flags.yes, fmt.Sprintf("Import %s into account %s?", count(job.Rows(), "row"), t.account())); err != nil {
		return res, false, err
	}
	uncertain, _ := s.flags.uncertainChoice() // checked with the flags
	c.say("Sending %s to account %s, at most %d a request.", count(job.Rows(), "row"), t.account(), opts.ChunkRows)
	started := time.Now()
	res, err = job.Upload(ctx, t.api, importer.RunConfig{
		StateDir: t.stateDir, OnProgress: progressPrinter(c.out), Uncertain: uncertain,
		RetryDelay: c.retryDelay, RejectedPath: s.rejectedPath,
	})
	// Result.Elapsed is set after Upload's result was taken; measure here.
	res.Elapsed = time.Since(started)
	t.log.Info("headless import", "source", job.Plan().Table().Source().Name(), "id", res.ImportID, "complete", res.Complete,
		"new", res.New, "updated", res.Updated, "skipped", res.Skipped, "rejected", res.Rejected, "err", err)
	if err != nil {
		return res, true, uploadStopped(res, job.Rows(), err, s.again)
	}
	printResult(c.out, res)
	return res, true, nil
}

// checkCampaigns makes sure every campaign exists before anything is sent.
// When the list cannot be had (some accounts may not offer it) the server
// checks the IDs itself.
func checkCampaigns(ctx context.Context, api *apiclient.Client, ids []string, c *cmdIO) error {
	camps, err := api.Campaigns(ctx)
	if err != nil {
		if errors.Is(err, apiclient.ErrUnauthenticated) || ui.Offline(err) {
			return plainError{err}
		}
		c.warn("the account's campaigns could not be listed (%s); the server checks the IDs as the rows arrive", ui.Describe(err))
		return nil
	}
	byID := map[string]apiclient.Campaign{}
	for _, camp := range camps {
		byID[camp.ID] = camp
	}
	var unknown []string
	for _, id := range ids {
		camp, ok := byID[id]
		switch {
		case !ok:
			unknown = append(unknown, id)
		case !camp.Active:
			c.warn("campaign %s (%s) is not active", id, ui.Sanitize(camp.Name))
		}
	}
	if len(unknown) > 0 {
		return fmt.Errorf("unknown campaign %s: account %s has %s", strings.Join(unknown, ", "), api.AccountID(), campaignList(camps))
	}
	return nil
}

func campaignList(camps []apiclient.Campaign) string {
	if len(camps) == 0 {
		return "no campaigns"
	}
	parts := make([]string, len(camps))
	for i, camp := range camps {
		parts[i] = fmt.Sprintf("%s (%s)", camp.ID, ui.Sanitize(camp.Name))
	}
	return strings.Join(parts, ", ")
}

// preview prints what the chosen mode does to the account's customers.
func (t *target) preview(ctx context.Context, job *importer.Job, c *cmdIO) error {
	ex, err := importer.LoadExisting(ctx, t.api.CustomersReport, nil)
	if err != nil {
		return fmt.Errorf("cannot read the account's customers for the preview: %w", plainError{err})
	}
	mode := job.Options().Mode
	mc := job.Preview(ex).Counts(mode)
	rejected := job.Plan().Table().Len() - job.Rows()
	line := fmt.Sprintf("Preview (mode %s; the account has %d customers): %d new, %s, %d rejected",
		modeName(mode), ex.Len(), mc.New, matchedText(mc), rejected)
	if mc.Ambiguous > 0 {
		line += fmt.Sprintf(", %d to be refused (their card number is held by several customers)", mc.Ambiguous)
	}
	c.say("%s.", line)
	if g := job.GeneratedCodes(); g > 0 {
		c.say("%d rows have neither code nor card number: they are sent with generated codes, so importing the same data again does not add them twice.", g)
	}
	return nil
}

func modeName(m apiclient.DuplicateMode) string {
	if m == apiclient.Overwrite {
		return "overwrite"
	}
	return string(m)
}

func matchedText(mc importer.ModeCounts) string {
	switch mc.Mode {
	case apiclient.Overwrite:
		return fmt.Sprintf("%d overwritten", mc.Overwritten)
	case apiclient.Update:
		return fmt.Sprintf("%d updated", mc.Updated)
	}
	return fmt.Sprintf("%d skipped (already there)", mc.Skipped)
}

// progressPrinter prints a line per chunk answered and per retry.
func progressPrinter(w io.Writer) func(importer.Progress) {
	last := -1
	return func(p importer.Progress) {
		switch {
		case p.Retry > 0:
			fmt.Fprintf(w, "chunk %d/%d: %s; sending it again (attempt %d)\n",
				p.ChunksDone+1, p.ChunksTotal, describe(p.Err), p.Retry)
			return
		case p.ChunksDone == last:
			return
		case last < 0 && p.ChunksDone > 0:
			fmt.Fprintf(w, "already sent before: %d/%d chunks, %d/%d rows\n", p.ChunksDone, p.ChunksTotal, p.RowsDone, p.RowsTotal)
		case last >= 0:
			line := fmt.Sprintf("chunk %d/%d: %d/%d rows", p.ChunksDone, p.ChunksTotal, p.RowsDone, p.RowsTotal)
			if p.RowsPerSecond > 0 {
				line += fmt.Sprintf(", %.0f rows/s", p.RowsPerSecond)
				if p.ChunksDone < p.ChunksTotal {
					line += ", ETA " + p.ETA.Round(time.Second).String()
				}
			}
			fmt.Fprintln(w, line)
		}
		last = p.ChunksDone
	}
}

func printResult(w io.Writer, res importer.Result) {
	fmt.Fprintf(w, "Done in %s: %d new, %d updated, %d skipped, %d rejected.\n",
		roundDuration(res.Elapsed), res.New, res.Updated, res.Skipped, res.Rejected)
	if res.RejectedByServer > 0 {
		fmt.Fprintf(w, "Refused by the server: %s.\n", count(res.RejectedByServer, "row"))
	}
	if res.Uncertain > 0 {
		fmt.Fprintf(w, "Set aside after a lost answer: %s; check those customers before importing them again.\n", count(res.Uncertain, "row"))
	}
	if res.RejectedFile != "" {
		fmt.Fprintf(w, "Rejected rows, each with its reason: %s\n", res.RejectedFile)
	}
}

// count writes "1 row", "2 rows".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func roundDuration(d time.Duration) time.Duration {
	if d < time.Second {
		return d.Round(time.Millisecond)
	}
	return d.Round(100 * time.Millisecond)
}

func rejectedError(res importer.Result) error {
	if res.Rejected == 0 {
		return nil
	}
	return &exitError{code: exitRejected, err: fmt.Errorf("%s not imported (of %d); they are in %s with the reasons",
		count(res.Rejected, "row"), res.Rows, res.RejectedFile)}
}

// uploadStopped explains an upload that did not finish and how to go on.
func uploadStopped(res importer.Result, rows int, err error, again string) error {
	sent := fmt.Sprintf("%d of %d rows were sent", res.Sent, rows)
	var ue *importer.UncertainError
	switch {
	case errors.As(err, &ue):
		return fmt.Errorf("%s. %s. To go on, %s with --uncertain resend to send that chunk again anyway, "+
			"or --uncertain set-aside to put its rows in the rejected file", ue.Error(), sent, again)
	case errors.Is(err, context.Canceled):
		return fmt.Errorf("stopped: %s; %s to go on where it stopped", sent, again)
	}
	at := ""
	var ce *importer.ChunkError
	if errors.As(err, &ce) {
		at = fmt.Sprintf(" at chunk %d", ce.Chunk)
	}
	return fmt.Errorf("the import stopped%s: %w. %s; %s to go on where it stopped", at, plainError{err}, sent, again)
}

// plainError words an API client error for people (ui.Describe) and keeps
// it for errors.Is and errors.As.
type plainError struct{ err error }

func (e plainError) Error() string { return describe(e.err) }

// describe is ui.Describe without the full stop, to go inside a sentence.
func describe(err error) string    { return strings.TrimSuffix(ui.Describe(err), ".") }
func (e plainError) Unwrap() error { return e.err }
