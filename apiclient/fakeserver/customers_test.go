package fakeserver_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/fakeserver"
)

func TestCustomerInfo(t *testing.T) {
	eachFormat(t, func(t *testing.T, f apiclient.Format) {
		e := newEnv(t, f)
		ctx := context.Background()
		byCard, err := e.c.CustomerInfo(ctx, apiclient.CustomerQuery{CardNumber: fakeserver.DemoCard})
		require.NoError(t, err)
		byCode, err := e.c.CustomerInfo(ctx, apiclient.CustomerQuery{Code: fakeserver.DemoCode})
		require.NoError(t, err)
		assert.Equal(t, byCard, byCode)

		jane, _ := e.srv.Customer(fakeserver.DemoCode)
		assert.Equal(t, apiclient.Customer{
			Code: fakeserver.DemoCode, CardNumber: fakeserver.DemoCard, FirstName: "Jane", LastName: "Doe",
			Phone: "555-5555", Email: "jdoe@email.com", Street1: "123 Main St.", Street2: "Apt 3G",
			City: "Anytown", State: "ND", PostalCode: "12345", Country: "NZ", CustomDate: "1970-07-14",
			CustomField: "She likes cheese!", Username: "jdoe123", Registered: true,
			CustomFields: map[int]string{1: "Gouda wheel", 2: "Married", 3: "", 4: "3", 5: "Gouda, Emental, Swiss", 6: "Prefers the window table"},
			Campaigns:    byCode.Campaigns,
		}, byCode)
		require.Len(t, byCode.Campaigns, 5, "Jane is in every active campaign")
		for i, cb := range byCode.Campaigns {
			assert.Equal(t, jane.Balances[cb.ID], cb.Balance, cb.Name)
			assert.NotEmpty(t, cb.Name)
			assert.Equal(t, apiclient.CampaignTypes[[]int{0, 1, 2, 4, 3}[i]], cb.Type)
		}
		assert.Equal(t, apiclient.CampaignEarned, byCode.Campaigns[2].Type)
		assert.Contains(t, byCode.Campaigns[2].Balance, ".", "money has cents")
		assert.Equal(t, "USD", byCode.Campaigns[2].Currency)

		noBal, err := e.c.CustomerInfo(ctx, apiclient.CustomerQuery{Code: fakeserver.DemoCode, NoBalances: true})
		require.NoError(t, err)
		assert.Empty(t, noBal.Campaigns)
		assert.Equal(t, "Jane", noBal.FirstName)

		one, err := e.c.CustomerInfo(ctx, apiclient.CustomerQuery{Code: fakeserver.DemoCode, CampaignID: fakeserver.EventsCampaignID})
		require.NoError(t, err)
		require.Len(t, one.Campaigns, 1)
		assert.Equal(t, apiclient.CampaignEvents, one.Campaigns[0].Type)

		_, err = e.c.CustomerInfo(ctx, apiclient.CustomerQuery{Code: fakeserver.DemoCode, CampaignID: "999"})
		requireAPIError(t, err, apiclient.MsgCampaignNotFound)

		_, err = e.c.CustomerInfo(ctx, apiclient.CustomerQuery{CardNumber: fakeserver.AmbiguousCard})
		require.ErrorIs(t, err, apiclient.ErrAmbiguousCard)
		requireAPIError(t, err, apiclient.MsgMultipleCardMatch)
		_, err = e.c.CustomerInfo(ctx, apiclient.CustomerQuery{CardNumber: "31415926"})
		require.ErrorIs(t, err, apiclient.ErrNotFound)
		_, err = e.c.CustomerInfo(ctx, apiclient.CustomerQuery{Code: "31415926"})
		require.ErrorIs(t, err, apiclient.ErrNotFound)

		// The ambiguous couple are each found by their code.
		mere, err := e.c.CustomerInfo(ctx, apiclient.CustomerQuery{Code: fakeserver.AmbiguousCode1})
		require.NoError(t, err)
		assert.Equal(t, fakeserver.AmbiguousCard, mere.CardNumber)
	})
}

