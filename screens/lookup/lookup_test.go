package lookup_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/screens/lookup"
	"loyaltydesk/ui"
	"loyaltydesk/ui/uitest"
)

func startFake(t *testing.T) (*fakeserver.Server, string) {
	t.Helper()
	fake := fakeserver.New(fakeserver.Options{Customers: 200})
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	return fake, srv.URL
}

func startLookup(t *testing.T, c *ui.Common) *uitest.Harness {
	t.Helper()
	app := ui.NewApp(c, map[ui.PageID]ui.PageFactory{ui.PageLookup: lookup.New}, ui.PageLookup)
	h := uitest.Start(t, app, 100, 30)
	h.WaitFor(t, "card / code")
	return h
}

func scan(h *uitest.Harness, number string) {
	h.Type(number)
	h.Key(tea.KeyEnter)
}

func TestScanBurstShowsCustomerWithBalances(t *testing.T) {
	_, url := startFake(t)
	h := startLookup(t, uitest.NewCommon(t, url))
	scan(h, fakeserver.DemoCard)
	h.WaitFor(t, fakeserver.DemoFirstName+" "+fakeserver.DemoLastName, fakeserver.DemoCode, "Balances")
	h.WaitUntil(t, func(out string) bool { return strings.Contains(out, "points") }, "a campaign balance")
}

func TestScanFallsBackToCode(t *testing.T) {
	_, url := startFake(t)
	h := startLookup(t, uitest.NewCommon(t, url))
	scan(h, fakeserver.DemoNoCardCode)
	h.WaitFor(t, fakeserver.DemoNoCardFirst+" "+fakeserver.DemoNoCardLast)
}

func TestNotFoundKeepsTheNumber(t *testing.T) {
	_, url := startFake(t)
	h := startLookup(t, uitest.NewCommon(t, url))
	scan(h, "999000111")
	h.WaitFor(t, "Not found", `"999000111"`)
	h.WaitFor(t, "card / code › 999000111")
}

func TestAmbiguousCard(t *testing.T) {
	_, url := startFake(t)
	h := startLookup(t, uitest.NewCommon(t, url))
	scan(h, fakeserver.AmbiguousCard)
	h.WaitFor(t, "Card 55555555 is shared by 2 customers", "Mere Ngata", "Hemi Ngata")
}

func TestServerErrorThenRetry(t *testing.T) {
	fake, url := startFake(t)
	h := startLookup(t, uitest.NewCommon(t, url))
	fake.FailCall("customer_info", 1, fakeserver.FaultHTTP500)
	scan(h, fakeserver.DemoCard)
	h.WaitFor(t, "Server error", "HTTP 500")
	h.Key(tea.KeyEnter) // the number stayed in the box: enter retries
	h.WaitFor(t, fakeserver.DemoFirstName+" "+fakeserver.DemoLastName)
}

func TestSlowAnswerOvertakenByNewerScan(t *testing.T) {
	_, url := startFake(t)
	gate := uitest.NewGate("card_number=" + fakeserver.DemoCard + "&")
	c := uitest.NewCommon(t, url, uitest.Options{Transport: gate})
	spy := uitest.NewSpy(ui.NewApp(c, map[ui.PageID]ui.PageFactory{ui.PageLookup: lookup.New}, ui.PageLookup))
	h := uitest.Start(t, spy, 100, 30)
	h.WaitFor(t, "card / code")

	scan(h, fakeserver.DemoCard) // Jane: held back by the gate
	<-gate.Held()
	scan(h, fakeserver.DemoCard2) // José: answered at once
	h.WaitFor(t, fakeserver.DemoFirstName2+" "+fakeserver.DemoLastName2)
	gate.Release()
	spy.WaitForMsgs("lookup.lookupResultMsg", 2) // both answers were handled

	require.NoError(t, h.TM.Quit())
	view := h.TM.FinalModel(t).View()
	require.Contains(t, view, fakeserver.DemoFirstName2+" "+fakeserver.DemoLastName2)
	require.NotContains(t, view, fakeserver.DemoFirstName+" "+fakeserver.DemoLastName, "the late answer was dropped")
}

func TestControlSequencesInNamesAreNotDrawn(t *testing.T) {
	_, url := startFake(t)
	// XML cannot carry ESC at all; JSON can, so the attack comes that way.
	c := uitest.NewCommon(t, url, uitest.Options{Format: apiclient.JSON})
	_, err := c.API.SaveCustomer(context.Background(), apiclient.SaveCustomerRequest{
		Action: apiclient.ActionEdit, Code: "9000000000000001", CardNumber: "90000001",
		Fields: map[string]string{apiclient.FFirstName: "Eve\x1b]0;title\x07", apiclient.FLastName: "Hacker\x1b[2J"},
	})
	require.NoError(t, err)
	h := startLookup(t, c)
	scan(h, "90000001")
	h.WaitFor(t, "Eve Hacker")
	require.NotContains(t, h.All(), "\x1b]0;title")
	require.NotContains(t, h.All(), "\x1b[2J")
	require.NotContains(t, h.All(), "\x07")
	require.NotContains(t, h.All(), "]0;title")
}

func TestEightBitControlsFromXMLAreNotDrawn(t *testing.T) {
	_, url := startFake(t)
	c := uitest.NewCommon(t, url)
	_, err := c.API.SaveCustomer(context.Background(), apiclient.SaveCustomerRequest{
		Action: apiclient.ActionEdit, Code: "9000000000000002", CardNumber: "90000002",
		Fields: map[string]string{apiclient.FFirstName: "Mallory\u009b2J", apiclient.FLastName: "Eight\u009d0;t\u0007"},
	})
	require.NoError(t, err)
	h := startLookup(t, c)
	scan(h, "90000002")
	h.WaitFor(t, "Mallory Eight")
	require.NotContains(t, h.All(), "\u009b")
	require.NotContains(t, h.All(), "\u009d")
}

func TestNarrowWindowKeepsTheBalancesBoxWhole(t *testing.T) {
	_, url := startFake(t)
	app := ui.NewApp(uitest.NewCommon(t, url), map[ui.PageID]ui.PageFactory{ui.PageLookup: lookup.New}, ui.PageLookup)
	h := uitest.Start(t, app, ui.MinWidth, ui.MinHeight)
	h.WaitFor(t, "card / code")
	scan(h, fakeserver.DemoCard)
	h.WaitFor(t, "Balances")
	require.NoError(t, h.TM.Quit())
	lines := strings.Split(h.TM.FinalModel(t).View(), "\n")
	boxed := 0
	for _, l := range lines {
		if strings.Contains(l, "Balances") || strings.Contains(l, "card / code") {
			require.True(t, strings.HasSuffix(strings.TrimRight(l, " "), "│"), "the box's right edge is drawn: %q", l)
			boxed++
		}
	}
	require.Equal(t, 2, boxed)
}
