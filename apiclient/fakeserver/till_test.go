package fakeserver_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/fakeserver"
)

var jane = apiclient.CustomerRef{Code: fakeserver.DemoCode}

func (e *env) balance(t *testing.T, campaignID string) string {
	t.Helper()
	b, err := e.c.CustomerBalance(context.Background(), apiclient.CustomerQuery{Code: fakeserver.DemoCode}, campaignID, 0)
	require.NoError(t, err)
	return b.Balance
}

func amountOf(t *testing.T, s string) apiclient.Amount {
	t.Helper()
	a, ok := apiclient.ParseAmount(s)
	require.True(t, ok, s)
	return a
}

// delta runs f and returns how the balance of the campaign moved.
func (e *env) delta(t *testing.T, campaignID string, f func() error) (apiclient.Amount, error) {
	t.Helper()
	before := amountOf(t, e.balance(t, campaignID))
	err := f()
	return amountOf(t, e.balance(t, campaignID)) - before, err
}

func TestRecordActivityFollowsEachCampaignType(t *testing.T) {
	eachFormat(t, func(t *testing.T, f apiclient.Format) {
		e := newEnv(t, f)
		ctx := context.Background()
		cases := []struct {
			name string
			req  apiclient.EarnRequest
			want string
		}{
			{"points by points_ratio 10", apiclient.EarnRequest{CampaignID: fakeserver.PointsCampaignID, Amount: "12,50"}, "125"},
			{"points with a double promotion", apiclient.EarnRequest{CampaignID: fakeserver.PointsCampaignID, Amount: "12.50", PromoID: "801"}, "250"},
			{"a visit", apiclient.EarnRequest{CampaignID: fakeserver.EventsCampaignID}, "1"},
			{"earned per event", apiclient.EarnRequest{CampaignID: fakeserver.EarnedCampaignID}, "5.00"},
			{"gift card load", apiclient.EarnRequest{CampaignID: fakeserver.GiftCardCampaignID, CampaignType: apiclient.CampaignGiftCard, Amount: "20"}, "20.00"},
			{"three punches", apiclient.EarnRequest{CampaignID: fakeserver.BuyXCampaignID, CampaignType: apiclient.CampaignBuyX, Item: "902", Quantity: 3}, "3"},
		}
		for _, c := range cases {
			c.req.Customer, c.req.Authorization = jane, "till-1 #TEST "+c.name
			var res apiclient.ActivityResult
			d, err := e.delta(t, c.req.CampaignID, func() (err error) { res, err = e.c.RecordActivity(ctx, c.req); return })
			require.NoError(t, err, c.name)
			assert.Equal(t, amountOf(t, c.want), d, c.name)
			assert.NotEmpty(t, res.TransactionID, c.name)
			assert.Equal(t, e.balance(t, c.req.CampaignID), res.Balance, c.name)
		}
		h := e.srv.History(fakeserver.DemoCode)
		last := h[len(h)-1]
		assert.Equal(t, "till-1 #TEST three punches", last.Authorization)
		assert.Equal(t, fakeserver.DemoUserID, last.UserName)
		assert.Equal(t, "Gadget", last.Item)
	})
}

func TestRecordActivityRefusals(t *testing.T) {
	e := newEnv(t, apiclient.XML)
	ctx := context.Background()
	for name, form := range map[string][]string{
		"gift card without amount":  {"type", "record_activity", "code", fakeserver.DemoCode, "campaign_id", fakeserver.GiftCardCampaignID},
		"unknown item":              {"type", "record_activity", "code", fakeserver.DemoCode, "campaign_id", fakeserver.BuyXCampaignID, "service_product", "999"},
		"unknown promo":             {"type", "record_activity", "code", fakeserver.DemoCode, "campaign_id", fakeserver.PointsCampaignID, "amount", "5", "promo_id", "1"},
		"bad amount":                {"type", "record_activity", "code", fakeserver.DemoCode, "campaign_id", fakeserver.PointsCampaignID, "amount", "12.345"},
		"unknown transaction field": {"type", "record_activity", "code", fakeserver.DemoCode, "campaign_id", fakeserver.PointsCampaignID, "custom_field_99", "x"},
	} {
		root := e.raw(t, demoForm(form...))
		assert.Equal(t, "error", root.Attr("status"), name)
	}
	_, err := e.c.RecordActivity(ctx, apiclient.EarnRequest{Customer: jane, CampaignID: fakeserver.GiftCardCampaignID, CampaignType: apiclient.CampaignGiftCard})
	var vErr *apiclient.ValidationError
	assert.ErrorAs(t, err, &vErr, "the client refuses a load without amount before sending")
}

