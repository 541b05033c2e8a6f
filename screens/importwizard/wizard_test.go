package importwizard_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/apiclient/fakeserver/imonggofake"
	"loyaltydesk/apiclient/imonggo"
	"loyaltydesk/custindex"
	"loyaltydesk/screens/importwizard"
	"loyaltydesk/ui"
	"loyaltydesk/ui/uitest"
)

// fixture has a BOM, CRLF line ends, quoted fields (a comma, doubled
// quotes), an existing customer (Jane Doe's code), a fixable date, a date
// that cannot be read, a value holding a pipe and a code given twice.
const fixture = "\ufeffCustomer ID,First Name,Surname,E-mail,Birthday,Notes\r\n" +
	fakeserver.DemoCode + ",Jane,Doe,jane.new@example.com,1970-07-14,likes brie\r\n" +
	"C-0001,Ana,Silva,ana@example.com,14/07/1980,\"quoted, with comma\"\r\n" +
	"C-0002,Bob,Ray,bob@example.com,04-06-05,\r\n" +
	"C-0003,Cy,Lee,cy@example.com,1990-01-02,has | pipe\r\n" +
	"C-0004,Di,\"Ng \"\"Junior\"\"\",di@example.com,1991-02-03,\r\n" +
	"C-0005,Ed,Oh,ed@example.com,1992-03-04,\r\n" +
	"C-0005,Eve,Oh,eve@example.com,1993-04-05,\r\n" +
	"C-0006,Flo,Ma,flo@example.com,,\r\n"

// The rows of the fixture that are sent (the valid and the fixed ones).
var sentCodes = []string{fakeserver.DemoCode, "C-0001", "C-0003", "C-0004", "C-0006"}

type env struct {
	fake    *fakeserver.Server
	pos     *imonggofake.Server
	clock   *clock
	url     string
	state   string
	fixture string
}

// clock is the Imonggo fake's time, moved on by the test between syncs.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func newEnv(t *testing.T) *env {
	t.Helper()
	fake := fakeserver.New(fakeserver.Options{Customers: 50})
	clk := &clock{now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	pos := imonggofake.New(imonggofake.Options{Customers: 12, Codes: []string{fakeserver.DemoCode}, Now: clk.Now})
	fake.Mount("/api/", pos)
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	path := filepath.Join(dir, "customers.csv")
	require.NoError(t, os.WriteFile(path, []byte(fixture), 0o600))
	return &env{fake: fake, pos: pos, clock: clk, url: srv.URL, state: filepath.Join(dir, "state"), fixture: path}
}

func (e *env) common(t *testing.T) *ui.Common {
	c := uitest.NewCommon(t, e.url, uitest.Options{StateDir: e.state, Settings: ui.Settings{ImportChunkRows: 2}})
	pos, err := imonggo.New(imonggo.Options{Account: "test", BaseURL: e.url + "/api/", Token: imonggofake.DemoToken})
	require.NoError(t, err)
	c.Settings.Imonggo = pos
	return c
}

// widthGuard checks, after every message, that no line of the screen is
// wider than the window.
type widthGuard struct {
	tea.Model
	width int
	mu    sync.Mutex
	wide  []string
}

func (g *widthGuard) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if ws, ok := msg.(tea.WindowSizeMsg); ok {
		g.width = ws.Width
	}
	m, cmd := g.Model.Update(msg)
	g.Model = m
	for _, l := range strings.Split(g.Model.View(), "\n") {
		if lipgloss.Width(l) > g.width {
			g.mu.Lock()
			g.wide = append(g.wide, l)
			g.mu.Unlock()
		}
	}
	return g, cmd
}

func (g *widthGuard) tooWide() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.wide
}

type run struct {
	*uitest.Harness
	guard *widthGuard
}

func start(t *testing.T, c *ui.Common, w, h int, factory ui.PageFactory) *run {
	t.Helper()
	app := ui.NewApp(c, map[ui.PageID]ui.PageFactory{ui.PageImport: factory}, ui.PageImport)
	g := &widthGuard{Model: app, width: w}
	r := &run{Harness: uitest.Start(t, g, w, h), guard: g}
	t.Cleanup(func() { require.Empty(t, g.tooWide(), "lines wider than the window") })
	return r
}

