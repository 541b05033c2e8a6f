package lookup_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/screens/lookup"
	"loyaltydesk/ui"
	"loyaltydesk/ui/uitest"
)

// startSmall runs the lookup alone at 80×24.
func startSmall(t *testing.T, c *ui.Common) *uitest.Harness {
	t.Helper()
	app := ui.NewApp(c, map[ui.PageID]ui.PageFactory{ui.PageLookup: lookup.New}, ui.PageLookup)
	h := uitest.Start(t, app, 80, 24)
	h.WaitFor(t, "card / code")
	return h
}

// Jane is in all five kinds of campaign: each is named in plain words with
// its unit or currency, and with the rewards its balance reaches.
func TestBalancesNameEveryKindWithUnitsAndRewards(t *testing.T) {
	_, url := startFake(t)
	h := startSmall(t, uitest.NewCommon(t, url))
	scan(h, fakeserver.DemoCard)
	h.WaitFor(t, "Widget Points · points", "Coffee Club · visits", "Dollar Rewards · rewards earned",
		"Gadget Collector · punch card", "Gift Card · gift card", "balance to spend")
	// The rewards come in their own answers, after the balances.
	reaches := regexp.MustCompile(`✓ [A-Z$]`)
	h.WaitUntil(t, reaches.MatchString, "a reward the balance reaches")
	out := h.All()
	for _, re := range []string{`\d+ points`, `\d+ visits?`, `\$\d+\.\d\d`, `\d+ (punch|punches)`} {
		require.Regexp(t, re, out)
	}
	// The rewards arrive after the balances (campaign_rewards is a call of its own).
	h.WaitUntil(t, regexp.MustCompile(`✓ [A-Z$]`).MatchString, "a reward the balance reaches")
	h.WaitUntil(t, regexp.MustCompile(`\d+(\.\d\d)? (points|visits|punches) to |\$\d+\.\d\d to `).MatchString, "what is missing to the next reward")
}

// A customer in no campaign gets words, on the lookup and in the history.
func TestNoCampaignsIsAnEmptyStateInWords(t *testing.T) {
	_, url := startFake(t)
	c := uitest.NewCommon(t, url)
	res, err := c.API.SaveCustomer(context.Background(), apiclient.SaveCustomerRequest{Action: apiclient.ActionNew,
		CardNumber: "77001122", Fields: map[string]string{apiclient.FFirstName: "Nadia", apiclient.FLastName: "Nowhere"}})
	require.NoError(t, err)
	h := startSmall(t, c)
	scan(h, "77001122")
	h.WaitFor(t, "Nadia Nowhere", "Not enrolled in any campaign yet.")
	h.Type("b")
	h.WaitFor(t, "no history to show")

	// Enrolled but with no transactions yet: each table says so.
	_, err = c.API.SaveCustomer(context.Background(), apiclient.SaveCustomerRequest{Action: apiclient.ActionNew,
		CardNumber: "77001133", Fields: map[string]string{apiclient.FFirstName: "Nova"},
		CampaignIDs: []string{fakeserver.PointsCampaignID, fakeserver.GiftCardCampaignID}})
	require.NoError(t, err)
	h.Key(tea.KeyEsc)
	scan(h, "77001133")
	h.WaitFor(t, "Nova", "0 points", "$0.00")
	h.Type("b")
	h.WaitFor(t, "Widget Points · points — balance 0 points", "Gift Card · gift card — balance $0.00", "No transactions yet.")
	require.NotContains(t, h.All(), "✗")
	_ = res
}

// A shared card offers its holders; the one picked is shown.
func TestSharedCardOffersThePickList(t *testing.T) {
	_, url := startFake(t)
	h := startSmall(t, uitest.NewCommon(t, url))
	scan(h, fakeserver.AmbiguousCard)
	h.WaitFor(t, "shared by 2 customers", "Mere Ngata", "Hemi Ngata", "who is at the counter?")
	h.Key(tea.KeyDown)
	h.Key(tea.KeyEnter)
	h.WaitForNew(t, "Hemi Ngata", fakeserver.AmbiguousCode2, "Balances")
}