func TestRecordActivityIsNotIdempotent(t *testing.T) {
	e := newEnv(t, apiclient.XML)
	req := apiclient.EarnRequest{Customer: jane, CampaignID: fakeserver.EventsCampaignID, Authorization: "till-1 #TWICE"}
	for range 2 {
		_, err := e.c.RecordActivity(context.Background(), req)
		require.NoError(t, err)
	}
	assert.Equal(t, 2, e.srv.CountAuthorization(fakeserver.DemoCode, "till-1 #TWICE"), "the same call twice records twice, as on the service")
}

func TestRedeemRulesAndNeverBelowZero(t *testing.T) {
	eachFormat(t, func(t *testing.T, f apiclient.Format) {
		e := newEnv(t, f)
		ctx := context.Background()
		earn := func(camp, amount string) {
			_, err := e.c.RecordActivity(ctx, apiclient.EarnRequest{Customer: jane, CampaignID: camp, Amount: amount})
			require.NoError(t, err)
		}
		earn(fakeserver.PointsCampaignID, "100") // +1000 points: Free coffee (500) is reachable
		d, err := e.delta(t, fakeserver.PointsCampaignID, func() error {
			_, err := e.c.Redeem(ctx, apiclient.RedeemRequest{Customer: jane, CampaignID: fakeserver.PointsCampaignID, RewardID: "701"})
			return err
		})
		require.NoError(t, err)
		assert.Equal(t, amountOf(t, "-500"), d)
		d, err = e.delta(t, fakeserver.PointsCampaignID, func() error {
			_, err := e.c.Redeem(ctx, apiclient.RedeemRequest{Customer: jane, CampaignID: fakeserver.PointsCampaignID, CustomDollars: "1,50"})
			return err
		})
		require.NoError(t, err)
		assert.Equal(t, amountOf(t, "-150"), d, "reward_ratio 100 points per unit")
		d, err = e.delta(t, fakeserver.PointsCampaignID, func() error {
			_, err := e.c.Redeem(ctx, apiclient.RedeemRequest{Customer: jane, CampaignID: fakeserver.PointsCampaignID, CustomPoints: "10"})
			return err
		})
		require.NoError(t, err)
		assert.Equal(t, amountOf(t, "-10"), d)

		// More than the balance: refused, nothing changes.
		bal := amountOf(t, e.balance(t, fakeserver.PointsCampaignID))
		d, err = e.delta(t, fakeserver.PointsCampaignID, func() error {
			_, err := e.c.Redeem(ctx, apiclient.RedeemRequest{Customer: jane, CampaignID: fakeserver.PointsCampaignID, CustomPoints: (bal + apiclient.OneUnit).String()})
			return err
		})
		var apiErr *apiclient.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Zero(t, d)

		earn(fakeserver.GiftCardCampaignID, "10")
		gc := amountOf(t, e.balance(t, fakeserver.GiftCardCampaignID))
		_, err = e.c.Redeem(ctx, apiclient.RedeemRequest{Customer: jane, CampaignID: fakeserver.GiftCardCampaignID, SpendAmount: (gc + 1).Money()})
		require.ErrorAs(t, err, &apiErr, "a gift card never goes below zero")
		res, err := e.c.Redeem(ctx, apiclient.RedeemRequest{Customer: jane, CampaignID: fakeserver.GiftCardCampaignID, SpendAmount: gc.Money()})
		require.NoError(t, err)
		assert.Equal(t, "0.00", res.Balance)
	})
}

func TestBuyXCountsTowardTheFreeItem(t *testing.T) {
	e := newEnv(t, apiclient.XML)
	ctx := context.Background()
	rewards, err := e.c.CampaignRewards(ctx, fakeserver.BuyXCampaignID)
	require.NoError(t, err)
	require.NotEmpty(t, rewards)
	level := amountOf(t, rewards[0].Level)
	bal := amountOf(t, e.balance(t, fakeserver.BuyXCampaignID))
	if missing := level - bal; missing > 0 {
		_, err := e.c.RecordActivity(ctx, apiclient.EarnRequest{Customer: jane, CampaignID: fakeserver.BuyXCampaignID,
			CampaignType: apiclient.CampaignBuyX, Item: "Widget", Quantity: int(missing / apiclient.OneUnit)})
		require.NoError(t, err)
	}
	d, err := e.delta(t, fakeserver.BuyXCampaignID, func() error {
		_, err := e.c.Redeem(ctx, apiclient.RedeemRequest{Customer: jane, CampaignID: fakeserver.BuyXCampaignID, RewardID: rewards[0].ID})
		return err
	})
	require.NoError(t, err)
	assert.Equal(t, -level, d)
}