func (r *run) enter() { r.Key(tea.KeyEnter) }

// upload asks for the upload on the preview and answers yes: enter alone
// never starts it.
func (r *run) upload(t *testing.T) {
	t.Helper()
	r.enter()
	r.WaitFor(t, "Import ", "yes, upload")
	r.Type("y")
}
func (r *run) space()            { r.Key(tea.KeySpace) }
func (r *run) key(k tea.KeyType) { r.Key(k) }

// numbers waits for a line matching re (with number groups) and returns
// the numbers of the last such line drawn.
func (r *run) numbers(t *testing.T, re string) []int {
	t.Helper()
	rx := regexp.MustCompile(re)
	var got []int
	r.WaitUntil(t, func(out string) bool {
		all := rx.FindAllStringSubmatch(out, -1)
		if len(all) == 0 {
			return false
		}
		got = got[:0]
		for _, s := range all[len(all)-1][1:] {
			n, _ := strconv.Atoi(s)
			got = append(got, n)
		}
		return true
	}, "waiting for %s", re)
	return got
}

// pickFirstCampaign opens the campaigns, picks the first and closes them.
func (r *run) pickFirstCampaign(t *testing.T) {
	r.WaitFor(t, "Campaigns *", "Generate card numbers", "No undo")
	r.enter() // no campaign yet: enter opens the list
	r.WaitFor(t, "[ ] Widget Points")
	r.space()
	r.WaitFor(t, "[x] Widget Points")
	r.enter() // closes the list
}

// walkFileToPreview goes through source, format, mapping, validation and
// options (first campaign) to the duplicate-mode preview.
func (r *run) walkFileToPreview(t *testing.T, path string) {
	t.Helper()
	r.walkFileToOptions(t, path)
	r.enter()
	r.WaitFor(t, "5 rows to send", "Mode (←/→)")
}

// walkFileToOptions goes through source, format, mapping and validation
// to the options, the first campaign picked.
func (r *run) walkFileToOptions(t *testing.T, path string) {
	t.Helper()
	r.WaitFor(t, "Where do the customers come from?")
	r.Type(path)
	r.enter()
	r.WaitFor(t, "Delimiter   comma", "Header row  yes", "Encoding", "The first", "Customer ID")
	r.enter()
	r.WaitFor(t, "Map the 6 columns of customers.csv (8 rows)", "Birthday", "Note", "› Customer ID") // the selected row is marked without colour
	r.enter()
	r.WaitFor(t, "4 valid", "1 fixable", "3 rejected", "separated by tab", "04-06-05", "the same code is on line")
	r.enter()
	r.pickFirstCampaign(t)
}

// toRejectedOption moves from the campaigns to "Rejected rows to".
func (r *run) toRejectedOption() {
	for range 4 {
		r.key(tea.KeyTab)
	}
}

func TestWizardImportsAFileThroughEveryStep(t *testing.T) {
	e := newEnv(t)
	before := e.fake.CustomerCount()
	r := start(t, e.common(t), 100, 30, importwizard.New)
	r.walkFileToPreview(t, e.fixture)
	require.Equal(t, []int{4, 0, 1, 0, 0}, r.numbers(t, `› update\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)`))
	r.WaitFor(t, "jdoe@email.com", "jane.new@example.com") // Jane's before → after
	r.upload(t)
	r.WaitFor(t, "Took ", "customers.rejected.csv")
	require.Equal(t, []int{4, 4}, r.numbers(t, `New\s+(\d+)\s+(\d+)`), "server and preview agree")
	require.Equal(t, []int{1, 1}, r.numbers(t, `Updated\s+(\d+)\s+(\d+)`))
	require.Equal(t, []int{3, 3}, r.numbers(t, `Rejected\s+(\d+)\s+(\d+)`))

	require.Equal(t, before+4, e.fake.CustomerCount())
	jane, ok := e.fake.Customer(fakeserver.DemoCode)
	require.True(t, ok)
	require.Equal(t, "jane.new@example.com", jane.Email)
	require.Equal(t, "123 Main St.", jane.Street1, "update keeps what the file does not hold")
	ana, _ := e.fake.Customer("C-0001")
	require.Equal(t, "1980-07-14", ana.CustomDate, "the fixable date was sent converted")
	require.Equal(t, "quoted, with comma", ana.CustomField)
	cy, _ := e.fake.Customer("C-0003")
	require.Equal(t, "has | pipe", cy.CustomField, "a value holding a pipe travelled whole")
	di, _ := e.fake.Customer("C-0004")
	require.Equal(t, `Ng "Junior"`, di.LastName)
	for _, code := range []string{"C-0002", "C-0005"} {
		_, ok := e.fake.Customer(code)
		require.False(t, ok, "%s was rejected and not sent", code)
	}
	rejected, err := os.ReadFile(filepath.Join(filepath.Dir(e.fixture), "customers.rejected.csv"))
	require.NoError(t, err)
	require.Contains(t, string(rejected), "04-06-05")
	require.Equal(t, 2, strings.Count(string(rejected), "C-0005"))
}

