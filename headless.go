package main

// The pieces the headless commands (import, sync imonggo) share: flags,
// terminal questions, the target account, preview, upload and result.

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/fakeserver/backend"
	"loyaltydesk/config"
	"loyaltydesk/importer"
	"loyaltydesk/ui"
)

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
	fake     *backend.Backend // with --demo
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
	fake, err := backend.Start(ctx, backend.Options{Addr: "127.0.0.1:0", Seed: 1, Customers: 2000, UserAgent: demoUserAgent})
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
	// setAsideRenames sets aside rows that would give a customer clearly
	// different names (the import without --allow-renames).
	setAsideRenames bool
	labels          importer.Labels
}

// send checks the campaigns, previews, asks and uploads; sent is false
// after a dry run.
func (t *target) send(ctx context.Context, job *importer.Job, s sendSpec, c *cmdIO) (res importer.Result, sent bool, err error) {
	opts := job.Options()
	if err := checkCampaigns(ctx, t.api, opts.Campaigns, c); err != nil {
		return res, false, err
	}
	job, err = t.preview(ctx, job, s, c)
	if err != nil {
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
	camps, err := api.AllCampaigns(ctx)
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
		case camp.Inactive:
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
		parts[i] = fmt.Sprintf("%s (%s, %s)", camp.ID, ui.Sanitize(camp.Name), camp.Type.Name())
		if camp.Inactive {
			parts[i] = strings.TrimSuffix(parts[i], ")") + ", inactive)"
		}
	}
	return strings.Join(parts, ", ")
}

// preview prints what the chosen mode does to the account's customers,
// and sets aside the rows that would rename customers when asked to.
func (t *target) preview(ctx context.Context, job *importer.Job, s sendSpec, c *cmdIO) (*importer.Job, error) {
	ex, err := importer.LoadExisting(ctx, t.api.CustomersReport, nil)
	if err != nil {
		return nil, fmt.Errorf("cannot read the account's customers for the preview: %w", plainError{err})
	}
	mode := job.Options().Mode
	pv := job.Preview(ex)
	if renames := pv.Renames(mode); len(renames) > 0 {
		if job, err = t.renames(job, renames, s, c); err != nil {
			return nil, err
		}
		pv = job.Preview(ex)
	}
	mc := pv.Counts(mode)
	rejected := job.Plan().Table().Len() - job.Plan().Counts().Collapsed - job.Rows()
	line := fmt.Sprintf("Preview (mode %s; the account has %s): %d new, %s, %d rejected",
		modeName(mode), ui.Plural(ex.Len(), "customer", "customers"), mc.New, matchedText(mc), rejected)
	if mc.Ambiguous > 0 {
		line += fmt.Sprintf(", %d to be refused (their card number is held by several customers)", mc.Ambiguous)
	}
	c.say("%s.", line)
	if g := job.GeneratedCodes(); g > 0 {
		c.say("%s neither code nor card number: each is sent with a generated code, so importing the same data again does not add it twice.", ui.Plural(g, "row has", "rows have"))
	}
	return job, nil
}

// maxRenamesShown bounds the "is this the same person?" lines printed.
const maxRenamesShown = 10

// renames lists the rows that would give customers clearly different
// names and sets them aside unless they are allowed.
func (t *target) renames(job *importer.Job, renames []importer.Rename, s sendSpec, c *cmdIO) (*importer.Job, error) {
	what := "set aside (add --allow-renames to import them)"
	if !s.setAsideRenames {
		what = "imported, as --allow-renames says"
	}
	c.say("Is this the same person? %s would give a customer clearly different names; %s:",
		count(len(renames), "row"), what)
	for _, r := range renames[:min(len(renames), maxRenamesShown)] {
		c.say("  line %d, %s %s: %s → %s", r.Line, s.labels.Of(r.MatchedBy), ui.Sanitize(r.Key), ui.Sanitize(r.Before), ui.Sanitize(r.After))
	}
	if len(renames) > maxRenamesShown {
		c.say("  … and %d more.", len(renames)-maxRenamesShown)
	}
	if !s.setAsideRenames {
		return job, nil
	}
	aside, err := job.SetAsideRenames(renames)
	if errors.Is(err, importer.ErrNothingToSend) {
		return nil, errors.New("nothing to import: every row left would rename a customer; check them, or add --allow-renames")
	}
	return aside, err
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
	if res.Rejected > 0 {
		fmt.Fprintf(w, "Imported %d of %s — %d rejected, see %s\n",
			res.New+res.Updated, ui.Plural(res.Rows-res.Collapsed, "row", "rows"), res.Rejected, res.RejectedFile)
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
		count(res.Rejected, "row"), res.Rows-res.Collapsed, res.RejectedFile)}
}

// uploadStopped explains an upload that did not finish and how to go on.
func uploadStopped(res importer.Result, rows int, err error, again string) error {
	sent := fmt.Sprintf("%d of %s sent", res.Sent, ui.Plural(rows, "row was", "rows were"))
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
