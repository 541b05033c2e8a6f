package importer_test

import (
	"context"
	"errors"
	"fmt"
	"os"

	"loyaltydesk/apiclient"
	"loyaltydesk/importer"
)

// Example_headless is the shape of `loyaltydesk import FILE --mode update
// --campaigns 123,456 [--map col=header …] [--yes]`.
func Example_headless() {
	ctx := context.Background()
	var client *apiclient.Client // from the profile
	path, stateDir := "customers.csv", "/home/me/.local/state/loyaltydesk"
	mapFlags := []string{"Kundennr=code"}

	sample, err := importer.SniffFile(path, 10) // delimiter, header row, encoding
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	tbl, err := importer.ReadTable(ctx, importer.File(path, sample.Format))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	m := importer.AutoMap(tbl.Header(), tbl.Columns())
	for _, spec := range mapFlags {
		if err := m.ApplySpec(tbl.Header(), spec); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return
		}
	}
	plan, err := importer.Validate(tbl, m)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	for _, p := range plan.Problems() {
		fmt.Printf("line %d %s: %s\n", p.Line, p.Header, p.Reason)
	}
	mode, _ := importer.ParseMode("update")
	job, err := plan.Prepare(importer.Options{Mode: mode, Campaigns: importer.ParseCampaigns("123,456")})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	// Without --yes: show the counts of the chosen mode and ask.
	if ex, err := importer.LoadExisting(ctx, client.CustomersReport, nil); err == nil {
		fmt.Printf("%+v\n", job.Preview(ex).Counts(mode))
	}
	res, err := job.Upload(ctx, client, importer.RunConfig{StateDir: stateDir, OnProgress: func(p importer.Progress) {
		fmt.Printf("\r%d/%d rows, %.0f rows/s, %s left", p.RowsDone, p.RowsTotal, p.RowsPerSecond, p.ETA)
	}})
	var uncertain *importer.UncertainError
	if errors.As(err, &uncertain) {
		// Ask, then run Upload again with RunConfig.Uncertain = Resend or SetAside.
		fmt.Println(uncertain)
		return
	}
	if err != nil {
		// The journal stays: running the same command again goes on.
		fmt.Println(err)
		return
	}
	fmt.Printf("new %d, updated %d, skipped %d, rejected %d (%s)\n", res.New, res.Updated, res.Skipped, res.Rejected, res.RejectedFile)
}

// Example_wizard is the order of the wizard's screens; each I/O step runs
// in a tea.Cmd, the rest in Update.
func Example_wizard() {
	ctx := context.Background()
	stateDir := "/state"

	// On start: offer to resume.
	if found, _ := importer.FindResumable(stateDir); len(found) > 0 {
		job, err := importer.Resume(ctx, found[0]) // Cmd: re-reads the file
		_, _ = job, err                            // or importer.Discard(found[0])
	}
	// 1–2. File and format: Sniff, then WithFormat as the user toggles (no I/O).
	sample, _ := importer.SniffFile("customers.csv", 20)
	sample = sample.WithFormat(importer.Format{Delimiter: ';', Header: true})
	// 3. Read (Cmd), then the mapping screen edits m.
	tbl, _ := importer.ReadTable(ctx, importer.File("customers.csv", sample.Format))
	m := importer.AutoMap(tbl.Header(), tbl.Columns())
	if displaced, _ := m.Assign(2, "phone"); displaced >= 0 {
		fmt.Println(tbl.ColumnName(displaced), "is now skipped")
	}
	// 4. Validation: counts, problems by line and column.
	plan, _ := importer.Validate(tbl, m)
	fmt.Printf("%+v\n", plan.Counts())
	// 5. Options (show importer.NoUndoAdvice next to the no-undo switch).
	job, _ := plan.Prepare(importer.Options{Mode: apiclient.Update, Campaigns: []string{"123"}})
	// 6. Preview: LoadExisting in a Cmd, then counts and diffs for each mode.
	// 7. Upload in a Cmd; OnProgress does a non-blocking send on a channel
	// that another Cmd waits on; cancel the context to stop between chunks.
	_ = job
}
