package fakeserver_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/fakeserver"
)

func ownerCreds() apiclient.Credentials {
	return apiclient.Credentials{UserID: fakeserver.DemoOwnerID, Password: fakeserver.DemoOwnerPassword, AccountID: fakeserver.DemoAccountID}
}

func TestAccountInfo(t *testing.T) {
	eachFormat(t, func(t *testing.T, f apiclient.Format) {
		e := newEnv(t, f)
		acc, err := e.c.AccountInfo(context.Background())
		require.NoError(t, err)
		assert.Equal(t, apiclient.Account{
			ID: "greatwidgets", BizName: "Great Widgets Company", BizAddress1: "123 Main St.", BizCity: "Anytown",
			BizState: "CA", BizZip: "55555", BizCountry: "United States", ContactFirstName: "John", ContactLastName: "Smith",
			ContactEmail: "john@example.com", ContactPhone: "555-555-5555", ClientEmail: "info@greatwidgets.example.com",
			Language: "EN", Symbol: "USD", Glyph: "$", Timezone: "14", Created: "2007-12-20",
		}, acc)

		co := newEnv(t, f, fakeserver.Options{Customers: -1, Coalition: true, TwoTier: true})
		acc, err = co.c.AccountInfo(context.Background())
		require.NoError(t, err)
		assert.True(t, acc.Coalition)
		assert.True(t, acc.TwoTier)
	})
}

func TestUpdateAccount(t *testing.T) {
	eachFormat(t, func(t *testing.T, f apiclient.Format) {
		e := newEnv(t, f)
		ctx := context.Background()
		e.srv.ResetRequests()
		res, err := e.c.UpdateAccount(ctx, map[string]string{"biz_city": "Wellington", "symbol_selector": "nzd", "timezone_selector": "68"})
		require.NoError(t, err)
		assert.Empty(t, res.NewAPIToken)
		sent := sentFields(e.srv.RequestsOf("account_update")[0])
		slices.Sort(sent)
		assert.Equal(t, []string{"biz_city", "symbol_selector", "timezone_selector"}, sent)

		acc, err := e.c.AccountInfo(ctx)
		require.NoError(t, err)
		assert.Equal(t, "Wellington", acc.BizCity)
		assert.Equal(t, "NZD", acc.Symbol)
		assert.Equal(t, "$", acc.Glyph)
		assert.Equal(t, "68", acc.Timezone)
		assert.Equal(t, "123 Main St.", acc.BizAddress1, "fields not sent stay")

		_, err = e.c.UpdateAccount(ctx, map[string]string{"symbol_selector": "EUR", "language_selector": "de"})
		require.NoError(t, err)
		acc, _ = e.c.AccountInfo(ctx)
		assert.Equal(t, "€", acc.Glyph)
		assert.Equal(t, "DE", acc.Language)

		_, err = e.c.UpdateAccount(ctx, map[string]string{"timezone_selector": "99"})
		requireAPIError(t, err, "timezone_selector")
		_, err = e.c.UpdateAccount(ctx, map[string]string{"language_selector": "XX"})
		requireAPIError(t, err, "language_selector")
	})
	e := newEnv(t, apiclient.XML)
	assert.Contains(t, e.rawError(t, demoForm("type", "account_update", "biz_name", "New", "favourite_colour", "blue")), `unknown account field "favourite_colour"`)
	acc, _ := e.c.AccountInfo(context.Background())
	assert.Equal(t, "Great Widgets Company", acc.BizName, "a refused update changes nothing")
	e.rawOK(t, demoForm("type", "process_owner_account", "action", "edit", "biz_name", "Legacy Widgets"))
	acc, _ = e.c.AccountInfo(context.Background())
	assert.Equal(t, "Legacy Widgets", acc.BizName, "the deprecated call still works")
	assert.Contains(t, e.rawError(t, demoForm("type", "process_owner_account", "biz_name", "X")), "action=edit")
	root := e.rawOK(t, demoForm("type", "account_update"))
	assert.Empty(t, root.Children, "nothing sent, nothing changed")
}

