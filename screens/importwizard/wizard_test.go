package importwizard_test

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/apiclient/fakeserver/imonggofake"
	"loyaltydesk/apiclient/imonggo"
	"loyaltydesk/screens/importwizard"
	"loyaltydesk/ui"
	"loyaltydesk/ui/uitest"
)

type env struct {
	fake    *fakeserver.Server
	pos     *imonggofake.Server
	url     string
	state   string
	fixture string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	fake := fakeserver.New(fakeserver.Options{Customers: 50})
	pos := imonggofake.New(imonggofake.Options{Customers: 12, Codes: []string{fakeserver.DemoCode}})
	fake.Mount("/api/", pos)
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	// BOM, CRLF, quoted fields, a fixable date, a bad e-mail, an existing
	// customer (Jane Doe's code) and a value holding a pipe.
	fixture := filepath.Join(dir, "customers.csv")
	body := "\ufeffCustomer ID,First Name,Surname,E-mail,Birthday,Notes\r\n" +
		fakeserver.DemoCode + ",Jane,Doe,jane.new@example.com,1970-07-14,likes brie\r\n" +
		"C-0001,Ana,Silva,ana@example.com,14/07/1980,\"quoted, with comma\"\r\n" +
		"C-0002,Bob,Ray,not-an-email,1966-07-28,\r\n" +
		"C-0003,Cy,Lee,cy@example.com,1990-01-02,has | pipe\r\n" +
		"C-0004,Di,Ng,di@example.com,1991-02-03,\r\n" +
		"C-0005,Ed,Oh,ed@example.com,1992-03-04,\r\n"
	require.NoError(t, os.WriteFile(fixture, []byte(body), 0o600))
	return &env{fake: fake, pos: pos, url: srv.URL, state: filepath.Join(dir, "state"), fixture: fixture}
}

func (e *env) common(t *testing.T, opts uitest.Options) *ui.Common {
	opts.StateDir = e.state
	opts.Settings.ImportChunkRows = 2
	c := uitest.NewCommon(t, e.url, opts)
	pos, err := imonggo.New(imonggo.Options{Account: "test", BaseURL: e.url + "/api/", Token: imonggofake.DemoToken})
	require.NoError(t, err)
	c.Settings.Imonggo = pos
	return c
}

func start(t *testing.T, c *ui.Common) *uitest.Harness {
	app := ui.NewApp(c, map[ui.PageID]ui.PageFactory{ui.PageImport: importwizard.New}, ui.PageImport)
	h := uitest.Start(t, app, 100, 30)
	h.WaitFor(t, "1 Source ›")
	return h
}

func enter(h *uitest.Harness) { h.Key(tea.KeyEnter) }

// walkToPreview types the fixture's path and goes through format, mapping,
// validation and options (first campaign) to the preview.
func walkToPreview(t *testing.T, h *uitest.Harness, path string) {
	h.WaitFor(t, "Where do the customers come from?")
	h.Type(path)
	enter(h)
	h.WaitFor(t, "Delimiter   comma", "First rows")
	enter(h)
	h.WaitFor(t, "Map the 6 columns (6 rows)", "custom_field")
	enter(h)
	h.WaitFor(t, "4 valid", "1 fixable", "1 rejected", "not-an-email")
	enter(h)
	h.WaitFor(t, "Campaigns to enrol in", "Widget Points")
	h.Key(tea.KeySpace)
	enter(h)
	h.WaitFor(t, "Mode (←/→)", "5 rows: 4 new, 0 overwritten, 1 updated")
}

func TestWizardImportsAFileThroughEveryStep(t *testing.T) {
	e := newEnv(t)
	h := start(t, e.common(t, uitest.Options{}))
	walkToPreview(t, h, e.fixture)
	h.WaitFor(t, "jdoe@email.com", "jane.new@example.com") // Jane's before → after
	enter(h)
	h.WaitFor(t, "Import finished", "New        4", "Updated    1", "Rejected   1", "customers.rejected.csv")

	jane, ok := e.fake.Customer(fakeserver.DemoCode)
	require.True(t, ok)
	require.Equal(t, "jane.new@example.com", jane.Email)
	require.Equal(t, "123 Main St.", jane.Street1, "update keeps what the file does not hold")
	ana, ok := e.fake.Customer("C-0001")
	require.True(t, ok)
	require.Equal(t, "1980-07-14", ana.CustomDate, "the fixable date was sent converted")
	cy, ok := e.fake.Customer("C-0003")
	require.True(t, ok)
	require.Equal(t, "has | pipe", cy.CustomField, "a value holding a pipe travelled whole")
	_, ok = e.fake.Customer("C-0002")
	require.False(t, ok, "the rejected row was not sent")
	rejected, err := os.ReadFile(filepath.Join(filepath.Dir(e.fixture), "customers.rejected.csv"))
	require.NoError(t, err)
	require.Contains(t, string(rejected), "not-an-email")
}

