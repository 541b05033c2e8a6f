package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"loyaltydesk/apiclient/imonggo"
	"loyaltydesk/config"
	"loyaltydesk/importer"
	"loyaltydesk/ui"
)

// maxListed bounds the deleted and code-less customers printed by name.
const maxListed = 50

func syncCommand(args []string, stdout, stderr io.Writer) error {
	ctx, stop := untilInterrupted()
	defer stop()
	return runSync(ctx, args, newCmdIO(stdout, stderr))
}

// syncFlags are the command line of `loyaltydesk sync imonggo`.
type syncFlags struct {
	upload  *uploadFlags
	profile *config.Flags
	full    bool
	demo    bool
}

func parseSyncFlags(args []string, out io.Writer) (*syncFlags, error) {
	fs := newFlagSet("sync imonggo", "Import the customers changed in Imonggo since the last sync into the loyalty account, for cron", out)
	f := &syncFlags{upload: addUploadFlags(fs, "update"), profile: config.RegisterFlags(fs)}
	fs.BoolVar(&f.full, "full", false, "fetch every Imonggo customer, not only those changed since the last sync")
	fs.BoolVar(&f.demo, "demo", false, "sync a built-in fake Imonggo into a built-in fake loyalty server (to try it)")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return nil, err
	}
	switch {
	case len(rest) == 0:
		return nil, errors.New("say what to sync: loyaltydesk sync imonggo --campaigns ID")
	case rest[0] != "imonggo":
		return nil, fmt.Errorf("cannot sync %q: the only source is imonggo", rest[0])
	case len(rest) > 1:
		return nil, fmt.Errorf("unexpected argument %q after sync imonggo", rest[1])
	}
	return f, f.upload.check(false)
}

func runSync(ctx context.Context, args []string, c *cmdIO) error {
	c = c.printable()
	f, err := parseSyncFlags(args, c.out)
	if err != nil {
		return err
	}
	t, err := openTarget(ctx, f.demo, f.profile, c)
	if err != nil {
		return err
	}
	defer t.Close()
	client, err := t.imonggoClient()
	if err != nil {
		return err
	}
	unlock, err := importer.LockImonggo(t.stateDir, client.Account())
	if err != nil {
		return err
	}
	defer unlock()
	s, err := imonggo.NewSync(client, imonggo.SyncOptions{StateDir: t.stateDir, Full: f.full, Progress: fetchPrinter(c)})
	if err != nil {
		return err
	}
	if f.demo {
		c.say("Demo: both fake servers start afresh on every run; only the sync date is kept, in %s.", s.StatePath())
	}
	r := &syncRun{f: f, t: t, c: c, sync: s, account: client.Account()}
	r.rejected = r.rejectedPath(time.Now())
	return r.run(ctx)
}

// imonggoClient is the Imonggo client of the profile, or the demo's fake.
func (t *target) imonggoClient() (*imonggo.Client, error) {
	if t.fake != nil {
		return t.fake.DemoImonggo()
	}
	im := t.profile.Imonggo
	table := fmt.Sprintf("[profiles.%s.imonggo]", t.profile.Name)
	switch {
	case !im.IsSet():
		return nil, fmt.Errorf("profile %q has no Imonggo settings: add to %s\n\n%s\naccount = \"your-account\"   # https://your-account.imonggo.com\ntoken = \"…\"                # the Imonggo API token\n",
			t.profile.Name, t.config, table)
	case !im.Token.IsSet():
		return nil, fmt.Errorf("profile %q has no Imonggo API token: add token = \"…\" under %s in %s", t.profile.Name, table, t.config)
	case im.Account == "" && im.BaseURL == "":
		return nil, fmt.Errorf("profile %q names no Imonggo account: add account = \"…\" under %s in %s", t.profile.Name, table, t.config)
	}
	client, err := profileImonggo(im)
	if err != nil {
		return nil, fmt.Errorf("profile %q, %s: %w", t.profile.Name, table, err)
	}
	return client, nil
}

// fetchPrinter reports paging through a large account now and then.
func fetchPrinter(c *cmdIO) func(int) {
	shown := 0
	return func(fetched int) {
		if fetched-shown >= 1000 {
			c.say("fetched %d customers…", fetched)
			shown = fetched
		}
	}
}

// syncRun is one sync: fetch, report, import, and store the date only
// once the import went through.
type syncRun struct {
	f       *syncFlags
	t       *target
	c       *cmdIO
	sync    *imonggo.Sync
	account string
	// rejected is where this sync's rejected rows go.
	rejected string
}

func (r *syncRun) run(ctx context.Context) error {
	ch, err := r.fetch(ctx)
	if err != nil {
		return err
	}
	r.reportDeleted(ch.Deleted)
	customers, codeless := imonggo.SplitCodeless(ch.Customers)
	r.reportCodeless(codeless)
	if len(customers) == 0 {
		r.c.say("Nothing to import.")
		return r.finish(ch.Mark, 0, len(codeless))
	}
	job, err := r.job(ctx, customers)
	var rejectedAll *exitError
	if errors.As(err, &rejectedAll) {
		r.c.say("%s.", rejectedAll.err)
		return r.finish(ch.Mark, len(customers), len(codeless))
	}
	if err != nil {
		return err
	}
	res, sent, err := r.t.send(ctx, job, sendSpec{flags: r.f.upload, rejectedPath: r.rejected, again: "run the sync again"}, r.c)
	if err != nil {
		r.c.say("The sync date was not stored: the next sync fetches these customers again.")
		return err
	}
	if !sent {
		return nil
	}
	return r.finish(ch.Mark, res.Rejected, len(codeless))
}

