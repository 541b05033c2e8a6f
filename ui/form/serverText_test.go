package form

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

var bidiAndInvisible = []rune{0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x07, 0x1b}

// A record from the server may hold bidi overrides and invisible controls
// (a name that reads backwards, an escape sequence): the form never draws
// them.
func TestServerValuesLoseBidiAndInvisibleControls(t *testing.T) {
	m := newForm(t, Field{Key: "first_name", Label: "First name"}, Field{Key: "city", Label: "City", Kind: Choice, Options: Options("Springfield")},
		Field{Key: "note", Label: "Note", ReadOnly: true})
	evil := "Ann\u202eeciloP\u202c \u2066x\u2069\u200e\u200f\x07\x1b[2J"
	m.SetOriginal(map[string]string{"first_name": evil, "city": evil, "note": evil})
	m.SetSize(80, 24)
	view := m.View()
	for _, r := range bidiAndInvisible {
		require.NotContains(t, view, string(r), "%U drawn", r)
	}
	require.Contains(t, view, "AnneciloP x")
}

// Opening a record does not make the form changed, whatever the server
// sent: text longer than the field takes, tabs, line breaks, controls.
func TestOpeningARecordIsNotAChange(t *testing.T) {
	m := newForm(t, Field{Key: "first_name", Label: "First name", CharLimit: 10}, Field{Key: "street", Label: "Street"},
		Field{Key: "birthday", Label: "Birthday", Kind: Date})
	m.SetOriginal(map[string]string{
		"first_name": strings.Repeat("x", 40),
		"street":     "Main\tStreet\n12\u202e",
		"birthday":   "1970-07-14 00:00:00",
	})
	require.False(t, m.Dirty(), "changes on open: %+v", m.Changes())
	require.Empty(t, m.ChangedValues())
}
