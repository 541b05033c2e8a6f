package fakeserver_test

import (
	"bytes"
	"context"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/apiclient/wire"
)

func collect(t *testing.T, c *apiclient.Client, f apiclient.ReportFilter) map[string]apiclient.Customer {
	t.Helper()
	out := map[string]apiclient.Customer{}
	err := c.CustomersReport(context.Background(), f, func(cust apiclient.Customer) error {
		out[cust.Code] = cust
		return nil
	})
	require.NoError(t, err)
	return out
}

func has(m map[string]apiclient.Customer, code string) bool {
	_, ok := m[code]
	return ok
}

func TestCustomersReport(t *testing.T) {
	eachFormat(t, func(t *testing.T, f apiclient.Format) {
		e := newEnv(t, f)
		all := collect(t, e.c, apiclient.ReportFilter{})
		require.Len(t, all, e.srv.CustomerCount(), "no filter: every customer, with or without transactions")
		jane := all[fakeserver.DemoCode]
		assert.Equal(t, "Jane", jane.FirstName)
		assert.Equal(t, "123 Main St.", jane.Street1)
		assert.Equal(t, "She likes cheese!", jane.CustomField)
		assert.Equal(t, fakeserver.DemoCard, jane.CardNumber)
		assert.Equal(t, "José", all[fakeserver.DemoCode2].FirstName)

		datesOnly := collect(t, e.c, apiclient.ReportFilter{DateStart: "2030-01-01", DateEnd: "2030-12-31"})
		assert.Len(t, datesOnly, len(all), "dates without campaigns are ignored")

		products := collect(t, e.c, apiclient.ReportFilter{Campaigns: []string{fakeserver.BuyXCampaignID}})
		assert.NotEmpty(t, products)
		assert.Less(t, len(products), len(all), "campaigns: only customers with a transaction in them")
		assert.True(t, has(products, fakeserver.DemoCode), "Jane has products transactions")
		assert.False(t, has(products, fakeserver.DemoCode2), "José has no products transactions")

		two := collect(t, e.c, apiclient.ReportFilter{Campaigns: []string{fakeserver.BuyXCampaignID, fakeserver.EarnedCampaignID}})
		assert.GreaterOrEqual(t, len(two), len(products))
		for code := range products {
			assert.True(t, has(two, code))
		}

		outside := collect(t, e.c, apiclient.ReportFilter{Campaigns: []string{fakeserver.PointsCampaignID}, DateStart: "2010-01-01", DateEnd: "2010-12-31"})
		assert.Empty(t, outside, "no transactions in 2010")
		lastWeek := collect(t, e.c, apiclient.ReportFilter{Campaigns: []string{fakeserver.PointsCampaignID}, DateStart: "2011-12-13"})
		points := collect(t, e.c, apiclient.ReportFilter{Campaigns: []string{fakeserver.PointsCampaignID}})
		assert.NotEmpty(t, lastWeek)
		assert.Less(t, len(lastWeek), len(points), "date_start narrows the campaign filter")
	})
}

func TestCustomersReportLast(t *testing.T) {
	eachFormat(t, func(t *testing.T, f apiclient.Format) {
		e := newEnv(t, f)
		ctx := context.Background()
		mark := e.srv.LastID()
		assert.Empty(t, collect(t, e.c, apiclient.ReportFilter{Last: itoa(mark)}), "nothing changed yet")

		_, err := e.c.SaveCustomer(ctx, apiclient.SaveCustomerRequest{Code: fakeserver.DemoCode2, Fields: map[string]string{apiclient.FPhone: "555-0199"}})
		require.NoError(t, err)
		created, err := e.c.SaveCustomer(ctx, apiclient.SaveCustomerRequest{Action: apiclient.ActionNew,
			CardNumber: "77007700", Fields: map[string]string{apiclient.FFirstName: "Ngaio", apiclient.FLastName: "Marsh"}})
		require.NoError(t, err)

		changed := collect(t, e.c, apiclient.ReportFilter{Last: itoa(mark)})
		require.Len(t, changed, 2)
		assert.Equal(t, "555-0199", changed[fakeserver.DemoCode2].Phone)
		assert.Equal(t, "Marsh", changed[created.Code].LastName)

		e.srv.Tick() // transactions are not changes of a customer's information
		assert.Len(t, collect(t, e.c, apiclient.ReportFilter{Last: itoa(mark)}), 2+othersChangedSince(e, mark))

		assert.Len(t, collect(t, e.c, apiclient.ReportFilter{Last: "0"}), e.srv.CustomerCount(), "last=0 is everyone")

		// A transaction ID works too: customers changed after it.
		bal, err := e.c.CustomerBalance(ctx, apiclient.CustomerQuery{Code: fakeserver.DemoCode}, fakeserver.PointsCampaignID, 1)
		require.NoError(t, err)
		require.Len(t, bal.Transactions, 1)
		since := collect(t, e.c, apiclient.ReportFilter{Last: bal.Transactions[0].ID})
		assert.Greater(t, len(since), 2)
		assert.Less(t, len(since), e.srv.CustomerCount())
	})
}

