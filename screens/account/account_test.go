package account_test

import (
	"context"
	"errors"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/ui"
	"loyaltydesk/ui/uitest"
)

func TestShowsAccountWithMarkersAndExplainsTheEmails(t *testing.T) {
	_, url := startFake(t, fakeserver.Options{Customers: 10, Coalition: true, TwoTier: true})
	h := startAccount(t, uitest.NewCommon(t, url), 100, 30)
	defer func() { require.NotContains(t, h.All(), "client_email", "no API names on screen") }()
	h.WaitFor(t, "account greatwidgets", "Coalition account · Two-tier account",
		"info@greatwidgets.example.com", "↳ the shop's own address",
		"john@example.com", "↳ the agency's billing contact",
		"EN · English", "14 · (GMT-08:00) Pacific Time")
}

func TestUpdateSendsOnlyTheChangedFields(t *testing.T) {
	fake, url := startFake(t)
	c := uitest.NewCommon(t, url)
	h := startAccount(t, c, 100, 30)
	h.WaitFor(t, "EN · English") // the pick lists are in
	h.Type("e")
	h.WaitFor(t, "Edit account greatwidgets")
	h.Type(" Ltd")           // the business name has the focus, cursor at its end
	press(h, tea.KeyTab, 12) // to the language
	h.Type("fre")            // typing on a list field searches it
	h.WaitFor(t, "FR · French")
	h.Key(tea.KeyEnter)
	press(h, tea.KeyTab, 7) // to the Mailchimp password
	h.Type("s3cret-chimp")
	h.Key(tea.KeyCtrlS)
	h.WaitFor(t, "Save these changes to the account?",
		"Great Widgets Company → Great Widgets Company Ltd", "EN · English → FR · French", "(empty) → ••••")
	require.NotContains(t, h.All(), "s3cret-chimp", "a password is never drawn")

	from := mark(h)
	h.Type("y")
	waitAfter(t, h, from, "Saved: 3 fields.")
	reqs := fake.RequestsOf("account_update")
	require.Len(t, reqs, 1)
	require.Equal(t, map[string]string{
		"biz_name": "Great Widgets Company Ltd", "language_selector": "FR", "mailchimp_password": fakeserver.Masked,
	}, sentFields(reqs[0]))
	waitAfter(t, h, from, "Great Widgets Company Ltd · account", "FR · French") // reloaded from the server
}

func TestPasswordChangeStoresTheNewTokenAndKeepsWorking(t *testing.T) {
	fake, url := startFake(t)
	stored := make(chan string, 1)
	c := uitest.NewCommon(t, url, uitest.Options{Settings: ui.Settings{SaveToken: func(tok string) error {
		stored <- tok
		return nil
	}}})
	asOwner(t, c, url)
	h := startAccount(t, c, 100, 30)
	h.Type("c")
	h.WaitFor(t, "Change the account password")
	h.Type("n3w-pa55")
	h.Key(tea.KeyTab)
	h.Type("n3w-pa55")
	h.Key(tea.KeyCtrlS)
	h.WaitFor(t, "Change the account password?")
	h.Type("y")
	h.WaitFor(t, "The server issued a new API token", "s stores it")

	token, ok := fake.APIKey(fakeserver.DemoOwnerID)
	require.True(t, ok)
	require.NotEqual(t, fakeserver.DemoOwnerPassword, token)
	require.NotContains(t, h.All(), token, "the token is masked until asked for")

	h.Type("s")
	require.Equal(t, token, <-stored)
	h.WaitFor(t, "Stored in profile test")

	old, err := apiclient.New(apiclient.Options{BaseURL: url, Credentials: apiclient.Credentials{
		UserID: fakeserver.DemoOwnerID, Password: fakeserver.DemoOwnerPassword, AccountID: fakeserver.DemoAccountID}})
	require.NoError(t, err)
	_, err = old.AccountInfo(context.Background())
	require.ErrorIs(t, err, apiclient.ErrUnauthenticated, "the old key is refused")

	h.Key(tea.KeyEnter)
	from := mark(h)
	before := len(fake.RequestsOf("account_info"))
	h.Type("r") // the session's next call, with the new token
	waitAfter(t, h, from, "loaded ")
	require.Len(t, fake.RequestsOf("account_info"), before+1)
	require.NotContains(t, h.All(), "refused the credentials")
}

func TestPasswordsMustMatch(t *testing.T) {
	fake, url := startFake(t)
	h := startAccount(t, uitest.NewCommon(t, url), 100, 30)
	h.Type("c")
	h.WaitFor(t, "Change the account password")
	h.Type("one-thing")
	h.Key(tea.KeyTab)
	h.Type("another")
	h.Key(tea.KeyCtrlS)
	h.WaitFor(t, "the two passwords differ")
	require.Empty(t, fake.RequestsOf("account_update"))
}

