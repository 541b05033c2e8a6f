package form

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/stretchr/testify/require"

	"loyaltydesk/keymap"
	"loyaltydesk/ui/uitest"
)

func newForm(t *testing.T, fields ...Field) *Model {
	t.Helper()
	return New(uitest.PlainStyles(), keymap.Default(), fields)
}

func typeText(m *Model, s string) {
	for _, r := range s {
		if r == ' ' {
			m.Update(tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
			continue
		}
		m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func press(m *Model, k tea.KeyType) { m.Update(tea.KeyMsg{Type: k}) }

func TestKindChecks(t *testing.T) {
	cases := []struct {
		kind   Kind
		value  string
		wantOK bool
	}{
		{Date, "1970-07-14", true},
		{Date, "2024-02-29", true},
		{Date, "2023-02-29", false},
		{Date, "04-06-05", false},
		{Date, "1970-7-14", false},
		{DateTime, "2012.07.28 22:59:59", true},
		{DateTime, "2012-07-28 22:59:59", false},
		{DateTime, "2012.07.28 24:00:00", false},
		{Digits, "0123456789", true},
		{Digits, "12a4", false},
		{Number, "12.50", true},
		{Number, "-3", true},
		{Number, "1e5", false},
		{Number, "1.2.3", false},
		{Text, "anything at all", true},
		{Choice, "Gouda", true},
		{Choice, "Brie", false},
		{MultiChoice, "Gouda,Swiss", true},
		{MultiChoice, "Gouda,Brie", false},
	}
	for _, c := range cases {
		f := Field{Key: "k", Kind: c.kind, Options: Options("Gouda", "Emental", "Swiss")}
		err := f.check(c.value)
		require.Equal(t, c.wantOK, err == nil, "%v %q: %v", c.kind, c.value, err)
	}
	require.NoError(t, CheckEmail("test@email.com"))
	for _, bad := range []string{"test", "test@", "@x.com", "a b@x.com", "a@x", "a@x."} {
		require.Error(t, CheckEmail(bad), bad)
	}
}

func TestEmptyOptionalIsValidRequiredIsNot(t *testing.T) {
	require.NoError(t, Field{Kind: Date}.check(""))
	require.ErrorIs(t, Field{Kind: Date, Required: true}.check(""), ErrRequired)
	require.ErrorIs(t, Field{Kind: Bool, Required: true}.check("false"), ErrRequired)
}

func TestValidateHookRunsAfterKind(t *testing.T) {
	f := Field{Kind: Digits, Validate: func(s string) error {
		if len(s) < 4 {
			return ErrRequired
		}
		return nil
	}}
	require.ErrorIs(t, f.check("12x"), ErrDigits)
	require.ErrorIs(t, f.check("12"), ErrRequired)
	require.NoError(t, f.check("1234"))
}

func TestChangesOnlyListsEditedFields(t *testing.T) {
	m := newForm(t,
		Field{Key: "first", Label: "First name"},
		Field{Key: "last", Label: "Last name"},
		Field{Key: "pin", Label: "PIN", Kind: Digits, Masked: true},
		Field{Key: "cheese", Label: "Cheese", Kind: MultiChoice, Options: Options("Gouda", "Emental", "Swiss")},
		Field{Key: "news", Label: "No email", Kind: Bool},
	)
	m.SetOriginal(map[string]string{"first": "John", "last": "Doe", "cheese": "Swiss,Gouda"})
	require.False(t, m.Dirty())
	require.Equal(t, "Gouda,Swiss", m.Value("cheese"), "choices follow the options' order")

	press(m, tea.KeyTab) // last name
	press(m, tea.KeyBackspace)
	press(m, tea.KeyBackspace)
	press(m, tea.KeyBackspace)
	typeText(m, "Smith")
	press(m, tea.KeyTab) // PIN
	typeText(m, "4321")
	require.True(t, m.Dirty())

	changes := m.Changes()
	require.Len(t, changes, 2)
	require.Equal(t, Change{Key: "last", Label: "Last name", Old: "Doe", New: "Smith", OldText: "Doe", NewText: "Smith"}, changes[0])
	require.Equal(t, "pin", changes[1].Key)
	require.Equal(t, Mask, changes[1].NewText)
	require.Equal(t, "(empty)", changes[1].OldText)
	require.True(t, changes[1].Masked)
	require.Equal(t, map[string]string{"last": "Smith", "pin": "4321"}, m.ChangedValues())

	// Typing a value back to the original is no change.
	press(m, tea.KeyShiftTab)
	for range 5 {
		press(m, tea.KeyBackspace)
	}
	typeText(m, "Doe")
	require.Equal(t, []string{"pin"}, keysOf(m.Changes()))

	m.MarkSaved()
	require.False(t, m.Dirty())
	require.Empty(t, m.Value("pin"), "a saved secret is emptied: empty means unchanged")
}

func keysOf(cs []Change) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Key)
	}
	return out
}