// The history: one headed table per campaign; a redemption is negative,
// each row shows the balance after it, its description and who recorded it.
func TestHistoryIsOneTablePerCampaignWithRunningBalance(t *testing.T) {
	fake, url := startFake(t)
	c := uitest.NewCommon(t, url)
	code, card, red := customerWithRedemption(t, c.API)
	cust, _ := fake.Customer(code)
	bal, err := c.API.CustomerBalance(context.Background(), apiclient.CustomerQuery{Code: code}, fakeserver.PointsCampaignID, 15)
	require.NoError(t, err)

	app := ui.NewApp(c, map[ui.PageID]ui.PageFactory{ui.PageLookup: lookup.New}, ui.PageLookup)
	h := uitest.Start(t, app, 100, 60)
	h.WaitFor(t, "card / code")
	scan(h, card)
	h.WaitFor(t, cust.FirstName, "Balances")
	h.Type("b")
	grouped := func(s string) string { // as the lookup writes them: 2,711
		a, ok := apiclient.ParseAmount(s)
		require.True(t, ok, s)
		return regexp.QuoteMeta(a.Grouped())
	}
	h.WaitFor(t, "History — ", "Widget Points · points — balance "+a2s(t, bal.Balance)+" points", "When", "Points", "Balance", "Description", "By")
	out := h.All()
	row := regexp.MustCompile(`\d{4}-\d\d-\d\d \d\d:\d\d +-` + grouped(red.Amount) + ` +[\d,]+ +` + regexp.QuoteMeta(red.Authorization) + ` +` + regexp.QuoteMeta(red.UserName))
	require.Regexp(t, row, out, "the redemption, negative, with the balance after it, its description and who")
	first := bal.Transactions[0]
	sign := "+"
	if first.Redeemed {
		sign = "-"
	}
	require.Regexp(t, regexp.MustCompile(regexp.QuoteMeta(sign)+grouped(first.Amount)+` +`+grouped(bal.Balance)+` `), out, "the newest row ends at the current balance")
}

// a2s writes a balance with thousands grouped, as the lookup shows it.
func a2s(t *testing.T, s string) string {
	t.Helper()
	a, ok := apiclient.ParseAmount(s)
	require.True(t, ok, s)
	return a.Grouped()
}

// customerWithRedemption finds a seeded customer with a points redemption
// in the last 15 transactions.
func customerWithRedemption(t *testing.T, api *apiclient.Client) (code, card string, red apiclient.Transaction) {
	t.Helper()
	ctx := context.Background()
	for cust, err := range api.ReportCustomers(ctx, apiclient.ReportFilter{}) {
		require.NoError(t, err)
		if cust.CardNumber == "" || cust.CardNumber == fakeserver.AmbiguousCard {
			continue
		}
		b, err := api.CustomerBalance(ctx, apiclient.CustomerQuery{Code: cust.Code}, fakeserver.PointsCampaignID, 15)
		if err != nil {
			continue
		}
		for _, tx := range b.Transactions {
			if tx.Redeemed {
				return cust.Code, cust.CardNumber, tx
			}
		}
	}
	t.Fatal("no seeded customer has a redemption")
	return "", "", apiclient.Transaction{}
}

// "replace card": a card someone holds stops with their name and sends
// nothing; a generated card goes on; a merge keeps the chosen customer.
func TestReplaceCard(t *testing.T) {
	fake, url := startFake(t)
	h := startSmall(t, uitest.NewCommon(t, url))
	scan(h, fakeserver.DemoCard2)
	h.WaitFor(t, "José Álvarez", "Balances")
	h.Type("r")
	h.WaitFor(t, "Replace card — José Álvarez", "merge the two into one customer")
	h.Type(fakeserver.DemoCard)
	h.Key(tea.KeyCtrlS)
	h.WaitFor(t, "card 11111111 already belongs to Jane Doe")
	require.Empty(t, fake.RequestsOf("card_replace"), "nothing was sent")

	// Choose the merge that keeps José.
	h.Key(tea.KeyTab)
	h.Key(tea.KeyTab)
	h.Key(tea.KeyRight)
	h.WaitFor(t, "merge, keep José Álvarez")
	count := fake.CustomerCount()
	h.Key(tea.KeyCtrlS)
	h.WaitFor(t, "Card replaced: José Álvarez now has card 11111111")
	jose, _ := fake.Customer(fakeserver.DemoCode2)
	require.Equal(t, fakeserver.DemoCard, jose.CardNumber)
	require.Equal(t, count-1, fake.CustomerCount(), "the two became one")
	req := fake.RequestsOf("card_replace")[0].Form
	require.Equal(t, "matched", req.Get("keep_which"))
	require.Equal(t, "Y", req.Get("check_override"))

	// A generated card.
	h.WaitFor(t, "r replace card")
	h.Type("r")
	h.WaitForNew(t, "Replace card — José Álvarez")
	h.Key(tea.KeyTab)
	h.Type("9")
	h.Key(tea.KeyCtrlS)
	h.WaitForNew(t, "Card replaced: José Álvarez now has card")
	jose, _ = fake.Customer(fakeserver.DemoCode2)
	require.Len(t, jose.CardNumber, 9)
}

