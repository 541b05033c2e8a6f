package lookup

import (
	"context"
	"strings"

	"github.com/charmbracelet/lipgloss"

	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	"loyaltydesk/ui"
)

// campaignMeta is what the page knows of the account's campaigns: their
// units and currencies, and their reward levels. It is loaded once.
type campaignMeta struct {
	byID    map[string]apiclient.Campaign
	rewards map[string][]apiclient.Reward
	err     error
	loading bool
}

type campaignsLoadedMsg struct {
	meta campaignMeta
}

// loadCampaigns reads the campaigns (active and inactive) and each one's
// rewards. A campaign whose rewards cannot be read shows none.
func (m *Model) loadCampaigns() tea.Cmd {
	m.meta.loading = true
	api, ctx := m.c.API, m.c.Ctx
	return func() tea.Msg {
		return campaignsLoadedMsg{meta: fetchCampaignMeta(ctx, api)}
	}
}

func fetchCampaignMeta(ctx context.Context, api *apiclient.Client) campaignMeta {
	meta := campaignMeta{byID: map[string]apiclient.Campaign{}, rewards: map[string][]apiclient.Reward{}}
	camps, err := api.AllCampaigns(ctx)
	if err != nil {
		meta.err = err
		return meta
	}
	for _, c := range camps {
		meta.byID[c.ID] = c
		rewards, err := api.CampaignRewards(ctx, c.ID)
		if err != nil {
			meta.err = err
			continue
		}
		meta.rewards[c.ID] = rewards
	}
	return meta
}

// reloadCampaigns tries again after a failed load, when a customer is shown.
func (m *Model) reloadCampaigns() tea.Cmd {
	if m.meta.err == nil || m.meta.loading {
		return nil
	}
	return m.loadCampaigns()
}

func (m *Model) applyCampaigns(msg campaignsLoadedMsg) {
	if msg.meta.err != nil {
		m.c.Log.Warn("campaigns or rewards not loaded", "err", msg.meta.err)
	}
	m.meta = msg.meta
}

// campaignOf completes a balance's campaign with what the campaigns list
// says (customer_info documents only id and balance).
func (m *Model) campaignOf(b apiclient.CampaignBalance) apiclient.Campaign {
	c := b.Campaign
	if known, ok := m.meta.byID[c.ID]; ok {
		if c.Name == "" {
			c.Name = known.Name
		}
		if c.Type == "" {
			c.Type = known.Type
		}
		if c.Currency == "" {
			c.Currency = known.Currency
		}
		if c.Glyph == "" {
			c.Glyph = known.Glyph
		}
		c.Inactive = known.Inactive
	}
	if c.Glyph == "" && c.Currency != "" {
		c.Glyph = apiclient.CurrencyGlyph(c.Currency)
	}
	return c
}

// balancesView shows each campaign: its name, kind and balance with unit
// or currency, then the rewards the balance reaches and what is missing to
// the next one.
func (m *Model) balancesView(c apiclient.Customer, w int) string {
	st := m.c.Styles
	head := st.Subtitle.Render("Balances")
	if m.offline != nil && !m.offline.balances {
		return head + "\n" + st.Faint.Render(st.Wrap("Not known offline.", w))
	}
	if len(c.Campaigns) == 0 {
		return head + "\n" + st.Faint.Render(st.Wrap("Not enrolled in any campaign yet.", w))
	}
	lines := []string{head}
	for _, b := range c.Campaigns {
		camp := m.campaignOf(b)
		kind := camp.Type.Name()
		if camp.Inactive {
			kind += ", inactive"
		}
		name := ui.Sanitize(camp.Name) + st.Faint.Render(" · "+kind)
		lines = append(lines, spread(name, camp.Format(b.Balance), w, st.Value))
		lines = append(lines, "  "+m.rewardLine(camp, b.Balance, w-2))
	}
	return strings.Join(lines, "\n")
}

// rewardLine says what the balance reaches in w columns: "✓ Free pastry —
// available · 3 visits to Free coffee"; when that is too long the check
// mark alone says available, and when that is still too long the next
// reward goes on a line of its own rather than being cut off.
func (m *Model) rewardLine(camp apiclient.Campaign, balance string, w int) string {
	line := m.rewardText(camp, balance, " — available")
	if lipgloss.Width(line) <= w {
		return line
	}
	parts := m.rewardParts(camp, balance, "")
	short := strings.Join(parts, m.c.Styles.Faint.Render(" · "))
	if lipgloss.Width(short) <= w || len(parts) < 2 {
		return ui.Truncate(short, w)
	}
	return ui.Truncate(parts[0], w) + "\n  " + ui.Truncate(parts[1], w)
}

func (m *Model) rewardText(camp apiclient.Campaign, balance, availableWord string) string {
	return strings.Join(m.rewardParts(camp, balance, availableWord), m.c.Styles.Faint.Render(" · "))
}

// rewardParts are the rewards the balance reaches, then what is missing
// to the next one; or, without either, why there is nothing to say.
func (m *Model) rewardParts(camp apiclient.Campaign, balance, availableWord string) []string {
	st := m.c.Styles
	rewards, known := m.meta.rewards[camp.ID]
	p := apiclient.Progress(balance, rewards)
	var parts []string
	if len(p.Available) > 0 {
		names := make([]string, len(p.Available))
		for i, r := range p.Available {
			names[i] = ui.Sanitize(r.Description)
		}
		parts = append(parts, st.Success.Render("✓ "+strings.Join(names, ", ")+availableWord))
	}
	if p.Next != nil {
		parts = append(parts, camp.Format(p.Missing.Money())+" to "+ui.Sanitize(p.Next.Description))
	}
	switch {
	case len(parts) > 0:
	case camp.Type == apiclient.CampaignGiftCard:
		parts = append(parts, st.Faint.Render("balance to spend"))
	case known:
		parts = append(parts, st.Faint.Render("no rewards set up"))
	case m.meta.err != nil:
		parts = append(parts, st.Faint.Render("rewards not loaded"))
	}
	return parts
}

// spread puts left and right on one line of width w, the right end kept.
func spread(left, right string, w int, rightStyle lipgloss.Style) string {
	rw := lipgloss.Width(right)
	left = ui.Truncate(left, max(w-rw-1, 1))
	gap := max(w-lipgloss.Width(left)-rw, 1)
	return left + strings.Repeat(" ", gap) + rightStyle.Render(right)
}
