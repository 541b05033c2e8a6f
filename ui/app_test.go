package ui_test

import (
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/stretchr/testify/require"

	"loyaltydesk/ui"
	"loyaltydesk/ui/uitest"
)

// stubPage is a page that shows its name and can be dirty or panic.
type stubPage struct {
	name  string
	dirty bool
	boom  bool
}

func (p *stubPage) Init() tea.Cmd { return nil }
func (p *stubPage) Update(msg tea.Msg) (ui.Page, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok {
		switch k.String() {
		case "d":
			p.dirty = true
		case "!":
			panic("boom")
		case "#":
			return p, tea.Batch(nil, func() tea.Msg { panic("boom in a command") })
		case "esc":
			return p, ui.Back()
		}
	}
	return p, nil
}
func (p *stubPage) View() string                { return "page:" + p.name }
func (p *stubPage) SetSize(int, int)            {}
func (p *stubPage) Title() string               { return p.name }
func (p *stubPage) CapturesKey(tea.KeyMsg) bool { return false }
func (p *stubPage) Dirty() bool                 { return p.dirty }
func (p *stubPage) ShortHelp() []key.Binding    { return nil }
func (p *stubPage) FullHelp() [][]key.Binding   { return nil }

func stubFactories() map[ui.PageID]ui.PageFactory {
	f := map[ui.PageID]ui.PageFactory{}
	for _, id := range []ui.PageID{ui.PageLookup, ui.PageCustomer, ui.PageImport, ui.PageDashboard, ui.PageAccount} {
		f[id] = func(*ui.Common, any) ui.Page { return &stubPage{name: id.String()} }
	}
	return f
}

func startStub(t *testing.T, w, h int) *uitest.Harness {
	c := uitest.NewCommon(t, "http://127.0.0.1:1") // nothing listens: the header shows OFFLINE
	app := ui.NewApp(c, stubFactories(), ui.PageLookup)
	return uitest.Start(t, app, w, h)
}

func TestNavigationByFKeysAltKeysAndBack(t *testing.T) {
	h := startStub(t, 80, 24)
	h.WaitFor(t, "page:Lookup")
	h.Send(tea.KeyMsg{Type: tea.KeyF5})
	h.WaitFor(t, "page:Dashboard")
	h.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'6'}, Alt: true})
	h.WaitFor(t, "page:Account")
	h.Key(tea.KeyEsc)
	h.WaitForNew(t, "page:Dashboard")
	h.Key(tea.KeyEsc)
	h.WaitForNew(t, "page:Lookup")
	require.NoError(t, h.TM.Quit())
	require.Equal(t, ui.PageLookup, h.TM.FinalModel(t).(*ui.App).ActivePage())
}

func TestHeaderShowsOfflineWhenServerUnreachable(t *testing.T) {
	h := startStub(t, 80, 24)
	h.WaitFor(t, "[OFFLINE]", "Cannot reach the loyalty server")
}

func TestCommandMenuFilters(t *testing.T) {
	h := startStub(t, 80, 24)
	h.Send(tea.KeyMsg{Type: tea.KeyCtrlK})
	h.WaitFor(t, "Commands", "Go to import")
	h.Type("dash")
	h.Key(tea.KeyEnter)
	h.WaitFor(t, "page:Dashboard")
}

func TestDirtyPageAsksBeforeLeaving(t *testing.T) {
	h := startStub(t, 80, 24)
	h.Type("d")
	h.Send(tea.KeyMsg{Type: tea.KeyF4})
	h.WaitFor(t, "Leave Lookup? What you typed there is not saved.")
	h.Type("n")
	h.Send(tea.KeyMsg{Type: tea.KeyF4})
	h.Type("y")
	h.WaitFor(t, "page:Import")
}

func TestHelpShowsNavigationKeys(t *testing.T) {
	h := startStub(t, 100, 30)
	h.Type("?")
	h.WaitFor(t, "Keys on Lookup", "f5/alt+5", "dashboard", "ctrl+k")
}

func TestTooSmallNotice(t *testing.T) {
	h := startStub(t, 40, 10)
	h.WaitFor(t, "Terminal too small")
	h.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.WaitFor(t, "page:Lookup")
}

func TestPanicInPageIsContained(t *testing.T) {
	h := startStub(t, 80, 24)
	h.WaitFor(t, "[OFFLINE]") // the header's own error is in, so the next status is ours
	h.Type("!")
	h.WaitFor(t, "Something went wrong on this screen")
	h.Send(tea.KeyMsg{Type: tea.KeyF5})
	h.WaitFor(t, "page:Dashboard")
}

// A panic in a command (here inside a batch) is told and logged; the
// program goes on.
func TestPanicInACommandIsContained(t *testing.T) {
	h := startStub(t, 80, 24)
	h.WaitFor(t, "[OFFLINE]")
	h.Type("#")
	h.WaitFor(t, "Something went wrong while working in the background")
	h.Send(tea.KeyMsg{Type: tea.KeyF5})
	h.WaitFor(t, "page:Dashboard")
}

