package importwizard

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"loyaltydesk/ui"
)

// picker chooses a file by walking folders. It is the wizard's own rather
// than bubbles/filepicker, whose View and Update stat files (I/O outside a
// command) and dereference the result unchecked, so a file deleted while
// the list is shown would panic; here a folder is read once, in a command,
// into plain values.
type picker struct {
	m       *Model
	dir     string
	req     int  // the latest folder read asked for
	loading bool // a folder is being read
	entries []entry
	cursor  int
	top     int
	height  int
	err     error
}

// entry is one line of a folder's listing.
type entry struct {
	name string
	dir  bool
	size int64
}

type dirMsg struct {
	tag
	p       *picker
	req     int
	asked   string
	dir     string
	entries []entry
	err     error
}

// openPicker starts the picker in the folder of the typed path, or else
// in the working folder.
func (m *Model) openPicker() tea.Cmd {
	p := &picker{m: m, height: m.pickerRows()}
	m.source.picker, m.err = p, nil
	start := ""
	if typed := strings.TrimSpace(m.source.path.Value()); typed != "" {
		start = filepath.Dir(expandHome(typed))
	}
	return p.read(start)
}

// read lists a folder in a command; "" is the working folder.
func (p *picker) read(dir string) tea.Cmd {
	p.req++
	p.loading = true
	t, req := tag{m: p.m}, p.req
	return func() tea.Msg {
		abs, entries, err := readFolder(dir)
		return dirMsg{tag: t, p: p, req: req, asked: dir, dir: abs, entries: entries, err: err}
	}
}

// readFolder lists the visible entries of a folder, folders first, with a
// ".." entry to go up.
func readFolder(dir string) (string, []entry, error) {
	if dir == "" {
		dir = "."
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir, nil, err
	}
	list, err := os.ReadDir(abs)
	if err != nil {
		return abs, nil, err
	}
	entries := make([]entry, 0, len(list)+1)
	for _, d := range list {
		if strings.HasPrefix(d.Name(), ".") {
			continue
		}
		info, err := os.Stat(filepath.Join(abs, d.Name())) // follows links, so a link to a folder opens it
		if err != nil {
			continue
		}
		entries = append(entries, entry{name: d.Name(), dir: info.IsDir(), size: info.Size()})
	}
	slices.SortFunc(entries, func(a, b entry) int {
		if a.dir != b.dir {
			if a.dir {
				return -1
			}
			return 1
		}
		return cmp.Compare(strings.ToLower(a.name), strings.ToLower(b.name))
	})
	if parent := filepath.Dir(abs); parent != abs {
		entries = append([]entry{{name: "..", dir: true}}, entries...)
	}
	return abs, entries, nil
}

func (r dirMsg) apply(m *Model) tea.Cmd {
	p := m.source.picker
	if p != r.p || r.req != p.req {
		return nil
	}
	p.loading = false
	if r.err != nil && p.dir == "" && r.asked != "" {
		return p.read("") // the typed path's folder is not there: start in the working folder
	}
	if r.err != nil {
		p.err = r.err
		return nil
	}
	p.dir, p.entries, p.cursor, p.top, p.err = r.dir, r.entries, 0, 0, nil
	return nil
}

// key moves in the list, opens folders and picks a file (picked); closed
// reports that the picker is done.
func (p *picker) key(k tea.KeyMsg) (cmd tea.Cmd, picked string, closed bool) {
	w := p.m.c.Keys.Wizard
	switch {
	case key.Matches(k, p.m.c.Keys.Global.Back):
		return nil, "", true
	case key.Matches(k, w.Up):
		p.move(-1)
	case key.Matches(k, w.Down):
		p.move(1)
	case key.Matches(k, w.PageUp):
		p.move(-p.height)
	case key.Matches(k, w.PageDown):
		p.move(p.height)
	case key.Matches(k, w.Left), key.Matches(k, w.Parent):
		return p.read(filepath.Dir(p.dir)), "", false
	case key.Matches(k, w.Next), key.Matches(k, w.Right):
		if p.cursor >= len(p.entries) || p.loading {
			return nil, "", false
		}
		e := p.entries[p.cursor]
		target := filepath.Join(p.dir, e.name)
		if e.dir {
			return p.read(target), "", false
		}
		return nil, target, true
	}
	return nil, "", false
}

func (p *picker) move(by int) {
	p.cursor = max(min(p.cursor+by, len(p.entries)-1), 0)
	if p.cursor < p.top {
		p.top = p.cursor
	}
	if p.cursor >= p.top+p.height {
		p.top = p.cursor - p.height + 1
	}
}

// pickerRows is how many entries the picker shows at the page's height.
func (m *Model) pickerRows() int { return max(m.height-8, 3) }

func (p *picker) view(width int) string {
	st, w := p.m.c.Styles, p.m.c.Keys.Wizard
	lines := []string{
		st.Subtitle.Render("Choose the file to import"),
		st.Label.Render("in ") + st.Value.Render(ui.Truncate(ui.Sanitize(p.dir), max(width-3, 10))),
	}
	switch {
	case p.err != nil:
		lines = append(lines, st.Error.Render("✗ ")+st.Wrap(ui.Describe(p.err), width-2))
	case p.loading && len(p.entries) == 0:
		lines = append(lines, st.Faint.Render("reading the folder…"))
	case len(p.entries) == 0:
		lines = append(lines, st.Faint.Render("this folder is empty"))
	}
	end := min(p.top+p.height, len(p.entries))
	for i := p.top; i < end; i++ {
		lines = append(lines, p.line(i, width))
	}
	hint := fmt.Sprintf("%s open/choose · %s parent folder · %s type the path instead",
		w.Next.Help().Key, w.Parent.Help().Key, p.m.c.Keys.Global.Back.Help().Key)
	return strings.Join(append(lines, st.Faint.Render(ui.Truncate(hint, width))), "\n")
}

func (p *picker) line(i, width int) string {
	st, e := p.m.c.Styles, p.entries[i]
	name, size := ui.Sanitize(e.name), ""
	if e.dir {
		name += "/"
	} else {
		size = humanSize(e.size)
	}
	nameWidth := max(width-4-len(size), 8)
	text := "  " + ui.Truncate(name, nameWidth)
	text += strings.Repeat(" ", max(width-lipgloss.Width(text)-len(size)-1, 1)) + size
	switch {
	case i == p.cursor:
		return ui.SelectedLine(st, strings.TrimPrefix(text, "  "))
	case e.dir:
		return st.Accent.Render(text)
	}
	return text
}

func humanSize(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d B", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	case n < 1<<30:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
}