func TestTextIsTrimmedSecretIsNot(t *testing.T) {
	m := newForm(t, Field{Key: "name"}, Field{Key: "pw", Kind: Secret})
	typeText(m, " Ann ")
	press(m, tea.KeyTab)
	typeText(m, " pw ")
	require.Equal(t, "Ann", m.Value("name"))
	require.Equal(t, " pw ", m.Value("pw"))
}

func TestErrorsShowBesideTheFieldAndSaveFocusesTheFirst(t *testing.T) {
	m := newForm(t,
		Field{Key: "name", Label: "Name"},
		Field{Key: "born", Label: "Born", Kind: Date},
		Field{Key: "email", Label: "Email", Validate: CheckEmail},
	)
	m.SetSize(80, 20)
	press(m, tea.KeyTab)
	typeText(m, "1970-07")
	require.NotContains(t, m.View(), "not a date", "an incomplete date waits until the field is left")
	typeText(m, "x")
	require.Contains(t, lineWith(t, m.View(), "Born"), "1970-07x")
	require.Contains(t, m.View(), "✗ not a date", "a character that can never fit shows at once")
	press(m, tea.KeyBackspace)
	press(m, tea.KeyTab) // leave it incomplete
	view := m.View()
	i := strings.Index(view, "Born")
	j := strings.Index(view, "✗ not a date")
	k := strings.Index(view, "Email")
	require.True(t, i < j && j < k, "the message is under its field:\n%s", view)

	typeText(m, "nobody")
	press(m, tea.KeyShiftTab)
	press(m, tea.KeyShiftTab) // focus on name
	ok, _ := m.Validate()
	require.False(t, ok)
	require.Equal(t, "born", m.Focused(), "save takes the cursor to the first error")
	require.Equal(t, map[string]string{"born": ErrDate.Error(), "email": ErrEmail.Error()}, m.Errors())
	require.Contains(t, m.View(), "✗ not an email address")
}

func lineWith(t *testing.T, view, s string) string {
	t.Helper()
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	t.Fatalf("no line with %q in\n%s", s, view)
	return ""
}

func TestExternalErrorClearsWhenTheValueChanges(t *testing.T) {
	m := newForm(t, Field{Key: "card", Label: "Card", Kind: Digits})
	m.SetError("card", "several customers share this card")
	require.Contains(t, m.View(), "✗ several customers share this card")
	typeText(m, "1")
	require.NotContains(t, m.View(), "several customers")
}

func TestCrossCheck(t *testing.T) {
	m := newForm(t, Field{Key: "card", Kind: Digits}, Field{Key: "gen", Kind: Digits})
	m.SetCrossCheck(func(get func(string) string) map[string]string {
		if get("card") != "" && get("gen") != "" {
			return map[string]string{"gen": "either a card number or a generated one"}
		}
		return nil
	})
	typeText(m, "123")
	press(m, tea.KeyTab)
	typeText(m, "8")
	ok, _ := m.Validate()
	require.False(t, ok)
	require.Equal(t, "gen", m.Focused())
	require.Equal(t, "either a card number or a generated one", m.Error("gen"))
}

