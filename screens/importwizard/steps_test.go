package importwizard

import (
	"testing"

	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
	"loyaltydesk/importer"
)

func TestCycleWrapsBothWays(t *testing.T) {
	list := []string{"", "code", "email"}
	require.Equal(t, "code", cycle(list, "", true))
	require.Equal(t, "", cycle(list, "email", true))
	require.Equal(t, "email", cycle(list, "", false))
	require.Equal(t, "code", cycle(list, "email", false))
	require.Equal(t, "", cycle(list, "unknown", true), "an unknown choice starts at the first")
}

// Cycling one column through every choice never takes a header from
// another column, and never gives one header to two columns.
func TestCyclingAColumnLeavesTheOthersAlone(t *testing.T) {
	m := &Model{mapping: importer.AutoMap([]string{"Code", "E-mail", "Notes"}, 3), column: 2}
	others := m.mapping.Headers()[:2]
	require.Equal(t, []string{"code", "email"}, others)
	seen := map[string]bool{}
	for range len(apiclient.ProfileHeaders) + 1 {
		m.cycleHeader(true)
		h := m.mapping.Header(2)
		require.NotContains(t, others, h)
		require.Equal(t, others, m.mapping.Headers()[:2])
		seen[h] = true
	}
	require.Len(t, seen, len(apiclient.ProfileHeaders)-2+1, "every free header and skip came round")
}