// customer_info documents only each campaign's id and balance: the name,
// kind and currency come from the campaigns list.
func TestBalancesNeedOnlyIDAndBalanceFromCustomerInfo(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		switch r.PostForm.Get("type") {
		case "customer_info":
			fmt.Fprint(w, `<response status="success"><customer><code>C1</code><card_number>900</card_number>
				<first_name>Min</first_name><last_name>Imal</last_name></customer>
				<campaigns><campaign><id>7</id><balance>42.50</balance></campaign></campaigns></response>`)
		case "campaigns_list":
			fmt.Fprint(w, `<response status="success"><campaigns><campaign><id>7</id><name>Store Credit</name>
				<type>giftcard</type><currency>EUR</currency><glyph>€</glyph></campaign></campaigns></response>`)
		case "campaigns_inactive_list":
			fmt.Fprint(w, `<response status="success"><campaigns></campaigns></response>`)
		case "campaign_rewards":
			fmt.Fprint(w, `<response status="success"><campaign><id>7</id><rewards></rewards></campaign></response>`)
		default:
			fmt.Fprint(w, `<response status="error"><error>Invalid type</error></response>`)
		}
	}))
	t.Cleanup(srv.Close)
	h := startSmall(t, uitest.NewCommon(t, srv.URL))
	scan(h, "900")
	h.WaitFor(t, "Min Imal", "Store Credit · gift card", "€42.50", "balance to spend")
}

// At 80×24 a campaign whose reached rewards fill the line still says what
// is missing to the next one (2546 points reach two rewards; the line was
// cut at "3454 points …").
func TestNextRewardIsNotCutAt80Columns(t *testing.T) {
	_, url := startFake(t)
	c := uitest.NewCommon(t, url)
	_, err := c.API.SaveCustomer(context.Background(), apiclient.SaveCustomerRequest{Action: apiclient.ActionNew,
		CardNumber: "77001144", Fields: map[string]string{apiclient.FFirstName: "Paula", apiclient.FLastName: "Points"},
		CampaignIDs: []string{fakeserver.PointsCampaignID}, AutoAdd: "2546"})
	require.NoError(t, err)
	h := startSmall(t, c)
	scan(h, "77001144")
	h.WaitFor(t, "Paula Points", "✓ Free coffee, 10% off")
	h.WaitUntil(t, regexp.MustCompile(`3,?454 points to Free widget`).MatchString, "what is missing to the next reward")
}

// An e-mail or a card number is never cut to fit: at 80 columns a long
// one goes on under itself, whole.
func TestALongEmailIsShownWholeAt80Columns(t *testing.T) {
	_, url := startFake(t)
	c := uitest.NewCommon(t, url)
	const email = "margarethe.oberhuber@greatwidgets.com.au" // wider than the details column leaves it
	_, err := c.API.SaveCustomer(context.Background(), apiclient.SaveCustomerRequest{Action: apiclient.ActionNew,
		CardNumber: "77001144", Fields: map[string]string{apiclient.FFirstName: "Margarethe", apiclient.FEmail: email},
		CampaignIDs: []string{fakeserver.PointsCampaignID}})
	require.NoError(t, err)
	h := startSmall(t, c)
	scan(h, "77001144")
	h.WaitUntil(t, func(all string) bool {
		for k := 8; k < len(email); k++ {
			if strings.Contains(all, "Email    "+email[:k]+" ") && strings.Contains(all, "         "+email[k:]) {
				return true
			}
		}
		return false
	}, "the e-mail on two lines, whole")
	require.NotContains(t, h.All(), email[:20]+"…")
}
