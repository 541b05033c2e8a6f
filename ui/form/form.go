package form

import (
	"maps"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/keymap"
	"loyaltydesk/ui"
)

// Mask is how a masked value appears in Changes.
const Mask = "••••"

// CrossCheck checks fields against each other; it returns messages by
// field key. get returns a field's current, normalised value.
type CrossCheck func(get func(key string) string) map[string]string

// Model is a form. Build it with New; it is used by pointer.
type Model struct {
	st     *ui.Styles
	keys   *keymap.KeyMap
	fields []*fieldState
	focus  int

	// originals and stash keep values for keys without a field yet (custom
	// fields still loading), so nothing set or typed is lost.
	originals map[string]string
	stash     map[string]string

	cross   CrossCheck
	showAll bool // after a save was tried: every error shows
	rev     int

	width, height int
	offset        int
}

type fieldState struct {
	Field
	input    textinput.Model
	value    string // Choice, MultiChoice and Bool
	original string
	err      error
	crossErr string
	external string
	touched  bool
	open     bool
	cursor   int
}

// New builds a form of the given fields, all empty, the first editable one
// focused.
func New(st *ui.Styles, keys *keymap.KeyMap, fields []Field) *Model {
	m := &Model{st: st, keys: keys, originals: map[string]string{}, stash: map[string]string{}, width: 80, height: 20}
	m.SetFields(fields)
	return m
}

// SetCrossCheck sets a check across fields, run on every change.
func (m *Model) SetCrossCheck(c CrossCheck) {
	m.cross = c
	m.revalidate()
}

// SetFields replaces the fields. A field whose key was there before keeps
// its value, original and state; a new one takes a value set earlier for
// its key (SetValues, SetOriginal) if there was one. Values of fields that
// go away are kept for when they come back.
func (m *Model) SetFields(fields []Field) {
	old := map[string]*fieldState{}
	focused := m.Focused()
	for _, f := range m.fields {
		old[f.Key] = f
		if cur := f.current(); cur != f.original {
			m.stash[f.Key] = cur // an edit waits for the field to come back
		}
	}
	m.fields = make([]*fieldState, 0, len(fields))
	for _, def := range fields {
		f := m.newState(def, old[def.Key])
		m.fields = append(m.fields, f)
	}
	for _, f := range m.fields {
		delete(m.stash, f.Key)
	}
	m.applyWidths()
	m.focus = -1
	if i := m.index(focused); i >= 0 && m.fields[i].focusable() {
		m.focusIndex(i)
	} else {
		m.focusIndex(m.nextFocusable(-1, 1))
	}
	m.revalidate()
}

func (m *Model) newState(def Field, prev *fieldState) *fieldState {
	f := &fieldState{Field: def}
	f.original = def.normalise(m.originals[def.Key])
	value, ok := m.stash[def.Key]
	if !ok {
		value = f.original
	}
	if prev != nil {
		f.touched, f.external = prev.touched, prev.external
	}
	f.keepUnknownOption(f.original)
	f.input = newInput(m.st, def)
	f.set(value)
	return f
}

func newInput(st *ui.Styles, def Field) textinput.Model {
	in := ui.NewTextInput(st, "", def.Placeholder)
	in.CompletionStyle = st.Faint
	in.Cursor.Style = st.InputText
	in.Cursor.TextStyle = st.InputText
	in.CharLimit = def.charLimit()
	if def.masked() {
		in.EchoMode = textinput.EchoPassword
		in.EchoCharacter = '•'
	}
	return in
}

// keepUnknownOption adds a value from the server that is not among the
// options, so that showing and saving the form never drops it.
func (f *fieldState) keepUnknownOption(v string) {
	switch f.Kind {
	case Choice:
		if v != "" && !f.hasOption(v) {
			f.Options = append(f.Options, Option{Value: v, Label: v + " (not in the list)"})
		}
	case MultiChoice:
		for _, p := range splitList(v) {
			if !f.hasOption(p) {
				f.Options = append(f.Options, Option{Value: p, Label: p + " (not in the list)"})
			}
		}
	}
}