func TestFocusSkipsReadOnlyAndWraps(t *testing.T) {
	m := newForm(t, Field{Key: "code", ReadOnly: true}, Field{Key: "a"}, Field{Key: "b"})
	require.Equal(t, "a", m.Focused())
	press(m, tea.KeyDown)
	require.Equal(t, "b", m.Focused())
	press(m, tea.KeyTab)
	require.Equal(t, "a", m.Focused(), "wraps past the read-only field")
	press(m, tea.KeyUp)
	require.Equal(t, "b", m.Focused())
	press(m, tea.KeyEnter)
	require.Equal(t, "a", m.Focused(), "enter moves on in a text field")
}

func TestCapturesPrintableKeysOnlyInTextFields(t *testing.T) {
	m := newForm(t, Field{Key: "a"}, Field{Key: "b", Kind: Bool})
	q := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'?'}}
	require.True(t, m.CapturesKey(q))
	require.True(t, m.CapturesKey(tea.KeyMsg{Type: tea.KeySpace}))
	require.False(t, m.CapturesKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'2'}, Alt: true}), "alt+2 navigates")
	require.False(t, m.CapturesKey(tea.KeyMsg{Type: tea.KeyF3}))
	typeText(m, "?")
	require.Equal(t, "?", m.Value("a"))
	press(m, tea.KeyTab)
	require.False(t, m.CapturesKey(q), "? on a checkbox opens the help")
}

func TestCheckboxAndChoices(t *testing.T) {
	m := newForm(t,
		Field{Key: "news", Kind: Bool},
		Field{Key: "status", Kind: Choice, Options: Options("Single", "Married")},
		Field{Key: "cheese", Kind: MultiChoice, Options: []Option{{"g", "Gouda"}, {"e", "Emental"}, {"s", "Swiss"}}},
	)
	m.SetSize(80, 20)
	typeText(m, " ")
	require.Equal(t, "true", m.Value("news"))
	require.Contains(t, m.View(), "[x] yes")

	press(m, tea.KeyTab)
	press(m, tea.KeyRight)
	require.Equal(t, "Single", m.Value("status"))
	press(m, tea.KeyLeft)
	require.Equal(t, "", m.Value("status"), "cycling passes through none")
	typeText(m, " ")
	require.True(t, m.ListOpen())
	press(m, tea.KeyDown)
	press(m, tea.KeyEnter)
	require.False(t, m.ListOpen())
	require.Equal(t, "Married", m.Value("status"))

	press(m, tea.KeyTab)
	typeText(m, " ")
	require.True(t, m.ListOpen())
	require.Contains(t, m.View(), "[ ] Emental")
	typeText(m, " ") // Gouda
	press(m, tea.KeyDown)
	press(m, tea.KeyDown)
	typeText(m, " ") // Swiss
	require.Contains(t, m.View(), "› [x] Swiss", "the row under the cursor is marked without colour")
	require.Contains(t, m.View(), "  [x] Gouda")
	press(m, tea.KeyEsc)
	require.False(t, m.ListOpen(), "esc closes the list first")
	require.Equal(t, "g,s", m.Value("cheese"))
	require.Contains(t, m.View(), "Gouda, Swiss")
	require.Equal(t, "Gouda, Swiss", m.Changes()[2].NewText)
}

func TestUnknownChoiceFromTheServerIsKept(t *testing.T) {
	m := newForm(t, Field{Key: "status", Kind: Choice, Options: Options("Single")})
	m.SetOriginal(map[string]string{"status": "Widowed"})
	ok, _ := m.Validate()
	require.True(t, ok)
	require.Contains(t, m.View(), "Widowed (not in the list)")
	require.False(t, m.Dirty())
}

