// Package setup is the first-run screen: it asks for the service's URL,
// the user id, the account id and the API key (masked), tries them with
// account_info and hands them over to be written as a profile. It runs on
// its own, before any profile exists, so it is a tea.Model of its own and
// not a page of the router.
package setup

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	"loyaltydesk/keymap"
	"loyaltydesk/ui"
	"loyaltydesk/ui/form"
)

// Answers are what the user typed and the service accepted.
type Answers struct {
	URL       string
	UserID    string
	AccountID string
	APIKey    string
	// BizName is the account's business name, as account_info gave it.
	BizName string
}

// Options say where the screen saves and how it talks to the service.
type Options struct {
	Ctx    context.Context
	Styles *ui.Styles
	Keys   *keymap.KeyMap
	// DefaultURL fills the URL field; UserID and AccountID fill theirs
	// when known (flags, environment).
	DefaultURL string
	UserID     string
	AccountID  string
	// Where names the file the profile goes to, for the screen's text.
	Where string
	// Save writes the profile; it runs in a tea.Cmd.
	Save func(Answers) error
	// Client builds the API client that tries the answers; nil means
	// apiclient.New with default settings.
	Client func(apiclient.Options) (*apiclient.Client, error)
}

type state int

const (
	stateAsking state = iota
	stateChecking
	stateDone
)

// Model is the set-up screen.
type Model struct {
	o             Options
	form          *form.Model
	spin          spinner.Model
	state         state
	problem       string
	saved         *Answers
	width, height int
	try           int
}

// Field keys.
const (
	fieldURL     = "url"
	fieldUser    = "user_id"
	fieldAccount = "account_id"
	fieldKey     = "api_key"
)

// New builds the screen with what is known filled in and the first empty
// field focused.
func New(o Options) *Model {
	if o.Ctx == nil {
		o.Ctx = context.Background()
	}
	if o.Client == nil {
		o.Client = apiclient.New
	}
	f := form.New(o.Styles, o.Keys, []form.Field{
		{Key: fieldURL, Label: "Service URL", Required: true, Hint: "keep this unless told otherwise", Validate: checkURL},
		{Key: fieldUser, Label: "User id", Required: true},
		{Key: fieldAccount, Label: "Account id", Required: true},
		{Key: fieldKey, Label: "API key", Kind: form.Secret, Required: true, Hint: "from the service's settings page"},
	})
	f.SetValue(fieldURL, o.DefaultURL)
	f.SetValue(fieldUser, o.UserID)
	f.SetValue(fieldAccount, o.AccountID)
	switch {
	case o.UserID == "":
		f.Focus(fieldUser)
	case o.AccountID == "":
		f.Focus(fieldAccount)
	default:
		f.Focus(fieldKey)
	}
	return &Model{o: o, form: f, spin: spinner.New(spinner.WithSpinner(spinner.Line)), width: 80, height: 24}
}

func checkURL(s string) error {
	if !strings.HasPrefix(s, "https://") && !strings.HasPrefix(s, "http://") {
		return errors.New("starts with https://")
	}
	return nil
}

// Saved returns what was saved, or nil when the user left without.
func (m *Model) Saved() *Answers { return m.saved }

// Init starts the cursor blinking.
func (m *Model) Init() tea.Cmd { return m.form.Init() }

type checkedMsg struct {
	try     int
	answers Answers
	err     error
}

// Update handles keys and the outcome of the check.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.form.SetSize(min(m.width, 100), max(m.height-8, 4))
		return m, nil
	case tea.KeyMsg:
		return m, m.handleKey(msg)
	case checkedMsg:
		return m, m.checked(msg)
	case spinner.TickMsg:
		if m.state != stateChecking {
			return m, nil
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	}
	var cmd tea.Cmd
	m.form, cmd = m.form.Update(msg)
	return m, cmd
}

func (m *Model) handleKey(k tea.KeyMsg) tea.Cmd {
	if key.Matches(k, m.o.Keys.Global.Quit) || key.Matches(k, m.o.Keys.Global.Back) {
		return tea.Quit
	}
	if m.state != stateAsking {
		return nil
	}
	lastField := m.form.Focused() == fieldKey
	if key.Matches(k, m.o.Keys.Form.Save) || lastField && key.Matches(k, m.o.Keys.Form.Accept) {
		return m.submit()
	}
	var cmd tea.Cmd
	m.form, cmd = m.form.Update(k)
	m.problem = ""
	return cmd
}

func (m *Model) submit() tea.Cmd {
	if ok, cmd := m.form.Validate(); !ok {
		m.problem = "Fill in the fields marked above."
		return cmd
	}
	a := Answers{
		URL:       strings.TrimRight(m.form.Value(fieldURL), "/"),
		UserID:    m.form.Value(fieldUser),
		AccountID: m.form.Value(fieldAccount),
		APIKey:    m.form.Value(fieldKey),
	}
	m.state, m.problem = stateChecking, ""
	m.try++
	try, o := m.try, m.o
	return tea.Batch(m.spin.Tick, func() tea.Msg {
		api, err := o.Client(apiclient.Options{BaseURL: a.URL,
			Credentials: apiclient.Credentials{UserID: a.UserID, Password: a.APIKey, AccountID: a.AccountID}})
		if err != nil {
			return checkedMsg{try: try, err: err}
		}
		acc, err := api.AccountInfo(o.Ctx)
		if err != nil {
			return checkedMsg{try: try, err: err}
		}
		a.BizName = acc.BizName
		if err := o.Save(a); err != nil {
			return checkedMsg{try: try, err: saveError{err}}
		}
		return checkedMsg{try: try, answers: a}
	})
}

type saveError struct{ error }

func (m *Model) checked(msg checkedMsg) tea.Cmd {
	if msg.try != m.try {
		return nil
	}
	if msg.err != nil {
		m.state = stateAsking
		m.problem = describe(msg.err)
		return nil
	}
	m.state = stateDone
	m.saved = &msg.answers
	return tea.Quit
}

// describe words a failed check; the typed values stay in the form.
func describe(err error) string {
	var se saveError
	switch {
	case errors.Is(err, apiclient.ErrUnauthenticated):
		return "Wrong user, API key or account: the service refused them. Check them and try again."
	case errors.As(err, &se):
		return "The service accepted them, but the profile could not be written: " + ui.Sanitize(se.Error())
	}
	return ui.Describe(err)
}

// View draws the questions, the check's state and the keys.
func (m *Model) View() string {
	st, k := m.o.Styles, m.o.Keys
	w := min(m.width, 100)
	intro := "Set up this station: the answers are tried with the service, then saved where only you can read them"
	lines := []string{st.Title.Render("loyaltydesk set-up"), st.Faint.Render(st.Wrap(intro+":", w))}
	if m.o.Where != "" {
		lines = append(lines, st.Faint.Render("  "+ui.Sanitize(m.o.Where)))
	}
	lines = append(lines, "", m.form.View(), "")
	switch {
	case m.state == stateChecking:
		lines = append(lines, m.spin.View()+" Trying them with the service…")
	case m.state == stateDone && m.saved != nil:
		lines = append(lines, st.Success.Render("✓ Saved."))
	case m.problem != "":
		lines = append(lines, st.Error.Render(st.Wrap("✗ "+m.problem, w)))
	}
	keys := fmt.Sprintf("%s next · %s try and save · %s leave without saving",
		k.Form.Next.Help().Key, k.Form.Save.Help().Key, k.Global.Back.Help().Key)
	lines = append(lines, st.Faint.Render(ui.Truncate(keys, m.width)))
	return ui.Fit(strings.Join(lines, "\n"), m.width, m.height)
}
