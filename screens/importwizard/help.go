package importwizard

import (
	"github.com/charmbracelet/bubbles/key"

	"loyaltydesk/keymap"
)

// ShortHelp lists the keys of the current step.
func (m *Model) ShortHelp() []key.Binding {
	w, back := m.c.Keys.Wizard, m.c.Keys.Global.Back
	if m.busy != "" {
		return []key.Binding{keymap.WithHelp(back, "stop")}
	}
	switch m.step {
	case stepResume:
		return []key.Binding{w.Resume, w.Discard, w.Later, keymap.WithHelp(back, "leave")}
	case stepSource:
		return m.sourceHelp()
	case stepFormat:
		return []key.Binding{keymap.Pair(w.Left, w.Right, "delimiter"), keymap.WithHelp(w.Toggle, "header row"), w.Next, back}
	case stepMapping:
		return []key.Binding{keymap.Pair(w.Up, w.Down, "column"), keymap.Pair(w.Left, w.Right, "field"), keymap.WithHelp(w.Next, "check rows"), back}
	case stepValidate:
		if m.fix != nil {
			f := m.c.Keys.Form
			return []key.Binding{keymap.Pair(f.Prev, f.Next, "cell"), keymap.WithHelp(w.Next, "check again"), keymap.WithHelp(back, "cancel")}
		}
		out := []key.Binding{keymap.Pair(w.Up, w.Down, "problems"), w.Fix}
		if m.plan != nil && m.plan.Counts().Fixable > 0 {
			out = append(out, keymap.WithHelp(w.Toggle, "fixes on/off"))
		}
		if m.plan != nil && m.plan.Dates().Column >= 0 {
			out = append(out, w.DateOrder)
		}
		return append(out, w.Next, back)
	case stepOptions:
		f := m.c.Keys.Form
		return []key.Binding{keymap.Pair(f.Prev, f.Next, "option"), keymap.WithHelp(w.Toggle, "pick/toggle"), keymap.WithHelp(w.Next, "preview"), back}
	case stepPreview:
		if m.confirming {
			menu := m.c.Keys.Menu
			return []key.Binding{keymap.WithHelp(menu.Yes, "upload"), keymap.WithHelp(menu.No, "not yet")}
		}
		out := []key.Binding{keymap.Pair(w.Left, w.Right, "mode"), keymap.Pair(w.Up, w.Down, "matched rows")}
		if len(m.renames()) > 0 {
			out = append(out, keymap.WithHelp(w.Toggle, "renames: import/set aside"))
		}
		return append(out, keymap.WithHelp(w.Next, "upload…"), back)
	case stepUpload:
		return m.uploadHelp()
	}
	out := []key.Binding{keymap.WithHelp(w.Next, "another import"), keymap.WithHelp(back, "leave")}
	if len(m.posLists()) > 0 {
		out = append(out, keymap.Pair(w.Up, w.Down, "scroll"))
	}
	return out
}

func (m *Model) sourceHelp() []key.Binding {
	w, back := m.c.Keys.Wizard, m.c.Keys.Global.Back
	if m.source.picker != nil {
		return []key.Binding{keymap.Pair(w.Up, w.Down, "move"), keymap.WithHelp(w.Next, "open/choose"), w.Parent, keymap.WithHelp(back, "close")}
	}
	out := []key.Binding{keymap.WithHelp(w.Next, "read"), keymap.Pair(w.Up, w.Down, "file/Imonggo")}
	if m.source.imonggo {
		out = append(out, keymap.WithHelp(w.Toggle, "full sync"))
	} else {
		out = append(out, w.Browse)
	}
	return append(out, back)
}

func (m *Model) uploadHelp() []key.Binding {
	w, menu, back := m.c.Keys.Wizard, m.c.Keys.Menu, m.c.Keys.Global.Back
	switch u := m.up; {
	case u.asking:
		return []key.Binding{keymap.WithHelp(menu.Yes, "stop"), keymap.WithHelp(menu.No, "keep going")}
	case u.running:
		return []key.Binding{w.Cancel}
	case u.uncertain != nil:
		return []key.Binding{w.Resend, w.SetAside, back}
	case u.locked:
		return []key.Binding{keymap.WithHelp(w.Next, "try again"), back}
	}
	return []key.Binding{keymap.WithHelp(w.Next, "go on"), back}
}

// FullHelp lists the keys of the current step, then every key of the
// wizard.
func (m *Model) FullHelp() [][]key.Binding {
	w := m.c.Keys.Wizard
	return [][]key.Binding{
		m.ShortHelp(),
		{w.Next, w.Up, w.Down, w.PageUp, w.PageDown, w.Left, w.Right, w.Toggle},
		{w.Browse, w.Parent, w.Retry, w.Cancel, keymap.WithHelp(m.c.Keys.Form.Save, "options: go on")},
		{w.Resume, w.Discard, w.Later, w.Resend, w.SetAside, w.DateOrder, w.Fix},
	}
}
