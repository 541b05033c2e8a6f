package keymap

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDefaultsHaveNoConflicts(t *testing.T) {
	require.NoError(t, Default().conflicts())
}

func TestOverrideChangesKeysAndHelp(t *testing.T) {
	k := Default()
	require.NoError(t, k.Apply(map[string][]string{"lookup": {"F2", "alt+l"}}))
	require.Equal(t, []string{"f2", "alt+l"}, k.Global.Lookup.Keys())
	require.Equal(t, "f2/alt+l", k.Global.Lookup.Help().Key)
	require.Equal(t, "lookup", k.Global.Lookup.Help().Desc)
}

func TestOverrideOfScreenBinding(t *testing.T) {
	k := Default()
	require.NoError(t, k.Apply(map[string][]string{"dashboard.refresh": {"ctrl+r"}}))
	require.Equal(t, []string{"ctrl+r"}, k.Dashboard.Refresh.Keys())
}

func TestConflictIsReported(t *testing.T) {
	err := Default().Apply(map[string][]string{"import": {"f2"}})
	require.ErrorContains(t, err, `"f2" is bound to both`)
}

func TestConflictWithScreenBinding(t *testing.T) {
	err := Default().Apply(map[string][]string{"lookup.edit": {"ctrl+k"}})
	require.ErrorContains(t, err, "menu")
	require.ErrorContains(t, err, "lookup.edit")
}

func TestSameKeyInTwoScreensIsFine(t *testing.T) {
	require.NoError(t, Default().Apply(map[string][]string{"dashboard.refresh": {"e"}}))
}

func TestUnknownNameAndEmptyKeys(t *testing.T) {
	require.ErrorContains(t, Default().Apply(map[string][]string{"lookpu": {"x"}}), "no such binding")
	require.ErrorContains(t, Default().Apply(map[string][]string{"lookup": {" "}}), "at least one key")
}

func TestPairShowsFirstKeysAndMatchesBoth(t *testing.T) {
	k := Default()
	require.NoError(t, k.Apply(map[string][]string{"dashboard.fewer_days": {"[", "h"}}))
	p := Pair(k.Dashboard.FewerDays, k.Dashboard.MoreDays, "days")
	require.Equal(t, "[/]", p.Help().Key)
	require.Equal(t, "days", p.Help().Desc)
	require.ElementsMatch(t, []string{"[", "h", "]"}, p.Keys())
}

func TestWithHelpLeavesTheOriginal(t *testing.T) {
	k := Default()
	clear := WithHelp(k.Global.Back, "clear")
	require.Equal(t, "clear", clear.Help().Desc)
	require.Equal(t, "back", k.Global.Back.Help().Desc)
}