// The preview's numbers for the mode chosen are what the server then does.
func TestPreviewMatchesWhatTheServerDoes(t *testing.T) {
	for _, tc := range []struct {
		mode  apiclient.DuplicateMode
		label string
		lefts int
	}{
		{apiclient.Overwrite, "replace every field", 1},
		{apiclient.Update, "update", 0},
		{apiclient.Ignore, "ignore", 2},
	} {
		t.Run(string(tc.mode), func(t *testing.T) {
			e := newEnv(t)
			before := e.fake.CustomerCount()
			r := start(t, e.common(t), 100, 30, importwizard.New)
			r.walkFileToPreview(t, e.fixture)
			for range tc.lefts {
				r.key(tea.KeyLeft)
			}
			p := r.numbers(t, `› `+tc.label+`\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)`)
			newRows, overwritten, updated, skipped := p[0], p[1], p[2], p[3]
			r.upload(t)
			r.WaitFor(t, "Took ")
			require.Equal(t, []int{newRows, newRows}, r.numbers(t, `New\s+(\d+)\s+(\d+)`))
			require.Equal(t, []int{overwritten + updated, overwritten + updated}, r.numbers(t, `Updated\s+(\d+)\s+(\d+)`))
			require.Equal(t, []int{skipped, skipped}, r.numbers(t, `Skipped\s+(\d+)\s+(\d+)`))
			require.Equal(t, before+newRows, e.fake.CustomerCount(), "the rows said to be new were created")

			jane, _ := e.fake.Customer(fakeserver.DemoCode)
			switch tc.mode {
			case apiclient.Overwrite:
				require.Equal(t, 1, overwritten)
				require.Equal(t, "", jane.Street1, "overwrite blanked what the file does not hold, as the diff showed")
				require.Equal(t, "jane.new@example.com", jane.Email)
			case apiclient.Update:
				require.Equal(t, 1, updated)
				require.Equal(t, "123 Main St.", jane.Street1)
				require.Equal(t, "jane.new@example.com", jane.Email)
			case apiclient.Ignore:
				require.Equal(t, 1, skipped)
				require.Equal(t, "jdoe@email.com", jane.Email, "ignore left Jane untouched")
			}
		})
	}
}

// The overwrite diff shows the fields that would be blanked.
func TestOverwriteDiffShowsBlankedFields(t *testing.T) {
	e := newEnv(t)
	r := start(t, e.common(t), 100, 30, importwizard.New)
	r.walkFileToPreview(t, e.fixture)
	r.key(tea.KeyLeft)
	r.WaitFor(t, "› replace every field", "Replace every field: an existing customer is blanked")
	r.WaitUntil(t, func(out string) bool {
		return regexp.MustCompile(`Street\s+123 Main St\.\s+→\s+\(blank\)`).MatchString(out)
	}, "the overwrite diff blanks street1")
}