func TestCustomerInfoRaw(t *testing.T) {
	e := newEnv(t, apiclient.XML)
	hidden := e.rawOK(t, demoForm("type", "customer_info", "code", fakeserver.DemoCode, "hide_custom_field", "Y")).Child("customer")
	assert.False(t, hidden.Has("custom_field"))
	assert.False(t, hidden.Has("custom_field_2"))
	assert.Equal(t, "Jane", hidden.Get("first_name"))
	shown := e.rawOK(t, demoForm("type", "customer_info", "code", fakeserver.DemoCode)).Child("customer")
	var names []string
	for _, c := range shown.Children {
		names = append(names, c.Name)
	}
	assert.Equal(t, []string{"code", "card_number", "first_name", "last_name", "phone", "email", "street1", "street2",
		"city", "state", "postal_code", "country", "custom_date", "custom_field", "customer_username", "registered",
		"custom_field_1", "custom_field_2", "custom_field_3", "custom_field_4", "custom_field_5", "custom_field_6"}, names)
	root := e.rawOK(t, demoForm("type", "customer_info", "code", fakeserver.DemoCode))
	assert.True(t, root.Has("campaigns"), "the balances stand beside the customer")
	camp := root.Child("campaigns").All("campaign")[0]
	assert.Equal(t, []string{"id", "name", "type", "balance"}, []string{camp.Children[0].Name, camp.Children[1].Name, camp.Children[2].Name, camp.Children[3].Name})
	assert.NotContains(t, names, "customer_password")
	assert.Contains(t, e.rawError(t, demoForm("type", "customer_info")), "code or card_number is required")
}

func TestLookupCustomer(t *testing.T) {
	eachFormat(t, func(t *testing.T, f apiclient.Format) {
		e := newEnv(t, f)
		ctx := context.Background()
		zoe, err := e.c.LookupCustomer(ctx, fakeserver.DemoNoCardCode)
		require.NoError(t, err, "a code with no card falls through to the code")
		assert.Equal(t, fakeserver.DemoNoCardFirst, zoe.FirstName)
		jose, err := e.c.LookupCustomer(ctx, " "+fakeserver.DemoCard2+"\n")
		require.NoError(t, err)
		assert.Equal(t, "Álvarez", jose.LastName)
		_, err = e.c.LookupCustomer(ctx, fakeserver.AmbiguousCard)
		assert.ErrorIs(t, err, apiclient.ErrAmbiguousCard)
		var amb *apiclient.AmbiguousCardError
		require.ErrorAs(t, err, &amb)
		require.Len(t, amb.Customers, 2, "the pick list")
		assert.Equal(t, []string{"Mere", "Hemi"}, []string{amb.Customers[0].FirstName, amb.Customers[1].FirstName})
		_, err = e.c.LookupCustomer(ctx, "31415926")
		assert.ErrorIs(t, err, apiclient.ErrNotFound)
	})
}

func TestCustomerBalance(t *testing.T) {
	eachFormat(t, func(t *testing.T, f apiclient.Format) {
		e := newEnv(t, f)
		ctx := context.Background()
		q := apiclient.CustomerQuery{Code: fakeserver.DemoCode}
		jane, _ := e.srv.Customer(fakeserver.DemoCode)

		all, err := e.c.CustomerBalance(ctx, q, fakeserver.PointsCampaignID, -1)
		require.NoError(t, err)
		assert.Equal(t, jane.Balances[fakeserver.PointsCampaignID], all.Balance)
		require.NotEmpty(t, all.Transactions)
		for i, tx := range all.Transactions {
			assert.True(t, isDigits(tx.ID))
			_, clock, ok := apiclient.TransactionTime(tx.Date)
			assert.True(t, ok && clock, tx.Date)
			assert.NotEmpty(t, tx.UserName)
			assert.NotEmpty(t, tx.Authorization)
			if i > 0 {
				assert.Greater(t, atoi(all.Transactions[i-1].ID), atoi(tx.ID), "newest first")
			}
		}

		none, err := e.c.CustomerBalance(ctx, q, fakeserver.PointsCampaignID, 0)
		require.NoError(t, err)
		assert.Equal(t, all.Balance, none.Balance)
		assert.Equal(t, "Widget Points", none.CampaignName)
		assert.Equal(t, apiclient.CampaignPoints, none.CampaignType)
		assert.Empty(t, none.Transactions)

		two, err := e.c.CustomerBalance(ctx, apiclient.CustomerQuery{CardNumber: fakeserver.DemoCard}, fakeserver.PointsCampaignID, 2)
		require.NoError(t, err)
		require.Len(t, two.Transactions, min(2, len(all.Transactions)))
		assert.Equal(t, all.Transactions[:len(two.Transactions)], two.Transactions)

		punches, err := e.c.CustomerBalance(ctx, q, fakeserver.BuyXCampaignID, -1)
		require.NoError(t, err)
		for _, tx := range punches.Transactions {
			if !tx.Redeemed {
				assert.NotEmpty(t, tx.Authorization, "a punch names its item")
				assert.Equal(t, "1", tx.Amount)
			}
		}

		_, err = e.c.CustomerBalance(ctx, q, "999", 1)
		requireAPIError(t, err, apiclient.MsgCampaignNotFound)
		_, err = e.c.CustomerBalance(ctx, apiclient.CustomerQuery{CardNumber: fakeserver.AmbiguousCard}, fakeserver.PointsCampaignID, 1)
		assert.ErrorIs(t, err, apiclient.ErrAmbiguousCard)
		_, err = e.c.CustomerBalance(ctx, apiclient.CustomerQuery{Code: "404"}, fakeserver.PointsCampaignID, 1)
		assert.ErrorIs(t, err, apiclient.ErrNotFound)
		_, err = e.c.CustomerBalance(ctx, q, "", 1)
		var verr *apiclient.ValidationError
		assert.ErrorAs(t, err, &verr)
	})
	e := newEnv(t, apiclient.XML)
	assert.Contains(t, e.rawError(t, demoForm("type", "customer_balance", "code", fakeserver.DemoCode)), "campaign_id is required")
	assert.Contains(t, e.rawError(t, demoForm("type", "customer_balance", "code", fakeserver.DemoCode,
		"campaign_id", fakeserver.PointsCampaignID, "transactions_number", "ten")), "transactions_number")
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}