func TestNewAPITokenFlow(t *testing.T) {
	eachFormat(t, func(t *testing.T, f apiclient.Format) {
		e := newEnv(t, f)
		ctx := context.Background()
		owner := e.client(t, f, ownerCreds())
		res, err := owner.UpdateAccount(ctx, map[string]string{"new_account_password": "pa$$w0rd"})
		require.NoError(t, err)
		require.Len(t, res.NewAPIToken, 18)
		assert.NotEqual(t, fakeserver.DemoOwnerPassword, res.NewAPIToken)

		_, err = owner.AccountInfo(ctx)
		require.NoError(t, err, "the client switched to the new token")
		stale := e.client(t, f, ownerCreds())
		_, err = stale.AccountInfo(ctx)
		require.ErrorIs(t, err, apiclient.ErrUnauthenticated, "the old key stops working")
		fresh := ownerCreds()
		fresh.Password = res.NewAPIToken
		_, err = e.client(t, f, fresh).AccountInfo(ctx)
		require.NoError(t, err)
		key, _ := e.srv.APIKey(fakeserver.DemoOwnerID)
		assert.Equal(t, res.NewAPIToken, key)
		req := e.srv.RequestsOf("account_update")[0]
		assert.Equal(t, fakeserver.Masked, req.Form.Get("new_account_password"))

		// Another user changing the account password is not told a token,
		// and keeps their own key.
		res, err = e.c.UpdateAccount(ctx, map[string]string{"new_account_password": "another"})
		require.NoError(t, err)
		assert.Empty(t, res.NewAPIToken)
		_, err = e.c.AccountInfo(ctx)
		require.NoError(t, err)
	})
	e := newEnv(t, apiclient.XML)
	form := demoForm("type", "account_update", "account_password", "legacy")
	form.Set("user_id", fakeserver.DemoOwnerID)
	form.Set("user_password", fakeserver.DemoOwnerPassword)
	token := e.rawOK(t, form).Get("new_api_token")
	assert.Len(t, token, 18, "the seed's PHP example spells it account_password")
	assert.Contains(t, e.rawError(t, form), apiclient.MsgAuthFailed)
}

func TestDashboard(t *testing.T) {
	eachFormat(t, func(t *testing.T, f apiclient.Format) {
		e := newEnv(t, f, fakeserver.Options{Customers: 1000})
		ctx := context.Background()
		d, err := e.c.Dashboard(ctx, apiclient.DashboardRequest{})
		require.NoError(t, err)
		assert.Equal(t, apiclient.Dashboard{}, d, "no section asked, none answered")

		d, err = e.c.Dashboard(ctx, apiclient.DashboardRequest{CustomerCount: true})
		require.NoError(t, err)
		require.NotNil(t, d.CustomerCount)
		assert.Equal(t, e.srv.CustomerCount(), *d.CustomerCount)
		assert.Nil(t, d.Customers)
		assert.Nil(t, d.Transactions)
		assert.Nil(t, d.MostActive)
		assert.Nil(t, d.LastTransactions)

		d, err = e.c.Dashboard(ctx, apiclient.FullDashboard(30, 10, 5))
		require.NoError(t, err)
		require.Len(t, d.MostActive, 5)
		for i := 1; i < len(d.MostActive); i++ {
			assert.GreaterOrEqual(t, d.MostActive[i-1].Transactions, d.MostActive[i].Transactions)
		}
		top, _ := e.srv.Customer(d.MostActive[0].Code)
		assert.Equal(t, top.Transactions, d.MostActive[0].Transactions)
		require.NotNil(t, d.Customers)
		assert.Positive(t, d.Customers.LastMonth)
		assert.LessOrEqual(t, d.Customers.SamePeriodLastMonth, d.Customers.LastMonth)
		require.NotNil(t, d.Transactions)
		assert.Positive(t, d.Transactions.ThisMonth)
		assert.Positive(t, d.Transactions.LastMonth)
		assert.LessOrEqual(t, d.Transactions.SamePeriodLastMonth, d.Transactions.LastMonth)
		require.NotNil(t, d.ActiveCampaignsCount)
		assert.Equal(t, 5, *d.ActiveCampaignsCount)
		require.Len(t, d.CampaignActivity, 5, "the active campaigns")
		for _, ca := range d.CampaignActivity {
			require.Len(t, ca.Days, 30)
			assert.Equal(t, testNow.Format(time.DateOnly), ca.Days[29].Date)
			assert.Equal(t, testNow.AddDate(0, 0, -29).Format(time.DateOnly), ca.Days[0].Date)
		}
		require.Len(t, d.LastTransactions, 10)
		for i := 1; i < len(d.LastTransactions); i++ {
			assert.Greater(t, atoi(d.LastTransactions[i-1].ID), atoi(d.LastTransactions[i].ID), "newest first")
		}
		assert.NotEmpty(t, d.LastTransactions[0].CampaignName)
		assert.NotEmpty(t, d.LastTransactions[0].Code)
		require.Len(t, d.LastCustomers, 10)
		assert.Len(t, d.LastCustomers[0].TimeStamp, len("2011-12-20 14:30:00"))

		// The live simulator moves it.
		before := *d.Transactions
		lastID := d.LastTransactions[0].ID
		e.srv.Tick()
		d, err = e.c.Dashboard(ctx, apiclient.FullDashboard(1, 1, 1))
		require.NoError(t, err)
		assert.Greater(t, d.Transactions.ThisMonth, before.ThisMonth)
		assert.Greater(t, atoi(d.LastTransactions[0].ID), atoi(lastID))
		var today int
		for _, ca := range d.CampaignActivity {
			today += ca.Days[0].Quantity
		}
		assert.Positive(t, today)
	})
}

