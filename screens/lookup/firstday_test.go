package lookup_test

import (
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/screens/customer"
	"loyaltydesk/screens/dashboard"
	"loyaltydesk/screens/lookup"
	"loyaltydesk/ui"
	"loyaltydesk/ui/uitest"
)

func startWithPages(t *testing.T, w, h int) *uitest.Harness {
	t.Helper()
	_, url := startFake(t)
	app := ui.NewApp(uitest.NewCommon(t, url), map[ui.PageID]ui.PageFactory{
		ui.PageLookup: lookup.New, ui.PageCustomer: customer.New, ui.PageDashboard: dashboard.New,
	}, ui.PageLookup)
	hs := uitest.Start(t, app, w, h)
	hs.WaitFor(t, "card / code")
	return hs
}

func alt(r rune) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: true} }

func finalView(t *testing.T, h *uitest.Harness) string {
	t.Helper()
	require.NoError(t, h.TM.Quit())
	return h.TM.FinalModel(t).(*ui.App).View()
}

// alt+N moves between screens from the card box and the search box, and
// never types its digit there.
func TestAltDigitsNavigateFromTheBoxesWithoutTyping(t *testing.T) {
	h := startWithPages(t, 100, 30)
	h.Type("123")
	h.WaitFor(t, "card / code › 123")
	h.Send(alt('5'))
	h.WaitFor(t, "Dashboard", "updated ")
	h.Send(alt('2'))
	h.WaitForNew(t, "Customer lookup")
	h.Send(tea.KeyMsg{Type: tea.KeyCtrlF})
	h.WaitFor(t, "name / email / phone")
	h.Type("ja")
	h.Send(alt('5'))
	h.WaitForNew(t, "Dashboard")
	h.Send(alt('2'))
	h.WaitForNew(t, "Customer lookup")
	h.Key(tea.KeyEsc) // leave the search
	h.WaitForNew(t, "card / code › 123")
	view := finalView(t, h)
	require.Contains(t, view, "card / code › 123")
	require.NotContains(t, h.All(), "1235")
	require.NotContains(t, h.All(), "ja5")
}

// ctrl+r after "Not found" draws the recent list, with the marker on the
// selected row.
func TestRecentAfterNotFound(t *testing.T) {
	h := startWithPages(t, 100, 30)
	scan(h, fakeserver.DemoCard)
	h.WaitFor(t, fakeserver.DemoFirstName+" "+fakeserver.DemoLastName)
	scan(h, "999000111")
	h.WaitFor(t, "Not found")
	h.Send(tea.KeyMsg{Type: tea.KeyCtrlR})
	h.WaitForNew(t, "Recent —", "› "+fakeserver.DemoFirstName+" "+fakeserver.DemoLastName)
	h.Key(tea.KeyEnter)
	h.WaitFor(t, "Balances")
}

// A scan that finds nobody, then the new-customer key: the form opens with
// the scanned card and the cursor on First name.
func TestNotFoundThenEnrolFillsTheCard(t *testing.T) {
	h := startWithPages(t, 100, 30)
	scan(h, "5555 4444 3333") // printed in groups
	h.WaitFor(t, "Not found", `"555544443333"`, "to enrol a")
	h.Send(tea.KeyMsg{Type: tea.KeyF3})
	h.WaitFor(t, "New customer", "› First name")
	h.Key(tea.KeyShiftTab) // round to the last field: card and code are grouped last
	h.WaitFor(t, "› Generate card")
	view := finalView(t, h)
	require.Regexp(t, `Card number\s+555544443333`, view)
}

// Spaces and dashes in a typed or scanned number are ignored.
func TestCardBoxIgnoresSpacesAndDashes(t *testing.T) {
	h := startWithPages(t, 100, 30)
	scan(h, "1111-1111")
	h.WaitFor(t, fakeserver.DemoFirstName+" "+fakeserver.DemoLastName, fakeserver.DemoCode)
	scan(h, " 9999 0000 ")
	h.WaitFor(t, "Not found", `"99990000"`)
}

// A number found with spaces in it leaves the box ready for the next scan,
// so a letter is a command again.
func TestGroupedNumberFoundClearsTheBox(t *testing.T) {
	h := startWithPages(t, 100, 30)
	scan(h, "1111 1111")
	h.WaitFor(t, fakeserver.DemoFirstName+" "+fakeserver.DemoLastName, "Balances")
	h.Type("e")
	h.WaitFor(t, "Edit customer")
}

// Letters in the card box point to the name search.
func TestLettersInTheCardBoxSuggestNameSearch(t *testing.T) {
	h := startWithPages(t, 100, 30)
	h.Type("jane")
	h.WaitFor(t, "Looking for a name? ctrl+f searches names; enter looks this up as a code.")
	h.Key(tea.KeyEnter)
	h.WaitFor(t, "Not found", "ctrl+f finds a customer by name")
}

// Without colour the selected row of the search results carries the
// marker, and the frame holds no escape code at all.
func TestNoColorSearchResultsCarryTheMarker(t *testing.T) {
	h := startWithPages(t, 100, 30)
	h.Send(tea.KeyMsg{Type: tea.KeyCtrlF})
	h.WaitFor(t, "Type part of a name")
	h.Type(fakeserver.DemoLastName)
	h.WaitUntil(t, regexp.MustCompile(`\d+ of \d+`).MatchString, "the matches")
	h.Key(tea.KeyDown)
	h.Key(tea.KeyUp)
	view := finalView(t, h)
	require.NotContains(t, view, "\x1b", "NO_COLOR: no escape codes")
	marked := 0
	for _, line := range strings.Split(view, "\n") {
		if strings.HasPrefix(line, "› ") {
			marked++
		}
	}
	require.Equal(t, 1, marked, view)
}

// At 80 columns the e-mail and the note are whole and no balance is cut
// mid-number; at 120 the balances box is only as wide as its content needs,
// so the address is whole too.
func TestEightyColumnsCutByPriority(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		h := startWithPages(t, size[0], size[1])
		scan(h, fakeserver.DemoCard)
		h.WaitFor(t, "Balances", "Gift Card")
		view := finalView(t, h)
		require.NotRegexp(t, `\d…`, view, "a number cut mid-number")
		require.Contains(t, view, "jdoe@email.com")
		require.Contains(t, view, "She likes cheese!")
		if size[0] < 120 {
			continue
		}
		require.Contains(t, view, "123 Main St., Anytown ND 12345, NZ")
		for _, line := range strings.Split(view, "\n") {
			if i := strings.Index(line, "┌"); i > 0 { // the balances box, beside the details
				require.Less(t, len([]rune(line[i:])), 60, "the box shrinks to its content")
			}
		}
	}
}
