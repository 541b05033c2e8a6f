package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/apiclient/fakeserver/imonggofake"
	"loyaltydesk/config"
)

const campaign = fakeserver.PointsCampaignID

// headless is a fake loyalty API with the Imonggo fake mounted at /api/,
// a configuration file pointing at it and a state directory of its own.
type headless struct {
	loyalty  *fakeserver.Server
	imonggo  *imonggofake.Server
	clock    *testClock
	url      string
	dir      string
	config   string
	stateDir string
}

// newHeadless sets the process environment (t.Setenv): not for parallel
// tests.
func newHeadless(t *testing.T) *headless {
	t.Helper()
	clock := &testClock{now: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)}
	h := &headless{
		loyalty: fakeserver.New(fakeserver.Options{Customers: 20}),
		imonggo: imonggofake.New(imonggofake.Options{Seed: 7, Customers: 40, Now: clock.Now, Codes: []string{fakeserver.DemoCode}}),
		clock:   clock,
		dir:     t.TempDir(),
	}
	h.loyalty.Mount("/api/", h.imonggo)
	srv := httptest.NewServer(h.loyalty)
	t.Cleanup(srv.Close)
	h.url = srv.URL
	h.stateDir = filepath.Join(h.dir, "state")
	for _, k := range []string{config.EnvConfig, config.EnvProfile, config.EnvURL, config.EnvUserID, config.EnvPassword, config.EnvAccountID} {
		t.Setenv(k, "")
	}
	t.Setenv(config.EnvStateDir, h.stateDir)
	h.config = h.writeConfig(t, fmt.Sprintf("[profiles.shop.imonggo]\nbase_url = %q\ntoken = %q\n", h.url+"/api", imonggofake.DemoToken))
	return h
}

// writeConfig writes a configuration with the profile "shop" and extra
// TOML after it.
func (h *headless) writeConfig(t *testing.T, extra string) string {
	t.Helper()
	path := filepath.Join(h.dir, "config.toml")
	text := fmt.Sprintf("default_profile = \"shop\"\n[profiles.shop]\nurl = %q\nuser_id = %q\npassword = %q\naccount_id = %q\n%s",
		h.url, fakeserver.DemoUserID, fakeserver.DemoPassword, fakeserver.DemoAccountID, extra)
	require.NoError(t, os.WriteFile(path, []byte(text), 0o600))
	return path
}

// file writes a data file in the test's folder.
func (h *headless) file(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(h.dir, name)
	require.NoError(t, os.WriteFile(path, []byte(content), 0o600))
	return path
}

// ran is what a command printed and how it ended.
type ran struct {
	out, errOut string
	err         error
	code        int
}

// input is what a person types, and whether stdin is a terminal.
type input struct {
	text        string
	interactive bool
}

// run runs cmd with args after the command's name (args[0]) and --config.
func (h *headless) run(t *testing.T, cmd func(context.Context, []string, *cmdIO) error, in input, args ...string) ran {
	t.Helper()
	var out, errOut bytes.Buffer
	c := &cmdIO{in: bufio.NewReader(strings.NewReader(in.text)), out: &out, errOut: &errOut,
		interactive: in.interactive, retryDelay: time.Millisecond}
	err := cmd(context.Background(), append(args[1:], "--config", h.config), c)
	r := ran{out: out.String(), errOut: errOut.String(), err: err}
	if err != nil {
		r.code = exitCode(err)
	}
	t.Logf("loyaltydesk %s\n%s%s(exit %d, %v)", strings.Join(args, " "), r.out, r.errOut, r.code, err)
	return r
}

func (h *headless) importFile(t *testing.T, args ...string) ran {
	return h.run(t, runImport, input{}, args...)
}

// batchCodes returns the code of every row of the customers_batch
// requests the server received, in order.
func (h *headless) batchCodes(t *testing.T) []string {
	t.Helper()
	var codes []string
	for _, r := range h.loyalty.RequestsOf("customers_batch") {
		col := -1
		for n := 1; r.Form.Get(fmt.Sprintf("profiles_header_%d", n)) != ""; n++ {
			if r.Form.Get(fmt.Sprintf("profiles_header_%d", n)) == "code" {
				col = n - 1
			}
		}
		require.GreaterOrEqual(t, col, 0, "every batch has a code column")
		sep := map[string]string{"pipe": "|", "comma": ",", "tab": "\t"}[r.Form.Get("delimiter")]
		for _, line := range strings.Split(r.Form.Get("Profiles_Data"), "\n") {
			if strings.TrimSpace(line) != "" {
				codes = append(codes, strings.Split(line, sep)[col])
			}
		}
	}
	return codes
}

