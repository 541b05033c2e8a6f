package lookup

import (
	"strings"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	"loyaltydesk/custindex"
	"loyaltydesk/ui"
)

// searchState is the back-office search. It reads the profile's shared
// customer index (custindex) and never holds a keystroke: each query runs
// in a command, a newer one makes the older give up, and only the newest
// answer is shown. Until the index is there it asks the service instead.
type searchState struct {
	input textinput.Model

	status   custindex.Status // the index as last heard of
	watching bool             // a command waits for the index's next change

	seq     int           // the newest query's number
	latest  *atomic.Int64 // seq, for the running search to see it is stale
	result  *custindex.Result
	pending bool

	remote    bool // results came from the service (no index yet)
	remoteErr error

	results []custindex.Entry
	total   int
	cursor  int
	// openWhenDone: enter came while the list was still an older query's;
	// the top match of the query in the box opens when its answer comes.
	openWhenDone bool
}

const (
	searchLimit = 200
	// refreshAge: the index is brought up to date when search opens and
	// its last update is older than this.
	refreshAge = time.Minute
	// remoteDelay: the service is asked once typing pauses this long.
	remoteDelay = 300 * time.Millisecond
	// indexDelay: the index is searched once typing pauses this long, so
	// that a fast typist's keys do not each start a scan of every customer
	// that competes with drawing the next key (a query overtaken by the
	// next key also gives up midway).
	indexDelay = 40 * time.Millisecond
)

type indexChangedMsg struct{}

type searchDoneMsg struct {
	seq int
	res *custindex.Result
}

type remoteDueMsg struct{ seq int }

type indexDueMsg struct{ seq int }

type remoteDoneMsg struct {
	seq       int
	customers []apiclient.Customer
	err       error
}

func (m *Model) openSearch() tea.Cmd {
	m.mode = modeSearch
	if m.search == nil {
		in := ui.NewTextInput(m.c.Styles, "name / email / phone › ", "type to search")
		in.Width = inputWidth(m.width, in.Prompt)
		m.search = &searchState{input: in, latest: new(atomic.Int64)}
	}
	m.search.input.Focus()
	if store := m.c.Customers; store != nil {
		m.search.status = store.Status()
	}
	return tea.Batch(m.c.RefreshCustomers(refreshAge), m.watchIndex(), m.spin.Tick, m.runSearch())
}

// watchIndex waits, in a command, for the index's next change.
func (m *Model) watchIndex() tea.Cmd {
	s := m.search
	if m.c.Customers == nil || s.watching {
		return nil
	}
	s.watching = true
	changed, ctx := s.status.Changed, m.c.Ctx
	return func() tea.Msg {
		select {
		case <-changed:
			return indexChangedMsg{}
		case <-ctx.Done():
			return nil
		}
	}
}

// runSearch starts the query in the box: on the index when there is one,
// else (after a pause in typing) at the service.
func (m *Model) runSearch() tea.Cmd {
	s := m.search
	s.seq++
	seq := s.seq
	s.latest.Store(int64(seq))
	query := strings.TrimSpace(s.input.Value())
	ix := s.status.Index
	switch {
	case query == "":
		s.pending, s.results, s.total, s.result, s.remote, s.remoteErr = false, nil, 0, nil, false, nil
		return nil
	case ix == nil:
		s.pending = true
		return tea.Tick(remoteDelay, func(time.Time) tea.Msg { return remoteDueMsg{seq} })
	}
	s.pending = true
	return tea.Tick(indexDelay, func(time.Time) tea.Msg { return indexDueMsg{seq} })
}

// searchIndex runs query number seq on the index, in a command.
func (m *Model) searchIndex(seq int) tea.Cmd {
	s := m.search
	ix, query := s.status.Index, strings.TrimSpace(s.input.Value())
	if ix == nil || query == "" {
		return nil
	}
	prev, latest := s.result, s.latest
	return func() tea.Msg {
		res := ix.Search(query, searchLimit, prev, func() bool { return latest.Load() != int64(seq) })
		return searchDoneMsg{seq, res}
	}
}

func (m *Model) askService(seq int) tea.Cmd {
	api, ctx, query := m.c.API, m.c.Ctx, strings.TrimSpace(m.search.input.Value())
	return func() tea.Msg {
		found, err := api.CustomerFind(ctx, query)
		return remoteDoneMsg{seq, found, err}
	}
}