func TestSaveCustomerEditMatching(t *testing.T) {
	eachFormat(t, func(t *testing.T, f apiclient.Format) {
		e := newEnv(t, f)
		ctx := context.Background()
		save := func(r apiclient.SaveCustomerRequest) apiclient.SaveCustomerResult {
			t.Helper()
			res, err := e.c.SaveCustomer(ctx, r)
			require.NoError(t, err)
			return res
		}
		count := e.srv.CustomerCount()

		// Code given: that customer, and only the sent field changes.
		e.srv.ResetRequests()
		res := save(apiclient.SaveCustomerRequest{Code: fakeserver.DemoCode, Fields: map[string]string{apiclient.FPhone: "555-0101"}})
		assert.Equal(t, apiclient.SaveCustomerResult{Status: "update", Code: fakeserver.DemoCode}, res)
		jane, _ := e.srv.Customer(fakeserver.DemoCode)
		assert.Equal(t, "555-0101", jane.Phone)
		assert.Equal(t, "jdoe@email.com", jane.Email)
		assert.Equal(t, fakeserver.DemoCard, jane.CardNumber)
		sent := sentFields(e.srv.RequestsOf("record_customer")[0])
		slices.Sort(sent)
		assert.Equal(t, []string{"code", "customer_action", "phone"}, sent, "only the changed field is sent")

		// An empty value blanks the field.
		save(apiclient.SaveCustomerRequest{Code: fakeserver.DemoCode, Fields: map[string]string{apiclient.FStreet2: ""}})
		jane, _ = e.srv.Customer(fakeserver.DemoCode)
		assert.Empty(t, jane.Street2)
		assert.Equal(t, "123 Main St.", jane.Street1)

		// Card only, one match: that customer, its code returned.
		res = save(apiclient.SaveCustomerRequest{CardNumber: fakeserver.DemoCard2, Fields: map[string]string{apiclient.FCity: "Québec"}})
		assert.Equal(t, apiclient.SaveCustomerResult{Status: "update", Code: fakeserver.DemoCode2}, res)

		// Card only, several matches: refused.
		_, err := e.c.SaveCustomer(ctx, apiclient.SaveCustomerRequest{CardNumber: fakeserver.AmbiguousCard, Fields: map[string]string{apiclient.FCity: "X"}})
		require.ErrorIs(t, err, apiclient.ErrAmbiguousCard)

		// Card only, no card match but a code match: that customer, whose
		// card number becomes the one sent.
		res = save(apiclient.SaveCustomerRequest{CardNumber: fakeserver.DemoNoCardCode, Fields: map[string]string{apiclient.FCity: "Kraków"}})
		assert.Equal(t, apiclient.SaveCustomerResult{Status: "update", Code: fakeserver.DemoNoCardCode}, res)
		zoe, _ := e.srv.Customer(fakeserver.DemoNoCardCode)
		assert.Equal(t, fakeserver.DemoNoCardCode, zoe.CardNumber)
		assert.Equal(t, "Kraków", zoe.City)

		// A code given to a customer replaces their card number.
		save(apiclient.SaveCustomerRequest{Code: fakeserver.DemoCode2, CardNumber: "20240612"})
		jose, _ := e.srv.Customer(fakeserver.DemoCode2)
		assert.Equal(t, "20240612", jose.CardNumber)
		assert.Equal(t, "Québec", jose.City)

		assert.Equal(t, count, e.srv.CustomerCount(), "no customer was created so far")

		// Card only, no match at all: a new customer with a random 16-digit code.
		res = save(apiclient.SaveCustomerRequest{CardNumber: "87654321", Fields: map[string]string{apiclient.FFirstName: "Aroha"}})
		assert.Equal(t, "new", res.Status)
		assert.Len(t, res.Code, 16)
		assert.True(t, isDigits(res.Code))
		assert.Empty(t, res.CardNumber, "the card number is only answered when generated")
		aroha, ok := e.srv.Customer(res.Code)
		require.True(t, ok)
		assert.Equal(t, "87654321", aroha.CardNumber)

		// An unknown code: a new customer with that code.
		res = save(apiclient.SaveCustomerRequest{Code: "POS-000042", Fields: map[string]string{apiclient.FFirstName: "Søren"}})
		assert.Equal(t, apiclient.SaveCustomerResult{Status: "new", Code: "POS-000042"}, res)

		// Nothing but fields: new, random code.
		res = save(apiclient.SaveCustomerRequest{Fields: map[string]string{apiclient.FLastName: "Nobody"}})
		assert.Equal(t, "new", res.Status)
		assert.Len(t, res.Code, 16)
		assert.Equal(t, count+3, e.srv.CustomerCount())

		// new_code=Yes gives a freshly generated code; a given code goes on
		// with card_replace.
		res = save(apiclient.SaveCustomerRequest{Code: "POS-000042", NewCode: true})
		assert.Equal(t, "update", res.Status)
		assert.Len(t, res.Code, 16)
		_, ok = e.srv.Customer("POS-000042")
		assert.False(t, ok)
		_, err = e.c.CardReplace(ctx, apiclient.CardReplaceRequest{PreviousCode: res.Code, NewCode: "POS-000043"})
		require.NoError(t, err)
		soren, ok := e.srv.Customer("POS-000043")
		require.True(t, ok)
		assert.Equal(t, "Søren", soren.FirstName)

		// card_number_generate: a random card of that length, answered.
		for _, digits := range []int{4, 10, 16} {
			res = save(apiclient.SaveCustomerRequest{Code: "POS-000043", CardNumberGenerate: digits})
			assert.Len(t, res.CardNumber, digits)
			assert.True(t, isDigits(res.CardNumber))
			soren, _ = e.srv.Customer("POS-000043")
			assert.Equal(t, res.CardNumber, soren.CardNumber)
		}
	})
}

