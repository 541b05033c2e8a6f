package fakeserver_test

import (
	"context"
	"flag"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/apiclient/wire"
)

var updateGolden = flag.Bool("update", false, "rewrite apiclient/testdata/calls from the fake (review the diff against api-reference.md)")

// contractCase is one call of api-reference.md's "Calls beyond the seeds"
// with its golden samples (apiclient/testdata/calls/NAME.xml and .json).
type contractCase struct {
	name string
	form []string
	call func(ctx context.Context, c *apiclient.Client) (any, error)
	// documented are element paths the reference names; the golden sample
	// must hold each of them.
	documented []string
}

var contractCases = []contractCase{
	{
		name: "campaigns_list", form: []string{"type", "campaigns_list"},
		call: func(ctx context.Context, c *apiclient.Client) (any, error) { return c.Campaigns(ctx) },
		documented: []string{"campaigns/campaign/id", "campaigns/campaign/name", "campaigns/campaign/type",
			"campaigns/campaign/points_ratio", "campaigns/campaign/reward_ratio", "campaigns/campaign/earned_per_event",
			"campaigns/campaign/currency", "campaigns/campaign/glyph", "campaigns/campaign/created_stamp", "campaigns/campaign/item"},
	},
	{
		name: "campaigns_list_type_restrict", form: []string{"type", "campaigns_list", "type_restrict", "buyx"},
		call: func(ctx context.Context, c *apiclient.Client) (any, error) {
			return c.CampaignsOfType(ctx, apiclient.CampaignBuyX)
		},
		documented: []string{"campaigns/campaign/id", "campaigns/campaign/type", "campaigns/campaign/item"},
	},
	{
		name: "campaigns_inactive_list", form: []string{"type", "campaigns_inactive_list"},
		call:       func(ctx context.Context, c *apiclient.Client) (any, error) { return c.InactiveCampaigns(ctx) },
		documented: []string{"campaigns/campaign/id", "campaigns/campaign/name", "campaigns/campaign/type"},
	},
	{
		name: "campaign_rewards", form: []string{"type", "campaign_rewards", "campaign_id", fakeserver.PointsCampaignID},
		call: func(ctx context.Context, c *apiclient.Client) (any, error) {
			return c.CampaignRewards(ctx, fakeserver.PointsCampaignID)
		},
		documented: []string{"campaign/id", "campaign/rewards/reward/id", "campaign/rewards/reward/level",
			"campaign/rewards/reward/description", "campaign/rewards/reward/reward_id"},
	},
	{
		name: "manage_fields", form: []string{"type", "manage_fields", "action", "list", "API", "1.6"},
		call: func(ctx context.Context, c *apiclient.Client) (any, error) { return c.CustomerFields(ctx) },
		documented: []string{"account/account_id", "account/fields/field/name", "account/fields/field/label",
			"account/fields/field/show", "account/fields/field/required", "account/fields/field/type",
			"account/fields/field/choices/choice"},
	},
	{
		name: "transaction_fields", form: []string{"type", "transaction_fields", "action", "list", "API", "1.6"},
		call: func(ctx context.Context, c *apiclient.Client) (any, error) { return c.TransactionFields(ctx) },
		documented: []string{"account/fields/field/name", "account/fields/field/label", "account/fields/field/show",
			"account/fields/field/required", "account/fields/field/type", "account/fields/field/choices/choice"},
	},
	{
		name: "customer_info", form: []string{"type", "customer_info", "card_number", fakeserver.DemoCard},
		call: func(ctx context.Context, c *apiclient.Client) (any, error) {
			return c.CustomerInfo(ctx, apiclient.CustomerQuery{CardNumber: fakeserver.DemoCard})
		},
		documented: []string{"customer/code", "customer/card_number", "customer/first_name", "customer/last_name",
			"customer/phone", "customer/email", "customer/street1", "customer/street2", "customer/city", "customer/state",
			"customer/postal_code", "customer/country", "customer/custom_date", "customer/custom_field",
			"customer/customer_username", "customer/registered", "customer/custom_field_2",
			"campaigns/campaign/id", "campaigns/campaign/name", "campaigns/campaign/type", "campaigns/campaign/balance"},
	},
	{
		name: "customer_balance", form: []string{"type", "customer_balance", "code", fakeserver.DemoCode,
			"campaign_id", fakeserver.EventsCampaignID, "transactions_number", "4"},
		call: func(ctx context.Context, c *apiclient.Client) (any, error) {
			return c.CustomerBalance(ctx, apiclient.CustomerQuery{Code: fakeserver.DemoCode}, fakeserver.EventsCampaignID, 4)
		},
		documented: []string{"campaign/campaign_name", "campaign/campaign_type", "campaign/customer/balance",
			"campaign/customer/transactions/transaction/id", "campaign/customer/transactions/transaction/date",
			"campaign/customer/transactions/transaction/amount", "campaign/customer/transactions/transaction/redeemed",
			"campaign/customer/transactions/transaction/authorization", "campaign/customer/transactions/transaction/user_name"},
	},
	{
		name: "customer_search", form: []string{"type", "customer_search", "card_number", fakeserver.AmbiguousCard, "exact_match", "insensitive"},
		call: func(ctx context.Context, c *apiclient.Client) (any, error) {
			return c.CustomerSearch(ctx, apiclient.SearchQuery{Fields: map[string]string{"card_number": fakeserver.AmbiguousCard}, Exact: apiclient.ExactInsensitive})
		},
		documented: []string{"customers/customer/code", "customers/customer/card_number", "customers/customer/first_name"},
	},
	{
		name: "card_replace", form: []string{"type", "card_replace", "previous_code", fakeserver.DemoNoCardCode, "new_card_number", "44440000"},
		call: func(ctx context.Context, c *apiclient.Client) (any, error) {
			return c.CardReplace(ctx, apiclient.CardReplaceRequest{PreviousCode: fakeserver.DemoNoCardCode, NewCard: "44440000"})
		},
		documented: []string{"customer/code", "customer/card_number"},
	},
	{
		name: "generate_card_number", form: []string{"type", "generate_card_number", "how_many_digits", "12"},
		call: func(ctx context.Context, c *apiclient.Client) (any, error) {
			return c.GenerateCardNumber(ctx, 12, "", "")
		},
		documented: []string{"customer/card_number"},
	},
	{
		name: "campaign_promos", form: []string{"type", "campaign_promos", "campaign_id", fakeserver.PointsCampaignID},
		call: func(ctx context.Context, c *apiclient.Client) (any, error) {
			return c.CampaignPromos(ctx, fakeserver.PointsCampaignID)
		},
		documented: []string{"promos/promo/promo_id"},
	},
	{
		name: "buyx_items_list", form: []string{"type", "buyx_items_list", "campaign_id", fakeserver.BuyXCampaignID},
		call: func(ctx context.Context, c *apiclient.Client) (any, error) {
			return c.BuyXItems(ctx, fakeserver.BuyXCampaignID)
		},
		documented: []string{"items/item/id"},
	},
	{
		name: "customer_find", form: []string{"type", "customer_find", "find_customer", "Ngata"},
		call:       func(ctx context.Context, c *apiclient.Client) (any, error) { return c.CustomerFind(ctx, "Ngata") },
		documented: []string{"customers/customer/code", "customers/customer/first_name"},
	},
	{
		name: "record_activity", form: []string{"type", "record_activity", "code", fakeserver.DemoCode,
			"campaign_id", fakeserver.PointsCampaignID, "amount", "12.50", "authorization", "till-1 #4F7K"},
		call: func(ctx context.Context, c *apiclient.Client) (any, error) {
			return c.RecordActivity(ctx, apiclient.EarnRequest{Customer: apiclient.CustomerRef{Code: fakeserver.DemoCode},
				CampaignID: fakeserver.PointsCampaignID, CampaignType: apiclient.CampaignPoints, Amount: "12.50", Authorization: "till-1 #4F7K"})
		},
		documented: []string{"transaction/id", "transaction/amount", "balance"},
	},
	{
		name: "redeem", form: []string{"type", "redeem", "code", fakeserver.DemoCode,
			"campaign_id", fakeserver.PointsCampaignID, "custom_points_redeem", "100", "authorization", "till-1 #4F7L"},
		call: func(ctx context.Context, c *apiclient.Client) (any, error) {
			return c.Redeem(ctx, apiclient.RedeemRequest{Customer: apiclient.CustomerRef{Code: fakeserver.DemoCode},
				CampaignID: fakeserver.PointsCampaignID, CustomPoints: "100", Authorization: "till-1 #4F7L"})
		},
		documented: []string{"receipt/agency/name", "receipt/agency/email"},
	},
	{
		name: "record_customer_new", form: []string{"type", "record_customer", "customer_action", "new", "code", "POS-000042",
			"first_name", "Aroha", "campaign_id", fakeserver.PointsCampaignID, "auto_add", "25"},
		call: func(ctx context.Context, c *apiclient.Client) (any, error) {
			return c.SaveCustomer(ctx, apiclient.SaveCustomerRequest{Action: apiclient.ActionNew, Code: "POS-000042",
				Fields: map[string]string{apiclient.FFirstName: "Aroha"}, CampaignIDs: []string{fakeserver.PointsCampaignID}, AutoAdd: "25"})
		},
		documented: []string{"customer/code"},
	},
	{
		name: "transaction_delete", form: []string{"type", "transaction_delete", "code", fakeserver.DemoCode,
			"campaign_id", fakeserver.EventsCampaignID, "transaction_id", "42"},
		call: func(ctx context.Context, c *apiclient.Client) (any, error) {
			return "deleted", c.DeleteTransaction(ctx, fakeserver.EventsCampaignID, fakeserver.DemoCode, "42")
		},
	},
}

