package ui_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"loyaltydesk/ui"
)

func TestFitCutsLinesAndWidth(t *testing.T) {
	require.Equal(t, "abc…\nxy", ui.Fit("abcdefgh\nxy\nlost", 4, 2))
	require.Equal(t, "ab", ui.Fit("ab", 4, 3), "a short block is not padded")
}

func TestPlural(t *testing.T) {
	require.Equal(t, "1 field", ui.Plural(1, "field", "fields"))
	require.Equal(t, "0 fields", ui.Plural(0, "field", "fields"))
}