// An upload cut off after chunk k is offered again by a wizard built on
// the same state dir, resumes, and leaves each row in the store once.
func TestInterruptedUploadResumes(t *testing.T) {
	for _, fault := range []fakeserver.FaultKind{fakeserver.FaultHTTP500, fakeserver.FaultLostAnswer} {
		t.Run(fault.String(), func(t *testing.T) {
			e := newEnv(t)
			before := e.fake.CustomerCount()
			r := start(t, e.common(t), 100, 30, importwizard.NewWithRetryDelay(time.Hour))
			r.walkFileToPreview(t, e.fixture)
			e.fake.FailCall("customers_batch", 2, fault) // chunk 2 of 3 gets no usable answer
			r.upload(t)
			r.WaitFor(t, "retrying (attempt 2)")
			r.Send(tea.KeyMsg{Type: tea.KeyCtrlX})
			r.WaitFor(t, "Stop after the chunk being sent?")
			r.Type("y")
			r.WaitFor(t, "Stopped as you asked")
			sentBefore := len(e.fake.RequestsOf("customers_batch"))

			again := start(t, e.common(t), 100, 30, importwizard.New)
			again.WaitFor(t, "An import was interrupted", "customers.csv", "2 of 5 rows")
			again.Type("r")
			again.WaitFor(t, "(resumed: the")
			rows := 0
			for _, req := range e.fake.RequestsOf("customers_batch")[sentBefore:] {
				rows += strings.Count(strings.TrimSpace(req.Form.Get("Profiles_Data")), "\n") + 1
			}
			require.Equal(t, 3, rows, "only chunks 2 and 3 were sent again")
			require.Equal(t, before+4, e.fake.CustomerCount(), "each row is in the store once")
			for _, code := range sentCodes {
				_, ok := e.fake.Customer(code)
				require.True(t, ok, code)
			}
		})
	}
}

func TestBadPathAndMalformedFileKeepTheInput(t *testing.T) {
	e := newEnv(t)
	r := start(t, e.common(t), 100, 30, importwizard.New)
	r.WaitFor(t, "Where do the customers come from?")
	r.Type("/no/such/file.csv")
	r.enter()
	r.WaitFor(t, "there is no file at /no/such/file.csv", "file › /no/such/file.csv")

	bad := filepath.Join(t.TempDir(), "bad.csv")
	require.NoError(t, os.WriteFile(bad, []byte("a,b\n\"unclosed,quote\nx,y\n"), 0o600))
	r.Send(tea.KeyMsg{Type: tea.KeyCtrlU})
	r.Type(bad)
	r.enter()
	r.WaitFor(t, "is never closed")
	r.enter()
	r.WaitFor(t, "bad.csv: line 2: a quoted value starts here and is never closed")
}

// The file picker starts in the folder of the typed path, opens folders
// and reads the file chosen.
func TestFilePickerChoosesAFile(t *testing.T) {
	e := newEnv(t)
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.csv"), []byte(fixture), 0o600))
	require.NoError(t, os.Mkdir(filepath.Join(dir, "sub"), 0o700))
	chosen := filepath.Join(dir, "sub", "b.csv")
	require.NoError(t, os.WriteFile(chosen, []byte(fixture), 0o600))
	r := start(t, e.common(t), 100, 30, importwizard.New)
	r.WaitFor(t, "Where do the customers come from?")
	r.Type(dir + "/")
	r.Send(tea.KeyMsg{Type: tea.KeyCtrlO})
	r.WaitFor(t, "Choose the file to import", "› ..", "sub/", "a.csv")
	r.key(tea.KeyDown)
	r.WaitForNew(t, "› sub/")
	r.enter()
	r.WaitForNew(t, "b.csv")
	r.key(tea.KeyDown)
	r.WaitForNew(t, "› b.csv")
	r.enter()
	r.WaitFor(t, "Delimiter   comma", "File        "+chosen)
}

// At 80×24 every step fits: the guard of start checks every frame.
func TestEveryStepFitsAt80x24(t *testing.T) {
	e := newEnv(t)
	r := start(t, e.common(t), 80, 24, importwizard.New)
	r.WaitFor(t, "1 Source › ")
	r.walkFileToPreview(t, e.fixture)
	r.upload(t)
	r.WaitFor(t, "Took ")
	r.Send(tea.WindowSizeMsg{Width: 120, Height: 40})
	r.WaitForNew(t, "✓1 Source › ✓2 Format › ✓3 Mapping")
	r.Send(tea.WindowSizeMsg{Width: 60, Height: 16})
	r.WaitForNew(t, "8 Result")
}

