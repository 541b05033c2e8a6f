package till

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	core "loyaltydesk/till"
	"loyaltydesk/ui"
	"loyaltydesk/ui/form"
)

// Field keys of the earn and redeem forms (transaction fields use their
// own names, custom_field_N).
const (
	fAmount      = "amount"
	fPromo       = "promo"
	fItem        = "item"
	fQuantity    = "quantity"
	fDescription = "description"
	fEmail       = "email"
	fPoints      = "points"
)

// campaignData is what a campaign's actions need beyond its balance.
type campaignData struct {
	rewards []apiclient.Reward
	promos  []apiclient.Promo
	items   []apiclient.BuyXItem
	fields  []apiclient.FieldDef // the account's transaction fields
}

// Cache keeps each campaign's lists for the session, so the next
// customer's + needs no round trip before the amount. A campaign's lists
// are read again in the background once they are older than CacheFor.
type Cache struct {
	mu  sync.Mutex
	by  map[string]cached
	now func() time.Time
}

type cached struct {
	data campaignData
	at   time.Time
}

// CacheFor is how long a campaign's rewards, promotions, items and the
// transaction fields are trusted.
const CacheFor = 5 * time.Minute

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{by: map[string]cached{}, now: time.Now} }

// get returns the campaign's lists, whether there are any, and whether
// they are due to be read again.
func (c *Cache) get(id string) (d campaignData, ok, stale bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.by[id]
	return e.data, ok, !ok || c.now().Sub(e.at) > CacheFor
}

func (c *Cache) put(id string, d campaignData) {
	c.mu.Lock()
	c.by[id] = cached{data: d, at: c.now()}
	c.mu.Unlock()
}

type loadedMsg struct {
	owner *Model
	camp  string
	data  campaignData
	err   error
}

// load reads the campaign's rewards, promotions, items and the transaction
// fields, side by side.
func (m *Model) load(camp apiclient.CampaignBalance) tea.Cmd {
	api, ctx, cache, owner := m.c.API, m.c.Ctx, m.cache, m
	return func() tea.Msg {
		var d campaignData
		var wg sync.WaitGroup
		var errs [4]error
		run := func(i int, f func() error) {
			wg.Add(1)
			go func() { defer wg.Done(); errs[i] = f() }()
		}
		run(0, func() (err error) { d.rewards, err = api.CampaignRewards(ctx, camp.ID); return })
		if camp.Type == apiclient.CampaignPoints {
			run(1, func() (err error) { d.promos, err = api.CampaignPromos(ctx, camp.ID); return })
		}
		if camp.Type == apiclient.CampaignBuyX {
			run(2, func() (err error) { d.items, err = api.BuyXItems(ctx, camp.ID); return })
		}
		run(3, func() (err error) { d.fields, err = api.TransactionFields(ctx); return })
		wg.Wait()
		err := errors.Join(errs[:]...)
		if err == nil {
			cache.put(camp.ID, d)
		}
		return loadedMsg{owner: owner, camp: camp.ID, data: d, err: err}
	}
}

func (m *Model) applyLoaded(msg loadedMsg) tea.Cmd {
	if msg.camp != m.camp.ID {
		return nil
	}
	m.loading = false
	if msg.err != nil && m.step == stepRewards && len(m.data.rewards) == 0 {
		m.early = nil
		m.fail(noRedeemWithout(msg.err), stepPick)
		return nil
	}
	if msg.err != nil {
		m.c.Log.Warn("till: campaign lists not loaded", "campaign", msg.camp, "err", msg.err)
		if m.data.rewards == nil && m.data.items == nil {
			m.data = msg.data // whatever did arrive
		}
	} else {
		m.data = msg.data
	}
	switch {
	case m.step == stepEarn:
		m.form.SetFields(m.earnFields())
		m.refreshItemHint()
		if m.submitWhenLoaded {
			m.submitWhenLoaded = false
			return m.submitEarn()
		}
	case m.step == stepRewards:
		m.rows = m.redeemRows()
		return m.replayEarly()
	}
	return nil
}

// replayEarly handles the keys typed while the rewards were loading.
func (m *Model) replayEarly() tea.Cmd {
	keys := m.early
	m.early = nil
	var cmds []tea.Cmd
	for _, k := range keys {
		cmds = append(cmds, m.handleKey(k))
	}
	return tea.Batch(cmds...)
}

// openEarn shows the earn form; its first field has the focus, so the
// amount typed after + goes straight in.
func (m *Model) openEarn() tea.Cmd {
	m.step, m.back, m.message = stepEarn, stepEarn, ""
	m.form = form.New(m.c.Styles, m.c.Keys, m.earnFields())
	m.form.SetSize(m.width-4, m.formHeight())
	m.refreshItemHint()
	return m.form.Init()
}

func (m *Model) earnFields() []form.Field {
	var fs []form.Field
	switch m.camp.Type {
	case apiclient.CampaignPoints:
		fs = append(fs, amountField("Sale amount", false, "12.50 or 12,50"))
		if len(m.data.promos) > 0 {
			var opts []form.Option
			for _, p := range m.data.promos {
				opts = append(opts, form.Option{Value: p.ID, Label: ui.Sanitize(p.Name)})
			}
			fs = append(fs, form.Field{Key: fPromo, Label: "Promotion", Kind: form.Choice, Options: opts, Hint: "←/→ or space"})
		}
	case apiclient.CampaignGiftCard:
		fs = append(fs, amountField("Load", true, "amount to put on the card"))
	case apiclient.CampaignBuyX:
		fs = append(fs,
			form.Field{Key: fItem, Label: "Item", Required: true, CharLimit: 40, Hint: "type part of its name", Validate: m.checkItem},
			form.Field{Key: fQuantity, Label: "Quantity", Kind: form.Digits, CharLimit: 3, Placeholder: "1"})
	}
	fs = append(fs,
		form.Field{Key: fDescription, Label: "Description", CharLimit: 60, Hint: "optional, shown in the history"},
		form.Field{Key: fEmail, Label: "Email the receipt", Kind: form.Bool})
	for _, d := range m.data.fields {
		if d.Show {
			fs = append(fs, form.MerchantField(d, "Transaction fields"))
		}
	}
	return fs
}

