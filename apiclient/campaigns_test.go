package apiclient

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseAmount(t *testing.T) {
	for in, want := range map[string]Amount{
		"1250": 125000, "12.5": 1250, "12.50": 1250, "-3.00": -300, "9,95": 995, " 7 ": 700, "+2": 200, "0.015": 1,
	} {
		got, ok := ParseAmount(in)
		assert.True(t, ok, in)
		assert.Equal(t, want, got, in)
	}
	for _, bad := range []string{"", "-", "abc", "1.2.3", "1,250.00", "12.", ".5", "1e3"} {
		_, ok := ParseAmount(bad)
		assert.False(t, ok, bad)
	}
	assert.Equal(t, "1250", Amount(125000).String())
	assert.Equal(t, "12.50", Amount(1250).String())
	assert.Equal(t, "-0.05", Amount(-5).Money())
}

func TestCampaignTypeWordsAndUnits(t *testing.T) {
	names := map[CampaignType]string{}
	for _, ct := range CampaignTypes {
		names[ct] = ct.Name()
		assert.True(t, ct.Known())
	}
	assert.Equal(t, map[CampaignType]string{CampaignPoints: "points", CampaignEvents: "visits",
		CampaignEarned: "rewards earned", CampaignGiftCard: "gift card", CampaignBuyX: "punch card"}, names)
	assert.False(t, CampaignType("visits").Known(), "the old guess is not a type")
	assert.Equal(t, "mystery", CampaignType("mystery").Name(), "an unknown type is shown as it came")

	cases := []struct {
		t                       CampaignType
		currency, glyph, amount string
		want                    string
	}{
		{CampaignPoints, "", "", "1250", "1,250 points"},
		{CampaignPoints, "", "", "1234567.5", "1,234,567.50 points"},
		{CampaignPoints, "", "", "-1074", "-1,074 points"},
		{CampaignGiftCard, "USD", "$", "1250", "$1,250.00"},
		{CampaignGiftCard, "NZD", "", "-1000", "-1,000.00 NZD"},
		{CampaignPoints, "", "", "1", "1 point"},
		{CampaignEvents, "", "", "7", "7 visits"},
		{CampaignEvents, "", "", "1", "1 visit"},
		{CampaignBuyX, "", "", "3", "3 punches"},
		{CampaignEarned, "USD", "$", "12.5", "$12.50"},
		{CampaignGiftCard, "EUR", "€", "-3", "-€3.00"},
		{CampaignGiftCard, "NZD", "", "40", "40.00 NZD"},
		{CampaignPoints, "", "", "lots", "lots"},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, FormatAmount(c.t, c.currency, c.glyph, c.amount), "%s %s", c.t, c.amount)
	}
}

func TestProgressNamesWhatIsReachedAndWhatIsMissing(t *testing.T) {
	rewards := []Reward{{ID: "1", Level: "250", Description: "Free coffee"}, {ID: "2", Level: "500", Description: "10% off"},
		{ID: "3", Level: "x", Description: "broken"}, {ID: "4", Level: "1500", Description: "Free widget"}}
	p := Progress("380", rewards)
	assert.Equal(t, []Reward{rewards[0]}, p.Available)
	assert.Equal(t, &rewards[1], p.Next)
	assert.Equal(t, Amount(12000), p.Missing, "120 points to 10% off")

	p = Progress("2000", rewards)
	assert.Len(t, p.Available, 3)
	assert.Nil(t, p.Next)

	p = Progress("", nil)
	assert.Empty(t, p.Available)
	assert.Nil(t, p.Next)
}

func TestRunningBalancesWorkBackFromTheCurrentBalance(t *testing.T) {
	txns := []Transaction{
		{Amount: "250", Redeemed: true}, // newest: a redemption
		{Amount: "100"},
		{Amount: "-20"}, // a correction written with its sign
		{Amount: "50"},
	}
	after, ok := RunningBalances("400", txns)
	assert.Equal(t, []Amount{40000, 65000, 55000, 57000}, after)
	assert.Equal(t, []bool{true, true, true, true}, ok)
	signed, _ := txns[0].Signed()
	assert.Equal(t, Amount(-25000), signed, "a redemption is negative")

	after, ok = RunningBalances("400", []Transaction{{Amount: "?"}, {Amount: "5"}})
	assert.Equal(t, []bool{true, false}, ok, "below an unreadable amount the balance is unknown")
	assert.Equal(t, Amount(40000), after[0])
}

func TestTransactionTime(t *testing.T) {
	tm, clock, ok := TransactionTime("2013-05-10 13:14:56")
	assert.True(t, ok && clock)
	assert.Equal(t, 13, tm.Hour())
	_, clock, ok = TransactionTime("2013-05-10")
	assert.True(t, ok)
	assert.False(t, clock)
	_, _, ok = TransactionTime("10/05/2013")
	assert.False(t, ok)
}

// Answers with nothing in them are empty lists, never errors.
func TestEmptyAnswersAreEmptyNotErrors(t *testing.T) {
	ctx := context.Background()
	for _, format := range formats {
		t.Run(format.String(), func(t *testing.T) {
			c, _ := clientFor(t, format, `<response status="success"><campaigns></campaigns></response>`)
			camps, err := c.Campaigns(ctx)
			require.NoError(t, err)
			assert.Empty(t, camps)

			c, _ = clientFor(t, format, `<response status="success"><account><account_id>a</account_id><fields></fields></account></response>`)
			defs, err := c.CustomerFields(ctx)
			require.NoError(t, err)
			assert.Empty(t, defs)

			c, _ = clientFor(t, format, `<response status="success"><campaign><campaign_name>Coffee Club</campaign_name>
				<campaign_type>events</campaign_type><customer><balance>0</balance><transactions></transactions></customer></campaign></response>`)
			b, err := c.CustomerBalance(ctx, CustomerQuery{Code: "1"}, "9", 10)
			require.NoError(t, err)
			assert.Equal(t, Balance{CampaignName: "Coffee Club", CampaignType: CampaignEvents, Balance: "0"}, b)

			c, _ = clientFor(t, format, `<response status="success"><campaign><id>9</id><rewards></rewards></campaign></response>`)
			rewards, err := c.CampaignRewards(ctx, "9")
			require.NoError(t, err)
			assert.Empty(t, rewards)

			c, _ = clientFor(t, format, `<response status="success"><customer><code>1</code></customer></response>`)
			cust, err := c.CustomerInfo(ctx, CustomerQuery{Code: "1"})
			require.NoError(t, err)
			assert.Empty(t, cust.Campaigns)
		})
	}
}