// The Imonggo source imports the changed customers with a code; a second
// run imports only those changed since, lists the deleted and code-less
// ones, and the sync date is stored only after an import went through.
func TestImonggoSourceImportsOnlyChanges(t *testing.T) {
	e := newEnv(t)
	withCode := e.activeWithCode()
	before := e.fake.CustomerCount()
	janeBefore, _ := e.fake.Customer(fakeserver.DemoCode)
	c := e.common(t)
	r := start(t, c, 100, 30, importwizard.New)
	r.importFromImonggo(t, withCode, true)
	r.WaitFor(t, "Took ", "Sync date stored")
	e.requireBlanksKept(t, c.Settings.Imonggo, janeBefore)
	require.Equal(t, []int{withCode - 1, withCode - 1}, r.numbers(t, `New\s+(\d+)\s+(\d+)`))
	require.Equal(t, []int{1, 1}, r.numbers(t, `Updated\s+(\d+)\s+(\d+)`), "Jane Doe's code is in both")
	require.Equal(t, before+withCode-1, e.fake.CustomerCount())

	e.clock.advance(time.Minute)
	ids := e.pos.IDs()
	require.NoError(t, e.pos.Touch(ids[0]))
	newID, err := e.pos.Add(imonggofake.Fields{"code": "POS-NEW", "first_name": "Nia", "last_name": "New"})
	require.NoError(t, err)
	require.NoError(t, e.pos.Delete(ids[1]))
	_, err = e.pos.Add(imonggofake.Fields{"code": "", "first_name": "Cody", "last_name": "Less"})
	require.NoError(t, err)

	second := start(t, e.common(t), 100, 30, importwizard.New)
	second.importFromImonggo(t, 2, false)
	second.WaitFor(t, "Took ", "deleted in Imonggo", "not deleted automatically", "Cody Less", "no code in Imonggo")
	require.Equal(t, []int{1, 1}, second.numbers(t, `New\s+(\d+)\s+(\d+)`))
	nia, ok := e.fake.Customer("POS-NEW")
	require.True(t, ok, "the customer added in Imonggo (id %d) was imported", newID)
	require.Equal(t, "Nia", nia.FirstName)
	require.Equal(t, before+withCode, e.fake.CustomerCount())

	third := start(t, e.common(t), 100, 30, importwizard.New)
	third.WaitFor(t, "Imonggo POS", "last sync 2026-")
	third.key(tea.KeyDown)
	third.enter()
	third.WaitFor(t, "No customer changed in Imonggo since the last sync.")
}

// requireBlanksKept checks that the loyalty customer the POS shares
// (Jane Doe) kept every field the POS leaves empty: the wizard imports
// from Imonggo with "blank keeps field" on.
func (e *env) requireBlanksKept(t *testing.T, pos *imonggo.Client, before fakeserver.Customer) {
	t.Helper()
	after, _ := e.fake.Customer(fakeserver.DemoCode)
	loyalty := func(c fakeserver.Customer) map[string]string {
		return map[string]string{"first_name": c.FirstName, "last_name": c.LastName, "email": c.Email, "phone": c.Phone,
			"street1": c.Street1, "city": c.City, "state": c.State, "postal_code": c.PostalCode, "country": c.Country, "custom_date": c.CustomDate}
	}
	was, now := loyalty(before), loyalty(after)
	for _, id := range e.pos.IDs() {
		f, _ := e.pos.Customer(id)
		if f["code"] != fakeserver.DemoCode {
			continue
		}
		cust, err := pos.Get(context.Background(), id)
		require.NoError(t, err)
		kept := 0
		for i, h := range imonggo.ProfileHeaders {
			v := imonggo.ProfileRow(cust)[i]
			switch {
			case h == "code":
			case v == "":
				require.Equal(t, was[h], now[h], "%s is empty in Imonggo, so the loyalty value stays", h)
				kept++
			default:
				require.Equal(t, v, now[h], h)
			}
		}
		require.NotZero(t, kept, "the shared customer leaves some field empty in Imonggo")
		return
	}
	t.Fatal("no Imonggo customer has Jane Doe's code")
}