type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

const mixedFile = `Code,First name,Last name,E-mail,Birthday,Phone
C1001,Ann,Lee,ann@example.com,1980-02-05,555-0101
C1002,Bob,Ray,bob@,1975-05-06,555-0102
C1003,Cid,Moe,cid@example.com,14/07/1970,555-0103
C1004,Dee,Kay,dee@example.com,04-06-05,555-0104
` + fakeserver.DemoCode + `,Jane,Doe-Smith,jane@example.com,1970-07-14,555-0105
C1005,Eve,Fox,,,
`

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	return recs
}

// A file with bad rows: the good ones are imported chunk by chunk, the bad
// ones go to FILE.rejected.csv with their reasons, and the exit code says so.
func TestImportSendsGoodRowsAndWritesRejectedOnes(t *testing.T) {
	h := newHeadless(t)
	path := h.file(t, "customers.csv", mixedFile)
	before := h.loyalty.CustomerCount()

	r := h.importFile(t, "import", path, "--mode", "update", "--campaigns", campaign, "--chunk", "2", "--yes")

	require.Equal(t, exitRejected, r.code)
	assert.Contains(t, r.out, "Columns: Code → Customer code, First name → First name, Last name → Last name, E-mail → Email, Birthday → Birthday, Phone → Mobile.")
	assert.Contains(t, r.out, "Checked 6 rows: 3 valid, 1 rejected for a date --fix-dates would convert to YYYY-MM-DD, 2 rejected.")
	assert.Contains(t, r.out, `line 3, E-mail "bob@": is not an e-mail address`)
	assert.Contains(t, r.out, `line 4, Birthday "14/07/1970": could be sent as 1970-07-14: rejected`)
	assert.Contains(t, r.out, "Preview (mode update; the account has 20 customers): 2 new, 1 updated, 3 rejected.")
	assert.Regexp(t, regexp.MustCompile(`(?m)^chunk 1/2: 2/3 rows, \d+ rows/s, ETA \S+$`), r.out)
	assert.Regexp(t, regexp.MustCompile(`(?m)^chunk 2/2: 3/3 rows, \d+ rows/s$`), r.out)
	assert.Regexp(t, regexp.MustCompile(`(?m)^Done in \S+: 2 new, 1 updated, 0 skipped, 3 rejected\.$`), r.out)
	rejectedPath := filepath.Join(h.dir, "customers.rejected.csv")
	assert.Contains(t, r.out, "Rejected rows, each with its reason: "+rejectedPath)
	assert.Contains(t, r.out, "Imported 3 of 6 rows — 3 rejected, see "+rejectedPath)
	assert.ErrorContains(t, r.err, "3 rows not imported (of 6); they are in "+rejectedPath)

	assert.Equal(t, before+2, h.loyalty.CustomerCount())
	ann, ok := h.loyalty.Customer("C1001")
	require.True(t, ok)
	assert.Equal(t, []string{"Ann", "Lee", "ann@example.com", "1980-02-05"}, []string{ann.FirstName, ann.LastName, ann.Email, ann.CustomDate})
	assert.Contains(t, ann.Balances, campaign)
	jane, _ := h.loyalty.Customer(fakeserver.DemoCode)
	assert.Equal(t, "Doe-Smith", jane.LastName, "the existing customer is updated")
	for _, code := range []string{"C1002", "C1003", "C1004"} {
		_, found := h.loyalty.Customer(code)
		assert.False(t, found, "rejected row %s is not imported", code)
	}
	assert.Equal(t, []string{"C1001", fakeserver.DemoCode, "C1005"}, h.batchCodes(t))

	recs := readCSV(t, rejectedPath)
	require.Len(t, recs, 4)
	assert.Equal(t, []string{"line", "reason", "Code", "First name", "Last name", "E-mail", "Birthday", "Phone"}, recs[0])
	assert.Equal(t, []string{"3", "4", "5"}, []string{recs[1][0], recs[2][0], recs[3][0]})
	assert.Contains(t, recs[1][1], "e-mail")
	assert.Contains(t, recs[2][1], "1970-07-14")
	assert.Contains(t, recs[3][1], "two-digit year")
	assert.Equal(t, "C1002", recs[1][2])
}