func TestDashboardRaw(t *testing.T) {
	e := newEnv(t, apiclient.XML)
	dash := func(kv ...string) []string { return append([]string{"type", "dashboard", "API", "1.5"}, kv...) }
	assert.Contains(t, e.rawError(t, demoForm("type", "dashboard", "customer_count", "Yes")), "API=1.5")
	assert.Contains(t, e.rawError(t, demoForm(dash("most_active", "ten")...)), "most_active must be a whole number")
	root := e.rawOK(t, demoForm(dash("active_campaign_count", "Yes")...))
	assert.Equal(t, "5", root.Get("active_campaigns_count"), "the docs' typo active_campaign_count is accepted")
	root = e.rawOK(t, demoForm(dash("customer_count", "No", "last_X_transactions", "3")...))
	assert.False(t, root.Has("total_customers"))
	lx := root.Child("last_X_transactions")
	require.NotNil(t, lx)
	assert.Equal(t, "transactions", lx.Children[0].Name, "the count comes first, as in the sample")
	assert.Equal(t, "3", lx.Children[0].Text)
	assert.Len(t, lx.All("transaction"), 3)

	// The dashboard's own credentials: API=1.5 with user_api_key.
	form := dash("total_customers_this_month", "10")
	key := demoForm(form...)
	key.Del("user_password")
	key.Set("user_api_key", fakeserver.DemoPassword)
	root = e.rawOK(t, key)
	assert.True(t, root.Child("total_customers").Has("same_period_last_month"))
	assert.False(t, root.Child("total_customers").Has("all_time"))
	dashReq := e.srv.RequestsOf("dashboard")
	assert.Equal(t, fakeserver.Masked, dashReq[len(dashReq)-1].Form.Get("user_api_key"))
}

