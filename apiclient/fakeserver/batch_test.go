package fakeserver_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/fakeserver"
)

// seedBatch imports two known customers, A-1 and A-2, to test duplicates on.
func seedBatch(t *testing.T, e *env) {
	t.Helper()
	res, err := e.c.ImportBatch(context.Background(), apiclient.BatchRequest{
		Headers: []string{"code", "card_number", "first_name", "last_name", "email", "phone", "city"},
		Rows: [][]string{
			{"A-1", "80000001", "Ana", "Silva", "ana@example.com", "555-0001", "Porto"},
			{"A-2", "80000002", "Ben", "Ng", "ben@example.com", "555-0002", "Perth"},
		},
		Campaigns: []string{fakeserver.PointsCampaignID},
	})
	require.NoError(t, err)
	require.Equal(t, apiclient.BatchResult{Status: "imported", New: 2}, res)
}

func TestImportBatchDuplicateModes(t *testing.T) {
	update := [][]string{{"A-1", "Anabela", "555-0101"}, {"A-3", "Cleo", "555-0003"}}
	headers := []string{"code", "first_name", "phone"}
	cases := []struct {
		mode     apiclient.DuplicateMode
		want     apiclient.BatchResult
		anaCity  string
		anaEmail string
		anaCard  string
		anaFirst string
		anaPhone string
		anaLast  string
	}{
		{mode: apiclient.Overwrite, want: apiclient.BatchResult{Status: "imported", New: 1, Updated: 1},
			anaFirst: "Anabela", anaPhone: "555-0101", anaLast: "", anaCity: "", anaEmail: "", anaCard: ""},
		{mode: apiclient.Update, want: apiclient.BatchResult{Status: "imported", New: 1, Updated: 1},
			anaFirst: "Anabela", anaPhone: "555-0101", anaLast: "Silva", anaCity: "Porto", anaEmail: "ana@example.com", anaCard: "80000001"},
		{mode: apiclient.Ignore, want: apiclient.BatchResult{Status: "imported", New: 1},
			anaFirst: "Ana", anaPhone: "555-0001", anaLast: "Silva", anaCity: "Porto", anaEmail: "ana@example.com", anaCard: "80000001"},
	}
	for _, tc := range cases {
		eachFormat(t, func(t *testing.T, f apiclient.Format) {
			t.Run(string(tc.mode), func(t *testing.T) {
				e := newEnv(t, f)
				seedBatch(t, e)
				res, err := e.c.ImportBatch(context.Background(), apiclient.BatchRequest{
					Headers: headers, Rows: update, Duplicates: tc.mode, Campaigns: []string{fakeserver.PointsCampaignID},
				})
				require.NoError(t, err)
				assert.Equal(t, tc.want, res)
				ana, ok := e.srv.Customer("A-1")
				require.True(t, ok)
				assert.Equal(t, tc.anaFirst, ana.FirstName)
				assert.Equal(t, tc.anaPhone, ana.Phone)
				assert.Equal(t, tc.anaLast, ana.LastName)
				assert.Equal(t, tc.anaCity, ana.City)
				assert.Equal(t, tc.anaEmail, ana.Email)
				assert.Equal(t, tc.anaCard, ana.CardNumber)
				ben, _ := e.srv.Customer("A-2")
				assert.Equal(t, "Ben", ben.FirstName, "rows not in the import are untouched")
				cleo, ok := e.srv.Customer("A-3")
				require.True(t, ok)
				assert.Equal(t, "Cleo", cleo.FirstName)
			})
		})
	}
}

