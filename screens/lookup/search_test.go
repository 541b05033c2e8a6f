package lookup_test

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/ui/uitest"
)

func openSearch(h *uitest.Harness) { h.Send(tea.KeyMsg{Type: tea.KeyCtrlF}) }

func TestSearchByNameOnTheIndexThenPick(t *testing.T) {
	fake, url := startFake(t)
	h := startLookup(t, uitest.NewCommon(t, url))
	openSearch(h)
	h.WaitFor(t, "Search customers", "customers, index of")
	h.Type("jane do")
	h.WaitFor(t, fakeserver.DemoFirstName+" "+fakeserver.DemoLastName, "1 of 1")
	h.Key(tea.KeyEnter)
	h.WaitFor(t, "Balances", fakeserver.DemoCode)
	assert.Empty(t, fake.RequestsOf("customer_find"), "the index answered, not the service")
}

func TestSearchRanksAnExactCardFirst(t *testing.T) {
	_, url := startFake(t)
	h := startLookup(t, uitest.NewCommon(t, url))
	openSearch(h)
	h.WaitFor(t, "customers, index of")
	h.Type(fakeserver.DemoCard2)
	h.WaitFor(t, fakeserver.DemoFirstName2+" "+fakeserver.DemoLastName2)
	h.Key(tea.KeyEnter)
	h.WaitFor(t, "Balances", fakeserver.DemoCode2)
}

func TestSearchMovesAndLeaves(t *testing.T) {
	_, url := startFake(t)
	h := startLookup(t, uitest.NewCommon(t, url))
	openSearch(h)
	h.WaitFor(t, "customers, index of")
	h.Type("a")
	h.WaitUntil(t, func(out string) bool {
		return strings.Contains(out, " of ") && strings.Contains(out, "type more to narrow")
	}, "a long list")
	h.Key(tea.KeyDown)
	h.Key(tea.KeyDown)
	h.Key(tea.KeyUp)
	h.Key(tea.KeyBackspace)
	h.WaitFor(t, "Type part of a name")
	h.Type("zzzzqqq")
	h.WaitFor(t, "No match.")
	h.Key(tea.KeyEnter) // nothing to pick: stays
	h.Key(tea.KeyEsc)
	h.WaitFor(t, "Scan a card")
}

// While the index is still on its way, the search asks the service.
func TestSearchAsksTheServiceUntilTheIndexIsThere(t *testing.T) {
	fake, url := startFake(t)
	gate := uitest.NewGate("report=customers_all")
	h := startLookup(t, uitest.NewCommon(t, url, uitest.Options{Transport: gate}))
	openSearch(h)
	<-gate.Held()
	h.WaitFor(t, "Loading the customer index")
	h.Type("jane doe")
	h.WaitFor(t, fakeserver.DemoFirstName+" "+fakeserver.DemoLastName, "1 of 1 the service found")
	require.NotEmpty(t, fake.RequestsOf("customer_find"))
	gate.Release()
	h.WaitFor(t, "customers, index of")
}

func TestSearchFallbackFailureIsSaid(t *testing.T) {
	_, url := startFake(t)
	gate := uitest.NewGate("report=customers_all")
	c := uitest.NewCommon(t, url, uitest.Options{Transport: failFind{gate}})
	h := startLookup(t, c)
	openSearch(h)
	<-gate.Held()
	h.Type("jane")
	h.WaitFor(t, "Could not search")
	gate.Release()
}

// Two sessions of one profile share the index: the second asks no report.
func TestSessionsShareOneIndex(t *testing.T) {
	fake, url := startFake(t)
	first := uitest.NewCommon(t, url)
	h1 := startLookup(t, first)
	openSearch(h1)
	h1.WaitFor(t, "customers, index of")

	second := uitest.NewCommon(t, url)
	second.Customers = first.Customers
	fake.ResetRequests()
	h2 := startLookup(t, second)
	openSearch(h2)
	h2.WaitFor(t, "customers, index of")
	h2.Type("jose alv")
	h2.WaitFor(t, fakeserver.DemoFirstName2+" "+fakeserver.DemoLastName2)
	assert.Empty(t, fake.RequestsOf("reports"))
}

// A failed update keeps the index and says so.
func TestIndexUpdateFailureIsShown(t *testing.T) {
	fake, url := startFake(t)
	fake.FailCall("reports", 1, fakeserver.FaultHTTP500) // at start
	fake.FailCall("reports", 2, fakeserver.FaultHTTP500) // when search opens
	h := startLookup(t, uitest.NewCommon(t, url))
	openSearch(h)
	h.WaitFor(t, "Index not brought up to date", "HTTP 500")
}

// failFind fails customer_find as a dropped connection would.
type failFind struct{ *uitest.Gate }

func (f failFind) RoundTrip(r *http.Request) (*http.Response, error) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, err
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	if strings.Contains(string(body), "type=customer_find") {
		return nil, errors.New("connection reset by peer")
	}
	return f.Gate.RoundTrip(r)
}
