package importer_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/importer"
)

// fieldOf reads a profile header from the fake server's view of a customer.
func fieldOf(c fakeserver.Customer, header string) string {
	switch header {
	case "card_number":
		return c.CardNumber
	case "first_name":
		return c.FirstName
	case "last_name":
		return c.LastName
	case "email":
		return c.Email
	case "phone":
		return c.Phone
	case "custom_date":
		return c.CustomDate
	case "street1":
		return c.Street1
	case "street2":
		return c.Street2
	case "city":
		return c.City
	case "state":
		return c.State
	case "postal_code":
		return c.PostalCode
	case "country":
		return c.Country
	case "custom_field":
		return c.CustomField
	case "customer_username":
		return c.Username
	case "customer_password":
		return c.Password
	case "customer_PIN":
		return c.PIN
	}
	panic("unknown field " + header)
}

// reportField reads a profile header from the report's view (nil: not shown).
func reportField(c apiclient.Customer, header string) (string, bool) {
	switch header {
	case "customer_password", "customer_PIN":
		return "", false
	}
	return fieldOf(fakeserver.Customer{
		CardNumber: c.CardNumber, FirstName: c.FirstName, LastName: c.LastName, Email: c.Email, Phone: c.Phone,
		CustomDate: c.CustomDate, Street1: c.Street1, Street2: c.Street2, City: c.City, State: c.State,
		PostalCode: c.PostalCode, Country: c.Country, CustomField: c.CustomField, Username: c.Username,
	}, header), true
}

var allFields = []string{"card_number", "first_name", "last_name", "email", "phone", "custom_date", "street1",
	"street2", "city", "state", "postal_code", "country", "custom_field", "customer_username", "customer_password", "customer_PIN"}

// TestPreviewMatchesFakeServer previews an import against the fake
// server's customers, uploads it in each duplicate mode, and checks that
// the server did exactly what the preview said: the counts, every matched
// customer's fields, the new customers, and the refused ambiguous row.
func TestPreviewMatchesFakeServer(t *testing.T) {
	for _, mode := range []apiclient.DuplicateMode{apiclient.Overwrite, apiclient.Update, apiclient.Ignore} {
		t.Run(string(mode), func(t *testing.T) {
			ctx := context.Background()
			now := time.Date(2011, 12, 20, 14, 30, 0, 0, time.UTC)
			srv := fakeserver.New(fakeserver.Options{Customers: 60, Now: func() time.Time { return now }})
			ts := httptest.NewServer(srv)
			defer ts.Close()
			client, err := apiclient.New(apiclient.Options{BaseURL: ts.URL, Credentials: apiclient.Credentials{
				UserID: fakeserver.DemoUserID, Password: fakeserver.DemoPassword, AccountID: fakeserver.DemoAccountID}})
			require.NoError(t, err)

			ex, err := importer.LoadExisting(ctx, client.CustomersReport, nil)
			require.NoError(t, err)
			var all []apiclient.Customer
			require.NoError(t, client.CustomersReport(ctx, apiclient.ReportFilter{}, func(c apiclient.Customer) error {
				all = append(all, c)
				return nil
			}))
			byCode, byCard := pickCustomers(t, all)

			path := filepath.Join(t.TempDir(), "import.csv")
			require.NoError(t, os.WriteFile(path, []byte(importFile(byCode, byCard)), 0o600))
			sample, err := importer.SniffFile(path, 5)
			require.NoError(t, err)
			tbl, err := importer.ReadTable(ctx, importer.File(path, sample.Format))
			require.NoError(t, err)
			plan, err := importer.Validate(tbl, importer.AutoMap(tbl.Header(), tbl.Columns()))
			require.NoError(t, err)
			require.Equal(t, 0, plan.Counts().Rejected, "%v", plan.Problems())
			job, err := plan.Prepare(importer.Options{Mode: mode, Campaigns: []string{fakeserver.PointsCampaignID}, CardNumberGenerate: 9})
			require.NoError(t, err)

			pv := job.Preview(ex)
			want := pv.Counts(mode)
			require.Equal(t, 2, pv.Matched())
			require.Equal(t, 1, want.Ambiguous)
			type diff struct {
				d      importer.RowDiff
				before apiclient.Customer
			}
			var diffs []diff
			for i := range pv.Matched() {
				d := pv.Diff(mode, i)
				diffs = append(diffs, diff{d, customerByCode(all, d.Code)})
			}
			countBefore := srv.CustomerCount()

			res, err := job.Upload(ctx, client, importer.RunConfig{StateDir: t.TempDir(), RetryDelay: time.Millisecond})
			require.NoError(t, err)
			assert.Equal(t, want.New, res.New)
			assert.Equal(t, want.Overwritten+want.Updated, res.Updated)
			assert.Equal(t, want.Skipped, res.Skipped)
			assert.Equal(t, want.Ambiguous, res.RejectedByServer)
			assert.Equal(t, countBefore+want.New, srv.CustomerCount())

			for _, df := range diffs {
				after, ok := srv.Customer(df.d.Code)
				require.True(t, ok)
				changed := map[string]importer.Change{}
				for _, c := range df.d.Changes {
					changed[c.Field] = c
				}
				for _, f := range allFields {
					got := fieldOf(after, f)
					c, isChanged := changed[f]
					switch {
					case isChanged && c.Generated:
						assert.Len(t, got, 9, "%s %s: a generated card", df.d.Code, f)
					case isChanged && c.Secret:
						assert.Equal(t, c.After == importer.SecretSet, got != "", "%s %s", df.d.Code, f)
					case isChanged:
						assert.Equal(t, c.After, got, "%s %s", df.d.Code, f)
					default:
						if before, shown := reportField(df.before, f); shown {
							assert.Equal(t, before, got, "%s %s: no change was previewed", df.d.Code, f)
						}
					}
				}
			}

			newCust, ok := srv.Customer("NEW-1")
			require.True(t, ok)
			assert.Equal(t, "Newton", newCust.FirstName)
			assert.Len(t, newCust.CardNumber, 9, "generated for a new customer without one")
			generated := importer.GeneratedCode(tbl.ContentHash(), 4)
			keyless, ok := srv.Customer(generated)
			require.True(t, ok, "the row without code or card was created under its generated code")
			assert.Equal(t, "Nemo", keyless.FirstName)
		})
	}
}

