package fakeserver_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/apiclient/wire"
)

func TestAuthentication(t *testing.T) {
	eachFormat(t, func(t *testing.T, f apiclient.Format) {
		e := newEnv(t, f)
		ctx := context.Background()
		_, err := e.c.AccountInfo(ctx)
		require.NoError(t, err)

		for name, creds := range map[string]apiclient.Credentials{
			"wrong password":               {UserID: fakeserver.DemoUserID, Password: "nope", AccountID: fakeserver.DemoAccountID},
			"wrong user":                   {UserID: "jane1980", Password: fakeserver.DemoPassword, AccountID: fakeserver.DemoAccountID},
			"wrong account":                {UserID: fakeserver.DemoUserID, Password: fakeserver.DemoPassword, AccountID: "lesserwidgets"},
			"owner's key for another user": {UserID: fakeserver.DemoUserID, Password: fakeserver.DemoOwnerPassword, AccountID: fakeserver.DemoAccountID},
		} {
			t.Run(name, func(t *testing.T) {
				_, err := e.client(t, f, creds).AccountInfo(ctx)
				require.ErrorIs(t, err, apiclient.ErrUnauthenticated)
				requireAPIError(t, err, apiclient.MsgAuthFailed)
				assert.NotContains(t, err.Error(), fakeserver.DemoPassword)
			})
		}
	})
}

func TestAuthenticationKeyForms(t *testing.T) {
	e := newEnv(t, apiclient.XML)
	viaAPIKey := url.Values{"user_id": {fakeserver.DemoUserID}, "user_api_key": {fakeserver.DemoPassword},
		"account_id": {fakeserver.DemoAccountID}, "type": {"account_info"}}
	e.rawOK(t, viaAPIKey)

	header := http.Header{"api_access_key": {fakeserver.DemoPassword}}
	wrongForm := demoForm("type", "account_info")
	wrongForm.Set("user_password", "stale")
	_, body, _ := e.postRaw(t, "/", wrongForm, header)
	assert.Contains(t, body, `status="success"`, "the header's key wins over the form's")

	_, body, _ = e.postRaw(t, "/", demoForm("type", "account_info"), http.Header{"api_access_key": {"stale"}})
	assert.Contains(t, body, apiclient.MsgAuthFailed, "the header wins even when the form's key is right")

	onlyHeader := url.Values{"user_id": {fakeserver.DemoUserID}, "account_id": {fakeserver.DemoAccountID}, "type": {"account_info"}}
	_, body, _ = e.postRaw(t, "/", onlyHeader, header)
	assert.Contains(t, body, `status="success"`)
	reqs := e.srv.Requests()
	assert.True(t, reqs[len(reqs)-1].APIKeyHeader)

	assert.Equal(t, apiclient.MsgAuthFailed, e.rawError(t, url.Values{"type": {"account_info"}}))
}

func TestTypeErrors(t *testing.T) {
	e := newEnv(t, apiclient.XML)
	assert.Contains(t, e.rawError(t, demoForm("type", "teleport")), `"teleport" is not an API call`)
	assert.Contains(t, e.rawError(t, demoForm()), "type is required")
	assert.Contains(t, e.rawError(t, demoForm("type", "reports", "report", "customers_balances")), "unknown report")
	assert.Contains(t, e.rawError(t, demoForm("type", "account_info", "output", "CSV")), "output must be JSON or XML")
}

