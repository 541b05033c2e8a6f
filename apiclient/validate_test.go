package apiclient

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// requireRefused checks a request was refused on the client, naming field,
// without reaching the server.
func requireRefused(t *testing.T, api *fakeAPI, err error, field string) *ValidationError {
	t.Helper()
	var ve *ValidationError
	require.True(t, errors.As(err, &ve), "want a ValidationError, got %v", err)
	assert.Equal(t, field, ve.Field)
	assert.Zero(t, api.calls(), "a refused request must not be sent")
	return ve
}

func TestIsISODate(t *testing.T) {
	for _, ok := range []string{"2010-01-01", "2011-12-31", "2024-02-29", "1970-07-14"} {
		assert.True(t, IsISODate(ok), ok)
	}
	for _, bad := range []string{"2023-02-30", "2023-02-29", "2023-13-01", "04-06-05", "04-03-2010", "2023-2-03",
		"2023/02/03", "20230203", " 2023-02-03", "2023-02-03T00:00", ""} {
		assert.False(t, IsISODate(bad), bad)
	}
}

func TestIsDateTime(t *testing.T) {
	assert.True(t, IsDateTime("2012.07.28 22:59:59"))
	for _, bad := range []string{"2012-07-28 22:59:59", "2012.02.30 10:00:00", "2012.07.28 24:00:00", "2012.07.28"} {
		assert.False(t, IsDateTime(bad), bad)
	}
}

func TestReportFilterRefusals(t *testing.T) {
	for name, tc := range map[string]struct {
		f     ReportFilter
		field string
	}{
		"impossible date":          {ReportFilter{DateStart: "2023-02-30", Campaigns: []string{"1"}}, "date_start"},
		"ambiguous date":           {ReportFilter{DateEnd: "04-06-05", Campaigns: []string{"1"}}, "date_end"},
		"end before start":         {ReportFilter{DateStart: "2011-01-02", DateEnd: "2011-01-01", Campaigns: []string{"1"}}, "date_end"},
		"space in campaign":        {ReportFilter{Campaigns: []string{"123 456"}}, "selected_campaigns"},
		"space around campaign":    {ReportFilter{Campaigns: []string{"1", " 2"}}, "selected_campaigns"},
		"comma in campaign":        {ReportFilter{Campaigns: []string{"1,2"}}, "selected_campaigns"},
		"empty campaign":           {ReportFilter{Campaigns: []string{"1", ""}}, "selected_campaigns"},
		"last with campaigns":      {ReportFilter{Campaigns: []string{"1"}, Last: "12345"}, "last"},
		"last that is not an ID":   {ReportFilter{Last: "12a"}, "last"},
		"last with a leading sign": {ReportFilter{Last: "-1"}, "last"},
	} {
		t.Run(name, func(t *testing.T) {
			c, api := clientFor(t, XML, sample(t, "000_customers_report.xml"))
			_, err := reportAll(c, tc.f)
			requireRefused(t, api, err, tc.field)
		})
	}
}

func TestReportFilterLastAlone(t *testing.T) {
	c, api := clientFor(t, XML, `<response status="success"></response>`)
	_, err := reportAll(c, ReportFilter{Last: "0"})
	require.NoError(t, err)
	assert.Equal(t, "0", api.lastForm(t).Get("last"))
	assert.False(t, api.lastForm(t).Has("selected_campaigns"))
}