// contractFake is a fresh small fake, the same for every case.
func contractFake(t *testing.T) *env {
	return newEnv(t, apiclient.XML, fakeserver.Options{Customers: -1})
}

// The golden samples, in XML and in JSON, are in the documented shape and
// parse into the same values as the fake server's own answer; and the fake
// answers in exactly the golden shape (contract tests both ways).
func TestContractGoldenSamples(t *testing.T) {
	ctx := context.Background()
	for _, tc := range contractCases {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join("..", "testdata", "calls")
			if *updateGolden {
				writeGolden(t, dir, tc)
			}
			xmlGolden := readGolden(t, filepath.Join(dir, tc.name+".xml"))
			jsonGolden := readGolden(t, filepath.Join(dir, tc.name+".json"))

			xmlTree, err := wire.DecodeXML(strings.NewReader(xmlGolden))
			require.NoError(t, err)
			assert.Equal(t, "success", xmlTree.Attr("status"))
			paths := treePaths(xmlTree)
			for _, p := range tc.documented {
				assert.Contains(t, paths, p, "the golden XML holds what api-reference.md names")
			}
			require.True(t, strings.HasPrefix(strings.TrimSpace(jsonGolden), "{"), "JSON has no wrapper object")
			jsonTree, err := wire.DecodeJSON(strings.NewReader(jsonGolden), "response")
			require.NoError(t, err)
			assert.Equal(t, "success", jsonTree.Get("status"), "status is a top-level key")
			assert.True(t, allStrings(jsonGolden), "every JSON value is a string")

			fromXML := callWith(t, apiclient.XML, xmlGolden, tc.call)
			fromJSON := callWith(t, apiclient.JSON, jsonGolden, tc.call)
			e := contractFake(t)
			fromFake, err := tc.call(ctx, e.c)
			require.NoError(t, err)
			assert.Equal(t, fromFake, fromXML, "golden XML and the fake's answer parse alike")
			assert.Equal(t, fromFake, fromJSON, "golden JSON and the fake's answer parse alike")

			// The other way: the fake's raw answers have exactly the golden shape.
			raw := contractFake(t).raw(t, demoForm(tc.form...))
			assert.Equal(t, paths, treePaths(raw), "the fake's XML has the golden XML's elements")
			_, body, _ := contractFake(t).postRaw(t, "/", demoForm(append(tc.form, "output", "JSON")...), nil)
			rawJSON, err := wire.DecodeJSON(strings.NewReader(body), "response")
			require.NoError(t, err, body)
			assert.Equal(t, treePaths(jsonTree), treePaths(rawJSON), "the fake's JSON has the golden JSON's keys")
		})
	}
}