// wordyPage asks a long question before it is left.
type wordyPage struct{ stubPage }

func (p *wordyPage) LeavePrompt() string {
	return "Leave " + p.name + "? Nothing is saved to the server; your input (without password and PIN) is kept as a draft and offered back next time."
}

// drive builds an app at w×h and feeds it messages directly, for checks
// of the exact frame.
func drive(t *testing.T, factories map[ui.PageID]ui.PageFactory, w, h int, msgs ...tea.Msg) string {
	t.Helper()
	app := ui.NewApp(uitest.NewCommon(t, "http://127.0.0.1:1"), factories, ui.PageLookup)
	app.Update(tea.WindowSizeMsg{Width: w, Height: h})
	for _, m := range msgs {
		app.Update(m)
	}
	return app.View()
}

func requireWithin(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	require.LessOrEqual(t, len(lines), h, "lines")
	for i, l := range lines {
		require.LessOrEqualf(t, lipgloss.Width(l), w, "line %d: %q", i, l)
		if i < len(lines)-1 { // the footer's short help ends in … by design
			require.NotContainsf(t, l, "…", "line %d was cut: %q", i, l)
		}
	}
}

func TestLongLeaveQuestionIsWrappedInTheWindow(t *testing.T) {
	f := stubFactories()
	f[ui.PageCustomer] = func(*ui.Common, any) ui.Page { return &wordyPage{stubPage{name: "Edit customer", dirty: true}} }
	view := drive(t, f, 80, 24, tea.KeyMsg{Type: tea.KeyF3}, tea.KeyMsg{Type: tea.KeyF2})
	requireWithin(t, view, 80, 24)
	words := strings.Join(strings.FieldsFunc(view, func(r rune) bool { return strings.ContainsRune(" ║\n", r) }), " ")
	require.Contains(t, words, "Leave Edit customer? Nothing is saved to the server; your input (without password and PIN) is kept as a draft and offered back next time.")
}

// keyfulPage has as many keys as the account screen.
type keyfulPage struct {
	stubPage
	c *ui.Common
}

func (p *keyfulPage) FullHelp() [][]key.Binding {
	k := p.c.Keys
	return [][]key.Binding{
		{k.Account.Edit, k.Account.ChangePassword, k.Account.Reload},
		{k.Form.Next, k.Form.Prev, k.Form.Accept, k.Form.Toggle, k.Form.Save, k.Form.Confirm, k.Form.Cancel},
		{k.Account.StoreToken, k.Account.ShowToken, k.Account.Done},
	}
}

func TestFullHelpShowsEveryGroupAt80x24(t *testing.T) {
	f := stubFactories()
	f[ui.PageLookup] = func(c *ui.Common, _ any) ui.Page { return &keyfulPage{stubPage{name: "Account"}, c} }
	view := drive(t, f, 80, 24, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'?'}})
	requireWithin(t, view, 80, 24)
	for _, s := range []string{"change password", "ctrl+s", "store", "f5/alt+5", "dashboard", "ctrl+k", "quit"} {
		require.Contains(t, view, s)
	}
}

func TestHeaderKeepsConnectionStateWhenNarrow(t *testing.T) {
	c := uitest.NewCommon(t, "http://127.0.0.1:1")
	c.Session.StoreName, c.Session.Demo = "Great Widgets Company", true
	f := stubFactories()
	f[ui.PageLookup] = func(*ui.Common, any) ui.Page { return &stubPage{name: "Customer lookup"} }
	app := ui.NewApp(c, f, ui.PageLookup)
	app.Update(tea.WindowSizeMsg{Width: ui.MinWidth, Height: ui.MinHeight})
	app.Update(ui.ConnectionMsg{})
	head := strings.Split(app.View(), "\n")[0]
	require.LessOrEqual(t, lipgloss.Width(head), ui.MinWidth)
	require.Contains(t, head, "DEMO [online]")
}

func (p *keyfulPage) ShortHelp() []key.Binding {
	k := p.c.Keys
	return []key.Binding{k.Lookup.Submit, k.Lookup.Edit, k.Lookup.New, k.Lookup.Balance, k.Global.Back}
}

func TestFooterNeverRunsPastTheWidth(t *testing.T) {
	f := stubFactories()
	f[ui.PageLookup] = func(c *ui.Common, _ any) ui.Page { return &keyfulPage{stubPage{name: "Lookup"}, c} }
	for w := ui.MinWidth; w <= 100; w++ {
		requireWithinWidth(t, drive(t, f, w, 24), w)
	}
}

func requireWithinWidth(t *testing.T, view string, w int) {
	t.Helper()
	for i, l := range strings.Split(view, "\n") {
		require.LessOrEqualf(t, lipgloss.Width(l), w, "width %d, line %d: %q", w, i, l)
	}
}
