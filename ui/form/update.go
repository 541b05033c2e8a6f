package form

import (
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// Init starts the cursor blinking.
func (m *Model) Init() tea.Cmd { return textinput.Blink }

// Focused returns the key of the focused field, "" if none.
func (m *Model) Focused() string {
	if m.focus < 0 || m.focus >= len(m.fields) {
		return ""
	}
	return m.fields[m.focus].Key
}

// Focus moves the focus to a field.
func (m *Model) Focus(key string) tea.Cmd {
	i := m.index(key)
	if i < 0 || !m.fields[i].focusable() {
		return nil
	}
	cmd := m.focusIndex(i)
	m.ensureVisible()
	return cmd
}

func (m *Model) focusIndex(i int) tea.Cmd {
	if m.focus >= 0 && m.focus < len(m.fields) && m.focus != i {
		f := m.fields[m.focus]
		f.input.Blur()
		f.placeCursor()
		f.open = false
		f.touched = true
	}
	m.focus = i
	if i < 0 || i >= len(m.fields) {
		return nil
	}
	f := m.fields[i]
	cmd := f.input.Focus()
	f.input.CursorEnd()
	return cmd
}

// nextFocusable returns the next focusable field from i in direction dir
// (+1 or -1), wrapping around; -1 if there is none.
func (m *Model) nextFocusable(i, dir int) int {
	n := len(m.fields)
	for step := 1; step <= n; step++ {
		j := ((i+dir*step)%n + n) % n
		if m.fields[j].focusable() {
			return j
		}
	}
	return -1
}

// ListOpen reports whether a choice list is open (esc closes it rather
// than leaving the screen).
func (m *Model) ListOpen() bool {
	f := m.focused()
	return f != nil && f.open
}

func (m *Model) focused() *fieldState {
	if m.focus < 0 || m.focus >= len(m.fields) {
		return nil
	}
	return m.fields[m.focus]
}

// CapturesKey reports whether the focused field types this key: printable
// keys while a text field has focus, so ? or a letter is text, not a
// command.
func (m *Model) CapturesKey(k tea.KeyMsg) bool {
	f := m.focused()
	if f == nil || !f.typed() || f.ReadOnly {
		return false
	}
	return k.Type == tea.KeyRunes && !k.Alt || k.Type == tea.KeySpace
}

// Update handles keys (the screen passes its keys on, after taking its own
// such as save and back) and the cursor's blinking.
func (m *Model) Update(msg tea.Msg) (*Model, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		f := m.focused()
		if f == nil || !f.typed() {
			return m, nil
		}
		var cmd tea.Cmd
		f.input, cmd = f.input.Update(msg)
		return m, cmd
	}
	cmd := m.handleKey(k)
	m.ensureVisible()
	return m, cmd
}

func (m *Model) handleKey(k tea.KeyMsg) tea.Cmd {
	f := m.focused()
	if f == nil {
		return nil
	}
	if f.open {
		return m.listKey(f, k)
	}
	fk := m.keys.Form
	switch {
	case key.Matches(k, fk.Next):
		return m.move(1)
	case key.Matches(k, fk.Prev):
		return m.move(-1)
	}
	switch f.Kind {
	case Bool:
		if key.Matches(k, fk.Toggle) {
			m.edit(f, map[string]string{"true": "false", "false": "true"}[f.value])
		} else if key.Matches(k, fk.Accept) {
			return m.move(1)
		}
		return nil
	case Choice, MultiChoice:
		return m.choiceKey(f, k)
	}
	if key.Matches(k, fk.Accept) {
		return m.move(1)
	}
	return m.typeKey(f, k)
}

func (m *Model) move(dir int) tea.Cmd {
	j := m.nextFocusable(m.focus, dir)
	if j < 0 {
		return nil
	}
	return m.focusIndex(j)
}

func (m *Model) typeKey(f *fieldState, k tea.KeyMsg) tea.Cmd {
	if f.ReadOnly {
		return nil
	}
	before := f.input.Value()
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(k)
	if f.input.Value() != before {
		m.changed(f)
	}
	return cmd
}

// edit sets a non-typed field's value as the user's change.
func (m *Model) edit(f *fieldState, v string) {
	v = f.normalise(v)
	if v == f.value {
		return
	}
	f.value = v
	m.changed(f)
}

func (m *Model) changed(f *fieldState) {
	f.external = ""
	m.rev++
	m.revalidate()
}

func (m *Model) choiceKey(f *fieldState, k tea.KeyMsg) tea.Cmd {
	fk := m.keys.Form
	switch {
	case key.Matches(k, fk.Toggle), key.Matches(k, fk.Accept):
		if len(f.Options) > 0 {
			f.open = true
			f.cursor = max(f.selectedIndex(), 0)
		}
	case f.Kind == Choice && key.Matches(k, fk.NextChoice):
		m.cycle(f, 1)
	case f.Kind == Choice && key.Matches(k, fk.PrevChoice):
		m.cycle(f, -1)
	}
	return nil
}

// cycle steps a single choice through "none" and the options.
func (m *Model) cycle(f *fieldState, dir int) {
	n := len(f.Options) + 1
	i := (f.selectedIndex() + 1 + dir + n) % n
	if i == 0 {
		m.edit(f, "")
		return
	}
	m.edit(f, f.Options[i-1].Value)
}

func (f *fieldState) selectedIndex() int {
	first := f.value
	if f.Kind == MultiChoice {
		first, _, _ = strings.Cut(f.value, ",")
	}
	return slices.IndexFunc(f.Options, func(o Option) bool { return o.Value == first })
}

func (m *Model) listKey(f *fieldState, k tea.KeyMsg) tea.Cmd {
	fk, mk := m.keys.Form, m.keys.Menu
	switch {
	case key.Matches(k, mk.Up):
		f.cursor = max(f.cursor-1, 0)
	case key.Matches(k, mk.Down):
		f.cursor = min(f.cursor+1, len(f.Options)-1)
	case key.Matches(k, m.keys.Global.Back):
		f.open = false
	case key.Matches(k, fk.Next):
		f.open = false
		return m.move(1)
	case key.Matches(k, fk.Prev):
		f.open = false
		return m.move(-1)
	case f.Kind == MultiChoice && key.Matches(k, fk.Toggle):
		m.toggleChoice(f, f.Options[f.cursor].Value)
	case f.Kind == MultiChoice && key.Matches(k, fk.Accept):
		f.open = false
	case key.Matches(k, fk.Toggle), key.Matches(k, fk.Accept):
		m.edit(f, f.Options[f.cursor].Value)
		f.open = false
	}
	return nil
}

func (m *Model) toggleChoice(f *fieldState, v string) {
	picked := splitList(f.value)
	if i := slices.Index(picked, v); i >= 0 {
		picked = slices.Delete(picked, i, i+1)
	} else {
		picked = append(picked, v)
	}
	m.edit(f, strings.Join(picked, ","))
}