// With --fix-dates a date that converts unambiguously is sent converted.
func TestImportFixDatesSendsConvertedDates(t *testing.T) {
	h := newHeadless(t)
	path := h.file(t, "customers.csv", mixedFile)

	r := h.importFile(t, "import", path, "--mode", "update", "--campaigns", campaign, "--fix-dates", "--yes")

	require.Equal(t, exitRejected, r.code)
	assert.Contains(t, r.out, "Checked 6 rows: 3 valid, 1 sent with dates converted to YYYY-MM-DD, 2 rejected.")
	assert.Contains(t, r.out, `line 4, Birthday "14/07/1970": is sent as 1970-07-14`)
	cid, ok := h.loyalty.Customer("C1003")
	require.True(t, ok)
	assert.Equal(t, "1970-07-14", cid.CustomDate)
	assert.Len(t, readCSV(t, filepath.Join(h.dir, "customers.rejected.csv")), 3)
}

// A clean file without a header, mapped by column numbers, imports with
// exit code 0 and no rejected file.
func TestImportCleanFileByColumnNumbers(t *testing.T) {
	h := newHeadless(t)
	path := h.file(t, "plain.txt", "K1;Kim;kim@example.com\nK2;Lou;lou@example.com\n")

	r := h.importFile(t, "import", "--delimiter", "semicolon", "--no-header", path, "--map", "1=code",
		"--map", "2=first_name", "--map", "3=email", "--mode", "ignore", "--campaigns", campaign, "--yes")

	require.NoError(t, r.err)
	assert.Contains(t, r.out, "Read plain.txt: 2 rows (semicolon-separated, no header row, UTF-8).")
	assert.Contains(t, r.out, "Columns: Column 1 → Customer code, Column 2 → First name, Column 3 → Email.")
	assert.Regexp(t, `Done in \S+: 2 new, 0 updated, 0 skipped, 0 rejected\.`, r.out)
	kim, ok := h.loyalty.Customer("K1")
	require.True(t, ok)
	assert.Equal(t, "kim@example.com", kim.Email)
	assert.NoFileExists(t, filepath.Join(h.dir, "plain.rejected.csv"))
}

// Without --yes the command asks on a terminal and refuses to write
// without one.
func TestImportAsksBeforeWriting(t *testing.T) {
	h := newHeadless(t)
	path := h.file(t, "customers.csv", "Code,First name\nA1,Amy\n")
	args := []string{"import", path, "--mode", "update", "--campaigns", campaign}

	r := h.run(t, runImport, input{}, args...)
	assert.Equal(t, 1, r.code)
	assert.ErrorContains(t, r.err, "add --yes to import without asking")

	r = h.run(t, runImport, input{text: "n\n", interactive: true}, args...)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.out, "Import 1 row into account greatwidgets? [y/N]")
	assert.ErrorContains(t, r.err, "nothing was imported")
	assert.Empty(t, h.loyalty.RequestsOf("customers_batch"))
	_, found := h.loyalty.Customer("A1")
	assert.False(t, found)

	r = h.run(t, runImport, input{text: "y\n", interactive: true}, args...)
	require.NoError(t, r.err)
	_, found = h.loyalty.Customer("A1")
	assert.True(t, found)
}

// Bad input is refused with a message that says what to do, before
// anything is sent.
func TestImportExplainsBadInput(t *testing.T) {
	h := newHeadless(t)
	good := h.file(t, "good.csv", "Code,First name\nA1,Amy\n")
	broken := h.file(t, "broken.csv", "Code,First name\nA1,\"Amy\nA2,Bo\n")
	unknown := h.file(t, "unknown.csv", "Shoe size,Colour\n42,red\n")
	base := []string{"--mode", "update", "--campaigns", campaign, "--yes"}
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"missing file", append([]string{"import", filepath.Join(h.dir, "nope.csv")}, base...), "nope.csv: no such file"},
		{"no file", append([]string{"import"}, base...), "name the file to import"},
		{"malformed file", append([]string{"import", broken}, base...), "broken.csv: line 2"},
		{"unknown campaign", []string{"import", good, "--mode", "update", "--campaigns", "999", "--yes"},
			"unknown campaign 999: account greatwidgets has " + campaign + " (Widget Points, points)"},
		{"map to no column", append([]string{"import", good, "--map", "Shoe=code"}, base...), `no column is named "Shoe"`},
		{"map past the last column", append([]string{"import", good, "--map", "7=code"}, base...), "there is no column 7 (the file has 2)"},
		{"map to no field", append([]string{"import", good, "--map", "2=shoe_size"}, base...), `"shoe_size" is not a customer field`},
		{"map without =", append([]string{"import", good, "--map", "2"}, base...), "write it as column=field"},
		{"nothing mapped", append([]string{"import", unknown}, base...), "none of the columns (Shoe size, Colour) is a known customer field"},
		{"no mode", []string{"import", good, "--campaigns", campaign, "--yes"}, "--mode is required"},
		{"bad mode", []string{"import", good, "--mode", "merge", "--campaigns", campaign, "--yes"}, `--mode "merge"`},
		{"no campaigns", []string{"import", good, "--mode", "update", "--yes"}, "--campaigns is required"},
		{"bad delimiter", append([]string{"import", good, "--delimiter", "colon"}, base...), `--delimiter "colon"`},
		{"resume and discard", append([]string{"import", good, "--resume", "--discard"}, base...), "contradict"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := h.importFile(t, tc.args...)
			assert.Equal(t, 1, r.code)
			assert.ErrorContains(t, r.err, tc.want)
			assert.Empty(t, h.loyalty.RequestsOf("customers_batch"), "nothing is sent")
		})
	}
}