// The documented incremental use: note the last ID a report returns, pass
// it as last next time, get exactly what changed since.
func TestCustomersReportSinceLastID(t *testing.T) {
	eachFormat(t, func(t *testing.T, f apiclient.Format) {
		e := newEnv(t, f)
		ctx := context.Background()
		all, mark := collectSince(t, e.c, apiclient.ReportFilter{})
		require.Len(t, all, e.srv.CustomerCount())
		require.Equal(t, itoa(e.srv.LastID()), mark, "the newest sequence ID as of the report")

		_, err := e.c.SaveCustomer(ctx, apiclient.SaveCustomerRequest{Code: fakeserver.DemoCode2, Fields: map[string]string{apiclient.FPhone: "555-0199"}})
		require.NoError(t, err)
		created, err := e.c.SaveCustomer(ctx, apiclient.SaveCustomerRequest{Action: apiclient.ActionNew,
			CardNumber: "77007700", Fields: map[string]string{apiclient.FFirstName: "Ngaio", apiclient.FLastName: "Marsh"}})
		require.NoError(t, err)

		changed, newer := collectSince(t, e.c, apiclient.ReportFilter{Last: mark})
		require.Len(t, changed, 2, "exactly the changed and the added customer")
		assert.Equal(t, "555-0199", changed[fakeserver.DemoCode2].Phone)
		assert.Equal(t, "Marsh", changed[created.Code].LastName)
		assert.Greater(t, atoi(newer), atoi(mark))
		assert.Equal(t, itoa(e.srv.LastID()), newer)

		none, same := collectSince(t, e.c, apiclient.ReportFilter{Last: newer})
		assert.Empty(t, none, "nothing changed since the newest ID")
		assert.Equal(t, newer, same)
	})
}

// collectSince is collect that also returns the report's last ID.
func collectSince(t *testing.T, c *apiclient.Client, f apiclient.ReportFilter) (map[string]apiclient.Customer, string) {
	t.Helper()
	out := map[string]apiclient.Customer{}
	last, err := c.CustomersReportSince(context.Background(), f, func(cust apiclient.Customer) error {
		out[cust.Code] = cust
		return nil
	})
	require.NoError(t, err)
	require.NotEmpty(t, last, "the fake server always sends last_id")
	return out, last
}

// othersChangedSince counts customers the test did not touch that changed
// since the mark: the live simulator signs one up or edits one now and then.
func othersChangedSince(e *env, mark int64) int {
	n := 0
	for _, code := range allCodes(e) {
		c, _ := e.srv.Customer(code)
		if c.ChangeID > mark && c.Code != fakeserver.DemoCode2 && c.LastName != "Marsh" {
			n++
		}
	}
	return n
}

func allCodes(e *env) []string {
	var codes []string
	_ = e.c.CustomersReport(context.Background(), apiclient.ReportFilter{}, func(c apiclient.Customer) error {
		codes = append(codes, c.Code)
		return nil
	})
	return codes
}

func TestCustomersReportRefusals(t *testing.T) {
	e := newEnv(t, apiclient.XML)
	ctx := context.Background()
	err := e.c.CustomersReport(ctx, apiclient.ReportFilter{Last: "5", Campaigns: []string{fakeserver.PointsCampaignID}}, nil)
	var verr *apiclient.ValidationError
	require.ErrorAs(t, err, &verr, "the client refuses last with campaigns before sending")

	report := func(kv ...string) url.Values {
		return demoForm(append([]string{"type", "reports", "report", "customers_all"}, kv...)...)
	}
	assert.Equal(t, apiclient.MsgLastWithCampaigns, e.rawError(t, report("last", "5", "selected_campaigns", fakeserver.PointsCampaignID)))
	assert.Contains(t, e.rawError(t, report("date_start", "04-06-05")), "YYYY-MM-DD")
	assert.Contains(t, e.rawError(t, report("date_end", "2011-02-30")), "YYYY-MM-DD")
	assert.Contains(t, e.rawError(t, report("date_start", "2011-12-01", "date_end", "2011-11-01", "selected_campaigns", fakeserver.PointsCampaignID)), "before date_start")
	assert.Contains(t, e.rawError(t, report("selected_campaigns", fakeserver.PointsCampaignID+", "+fakeserver.EventsCampaignID)), "no spaces")
	assert.Contains(t, e.rawError(t, report("selected_campaigns", "999")), apiclient.MsgCampaignNotFound)
	assert.Contains(t, e.rawError(t, report("last", "yesterday")), "last")

	err = e.c.CustomersReport(ctx, apiclient.ReportFilter{Campaigns: []string{"999"}}, func(apiclient.Customer) error { return nil })
	requireAPIError(t, err, apiclient.MsgCampaignNotFound)
}

