package lookup

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	"loyaltydesk/keymap"
	"loyaltydesk/ui"
	"loyaltydesk/ui/form"
)

// The replace-card form's fields and the choices for a card that is taken.
const (
	rCard     = "new_card_number"
	rGenerate = "card_number_generate"
	rIfTaken  = "if_taken"

	takenRefuse    = "refuse"
	takenKeepThis  = "keep-this"
	takenKeepOther = "keep-other"
)

// replaceState is the "replace card" step: a new card number (typed or
// generated) for the shown customer, through card_replace.
type replaceState struct {
	customer apiclient.Customer
	form     *form.Model
	sending  bool
	reqID    int
}

type replacedMsg struct {
	id      int
	result  apiclient.CardReplaceResult
	holders []apiclient.Customer // the card is taken and the cashier chose to refuse
	err     error
	checked bool // a lost answer was checked: the card is not on the customer
}

func (m *Model) openReplace() tea.Cmd {
	if m.customer == nil {
		return nil
	}
	c := *m.customer
	name := customerWord(c)
	fields := []form.Field{
		{Key: rCard, Label: "New card number", Kind: form.Digits, CharLimit: 32, Hint: "scan or type it"},
		{Key: rGenerate, Label: "Or generate", Kind: form.Digits, CharLimit: 2, Hint: "a random card of 4–19 digits",
			Validate: func(s string) error {
				if n, err := strconv.Atoi(s); err != nil || n < 4 || n > 19 {
					return errors.New("a number of digits from 4 to 19")
				}
				return nil
			}},
		{Key: rIfTaken, Label: "If someone has it", Kind: form.Choice, Options: []form.Option{
			{Value: takenRefuse, Label: "stop, say who has it"},
			{Value: takenKeepThis, Label: "merge, keep " + name},
			{Value: takenKeepOther, Label: "merge, keep the other"},
		}},
	}
	f := form.New(m.c.Styles, m.c.Keys, fields)
	f.SetValue(rIfTaken, takenRefuse)
	f.SetCrossCheck(func(get func(string) string) map[string]string {
		switch {
		case get(rCard) != "" && get(rGenerate) != "":
			return map[string]string{rGenerate: "type a card number or generate one, not both"}
		case get(rCard) == "" && get(rGenerate) == "":
			return map[string]string{rCard: "type the new card number, or give a number of digits to generate one"}
		case get(rCard) != "" && get(rCard) == c.CardNumber:
			return map[string]string{rCard: "that is the card " + name + " has now"}
		}
		return nil
	})
	f.SetSize(m.width, max(m.height-8, 5))
	m.replace = &replaceState{customer: c, form: f}
	m.mode = modeReplace
	return tea.Batch(f.Init(), f.Focus(rCard))
}

// customerWord names a customer in a sentence.
func customerWord(c apiclient.Customer) string {
	if n := strings.TrimSpace(c.FullName()); n != "" {
		return ui.Sanitize(n)
	}
	return "this customer"
}

func (m *Model) replaceKey(k tea.KeyMsg) tea.Cmd {
	r, keys := m.replace, m.c.Keys
	if r.sending {
		return nil
	}
	switch {
	case key.Matches(k, keys.Global.Back) && !r.form.ListOpen():
		m.replace, m.mode = nil, modeScan
		return nil
	case key.Matches(k, keys.Form.Save):
		r.form.SetError(rCard, "") // who holds the card is asked again on sending
		ok, cmd := r.form.Validate()
		if !ok {
			return cmd
		}
		return m.sendReplace()
	}
	f, cmd := r.form.Update(k)
	r.form = f
	return cmd
}

func (m *Model) sendReplace() tea.Cmd {
	r := m.replace
	v := r.form.Values()
	req := apiclient.CardReplaceRequest{PreviousCode: r.customer.Code, NewCard: v[rCard]}
	req.GenerateDigits, _ = strconv.Atoi(v[rGenerate])
	switch v[rIfTaken] {
	case takenKeepThis:
		req.Keep, req.Override = apiclient.KeepMatched, true
	case takenKeepOther:
		req.Keep, req.Override = apiclient.KeepDuplicate, true
	}
	r.sending = true
	r.reqID++
	id, api, ctx := r.reqID, m.c.API, m.c.Ctx
	m.c.Log.Info("replacing card", "code", r.customer.Code, "merge", req.Override)
	return tea.Batch(m.spin.Tick, func() tea.Msg { return replaceCard(ctx, api, id, req) })
}

