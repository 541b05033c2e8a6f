package till

import (
	"context"
	"errors"
	"net"
	"time"

	"loyaltydesk/apiclient"
)

// Kind is what an action does to a balance.
type Kind string

// The kinds of action.
const (
	Earn   Kind = "earn"   // record_activity
	Redeem Kind = "redeem" // redeem
)

// Action is one balance-changing request of this terminal, with everything
// needed to send it again after a restart. It is stored as JSON in the
// outbox, so fields are only ever added.
type Action struct {
	Kind Kind   `json:"kind"`
	Ref  string `json:"ref"`

	CustomerCode string `json:"customer_code"`
	CardNumber   string `json:"card_number,omitempty"`
	CustomerName string `json:"customer_name,omitempty"`

	CampaignID   string `json:"campaign_id"`
	CampaignName string `json:"campaign_name,omitempty"`
	CampaignType string `json:"campaign_type"`

	// Earn: Amount is the sale (points) or the load (giftcard); PromoID a
	// points promotion; Item and Quantity a buyx purchase.
	// Redeem: RewardID a reward level, or Amount dollars to spend
	// (giftcard, earned, custom dollars), or Points custom points.
	Amount     Cents  `json:"amount,omitempty"`
	Points     Cents  `json:"points,omitempty"`
	PromoID    string `json:"promo_id,omitempty"`
	Item       string `json:"item,omitempty"`
	ItemName   string `json:"item_name,omitempty"`
	Quantity   int    `json:"quantity,omitempty"`
	RewardID   string `json:"reward_id,omitempty"`
	RewardName string `json:"reward_name,omitempty"`

	// What says, in words, what the action is ("sale 12.50", "Free coffee").
	What        string            `json:"what"`
	Description string            `json:"description,omitempty"`
	Email       bool              `json:"email,omitempty"`
	Fields      map[string]string `json:"fields,omitempty"` // custom_field_N → value
	At          time.Time         `json:"at"`
	// LostAt is when the answer to the last sending was lost (zero when it
	// never was): a sending again waits Settle after it, for a server still
	// working on the lost request to finish, and then looks first.
	LostAt time.Time `json:"lost_at,omitempty"`
}

// Authorization is the text the action sends as `authorization`.
func (a Action) Authorization() string { return Authorization(a.Ref, a.Description) }

// Service is what the till needs of the loyalty API. Send carries out the
// action (record_activity or redeem); Find looks for its reference among
// the customer's last transactions in the campaign and returns the
// transaction's id when it is there.
type Service interface {
	Send(ctx context.Context, a Action) (transactionID string, err error)
	Find(ctx context.Context, a Action) (transactionID string, found bool, err error)
}

// Outcome says what became of an action.
type Outcome int

// The outcomes.
const (
	// Done: the server answered that it recorded the action.
	Done Outcome = iota
	// Refused: the server said no (not enough balance, say); nothing changed.
	Refused
	// NotSent: the server could not be reached; the request never left.
	NotSent
	// LandedAfterAll: the answer was lost, but the reference is in the
	// customer's history: the action was recorded, once.
	LandedAfterAll
	// NotLanded: the answer was lost and the reference is not in the
	// history: the action was not recorded and may be sent again.
	NotLanded
	// Unknown: the answer was lost and the history could not be read.
	// Sending again could record it twice; look again first.
	Unknown
)

// Result is an action's outcome, with the error that led to it.
type Result struct {
	Outcome       Outcome
	TransactionID string
	Err           error // the send's error; nil only for Done
	CheckErr      error // why the history could not be read (Unknown)
	// LostAt is when the answer was lost (LandedAfterAll, NotLanded,
	// Unknown); copy it into the action before keeping it.
	LostAt time.Time
}

// DefaultSettle is how long a sending again waits after a lost answer
// before it looks for the reference: a request the client gave up on may
// still be at work on the server, and a look made too early misses it.
const DefaultSettle = 5 * time.Second

// Perform sends the action once. When the outcome is unknown (no answer,
// a server error, an unreadable answer) it looks for the reference before
// reporting: it never sends twice.
func Perform(ctx context.Context, svc Service, a Action) Result {
	id, err := svc.Send(ctx, a)
	switch {
	case err == nil:
		return Result{Outcome: Done, TransactionID: id}
	case NeverSent(err):
		return Result{Outcome: NotSent, Err: err}
	case !apiclient.MaybeApplied(err):
		return Result{Outcome: Refused, Err: err}
	}
	lostAt := time.Now()
	r := Check(ctx, svc, a, err)
	r.LostAt = lostAt
	return r
}

// Resend sends an action again after a lost answer (NotLanded), and only
// after looking for its reference once more, at the moment of sending, no
// sooner than settle after the loss: the server may have finished the lost
// request since the first look. When that look cannot be made, nothing is
// sent (Unknown, CheckErr says why).
func Resend(ctx context.Context, svc Service, a Action, settle time.Duration) Result {
	if err := waitSettled(ctx, a.LostAt, settle); err != nil {
		return Result{Outcome: Unknown, Err: err, CheckErr: err, LostAt: a.LostAt}
	}
	id, found, err := svc.Find(ctx, a)
	switch {
	case err != nil:
		return Result{Outcome: Unknown, Err: err, CheckErr: err, LostAt: a.LostAt}
	case found:
		return Result{Outcome: LandedAfterAll, TransactionID: id, LostAt: a.LostAt}
	}
	return Perform(ctx, svc, a)
}

// Settling reports whether an action whose answer was lost at lostAt is
// still within settle of it (a look now could miss a late landing).
func Settling(lostAt time.Time, settle time.Duration) bool {
	return !lostAt.IsZero() && time.Until(lostAt.Add(settle)) > 0
}

func waitSettled(ctx context.Context, lostAt time.Time, settle time.Duration) error {
	if !Settling(lostAt, settle) {
		return nil
	}
	t := time.NewTimer(time.Until(lostAt.Add(settle)))
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Check looks for the action's reference after an unknown outcome (sendErr).
func Check(ctx context.Context, svc Service, a Action, sendErr error) Result {
	id, found, err := svc.Find(ctx, a)
	switch {
	case err != nil:
		return Result{Outcome: Unknown, Err: sendErr, CheckErr: err}
	case found:
		return Result{Outcome: LandedAfterAll, TransactionID: id, Err: sendErr}
	}
	return Result{Outcome: NotLanded, Err: sendErr}
}

// NeverSent reports an error that proves the request did not reach the
// server: the connection could not even be opened (refused, no route, name
// not resolved), or the client refused it before sending.
func NeverSent(err error) bool {
	var vErr *apiclient.ValidationError
	if errors.As(err, &vErr) {
		return false // a refusal, not a network problem
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return true
	}
	var dnsErr *net.DNSError
	return errors.As(err, &dnsErr)
}

// Offline reports an outcome that puts an earn in the outbox: the server
// could not be reached, or was reached but its history could not be read
// (the outbox looks for the reference again before sending).
func (r Result) Offline() bool { return r.Outcome == NotSent || r.Outcome == Unknown }

// ErrNotInHistory is a void whose action is not among the customer's last
// transactions (already voided, or too old to undo here).
var ErrNotInHistory = errors.New("the action is not among the customer's last transactions: it was voided already, or is too old to undo here")
