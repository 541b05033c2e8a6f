package apiclient

// This file holds every answer shape api-reference.md marks ⚑ (not shown
// by any public page or client code) and the server wordings the client
// matches. When the live service turns out to differ, this is the one place
// to correct; screens see only the typed values.

import (
	"context"
	"errors"
	"strings"
	"time"

	"loyaltydesk/apiclient/wire"
)

// errorText is one server wording the client classifies, with its source.
type errorText struct {
	kind   error
	phrase string // matched case-insensitively anywhere in <error>
	source string
}

// errorTexts is the one table of the messages the client tells apart.
// None of the three wordings is published: the seed pages only show
// "Error message". Where the wording is unknown the client decides from
// the answer's structure instead (LookupCustomer: how many customers
// customer_search finds for the card), and the phrases below only save a
// round trip when they match.
var errorTexts = []errorText{
	{ErrNotFound, MsgCustomerNotFound, "⚑ project convention (the fake server's wording); structure decides otherwise: customer_search finds nobody"},
	{ErrAmbiguousCard, MsgMultipleCardMatch, "⚑ project convention; seed 002 says an edit by a shared card \"will return an error\" without wording; structure decides otherwise: customer_search finds several"},
	{ErrUnauthenticated, MsgAuthFailed, "⚑ project convention naming the three credentials of every seed page"},
	{ErrUnauthenticated, "user_api_key", "⚑ the key parameter of API 1.5/1.6 calls (dashboard, manage_fields) named in a refusal"},
	{ErrUnauthenticated, "api_access_key", "⚑ the header newer pages accept, named in a refusal"},
}

// classify reports whether a server message belongs to kind.
func classify(msg string, kind error) bool {
	msg = strings.ToLower(msg)
	for _, t := range errorTexts {
		if t.kind == kind && strings.Contains(msg, strings.ToLower(t.phrase)) {
			return true
		}
	}
	return false
}

// notFound marks a refusal the client has worked out to mean "no such
// customer" from the answers' structure.
func notFound(err error) error {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return &APIError{Op: apiErr.Op, Message: apiErr.Message, kind: ErrNotFound}
	}
	return err
}

// balancesFromNode reads customer_info's <campaigns>: <id> and <balance>
// are documented (the C# client reads them); <name>, <type> and the other
// campaign attributes are ⚑ read as in the campaigns list. Earlier
// spellings (campaign_id, campaign_name, campaign_type) are not read: the
// service does not send them.
func balancesFromNode(list *wire.Node) []CampaignBalance {
	var out []CampaignBalance
	for _, n := range list.All("campaign") {
		out = append(out, CampaignBalance{Campaign: campaignFromNode(n), Balance: n.Get("balance")})
	}
	return out
}

// TransactionTime reads a history date: ⚑ the page shows <date/> without
// a sample; the fake writes "YYYY-MM-DD HH:MM:SS" in the account's time, and
// a bare date is accepted. hasClock says whether the time of day was given.
func TransactionTime(s string) (t time.Time, hasClock bool, ok bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.DateTime, "2006-01-02T15:04:05", "2006-01-02 15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true, true
		}
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, false, true
	}
	return time.Time{}, false, false
}

// Signed is the transaction's effect on the balance: a redemption is
// negative whether or not the server wrote a sign.
func (t Transaction) Signed() (Amount, bool) {
	a, ok := ParseAmount(t.Amount)
	if ok && t.Redeemed && a > 0 {
		a = -a
	}
	return a, ok
}

// RunningBalances gives the balance after each transaction of a history
// listed newest first, working back from the current balance. An amount
// that is not a number leaves the older balances unknown (ok false).
func RunningBalances(current string, txns []Transaction) (after []Amount, ok []bool) {
	bal, known := ParseAmount(current)
	after, ok = make([]Amount, len(txns)), make([]bool, len(txns))
	for i, t := range txns {
		after[i], ok[i] = bal, known
		a, valid := t.Signed()
		known = known && valid
		bal -= a
	}
	return after, ok
}

// ExactMatch is customer_search's exact_match.
type ExactMatch string

// The exact_match values; the zero value searches partially.
const (
	ExactPartial     ExactMatch = ""
	ExactSensitive   ExactMatch = "sensitive"
	ExactInsensitive ExactMatch = "insensitive"
)

// SearchFields are the fields customer_search filters on.
var SearchFields = []string{"card_number", FFirstName, FLastName, FPhone, FEmail, FCity, FState, FPostalCode, FCustomDate, FUsername}

// SearchQuery is one customer_search: per-field filters (SearchFields or
// custom_field_N), all of which must match.
type SearchQuery struct {
	Fields          map[string]string
	Exact           ExactMatch
	IncludeBalances bool
}