func TestOutputFormats(t *testing.T) {
	e := newEnv(t, apiclient.XML)
	form := func(kv ...string) url.Values { return demoForm(append([]string{"type", "account_info"}, kv...)...) }

	_, body, h := e.postRaw(t, "/", form(), nil)
	assert.True(t, strings.HasPrefix(body, "<response status=\"success\">\n  <account>\n    <account_id>greatwidgets</account_id>"), body)
	assert.Contains(t, h.Get("Content-Type"), "xml")
	_, condensedXML, _ := e.postRaw(t, "/", form("condensed", "yes"), nil)
	assert.Equal(t, body, condensedXML, "condensed applies to JSON only")

	_, body, h = e.postRaw(t, "/", form("output", "JSON"), nil)
	assert.Contains(t, h.Get("Content-Type"), "application/json")
	var v map[string]any
	require.NoError(t, json.Unmarshal([]byte(body), &v))
	assert.Equal(t, "success", v["status"])
	assert.Equal(t, "greatwidgets", v["account"].(map[string]any)["account_id"])
	assert.Contains(t, body, "\n  \"account\": {", "JSON is indented unless condensed")

	_, body, _ = e.postRaw(t, "/", form("output", "JSON", "condensed", "yes"), nil)
	assert.NotContains(t, body, "\n")
	assert.True(t, strings.HasPrefix(body, `{"status":"success","account":{"account_id":"greatwidgets",`), body)

	_, body, h = e.postRaw(t, "/", form("output", "JSON", "callback", "showAccount", "condensed", "yes"), nil)
	assert.Contains(t, h.Get("Content-Type"), "javascript")
	require.True(t, strings.HasPrefix(body, "showAccount({") && strings.HasSuffix(body, "})"), body)
	require.True(t, json.Valid([]byte(strings.TrimSuffix(strings.TrimPrefix(body, "showAccount("), ")"))))

	_, body, _ = e.postRaw(t, "/", form("output", "JSON", "callback", "alert(1);x"), nil)
	assert.Contains(t, body, `"error": "callback must be a JavaScript function name"`)

	_, body, _ = e.postRaw(t, "/", demoForm("type", "customer_info", "output", "JSON", "code", "nobody"), nil)
	assert.JSONEq(t, `{"status":"error","error":"`+apiclient.MsgCustomerNotFound+`"}`, body)
}

func TestRoutingAndMount(t *testing.T) {
	e := newEnv(t, apiclient.XML)
	e.srv.Mount("/api/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "imonggo "+r.URL.Path)
	}))
	status, body, _ := e.postRaw(t, "/api.php", demoForm("type", "account_info"), nil)
	assert.Equal(t, http.StatusOK, status)
	assert.Contains(t, body, "<account_id>greatwidgets</account_id>")

	resp, err := http.Get(e.ts.URL + "/api/customers.xml")
	require.NoError(t, err)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, "imonggo /api/customers.xml", string(b))

	resp, err = http.Get(e.ts.URL + "/elsewhere")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)

	// GET with the parameters in the URL works, as the documents say.
	resp, err = http.Get(e.ts.URL + "/?" + demoForm("type", "account_info", "output", "JSON").Encode())
	require.NoError(t, err)
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Contains(t, string(b), `"account_id": "greatwidgets"`)

	req, _ := http.NewRequest(http.MethodDelete, e.ts.URL+"/", nil)
	resp, err = http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
}

// The seed-000 PHP example, posted as curl -d would, answers as the
// document shows: customers with the fifteen fields in its order, those who
// had a transaction in the two campaigns within 2010–2011.
func TestSeed000Example(t *testing.T) {
	e := newEnv(t, apiclient.XML)
	form := url.Values{}
	for _, kv := range [][2]string{
		{"user_id", "john1970"}, {"user_password", "1959caadac9b13dcb3"}, {"account_id", "greatwidgets"},
		{"type", "reports"}, {"report", "customers_all"}, {"date_start", "2010-01-01"},
		{"date_end", "2011-12-31"}, {"selected_campaigns", "123456789012,210987654321"},
	} {
		form.Set(kv[0], kv[1])
	}
	status, body, _ := e.postRaw(t, "/api.php", form, nil)
	require.Equal(t, http.StatusOK, status)
	require.True(t, strings.HasPrefix(body, "<response status=\"success\">\n  <customer>\n    <first_name>"), body[:min(200, len(body))])
	root, err := wire.DecodeXML(strings.NewReader(body))
	require.NoError(t, err)
	custs := root.All("customer")
	require.NotEmpty(t, custs)
	assert.Less(t, len(custs), e.srv.CustomerCount(), "only customers active in those campaigns")
	want := []string{"first_name", "last_name", "phone", "email", "address1", "address2", "city", "state", "zip",
		"country", "custom1", "custom_date", "customer_username", "customer_code", "card_number"}
	var jane *wire.Node
	for _, c := range custs {
		var names []string
		for _, ch := range c.Children {
			names = append(names, ch.Name)
		}
		require.Equal(t, want, names)
		if c.Get("customer_code") == fakeserver.DemoCode {
			jane = c
		}
	}
	require.NotNil(t, jane, "Jane Doe has points and visits in the window")
	assert.Equal(t, "Jane", jane.Get("first_name"))
	assert.Equal(t, "She likes cheese!", jane.Get("custom1"))
	assert.Equal(t, "123 Main St.", jane.Get("address1"))
	assert.Equal(t, "12345", jane.Get("zip"))
	assert.Equal(t, fakeserver.DemoCard, jane.Get("card_number"))
}

