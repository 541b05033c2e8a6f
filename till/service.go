package till

import (
	"context"

	"loyaltydesk/apiclient"
)

// LookBack is how many of the customer's last transactions are searched
// for a reference (api-reference.md: transactions_number=10).
const LookBack = 10

// API is the Service of the live client.
type API struct{ Client *apiclient.Client }

// Send carries out the action with record_activity or redeem.
func (s API) Send(ctx context.Context, a Action) (string, error) {
	cust := apiclient.CustomerRef{Code: a.CustomerCode, CardNumber: a.CardNumber}
	if a.Kind == Redeem {
		res, err := s.Client.Redeem(ctx, redeemRequest(cust, a))
		return res.TransactionID, err
	}
	res, err := s.Client.RecordActivity(ctx, earnRequest(cust, a))
	return res.TransactionID, err
}

func earnRequest(cust apiclient.CustomerRef, a Action) apiclient.EarnRequest {
	r := apiclient.EarnRequest{
		Customer: cust, CampaignID: a.CampaignID, CampaignType: apiclient.CampaignType(a.CampaignType),
		PromoID: a.PromoID, Item: a.Item, Quantity: a.Quantity,
		Authorization: a.Authorization(), SendEmail: a.Email, Fields: a.Fields,
	}
	if a.Amount > 0 {
		r.Amount = a.Amount.String()
	}
	return r
}

func redeemRequest(cust apiclient.CustomerRef, a Action) apiclient.RedeemRequest {
	r := apiclient.RedeemRequest{Customer: cust, CampaignID: a.CampaignID, RewardID: a.RewardID, Authorization: a.Authorization()}
	switch {
	case a.RewardID != "":
	case a.Points > 0:
		r.CustomPoints = a.Points.String()
	case a.CampaignType == "points":
		r.CustomDollars = a.Amount.String()
	default:
		r.SpendAmount = a.Amount.String()
	}
	return r
}

// Find looks for the action's reference in the customer's last
// transactions of the campaign.
func (s API) Find(ctx context.Context, a Action) (string, bool, error) {
	q := apiclient.CustomerQuery{Code: a.CustomerCode}
	if q.Code == "" {
		q.CardNumber = a.CardNumber
	}
	bal, err := s.Client.CustomerBalance(ctx, q, a.CampaignID, LookBack)
	if err != nil {
		return "", false, err
	}
	for _, t := range bal.Transactions {
		if HasRef(t.Authorization, a.Ref) {
			return t.ID, true, nil
		}
	}
	return "", false, nil
}

// Void undoes a recorded action: its transaction is found by reference
// (a redeem's answer carries no id) and deleted.
func (s API) Void(ctx context.Context, a Action) error {
	id, found, err := s.Find(ctx, a)
	if err != nil {
		return err
	}
	if !found {
		return ErrNotInHistory
	}
	return s.Client.DeleteTransaction(ctx, a.CampaignID, a.CustomerCode, id)
}
