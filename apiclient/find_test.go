package apiclient_test

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/fakeserver"
)

func TestCustomerFindAgainstTheFake(t *testing.T) {
	srv := httptest.NewServer(fakeserver.New(fakeserver.Options{Customers: 100}))
	t.Cleanup(srv.Close)
	for _, format := range []apiclient.Format{apiclient.XML, apiclient.JSON} {
		api, err := apiclient.New(apiclient.Options{BaseURL: srv.URL, Format: format, Credentials: apiclient.Credentials{
			UserID: fakeserver.DemoUserID, Password: fakeserver.DemoPassword, AccountID: fakeserver.DemoAccountID}})
		require.NoError(t, err)
		found, err := api.CustomerFind(context.Background(), "jane doe")
		require.NoError(t, err)
		require.NotEmpty(t, found)
		assert.Equal(t, fakeserver.DemoCode, found[0].Code)
		assert.Equal(t, fakeserver.DemoCard, found[0].CardNumber)

		found, err = api.CustomerFind(context.Background(), "nobody-at-all, "+fakeserver.DemoCard2)
		require.NoError(t, err, "a comma means OR")
		require.Len(t, found, 1)
		assert.Equal(t, fakeserver.DemoCode2, found[0].Code)

		_, err = api.CustomerFind(context.Background(), "  ")
		var invalid *apiclient.ValidationError
		require.ErrorAs(t, err, &invalid)
	}
}
