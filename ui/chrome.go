package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

func (a *App) header() string {
	st := a.c.Styles
	store := a.c.Session.StoreName // the profile's own name for this store wins
	if store == "" && a.account != nil {
		store = a.account.BizName
	}
	left := st.HeaderTitle.Render("loyaltydesk")
	if store != "" {
		left += st.HeaderInfo.Render(" · " + Sanitize(store))
	}
	left += st.HeaderInfo.Render(" · ") + st.Subtitle.Render(a.pages[a.active].Title())
	state := a.connView()
	if a.c.Session.Demo {
		state = st.Warning.Render("DEMO") + " " + state
	}
	right := st.HeaderInfo.Render(Sanitize(a.c.Session.UserID+"@"+a.c.Session.AccountID)) + " " + state
	if lipgloss.Width(left)+1+lipgloss.Width(right) > a.width {
		right = state // the connection state matters more than who is signed in
	}
	// The left side gives way, so the connection state always shows.
	left = truncate(left, max(a.width-lipgloss.Width(right)-1, 1))
	gap := max(a.width-lipgloss.Width(left)-lipgloss.Width(right), 1)
	return st.Header.Width(a.width).Render(truncate(left+strings.Repeat(" ", gap)+right, a.width))
}

func (a *App) connView() string {
	st := a.c.Styles
	switch a.conn {
	case connOnline:
		return st.Success.Render("[online]")
	case connOffline:
		return st.Error.Render("[OFFLINE]")
	case connTrouble:
		return st.Warning.Render("[server trouble]")
	case connRefused:
		return st.Error.Render("[wrong credentials]")
	}
	return st.Faint.Render("[connecting]")
}

func (a *App) statusLine() string {
	st := a.c.Styles
	if a.status.Text == "" || a.statusPage != a.active {
		return ""
	}
	text := a.status.Text
	switch a.status.Kind {
	case StatusWarning:
		return truncate(st.StatusError.Render("⚠ "+text), a.width)
	case StatusError:
		return truncate(st.StatusError.Render("✗ "+text), a.width)
	case StatusSuccess:
		return truncate(st.StatusSuccess.Render("✓ "+text), a.width)
	}
	return truncate(st.StatusInfo.Render(text), a.width)
}

// shellHelp is the help.KeyMap of the footer: the page's keys, then the
// app's.
type shellHelp struct{ a *App }

func (h shellHelp) ShortHelp() []key.Binding {
	g := h.a.c.Keys.Global
	return append(h.a.pages[h.a.active].ShortHelp(), g.Help, g.Menu)
}

func (h shellHelp) FullHelp() [][]key.Binding {
	g := h.a.c.Keys.Global
	groups := h.a.pages[h.a.active].FullHelp()
	nav := []key.Binding{g.Lookup, g.NewCustomer, g.Import, g.Dashboard, g.Account}
	app := []key.Binding{g.Menu, g.Help, g.Back, g.Quit}
	return append(groups, nav, app)
}

// footer is the short help, cut to the width: the help bubble lets a line
// run past its width when the ellipsis itself would not fit.
func (a *App) footer() string {
	k := a.c.Keys
	bindings := shellHelp{a}.ShortHelp()
	switch {
	case a.confirm != nil:
		bindings = []key.Binding{k.Menu.Yes, k.Menu.No}
	case a.menu != nil:
		bindings = []key.Binding{k.Menu.Up, k.Menu.Down, k.Menu.Choose, k.Global.Back}
	}
	return truncate(a.help.ShortHelpView(bindings), a.width)
}

func (a *App) fullHelpView(w int) string {
	st, g := a.c.Styles, a.c.Keys.Global
	title := st.Title.Render("Keys on " + a.pages[a.active].Title())
	note := fmt.Sprintf("F-keys not working in this terminal? Use the other keys listed, or %s for the menu. Any key closes this.",
		g.Menu.Help().Key)
	return strings.Join([]string{title, "", a.helpRows(shellHelp{a}.FullHelp(), w), "", st.Faint.Render(st.Wrap(note, w))}, "\n")
}

// helpRows sets the groups of keys side by side and starts another row of
// groups where the next would not fit, so that narrow windows still show
// every group (the help bubble alone cuts off those beyond the width).
func (a *App) helpRows(groups [][]key.Binding, w int) string {
	h := a.help
	h.Width = 0
	var rows []string
	var row [][]key.Binding
	for _, g := range groups {
		if len(row) > 0 && lipgloss.Width(h.FullHelpView(append(slices.Clone(row), g))) > w {
			rows = append(rows, h.FullHelpView(row))
			row = nil
		}
		row = append(row, g)
	}
	if len(row) > 0 {
		rows = append(rows, h.FullHelpView(row))
	}
	return strings.Join(rows, "\n\n")
}

// truncate cuts a possibly styled line to w cells.
func truncate(s string, w int) string {
	return ansi.Truncate(s, w, "…")
}

// Truncate cuts text to w cells with an ellipsis; styled text stays intact.
func Truncate(s string, w int) string { return truncate(s, w) }
