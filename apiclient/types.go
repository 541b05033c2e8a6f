package apiclient

// Customer is one loyalty customer as customer_info and the customers
// report describe it.
type Customer struct {
	Code       string
	CardNumber string
	FirstName  string
	LastName   string
	Phone      string
	Email      string
	Street1    string
	Street2    string
	City       string
	State      string
	PostalCode string
	Country    string
	CustomDate string // YYYY-MM-DD
	// CustomField is the single free-text field of seed 002 (custom1 in the report).
	CustomField string
	Username    string
	Registered  bool
	// CustomFields holds the account's numbered custom fields (custom_field_N) by number.
	CustomFields map[int]string
	// Campaigns holds the balances, when the call returned them.
	Campaigns []CampaignBalance
}

// FullName joins first and last name.
func (c Customer) FullName() string {
	switch {
	case c.FirstName == "":
		return c.LastName
	case c.LastName == "":
		return c.FirstName
	}
	return c.FirstName + " " + c.LastName
}

// CampaignBalance is a customer's balance in one campaign (customer_info).
// Only ID and Balance are documented; the rest is read as in the campaigns
// list where the answer has it (conventions.go).
type CampaignBalance struct {
	Campaign
	Balance string // decimal as the server wrote it
}

// Transaction is one entry of a customer's campaign history.
type Transaction struct {
	ID       string
	Date     string // as the server wrote it; see TransactionTime
	Amount   string // as written; a redemption is shown negative (Signed)
	Redeemed bool
	// Authorization is the free-text description given when it was recorded.
	Authorization string
	// UserName is who recorded it.
	UserName string
}

// Balance is a customer's balance and history in one campaign.
type Balance struct {
	CampaignName string
	CampaignType CampaignType
	Balance      string
	Transactions []Transaction
}

// Account is the merchant account of account_info.
type Account struct {
	ID               string
	BizName          string
	BizAddress1      string
	BizAddress2      string
	BizCity          string
	BizState         string
	BizZip           string
	BizCountry       string
	ContactFirstName string
	ContactLastName  string
	ContactEmail     string
	ContactPhone     string
	ClientEmail      string
	Language         string
	Symbol           string
	Glyph            string
	Timezone         string
	Created          string
	Coalition        bool
	TwoTier          bool
}
