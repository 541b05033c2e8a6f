package importwizard

import (
	"context"
	"errors"
	"slices"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	"loyaltydesk/importer"
)

// formatKey: left/right cycle the delimiter, space toggles the header row.
func (m *Model) formatKey(k tea.KeyMsg) tea.Cmd {
	w := m.c.Keys.Wizard
	f := m.sample.Format
	switch {
	case key.Matches(k, m.c.Keys.Global.Back):
		return m.back()
	case f.Workbook && (key.Matches(k, w.Left) || key.Matches(k, w.Right)):
		if len(m.sample.Sheets) > 1 {
			return m.sniffSheet(cycle(m.sample.Sheets, f.Sheet, key.Matches(k, w.Right)))
		}
	case key.Matches(k, w.Left), key.Matches(k, w.Right):
		f.Delimiter = cycle(importer.Delimiters, f.Delimiter, key.Matches(k, w.Right))
		m.sample = m.sample.WithFormat(f)
	case key.Matches(k, w.Toggle):
		f.Header = !f.Header
		m.sample = m.sample.WithFormat(f)
	case key.Matches(k, w.Next):
		return m.readTable()
	}
	return nil
}

// mappingKey: up/down pick a column, left/right change its header.
func (m *Model) mappingKey(k tea.KeyMsg) tea.Cmd {
	w := m.c.Keys.Wizard
	switch {
	case key.Matches(k, m.c.Keys.Global.Back):
		return m.back()
	case key.Matches(k, w.Up):
		m.column = max(m.column-1, 0)
	case key.Matches(k, w.Down):
		m.column = min(m.column+1, m.table.Columns()-1)
	case key.Matches(k, w.PageUp):
		m.column = max(m.column-m.listRows(), 0)
	case key.Matches(k, w.PageDown):
		m.column = min(m.column+m.listRows(), m.table.Columns()-1)
	case key.Matches(k, w.Left), key.Matches(k, w.Right):
		m.cycleHeader(key.Matches(k, w.Right))
	case key.Matches(k, w.Next):
		if m.mapping.Mapped() == 0 {
			m.err = errors.New("map at least one column to a customer field (←/→ on a column)")
			return nil
		}
		return m.validate()
	}
	return nil
}

// freeHeaders are the choices for a column: skipped, or a header no other
// column has. Cycling never takes a header from another column, so
// passing over a header on the way to another changes nothing else.
func (m *Model) freeHeaders(col int) []string {
	out := []string{""}
	for _, h := range apiclient.ProfileHeaders {
		if c := m.mapping.Column(h); c < 0 || c == col {
			out = append(out, h)
		}
	}
	return out
}

func (m *Model) cycleHeader(forward bool) {
	next := cycle(m.freeHeaders(m.column), m.mapping.Header(m.column), forward)
	if _, err := m.mapping.Assign(m.column, next); err != nil {
		m.err = err
		return
	}
	m.err = nil
}

type planMsg struct {
	tag
	plan *importer.Plan
	err  error
}

// validate checks every row; for a large file this takes a moment, so it
// runs as a command.
func (m *Model) validate() tea.Cmd {
	t, mp := m.table, m.mapping.Clone()
	return m.run("Checking every row…", func(_ context.Context, tg tag) tea.Msg {
		p, err := importer.Validate(t, mp)
		return planMsg{tag: tg, plan: p, err: err}
	})
}

func (r planMsg) apply(m *Model) tea.Cmd {
	if r.err != nil {
		m.err = r.err
		return nil
	}
	m.plan, m.problem, m.step = r.plan, 0, stepValidate
	m.job, m.preview = nil, nil
	if m.fixedRow >= 0 {
		for i, p := range r.plan.Problems() {
			if p.Row >= m.fixedRow {
				m.problem = i
				break
			}
		}
	}
	return nil
}

// validateKey: up/down move in the problems, space chooses whether
// fixable rows are sent fixed or set aside.
func (m *Model) validateKey(k tea.KeyMsg) tea.Cmd {
	w := m.c.Keys.Wizard
	if m.fix != nil {
		return m.fixKey(k)
	}
	last := max(len(m.plan.Problems())-1, 0)
	switch {
	case key.Matches(k, w.Fix) && len(m.plan.Problems()) > 0:
		return m.openFix()
	case key.Matches(k, m.c.Keys.Global.Back):
		return m.back()
	case key.Matches(k, w.Up):
		m.problem = max(m.problem-1, 0)
	case key.Matches(k, w.Down):
		m.problem = min(m.problem+1, last)
	case key.Matches(k, w.PageUp):
		m.problem = max(m.problem-m.listRows(), 0)
	case key.Matches(k, w.PageDown):
		m.problem = min(m.problem+m.listRows(), last)
	case key.Matches(k, w.Toggle) && m.plan.Counts().Fixable > 0:
		m.sendFix = !m.sendFix
	case key.Matches(k, w.DateOrder) && m.plan.Dates().Column >= 0:
		m.mapping.SetDateOrder(cycle(importer.DateOrders, m.mapping.DateOrder(), true))
		return m.validate()
	case key.Matches(k, w.Next):
		c := m.plan.Counts()
		if c.Valid == 0 && (c.Fixable == 0 || !m.sendFix) {
			m.err = errors.New("no row can be imported: fix the file or the mapping")
			return nil
		}
		m.err = nil
		return m.enterOptions()
	}
	return nil
}

// listRows is how far a page key moves in a list.
func (m *Model) listRows() int { return max(m.height-10, 3) }

// cycle returns the choice after (or before) cur, wrapping around; a cur
// not in the list counts as just before the first.
func cycle[T comparable](choices []T, cur T, forward bool) T {
	i := slices.Index(choices, cur)
	if forward {
		return choices[(i+1)%len(choices)]
	}
	if i <= 0 {
		return choices[len(choices)-1]
	}
	return choices[i-1]
}

// sniffSheet reads the first rows of another sheet of the workbook.
func (m *Model) sniffSheet(sheet string) tea.Cmd {
	s := m.sample
	return m.run("Reading sheet "+sheet+"…", func(_ context.Context, t tag) tea.Msg {
		next, err := s.SniffSheet(sheet)
		return sampleMsg{tag: t, path: m.file, sample: next, err: err}
	})
}