func TestTransactionDeleteUndoesOnce(t *testing.T) {
	e := newEnv(t, apiclient.XML)
	ctx := context.Background()
	before := e.balance(t, fakeserver.PointsCampaignID)
	res, err := e.c.RecordActivity(ctx, apiclient.EarnRequest{Customer: jane, CampaignID: fakeserver.PointsCampaignID, Amount: "3", Authorization: "till-1 #VOID"})
	require.NoError(t, err)
	require.NoError(t, e.c.DeleteTransaction(ctx, fakeserver.PointsCampaignID, jane.Code, res.TransactionID))
	assert.Equal(t, before, e.balance(t, fakeserver.PointsCampaignID))
	assert.Zero(t, e.srv.CountAuthorization(fakeserver.DemoCode, "till-1 #VOID"))
	var apiErr *apiclient.APIError
	assert.ErrorAs(t, e.c.DeleteTransaction(ctx, fakeserver.PointsCampaignID, jane.Code, res.TransactionID), &apiErr, "a second delete is refused")
}

func TestPromosAndItemsLists(t *testing.T) {
	eachFormat(t, func(t *testing.T, f apiclient.Format) {
		e := newEnv(t, f)
		ctx := context.Background()
		promos, err := e.c.CampaignPromos(ctx, fakeserver.PointsCampaignID)
		require.NoError(t, err)
		require.NotEmpty(t, promos)
		assert.Equal(t, apiclient.Promo{ID: "801", Name: "Double points Tuesday"}, promos[0])
		items, err := e.c.BuyXItems(ctx, fakeserver.BuyXCampaignID)
		require.NoError(t, err)
		assert.Contains(t, items, apiclient.BuyXItem{ID: "902", Name: "Gadget"})
		_, err = e.c.BuyXItems(ctx, fakeserver.PointsCampaignID)
		assert.Error(t, err)
	})
}

func TestLostAnswerOfRecordActivityAndRedeem(t *testing.T) {
	e := newEnv(t, apiclient.XML)
	ctx := context.Background()
	e.srv.FailCall("record_activity", 1, fakeserver.FaultLostAnswer)
	_, err := e.c.RecordActivity(ctx, apiclient.EarnRequest{Customer: jane, CampaignID: fakeserver.EventsCampaignID, Authorization: "till-1 #LOST"})
	var tErr *apiclient.TransportError
	require.ErrorAs(t, err, &tErr)
	assert.Equal(t, 1, e.srv.CountAuthorization(fakeserver.DemoCode, "till-1 #LOST"), "recorded although the answer was lost")

	e.srv.FailCall("redeem", 1, fakeserver.FaultHTTP500)
	_, err = e.c.Redeem(ctx, apiclient.RedeemRequest{Customer: jane, CampaignID: fakeserver.PointsCampaignID, CustomPoints: "1", Authorization: "till-1 #FIVE"})
	assert.True(t, apiclient.MaybeApplied(err))
	assert.False(t, errors.Is(err, context.Canceled))
	assert.Zero(t, e.srv.CountAuthorization(fakeserver.DemoCode, "till-1 #FIVE"), "a 500 before processing changes nothing")
}

func TestLiveSimulatorRecordsThroughTheTillCalls(t *testing.T) {
	e := newEnv(t, apiclient.XML, fakeserver.Options{Customers: -1, Now: func() time.Time { return testNow }})
	before := e.srv.TransactionCount()
	for range 40 {
		e.srv.Tick()
	}
	assert.Greater(t, e.srv.TransactionCount(), before)
	for _, code := range []string{fakeserver.DemoCode, fakeserver.DemoNoCardCode} {
		c, ok := e.srv.Customer(code)
		require.True(t, ok)
		for id, b := range c.Balances {
			assert.False(t, strings.HasPrefix(b, "-"), "campaign %s balance %s never below zero", id, b)
		}
	}
}

// transaction_delete names the customer by code (api-reference.md): a
// card number alone is refused, and the client asks for the code.
func TestTransactionDeleteTakesTheCodeOnly(t *testing.T) {
	e := newEnv(t, apiclient.XML)
	ctx := context.Background()
	res, err := e.c.RecordActivity(ctx, apiclient.EarnRequest{Customer: jane, CampaignID: fakeserver.PointsCampaignID, Amount: "3", Authorization: "till-1 #CARD"})
	require.NoError(t, err)
	msg := e.rawError(t, demoForm("type", "transaction_delete", "campaign_id", fakeserver.PointsCampaignID,
		"card_number", fakeserver.DemoCard, "transaction_id", res.TransactionID))
	assert.Contains(t, msg, "code is required")
	assert.Equal(t, 1, e.srv.CountAuthorization(fakeserver.DemoCode, "till-1 #CARD"), "nothing was deleted")
	var invalid *apiclient.ValidationError
	assert.ErrorAs(t, e.c.DeleteTransaction(ctx, fakeserver.PointsCampaignID, "", res.TransactionID), &invalid)
}
