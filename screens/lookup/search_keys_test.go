package lookup_test

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/ui"
	"loyaltydesk/ui/uitest"
)

// searchOnIndex opens the search of a lookup whose index is loaded.
func searchOnIndex(t *testing.T) (*uitest.Harness, *ui.Common) {
	t.Helper()
	_, url := startFake(t)
	c := uitest.NewCommon(t, url)
	h := startLookup(t, c)
	openSearch(h)
	h.WaitFor(t, "customers, index of")
	return h, c
}

// A name typed fast and enter at once: enter waits for the name's answer.
func TestEnterTypedWithTheNameOpensItsMatch(t *testing.T) {
	h, _ := searchOnIndex(t)
	h.Type("jane do")
	h.Key(tea.KeyEnter)
	h.WaitFor(t, "Balances", fakeserver.DemoCode)
}

// Enter pressed before the answer to what was just typed never opens a
// customer of the list shown for the query before.
func TestEnterBeforeTheAnswerNeverOpensTheOlderQuerysMatch(t *testing.T) {
	h, _ := searchOnIndex(t)
	h.Type("jane do")
	h.WaitFor(t, fakeserver.DemoFirstName+" "+fakeserver.DemoLastName, "1 of 1")
	h.Type("zzz")
	h.Key(tea.KeyEnter)
	h.WaitForNew(t, "No match.")
	require.NotContains(t, h.All(), "Balances")
}

// After scrolling down a list, the next query's list starts at its best
// match: enter opens that one, not the row the cursor was on.
func TestANewQueryStartsAtItsBestMatch(t *testing.T) {
	h, c := searchOnIndex(t)
	ix := c.Customers.Status().Index
	before, after := ix.Search("a", 10, nil, nil), ix.Search("an", 10, nil, nil)
	require.GreaterOrEqual(t, len(after.Entries), 3)
	best := after.Entries[0].Code
	require.NotEqual(t, best, before.Entries[2].Code)
	require.NotEqual(t, best, after.Entries[2].Code)

	h.Type("a")
	h.WaitFor(t, "type more to narrow")
	h.Key(tea.KeyDown)
	h.Key(tea.KeyDown)
	h.Type("n")
	h.Key(tea.KeyEnter)
	h.WaitFor(t, "Balances", best)
}

// Emptying the box after scrolling far down a long list draws the hint
// (the cursor far below an empty list made drawing the screen fail).
func TestEmptyingTheBoxAfterScrollingDrawsTheHint(t *testing.T) {
	h, _ := searchOnIndex(t)
	h.Type("a")
	h.WaitFor(t, "type more to narrow")
	for range 60 {
		h.Key(tea.KeyDown)
	}
	h.Key(tea.KeyBackspace)
	h.WaitForNew(t, "Type part of a name")
	require.NotContains(t, h.All(), "Something went wrong")
}

// A long query stays on the box's one line at 80 columns, ending at what
// was typed last.
func TestALongQueryStaysOnOneLineAt80Columns(t *testing.T) {
	h, _ := searchOnIndex(t)
	h.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.Type(strings.Repeat("x", 65) + "END42")
	h.WaitUntil(t, func(out string) bool {
		for _, line := range strings.Split(out, "\n") {
			if strings.Contains(line, "name / email / phone › ") && strings.Contains(line, "xEND42") {
				return true
			}
		}
		return false
	}, "the query's end beside the prompt")
}
