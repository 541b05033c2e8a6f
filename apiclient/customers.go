package apiclient

import (
	"context"
	"errors"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// CustomerQuery selects one customer for customer_info: by Code or by
// CardNumber (exactly one).
type CustomerQuery struct {
	Code       string
	CardNumber string
	// NoBalances asks for the customer only (include_balances=N).
	NoBalances bool
	// CampaignID limits the balances to one campaign.
	CampaignID string
}

// CustomerInfo returns one customer with every field and its campaign balances.
func (c *Client) CustomerInfo(ctx context.Context, q CustomerQuery) (Customer, error) {
	const op = "customer info"
	form := c.form("customer_info", authPassword)
	switch {
	case q.Code != "" && q.CardNumber != "":
		return Customer{}, invalid("code", "give a code or a card number, not both")
	case q.Code != "":
		form.Set("code", q.Code)
	case q.CardNumber != "":
		form.Set("card_number", q.CardNumber)
	default:
		return Customer{}, invalid("code", "a code or a card number is required")
	}
	if q.NoBalances {
		form.Set("include_balances", "N")
	}
	if q.CampaignID != "" {
		form.Set("campaign_id", q.CampaignID)
	}
	root, err := c.call(ctx, op, form)
	if err != nil {
		return Customer{}, err
	}
	n := root.Child("customer")
	if n == nil {
		return Customer{}, &DecodeError{Op: op, Format: c.format, Detail: "no <customer> in the answer"}
	}
	cust := customerFromNode(n)
	// The balances stand beside the customer; a copy inside it is read too.
	if len(cust.Campaigns) == 0 {
		cust.Campaigns = balancesFromNode(root.Child("campaigns"))
	}
	return cust, nil
}

// LookupCustomer finds the customer a scanned or typed number belongs to:
// first as a card number, then as a code. A card shared by several
// customers is an *AmbiguousCardError (errors.Is ErrAmbiguousCard) that
// carries them, so that the cashier can pick one.
//
// The wording of the service's refusals is not published, so after a
// refusal of the card the client asks customer_search how many customers
// hold the card, and decides from that count (see conventions.go).
func (c *Client) LookupCustomer(ctx context.Context, number string) (Customer, error) {
	number = strings.TrimSpace(number)
	if number == "" {
		return Customer{}, invalid("number", "type or scan a card number or customer code")
	}
	cust, err := c.CustomerInfo(ctx, CustomerQuery{CardNumber: number})
	if !refusedLookup(err) {
		return cust, err
	}
	var holders []Customer
	var serr error
	if !errors.Is(err, ErrNotFound) { // a known "not found" needs no search
		holders, serr = c.CustomerSearch(ctx, SearchQuery{Fields: map[string]string{"card_number": number}, Exact: ExactInsensitive})
	}
	switch {
	case serr != nil && !errors.Is(err, ErrNotFound):
		return Customer{}, err // the search cannot tell; keep the first answer
	case len(holders) > 1:
		return Customer{}, &AmbiguousCardError{Card: number, Customers: holders, Err: err}
	case len(holders) == 1 && holders[0].Code != "":
		return c.CustomerInfo(ctx, CustomerQuery{Code: holders[0].Code})
	}
	cust, err = c.CustomerInfo(ctx, CustomerQuery{Code: number})
	if serr == nil && refusedLookup(err) {
		// The same credentials just searched: the refusal is about the code.
		return Customer{}, notFound(err)
	}
	return cust, err
}

// refusedLookup: the server answered status="error" for a customer, and
// not because of the credentials.
func refusedLookup(err error) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && !errors.Is(err, ErrUnauthenticated)
}

// AmbiguousCardError is a card number several customers share.
type AmbiguousCardError struct {
	Card      string
	Customers []Customer
	Err       error // the server's refusal, if any
}

func (e *AmbiguousCardError) Error() string {
	return "card " + e.Card + " belongs to " + itoa(len(e.Customers)) + " customers"
}

// Is makes errors.Is(err, ErrAmbiguousCard) hold.
func (e *AmbiguousCardError) Is(target error) bool { return target == ErrAmbiguousCard }

func (e *AmbiguousCardError) Unwrap() error { return e.Err }

// CustomerAction is record_customer's customer_action.
type CustomerAction string

// The record_customer actions.
const (
	ActionEdit CustomerAction = "edit"
	ActionNew  CustomerAction = "new"
)

// The customer fields of record_customer, by their form names.
const (
	FFirstName   = "first_name"
	FLastName    = "last_name"
	FPhone       = "phone"
	FEmail       = "email"
	FStreet1     = "street1"
	FStreet2     = "street2"
	FCity        = "city"
	FState       = "state"
	FPostalCode  = "postal_code"
	FCountry     = "country"
	FCustomDate  = "custom_date"
	FCustomField = "custom_field"
	FUsername    = "customer_username"
	FPassword    = "customer_password"
	FPIN         = "customer_PIN"
)

// CustomerFieldNames lists the plain fields of seed 002 in form order.
var CustomerFieldNames = []string{
	FFirstName, FLastName, FPhone, FEmail, FStreet1, FStreet2, FCity, FState,
	FPostalCode, FCountry, FCustomDate, FCustomField, FUsername, FPassword, FPIN,
}

// SaveCustomerRequest is one record_customer call. Only what is set is sent:
// an edit that carries a field sets it, one that leaves it out keeps it.
type SaveCustomerRequest struct {
	Action CustomerAction
	// Code identifies the customer (edit), or is the new customer's code.
	Code string
	// CardNumber is matched (edit without code) or set.
	CardNumber string
	// NewCode asks for a freshly generated code (new_code=Yes). A given
	// code or card goes on an existing customer with CardReplace.
	NewCode bool
	// CardNumberGenerate asks for a random card number of that many digits.
	CardNumberGenerate int
	// Fields holds the fields to set, by form name (see the F constants and
	// CustomFieldKey).
	Fields      map[string]string
	SendNoEmail bool
	// For new customers: the campaigns to enrol in and an amount to add to the first.
	CampaignIDs []string
	AutoAdd     string
}