func (f *fieldState) current() string {
	if f.typed() {
		return f.normalise(f.input.Value())
	}
	return f.value
}

// clean drops what must not reach the terminal from a value that may come
// from the server: bidi overrides, invisible and control characters.
func (f *fieldState) clean(v string) string {
	if f.masked() {
		return v
	}
	return ui.Sanitize(v)
}

func (f *fieldState) set(v string) {
	v = f.normalise(f.clean(v))
	f.keepUnknownOption(v)
	if f.typed() {
		f.input.SetValue(v)
		f.input.CursorEnd()
		f.placeCursor()
		return
	}
	f.value = v
}

// placeCursor scrolls the input again after its value, width or focus
// changed: the field being typed in keeps its cursor in view, any other
// shows the start of its value (not the tail an end cursor would show).
func (f *fieldState) placeCursor() {
	if f.input.Focused() {
		f.input.SetCursor(f.input.Position())
		return
	}
	f.input.CursorStart()
}

func (f *fieldState) focusable() bool { return !f.ReadOnly }

func (m *Model) index(key string) int {
	for i, f := range m.fields {
		if f.Key == key {
			return i
		}
	}
	return -1
}

func (m *Model) field(key string) *fieldState {
	if i := m.index(key); i >= 0 {
		return m.fields[i]
	}
	return nil
}

// Has reports whether the form has a field with this key.
func (m *Model) Has(key string) bool { return m.index(key) >= 0 }

// Value returns a field's current value, normalised ("" for no such field).
func (m *Model) Value(key string) string {
	if f := m.field(key); f != nil {
		return f.current()
	}
	return m.stash[key]
}

// Values returns every current value by key, including values kept for
// fields not shown yet.
func (m *Model) Values() map[string]string {
	out := maps.Clone(m.stash)
	for _, f := range m.fields {
		out[f.Key] = f.current()
	}
	return out
}

// SetValue sets one value (kept for later if there is no such field yet).
func (m *Model) SetValue(key, v string) {
	m.SetValues(map[string]string{key: v})
}

// SetValues sets current values by key; values for keys without a field
// are kept until the field appears.
func (m *Model) SetValues(values map[string]string) {
	for k, v := range values {
		if f := m.field(k); f != nil {
			f.set(v)
			f.external = ""
		} else {
			m.stash[k] = v
		}
	}
	m.rev++
	m.revalidate()
	m.ensureVisible()
}

// SetOriginal sets the values the form started from (the record as
// loaded) and makes them the current values too. Keys not given are empty.
func (m *Model) SetOriginal(values map[string]string) {
	m.originals = maps.Clone(values)
	m.stash = map[string]string{}
	for _, f := range m.fields {
		f.original = f.normalise(f.clean(values[f.Key]))
		f.keepUnknownOption(f.original)
		f.set(f.original)
		// The original is what the field holds (cleaned, cut to its
		// length): opening a record is not a change.
		f.original = f.current()
		f.touched, f.external = false, ""
	}
	m.showAll = false
	m.rev++
	m.revalidate()
}

// MarkSaved makes the current values the originals, as after a save.
// Masked fields are emptied: an empty secret means "unchanged".
func (m *Model) MarkSaved() {
	values := m.Values()
	for _, f := range m.fields {
		if f.masked() {
			values[f.Key] = ""
		}
	}
	m.SetOriginal(values)
}

// Change is one field whose value differs from the original. Old and New
// are the values; OldText and NewText are what may be shown (a masked
// value is Mask, choices show their labels, empty is "(empty)").
type Change struct {
	Key, Label       string
	Old, New         string
	OldText, NewText string
	Masked           bool
}

// Changes lists the fields that differ from the originals, in form order.
func (m *Model) Changes() []Change {
	var out []Change
	for _, f := range m.fields {
		cur := f.current()
		if cur == f.original {
			continue
		}
		out = append(out, Change{
			Key: f.Key, Label: f.Label, Old: f.original, New: cur,
			OldText: f.display(f.original), NewText: f.display(cur), Masked: f.masked(),
		})
	}
	return out
}

