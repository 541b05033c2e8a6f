package ui

import (
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"loyaltydesk/apiclient"
)

// Minimum terminal size; below it the app shows a notice instead of a screen.
const (
	MinWidth  = 60
	MinHeight = 16
)

// chrome is the lines the shell takes: header (2), status (1), footer (1).
const chrome = 4

// App is the root model: it routes keys to the active page, messages to
// every page, and draws the shell around the active page.
type App struct {
	c         *Common
	factories map[PageID]PageFactory
	pages     map[PageID]Page
	active    PageID
	history   []PageID

	width, height int
	help          help.Model
	fullHelp      bool
	menu          *commandMenu
	confirm       *confirmDialog

	status     StatusMsg
	statusPage PageID
	statusID   int
	warnings   []string // start-up warnings not shown yet
	conn       connState
	account    *apiclient.Account

	frame frameCache // the parts of the last frame (frame.go)
}

type connState int

const (
	connUnknown connState = iota
	connOnline
	connOffline
	connTrouble
	connRefused // the server refused user, API key or account
)

// NewApp builds the root model; start is the first page.
func NewApp(c *Common, factories map[PageID]PageFactory, start PageID) *App {
	h := help.New()
	h.Styles.ShortKey = c.Styles.Key
	h.Styles.FullKey = c.Styles.Key
	h.Styles.ShortDesc = c.Styles.Footer
	h.Styles.FullDesc = c.Styles.Footer
	h.Styles.ShortSeparator = c.Styles.Faint
	h.Styles.FullSeparator = c.Styles.Faint
	h.Styles.Ellipsis = c.Styles.Faint
	a := &App{c: c, factories: factories, pages: map[PageID]Page{}, active: start, help: h, width: 80, height: 24}
	a.build(start, nil)
	return a
}

// Init starts the first page and fetches the account for the header.
func (a *App) Init() tea.Cmd {
	return a.guard(tea.Batch(a.pages[a.active].Init(), a.fetchAccount(), a.startupWarnings()))
}

type accountLoadedMsg struct {
	account apiclient.Account
	err     error
}

func (a *App) fetchAccount() tea.Cmd {
	api, ctx := a.c.API, a.c.Ctx
	return func() tea.Msg {
		acc, err := api.AccountInfo(ctx)
		return accountLoadedMsg{acc, err}
	}
}

func (a *App) build(id PageID, arg any) Page {
	f, ok := a.factories[id]
	if !ok {
		return nil
	}
	p := f(a.c, arg)
	p.SetSize(a.contentSize())
	a.pages[id] = p
	return p
}

func (a *App) contentSize() (int, int) {
	return a.width, max(a.height-chrome, 1)
}

// Update routes a message. A panic inside a page is caught here: the page is
// rebuilt and the user told, so the terminal is never left broken; the
// commands it returns are guarded too.
func (a *App) Update(msg tea.Msg) (model tea.Model, cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			a.c.Log.Error("panic in update", "page", a.active.String(), "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			a.build(a.active, nil)
			model, cmd = a, a.setStatus(StatusError, "Something went wrong on this screen; it was reset. Details are in the log.")
		}
	}()
	model, cmd = a.update(msg)
	return model, a.guard(cmd)
}

// guard runs cmd so that a panic in it is logged and told in the status
// line instead of ending the program (Bubble Tea ends it on a panic in a
// command, with the details printed on the full-screen view, and lost).
// The commands of a batch it returns are guarded in turn.
func (a *App) guard(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	log := a.c.Log
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				log.Error("panic in a command", "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				msg = StatusMsg{Kind: StatusError, Text: "Something went wrong while working in the background; details are in the log."}
			}
		}()
		msg = cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			guarded := make(tea.BatchMsg, len(batch)) // the batch's own slice may be run again
			for i, c := range batch {
				guarded[i] = a.guard(c)
			}
			msg = guarded
		}
		return msg
	}
}

func (a *App) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.help.Width = msg.Width
		w, h := a.contentSize()
		for _, p := range a.pages {
			p.SetSize(w, h)
		}
		return a, nil
	case tea.KeyMsg:
		return a, a.handleKey(msg)
	case NavigateMsg:
		return a, a.navigate(msg.To, msg.Arg, true)
	case BackMsg:
		return a, a.back()
	case StatusMsg:
		page := a.active
		if msg.OnPage != nil {
			page = *msg.OnPage
		}
		return a, a.setStatusOn(page, msg.Kind, msg.Text)
	case clearStatusMsg:
		if msg.id == a.statusID {
			a.status = StatusMsg{}
			return a, a.nextWarning()
		}
		return a, nil
	case AccountChangedMsg:
		return a, tea.Batch(a.fetchAccount(), a.broadcast(msg))
	case ConnectionMsg:
		a.conn = connFrom(msg.Err)
		return a, nil
	case accountLoadedMsg:
		a.conn = connFrom(msg.err)
		if msg.err == nil {
			a.account = &msg.account
		} else {
			return a, a.setStatus(StatusError, Describe(msg.err))
		}
		return a, nil
	case showHelpMsg:
		a.fullHelp = true
		return a, nil
	case quitRequestMsg:
		return a, a.quit()
	}
	return a, a.broadcast(msg)
}

