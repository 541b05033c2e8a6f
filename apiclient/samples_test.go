package apiclient

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The seed pages' sample responses, served in XML and in JSON, decode to
// what the pages describe.

func TestSampleCustomersReport(t *testing.T) {
	for _, format := range formats {
		t.Run(format.String(), func(t *testing.T) {
			c, api := clientFor(t, format, sample(t, "000_customers_report.xml"))
			got, err := reportAll(c, ReportFilter{DateStart: "2010-01-01", DateEnd: "2011-12-31",
				Campaigns: []string{"123456789012", "210987654321"}})
			require.NoError(t, err)
			require.Len(t, got, 2, "Jane, then the page's <customer>...</customer> placeholder")
			assert.Equal(t, Customer{
				Code: "4137071924090694", CardNumber: "11111111", FirstName: "Jane", LastName: "Doe",
				Phone: "555-5555", Email: "jdoe@email.com", Street1: "123 Main St.", Street2: "Apt 3G",
				City: "Anytown", State: "ND", PostalCode: "12345", Country: "NZ", CustomDate: "1970-07-14",
				CustomField: "She likes cheese!", Username: "jdoe123",
			}, got[0])
			assert.Equal(t, Customer{}, got[1])

			form := api.lastForm(t)
			assert.Equal(t, "reports", form.Get("type"))
			assert.Equal(t, "customers_all", form.Get("report"))
			assert.Equal(t, "123456789012,210987654321", form.Get("selected_campaigns"))
			assert.Equal(t, "2010-01-01", form.Get("date_start"))
			assert.Equal(t, "2011-12-31", form.Get("date_end"))
			assert.False(t, form.Has("last"))
			assert.Equal(t, demoPassword, form.Get("user_password"))
		})
	}
}

func TestSampleCustomersReportAsIterator(t *testing.T) {
	for _, format := range formats {
		t.Run(format.String(), func(t *testing.T) {
			c, _ := clientFor(t, format, sample(t, "000_customers_report.xml"))
			var names []string
			for cust, err := range c.ReportCustomers(context.Background(), ReportFilter{Last: "0"}) {
				require.NoError(t, err)
				names = append(names, cust.FirstName)
				break // stopping early is not an error
			}
			assert.Equal(t, []string{"Jane"}, names)
		})
	}
}

// The batch sample prints <new>2<new> for <new>2</new>. The lenient XML
// decoder still reads new=2, updated=1. JSON cannot carry that mix of text
// and children, so its sample is the tree the page means.
func TestSampleBatch(t *testing.T) {
	bodies := map[Format]string{
		XML: sample(t, "001_batch.xml"),
		JSON: `<response status="success"><batch status="imported"><customers>
			<new>2</new><updated>1</updated></customers></batch></response>`,
	}
	for _, format := range formats {
		t.Run(format.String(), func(t *testing.T) {
			c, api := clientFor(t, format, bodies[format])
			res, err := c.ImportBatch(context.Background(), BatchRequest{
				Delimiter: DelimPipe, Duplicates: Update, CardNumberGenerate: 10,
				Campaigns: []string{"898989889", "13234545", "34534554"},
				Headers:   []string{"code", "card_number", "first_name", "last_name", "custom_date", "phone"},
				Rows: [][]string{
					{"11223344", "11223344", "jane", "doe", "1970-07-14", "555-5555"},
					{"22334455", "22334455", "jim", "mcdoe", "1966-07-28", "555-5556"},
					{"33445566", "33445566", "larry", "smith", "1980-02-05", "555-5557"},
				},
			})
			require.NoError(t, err)
			assert.Equal(t, BatchResult{Status: "imported", New: 2, Updated: 1}, res)

			form := api.lastForm(t)
			assert.Equal(t, "pipe", form.Get("delimiter"))
			assert.Equal(t, "update", form.Get("overwrite_duplicates"))
			assert.Equal(t, "10", form.Get("card_number_generate"))
			assert.Equal(t, "898989889|,|13234545|,|34534554", form.Get("campaigns_to_include"))
			assert.Equal(t, "code", form.Get("profiles_header_1"))
			assert.Equal(t, "phone", form.Get("profiles_header_6"))
			assert.False(t, form.Has("profiles_header_7"))
			assert.Equal(t, "11223344|11223344|jane|doe|1970-07-14|555-5555\n"+
				"22334455|22334455|jim|mcdoe|1966-07-28|555-5556\n"+
				"33445566|33445566|larry|smith|1980-02-05|555-5557\n", form.Get("Profiles_Data"))
		})
	}
}

