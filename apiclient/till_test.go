package apiclient

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEarnRequestForm(t *testing.T) {
	form := url.Values{}
	err := EarnRequest{
		Customer: CustomerRef{CardNumber: "11111111"}, CampaignID: "7", CampaignType: CampaignPoints,
		Amount: "12,50", PromoID: "801", Authorization: "till-1 #4F7K Cake", SendEmail: true,
		Fields: map[string]string{"custom_field_2": "Café"},
	}.fill(form)
	require.NoError(t, err)
	assert.Equal(t, url.Values{
		"card_number": {"11111111"}, "campaign_id": {"7"}, "amount": {"12.50"}, "promo_id": {"801"},
		"authorization": {"till-1 #4F7K Cake"}, "send_transaction_email": {"Y"}, "custom_field_2": {"Café"},
	}, form)

	form = url.Values{}
	require.NoError(t, EarnRequest{Customer: CustomerRef{Code: "C"}, CampaignID: "9", CampaignType: CampaignBuyX, Item: "902", Quantity: 3}.fill(form))
	assert.Equal(t, "902", form.Get("service_product"))
	assert.Equal(t, "3", form.Get("buyx_quantity"))
	assert.False(t, form.Has("send_transaction_email"), "no email unless asked")
}

func TestEarnRequestRefusedBeforeSending(t *testing.T) {
	for name, r := range map[string]EarnRequest{
		"no customer":        {CampaignID: "1"},
		"no campaign":        {Customer: CustomerRef{Code: "C"}},
		"gift card no load":  {Customer: CustomerRef{Code: "C"}, CampaignID: "1", CampaignType: CampaignGiftCard},
		"punch card no item": {Customer: CustomerRef{Code: "C"}, CampaignID: "1", CampaignType: CampaignBuyX},
		"bad amount":         {Customer: CustomerRef{Code: "C"}, CampaignID: "1", Amount: "12.345"},
		"not a txn field":    {Customer: CustomerRef{Code: "C"}, CampaignID: "1", Fields: map[string]string{"email": "x"}},
	} {
		var vErr *ValidationError
		assert.ErrorAs(t, r.fill(url.Values{}), &vErr, name)
	}
}

func TestRedeemNeedsExactlyOneThing(t *testing.T) {
	c, err := New(Options{BaseURL: "http://127.0.0.1:1"}) // nothing listens: a request would fail otherwise
	require.NoError(t, err)
	for name, r := range map[string]RedeemRequest{
		"nothing":         {Customer: CustomerRef{Code: "C"}, CampaignID: "1"},
		"reward and more": {Customer: CustomerRef{Code: "C"}, CampaignID: "1", RewardID: "701", CustomPoints: "5"},
		"no campaign":     {Customer: CustomerRef{Code: "C"}, RewardID: "701"},
	} {
		_, err := c.Redeem(t.Context(), r)
		var vErr *ValidationError
		assert.ErrorAs(t, err, &vErr, name)
	}
}