func TestValuesForFieldsThatArriveLater(t *testing.T) {
	m := newForm(t, Field{Key: "first"})
	m.SetOriginal(map[string]string{"first": "Ann", "custom_field_2": "Single"})
	m.SetValues(map[string]string{"custom_field_3": "42"})
	require.True(t, m.Dirty(), "a kept value counts as unsaved")
	typeText(m, "e")
	require.Equal(t, map[string]string{"first": "Anne", "custom_field_3": "42"}, m.Pending(), "a draft keeps both")
	m.SetFields([]Field{{Key: "first"}, {Key: "custom_field_2", Kind: Choice, Options: Options("Single", "Married")}, {Key: "custom_field_3", Kind: Number}})
	require.Equal(t, "Anne", m.Value("first"), "typed text survives new fields")
	require.Equal(t, "first", m.Focused(), "and so does the focus")
	require.Equal(t, "Single", m.Value("custom_field_2"))
	require.Equal(t, "42", m.Value("custom_field_3"))
	require.ElementsMatch(t, []string{"first", "custom_field_3"}, keysOf(m.Changes()))
}

func TestScrollKeepsFocusedFieldAndItsErrorVisible(t *testing.T) {
	var fields []Field
	for i := range 30 {
		fields = append(fields, Field{Key: string(rune('a' + i)), Label: "Field " + string(rune('A'+i)), Kind: Date})
	}
	m := newForm(t, fields...)
	m.SetSize(80, 10)
	require.Equal(t, 10, lipgloss.Height(m.View()))
	require.Contains(t, m.View(), "↓ 21 more below")
	for range 25 {
		press(m, tea.KeyTab)
	}
	view := m.View()
	require.Equal(t, 10, lipgloss.Height(view))
	require.Contains(t, view, "› Field Z")
	require.Contains(t, view, "↑")

	typeText(m, "x") // an error line under the focused field
	view = m.View()
	require.Contains(t, view, "› Field Z")
	require.Contains(t, view, "✗ not a date")

	press(m, tea.KeyTab)
	press(m, tea.KeyTab)
	press(m, tea.KeyTab)
	press(m, tea.KeyTab)
	press(m, tea.KeyTab) // wraps to the first
	require.Contains(t, m.View(), "› Field A")

	for _, w := range []int{80, 60, 40} {
		m.SetSize(w, 10)
		for _, l := range strings.Split(m.View(), "\n") {
			require.LessOrEqual(t, lipgloss.Width(l), w, "line %q", l)
		}
	}
}

func TestMaskedValuesNeverDrawn(t *testing.T) {
	m := newForm(t, Field{Key: "pw", Label: "Password", Kind: Secret}, Field{Key: "pin", Label: "PIN", Kind: Digits, Masked: true})
	typeText(m, "ilovecheese")
	press(m, tea.KeyTab)
	typeText(m, "98x7") // the error must not quote it
	view := m.View()
	require.NotContains(t, view, "ilovecheese")
	require.NotContains(t, view, "98x7")
	require.Contains(t, view, "✗ digits 0–9 only")
	require.Equal(t, "••••", m.Display("pw", "ilovecheese"))
	for _, c := range m.Changes() {
		require.Equal(t, Mask, c.NewText)
	}
}

func TestFieldsNotTypedInShowTheStartOfLongValues(t *testing.T) {
	m := newForm(t, Field{Key: "name", Label: "Name"}, Field{Key: "email", Label: "Email", CharLimit: 60})
	m.SetSize(40, 10)
	m.SetOriginal(map[string]string{"email": "information.desk@greatwidgets.example.com"})
	require.Contains(t, m.View(), "information.desk", "a blurred field shows where its value starts")
	require.NotContains(t, m.View(), "example.com", "the slot is narrower than the value")

	press(m, tea.KeyTab) // into the email: typing goes at the end
	typeText(m, "x")
	require.Equal(t, "information.desk@greatwidgets.example.comx", m.Value("email"))
	press(m, tea.KeyTab)
	require.Contains(t, m.View(), "information.desk", "left again, it shows the start once more")
}
