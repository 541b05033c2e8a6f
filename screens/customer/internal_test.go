package customer

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
	"loyaltydesk/ui"
	"loyaltydesk/ui/uitest"
)

func TestNewCodeIsSixteenDigitsAndVaries(t *testing.T) {
	seen := map[string]bool{}
	for range 50 {
		c, err := newCode()
		require.NoError(t, err)
		require.Regexp(t, regexp.MustCompile(`^[1-9]\d{15}$`), c)
		seen[c] = true
	}
	require.Len(t, seen, 50)
}

func TestFieldOfError(t *testing.T) {
	k, msg := fieldOfError(&apiclient.APIError{Op: "save customer", Message: apiclient.MsgMultipleCardMatch})
	require.Equal(t, kCard, k)
	require.Contains(t, msg, "several customers share this card number")

	k, _ = fieldOfError(&apiclient.APIError{Message: `custom_field_3: "x" does not match the type of custom field "Anniversary"`})
	require.Equal(t, "custom_field_3", k)

	k, _ = fieldOfError(&apiclient.TransportError{Op: "save customer", Err: errors.New("EOF")})
	require.Empty(t, k)
}

func TestUnknownOutcome(t *testing.T) {
	require.True(t, unknownOutcome(&apiclient.TransportError{Err: errors.New("EOF")}))
	require.True(t, unknownOutcome(&apiclient.HTTPError{StatusCode: 500}))
	require.True(t, unknownOutcome(&apiclient.DecodeError{Detail: "cut short"}))
	require.False(t, unknownOutcome(&apiclient.APIError{Message: "no"}))
	require.False(t, unknownOutcome(&apiclient.ValidationError{Field: "x"}))
	require.False(t, unknownOutcome(errGone))
}

func TestDraftNames(t *testing.T) {
	require.Equal(t, "customer-new.json", draftName(true, "123"))
	require.Equal(t, "customer-123.json", draftName(false, "123"))
	require.Equal(t, "customer-___etc_x.json", draftName(false, "../etc/x"))
}

func TestOlderDraftWriteIsDropped(t *testing.T) {
	d := newDrafts(t.TempDir())
	require.NoError(t, d.write(2, "customer-new.json", draft{Values: map[string]string{"first_name": "newer"}}))
	require.NoError(t, d.write(1, "customer-new.json", draft{Values: map[string]string{"first_name": "older"}}))
	got, err := d.load("customer-new.json")
	require.NoError(t, err)
	require.Equal(t, "newer", got.Values["first_name"])
	require.NoError(t, d.remove(3, "customer-new.json"))
	got, err = d.load("customer-new.json")
	require.NoError(t, err)
	require.Nil(t, got)
}

func TestDamagedDraftIsAnErrorNotAPanic(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "drafts"), 0o700))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "drafts", "customer-new.json"), []byte("{not json"), 0o600))
	_, err := newDrafts(dir).load("customer-new.json")
	require.ErrorContains(t, err, "damaged")
}

func TestEditRequestCarriesOnlyChanges(t *testing.T) {
	c := uitest.NewCommon(t, "http://127.0.0.1:1")
	m := New(c, apiclient.Customer{Code: "C1", CardNumber: "111", City: "Auckland", FirstName: "Ann"}).(*Model)
	m.form.SetValues(map[string]string{apiclient.FCity: "Wellington", apiclient.FPIN: "1234"})
	j := m.request()
	require.Equal(t, apiclient.ActionEdit, j.req.Action)
	require.Equal(t, "C1", j.req.Code)
	require.Equal(t, map[string]string{apiclient.FCity: "Wellington", apiclient.FPIN: "1234"}, j.req.Fields)
	require.Equal(t, []string{"city", "customer_PIN"}, fieldNames(j.req), "names only, for the log")
	require.Equal(t, "111", j.originalCard)
}

func TestNewRequestUsesTheGeneratedCodeUnlessTyped(t *testing.T) {
	c := uitest.NewCommon(t, "http://127.0.0.1:1")
	m := New(c, ui.NewCustomer{}).(*Model)
	m.form.SetValues(map[string]string{apiclient.FFirstName: "Ann", kGenerate: "8", kEmailOwner: "false"})
	j := m.request()
	require.Equal(t, apiclient.ActionNew, j.req.Action)
	require.Equal(t, m.code, j.req.Code)
	require.False(t, j.checkCode, "a generated code needs no look first")
	require.Equal(t, 8, j.req.CardNumberGenerate)
	require.True(t, j.req.SendNoEmail)
	require.Equal(t, map[string]string{apiclient.FFirstName: "Ann"}, j.req.Fields)

	m.form.SetValue(kCode, "MY-CODE")
	j = m.request()
	require.Equal(t, "MY-CODE", j.req.Code)
	require.True(t, j.checkCode, "a typed code is checked before creating")
}
