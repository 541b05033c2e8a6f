package imonggo_test

import (
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/fakeserver/imonggofake"
	"loyaltydesk/apiclient/imonggo"
)

func rowOf(t *testing.T, c imonggo.Customer) map[string]string {
	t.Helper()
	headers, rows := imonggo.ProfileRows([]imonggo.Customer{c})
	require.Len(t, rows, 1)
	require.Len(t, rows[0], len(headers))
	out := map[string]string{}
	for i, h := range headers {
		out[h] = rows[0][i]
	}
	return out
}

func TestProfileHeadersAreImportHeaders(t *testing.T) {
	for _, h := range imonggo.ProfileHeaders {
		require.True(t, slices.Contains(apiclient.ProfileHeaders, h), h)
	}
	headers, _ := imonggo.ProfileRows(nil)
	headers[0] = "changed"
	require.Equal(t, "code", imonggo.ProfileHeaders[0], "the caller gets a copy")
}

func TestProfileRowMapsEveryField(t *testing.T) {
	got := rowOf(t, imonggo.Customer{
		Code: new("000042"), Name: new("Maria Santos"), FirstName: new("Maria"), LastName: new("Santos"),
		Email: new("maria@example.com"), Mobile: new("+63 917 000 0000"), Telephone: new("(02) 8000 0000"),
		Street: new("12 Rizal St"), City: new("Makati"), State: new("Metro Manila"), Zipcode: new("1200"),
		Country: new("PH"), Birthdate: &imonggo.Date{Year: 1985, Month: time.July, Day: 4},
		Birthday: &imonggo.Date{Year: 1999, Month: time.January, Day: 1}, Remark: new("not mapped"),
	})
	require.Equal(t, map[string]string{
		"code": "000042", "first_name": "Maria", "last_name": "Santos", "email": "maria@example.com",
		"phone": "+63 917 000 0000", "street1": "12 Rizal St", "city": "Makati", "state": "Metro Manila",
		"postal_code": "1200", "country": "PH", "custom_date": "1985-07-04",
	}, got)
}

func TestProfileRowFallbacks(t *testing.T) {
	got := rowOf(t, imonggo.Customer{
		Code: new("7"), Name: new("Juan dela Cruz"), Mobile: new(" "), Telephone: new("(02) 8123 4567"),
		Birthday: &imonggo.Date{Year: 1970, Month: time.March, Day: 9}, Street: new("Unit 5\r\n12 Mabini St\tBldg"),
	})
	require.Equal(t, "Juan", got["first_name"], "the name is split when first and last are nil")
	require.Equal(t, "dela Cruz", got["last_name"])
	require.Equal(t, "(02) 8123 4567", got["phone"], "telephone when mobile is blank")
	require.Equal(t, "1970-03-09", got["custom_date"], "birthday when birthdate is nil")
	require.Equal(t, "Unit 5 12 Mabini St Bldg", got["street1"], "one line, no tabs")

	got = rowOf(t, imonggo.Customer{Code: new("8"), Name: new("Acme Hardware"), FirstName: new("Acme")})
	require.Equal(t, "Acme", got["first_name"], "set names are used as they are")
	require.Equal(t, "", got["last_name"])

	got = rowOf(t, imonggo.Customer{Code: new("9")})
	require.Equal(t, "", got["first_name"])
	require.Equal(t, "", got["custom_date"])
}

func TestSyncedCustomersBecomeRows(t *testing.T) {
	e := newEnv(t, imonggofake.Options{Seed: 6, Codes: []string{"LOY-1", "LOY-2"}})
	ch, err := newSync(t, e, t.TempDir(), false).Changes(ctx(t))
	require.NoError(t, err)
	headers, rows := imonggo.ProfileRows(ch.Customers)
	require.Len(t, rows, len(ch.Customers))
	codes := map[string]bool{}
	for _, r := range rows {
		require.Len(t, r, len(headers))
		require.NotEmpty(t, r[0], "every Imonggo customer has a code")
		codes[r[0]] = true
	}
	require.Len(t, codes, len(rows))
}

func TestSplitCodeless(t *testing.T) {
	code, blank := "C1", "  "
	with, without := imonggo.SplitCodeless([]imonggo.Customer{{ID: 1, Code: &code}, {ID: 2, Code: &blank}, {ID: 3}})
	require.Len(t, with, 1)
	require.Equal(t, int64(1), with[0].ID)
	require.Len(t, without, 2)
}