// The preview's counts for each mode are what the server then does.
func TestPreviewMatchesWhatTheServerDoes(t *testing.T) {
	for _, tc := range []struct {
		mode                 apiclient.DuplicateMode
		lefts                int
		line                 string
		wantNew, wantUpdated int
	}{
		{apiclient.Overwrite, 1, "5 rows: 4 new, 1 overwritten, 0 updated, 0 skipped", 4, 1},
		{apiclient.Update, 0, "5 rows: 4 new, 0 overwritten, 1 updated, 0 skipped", 4, 1},
		{apiclient.Ignore, 2, "5 rows: 4 new, 0 overwritten, 0 updated, 1 skipped", 4, 0},
	} {
		t.Run(string(tc.mode), func(t *testing.T) {
			e := newEnv(t)
			h := start(t, e.common(t, uitest.Options{}))
			walkToPreview(t, h, e.fixture)
			for range tc.lefts {
				h.Key(tea.KeyLeft)
			}
			h.WaitFor(t, tc.line)
			enter(h)
			h.WaitFor(t, "Import finished", fmt.Sprintf("New        %d", tc.wantNew), fmt.Sprintf("Updated    %d", tc.wantUpdated))
			jane, _ := e.fake.Customer(fakeserver.DemoCode)
			switch tc.mode {
			case apiclient.Overwrite:
				require.Equal(t, "", jane.Street1, "overwrite blanked what the file does not hold, as the preview said")
			case apiclient.Update:
				require.Equal(t, "123 Main St.", jane.Street1)
			case apiclient.Ignore:
				require.Equal(t, "jdoe@email.com", jane.Email, "ignore left Jane untouched")
			}
		})
	}
}

// An upload cut off after the first chunk (the session ends while chunk 2
// is on its way) is offered again on the next start and finishes with each
// row imported once.
func TestInterruptedUploadResumes(t *testing.T) {
	e := newEnv(t)
	gate := uitest.NewGate("C-0003") // chunk 2 holds Ana's neighbour rows
	ctx, cancel := context.WithCancel(context.Background())
	c := e.common(t, uitest.Options{Transport: gate})
	c.Ctx = ctx
	h := start(t, c)
	walkToPreview(t, h, e.fixture)
	enter(h)
	<-gate.Held()
	cancel()                                  // the terminal closed…
	gate.Fail(errors.New("connection reset")) // …and the request in flight was lost
	h.WaitFor(t, "Stopped")
	before := len(e.fake.RequestsOf("customers_batch"))

	h2 := start(t, e.common(t, uitest.Options{}))
	h2.WaitFor(t, "An import was interrupted", "customers.csv")
	h2.Type("r")
	h2.WaitFor(t, "Import finished (resumed)")
	sent := e.fake.RequestsOf("customers_batch")[before:]
	rows := 0
	for _, r := range sent {
		rows += strings.Count(r.Form.Get("Profiles_Data"), "\n")
	}
	require.Equal(t, 3, rows, "only the rows of the chunks not answered were sent")
	for _, code := range []string{fakeserver.DemoCode, "C-0001", "C-0003", "C-0004", "C-0005"} {
		_, ok := e.fake.Customer(code)
		require.True(t, ok, code)
	}
}

// The Imonggo source imports the changed customers; the next run only
// those changed since.
func TestImonggoSourceImportsOnlyChanges(t *testing.T) {
	e := newEnv(t)
	h := start(t, e.common(t, uitest.Options{}))
	h.WaitFor(t, "Imonggo POS")
	h.Key(tea.KeyDown)
	enter(h)
	h.WaitFor(t, "Map the 11 columns")
	enter(h)
	h.WaitFor(t, "valid")
	enter(h)
	h.WaitFor(t, "Campaigns to enrol in", "Widget Points")
	h.Key(tea.KeySpace)
	enter(h)
	h.WaitFor(t, "Mode (←/→)")
	enter(h)
	h.WaitFor(t, "Import finished", "New        11", "Updated    1")

	ids := e.pos.IDs()
	require.NoError(t, e.pos.Touch(ids[0]))
	require.NoError(t, e.pos.Touch(ids[1]))
	h2 := start(t, e.common(t, uitest.Options{}))
	h2.Key(tea.KeyDown)
	enter(h2)
	h2.WaitFor(t, "Map the 11 columns (2 rows)")
}

func TestBadPathAndMalformedFileKeepTheInput(t *testing.T) {
	e := newEnv(t)
	h := start(t, e.common(t, uitest.Options{}))
	h.WaitFor(t, "Where do the customers come from?")
	h.Type("/no/such/file.csv")
	enter(h)
	h.WaitFor(t, "there is no file at /no/such/file.csv", "file › /no/such/file.csv")

	bad := filepath.Join(t.TempDir(), "bad.csv")
	require.NoError(t, os.WriteFile(bad, []byte("a,b\n\"unclosed,quote\nx,y\n"), 0o600))
	h.Send(tea.KeyMsg{Type: tea.KeyCtrlU})
	h.Type(bad)
	enter(h)
	h.WaitFor(t, "is never closed")
	enter(h)
	h.WaitFor(t, "bad.csv: line 2: a quoted value starts here and is never closed")
}
