package importer_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/importer"
)

// TestKeepBlanksAgainstFakeServer imports, in mode update, a row for a
// customer with an email whose email cell is blank (as a POS without one
// gives it): with KeepBlanks the email stays, without it the row blanks it
// (the API's own rule). Either way the preview says what the server does.
func TestKeepBlanksAgainstFakeServer(t *testing.T) {
	for _, keep := range []bool{true, false} {
		t.Run(fmt.Sprintf("keep_blanks=%v", keep), func(t *testing.T) {
			ctx := context.Background()
			srv := fakeserver.New(fakeserver.Options{Customers: 30})
			ts := httptest.NewServer(srv)
			defer ts.Close()
			client, err := apiclient.New(apiclient.Options{BaseURL: ts.URL, Credentials: apiclient.Credentials{
				UserID: fakeserver.DemoUserID, Password: fakeserver.DemoPassword, AccountID: fakeserver.DemoAccountID}})
			require.NoError(t, err)
			ex, err := importer.LoadExisting(ctx, client.CustomersReport, nil)
			require.NoError(t, err)
			var cust apiclient.Customer
			require.NoError(t, client.CustomersReport(ctx, apiclient.ReportFilter{}, func(c apiclient.Customer) error {
				if cust.Code == "" && c.Email != "" && c.Phone != "" {
					cust = c
				}
				return nil
			}))
			require.NotEmpty(t, cust.Code, "the fake server has a customer with an email")

			path := filepath.Join(t.TempDir(), "pos.csv")
			csv := "Code,First name,Email,Phone\n" +
				cust.Code + ",Renamed,,555-0100\n" +
				"POS-NEW,Newcomer,,555-0101\n"
			require.NoError(t, os.WriteFile(path, []byte(csv), 0o600))
			sample, err := importer.SniffFile(path, 5)
			require.NoError(t, err)
			tbl, err := importer.ReadTable(ctx, importer.File(path, sample.Format))
			require.NoError(t, err)
			plan, err := importer.Validate(tbl, importer.AutoMap(tbl.Header(), tbl.Columns()))
			require.NoError(t, err)
			job, err := plan.Prepare(importer.Options{Mode: apiclient.Update, KeepBlanks: keep,
				Campaigns: []string{fakeserver.PointsCampaignID}})
			require.NoError(t, err)

			pv := job.Preview(ex)
			require.Equal(t, 1, pv.Matched())
			d := pv.Diff(apiclient.Update, 0)
			want := map[string]string{"email": cust.Email, "first_name": "Renamed", "phone": "555-0100"}
			for _, c := range d.Changes {
				want[c.Field] = c.After
			}
			counts := pv.Counts(apiclient.Update)

			res, err := job.Upload(ctx, client, importer.RunConfig{StateDir: t.TempDir(), RetryDelay: time.Millisecond})
			require.NoError(t, err)
			assert.Equal(t, counts.New, res.New)
			assert.Equal(t, counts.Updated, res.Updated)

			after, ok := srv.Customer(cust.Code)
			require.True(t, ok)
			if keep {
				assert.Equal(t, cust.Email, after.Email, "the blank cell left the email")
			} else {
				assert.Equal(t, "", after.Email, "without KeepBlanks a blank cell blanks the email")
			}
			assert.Equal(t, want["email"], after.Email, "the preview agrees")
			assert.Equal(t, want["first_name"], after.FirstName)
			assert.Equal(t, want["phone"], after.Phone)
			assert.Equal(t, cust.CardNumber, after.CardNumber)
			newcomer, ok := srv.Customer("POS-NEW")
			require.True(t, ok)
			assert.Equal(t, "Newcomer", newcomer.FirstName)
			assert.Equal(t, 1, res.New)
			assert.Equal(t, 1, res.Updated)
		})
	}
}