func TestImportBatchMatchingAndGeneration(t *testing.T) {
	eachFormat(t, func(t *testing.T, f apiclient.Format) {
		e := newEnv(t, f)
		ctx := context.Background()
		seedBatch(t, e)
		count := e.srv.CustomerCount()

		// No code column: rows match by card number; the others are new with
		// a generated 16-digit code.
		res, err := e.c.ImportBatch(ctx, apiclient.BatchRequest{
			Delimiter: apiclient.DelimComma, Headers: []string{"card_number", "last_name"},
			Rows:       [][]string{{"80000002", "Ng-Walker"}, {"80000099", "New"}},
			Duplicates: apiclient.Update, Campaigns: []string{fakeserver.EventsCampaignID},
		})
		require.NoError(t, err)
		assert.Equal(t, apiclient.BatchResult{Status: "imported", New: 1, Updated: 1}, res)
		ben, _ := e.srv.Customer("A-2")
		assert.Equal(t, "Ng-Walker", ben.LastName)
		assert.Contains(t, ben.Balances, fakeserver.EventsCampaignID, "updated customers are enrolled too")
		news := e.srv.CustomersByCard("80000099")
		require.Len(t, news, 1)
		assert.Len(t, news[0].Code, 16)
		assert.True(t, isDigits(news[0].Code))
		assert.Equal(t, count+1, e.srv.CustomerCount())

		// An ambiguous card number refuses the batch and changes nothing.
		_, err = e.c.ImportBatch(ctx, apiclient.BatchRequest{
			Headers: []string{"card_number", "city"}, Rows: [][]string{{"80000001", "Lisboa"}, {fakeserver.AmbiguousCard, "Rotorua"}},
			Duplicates: apiclient.Update, Campaigns: []string{fakeserver.PointsCampaignID},
		})
		require.ErrorIs(t, err, apiclient.ErrAmbiguousCard)
		assert.Contains(t, err.Error(), "line 2")
		ana, _ := e.srv.Customer("A-1")
		assert.Equal(t, "Porto", ana.City, "the row before the refused one was put back")

		// card_number_generate: cards of that length for rows without one;
		// an existing card is never replaced.
		res, err = e.c.ImportBatch(ctx, apiclient.BatchRequest{
			Delimiter: apiclient.DelimTab, Headers: []string{"code", "first_name"},
			Rows:               [][]string{{"G-1", "Gen"}, {"G-2", "Gen"}, {"A-1", "Ana"}},
			CardNumberGenerate: 10, Duplicates: apiclient.Update, Campaigns: []string{fakeserver.PointsCampaignID},
		})
		require.NoError(t, err)
		assert.Equal(t, apiclient.BatchResult{Status: "imported", New: 2, Updated: 1}, res)
		for _, code := range []string{"G-1", "G-2"} {
			g, _ := e.srv.Customer(code)
			assert.Len(t, g.CardNumber, 10)
			assert.True(t, isDigits(g.CardNumber))
		}
		ana, _ = e.srv.Customer("A-1")
		assert.Equal(t, "80000001", ana.CardNumber)
	})
}

func TestImportBatchAutoAddAndUndo(t *testing.T) {
	eachFormat(t, func(t *testing.T, f apiclient.Format) {
		e := newEnv(t, f)
		ctx := context.Background()
		undos := e.srv.Undos()
		res, err := e.c.ImportBatch(ctx, apiclient.BatchRequest{
			Headers: []string{"code", "first_name", "auto_add"}, Rows: [][]string{{"B-1", "Bonus", "25"}, {"B-2", "Plain", ""}},
			Campaigns: []string{fakeserver.PointsCampaignID, fakeserver.EventsCampaignID},
		})
		require.NoError(t, err)
		assert.Equal(t, 2, res.New)
		b1, _ := e.srv.Customer("B-1")
		assert.Equal(t, map[string]string{fakeserver.PointsCampaignID: "25", fakeserver.EventsCampaignID: "0"}, b1.Balances,
			"enrolled in every campaign, auto_add to the first only")
		b2, _ := e.srv.Customer("B-2")
		assert.Equal(t, "0", b2.Balances[fakeserver.PointsCampaignID])
		assert.Equal(t, undos+1, e.srv.Undos(), "an undo state is recorded by default")

		_, err = e.c.ImportBatch(ctx, apiclient.BatchRequest{
			Headers: []string{"code", "auto_add"}, Rows: [][]string{{"B-3", "Gizmo"}}, NoUndo: true,
			Campaigns: []string{fakeserver.BuyXCampaignID},
		})
		require.NoError(t, err)
		assert.Equal(t, undos+1, e.srv.Undos(), "no_undo=yes records none")
		b3, _ := e.srv.Customer("B-3")
		assert.Equal(t, "1", b3.Balances[fakeserver.BuyXCampaignID], "a product name counts one")

		_, err = e.c.ImportBatch(ctx, apiclient.BatchRequest{
			Headers: []string{"code", "auto_add"}, Rows: [][]string{{"B-4", "Teapot"}}, Campaigns: []string{fakeserver.BuyXCampaignID},
		})
		requireAPIError(t, err, "line 1")
		_, ok := e.srv.Customer("B-4")
		assert.False(t, ok)

		_, err = e.c.ImportBatch(ctx, apiclient.BatchRequest{
			Headers: []string{"code"}, Rows: [][]string{{"B-5"}}, Campaigns: []string{fakeserver.PointsCampaignID, "898989889"},
		})
		requireAPIError(t, err, apiclient.MsgCampaignNotFound)
		_, ok = e.srv.Customer("B-5")
		assert.False(t, ok)
	})
}

// batchForm is a raw customers_batch form with pipe delimiter, campaign
// points, the given headers (numbered from 1) and data.
func batchForm(headers []string, data string, kv ...string) url.Values {
	form := demoForm(append([]string{"type", "customers_batch", "delimiter", "pipe",
		"campaigns_to_include", fakeserver.PointsCampaignID, "Profiles_Data", data}, kv...)...)
	for i, h := range headers {
		if h != "" {
			form.Set("profiles_header_"+itoa(int64(i+1)), h)
		}
	}
	return form
}