// replaceCard checks that a typed card is free (unless a merge was chosen)
// and replaces it; an answer that was lost is checked, not sent again.
func replaceCard(ctx context.Context, api *apiclient.Client, id int, req apiclient.CardReplaceRequest) replacedMsg {
	if req.NewCard != "" && !req.Override {
		holders, err := api.CustomerSearch(ctx, apiclient.SearchQuery{Fields: map[string]string{"card_number": req.NewCard}, Exact: apiclient.ExactInsensitive})
		if err == nil && len(holders) > 0 {
			return replacedMsg{id: id, holders: holders}
		}
	}
	res, err := api.CardReplace(ctx, req)
	if err == nil || !apiclient.MaybeApplied(err) || req.NewCard == "" {
		return replacedMsg{id: id, result: res, err: err}
	}
	cust, cerr := api.CustomerInfo(ctx, apiclient.CustomerQuery{CardNumber: req.NewCard, NoBalances: true})
	if cerr == nil {
		return replacedMsg{id: id, result: apiclient.CardReplaceResult{Code: cust.Code, CardNumber: cust.CardNumber}}
	}
	return replacedMsg{id: id, err: err, checked: errors.Is(cerr, apiclient.ErrNotFound)}
}

func (m *Model) updateReplace(msg tea.Msg) (tea.Cmd, bool) {
	res, ok := msg.(replacedMsg)
	if !ok {
		return nil, false
	}
	r := m.replace
	if r == nil || res.id != r.reqID {
		return nil, true
	}
	r.sending = false
	switch {
	case len(res.holders) > 0:
		card := ui.Sanitize(r.form.Value(rCard))
		r.form.SetError(rCard, fmt.Sprintf("card %s already belongs to %s; nothing was changed — type another, or choose a merge below", card, holdersWord(res.holders)))
		return r.form.Focus(rCard), true
	case res.err != nil:
		text := "Card not replaced: " + ui.Describe(res.err)
		if res.checked {
			text = "Card not replaced (checked after the answer was lost): " + ui.Describe(res.err)
		}
		return tea.Batch(ui.ReportConnection(res.err), ui.SetStatus(ui.StatusError, text)), true
	}
	name := customerWord(r.customer)
	m.replace, m.mode = nil, modeScan
	text := fmt.Sprintf("Card replaced: %s now has card %s", name, ui.Sanitize(res.result.CardNumber))
	if r.customer.CardNumber != "" {
		text += "; card " + ui.Sanitize(r.customer.CardNumber) + " no longer finds them"
	}
	code := res.result.Code
	if code == "" {
		code = r.customer.Code
	}
	return tea.Batch(ui.ReportConnection(nil), ui.SetStatus(ui.StatusSuccess, text), m.lookupCode(code)), true
}

func holdersWord(hs []apiclient.Customer) string {
	names := make([]string, 0, len(hs))
	for _, h := range hs {
		names = append(names, customerWord(h))
	}
	if len(names) <= 2 {
		return strings.Join(names, " and ")
	}
	return fmt.Sprintf("%d customers", len(names))
}

func (m *Model) replaceView() string {
	st, r := m.c.Styles, m.replace
	name := customerWord(r.customer)
	intro := fmt.Sprintf("Give %s a new card, for a lost or damaged one.", name)
	if r.customer.CardNumber != "" {
		intro += fmt.Sprintf(" Card %s will no longer find them.", ui.Sanitize(r.customer.CardNumber))
	}
	intro += " If the new card already belongs to another customer, the service can merge the two into one customer: balances and history are added together, and the details of the one you choose are kept."
	status := st.Faint.Render(fmt.Sprintf("%s replace the card · %s cancel", m.c.Keys.Form.Save.Help().Key, m.c.Keys.Global.Back.Help().Key))
	if r.sending {
		status = m.spin.View() + " Replacing the card…"
	}
	return strings.Join([]string{
		st.Title.Render(ui.Truncate("Replace card — "+name, m.width)),
		st.Wrap(intro, m.width),
		r.form.View(),
		status,
	}, "\n")
}

func (m *Model) replaceHelp() []key.Binding {
	k := m.c.Keys
	return []key.Binding{keymap.WithHelp(k.Form.Save, "replace card"), k.Form.Next, keymap.WithHelp(k.Global.Back, "cancel")}
}