// activeWithCode counts the Imonggo customers a first sync imports.
func (e *env) activeWithCode() int {
	n := 0
	for _, id := range e.pos.IDs() {
		f, _ := e.pos.Customer(id)
		if f["status"] != imonggo.StatusDeleted && f["code"] != "" {
			n++
		}
	}
	return n
}

// importFromImonggo walks the Imonggo source to the result, expecting
// rows customers to import. renames says the POS's customer with Jane
// Doe's code has other names than hers (the first import of the seed):
// the preview then asks "is this the same person?", and this import takes
// the POS's word for it.
func (r *run) importFromImonggo(t *testing.T, rows int, renames bool) {
	t.Helper()
	r.WaitFor(t, "Imonggo POS", "account test")
	r.key(tea.KeyDown)
	r.enter()
	r.WaitFor(t, fmt.Sprintf("Map the 11 columns of imonggo-test (%d rows)", rows))
	r.enter()
	r.WaitFor(t, "valid")
	r.enter()
	r.pickFirstCampaign(t)
	r.enter()
	r.WaitFor(t, "Mode (←/→)")
	if renames {
		r.WaitFor(t, "Is this the same person?")
		r.space()
		r.WaitFor(t, "clearly different names: imported")
	}
	r.upload(t)
}

// A failed Imonggo import leaves the sync date alone: the next wizard
// offers to go on with it, fetches the same changes again, and stores the
// date once the import went through.
func TestImonggoDateStoredOnlyAfterTheImport(t *testing.T) {
	e := newEnv(t)
	c := e.common(t)
	r := start(t, c, 100, 30, importwizard.NewWithRetryDelay(time.Millisecond))
	r.WaitFor(t, "last sync never")
	for n := 1; n <= 3; n++ { // every attempt at the first chunk fails
		e.fake.FailCall("customers_batch", n, fakeserver.FaultHTTP500)
	}
	rows := e.activeWithCode()
	r.importFromImonggo(t, rows, true)
	r.WaitFor(t, "Stopped", "go on from where it stopped")
	s, err := imonggo.NewSync(c.Settings.Imonggo, imonggo.SyncOptions{StateDir: e.state})
	require.NoError(t, err)
	prev, err := s.Previous()
	require.NoError(t, err)
	require.True(t, prev.IsZero(), "no date is stored while the import has not gone through")

	again := start(t, e.common(t), 100, 30, importwizard.New)
	again.WaitFor(t, "An import was interrupted", "imonggo-test", "fetch the Imonggo changes again")
	again.Type("r")
	again.WaitFor(t, fmt.Sprintf("Map the 11 columns of imonggo-test (%d rows)", rows))
	again.enter()
	again.WaitFor(t, "valid")
	again.enter()
	again.WaitFor(t, "Campaigns *", "Widget Points (points)") // the campaign of the interrupted import is chosen again
	again.enter()
	again.WaitFor(t, "Mode (←/→)")
	again.upload(t)
	again.WaitFor(t, "Took ", "Sync date stored")
	prev, err = s.Previous()
	require.NoError(t, err)
	require.False(t, prev.IsZero())
}

// stopAfterFailures starts the upload with every attempt at chunk 1
// failing, so that it stops with its journal.
func (r *run) stopAfterFailures(t *testing.T, e *env) {
	t.Helper()
	for n := 1; n <= 3; n++ {
		e.fake.FailCall("customers_batch", n, fakeserver.FaultHTTP500)
	}
	r.upload(t)
	r.WaitFor(t, "Stopped", "go on from where it stopped")
}