func TestImportBatchRaw(t *testing.T) {
	e := newEnv(t, apiclient.XML)
	count := e.srv.CustomerCount()

	// The seed's own example data, with the leading and trailing newline
	// of its PHP string and its custom_date column.
	data := "\n11223344|11223344|jane|doe|1970-07-14|555-5555\n22334455|22334455|jim|mcdoe|1966-07-28|555-5556\n33445566|33445566|larry|smith|1980-02-05|555-5557\n"
	headers := []string{"code", "card_number", "first_name", "last_name", "custom_date", "phone"}
	root := e.rawOK(t, batchForm(headers, data, "overwrite_duplicates", "update"))
	batch := root.Child("batch")
	assert.Equal(t, "imported", batch.Attr("status"))
	assert.Equal(t, "3", batch.Child("customers").Get("new"))
	assert.Equal(t, "0", batch.Child("customers").Get("updated"))
	jim, ok := e.srv.Customer("22334455")
	require.True(t, ok)
	assert.Equal(t, "1966-07-28", jim.CustomDate)
	assert.Equal(t, count+3, e.srv.CustomerCount())

	// Again, with the seed's "custome_date" typo: refused, naming the header.
	typo := append([]string(nil), headers...)
	typo[4] = "custome_date"
	assert.Contains(t, e.rawError(t, batchForm(typo, data)), `profiles_header_5: unknown column "custome_date"`)

	// One skipped header number: that data column is not imported.
	root = e.rawOK(t, batchForm([]string{"code", "", "first_name"}, "11223344|ignored|Janet\n", "overwrite_duplicates", "update"))
	assert.Equal(t, "1", root.Child("batch").Child("customers").Get("updated"))
	jane, _ := e.srv.Customer("11223344")
	assert.Equal(t, "Janet", jane.FirstName)
	assert.Equal(t, "11223344", jane.CardNumber)

	before := e.srv.CustomerCount()
	for name, tc := range map[string]struct {
		form url.Values
		msg  string
	}{
		"two skipped":     {batchForm([]string{"code", "", "", "first_name"}, "X-1|||Y\n"), "do not skip more than one"},
		"no header":       {batchForm(nil, "X-1\n"), "at least one profiles_header"},
		"repeated":        {batchForm([]string{"code", "code"}, "X-1|X-2\n"), "already profiles_header_1"},
		"short row":       {batchForm([]string{"code", "first_name"}, "X-1|Xena\nX-2\n"), "Profiles_Data line 2: 1 values for 2 columns"},
		"quoted delim":    {batchForm([]string{"code", "last_name"}, "X-1|\"Smith|Jones\"\n"), "line 1: 3 values for 2 columns"},
		"bad date":        {batchForm([]string{"code", "custom_date"}, "X-1|1970-07-14\nX-2|04-06-05\n"), "Profiles_Data line 2: custom_date"},
		"bad PIN":         {batchForm([]string{"code", "customer_PIN"}, "X-1|12ab\n"), "line 1: customer_PIN"},
		"no rows":         {batchForm([]string{"code"}, "\n  \n"), "no rows"},
		"no campaigns":    {batchForm([]string{"code"}, "X-1\n", "campaigns_to_include", ""), "campaigns_to_include is required"},
		"unknown camp":    {batchForm([]string{"code"}, "X-1\n", "campaigns_to_include", fakeserver.PointsCampaignID+"|,|42"), apiclient.MsgCampaignNotFound},
		"bad delimiter":   {batchForm([]string{"code"}, "X-1\n", "delimiter", "semicolon"), "delimiter must be"},
		"no delimiter":    {batchForm([]string{"code"}, "X-1\n", "delimiter", ""), "delimiter is required"},
		"bad mode":        {batchForm([]string{"code"}, "X-1\n", "overwrite_duplicates", "merge"), "overwrite_duplicates"},
		"bad card digits": {batchForm([]string{"code"}, "X-1\n", "card_number_generate", "99"), "card_number_generate"},
	} {
		t.Run(name, func(t *testing.T) {
			assert.Contains(t, e.rawError(t, tc.form), tc.msg)
		})
	}
	assert.Equal(t, before, e.srv.CustomerCount(), "refused batches import nothing")

	// Blank lines and CRLF line ends are fine; the default mode is ignore.
	root = e.rawOK(t, batchForm([]string{"code", "first_name"}, "11223344|Nope\r\n\r\nX-9|Xavier\r\n"))
	assert.Equal(t, "1", root.Child("batch").Child("customers").Get("new"))
	assert.Equal(t, "0", root.Child("batch").Child("customers").Get("updated"))
	jane, _ = e.srv.Customer("11223344")
	assert.Equal(t, "Janet", jane.FirstName)
	xavier, _ := e.srv.Customer("X-9")
	assert.Equal(t, "Xavier", xavier.FirstName)

	// Several campaigns separated by |,|.
	root = e.rawOK(t, batchForm([]string{"code"}, "X-10\n", "campaigns_to_include",
		fakeserver.PointsCampaignID+"|,|"+fakeserver.EarnedCampaignID))
	x10, _ := e.srv.Customer("X-10")
	assert.Len(t, x10.Balances, 2)
	assert.True(t, strings.HasPrefix(x10.Balances[fakeserver.EarnedCampaignID], "0.00"))
}