func TestLists(t *testing.T) {
	eachFormat(t, func(t *testing.T, f apiclient.Format) {
		e := newEnv(t, f)
		ctx := context.Background()
		defs, err := e.c.CustomerFields(ctx)
		require.NoError(t, err)
		types := map[apiclient.FieldType]bool{}
		var hidden, required []string
		for _, d := range defs {
			types[d.Type] = true
			assert.NotEmpty(t, d.Name)
			assert.NotEmpty(t, d.Label, d.Name)
			if d.Type == apiclient.FieldPick || d.Type == apiclient.FieldList {
				assert.NotEmpty(t, d.Choices, d.Name)
			} else {
				assert.Empty(t, d.Choices, d.Name)
			}
			if !d.Show {
				hidden = append(hidden, d.Name)
			}
			if d.Required {
				required = append(required, d.Name)
			}
		}
		assert.Len(t, types, 4, "Text, Date, Pick, List")
		assert.Contains(t, defs, apiclient.FieldDef{Name: "custom_field_2", Label: "Marital status", Show: true, Type: apiclient.FieldPick,
			Choices: []string{"Single", "Married", "Partnered", "Widowed", "Other"}}, "api-reference.md's example")
		assert.Equal(t, apiclient.FieldDef{Name: "first_name", Label: "First name", Show: true, Type: apiclient.FieldText}, defs[0], "standard fields are listed too")
		assert.Equal(t, []string{"street2", "custom_field_6"}, hidden)
		assert.Equal(t, []string{"phone"}, required)
		assert.Equal(t, "1.6", e.srv.RequestsOf("manage_fields")[0].Form.Get("API"))

		tdefs, err := e.c.TransactionFields(ctx)
		require.NoError(t, err)
		require.Len(t, tdefs, 4)
		assert.Equal(t, apiclient.FieldDef{Name: "custom_field_1", Label: "Receipt number", Show: true, Type: apiclient.FieldText}, tdefs[0])

		camps, err := e.c.Campaigns(ctx)
		require.NoError(t, err)
		require.Len(t, camps, 5)
		assert.Equal(t, apiclient.Campaign{ID: fakeserver.PointsCampaignID, Name: "Widget Points", Type: apiclient.CampaignPoints,
			PointsRatio: "10", RewardRatio: "100", Created: "2008-12-20 00:00:00"}, camps[0])
		var kinds []apiclient.CampaignType
		for _, c := range camps {
			kinds = append(kinds, c.Type)
		}
		assert.Equal(t, []apiclient.CampaignType{apiclient.CampaignPoints, apiclient.CampaignEvents, apiclient.CampaignEarned, apiclient.CampaignBuyX, apiclient.CampaignGiftCard}, kinds)
		assert.Equal(t, []string{"Widget", "Gadget", "Sprocket", "Gizmo", "Flat White"}, camps[3].Items)
		assert.Equal(t, "$", camps[4].Glyph)

		gift, err := e.c.CampaignsOfType(ctx, apiclient.CampaignGiftCard)
		require.NoError(t, err)
		require.Len(t, gift, 1)
		assert.Equal(t, fakeserver.GiftCardCampaignID, gift[0].ID)

		inactive, err := e.c.InactiveCampaigns(ctx)
		require.NoError(t, err)
		require.Len(t, inactive, 1)
		assert.Equal(t, fakeserver.InactiveCampaignID, inactive[0].ID)
		assert.True(t, inactive[0].Inactive)

		rewards, err := e.c.CampaignRewards(ctx, fakeserver.PointsCampaignID)
		require.NoError(t, err)
		assert.Equal(t, []apiclient.Reward{{ID: "701", Level: "500", Description: "Free coffee", RewardID: "R-COFFEE"},
			{ID: "702", Level: "2000", Description: "10% off", RewardID: "R-10OFF"}, {ID: "703", Level: "6000", Description: "Free widget", RewardID: "R-WIDGET"}}, rewards)
		none, err := e.c.CampaignRewards(ctx, fakeserver.GiftCardCampaignID)
		require.NoError(t, err)
		assert.Empty(t, none)
	})
	e := newEnv(t, apiclient.XML)
	for _, guessed := range []string{"custom_fields", "reference"} {
		assert.Contains(t, e.rawError(t, demoForm("type", guessed, "action", "list", "list", "currencies")), "is not an API call", guessed)
	}
	assert.Contains(t, e.rawError(t, demoForm("type", "manage_fields", "action", "list")), "API=1.6")
	assert.Contains(t, e.rawError(t, demoForm("type", "manage_fields", "API", "1.6")), "action is required")
	assert.Contains(t, e.rawError(t, demoForm("type", "manage_fields", "API", "1.6", "action", "create")), "not supported")
	assert.Contains(t, e.rawError(t, demoForm("type", "campaigns_list", "type_restrict", "visits")), "type_restrict")
	assert.Contains(t, e.rawError(t, demoForm("type", "campaign_rewards")), "campaign_id is required")
}

func TestReferenceListsShipWithTheProgram(t *testing.T) {
	assert.Contains(t, apiclient.Reference(apiclient.Languages), apiclient.ReferenceItem{Code: "EN", Name: "English"})
	eur, ok := apiclient.FindReference(apiclient.Currencies, "EUR")
	require.True(t, ok)
	assert.Equal(t, "Euro (€)", eur.Label())
	for _, it := range apiclient.Reference(apiclient.Currencies) {
		assert.Len(t, it.Code, 3, "ISO 4217")
		assert.NotEmpty(t, it.Glyph, it.Code)
	}
	codes := map[string]string{}
	for _, it := range apiclient.Reference(apiclient.Timezones) {
		assert.True(t, isDigits(it.Code), it.Code)
		codes[it.Code] = it.Name
	}
	assert.Contains(t, codes["14"], "Pacific", "the account_info sample's zone")
	assert.Contains(t, codes["68"], "Auckland", "the account_update example's zone")
	_, ok = apiclient.FindReference(apiclient.Timezones, "999")
	assert.False(t, ok)
}