func connFrom(err error) connState {
	switch {
	case err == nil:
		return connOnline
	case Offline(err):
		return connOffline
	case errors.Is(err, apiclient.ErrUnauthenticated):
		return connRefused
	}
	return connTrouble
}

// broadcast hands a non-key message to every page; each keeps what is its
// own (results carry the request they answer).
func (a *App) broadcast(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for id, p := range a.pages {
		np, cmd := p.Update(msg)
		a.pages[id] = np
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

func (a *App) handleKey(msg tea.KeyMsg) tea.Cmd {
	g := a.c.Keys.Global
	switch {
	case a.confirm != nil:
		answered, yes := a.confirm.answer(msg, a.c.Keys)
		onYes := a.confirm.onYes
		if !answered {
			return nil
		}
		a.confirm = nil
		if yes {
			return onYes()
		}
		return nil
	case key.Matches(msg, g.Quit):
		return a.quit()
	case a.menu != nil:
		return a.updateMenu(msg)
	case a.fullHelp:
		a.fullHelp = false
		return nil
	}
	if cmd, ok := a.globalKey(msg); ok {
		return cmd
	}
	return a.updateActive(msg)
}

// globalKey handles navigation and help. Keys a focused input wants (such
// as ? typed into a name) are left to the page.
func (a *App) globalKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	g := a.c.Keys.Global
	page := a.pages[a.active]
	if !msg.Alt && page.CapturesKey(msg) { // alt+N is never typed text
		return nil, false
	}
	switch {
	case key.Matches(msg, g.Help):
		a.fullHelp = true
		return nil, true
	case key.Matches(msg, g.Menu):
		a.menu = newCommandMenu(a.c, a.menuEntries())
		return nil, true
	}
	for _, nav := range a.navKeys() {
		if key.Matches(msg, nav.binding) {
			return a.navigate(nav.page, nav.arg, true), true
		}
	}
	return nil, false
}

type navKey struct {
	binding key.Binding
	page    PageID
	arg     any
}

// NewCustomer is the navigation argument that opens a customer form for a
// new customer, with the card number filled in when one is given (a scan
// the lookup did not find).
type NewCustomer struct{ CardNumber string }

// NavArger is a page that has something to pass along when the user leaves
// it with a global key: the lookup hands the card number it did not find to
// the new-customer form.
type NavArger interface {
	NavArg(to PageID) any
}

func (a *App) navKeys() []navKey {
	g := a.c.Keys.Global
	keys := []navKey{
		{g.Lookup, PageLookup, nil},
		{g.NewCustomer, PageCustomer, NewCustomer{}},
		{g.Import, PageImport, nil},
		{g.Dashboard, PageDashboard, nil},
		{g.Account, PageAccount, nil},
	}
	if na, ok := a.pages[a.active].(NavArger); ok {
		for i, k := range keys {
			if arg := na.NavArg(k.page); arg != nil {
				keys[i].arg = arg
			}
		}
	}
	return keys
}

func (a *App) updateActive(msg tea.Msg) tea.Cmd {
	p, cmd := a.pages[a.active].Update(msg)
	a.pages[a.active] = p
	return cmd
}

// navigate shows a page, asking first when the current one holds unsaved
// input.
func (a *App) navigate(to PageID, arg any, remember bool) tea.Cmd {
	if _, ok := a.factories[to]; !ok {
		return a.setStatus(StatusError, to.String()+" is not available in this build.")
	}
	if to == a.active && arg == nil {
		return nil
	}
	if cur := a.pages[a.active]; cur.Dirty() { // leaving it, or opening it afresh
		a.confirm = newConfirm(leavePrompt(cur),
			func() tea.Cmd { return a.show(to, arg, remember) })
		return nil
	}
	return a.show(to, arg, remember)
}

func (a *App) show(to PageID, arg any, remember bool) tea.Cmd {
	if remember && to != a.active {
		a.history = append(a.history, a.active)
		if len(a.history) > 20 {
			a.history = a.history[1:]
		}
	}
	prev := a.active
	a.active = to
	cmds := []tea.Cmd{a.setVisible(prev, prev == to), a.setVisible(to, true)}
	if r, ok := a.pages[to].(Reopener); ok && arg != nil {
		return tea.Batch(append(cmds, r.Reopen(arg))...)
	}
	if p := a.pages[to]; p == nil || arg != nil || prev == to {
		return a.build(to, arg).Init()
	}
	return tea.Batch(cmds...)
}

func leavePrompt(p Page) string {
	if lp, ok := p.(LeavePrompter); ok {
		return lp.LeavePrompt()
	}
	return fmt.Sprintf("Leave %s? What you typed there is not saved.", p.Title())
}

// setVisible tells a live page that wants to know whether it is in front.
func (a *App) setVisible(id PageID, visible bool) tea.Cmd {
	if v, ok := a.pages[id].(Visibility); ok {
		return v.SetVisible(visible)
	}
	return nil
}

func (a *App) back() tea.Cmd {
	if len(a.history) == 0 {
		if a.active == PageLookup {
			return nil
		}
		return a.navigate(PageLookup, nil, false)
	}
	prev := a.history[len(a.history)-1]
	a.history = a.history[:len(a.history)-1]
	return a.navigate(prev, nil, false)
}

func (a *App) quit() tea.Cmd {
	for _, p := range a.pages {
		if p.Dirty() {
			a.confirm = newConfirm(fmt.Sprintf("Quit? %s holds input that is not saved.", p.Title()), func() tea.Cmd { return tea.Quit })
			a.confirm.quit = true
			return nil
		}
	}
	return tea.Quit
}

type clearStatusMsg struct{ id int }

func (a *App) setStatus(kind StatusKind, text string) tea.Cmd {
	return a.setStatusOn(a.active, kind, text)
}

// statusWait is how long a status line of each kind stays.
var statusWait = map[StatusKind]time.Duration{StatusInfo: 6 * time.Second, StatusSuccess: 6 * time.Second,
	StatusError: 20 * time.Second, StatusWarning: 15 * time.Second}

func (a *App) setStatusOn(page PageID, kind StatusKind, text string) tea.Cmd {
	a.statusID++
	a.status = StatusMsg{Kind: kind, Text: Sanitize(text)}
	a.statusPage = page
	id := a.statusID
	return tea.Tick(statusWait[kind], func(time.Time) tea.Msg { return clearStatusMsg{id} })
}

// startupWarnings shows what the configuration's check found on the
// first screen, one warning after the other.
func (a *App) startupWarnings() tea.Cmd {
	a.warnings = a.c.Warnings
	return a.nextWarning()
}

func (a *App) nextWarning() tea.Cmd {
	if len(a.warnings) == 0 {
		return nil
	}
	text := a.warnings[0]
	if n := len(a.c.Warnings); n > 1 {
		text = fmt.Sprintf("(%d/%d) %s", n-len(a.warnings)+1, n, text)
	}
	a.warnings = a.warnings[1:]
	return a.setStatus(StatusWarning, text)
}

// ActivePage reports which page is shown (for tests and the SSH server).
func (a *App) ActivePage() PageID { return a.active }

// View draws the shell and the active page, clipped to the window.
func (a *App) View() (view string) {
	defer func() {
		if r := recover(); r != nil {
			a.c.Log.Error("panic in view", "page", a.active.String(), "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			view = "Something went wrong drawing this screen. Press " + a.c.Keys.Global.Lookup.Help().Key + " for lookup; details are in the log."
		}
	}()
	if a.width < MinWidth || a.height < MinHeight {
		return a.tooSmall()
	}
	return a.frameView()
}

func (a *App) body() string {
	w, h := a.contentSize()
	switch {
	case a.confirm != nil:
		return a.c.Styles.Renderer.Place(w, h, lipgloss.Center, lipgloss.Center, a.confirm.view(a.c, w))
	case a.menu != nil:
		return a.c.Styles.Renderer.Place(w, h, lipgloss.Center, lipgloss.Center, a.menu.view(w, h))
	case a.fullHelp:
		return a.fullHelpView(w)
	}
	return a.pages[a.active].View()
}

func (a *App) tooSmall() string {
	msg := fmt.Sprintf("Terminal too small: %d×%d.\nloyaltydesk needs at least %d×%d.\nEnlarge the window, or press %s to quit.",
		a.width, a.height, MinWidth, MinHeight, a.c.Keys.Global.Quit.Help().Key)
	return a.c.Styles.Renderer.Place(a.width, a.height, lipgloss.Center, lipgloss.Center, a.c.Styles.Warning.Render(msg))
}

// clip pads or cuts a block to exactly h lines no wider than w.
func clip(s string, w, h int) string {
	s = Fit(s, w, h)
	if n := strings.Count(s, "\n") + 1; n < h {
		s += strings.Repeat("\n", h-n)
	}
	return s
}
