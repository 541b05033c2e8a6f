package importwizard

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCycleWrapsBothWays(t *testing.T) {
	list := []string{"", "code", "email"}
	require.Equal(t, "code", cycle(list, "", true))
	require.Equal(t, "", cycle(list, "email", true))
	require.Equal(t, "email", cycle(list, "", false))
	require.Equal(t, "code", cycle(list, "email", false))
	require.Equal(t, "", cycle(list, "unknown", true), "an unknown choice starts at the first")
}
