package importer

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
)

// Identical rows collapse into the first; rows sharing a code with other
// content are still rejected, each naming the other's line.
func TestIdenticalRowsCollapse(t *testing.T) {
	p := validate(t, "code,first name,email\n"+
		"A1,Ana,ana@example.com\n"+ // 2
		"A2,Ben,ben@example.com\n"+ // 3
		"A1,Ana,ana@example.com\n"+ // 4: identical to 2
		"A2,Benjamin,ben@example.com\n"+ // 5: same code as 3, other content
		",Cleo,cleo@example.com\n"+ // 6
		",Cleo,cleo@example.com\n"+ // 7: identical to 6 (no code: would be a second customer)
		"A1,Ana,ana@example.com\n") // 8: identical to 2
	assert.Equal(t, Counts{Rows: 7, Valid: 2, Rejected: 2, Collapsed: 3}, p.Counts())
	assert.Equal(t, []Status{Valid, Rejected, Collapsed, Rejected, Valid, Collapsed, Collapsed},
		[]Status{p.Status(0), p.Status(1), p.Status(2), p.Status(3), p.Status(4), p.Status(5), p.Status(6)})
	reasons := map[int]string{}
	for _, pr := range p.Problems() {
		reasons[pr.Line] = pr.Reason
	}
	assert.Equal(t, map[int]string{
		3: "the same code is on line 5",
		4: "is identical to line 2: imported once",
		5: "the same code is on line 3",
		7: "is identical to line 6: imported once",
		8: "is identical to line 2: imported once",
	}, reasons)

	j, err := p.Prepare(Options{Mode: apiclient.Update, Campaigns: []string{"1"}})
	require.NoError(t, err)
	assert.Equal(t, 2, j.Rows(), "the collapsed rows are not sent, the conflicting ones are rejected")
}

// A collapsed row's other problems are its first copy's: they are not
// counted twice.
func TestCollapsedRowsProblemsCountOnce(t *testing.T) {
	p := validate(t, "code,email\nA1,not-an-email\nA1,not-an-email\n")
	assert.Equal(t, Counts{Rows: 2, Rejected: 1, Collapsed: 1}, p.Counts())
	require.Len(t, p.Problems(), 2)
	assert.Equal(t, "email", p.Problems()[0].Header)
	assert.Equal(t, Collapsed, p.Problems()[1].Status)
}