func TestReportIteratorStopsEarly(t *testing.T) {
	eachFormat(t, func(t *testing.T, f apiclient.Format) {
		e := newEnv(t, f)
		n := 0
		for c, err := range e.c.ReportCustomers(context.Background(), apiclient.ReportFilter{}) {
			require.NoError(t, err)
			require.NotEmpty(t, c.Code)
			if n++; n == 3 {
				break
			}
		}
		assert.Equal(t, 3, n)
		stop := errors.New("enough")
		err := e.c.CustomersReport(context.Background(), apiclient.ReportFilter{}, func(apiclient.Customer) error { return stop })
		assert.ErrorIs(t, err, stop)
	})
}

// The streamed report is byte for byte what writing the whole tree gives,
// in every output shape, for none, one and many customers.
func TestReportStreamMatchesTree(t *testing.T) {
	e := newEnv(t, apiclient.XML, fakeserver.Options{Customers: 40})
	_, err := e.c.SaveCustomer(context.Background(), apiclient.SaveCustomerRequest{Code: fakeserver.DemoCode,
		Fields: map[string]string{apiclient.FCity: "Zürich\n<&> \"Town\""}})
	require.NoError(t, err)
	filters := map[string][]string{
		"many": nil,
		"none": {"selected_campaigns", fakeserver.PointsCampaignID, "date_end", "2001-01-01"},
		"one":  {"last", itoa(e.srv.LastID() - 1)},
	}
	for name, kv := range filters {
		for _, shape := range [][]string{nil, {"output", "JSON"}, {"output", "JSON", "condensed", "yes"}, {"callback", "cb"}} {
			form := demoForm(append(append([]string{"type", "reports", "report", "customers_all"}, kv...), shape...)...)
			_, body, _ := e.postRaw(t, "/", form, nil)
			want := rewrite(t, body, shape)
			assert.Equal(t, want, body, "%s %v", name, shape)
			if name == "one" {
				assert.Contains(t, body, "Zürich")
			}
		}
	}
}

// After the customers, in every output shape and also when there are none,
// the answer carries <last_id>: the store's newest sequence ID.
func TestReportEndsWithLastID(t *testing.T) {
	e := newEnv(t, apiclient.XML, fakeserver.Options{Customers: 5})
	want := itoa(e.srv.LastID())
	filters := map[string][]string{
		"many": nil,
		"none": {"last", want},
	}
	for name, kv := range filters {
		for _, shape := range [][]string{nil, {"output", "JSON"}, {"output", "JSON", "condensed", "yes"}, {"callback", "cb"}} {
			form := demoForm(append(append([]string{"type", "reports", "report", "customers_all"}, kv...), shape...)...)
			_, body, _ := e.postRaw(t, "/", form, nil)
			root := decodeAny(t, body, shape)
			require.NotEmpty(t, root.Children, "%s %v", name, shape)
			last := root.Children[len(root.Children)-1]
			assert.Equal(t, "last_id", last.Name, "%s %v: last_id comes after the customers", name, shape)
			assert.Equal(t, want, last.Text, "%s %v", name, shape)
			assert.Len(t, root.All("last_id"), 1, "%s %v", name, shape)
		}
	}
}

// decodeAny decodes an answer in the shape the form asked for.
func decodeAny(t *testing.T, body string, shape []string) *wire.Node {
	t.Helper()
	var root *wire.Node
	var err error
	switch {
	case shape == nil:
		root, err = wire.DecodeXML(strings.NewReader(body))
	case shape[0] == "callback":
		js := strings.TrimSuffix(strings.TrimPrefix(body, shape[1]+"("), ")\n")
		root, err = wire.DecodeJSON(strings.NewReader(js), "response")
	default:
		root, err = wire.DecodeJSON(strings.NewReader(body), "response")
	}
	require.NoError(t, err, body)
	return root
}

// rewrite decodes a response and writes it back whole with wire.
func rewrite(t *testing.T, body string, shape []string) string {
	t.Helper()
	var buf bytes.Buffer
	if shape == nil {
		root, err := wire.DecodeXML(strings.NewReader(body))
		require.NoError(t, err, body)
		require.NoError(t, root.WriteXML(&buf, true))
		return buf.String()
	}
	callback := len(shape) == 2 && shape[0] == "callback"
	condensed := len(shape) == 4
	js := body
	if callback {
		js = strings.TrimSuffix(strings.TrimPrefix(body, "cb("), ")\n")
		buf.WriteString("cb(")
	}
	root, err := wire.DecodeJSON(strings.NewReader(js), "response")
	require.NoError(t, err, body)
	require.NoError(t, root.WriteJSON(&buf, condensed))
	if callback {
		buf.WriteString(")")
	}
	if !condensed {
		buf.WriteString("\n")
	}
	return buf.String()
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
