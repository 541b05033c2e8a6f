package lookup

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	"loyaltydesk/ui"
)

// searchState is the back-office search: a local index of the customers
// report, loaded in the background the first time the search opens.
type searchState struct {
	input   textinput.Model
	index   *Index
	loading bool
	loaded  int
	err     error
	results []Entry
	total   int
	cursor  int
	updates chan tea.Msg
}

const searchLimit = 200

type indexProgressMsg struct{ loaded int }

type indexDoneMsg struct {
	index *Index
	err   error
}

func (m *Model) openSearch() tea.Cmd {
	m.mode = modeSearch
	if m.search != nil {
		m.search.input.Focus()
		if m.search.err == nil {
			return nil
		}
	}
	in := ui.NewTextInput(m.c.Styles, "name / email / phone › ", "type to search")
	in.Width = m.input.Width
	in.Focus()
	m.search = &searchState{input: in, loading: true, updates: make(chan tea.Msg, 8)}
	return tea.Batch(m.spin.Tick, m.loadIndex(m.search.updates), waitFor(m.search.updates))
}

// loadIndex streams the customers report into a new index, reporting
// progress on updates. The index is handed over only when complete.
func (m *Model) loadIndex(updates chan<- tea.Msg) tea.Cmd {
	api, ctx := m.c.API, m.c.Ctx
	return func() tea.Msg {
		ix := NewIndex()
		err := api.CustomersReport(ctx, apiclient.ReportFilter{}, func(c apiclient.Customer) error {
			ix.Add(c)
			if ix.Len()%2000 == 0 {
				select {
				case updates <- indexProgressMsg{ix.Len()}:
				default: // the screen is busy; the next count will do
				}
			}
			return nil
		})
		updates <- indexDoneMsg{ix, err}
		return nil
	}
}

func waitFor(ch <-chan tea.Msg) tea.Cmd {
	return func() tea.Msg { return <-ch }
}

func (m *Model) updateSearch(msg tea.Msg) (tea.Cmd, bool) {
	s := m.search
	switch msg := msg.(type) {
	case indexProgressMsg:
		if s != nil {
			s.loaded = msg.loaded
			return waitFor(s.updates), true
		}
		return nil, true
	case indexDoneMsg:
		if s == nil {
			return nil, true
		}
		s.loading = false
		if msg.err != nil {
			s.err = msg.err
			return ui.ReportConnection(msg.err), true
		}
		s.index, s.loaded = msg.index, msg.index.Len()
		m.refreshResults()
		return nil, true
	}
	return nil, false
}

func (m *Model) searchKey(k tea.KeyMsg) tea.Cmd {
	s, keys := m.search, m.c.Keys
	switch {
	case key.Matches(k, keys.Global.Back):
		m.mode = modeScan
		return nil
	case key.Matches(k, keys.Lookup.Up):
		s.cursor = max(s.cursor-1, 0)
		return nil
	case key.Matches(k, keys.Lookup.Down):
		s.cursor = min(s.cursor+1, max(len(s.results)-1, 0))
		return nil
	case key.Matches(k, keys.Lookup.Submit):
		if s.cursor < len(s.results) {
			m.mode = modeScan
			code := s.results[s.cursor].Code
			m.input.SetValue(code)
			return m.lookup(code)
		}
		return nil
	}
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(k)
	m.refreshResults()
	return cmd
}

func (m *Model) refreshResults() {
	s := m.search
	if s == nil || s.index == nil {
		return
	}
	s.results, s.total = s.index.Search(s.input.Value(), searchLimit)
	s.cursor = min(s.cursor, max(len(s.results)-1, 0))
}