// importRows writes n rows with codes R01…
func importRows(n int) string {
	var b strings.Builder
	b.WriteString("Code,First name\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "R%02d,Name%d\n", i, i)
	}
	return b.String()
}

// loseChunk makes every attempt at the nth batch call from now on lose
// its answer (the server applies it).
func loseChunk(s *fakeserver.Server, nth int) {
	for attempt := range 3 {
		s.FailCall("customers_batch", nth+attempt, fakeserver.FaultLostAnswer)
	}
}

// An interrupted import goes on with --resume where it stopped, with the
// choices it started with: finished chunks are not sent again, and every
// row is in the store once.
func TestImportResumesWhereItStopped(t *testing.T) {
	h := newHeadless(t)
	path := h.file(t, "ten.csv", importRows(10))
	before := h.loyalty.CustomerCount()
	loseChunk(h.loyalty, 2)
	args := []string{"import", path, "--mode", "update", "--campaigns", campaign, "--chunk", "2", "--yes"}

	r := h.importFile(t, args...)
	require.Equal(t, 1, r.code)
	assert.Contains(t, r.out, "chunk 1/5: 2/10 rows")
	assert.Contains(t, r.out, "chunk 2/5: The connection dropped before the server's answer arrived. Check the connection, then retry; sending it again (attempt 2)")
	assert.ErrorContains(t, r.err, "the import stopped at chunk 2")
	assert.ErrorContains(t, r.err, "2 of 10 rows were sent; run the same command again (or add --resume)")
	journals, _ := filepath.Glob(filepath.Join(h.stateDir, "import-*.jsonl"))
	require.Len(t, journals, 1, "the journal stays for a resume")

	h.loyalty.ResetRequests()
	r = h.importFile(t, "import", path, "--resume", "--yes")
	require.NoError(t, r.err)
	assert.Contains(t, r.out, "Resuming the import of ten.csv with the choices it started with (mode update, campaigns "+campaign+"; 2 of 10 rows sent")
	assert.Contains(t, r.out, "already sent before: 1/5 chunks, 2/10 rows")
	assert.Contains(t, r.out, "chunk 5/5: 10/10 rows")
	assert.Equal(t, []string{"R03", "R04", "R05", "R06", "R07", "R08", "R09", "R10"}, h.batchCodes(t), "chunk 1 is not sent again")
	assert.Equal(t, before+10, h.loyalty.CustomerCount(), "every row is in the store once")
	for i := 1; i <= 10; i++ {
		_, ok := h.loyalty.Customer(fmt.Sprintf("R%02d", i))
		assert.True(t, ok)
	}
	journals, _ = filepath.Glob(filepath.Join(h.stateDir, "import-*.jsonl"))
	assert.Empty(t, journals, "a finished import leaves no journal")
}