func amountField(label string, required bool, hint string) form.Field {
	return form.Field{Key: fAmount, Label: label, Required: required, CharLimit: 14, Hint: hint,
		Validate: func(s string) error { _, err := core.ParseAmount(s); return err }}
}

// matchItems finds the buyx items a typed text names: an exact id or name
// first, else every item whose name contains it.
func (m *Model) matchItems(s string) []apiclient.BuyXItem {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return nil
	}
	var out []apiclient.BuyXItem
	for _, it := range m.data.items {
		if strings.ToLower(it.ID) == s || strings.ToLower(it.Name) == s {
			return []apiclient.BuyXItem{it}
		}
		if strings.Contains(strings.ToLower(it.Name), s) {
			out = append(out, it)
		}
	}
	return out
}

func (m *Model) checkItem(s string) error {
	if m.loading && len(m.data.items) == 0 {
		return nil // decided once the list is in
	}
	switch n := len(m.matchItems(s)); {
	case n == 0:
		return fmt.Errorf("no item matches %q", s)
	case n > 1:
		return fmt.Errorf("%d items match: type more", n)
	}
	return nil
}

// itemHint lists the items the typed text matches, under the form.
func (m *Model) refreshItemHint() {
	if m.camp.Type != apiclient.CampaignBuyX || m.form == nil {
		return
	}
	matches := m.matchItems(m.form.Value(fItem))
	if m.form.Value(fItem) == "" {
		matches = m.data.items
	}
	var names []string
	for i, it := range matches {
		if i == 6 {
			names = append(names, "…")
			break
		}
		names = append(names, ui.Sanitize(it.Name))
	}
	m.message = ""
	if len(names) > 0 {
		m.message = "Items: " + strings.Join(names, ", ")
	}
}

// submitEarn checks the form and sends the earn. Pressed while the
// campaign's lists are still loading, it waits for them (the amount typed
// at scanner speed is kept).
func (m *Model) submitEarn() tea.Cmd {
	if m.loading {
		m.submitWhenLoaded = true
		return nil
	}
	ok, cmd := m.form.Validate()
	if !ok {
		return cmd
	}
	a, err := m.earnAction()
	if err != nil {
		m.form.SetError(fAmount, err.Error())
		return nil
	}
	m.action = a
	return m.send()
}

func (m *Model) earnAction() (core.Action, error) {
	v := m.form.Values()
	a := m.newAction(core.Earn)
	a.Description, a.Email = strings.TrimSpace(v[fDescription]), v[fEmail] == "true"
	if s := v[fAmount]; strings.TrimSpace(s) != "" {
		amt, err := core.ParseAmount(s)
		if err != nil {
			return a, err
		}
		a.Amount = amt
	}
	a.PromoID = v[fPromo]
	if m.camp.Type == apiclient.CampaignBuyX {
		items := m.matchItems(v[fItem])
		if len(items) != 1 {
			return a, fmt.Errorf("pick one item")
		}
		a.Item, a.ItemName = items[0].ID, items[0].Name
		a.Quantity = 1
		if q, err := strconv.Atoi(strings.TrimSpace(v[fQuantity])); err == nil && q > 0 {
			a.Quantity = q
		}
	}
	for _, d := range m.data.fields {
		if val := strings.TrimSpace(v[d.Name]); val != "" {
			if a.Fields == nil {
				a.Fields = map[string]string{}
			}
			if d.Type == apiclient.FieldList {
				val = apiclient.JoinList(strings.Split(val, ","))
			}
			a.Fields[d.Name] = val
		}
	}
	a.What = m.earnWhat(a)
	return a, nil
}

func (m *Model) newAction(kind core.Kind) core.Action {
	return core.Action{
		Kind: kind, Ref: m.term.NewRef(),
		CustomerCode: m.customer.Code, CardNumber: m.customer.CardNumber, CustomerName: m.customer.FullName(),
		CampaignID: m.camp.ID, CampaignName: m.camp.Name, CampaignType: string(m.camp.Type),
		At: time.Now(),
	}
}

// earnWhat words an earn for the confirmation, the queue and void.
func (m *Model) earnWhat(a core.Action) string {
	switch m.camp.Type {
	case apiclient.CampaignPoints:
		if a.Amount > 0 {
			return "sale of " + m.money(a.Amount)
		}
		return "sale"
	case apiclient.CampaignGiftCard:
		return "load of " + m.money(a.Amount)
	case apiclient.CampaignBuyX:
		return fmt.Sprintf("%d × %s", a.Quantity, a.ItemName)
	case apiclient.CampaignEvents:
		return "visit"
	}
	return "purchase"
}

// money writes an amount of the campaign's currency, or plainly when the
// campaign counts no money (a points sale).
func (m *Model) money(c core.Cents) string {
	return m.camp.Glyph + c.GroupedMoney()
}

func (m *Model) recheck() tea.Cmd {
	m.step, m.message = stepSending, "Looking for "+m.action.Ref+" in the history…"
	svc, sendErr := m.svc, m.result.Err
	return m.perform(func(ctx context.Context, a core.Action) core.Result {
		return core.Check(ctx, svc, a, sendErr)
	})
}