// An interrupted import can be discarded: its journal goes, and the next
// wizard offers nothing.
func TestInterruptedImportCanBeDiscarded(t *testing.T) {
	e := newEnv(t)
	r := start(t, e.common(t), 100, 30, importwizard.NewWithRetryDelay(time.Millisecond))
	r.walkFileToPreview(t, e.fixture)
	r.stopAfterFailures(t, e)

	again := start(t, e.common(t), 100, 30, importwizard.New)
	again.WaitFor(t, "An import was interrupted", "0 of 5 rows")
	again.Type("x")
	again.WaitFor(t, "was discarded", "Where do the customers come from?")
	third := start(t, e.common(t), 100, 30, importwizard.New)
	third.WaitFor(t, "Where do the customers come from?")
	require.NotContains(t, third.All(), "An import was interrupted")
}

// A chunk with auto_add amounts whose answer was lost is not sent again
// blindly: the wizard asks, and set aside, its rows go to the rejected
// file as of unknown outcome.
func TestUnknownOutcomeChunkIsAskedAbout(t *testing.T) {
	e := newEnv(t)
	path := filepath.Join(t.TempDir(), "points.csv")
	require.NoError(t, os.WriteFile(path, []byte("code,first_name,points\nP-1,Pat,5\nP-2,Pia,5\nP-3,Poe,5\n"), 0o600))
	r := start(t, e.common(t), 100, 30, importwizard.New)
	r.WaitFor(t, "Where do the customers come from?")
	r.Type(path)
	r.enter()
	r.WaitFor(t, "Delimiter   comma")
	r.enter()
	r.WaitFor(t, "Map the 3 columns", "— skip — (Points to add?)")
	r.key(tea.KeyDown)
	r.key(tea.KeyDown)
	r.key(tea.KeyLeft) // auto_add is the last header
	r.WaitFor(t, "  Points to add")
	r.enter()
	r.WaitFor(t, "3 valid")
	r.enter()
	r.pickFirstCampaign(t)
	r.enter()
	r.WaitFor(t, "3 rows to send", "Mode (←/→)")
	e.fake.FailCall("customers_batch", 1, fakeserver.FaultLostAnswer)
	r.upload(t)
	r.WaitFor(t, "a chunk's outcome is unknown", "add the auto_add amounts twice", "set its rows aside")
	r.Type("a")
	r.WaitFor(t, "Took ", "2 of unknown outcome", "points.rejected.csv")
	p1, _ := e.fake.Customer("P-1")
	require.Equal(t, "5", p1.Balances[fakeserver.PointsCampaignID], "the lost chunk was applied once, not twice")
	rejected, err := os.ReadFile(filepath.Join(filepath.Dir(path), "points.rejected.csv"))
	require.NoError(t, err)
	require.Contains(t, string(rejected), "P-2")
}

// The customers an import sent are in the name search at once, though the
// index was brought up to date just before the import.
func TestImportedCustomersAreInTheNameSearchAtOnce(t *testing.T) {
	e := newEnv(t)
	c := e.common(t)
	c.Customers.Refresh(c.API, time.Minute) // as a search opened before the import leaves it
	findsAna := func(ix *custindex.Index) bool { return ix != nil && ix.Search("ana silva", 5, nil, nil).Total == 1 }
	waitForIndex(t, c, func(ix *custindex.Index) bool { return ix != nil })
	require.False(t, findsAna(c.Customers.Status().Index))

	r := start(t, c, 100, 30, importwizard.New)
	r.walkFileToPreview(t, e.fixture)
	r.upload(t)
	r.WaitFor(t, "Took ")
	waitForIndex(t, c, findsAna)
}

// waitForIndex waits until the shared index satisfies ok.
func waitForIndex(t *testing.T, c *ui.Common, ok func(*custindex.Index) bool) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		st := c.Customers.Status()
		if ok(st.Index) {
			return
		}
		select {
		case <-st.Changed:
		case <-deadline:
			t.Fatal("the customer index did not get there")
		}
	}
}