// CustomerSearch finds the customers whose fields match; the answer is read
// by customerList (⚑), with <campaigns> inside each customer when balances
// were asked.
func (c *Client) CustomerSearch(ctx context.Context, q SearchQuery) ([]Customer, error) {
	const op = "customer search"
	if len(q.Fields) == 0 {
		return nil, invalid("", "give at least one field to search by")
	}
	form := c.form("customer_search", authPassword)
	for k, v := range q.Fields {
		if _, custom := customFieldNumber(k); !custom && !containsString(SearchFields, k) {
			return nil, invalid(k, "customer_search cannot filter on this field")
		}
		form.Set(k, v)
	}
	if q.Exact != ExactPartial {
		form.Set("exact_match", string(q.Exact))
	}
	if q.IncludeBalances {
		form.Set("include_balances", "Y")
	}
	root, err := c.call(ctx, op, form)
	if err != nil {
		return nil, err
	}
	return customerList(root), nil
}

// customerList reads the customers of a search answer.
//
// ⚑ customer_find and customer_search answer <customers><customer>…
// </customer>…</customers>, each customer as customer_info writes it; a
// list of <customer> straight under the response is read too.
func customerList(root *wire.Node) []Customer {
	list := root.Child("customers")
	if list == nil {
		list = root
	}
	var out []Customer
	for _, n := range list.All("customer") {
		out = append(out, customerFromNode(n))
	}
	return out
}

// KeepWhich is card_replace's keep_which: when the new card or code
// already belongs to another customer (a duplicate), which record stays.
type KeepWhich string

// The keep_which values.
const (
	KeepMatched   KeepWhich = "matched"   // the customer the replacement is for
	KeepDuplicate KeepWhich = "duplicate" // the customer already holding the card
)

// CardReplaceRequest puts a new card number or code on an existing customer
// (a lost card). The customer is named by PreviousCode or PreviousCard.
type CardReplaceRequest struct {
	PreviousCode string
	PreviousCard string
	NewCode      string
	NewCard      string
	// GenerateDigits asks for a new random card number of that many digits.
	GenerateDigits int
	// Keep and Override decide what happens when the new card already
	// belongs to another customer: without Override the server refuses;
	// with it the two records become one, keeping Keep's details.
	Keep     KeepWhich
	Override bool
}

// CardReplaceResult is ⚑ read from <customer><code/><card_number/></customer>.
type CardReplaceResult struct {
	Code       string
	CardNumber string
}

// CardReplace replaces a customer's card number or code (card_replace).
func (c *Client) CardReplace(ctx context.Context, r CardReplaceRequest) (CardReplaceResult, error) {
	const op = "card replace"
	form := c.form("card_replace", authPassword)
	switch {
	case r.PreviousCode == "" && r.PreviousCard == "":
		return CardReplaceResult{}, invalid("previous_code", "name the customer by code or card number")
	case r.NewCode == "" && r.NewCard == "" && r.GenerateDigits == 0:
		return CardReplaceResult{}, invalid("new_card_number", "give the new card number, a new code, or generate one")
	case r.NewCard != "" && r.GenerateDigits > 0:
		return CardReplaceResult{}, invalid("new_card_number", "type a card number or generate one, not both")
	case r.Keep != "" && r.Keep != KeepMatched && r.Keep != KeepDuplicate:
		return CardReplaceResult{}, invalid("keep_which", "must be matched or duplicate, not %q", r.Keep)
	}
	set := func(k, v string) {
		if v != "" {
			form.Set(k, v)
		}
	}
	set("previous_code", r.PreviousCode)
	set("previous_card", r.PreviousCard)
	set("new_code", r.NewCode)
	set("new_card_number", r.NewCard)
	if r.GenerateDigits > 0 {
		set("card_number_generate", itoa(r.GenerateDigits))
	}
	set("keep_which", string(r.Keep))
	if r.Override {
		form.Set("check_override", "Y")
	}
	root, err := c.call(ctx, op, form)
	if err != nil {
		return CardReplaceResult{}, err
	}
	n := root.Child("customer")
	return CardReplaceResult{Code: n.Get("code"), CardNumber: n.Get("card_number")}, nil
}

// GenerateCardNumber asks the server for an unused card number
// (generate_card_number → <customer><card_number/></customer>). Digits 0
// leaves the server's default of 16.
func (c *Client) GenerateCardNumber(ctx context.Context, digits int, prefix, suffix string) (string, error) {
	const op = "generate card number"
	form := c.form("generate_card_number", authPassword)
	if digits > 0 {
		form.Set("how_many_digits", itoa(digits))
	}
	if prefix != "" {
		form.Set("card_number_prefix", prefix)
	}
	if suffix != "" {
		form.Set("card_number_suffix", suffix)
	}
	root, err := c.call(ctx, op, form)
	if err != nil {
		return "", err
	}
	card := root.Child("customer").Get("card_number")
	if card == "" {
		return "", &DecodeError{Op: op, Format: c.format, Detail: "no <card_number> in the answer"}
	}
	return card, nil
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