func TestSaveCustomerRefusals(t *testing.T) {
	e := newEnv(t, apiclient.XML)
	ctx := context.Background()
	_, err := e.c.SaveCustomer(ctx, apiclient.SaveCustomerRequest{})
	var verr *apiclient.ValidationError
	require.ErrorAs(t, err, &verr, "the client refuses an empty save")

	rec := func(kv ...string) []string {
		return append([]string{"type", "record_customer", "customer_action", "edit"}, kv...)
	}
	count := e.srv.CustomerCount()
	assert.Contains(t, e.rawError(t, demoForm(rec()...)), "at least one customer field is required")
	assert.Contains(t, e.rawError(t, demoForm(rec("send_no_email", "true")...)), "at least one")
	assert.Contains(t, e.rawError(t, demoForm("type", "record_customer", "code", "1")), "customer_action is required")
	assert.Contains(t, e.rawError(t, demoForm("type", "record_customer", "customer_action", "delete", "code", "1")), "customer_action must be")
	assert.Contains(t, e.rawError(t, demoForm(rec("custom_date", "04-06-05")...)), "YYYY-MM-DD")
	assert.Contains(t, e.rawError(t, demoForm(rec("custom_date", "2011-02-29")...)), "YYYY-MM-DD")
	assert.Contains(t, e.rawError(t, demoForm(rec("customer_PIN", "12a4")...)), "digits only")
	assert.Contains(t, e.rawError(t, demoForm(rec("card_number_generate", "two")...)), "card_number_generate")
	assert.Contains(t, e.rawError(t, demoForm(rec("code", fakeserver.DemoCode, "new_code", "POS-1")...)), "new_code is a flag")
	assert.Contains(t, e.rawError(t, demoForm(rec("first_name", "X", "campaign_id", "999")...)), apiclient.MsgCampaignNotFound)
	assert.Contains(t, e.rawError(t, demoForm(rec("first_name", "X", "auto_add", "25")...)), "auto_add needs a campaign_id")
	assert.Contains(t, e.rawError(t, demoForm(rec("first_name", "X", "campaign_id", fakeserver.PointsCampaignID, "auto_add", "lots")...)), "auto_add")
	assert.Equal(t, count, e.srv.CustomerCount(), "a refused call creates nothing")

	root := e.rawOK(t, demoForm(rec("code", fakeserver.DemoCode, "first_name", "Janet", "send_no_email", "true")...))
	assert.Equal(t, "update", root.Child("customer").Attr("status"))
	root = e.rawOK(t, demoForm(rec("code", fakeserver.DemoCode, "new_code", "Yes")...))
	newCode := root.Child("customer").Get("code")
	assert.Len(t, newCode, 16, "new_code=Yes generates a code")
	janet, ok := e.srv.Customer(newCode)
	require.True(t, ok)
	assert.Equal(t, "Janet", janet.FirstName)
}