func TestRequestsAreMasked(t *testing.T) {
	e := newEnv(t, apiclient.XML)
	ctx := context.Background()
	_, err := e.c.SaveCustomer(ctx, apiclient.SaveCustomerRequest{Code: fakeserver.DemoCode,
		Fields: map[string]string{apiclient.FPIN: "4321", apiclient.FPassword: "hunter2", apiclient.FPhone: "555-0100"}})
	require.NoError(t, err)
	_, err = e.c.ImportBatch(ctx, apiclient.BatchRequest{
		Headers:   []string{"code", "first_name", "customer_PIN", "customer_password"},
		Rows:      [][]string{{"A-1", "Ana", "9876", "s3cret"}, {"A-2", "Ben", "", "pa55"}},
		Campaigns: []string{fakeserver.PointsCampaignID},
	})
	require.NoError(t, err)

	reqs := e.srv.Requests()
	require.Len(t, reqs, 2)
	save := reqs[0]
	assert.Equal(t, "record_customer", save.Type)
	assert.Equal(t, fakeserver.Masked, save.Form.Get("user_password"))
	assert.Equal(t, fakeserver.Masked, save.Form.Get("customer_PIN"))
	assert.Equal(t, fakeserver.Masked, save.Form.Get("customer_password"))
	assert.Equal(t, "555-0100", save.Form.Get("phone"))
	data := reqs[1].Form.Get("Profiles_Data")
	assert.Equal(t, "A-1|Ana|***|***\nA-2|Ben||***\n", data)
	for _, r := range reqs {
		for _, vs := range r.Form {
			for _, v := range vs {
				assert.NotContains(t, v, fakeserver.DemoPassword)
				assert.NotContains(t, v, "hunter2")
				assert.NotContains(t, v, "9876")
			}
		}
	}
	e.srv.ResetRequests()
	assert.Empty(t, e.srv.Requests())
}

func TestSeedIsDeterministic(t *testing.T) {
	report := func(seed uint64) string {
		e := newEnv(t, apiclient.XML, fakeserver.Options{Seed: seed, Customers: 300})
		_, body, _ := e.postRaw(t, "/", demoForm("type", "reports", "report", "customers_all"), nil)
		_, txns, _ := e.postRaw(t, "/", demoForm("type", "dashboard", "API", "1.5", "last_X_transactions", "50"), nil)
		return body + txns
	}
	assert.Equal(t, report(7), report(7))
	assert.NotEqual(t, report(7), report(8))
}

