package account

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	"loyaltydesk/ui"
)

// picker chooses one entry of a reference list, narrowed by what is typed
// (code or name): the timezone list is long, and "auck" beats scrolling.
type picker struct {
	field   string
	title   string
	current string
	items   []apiclient.ReferenceItem
	filter  textinput.Model
	matches []int
	cursor  int
}

func newPicker(st *ui.Styles, field, title, current string, items []apiclient.ReferenceItem, typed string) *picker {
	in := ui.NewTextInput(st, "search › ", "type part of the code or name")
	in.CharLimit = 40
	in.Focus()
	in.SetValue(typed)
	p := &picker{field: field, title: title, current: current, items: items, filter: in}
	p.refilter()
	for i, idx := range p.matches {
		if typed == "" && items[idx].Code == current {
			p.cursor = i
		}
	}
	return p
}

// refilter keeps the entries that contain the query in their code or
// name, those whose code starts with it first.
func (p *picker) refilter() {
	q := strings.ToLower(strings.TrimSpace(p.filter.Value()))
	var first, rest []int
	for i, it := range p.items {
		code, name := strings.ToLower(it.Code), strings.ToLower(it.Name)
		switch {
		case q == "" || strings.HasPrefix(code, q):
			first = append(first, i)
		case strings.Contains(name, q) || strings.Contains(code, q):
			rest = append(rest, i)
		}
	}
	p.matches = append(first, rest...)
	p.cursor = min(p.cursor, max(len(p.matches)-1, 0))
}

// pickerResult is what a key did to the picker.
type pickerResult int

const (
	pickerOpen pickerResult = iota
	pickerChosen
	pickerClosed
)

func (p *picker) update(k tea.KeyMsg, keys pickerKeys) (pickerResult, tea.Cmd) {
	switch {
	case key.Matches(k, keys.up):
		p.cursor = max(p.cursor-1, 0)
	case key.Matches(k, keys.down):
		p.cursor = min(p.cursor+1, max(len(p.matches)-1, 0))
	case key.Matches(k, keys.choose):
		if len(p.matches) > 0 {
			return pickerChosen, nil
		}
	case key.Matches(k, keys.back):
		return pickerClosed, nil
	default:
		before := p.filter.Value()
		var cmd tea.Cmd
		p.filter, cmd = p.filter.Update(k)
		if p.filter.Value() != before {
			p.cursor = 0
			p.refilter()
		}
		return pickerOpen, cmd
	}
	return pickerOpen, nil
}

type pickerKeys struct{ up, down, choose, back key.Binding }

func (p *picker) chosen() string {
	if len(p.matches) == 0 {
		return ""
	}
	return p.items[p.matches[p.cursor]].Code
}

func (p *picker) view(st *ui.Styles, w, h int) string {
	head := st.Subtitle.Render(ui.Truncate("Choose the "+strings.ToLower(p.title), w))
	box := st.InputFocused.Width(max(w-2, 10)).Render(p.filter.View())
	count := st.Faint.Render(fmt.Sprintf("%d of %d", len(p.matches), len(p.items)))
	if len(p.matches) == 0 {
		count = st.Warning.Render("Nothing matches; backspace to widen the search.")
	}
	lines := []string{head, box, count}
	room := max(h-len(lines)-2, 1)
	first := min(max(p.cursor-room+1, 0), max(len(p.matches)-room, 0))
	for i := first; i < min(first+room, len(p.matches)); i++ {
		it := p.items[p.matches[i]]
		text := ui.Sanitize(it.Code) + " · " + ui.Sanitize(it.Name)
		if it.Code == p.current {
			text += " (current)"
		}
		line := "  " + ui.Truncate(text, w-2)
		if i == p.cursor {
			line = st.Selected.Render("› " + ui.Truncate(text, w-2))
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}