// ChangedValues returns the changed fields' new values by key.
func (m *Model) ChangedValues() map[string]string {
	out := map[string]string{}
	for _, c := range m.Changes() {
		out[c.Key] = c.New
	}
	return out
}

// Pending returns what is unsaved: the changed fields' values and values
// kept for fields not shown yet (for a draft).
func (m *Model) Pending() map[string]string {
	out := m.ChangedValues()
	for k, v := range m.stash {
		if v != m.originals[k] {
			out[k] = v
		}
	}
	return out
}

// Dirty reports whether anything differs from the originals.
func (m *Model) Dirty() bool {
	return len(m.Changes()) > 0 || len(m.stash) > 0
}

// Revision counts the changes of values; it grows with every edit, for
// callers that save drafts when it moved.
func (m *Model) Revision() int { return m.rev }

// display is what may be drawn for a value of the field.
func (f *fieldState) display(v string) string {
	switch {
	case v == "" || f.Kind == MultiChoice && len(splitList(v)) == 0:
		return "(empty)"
	case f.masked():
		return Mask
	case f.Kind == Bool && v == "true":
		return "yes"
	case f.Kind == Bool:
		return "no"
	case f.Kind == Choice:
		return f.label(v)
	case f.Kind == MultiChoice:
		var labels []string
		for _, p := range splitList(v) {
			labels = append(labels, f.label(p))
		}
		return joinLabels(labels)
	}
	return v
}

// Display returns what may be drawn for a value of the field key: masked
// values as Mask, choices by label.
func (m *Model) Display(key, value string) string {
	if f := m.field(key); f != nil {
		return f.display(f.normalise(value))
	}
	return value
}

// Label returns a field's label.
func (m *Model) Label(key string) string {
	if f := m.field(key); f != nil {
		return f.Label
	}
	return key
}

// SetError puts a message beside a field (a server's answer, say); it
// clears when the value changes. An empty message clears it.
func (m *Model) SetError(key, msg string) {
	if f := m.field(key); f != nil {
		f.external = msg
		m.ensureVisible()
	}
}

// Error returns the message shown (or due) beside a field, "" if none.
func (m *Model) Error(key string) string {
	if f := m.field(key); f != nil {
		return f.message()
	}
	return ""
}

func (f *fieldState) message() string {
	switch {
	case f.external != "":
		return f.external
	case f.err != nil:
		return f.err.Error()
	}
	return f.crossErr
}

// Errors returns the messages of every field that has one.
func (m *Model) Errors() map[string]string {
	out := map[string]string{}
	for _, f := range m.fields {
		if msg := f.message(); msg != "" {
			out[f.Key] = msg
		}
	}
	return out
}

// Validate checks every field, shows every error from now on and moves the
// focus to the first field in error. It reports whether the form is valid.
func (m *Model) Validate() (bool, tea.Cmd) {
	m.showAll = true
	m.revalidate()
	for i, f := range m.fields {
		if f.message() != "" {
			cmd := m.focusIndex(i)
			m.ensureVisible()
			return false, cmd
		}
	}
	return true, nil
}

func (m *Model) revalidate() {
	for _, f := range m.fields {
		f.err = f.check(f.current())
		f.crossErr = ""
	}
	if m.cross == nil {
		return
	}
	for k, msg := range m.cross(m.Value) {
		if f := m.field(k); f != nil {
			f.crossErr = msg
		}
	}
}

// shownError is the message drawn beside a field now: a server's message
// always; a check's once the field was left or a save tried, or at once
// when more typing cannot make the value valid.
func (m *Model) shownError(f *fieldState) string {
	if f.external != "" {
		return f.external
	}
	if m.showAll || f.touched {
		return f.message()
	}
	if err := f.earlyError(f.current()); err != nil && f.typed() {
		return err.Error()
	}
	return ""
}
