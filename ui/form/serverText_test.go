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

// A field hidden after the record opened (the account hides it) keeps its
// value for when it comes back, and is no change either.
func TestHiddenFieldIsNotAChange(t *testing.T) {
	a, b := Field{Key: "a", Label: "A"}, Field{Key: "b", Label: "B"}
	m := newForm(t, a, b)
	m.SetOriginal(map[string]string{"a": "1", "b": "2"})
	m.SetFields([]Field{a})
	require.False(t, m.Dirty(), "pending: %v", m.Pending())
	m.SetFields([]Field{a, b})
	require.Equal(t, "2", m.Value("b"))
	require.False(t, m.Dirty())

	m.SetValue("b", "3")
	m.SetFields([]Field{a})
	require.True(t, m.Dirty(), "an edit of a hidden field is still pending")
	m.SetFields([]Field{a, b})
	require.Equal(t, "3", m.Value("b"))
}