func TestSampleRecordCustomer(t *testing.T) {
	for _, format := range formats {
		t.Run(format.String(), func(t *testing.T) {
			c, api := clientFor(t, format, sample(t, "002_record_customer.xml"))
			res, err := c.SaveCustomer(context.Background(), SaveCustomerRequest{
				Code: "89898989898989", CardNumberGenerate: 10,
				Fields: map[string]string{FFirstName: "John", FCustomDate: "1970-07-14", FPIN: "1234", CustomFieldKey(2): "Single"},
			})
			require.NoError(t, err)
			assert.Equal(t, SaveCustomerResult{Status: "update", Code: "1234567890123456", CardNumber: "1234567890"}, res)

			form := api.lastForm(t)
			assert.Equal(t, "record_customer", form.Get("type"))
			assert.Equal(t, "edit", form.Get("customer_action"))
			assert.Equal(t, "Single", form.Get("custom_field_2"))
			assert.Equal(t, "1234", form.Get("customer_PIN"))
		})
	}
}

func TestSampleAccountUpdate(t *testing.T) {
	for _, format := range formats {
		t.Run(format.String(), func(t *testing.T) {
			c, api := clientFor(t, format, sample(t, "003_account_update.xml"))
			res, err := c.UpdateAccount(context.Background(), map[string]string{"biz_name": "Great Widgets, LLC"})
			require.NoError(t, err)
			assert.Equal(t, AccountUpdateResult{}, res)
			assert.Equal(t, "Great Widgets, LLC", api.lastForm(t).Get("biz_name"))
			assert.False(t, api.lastForm(t).Has("agency"), "only the changed fields are sent")
		})
	}
}

func TestSampleAccountUpdateWithNewToken(t *testing.T) {
	for _, format := range formats {
		t.Run(format.String(), func(t *testing.T) {
			c, api := clientFor(t, format, sample(t, "003_account_update_token.xml"))
			res, err := c.UpdateAccount(context.Background(), map[string]string{"new_account_password": "pa$$w0rd"})
			require.NoError(t, err)
			assert.Equal(t, "2959caadac9b13dcb4", res.NewAPIToken)
			assert.Equal(t, demoPassword, api.lastForm(t).Get("user_password"))

			_, _ = c.UpdateAccount(context.Background(), map[string]string{"biz_city": "Anytown"})
			assert.Equal(t, "2959caadac9b13dcb4", api.lastForm(t).Get("user_password"), "the next call uses the new token")
		})
	}
}

func TestSampleAccountInfo(t *testing.T) {
	for _, format := range formats {
		t.Run(format.String(), func(t *testing.T) {
			c, api := clientFor(t, format, sample(t, "003_account_info.xml"))
			acc, err := c.AccountInfo(context.Background())
			require.NoError(t, err)
			assert.Equal(t, Account{
				ID: "test2009050502", BizName: "Great Widgets Company", BizAddress1: "123 Main St.",
				BizCity: "Anytown", BizState: "CA", BizZip: "55555", ContactFirstName: "John",
				ContactLastName: "Smith", ContactEmail: "John@email.com", ContactPhone: "555-555-5555",
				Language: "EN", Symbol: "USD", Glyph: "$", Timezone: "14", Created: "2010-09-05",
			}, acc)
			assert.Equal(t, "account_info", api.lastForm(t).Get("type"))
		})
	}
}

func TestAccountInfoCoalitionAndTwoTierMarkers(t *testing.T) {
	for _, format := range formats {
		t.Run(format.String(), func(t *testing.T) {
			c, _ := clientFor(t, format, `<response status="success"><account><account_id>a</account_id>
				<coalition>Yes</coalition><two_tier>Yes</two_tier></account></response>`)
			acc, err := c.AccountInfo(context.Background())
			require.NoError(t, err)
			assert.True(t, acc.Coalition)
			assert.True(t, acc.TwoTier)
		})
	}
}

