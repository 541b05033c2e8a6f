package keymap

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestTillBindingsAreOverridableByName(t *testing.T) {
	k := Default()
	require.Equal(t, []string{"+"}, k.Lookup.Earn.Keys())
	require.Equal(t, []string{"-"}, k.Lookup.Redeem.Keys())
	require.NoError(t, k.Apply(map[string][]string{
		"lookup.earn": {"f7"}, "lookup.redeem": {"f8"}, "lookup.void": {"f9"}, "till.confirm": {"j"},
	}))
	require.Equal(t, []string{"f7"}, k.Lookup.Earn.Keys())
	require.Equal(t, "f8", k.Lookup.Redeem.Help().Key)
	require.Equal(t, []string{"f9"}, k.Lookup.Void.Keys())
	require.Equal(t, []string{"j"}, k.Till.Confirm.Keys())
	require.Contains(t, k.Names(), "till.resend")
}

func TestTillKeyClashIsReported(t *testing.T) {
	require.ErrorContains(t, Default().Apply(map[string][]string{"till.resend": {"ctrl+c"}}), "till.resend")
}
