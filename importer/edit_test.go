package importer

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A rejected row fixed by hand is checked again; the table it came from
// is unchanged, and the fix is part of the content.
func TestFixARowInPlace(t *testing.T) {
	p := validate(t, "code,email,birthday\nA1,ann@example.com,1980-01-02\nA2,not-an-email,1990-02-30\n")
	require.Equal(t, Rejected, p.Status(1))

	tbl := p.Table()
	fixed := tbl.WithRow(1, []string{"A2", "bob@example.com", "1990-02-28"})
	assert.True(t, fixed.Edited(1))
	assert.Equal(t, "not-an-email", tbl.Field(1, 1), "the table read is unchanged")
	assert.Equal(t, []string{"A2", "bob@example.com", "1990-02-28"}, fixed.Row(1))
	assert.NotEqual(t, tbl.ContentHash(), fixed.ContentHash())

	again, err := Validate(fixed, p.Mapping())
	require.NoError(t, err)
	assert.Equal(t, Counts{Rows: 2, Valid: 2}, again.Counts())
	j, err := again.Prepare(Options{Mode: "update", Campaigns: []string{"1"}})
	require.NoError(t, err)
	assert.Equal(t, []string{"A2", "bob@example.com", "1990-02-28"}, j.rowValues(1, nil))
}