func TestWithoutAProfileTheTokenIsStoredByHandAndShownOnRequest(t *testing.T) {
	fake, url := startFake(t)
	c := uitest.NewCommon(t, url)
	asOwner(t, c, url)
	h := startAccount(t, c, 100, 30)
	h.Type("c")
	h.WaitFor(t, "Change the account password")
	h.Type("n3w-pa55")
	h.Key(tea.KeyTab)
	h.Type("n3w-pa55")
	h.Key(tea.KeyCtrlS)
	h.WaitFor(t, "Change the account password?")
	h.Type("y")
	h.WaitFor(t, "store the token by hand", "••••••••••••")
	token, _ := fake.APIKey(fakeserver.DemoOwnerID)
	require.NotContains(t, h.All(), token)
	h.Type("t")
	h.WaitFor(t, token)
}

func TestTokenNotStoredSaysSoWithoutTheToken(t *testing.T) {
	fake, url := startFake(t)
	var seen string
	c := uitest.NewCommon(t, url, uitest.Options{Settings: ui.Settings{SaveToken: func(tok string) error {
		seen = tok
		return errors.New("cannot write profile: token " + tok + " rejected")
	}}})
	asOwner(t, c, url)
	h := startAccount(t, c, 100, 30)
	h.Type("c")
	h.WaitFor(t, "Change the account password")
	h.Type("pw")
	h.Key(tea.KeyTab)
	h.Type("pw")
	h.Key(tea.KeyCtrlS)
	h.WaitFor(t, "Change the account password?")
	h.Type("y")
	h.WaitFor(t, "s stores it")
	h.Type("s")
	h.WaitFor(t, "Not stored: cannot write profile")
	token, _ := fake.APIKey(fakeserver.DemoOwnerID)
	require.Equal(t, token, seen)
	require.NotContains(t, h.All(), token)
}

func TestFailedSaveKeepsEverythingAndSaysWhy(t *testing.T) {
	fake, url := startFake(t)
	h := startAccount(t, uitest.NewCommon(t, url), 100, 30)
	h.Type("e")
	h.WaitFor(t, "Edit account greatwidgets")
	press(h, tea.KeyTab, 3) // to the city
	h.Key(tea.KeyCtrlU)
	h.Type("Springfield")
	fake.FailCall("account_update", 1, fakeserver.FaultHTTP500)
	h.Key(tea.KeyCtrlS)
	h.WaitFor(t, "Anytown → Springfield")
	h.Type("y")
	h.WaitFor(t, "Not saved: The server had a problem (HTTP 500)")

	from := mark(h)
	h.Key(tea.KeyCtrlS) // the typed city is still there: review and send again
	waitAfter(t, h, from, "Anytown → Springfield")
	h.Type("y")
	waitAfter(t, h, from, "Saved: 1 field.", "Springfield CA 55555")
	reqs := fake.RequestsOf("account_update")
	require.Len(t, reqs, 2)
	require.Equal(t, map[string]string{"biz_city": "Springfield"}, sentFields(reqs[1]))
}

func TestLeavingTheFormKeepsTheChanges(t *testing.T) {
	_, url := startFake(t)
	h := startAccount(t, uitest.NewCommon(t, url), 100, 30)
	h.Type("e")
	h.WaitFor(t, "Edit account greatwidgets")
	h.Type(" Ltd")
	h.Key(tea.KeyEsc)
	h.WaitFor(t, "Unsaved changes to the account: e goes back to them.")
	h.Type("e")
	h.Key(tea.KeyCtrlS)
	h.WaitFor(t, "Great Widgets Company → Great Widgets Company Ltd")
}

func TestActivateIsSentAsYesAndExplained(t *testing.T) {
	fake, url := startFake(t)
	h := startAccount(t, uitest.NewCommon(t, url), 100, 30)
	h.Type("e")
	h.WaitFor(t, "Edit account greatwidgets")
	press(h, tea.KeyTab, 17) // to the trial checkbox
	h.WaitFor(t, "lets it pass the 10-customer limit")
	h.Key(tea.KeySpace)
	h.Key(tea.KeyCtrlS)
	h.WaitFor(t, "Activate trial     no → yes", "makes it billable")
	h.Type("y")
	h.WaitFor(t, "Saved: 1 field.")
	reqs := fake.RequestsOf("account_update")
	require.Len(t, reqs, 1)
	require.Equal(t, map[string]string{"activate": "Y"}, sentFields(reqs[0]))
}

// A password the service would refuse or change is refused before
// sending; a short one is taken with a warning.
func TestNewPasswordCheckedBeforeSending(t *testing.T) {
	fake, url := startFake(t)
	h := startAccount(t, uitest.NewCommon(t, url), 100, 30)
	h.Type("c")
	h.WaitFor(t, "Change the account password")
	h.Type("   ")
	h.Key(tea.KeyTab)
	h.Type("   ")
	h.Key(tea.KeyCtrlS)
	h.WaitFor(t, "only spaces: the service refuses an empty password")
	require.Empty(t, fake.RequestsOf("account_update"))

	press(h, tea.KeyBackspace, 3) // the cursor is on the new password
	h.Type(" secret-one")
	h.WaitFor(t, "starts or ends with a space")
	press(h, tea.KeyBackspace, 11)
	h.Type("abc12")
	h.WaitFor(t, "A short password (5 characters)")
	require.NotContains(t, h.All(), "abc12", "the password is never drawn")
	require.Empty(t, fake.RequestsOf("account_update"))
}