// The options name where the rejected rows go: a name is taken from the
// source file's folder; a place that cannot be written is refused beside
// the field before anything is sent, the name kept to correct.
func TestRejectedRowsGoWhereTheOptionsSay(t *testing.T) {
	e := newEnv(t)
	dir := filepath.Dir(e.fixture)
	require.NoError(t, os.Mkdir(filepath.Join(dir, "taken.csv"), 0o700))
	r := start(t, e.common(t), 100, 30, importwizard.New)
	r.walkFileToOptions(t, e.fixture)
	r.toRejectedOption()
	r.Type("taken.csv") // a folder
	r.enter()
	r.WaitFor(t, "✗ cannot be written: it is a folder", "check the options marked ✗")
	for range len("taken.csv") {
		r.key(tea.KeyBackspace)
	}
	r.Type("../keys.csv") // a folder part: anywhere the server may write
	r.enter()
	r.WaitFor(t, "✗ a file name only")
	for range len("../keys.csv") {
		r.key(tea.KeyBackspace)
	}
	r.Type("config.toml") // the program's own files are out of reach
	r.enter()
	r.WaitFor(t, "✗ a name ending in .csv")
	require.Empty(t, e.fake.RequestsOf("customers_batch"))

	for range len("config.toml") {
		r.key(tea.KeyBackspace)
	}
	r.Type("set-aside.csv")
	r.enter()
	r.WaitFor(t, "5 rows to send", "Mode (←/→)")
	r.upload(t)
	r.WaitFor(t, "Took ", "set-aside.csv")
	rejected, err := os.ReadFile(filepath.Join(dir, "set-aside.csv"))
	require.NoError(t, err)
	require.Contains(t, string(rejected), "04-06-05")
	_, err = os.Stat(filepath.Join(dir, "customers.rejected.csv"))
	require.ErrorIs(t, err, os.ErrNotExist, "not in the usual place too")
}

// The rejected rows never replace the file being imported: naming it in
// "Rejected rows to" is refused beside the field, and the file is kept.
func TestRejectedRowsNeverReplaceTheSourceFile(t *testing.T) {
	e := newEnv(t)
	before, err := os.ReadFile(e.fixture)
	require.NoError(t, err)
	r := start(t, e.common(t), 100, 30, importwizard.New)
	r.walkFileToOptions(t, e.fixture)
	r.toRejectedOption()
	r.Type(filepath.Base(e.fixture))
	r.enter()
	r.WaitFor(t, "✗ cannot be written: it is the file being imported", "check the options marked ✗")
	require.Empty(t, e.fake.RequestsOf("customers_batch"))
	after, err := os.ReadFile(e.fixture)
	require.NoError(t, err)
	require.Equal(t, string(before), string(after))
}

// loyaltydesk's own files (the configuration with every profile's
// credentials, the state folder) are never read as an import source: over
// SSH one profile's session would show another's secrets in the format
// step. A link to them is refused too; the path typed stays to correct.
func TestTheProgramsOwnFilesAreNotImported(t *testing.T) {
	e := newEnv(t)
	short := func() string { // short paths: the message stays on one line
		dir, err := os.MkdirTemp("", "ld")
		require.NoError(t, err)
		t.Cleanup(func() { _ = os.RemoveAll(dir) })
		return dir
	}
	config := filepath.Join(short(), "config.toml")
	require.NoError(t, os.WriteFile(config, []byte("[profiles.other]\npassword = \"secret-of-another-store\"\n"), 0o600))
	link := filepath.Join(short(), "innocent.csv")
	require.NoError(t, os.Symlink(config, link))
	state := short()
	mappings := filepath.Join(state, "mappings.json")
	require.NoError(t, os.WriteFile(mappings, []byte("{}"), 0o600))
	c := e.common(t)
	c.Settings.Private = []string{config, state}
	r := start(t, c, 100, 30, importwizard.New)
	r.WaitFor(t, "Where do the customers come from?")
	for _, path := range []string{config, link, mappings} {
		r.Type(path)
		r.enter()
		r.WaitForNew(t, filepath.Base(path)+" is loyaltydesk's own")
		require.NotContains(t, r.All(), "secret-of-another-store")
		for range len(path) {
			r.key(tea.KeyBackspace)
		}
	}
	r.Type(e.fixture) // an ordinary file still goes through
	r.enter()
	r.WaitFor(t, "Delimiter   comma")
}
