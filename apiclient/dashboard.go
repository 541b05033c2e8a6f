package apiclient

import (
	"context"

	"loyaltydesk/apiclient/wire"
)

// DashboardRequest chooses the dashboard's sections; a zero field leaves its
// section out.
type DashboardRequest struct {
	MostActive                 int
	CustomerCount              bool
	TotalCustomersThisMonth    bool
	TotalTransactionsThisMonth bool
	ActiveCampaignsCount       bool
	CampaignsPerDayActivity    int // days
	LastXTransactions          int
	LastXCustomers             int
}

// FullDashboard asks for every section with the given sizes.
func FullDashboard(days, lastX, mostActive int) DashboardRequest {
	return DashboardRequest{
		MostActive: mostActive, CustomerCount: true, TotalCustomersThisMonth: true,
		TotalTransactionsThisMonth: true, ActiveCampaignsCount: true,
		CampaignsPerDayActivity: days, LastXTransactions: lastX, LastXCustomers: lastX,
	}
}

// Dashboard holds the sections the server returned; a nil pointer or slice
// is a section that was not asked for or not returned.
type Dashboard struct {
	MostActive           []ActiveCustomer
	CustomerCount        *int
	Customers            *MonthSummary
	Transactions         *MonthSummary
	ActiveCampaignsCount *int
	CampaignActivity     []CampaignActivity
	LastTransactions     []DashboardTransaction
	LastCustomers        []RecentCustomer
}

// ActiveCustomer is one row of most_active.
type ActiveCustomer struct {
	Code, CardNumber, FirstName, LastName string
	Transactions                          int
}

// MonthSummary compares this month with last month.
type MonthSummary struct {
	ThisMonth           int
	LastMonth           int
	SamePeriodLastMonth int
}

// CampaignActivity is one campaign's transactions per day.
type CampaignActivity struct {
	ID, Name string
	Type     CampaignType
	Days     []DayCount
}

// DayCount is one day of campaign activity.
type DayCount struct {
	Date     string
	Quantity int
}

// DashboardTransaction is one row of last_X_transactions.
type DashboardTransaction struct {
	ID, CampaignID, CampaignName string
	CampaignType                 CampaignType
	Code, CardNumber             string
	FirstName, LastName          string
	Date, Amount                 string
	Redeemed                     bool
	Item, Description, User      string
}

// RecentCustomer is one row of last_X_customers.
type RecentCustomer struct {
	Code, CardNumber, FirstName, LastName, TimeStamp string
}

// Dashboard calls the dashboard (API 1.5, with the API key).
func (c *Client) Dashboard(ctx context.Context, r DashboardRequest) (Dashboard, error) {
	form := c.form("dashboard", authAPIKey)
	setN := func(k string, n int) {
		if n > 0 {
			form.Set(k, itoa(n))
		}
	}
	setB := func(k string, b bool) {
		if b {
			form.Set(k, "Yes")
		}
	}
	setN("most_active", r.MostActive)
	setB("customer_count", r.CustomerCount)
	setB("total_customers_this_month", r.TotalCustomersThisMonth)
	setB("total_transactions_this_month", r.TotalTransactionsThisMonth)
	setB("active_campaigns_count", r.ActiveCampaignsCount)
	setN("campaigns_per_day_activity", r.CampaignsPerDayActivity)
	setN("last_X_transactions", r.LastXTransactions)
	setN("last_X_customers", r.LastXCustomers)
	root, err := c.call(ctx, "dashboard", form)
	if err != nil {
		return Dashboard{}, err
	}
	return dashboardFromNode(root), nil
}

func dashboardFromNode(root *wire.Node) Dashboard {
	var d Dashboard
	for _, n := range root.Child("most_active").All("customer") {
		d.MostActive = append(d.MostActive, ActiveCustomer{
			Code: n.Get("code"), CardNumber: n.Get("card_number"),
			FirstName: n.Get("first_name"), LastName: n.Get("last_name"),
			Transactions: atoi(n.Get("transactions")),
		})
	}
	if tc := root.Child("total_customers"); tc != nil {
		if tc.Has("all_time") {
			d.CustomerCount = ptr(atoi(tc.Get("all_time")))
		}
		if tc.Has("this_month") {
			d.Customers = monthSummary(tc)
		}
	}
	if n := root.Child("customer_count"); n != nil && d.CustomerCount == nil {
		d.CustomerCount = ptr(atoi(n.Text))
	}
	if tt := root.Child("total_transactions"); tt != nil {
		d.Transactions = monthSummary(tt)
	}
	if n := root.Child("active_campaigns_count"); n != nil {
		d.ActiveCampaignsCount = ptr(atoi(n.Text))
	}
	if act := root.Child("campaigns_per_day_activity"); act != nil {
		d.CampaignActivity = []CampaignActivity{}
		for _, cn := range act.All("campaign") {
			ca := CampaignActivity{ID: cn.Get("campaign_id"), Name: cn.Get("campaign_name"), Type: CampaignType(cn.Get("campaign_type"))}
			for _, day := range cn.All("day") {
				ca.Days = append(ca.Days, DayCount{Date: day.Get("date"), Quantity: atoi(day.Get("quantity"))})
			}
			d.CampaignActivity = append(d.CampaignActivity, ca)
		}
	}
	if lt := root.Child("last_X_transactions"); lt != nil {
		d.LastTransactions = []DashboardTransaction{}
		for _, t := range lt.All("transaction") {
			d.LastTransactions = append(d.LastTransactions, transactionFromNode(t))
		}
	}
	if lc := root.Child("last_X_customers"); lc != nil {
		d.LastCustomers = []RecentCustomer{}
		for _, n := range lc.All("customer") {
			d.LastCustomers = append(d.LastCustomers, RecentCustomer{
				Code: n.Get("code"), CardNumber: n.Get("card_number"), FirstName: n.Get("first_name"),
				LastName: n.Get("last_name"), TimeStamp: n.Get("time_stamp"),
			})
		}
	}
	return d
}

func transactionFromNode(t *wire.Node) DashboardTransaction {
	return DashboardTransaction{
		ID: t.Get("transaction_id"), CampaignID: t.Get("campaign_id"), CampaignName: t.Get("campaign_name"),
		CampaignType: CampaignType(t.Get("campaign_type")), Code: t.Get("code"), CardNumber: t.Get("card_number"),
		FirstName: t.Get("first_name"), LastName: t.Get("last_name"), Date: t.Get("date"), Amount: t.Get("amount"),
		Redeemed: yes(t.Get("redeemed")), Item: t.Get("item"), Description: t.Get("description"), User: t.Get("user"),
	}
}

func monthSummary(n *wire.Node) *MonthSummary {
	return &MonthSummary{
		ThisMonth: atoi(n.Get("this_month")), LastMonth: atoi(n.Get("last_month")),
		SamePeriodLastMonth: atoi(n.Get("same_period_last_month")),
	}
}

func ptr[T any](v T) *T { return &v }