// The same command run again after an interruption goes on by itself; with
// other choices it needs --resume or --discard.
func TestImportInterruptedImportNeedsADecisionForOtherChoices(t *testing.T) {
	h := newHeadless(t)
	path := h.file(t, "ten.csv", importRows(10))
	loseChunk(h.loyalty, 2)
	args := []string{"import", path, "--campaigns", campaign, "--chunk", "2", "--yes"}
	require.Equal(t, 1, h.importFile(t, append(args, "--mode", "update")...).code)

	r := h.importFile(t, append(args, "--mode", "ignore")...)
	assert.Equal(t, 1, r.code)
	assert.ErrorContains(t, r.err, "ten.csv has an interrupted import with other choices (mode update")
	assert.ErrorContains(t, r.err, "run again with --resume to finish it, or with --discard")

	h.loyalty.ResetRequests()
	r = h.importFile(t, append(args, "--mode", "ignore", "--discard")...)
	require.NoError(t, r.err)
	assert.Contains(t, r.out, "Discarded the interrupted import of ten.csv")
	assert.Len(t, h.batchCodes(t), 10, "a discarded import starts afresh")

	loseChunk(h.loyalty, 3)
	require.Equal(t, 1, h.importFile(t, append(args, "--mode", "update")...).code)
	h.loyalty.ResetRequests()
	r = h.importFile(t, append(args, "--mode", "update")...)
	require.NoError(t, r.err)
	assert.Contains(t, r.out, "Continuing the interrupted import of ten.csv (mode update")
	assert.Len(t, h.batchCodes(t), 6, "the same import goes on after its two finished chunks")
}

// On a terminal the command offers to resume an interrupted import that
// had other choices.
func TestImportOffersToResumeOnATerminal(t *testing.T) {
	h := newHeadless(t)
	path := h.file(t, "ten.csv", importRows(10))
	loseChunk(h.loyalty, 2)
	args := []string{"import", path, "--campaigns", campaign, "--chunk", "2"}
	require.Equal(t, 1, h.importFile(t, append(args, "--mode", "update", "--yes")...).code)

	h.loyalty.ResetRequests()
	r := h.run(t, runImport, input{text: "r\ny\n", interactive: true}, append(args, "--mode", "ignore")...)
	require.NoError(t, r.err)
	assert.Contains(t, r.out, "Resume it [r], discard it and import with the choices given now [d], or quit [q]?")
	assert.Contains(t, r.out, "Preview (mode update;")
	assert.Len(t, h.batchCodes(t), 8, "the interrupted import goes on")
}

// A chunk holding auto_add amounts whose answer was lost is not sent again
// blindly: the command stops and says how to choose.
func TestImportUncertainChunkNeedsAChoice(t *testing.T) {
	h := newHeadless(t)
	path := h.file(t, "bonus.csv", "Code,First name,Bonus\nB1,Bea,25\nB2,Ben,25\nB3,Bo,25\n")
	h.loyalty.FailCall("customers_batch", 2, fakeserver.FaultLostAnswer)
	args := []string{"import", path, "--mode", "update", "--campaigns", campaign, "--chunk", "2", "--yes"}

	r := h.importFile(t, args...)
	require.Equal(t, 1, r.code)
	assert.ErrorContains(t, r.err, "sending it again could add the auto_add amounts twice")
	assert.ErrorContains(t, r.err, "--uncertain resend")
	assert.Len(t, h.batchCodes(t), 3, "the uncertain chunk went out once")

	r = h.importFile(t, append(args, "--uncertain", "set-aside")...)
	require.Equal(t, exitRejected, r.code)
	assert.Contains(t, r.out, "Set aside after a lost answer: 1 row; check those customers")
	recs := readCSV(t, filepath.Join(h.dir, "bonus.rejected.csv"))
	require.Len(t, recs, 2)
	assert.Equal(t, "B3", recs[1][2])
	assert.Contains(t, recs[1][1], "may or may not have been imported")
	b3, _ := h.loyalty.Customer("B3")
	assert.Equal(t, "25", b3.Balances[campaign], "the bonus was added once")
}

// --demo runs the import against the built-in fake, through dispatch.
func TestImportDemo(t *testing.T) {
	h := newHeadless(t)
	path := h.file(t, "demo.csv", "Code,First name,Birthday\nD1,Dan,1990-01-02\n")
	var out, errOut bytes.Buffer
	err := dispatch([]string{"import", path, "--demo", "--mode", "update", "--campaigns", campaign, "--yes"}, &out, &errOut)
	t.Log(out.String(), errOut.String())
	require.NoError(t, err)
	assert.Contains(t, out.String(), "Sending 1 row to account greatwidgets (demo)")
	assert.Regexp(t, `Done in \S+: 1 new, 0 updated, 0 skipped, 0 rejected\.`, out.String())
	assert.FileExists(t, filepath.Join(h.stateDir, "demo", "demo.log"))
}