func TestSaveCustomerRefusals(t *testing.T) {
	for name, tc := range map[string]struct {
		r     SaveCustomerRequest
		field string
	}{
		"edit that sets nothing":         {SaveCustomerRequest{Code: "898989"}, ""},
		"edit by card that sets nothing": {SaveCustomerRequest{CardNumber: "1212121212"}, ""},
		"nothing at all":                 {SaveCustomerRequest{Action: ActionNew}, ""},
		"unknown action":                 {SaveCustomerRequest{Action: "delete", Code: "1"}, "customer_action"},
		"impossible custom date":         {SaveCustomerRequest{Code: "1", Fields: map[string]string{FCustomDate: "2023-02-30"}}, FCustomDate},
		"day-month custom date":          {SaveCustomerRequest{Code: "1", Fields: map[string]string{FCustomDate: "04-03-2010"}}, FCustomDate},
		"PIN with letters":               {SaveCustomerRequest{Code: "1", Fields: map[string]string{FPIN: "12a4"}}, FPIN},
		"PIN with a space":               {SaveCustomerRequest{Code: "1", Fields: map[string]string{FPIN: "12 34"}}, FPIN},
		"unknown field":                  {SaveCustomerRequest{Code: "1", Fields: map[string]string{"nickname": "J"}}, "nickname"},
		"campaign list with a space":     {SaveCustomerRequest{Action: ActionNew, Code: "1", CampaignIDs: []string{"1", "2 "}}, "campaign_id"},
	} {
		t.Run(name, func(t *testing.T) {
			c, api := clientFor(t, XML, sample(t, "002_record_customer.xml"))
			_, err := c.SaveCustomer(context.Background(), tc.r)
			requireRefused(t, api, err, tc.field)
		})
	}
}

func TestSaveCustomerAccepted(t *testing.T) {
	for name, r := range map[string]SaveCustomerRequest{
		"edit replacing the card number": {Code: "1", CardNumber: "2"},
		"edit with a fresh code":         {Code: "1", NewCode: true},
		"edit generating a card number":  {CardNumber: "2", CardNumberGenerate: 8},
		"edit blanking a field":          {Code: "1", Fields: map[string]string{FStreet2: ""}},
		"new customer from a card":       {Action: ActionNew, CardNumber: "2"},
		"new customer with campaigns":    {Action: ActionNew, Code: "1", CampaignIDs: []string{"11", "22"}, AutoAdd: "25"},
	} {
		t.Run(name, func(t *testing.T) {
			c, api := clientFor(t, XML, sample(t, "002_record_customer.xml"))
			_, err := c.SaveCustomer(context.Background(), r)
			require.NoError(t, err)
			if len(r.CampaignIDs) > 0 {
				assert.Equal(t, "11,22", api.lastForm(t).Get("campaign_id"))
				assert.Equal(t, "25", api.lastForm(t).Get("auto_add"))
			}
		})
	}
}

func TestCustomerQueryRefusals(t *testing.T) {
	c, api := clientFor(t, XML, `<response status="success"><customer><code>1</code></customer></response>`)
	_, err := c.CustomerInfo(context.Background(), CustomerQuery{Code: "1", CardNumber: "2"})
	requireRefused(t, api, err, "code")
	_, err = c.CustomerInfo(context.Background(), CustomerQuery{})
	requireRefused(t, api, err, "code")
	_, err = c.LookupCustomer(context.Background(), "   ")
	requireRefused(t, api, err, "number")
	_, err = c.CustomerBalance(context.Background(), CustomerQuery{Code: "1"}, "", 5)
	requireRefused(t, api, err, "campaign_id")
}

func validBatch() BatchRequest {
	return BatchRequest{
		Headers:   []string{"code", "first_name", "customer_PIN", "custom_date"},
		Rows:      [][]string{{"1", "Ana", "1234", "1970-07-14"}},
		Campaigns: []string{"898989889"},
	}
}