func TestSeedData(t *testing.T) {
	e := newEnv(t, apiclient.XML, fakeserver.Options{Customers: 2000})
	assert.Equal(t, 2000, e.srv.CustomerCount())
	assert.Equal(t, 2000, fakeserver.New(fakeserver.Options{Now: func() time.Time { return testNow }}).CustomerCount(), "2,000 by default")
	assert.Equal(t, 5, fakeserver.New(fakeserver.Options{Customers: -1}).CustomerCount(), "only the demo customers")

	jane, ok := e.srv.Customer(fakeserver.DemoCode)
	require.True(t, ok)
	assert.Equal(t, fakeserver.DemoCard, jane.CardNumber)
	assert.Equal(t, fakeserver.DemoFirstName+" "+fakeserver.DemoLastName, jane.FirstName+" "+jane.LastName)
	assert.Len(t, jane.Balances, 5, "Jane is in every active campaign")
	jose, ok := e.srv.Customer(fakeserver.DemoCode2)
	require.True(t, ok)
	assert.Equal(t, "José", jose.FirstName)
	assert.Equal(t, fakeserver.DemoCard2, jose.CardNumber)
	assert.Len(t, e.srv.CustomersByCard(fakeserver.AmbiguousCard), 2)
	zoe, ok := e.srv.Customer(fakeserver.DemoNoCardCode)
	require.True(t, ok)
	assert.Empty(t, zoe.CardNumber)

	// Lifelike: varied names, some of them not ASCII, and 90 days of history.
	names := map[string]bool{}
	nonASCII := 0
	var oldest time.Time
	ctx := context.Background()
	for c, err := range e.c.ReportCustomers(ctx, apiclient.ReportFilter{}) {
		require.NoError(t, err)
		names[c.FirstName] = true
		if strings.ContainsFunc(c.FirstName+c.LastName, func(r rune) bool { return r > 127 }) {
			nonASCII++
		}
	}
	assert.Greater(t, len(names), 50)
	assert.Greater(t, nonASCII, 100)
	d, err := e.c.Dashboard(ctx, apiclient.DashboardRequest{LastXTransactions: 1000})
	require.NoError(t, err)
	for _, tx := range d.LastTransactions {
		day, err := time.Parse(time.DateOnly, tx.Date)
		require.NoError(t, err)
		if oldest.IsZero() || day.Before(oldest) {
			oldest = day
		}
	}
	assert.False(t, oldest.After(testNow.AddDate(0, 0, -5)), "transactions go back in time")
	assert.Greater(t, e.srv.TransactionCount(), 3000)
}

func TestConcurrentUse(t *testing.T) {
	e := newEnv(t, apiclient.JSON)
	ctx := context.Background()
	errs := make(chan error, 64)
	for i := range 8 {
		go func() {
			_, err := e.c.SaveCustomer(ctx, apiclient.SaveCustomerRequest{Action: apiclient.ActionNew,
				CardNumber: "9000000" + string(rune('0'+i)), Fields: map[string]string{apiclient.FFirstName: "Conc"}})
			errs <- err
		}()
		go func() {
			errs <- e.c.CustomersReport(ctx, apiclient.ReportFilter{}, func(apiclient.Customer) error { return nil })
		}()
		go func() {
			e.srv.Tick()
			_, err := e.c.Dashboard(ctx, apiclient.FullDashboard(7, 5, 5))
			errs <- err
		}()
	}
	for range 24 {
		require.NoError(t, <-errs)
	}
	for i := range 8 {
		assert.Len(t, e.srv.CustomersByCard("9000000"+string(rune('0'+i))), 1)
	}
}

func TestLiveSimulator(t *testing.T) {
	e := newEnv(t, apiclient.XML)
	ctx := context.Background()
	before := e.srv.TransactionCount()
	last := e.srv.LastID()
	e.srv.Tick()
	assert.Greater(t, e.srv.TransactionCount(), before)
	d, err := e.c.Dashboard(ctx, apiclient.DashboardRequest{LastXTransactions: 1})
	require.NoError(t, err)
	require.Len(t, d.LastTransactions, 1)
	assert.Equal(t, testNow.Format(time.DateOnly), d.LastTransactions[0].Date)
	assert.Greater(t, e.srv.LastID(), last)

	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		e.srv.RunLive(runCtx, time.Millisecond)
		close(done)
	}()
	mid := e.srv.TransactionCount()
	require.Eventually(t, func() bool { return e.srv.TransactionCount() > mid+5 }, 5*time.Second, time.Millisecond)
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("RunLive did not stop when its context ended")
	}
}