func (m *Model) updateSearch(msg tea.Msg) (tea.Cmd, bool) {
	s := m.search
	if s == nil {
		switch msg.(type) {
		case indexChangedMsg, searchDoneMsg, remoteDueMsg, remoteDoneMsg, indexDueMsg:
			return nil, true
		}
		return nil, false
	}
	switch msg := msg.(type) {
	case indexChangedMsg:
		return m.indexChanged(), true
	case searchDoneMsg:
		if msg.seq == s.seq && msg.res != nil {
			s.pending, s.remote, s.remoteErr = false, false, nil
			s.result, s.results, s.total = msg.res, msg.res.Entries, msg.res.Total
			s.cursor = min(s.cursor, max(len(s.results)-1, 0))
			return m.openIfAsked(), true
		}
		return nil, true
	case indexDueMsg:
		if msg.seq != s.seq {
			return nil, true
		}
		return m.searchIndex(msg.seq), true
	case remoteDueMsg:
		if msg.seq != s.seq || s.status.Index != nil {
			return nil, true
		}
		return tea.Batch(m.spin.Tick, m.askService(msg.seq)), true
	case remoteDoneMsg:
		return m.applyRemote(msg), true
	}
	return nil, false
}

// indexChanged takes up the index's new status; a new snapshot reruns the
// query on it.
func (m *Model) indexChanged() tea.Cmd {
	s := m.search
	s.watching = false
	before := s.status.Index
	s.status = m.c.Customers.Status()
	cmds := []tea.Cmd{m.watchIndex()}
	if s.status.Index != before && s.input.Value() != "" {
		s.result = nil // another snapshot: nothing to narrow from
		cmds = append(cmds, m.runSearch())
	}
	if s.status.Phase != custindex.Idle {
		cmds = append(cmds, m.spin.Tick)
	}
	return tea.Batch(cmds...)
}

func (m *Model) applyRemote(msg remoteDoneMsg) tea.Cmd {
	s := m.search
	if msg.seq != s.seq || s.status.Index != nil {
		return nil
	}
	s.pending, s.remote, s.remoteErr = false, true, msg.err
	if msg.err != nil {
		// the list on screen is an older query's: nothing in it may open
		s.results, s.total, s.cursor, s.openWhenDone = nil, 0, 0, false
		return ui.ReportConnection(msg.err)
	}
	s.results = make([]custindex.Entry, len(msg.customers))
	for i, c := range msg.customers {
		s.results[i] = custindex.Entry{Code: c.Code, CardNumber: c.CardNumber, Name: c.FullName(), Email: c.Email, Phone: c.Phone}
	}
	s.total = len(s.results)
	s.cursor = min(s.cursor, max(len(s.results)-1, 0))
	return tea.Batch(ui.ReportConnection(nil), m.openIfAsked())
}

func (m *Model) searchKey(k tea.KeyMsg) tea.Cmd {
	s, keys := m.search, m.c.Keys
	switch {
	case key.Matches(k, keys.Global.Back):
		m.mode = modeScan
		s.openWhenDone = false
		return nil
	case key.Matches(k, keys.Lookup.Up):
		s.cursor = max(s.cursor-1, 0)
		return nil
	case key.Matches(k, keys.Lookup.Down):
		s.cursor = min(s.cursor+1, max(len(s.results)-1, 0))
		return nil
	case key.Matches(k, keys.Lookup.Submit):
		if s.pending {
			s.openWhenDone = true // the list shown is an older query's
			return nil
		}
		return m.openChosen()
	}
	if k.Alt {
		return nil // alt+N is a command, never text
	}
	before := s.input.Value()
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(k)
	if s.input.Value() == before {
		return cmd
	}
	// another query: its list starts at its best match
	s.cursor, s.openWhenDone = 0, false
	return tea.Batch(cmd, m.runSearch())
}

// openChosen looks up the customer under the cursor.
func (m *Model) openChosen() tea.Cmd {
	s := m.search
	if s.cursor >= len(s.results) {
		return nil
	}
	m.mode = modeScan
	code := s.results[s.cursor].Code
	m.input.SetValue(code)
	return m.lookup(code)
}

// openIfAsked opens the chosen match once the answer to the query enter
// was pressed on has come.
func (m *Model) openIfAsked() tea.Cmd {
	s := m.search
	if !s.openWhenDone || s.pending || m.mode != modeSearch {
		return nil
	}
	s.openWhenDone = false
	return m.openChosen()
}

func (m *Model) searchBusy() bool {
	s := m.search
	return s != nil && (s.pending || s.status.Phase != custindex.Idle)
}
