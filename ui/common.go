// Package ui is the shell every screen lives in: the root model and its
// router, the header, status line and help footer, the command menu, the
// one theme, the sanitiser, and components the screens share.
package ui

import (
	"context"
	"log/slog"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/imonggo"
	"loyaltydesk/custindex"
	"loyaltydesk/keymap"
	"loyaltydesk/till"
)

// Session describes who is signed in, for the header and the screens.
type Session struct {
	Profile   string
	StoreName string
	UserID    string
	AccountID string
	Demo      bool
}

// Settings are the configured knobs the screens read.
type Settings struct {
	DashboardRefresh time.Duration
	ImportChunkRows  int
	// SaveToken stores a new API token in the active profile (0600). It does
	// I/O: call it only from a tea.Cmd. Nil when there is nothing to save to.
	SaveToken func(token string) error
	// Imonggo is the profile's Imonggo POS, a second source of customers
	// for the import wizard; nil when none is configured.
	Imonggo *imonggo.Client
	// Till is this terminal as a till: its name, default campaign, offline
	// outbox and last action. Nil: the till panel works without a queue,
	// named till.DefaultName.
	Till *till.Terminal
	// Private are loyaltydesk's own files and folders (its configuration
	// with every profile's credentials, its state, its SSH keys): never
	// read as an import source, so that one profile's session (over SSH)
	// cannot show another's secrets.
	Private []string
}

// Common is what every page of one session shares. Nothing in it is global:
// an SSH server builds one per session.
type Common struct {
	Ctx      context.Context
	API      *apiclient.Client
	Styles   *Styles
	Keys     *keymap.KeyMap
	Session  Session
	Settings Settings
	StateDir string
	Log      *slog.Logger
	// Warnings found at start-up (an unknown key in the configuration, a
	// file others can read) are shown in the status line as the app opens.
	Warnings []string
	// Customers is the profile's customer index, shared by every session
	// of the profile in this process (nil: search asks the service).
	Customers *custindex.Store
}

// RefreshCustomers brings the shared customer index up to date, in a
// command, when its last update is older than maxAge: 0 after a save or an
// import, so the name search finds what was just written.
func (c *Common) RefreshCustomers(maxAge time.Duration) tea.Cmd {
	store, api := c.Customers, c.API
	if store == nil || api == nil {
		return nil
	}
	return func() tea.Msg {
		store.Refresh(api, maxAge)
		return nil
	}
}

// PageID names a screen.
type PageID int

// The screens.
const (
	PageLookup PageID = iota
	PageCustomer
	PageImport
	PageDashboard
	PageAccount
)

func (p PageID) String() string {
	return [...]string{"Lookup", "Customer", "Import", "Dashboard", "Account"}[p]
}

// Page is one screen behind the router.
type Page interface {
	Init() tea.Cmd
	Update(tea.Msg) (Page, tea.Cmd)
	View() string
	// SetSize gives the page the content area (without header and footer).
	SetSize(width, height int)
	// Title is shown in the header.
	Title() string
	// CapturesKey reports whether a focused input wants this key before the
	// app's global single-key bindings (such as ?).
	CapturesKey(tea.KeyMsg) bool
	// Dirty reports unsaved input; the router asks before leaving.
	Dirty() bool
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
}

// PageFactory builds a page. arg carries what the navigation passed along
// (a customer to edit, say); nil for a plain visit.
type PageFactory func(c *Common, arg any) Page

// NavigateMsg asks the router to show a page. A non-nil Arg, or a page not
// yet built, builds the page afresh.
type NavigateMsg struct {
	To  PageID
	Arg any
}

// Navigate returns a command that shows a page.
func Navigate(to PageID, arg any) tea.Cmd {
	return func() tea.Msg { return NavigateMsg{To: to, Arg: arg} }
}

// Reopener is a page that keeps its state when navigated to with an
// argument (the lookup keeps its recent list when asked to show a customer).
type Reopener interface {
	Reopen(arg any) tea.Cmd
}

// LeavePrompter is a dirty page that words the question asked before
// leaving it (the customer form keeps a draft, say).
type LeavePrompter interface {
	LeavePrompt() string
}

// Visibility is a page that wants to know when it is shown or hidden: the
// dashboard stops polling while another page is in front.
type Visibility interface {
	SetVisible(visible bool) tea.Cmd
}

// AccountChangedMsg tells the shell that the account was edited, so the
// header reloads the business name.
type AccountChangedMsg struct{}

// AccountChanged returns a command that sends AccountChangedMsg.
func AccountChanged() tea.Cmd { return func() tea.Msg { return AccountChangedMsg{} } }

// ShowCustomer is the navigation argument that makes the lookup show a
// customer by code.
type ShowCustomer struct{ Code string }

// BackMsg asks the router for the previous page.
type BackMsg struct{}

// Back returns a command that goes back.
func Back() tea.Cmd { return func() tea.Msg { return BackMsg{} } }

// StatusKind sets how a status message is shown and how long it stays.
type StatusKind int

// The kinds of status message.
const (
	StatusInfo StatusKind = iota
	StatusSuccess
	StatusError
	// StatusWarning is something to fix that does not stop the work (a
	// start-up warning); it stays longest.
	StatusWarning
)

// StatusMsg puts a line in the status area. The line belongs to one
// screen and shows only while that screen is in front: OnPage names it,
// else it is the screen in front when the message arrives.
type StatusMsg struct {
	Kind   StatusKind
	Text   string
	OnPage *PageID
}

// SetStatus returns a command that shows a status line on the screen in
// front.
func SetStatus(kind StatusKind, text string) tea.Cmd {
	return func() tea.Msg { return StatusMsg{Kind: kind, Text: text} }
}

// SetStatusOn returns a command that shows a status line on the given
// screen: for work that finishes while another screen may be in front (an
// import), or a message for the screen being opened (a saved customer on
// the lookup).
func SetStatusOn(page PageID, kind StatusKind, text string) tea.Cmd {
	return func() tea.Msg { return StatusMsg{Kind: kind, Text: text, OnPage: &page} }
}

// ConnectionMsg reports the outcome of an API call so the header can show
// the connection state. Pages send it with ReportConnection.
type ConnectionMsg struct{ Err error }

// ReportConnection returns a command that tells the header how the last
// call went.
func ReportConnection(err error) tea.Cmd {
	return func() tea.Msg { return ConnectionMsg{Err: err} }
}