func TestBatchRefusals(t *testing.T) {
	for name, tc := range map[string]struct {
		edit  func(*BatchRequest)
		field string
	}{
		"unknown header":         {func(r *BatchRequest) { r.Headers[1] = "custome_date" }, "custome_date"},
		"duplicate header":       {func(r *BatchRequest) { r.Headers[1] = "code" }, "code"},
		"empty header":           {func(r *BatchRequest) { r.Headers[1] = "" }, "profiles_header_2"},
		"no header":              {func(r *BatchRequest) { r.Headers, r.Rows = nil, [][]string{{}} }, "profiles_header_1"},
		"no rows":                {func(r *BatchRequest) { r.Rows = nil }, "Profiles_Data"},
		"short row":              {func(r *BatchRequest) { r.Rows[0] = r.Rows[0][:2] }, "Profiles_Data"},
		"value with the pipe":    {func(r *BatchRequest) { r.Rows[0][1] = "Ana|Bea" }, "first_name"},
		"value with the comma":   {func(r *BatchRequest) { r.Delimiter, r.Rows[0][1] = DelimComma, "Doe, Ana" }, "first_name"},
		"value with the tab":     {func(r *BatchRequest) { r.Delimiter, r.Rows[0][1] = DelimTab, "Ana\tB" }, "first_name"},
		"value with a newline":   {func(r *BatchRequest) { r.Rows[0][1] = "Ana\nB" }, "first_name"},
		"PIN with letters":       {func(r *BatchRequest) { r.Rows[0][2] = "12ab" }, "customer_PIN"},
		"impossible custom date": {func(r *BatchRequest) { r.Rows[0][3] = "2023-02-30" }, "custom_date"},
		"unknown delimiter":      {func(r *BatchRequest) { r.Delimiter = "semicolon" }, "delimiter"},
		"unknown duplicates":     {func(r *BatchRequest) { r.Duplicates = "overwrite" }, "overwrite_duplicates"},
		"no campaign":            {func(r *BatchRequest) { r.Campaigns = nil }, "campaigns_to_include"},
		"campaign with a space":  {func(r *BatchRequest) { r.Campaigns = []string{"1 2"} }, "campaigns_to_include"},
		"campaign with |,|":      {func(r *BatchRequest) { r.Campaigns = []string{"1|,|2"} }, "campaigns_to_include"},
	} {
		t.Run(name, func(t *testing.T) {
			c, api := clientFor(t, XML, sample(t, "001_batch.xml"))
			r := validBatch()
			tc.edit(&r)
			_, err := c.ImportBatch(context.Background(), r)
			requireRefused(t, api, err, tc.field)
		})
	}
}

// A refused PIN or password value is never quoted back.
func TestBatchRefusalDoesNotQuoteTheValue(t *testing.T) {
	c, api := clientFor(t, XML, sample(t, "001_batch.xml"))
	r := validBatch()
	r.Rows[0][2] = "98x7|secret"
	_, err := c.ImportBatch(context.Background(), r)
	requireRefused(t, api, err, "customer_PIN")
	assert.NotContains(t, err.Error(), "98x7")
}

func TestBatchDelimiters(t *testing.T) {
	for d, want := range map[Delimiter]string{DelimPipe: "1|Ana|1234|\n", DelimComma: "1,Ana,1234,\n", DelimTab: "1\tAna\t1234\t\n"} {
		c, api := clientFor(t, XML, sample(t, "001_batch.xml"))
		r := validBatch()
		r.Delimiter, r.Rows[0][3] = d, ""
		_, err := c.ImportBatch(context.Background(), r)
		require.NoError(t, err)
		assert.Equal(t, want, api.lastForm(t).Get("Profiles_Data"))
		assert.Equal(t, string(d), api.lastForm(t).Get("delimiter"))
	}
}

func TestUpdateAccountRefusals(t *testing.T) {
	c, api := clientFor(t, XML, sample(t, "003_account_update.xml"))
	_, err := c.UpdateAccount(context.Background(), nil)
	requireRefused(t, api, err, "")
	_, err = c.UpdateAccount(context.Background(), map[string]string{"account_id": "other"})
	requireRefused(t, api, err, "account_id")
}

func TestNewRefusesUnsafeURLs(t *testing.T) {
	for _, u := range []string{"http://api.clienttoolbox.com", "ftp://host", "https://user:pw@host", "not a url", "https://"} {
		_, err := New(Options{BaseURL: u})
		var ve *ValidationError
		require.True(t, errors.As(err, &ve), u)
		assert.False(t, strings.Contains(err.Error(), "pw@"), "the URL's credentials are not repeated")
	}
	for _, u := range []string{"https://api.clienttoolbox.com", "https://shop.example/api.php", "http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:2"} {
		_, err := New(Options{BaseURL: u})
		assert.NoError(t, err, u)
	}
}