func TestSampleDashboard(t *testing.T) {
	for _, format := range formats {
		t.Run(format.String(), func(t *testing.T) {
			c, api := clientFor(t, format, sample(t, "003_dashboard.xml"))
			d, err := c.Dashboard(context.Background(), FullDashboard(30, 10, 10))
			require.NoError(t, err)
			assert.Equal(t, []ActiveCustomer{{Code: "12345678900123456", CardNumber: "16846",
				FirstName: "John", LastName: "Smith", Transactions: 124}}, d.MostActive)
			require.NotNil(t, d.CustomerCount)
			assert.Equal(t, 2845, *d.CustomerCount)
			assert.Equal(t, &MonthSummary{ThisMonth: 276, LastMonth: 498, SamePeriodLastMonth: 248}, d.Customers)
			assert.Equal(t, &MonthSummary{ThisMonth: 8905, LastMonth: 10567, SamePeriodLastMonth: 9025}, d.Transactions)
			require.NotNil(t, d.ActiveCampaignsCount)
			assert.Equal(t, 5, *d.ActiveCampaignsCount)
			assert.Equal(t, []CampaignActivity{{ID: "1234567890543216", Name: "Points Campaign", Type: CampaignPoints,
				Days: []DayCount{{Date: "2013-05-10", Quantity: 157}}}}, d.CampaignActivity)
			assert.Equal(t, []DashboardTransaction{{ID: "123456", CampaignID: "1234567890543216",
				CampaignName: "Points Campaign", CampaignType: CampaignPoints, Code: "12345678900123456",
				CardNumber: "16846", FirstName: "John", LastName: "Smith", Date: "2013-05-10", Amount: "1500",
				Description: "Smith", User: "cashier123"}}, d.LastTransactions)
			assert.Equal(t, []RecentCustomer{{Code: "12345678900123456", CardNumber: "16846", FirstName: "John",
				LastName: "Smith", TimeStamp: "2013-05-10 13:14:56"}}, d.LastCustomers)

			form := api.lastForm(t)
			assert.Equal(t, "1.5", form.Get("API"))
			assert.Equal(t, demoPassword, form.Get("user_api_key"))
			assert.False(t, form.Has("user_password"), "the dashboard takes the key as user_api_key")
			assert.Equal(t, "30", form.Get("campaigns_per_day_activity"))
			assert.Equal(t, "Yes", form.Get("customer_count"))
		})
	}
}

// Every call turns the pages' error sample into an *APIError.
func TestSampleErrorForEveryCall(t *testing.T) {
	ctx := context.Background()
	calls := map[string]func(c *Client) error{
		"report": func(c *Client) error { _, err := reportAll(c, ReportFilter{}); return err },
		"batch": func(c *Client) error {
			_, err := c.ImportBatch(ctx, BatchRequest{Headers: []string{"code"}, Rows: [][]string{{"1"}}, Campaigns: []string{"9"}})
			return err
		},
		"save": func(c *Client) error {
			_, err := c.SaveCustomer(ctx, SaveCustomerRequest{Code: "1", Fields: map[string]string{FCity: "X"}})
			return err
		},
		"account update":     func(c *Client) error { _, err := c.UpdateAccount(ctx, map[string]string{"biz_city": "X"}); return err },
		"account info":       func(c *Client) error { _, err := c.AccountInfo(ctx); return err },
		"dashboard":          func(c *Client) error { _, err := c.Dashboard(ctx, DashboardRequest{CustomerCount: true}); return err },
		"customer info":      func(c *Client) error { _, err := c.CustomerInfo(ctx, CustomerQuery{Code: "1"}); return err },
		"balance":            func(c *Client) error { _, err := c.CustomerBalance(ctx, CustomerQuery{Code: "1"}, "9", 5); return err },
		"customer fields":    func(c *Client) error { _, err := c.CustomerFields(ctx); return err },
		"transaction fields": func(c *Client) error { _, err := c.TransactionFields(ctx); return err },
		"campaigns":          func(c *Client) error { _, err := c.Campaigns(ctx); return err },
		"inactive campaigns": func(c *Client) error { _, err := c.InactiveCampaigns(ctx); return err },
		"rewards":            func(c *Client) error { _, err := c.CampaignRewards(ctx, "9"); return err },
		"search": func(c *Client) error {
			_, err := c.CustomerSearch(ctx, SearchQuery{Fields: map[string]string{"last_name": "Doe"}})
			return err
		},
		"card replace": func(c *Client) error {
			_, err := c.CardReplace(ctx, CardReplaceRequest{PreviousCode: "1", NewCard: "2"})
			return err
		},
		"generate card": func(c *Client) error { _, err := c.GenerateCardNumber(ctx, 8, "", ""); return err },
	}
	for _, format := range formats {
		for name, call := range calls {
			t.Run(format.String()+" "+name, func(t *testing.T) {
				c, _ := clientFor(t, format, sample(t, "000_error.xml"))
				var apiErr *APIError
				require.True(t, errors.As(call(c), &apiErr))
				assert.Equal(t, "Error message", apiErr.Message)
			})
		}
	}
}