func TestCustomFieldTypes(t *testing.T) {
	eachFormat(t, func(t *testing.T, f apiclient.Format) {
		e := newEnv(t, f)
		ctx := context.Background()
		defs, err := e.c.CustomerFields(ctx)
		require.NoError(t, err)
		byType := map[apiclient.FieldType]apiclient.FieldDef{}
		for _, d := range defs {
			if _, custom := d.Number(); custom {
				byType[d.Type] = d
			}
		}
		cases := []struct {
			typ    apiclient.FieldType
			good   string
			stored string
			bad    []string
		}{
			{apiclient.FieldText, "1kg Emental Cheese", "1kg Emental Cheese", nil},
			{apiclient.FieldDate, "2012-07-28", "2012-07-28", []string{"28/07/2012", "2012.07.28", "2012-13-01"}},
			{apiclient.FieldPick, "single", "Single", []string{"Divorced", "Single, Married"}},
			{apiclient.FieldList, "Gouda,emental, Swiss", "Gouda, Emental, Swiss", []string{"Gouda, Feta", "Gouda;Swiss"}},
		}
		for _, tc := range cases {
			def, ok := byType[tc.typ]
			require.True(t, ok, "the account defines a %s field", tc.typ)
			n, _ := def.Number()
			_, err := e.c.SaveCustomer(ctx, apiclient.SaveCustomerRequest{Code: fakeserver.DemoCode2, Fields: map[string]string{def.Name: tc.good}})
			require.NoError(t, err, "%s %q", tc.typ, tc.good)
			jose, _ := e.srv.Customer(fakeserver.DemoCode2)
			assert.Equal(t, tc.stored, jose.CustomFields[n])
			for _, bad := range tc.bad {
				_, err := e.c.SaveCustomer(ctx, apiclient.SaveCustomerRequest{Code: fakeserver.DemoCode2, Fields: map[string]string{def.Name: bad}})
				requireAPIError(t, err, apiclient.MsgCustomFieldInvalid)
				assert.Contains(t, err.Error(), def.Label)
			}
			jose, _ = e.srv.Customer(fakeserver.DemoCode2)
			assert.Equal(t, tc.stored, jose.CustomFields[n], "a refused value changes nothing")
		}
		got, err := e.c.CustomerInfo(ctx, apiclient.CustomerQuery{Code: fakeserver.DemoCode2})
		require.NoError(t, err)
		listNo, _ := byType[apiclient.FieldList].Number()
		assert.Equal(t, "Gouda, Emental, Swiss", got.CustomFields[listNo])
		assert.Equal(t, []string{"Gouda", "Emental", "Swiss"}, apiclient.SplitList(got.CustomFields[listNo]))

		_, err = e.c.SaveCustomer(ctx, apiclient.SaveCustomerRequest{Code: fakeserver.DemoCode2, Fields: map[string]string{apiclient.CustomFieldKey(99): "x"}})
		requireAPIError(t, err, apiclient.MsgCustomFieldInvalid)

		dateNo, _ := byType[apiclient.FieldDate].Number()
		_, err = e.c.SaveCustomer(ctx, apiclient.SaveCustomerRequest{Code: fakeserver.DemoCode2, Fields: map[string]string{apiclient.CustomFieldKey(dateNo): ""}})
		require.NoError(t, err, "an empty value clears any type")
		jose, _ := e.srv.Customer(fakeserver.DemoCode2)
		_, set := jose.CustomFields[dateNo]
		assert.False(t, set)
	})
}