// SaveCustomerResult is the answer of record_customer.
type SaveCustomerResult struct {
	Status     string // "new" or "update"
	Code       string
	CardNumber string // only when one was generated
}

// SaveCustomer creates or updates a customer.
func (c *Client) SaveCustomer(ctx context.Context, r SaveCustomerRequest) (SaveCustomerResult, error) {
	const op = "save customer"
	form := c.form("record_customer", authPassword)
	if err := r.fill(form); err != nil {
		return SaveCustomerResult{}, err
	}
	root, err := c.call(ctx, op, form)
	if err != nil {
		return SaveCustomerResult{}, err
	}
	n := root.Child("customer")
	if n == nil {
		return SaveCustomerResult{}, &DecodeError{Op: op, Format: c.format, Detail: "no <customer> in the answer"}
	}
	return SaveCustomerResult{Status: n.Attr("status"), Code: n.Get("code"), CardNumber: n.Get("card_number")}, nil
}

func (r SaveCustomerRequest) fill(form url.Values) error {
	action := r.Action
	if action == "" {
		action = ActionEdit
	}
	if action != ActionEdit && action != ActionNew {
		return invalid("customer_action", "must be edit or new, not %q", action)
	}
	form.Set("customer_action", string(action))
	if r.changes(action) == 0 {
		return invalid("", "nothing to save: at least one field must be sent")
	}
	set := func(k, v string) {
		if v != "" {
			form.Set(k, v)
		}
	}
	set("code", r.Code)
	set("card_number", r.CardNumber)
	if r.NewCode {
		form.Set("new_code", "Yes")
	}
	if r.CardNumberGenerate > 0 {
		set("card_number_generate", strconv.Itoa(r.CardNumberGenerate))
	}
	keys := make([]string, 0, len(r.Fields))
	for k := range r.Fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if err := checkCustomerField(k, r.Fields[k]); err != nil {
			return err
		}
		form.Set(k, r.Fields[k]) // an empty value is sent: it blanks the field
	}
	if r.SendNoEmail {
		form.Set("send_no_email", "true")
	}
	if len(r.CampaignIDs) > 0 {
		if err := checkIDList("campaign_id", r.CampaignIDs); err != nil {
			return err
		}
		form.Set("campaign_id", strings.Join(r.CampaignIDs, ","))
	}
	if r.AutoAdd != "" {
		form.Set("auto_add", r.AutoAdd)
	}
	return nil
}

// changes counts what the call would set. An edit's code, or its card
// number alone, only find the customer: an edit that sets nothing else
// changes nothing (seed 002: at least one field must be passed).
func (r SaveCustomerRequest) changes(action CustomerAction) int {
	n := len(r.Fields)
	for _, set := range []bool{r.NewCode, r.CardNumberGenerate > 0,
		r.CardNumber != "" && (r.Code != "" || action == ActionNew), r.Code != "" && action == ActionNew} {
		if set {
			n++
		}
	}
	return n
}

func checkCustomerField(name, value string) error {
	if _, ok := customFieldNumber(name); ok {
		return nil // typed by the account; the server checks the type
	}
	if !slices.Contains(CustomerFieldNames, name) {
		return invalid(name, "is not a customer field")
	}
	switch name {
	case FCustomDate:
		if value != "" && !IsISODate(value) {
			return invalid(name, "%q is not a date in YYYY-MM-DD form", value)
		}
	case FPIN:
		if !allDigits(value) {
			return invalid(name, "the PIN must be digits only")
		}
	}
	return nil
}

// CustomerBalance returns a customer's balance and history in one campaign
// (customer_balance), newest transaction first as the server sends them.
// Transactions < 0 asks for the whole history; 0 for none.
func (c *Client) CustomerBalance(ctx context.Context, q CustomerQuery, campaignID string, transactions int) (Balance, error) {
	const op = "customer balance"
	form := c.form("customer_balance", authPassword)
	if campaignID == "" {
		return Balance{}, invalid("campaign_id", "a campaign is required")
	}
	form.Set("campaign_id", campaignID)
	switch {
	case q.Code != "":
		form.Set("code", q.Code)
	case q.CardNumber != "":
		form.Set("card_number", q.CardNumber)
	default:
		return Balance{}, invalid("code", "a code or a card number is required")
	}
	if transactions >= 0 {
		form.Set("transactions_number", strconv.Itoa(transactions))
	}
	root, err := c.call(ctx, op, form)
	if err != nil {
		return Balance{}, err
	}
	camp := root.Child("campaign")
	if camp == nil {
		return Balance{}, &DecodeError{Op: op, Format: c.format, Detail: "no <campaign> in the answer"}
	}
	cust := camp.Child("customer")
	b := Balance{
		CampaignName: camp.Get("campaign_name"),
		CampaignType: CampaignType(strings.ToLower(strings.TrimSpace(camp.Get("campaign_type")))),
		Balance:      cust.Get("balance"),
	}
	for _, t := range cust.Child("transactions").All("transaction") {
		b.Transactions = append(b.Transactions, Transaction{
			ID: t.Get("id"), Date: t.Get("date"), Amount: t.Get("amount"),
			Redeemed: yes(t.Get("redeemed")), Authorization: t.Get("authorization"),
			UserName: t.Get("user_name"),
		})
	}
	return b, nil
}