func (r *syncRun) fetch(ctx context.Context) (imonggo.Changes, error) {
	prev, err := r.sync.Previous()
	switch {
	case err != nil && !r.f.full:
		return imonggo.Changes{}, err
	case r.f.full:
		r.c.say("Imonggo account %s: full sync, fetching every customer.", r.account)
	case prev.IsZero():
		r.c.say("Imonggo account %s: first sync, fetching every customer.", r.account)
	default:
		r.c.say("Imonggo account %s: fetching the customers changed since %s.", r.account, prev.Format(time.RFC3339))
	}
	ch, err := r.sync.Changes(ctx)
	if errors.Is(err, imonggo.ErrUnauthorized) {
		return ch, fmt.Errorf("%w: check the token of the profile's Imonggo settings", err)
	}
	if err != nil {
		return ch, err
	}
	r.c.say("%s changed, %d of them deleted in Imonggo.", count(len(ch.Customers)+len(ch.Deleted), "customer"), len(ch.Deleted))
	return ch, nil
}

func (r *syncRun) reportDeleted(deleted []imonggo.Customer) {
	if len(deleted) == 0 {
		return
	}
	r.c.say("Deleted in Imonggo (status D): %s. They are NOT deleted on the loyalty side automatically; review them and delete them there yourself if need be:", count(len(deleted), "customer"))
	r.list(deleted)
}

func (r *syncRun) reportCodeless(codeless []imonggo.Customer) {
	if len(codeless) == 0 {
		return
	}
	r.c.say("Not imported for want of a code in Imonggo (the loyalty account matches customers by code): %s. "+
		"Give them a code in Imonggo; they are fetched again when they change, or with --full:", count(len(codeless), "customer"))
	r.list(codeless)
}

func (r *syncRun) list(cs []imonggo.Customer) {
	for _, cust := range cs[:min(len(cs), maxListed)] {
		r.c.say("  %s", describeImonggoCustomer(cust))
	}
	if len(cs) > maxListed {
		r.c.say("  … and %d more", len(cs)-maxListed)
	}
}

func describeImonggoCustomer(c imonggo.Customer) string {
	row := imonggo.ProfileRow(c)
	name := strings.TrimSpace(row[1] + " " + row[2])
	if name == "" {
		name = "(no name)"
	}
	code := row[0]
	if code == "" {
		code = "(none)"
	}
	return ui.Sanitize(fmt.Sprintf("code %s, %s (Imonggo id %d)", code, name, c.ID))
}

// job runs the customers through the importer's checks.
func (r *syncRun) job(ctx context.Context, customers []imonggo.Customer) (*importer.Job, error) {
	opts, err := r.f.upload.options(r.t.chunk)
	if err != nil {
		return nil, err
	}
	opts.KeepBlanks = true // a field Imonggo leaves empty (nil) must not wipe the loyalty one
	headers, rows := imonggo.ProfileRows(customers)
	src := &importer.RowsSource{Label: r.label(), Columns: headers, Rows: rows}
	table, err := importer.ReadTable(ctx, src)
	if err != nil {
		return nil, err
	}
	mapping, err := importer.MappingOf(headers)
	if err != nil {
		return nil, err
	}
	plan, err := importer.Validate(table, mapping)
	if err != nil {
		return nil, err
	}
	printChecks(r.c.out, plan, !opts.RejectFixable, customerOf(table, customers))
	job, err := plan.Prepare(opts)
	if errors.Is(err, importer.ErrNothingToSend) {
		return nil, nothingToSend(plan, r.rejected, opts.RejectFixable)
	}
	if err != nil {
		return nil, err
	}
	return job, r.dropStaleJournals(job.ID())
}

func (r *syncRun) label() string { return imonggo.SourceLabel(r.account) }

// customerOf names a problem's row by the customer's code and Imonggo id.
func customerOf(t *importer.Table, customers []imonggo.Customer) rowLabel {
	return func(pr importer.Problem) string {
		c := customers[pr.Row]
		return fmt.Sprintf("customer %s (Imonggo id %d)", t.Field(pr.Row, 0), c.ID)
	}
}

// rejectedPath is a new file per sync, so that a later sync does not
// overwrite the rows an earlier one could not import.
func (r *syncRun) rejectedPath(now time.Time) string {
	name := fmt.Sprintf("%s-%s.rejected.csv", safeFileName(r.label()), now.UTC().Format("20060102-150405"))
	return filepath.Join(r.t.stateDir, name)
}

// dropStaleJournals removes the journals of earlier syncs of the account
// that did not finish (their customers were fetched again, as they are now)
// and keeps this job's own, so its finished chunks are not sent again.
func (r *syncRun) dropStaleJournals(id string) error {
	dropped, kept, err := importer.DiscardOthers(r.t.stateDir, r.label(), id)
	if err != nil {
		return fmt.Errorf("cannot drop the journal of an earlier, unfinished sync: %w", err)
	}
	for _, p := range dropped {
		r.c.say("Dropped the journal of an earlier sync that did not finish (%d of %d rows were sent); this sync fetched its customers again.", p.RowsDone, p.Rows)
	}
	if kept != nil {
		r.c.say("Continuing the import of an earlier sync that did not finish (%d of %d rows were sent).", kept.RowsDone, kept.Rows)
	}
	return nil
}

// finish stores the sync date and sets the exit code.
func (r *syncRun) finish(mark imonggo.Mark, rejected, codeless int) error {
	if err := r.sync.Commit(mark); err != nil {
		return err
	}
	if !mark.Until.IsZero() {
		r.c.say("Sync date stored: the next sync fetches the customers changed after %s.", mark.Until.Format(time.RFC3339))
	}
	if rejected+codeless == 0 {
		return nil
	}
	return &exitError{code: exitRejected, err: fmt.Errorf("%s not imported (%d rejected, %d without a code); see above",
		count(rejected+codeless, "changed customer"), rejected, codeless)}
}