func TestNewCustomer(t *testing.T) {
	eachFormat(t, func(t *testing.T, f apiclient.Format) {
		e := newEnv(t, f)
		ctx := context.Background()
		res, err := e.c.SaveCustomer(ctx, apiclient.SaveCustomerRequest{
			Action: apiclient.ActionNew, CardNumber: "66001122",
			Fields:      map[string]string{apiclient.FFirstName: "Zoë", apiclient.FLastName: "O'Brien", apiclient.FCustomDate: "1990-02-28"},
			CampaignIDs: []string{fakeserver.PointsCampaignID, fakeserver.EventsCampaignID}, AutoAdd: "25", SendNoEmail: true,
		})
		require.NoError(t, err)
		assert.Equal(t, apiclient.SaveCustomerResult{Status: "new", Code: "66001122"}, res, "without a code the card number is the code")
		c, ok := e.srv.Customer("66001122")
		require.True(t, ok)
		assert.Equal(t, map[string]string{fakeserver.PointsCampaignID: "25", fakeserver.EventsCampaignID: "0"}, c.Balances,
			"enrolled in both, auto_add to the first")
		assert.False(t, c.Registered)

		info, err := e.c.CustomerInfo(ctx, apiclient.CustomerQuery{CardNumber: "66001122"})
		require.NoError(t, err)
		assert.Equal(t, "O'Brien", info.LastName)
		require.Len(t, info.Campaigns, 2)

		res, err = e.c.SaveCustomer(ctx, apiclient.SaveCustomerRequest{Action: apiclient.ActionNew, CardNumberGenerate: 12,
			Fields: map[string]string{apiclient.FFirstName: "Kai"}, CampaignIDs: []string{fakeserver.BuyXCampaignID}, AutoAdd: "flat white"})
		require.NoError(t, err)
		assert.Len(t, res.Code, 16, "neither code nor card: a generated code")
		assert.Len(t, res.CardNumber, 12)
		kai, _ := e.srv.Customer(res.Code)
		assert.Equal(t, "1", kai.Balances[fakeserver.BuyXCampaignID], "a product name counts one")
		bal, err := e.c.CustomerBalance(ctx, apiclient.CustomerQuery{Code: res.Code}, fakeserver.BuyXCampaignID, -1)
		require.NoError(t, err)
		require.Len(t, bal.Transactions, 1)
		assert.Equal(t, "Bonus (auto_add)", bal.Transactions[0].Authorization)
		assert.Equal(t, fakeserver.DemoUserID, bal.Transactions[0].UserName)

		_, err = e.c.SaveCustomer(ctx, apiclient.SaveCustomerRequest{Action: apiclient.ActionNew, Fields: map[string]string{apiclient.FFirstName: "X"},
			CampaignIDs: []string{fakeserver.BuyXCampaignID}, AutoAdd: "Teapot"})
		requireAPIError(t, err, "not an item")

		res, err = e.c.SaveCustomer(ctx, apiclient.SaveCustomerRequest{Action: apiclient.ActionNew, Code: "WEB-1",
			Fields: map[string]string{apiclient.FFirstName: "Dollar"}, CampaignIDs: []string{fakeserver.EarnedCampaignID}, AutoAdd: "12.5"})
		require.NoError(t, err)
		web, _ := e.srv.Customer(res.Code)
		assert.Equal(t, "12.50", web.Balances[fakeserver.EarnedCampaignID])
	})
	e := newEnv(t, apiclient.XML)
	root := e.rawOK(t, demoForm("type", "record_customer", "customer_action", "register", "card_number", "70070070", "first_name", "Reg"))
	assert.Equal(t, "new", root.Child("customer").Attr("status"))
	reg, _ := e.srv.Customer("70070070")
	assert.True(t, reg.Registered)
	root = e.rawOK(t, demoForm("type", "record_customer", "customer_action", "new", "card_number_generate", "6",
		"card_number_prefix", "GW-", "card_number_suffix", "-Z", "first_name", "Pre"))
	card := root.Child("customer").Get("card_number")
	assert.True(t, strings.HasPrefix(card, "GW-") && strings.HasSuffix(card, "-Z") && len(card) == 11, card)
}