// callWith serves one body to a client of the format and returns what the
// call parses it into.
func callWith(t *testing.T, f apiclient.Format, body string, call func(context.Context, *apiclient.Client) (any, error)) any {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(ts.Close)
	c, err := apiclient.New(apiclient.Options{BaseURL: ts.URL, Credentials: demoCreds(), Format: f})
	require.NoError(t, err)
	v, err := call(context.Background(), c)
	require.NoError(t, err)
	return v
}

// treePaths lists the element paths below the root, each once, sorted.
func treePaths(root *wire.Node) []string {
	set := map[string]bool{}
	var walk func(n *wire.Node, prefix string)
	walk = func(n *wire.Node, prefix string) {
		for _, c := range n.Children {
			p := prefix + c.Name
			set[p] = true
			walk(c, p+"/")
		}
	}
	walk(root, "")
	out := make([]string, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// allStrings: no number, true/false or null literal appears as a value.
func allStrings(doc string) bool {
	inString, escaped := false, false
	for i := 0; i < len(doc); i++ {
		ch := doc[i]
		switch {
		case escaped:
			escaped = false
		case inString && ch == '\\':
			escaped = true
		case ch == '"':
			inString = !inString
		case !inString && (ch >= '0' && ch <= '9' || ch == 't' || ch == 'f' || ch == 'n'):
			return false
		}
	}
	return true
}

func readGolden(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./apiclient/fakeserver -run TestContractGoldenSamples -update to create it")
	return string(b)
}

func writeGolden(t *testing.T, dir string, tc contractCase) {
	t.Helper()
	e := contractFake(t)
	_, xmlBody, _ := e.postRaw(t, "/", demoForm(tc.form...), nil)
	_, jsonBody, _ := contractFake(t).postRaw(t, "/", demoForm(append(tc.form, "output", "JSON")...), nil)
	require.NoError(t, os.WriteFile(filepath.Join(dir, tc.name+".xml"), []byte(xmlBody), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, tc.name+".json"), []byte(jsonBody+"\n"), 0o644))
}