// pickCustomers finds a customer with a card for the code row and another
// with a unique card for the card row.
func pickCustomers(t *testing.T, all []apiclient.Customer) (byCode, byCard apiclient.Customer) {
	t.Helper()
	holders := map[string]int{}
	for _, c := range all {
		holders[c.CardNumber]++
	}
	var found []apiclient.Customer
	for _, c := range all {
		if c.CardNumber != "" && holders[c.CardNumber] == 1 && c.City != "" && c.LastName != "" {
			found = append(found, c)
		}
		if len(found) == 2 {
			return found[0], found[1]
		}
	}
	t.Fatal("the fake server has no two customers with their own cards")
	return
}

func customerByCode(all []apiclient.Customer, code string) apiclient.Customer {
	for _, c := range all {
		if c.Code == code {
			return c
		}
	}
	return apiclient.Customer{}
}

// importFile: a row matched by code (its card left blank: generated in
// yes and update), one matched by card number (with a PIN), a new one with
// a code, one
// whose card number several customers hold, and one with neither code nor
// card.
func importFile(byCode, byCard apiclient.Customer) string {
	var b strings.Builder
	b.WriteString("Customer ID,Card No,First Name,City,E-mail,PIN,DOB\n")
	fmt.Fprintf(&b, "%s,,Renamed,,renamed@example.com,,14/07/1970\n", byCode.Code)
	fmt.Fprintf(&b, ",%s,%s,Rotorua,,4321,\n", byCard.CardNumber, byCard.FirstName)
	b.WriteString("NEW-1,,Newton,Oslo,newton@example.com,,1970-07-14\n")
	fmt.Fprintf(&b, ",%s,Who,,,,\n", fakeserver.AmbiguousCard)
	b.WriteString(",,Nemo,Atlantis,,,\n")
	return b.String()
}

// TestLostAnswerAgainstFakeServer: the server applies chunk 2 and the
// connection drops before the answer; the answer to its second sending
// (the third request) comes back cut. It is sent a third time, and still
// every row is one customer, those without code or card number included
// (their generated codes).
func TestLostAnswerAgainstFakeServer(t *testing.T) {
	ctx := context.Background()
	srv := fakeserver.New(fakeserver.Options{Customers: -1})
	ts := httptest.NewServer(srv)
	defer ts.Close()
	client, err := apiclient.New(apiclient.Options{BaseURL: ts.URL, Credentials: apiclient.Credentials{
		UserID: fakeserver.DemoUserID, Password: fakeserver.DemoPassword, AccountID: fakeserver.DemoAccountID}})
	require.NoError(t, err)

	var b strings.Builder
	b.WriteString("first name\tlast name\tcode\n")
	for i := range 30 {
		code := fmt.Sprintf("L%03d", i)
		if i%3 == 0 {
			code = ""
		}
		fmt.Fprintf(&b, "Name%d\tLast%d\t%s\n", i, i, code)
	}
	path := filepath.Join(t.TempDir(), "tabs.txt")
	require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o600))
	sample, err := importer.SniffFile(path, 5)
	require.NoError(t, err)
	tbl, err := importer.ReadTable(ctx, importer.File(path, sample.Format))
	require.NoError(t, err)
	plan, err := importer.Validate(tbl, importer.AutoMap(tbl.Header(), tbl.Columns()))
	require.NoError(t, err)
	job, err := plan.Prepare(importer.Options{Mode: apiclient.Update, Campaigns: []string{fakeserver.PointsCampaignID}, ChunkRows: 10})
	require.NoError(t, err)

	before := srv.CustomerCount()
	srv.FailCall("customers_batch", 2, fakeserver.FaultLostAnswer)
	srv.FailCall("customers_batch", 3, fakeserver.FaultTruncated)
	res, err := job.Upload(ctx, client, importer.RunConfig{StateDir: t.TempDir(), RetryDelay: time.Millisecond})
	require.NoError(t, err)
	assert.Equal(t, 2, res.Retries)
	assert.Equal(t, before+30, srv.CustomerCount(), "no customer twice")
	assert.Equal(t, 10, res.Updated, "chunk 2's last sending updated what its first had made")
	assert.Len(t, srv.RequestsOf("customers_batch"), 5)
	for i := 0; i < 30; i += 3 {
		c, ok := srv.Customer(importer.GeneratedCode(tbl.ContentHash(), i))
		require.True(t, ok, "row %d", i)
		assert.Equal(t, fmt.Sprintf("Name%d", i), c.FirstName)
	}
}
