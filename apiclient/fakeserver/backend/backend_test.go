package backend_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/apiclient/fakeserver/backend"
	"loyaltydesk/apiclient/imonggo"
)

func TestBackendServesBothAPIsOnOneListener(t *testing.T) {
	ctx := context.Background()
	b, err := backend.Start(ctx, backend.Options{Addr: "127.0.0.1:0", Customers: 20})
	require.NoError(t, err)

	api, err := b.DemoClient()
	require.NoError(t, err)
	jane, err := api.LookupCustomer(ctx, fakeserver.DemoCard)
	require.NoError(t, err)
	require.Equal(t, fakeserver.DemoFirstName, jane.FirstName)

	pos, err := b.DemoImonggo()
	require.NoError(t, err)
	n, err := pos.Count(ctx, imonggo.Filter{})
	require.NoError(t, err)
	require.Positive(t, n)

	require.NoError(t, b.Close())
	require.NoError(t, b.Close(), "closing twice neither blocks nor fails")
	_, err = api.LookupCustomer(ctx, fakeserver.DemoCard)
	require.Error(t, err, "the listener is closed")
}
