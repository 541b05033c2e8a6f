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

// CampaignType is the kind of a loyalty campaign.
type CampaignType string

// The campaign types of the campaigns list.
const (
	CampaignPoints      CampaignType = "points"
	CampaignVisits      CampaignType = "visits"
	CampaignDollars     CampaignType = "dollars"
	CampaignStoredValue CampaignType = "storedvalue"
	CampaignProducts    CampaignType = "products"
)

// CampaignBalance is a customer's balance in one campaign.
type CampaignBalance struct {
	ID               string
	Name             string
	Type             CampaignType
	Balance          string // decimal as the server wrote it
	RewardsAvailable string
}

// Campaign is one campaign of the account.
type Campaign struct {
	ID     string
	Name   string
	Type   CampaignType
	Active bool
}

// CustomFieldType is the type a custom field's content must match.
type CustomFieldType string

// The custom field types of the custom fields list.
const (
	FieldText        CustomFieldType = "text"
	FieldNumber      CustomFieldType = "number"
	FieldDate        CustomFieldType = "date"     // YYYY-MM-DD
	FieldDateTime    CustomFieldType = "datetime" // YYYY.MM.DD HH:MM:SS
	FieldChoice      CustomFieldType = "choice"
	FieldMultiChoice CustomFieldType = "multichoice" // comma-separated choices
)

// CustomFieldDef is one custom field defined on the account.
type CustomFieldDef struct {
	Number  int
	Name    string
	Type    CustomFieldType
	Choices []string
}

// Transaction is one entry of a customer's campaign history.
type Transaction struct {
	ID          string
	Date        string
	Amount      string
	Redeemed    bool
	Item        string
	Description string
	User        string
}

// Balance is a customer's balance and history in one campaign.
type Balance struct {
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

// ReferenceItem is one entry of a reference list (languages, currencies, timezones).
type ReferenceItem struct {
	Code string
	Name string
}
