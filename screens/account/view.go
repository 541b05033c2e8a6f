package account

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"loyaltydesk/apiclient"
	"loyaltydesk/ui"
	"loyaltydesk/ui/form"
)

const labelWidth = 14

// maskedToken stands for a token not shown; always as long, so it does
// not tell the token's length either.
const maskedToken = "••••••••••••"

// Wide windows put the note on the focused field beside the form rather
// than under it.
const notesBesideFrom = 120

func (m *Model) notesBeside() bool { return m.width >= notesBesideFrom }

// formWidth is the form's share of the width.
func (m *Model) formWidth() int {
	if m.notesBeside() {
		return min(m.width*6/10, 100)
	}
	return m.width
}

// layout gives the open form what the title, messages and notes leave.
func (m *Model) layout() {
	f := m.activeForm()
	if f == nil {
		return
	}
	h := m.height - len(m.formHead())
	if !m.notesBeside() {
		h -= len(m.noteLines(m.width))
	}
	f.SetSize(m.formWidth(), max(h, 3))
}

// View draws the page within its size.
func (m *Model) View() string {
	var out string
	switch {
	case m.mode == modeEdit || m.mode == modePassword:
		out = m.formView()
	case m.mode == modeConfirm:
		out = m.summaryView()
	case m.mode == modeSaving:
		out = m.c.Styles.Title.Render("Saving…") + "\n" + m.c.Styles.Faint.Render("The form stays as sent until the server answers.")
	case m.mode == modeToken:
		out = m.tokenView()
	default:
		out = m.accountView()
	}
	return ui.Fit(out, m.width, m.height)
}

func (m *Model) wrap(text string) []string {
	return strings.Split(m.c.Styles.Wrap(text, max(m.width, 20)), "\n")
}

func (m *Model) accountView() string {
	st := m.c.Styles
	a := m.account
	switch {
	case a == nil && m.loadErr != nil:
		return strings.Join(m.wrap(st.Error.Render("✗ Could not load the account. ")+ui.Describe(m.loadErr)+
			" "+m.c.Keys.Account.Reload.Help().Key+" retries."), "\n")
	case a == nil:
		return st.Faint.Render("Loading the account…")
	}
	name := a.BizName
	if name == "" {
		name = "(no business name)"
	}
	lines := []string{st.Title.Render(ui.Truncate(ui.Sanitize(name), m.width-24)) + st.Faint.Render(" · account "+ui.Sanitize(a.ID)),
		m.kindLine(*a)}
	lines = append(lines, m.noticeLines()...)
	field := func(label, value string) string { return "  " + ui.Field(st, label, value, labelWidth) }
	note := func(text string) string { return st.Faint.Render(strings.Repeat(" ", labelWidth+3) + "↳ " + text) }
	lines = append(lines,
		st.Subtitle.Render("Business"),
		field("Address", address(*a)),
		field("Shop email", a.ClientEmail),
		note("the shop's own address"),
		st.Subtitle.Render("Contact person"),
		field("Name", strings.TrimSpace(a.ContactFirstName+" "+a.ContactLastName)),
		field("Phone", a.ContactPhone),
		field("Billing email", a.ContactEmail),
		note("the agency's billing contact; bills go here"),
		st.Subtitle.Render("Regional settings"),
		field("Language", m.refText(apiclient.Languages, a.Language)),
		field("Currency", m.currencyText(*a)),
		field("Timezone", m.refText(apiclient.Timezones, a.Timezone)),
		"",
		m.loadLine(*a),
	)
	return strings.Join(lines, "\n")
}

// kindLine tells coalition and two-tier accounts apart in words.
func (m *Model) kindLine(a apiclient.Account) string {
	st := m.c.Styles
	var kinds []string
	if a.Coalition {
		kinds = append(kinds, "Coalition account")
	}
	if a.TwoTier {
		kinds = append(kinds, "Two-tier account")
	}
	if len(kinds) == 0 {
		return st.Faint.Render("Single account (not a coalition, not two-tier)")
	}
	return st.Accent.Render("◆ " + strings.Join(kinds, " · "))
}

// noticeLines are the outcome of the last save and unsaved changes.
func (m *Model) noticeLines() []string {
	st := m.c.Styles
	var out []string
	if m.saved != "" {
		out = append(out, m.wrap(st.Success.Render("✓ "+m.saved))...)
	}
	if m.form != nil && m.form.Dirty() {
		out = append(out, m.wrap(st.Warning.Render(fmt.Sprintf("Unsaved changes to the account: %s goes back to them.", m.c.Keys.Account.Edit.Help().Key)))...)
	}
	return out
}

func (m *Model) loadLine(a apiclient.Account) string {
	st := m.c.Styles
	line := "Created " + ui.Sanitize(a.Created) + " · loaded " + m.loadedAt.Format("15:04:05")
	switch {
	case m.loading:
		line += " · reloading…"
	case m.loadErr != nil:
		return st.Faint.Render(line+" · ") + st.Error.Render("reload failed: ") + ui.Describe(m.loadErr)
	}
	return st.Faint.Render(line)
}

// refText names a code from a pick list: "USD · US Dollar ($)". A code the
// program does not list is shown as it is and kept.
func (m *Model) refText(list apiclient.ReferenceList, code string) string {
	for _, it := range m.refs[list] {
		if it.Code == code && it.Name != "" {
			return code + " · " + it.Label()
		}
	}
	if code == "" {
		return ""
	}
	return code + " (not in this program's list; kept as it is)"
}

func (m *Model) currencyText(a apiclient.Account) string {
	if _, ok := apiclient.FindReference(apiclient.Currencies, a.Symbol); !ok && a.Glyph != "" {
		return a.Symbol + " (" + a.Glyph + ", not in this program's list; kept as it is)"
	}
	return m.refText(apiclient.Currencies, a.Symbol)
}

func address(a apiclient.Account) string {
	city := ui.JoinNonEmpty(" ", a.BizCity, a.BizState, a.BizZip)
	return ui.JoinNonEmpty(", ", a.BizAddress1, a.BizAddress2, city, a.BizCountry)
}

// formHead is the title and messages above the edit or password form.
func (m *Model) formHead() []string {
	st := m.c.Styles
	keys := m.c.Keys
	var title, hint string
	if m.mode == modePassword {
		title = "Change the account password"
		hint = fmt.Sprintf(" · %s reviews · %s cancels", keys.Form.Save.Help().Key, keys.Global.Back.Help().Key)
	} else {
		title = "Edit account " + ui.Sanitize(m.accountID())
		hint = fmt.Sprintf(" · %s reviews · %s leaves, keeping the changes", keys.Form.Save.Help().Key, keys.Global.Back.Help().Key)
	}
	lines := []string{ui.Truncate(st.Title.Render(title)+st.Faint.Render(hint), m.width)}
	if m.saveErr != nil {
		text := st.Error.Render("✗ Not saved: ") + ui.Describe(m.saveErr)
		if apiclient.MaybeApplied(m.saveErr) {
			text += " " + m.unknownOutcomeAdvice()
		}
		lines = append(lines, m.wrap(text)...)
	}
	if n := m.newPasswordLength(); m.mode == modePassword && n > 0 && n < shortPassword {
		lines = append(lines, m.wrap(st.Warning.Render(fmt.Sprintf(
			"⚠ A short password (%s): the service takes it, but %d or more characters are much harder to guess.",
			ui.Plural(n, "character", "characters"), shortPassword+2)))...)
	}
	return lines
}

// newPasswordLength is how many characters the new password has (never
// its value); 0 while it is refused anyway.
func (m *Model) newPasswordLength() int {
	if m.pw == nil || checkNewPassword(m.pw.Value(kNewPassword)) != nil {
		return 0
	}
	return len([]rune(m.pw.Value(kNewPassword)))
}

func (m *Model) unknownOutcomeAdvice() string {
	if m.mode == modePassword {
		return "The answer was lost: the password may have changed. If it did and you are the account's own user, " +
			"the old key no longer works and the new token is only in the web back office."
	}
	return "The server may have applied it; " + m.c.Keys.Form.Save.Help().Key + " sends the same changes again."
}

func (m *Model) accountID() string {
	if m.account != nil {
		return m.account.ID
	}
	return m.c.Session.AccountID
}

// noteLines explain the focused field (or the open pick list) in w cells.
func (m *Model) noteLines(w int) []string {
	f := m.activeForm()
	if f == nil {
		return nil
	}
	text, about := fieldNotes[f.Focused()], f.Label(f.Focused())
	if m.picker != nil {
		mk := m.c.Keys.Menu
		text = fmt.Sprintf("Type to narrow the list by code or name; %s/%s and %s choose; %s keeps the current value.",
			mk.Up.Help().Key, mk.Down.Help().Key, mk.Choose.Help().Key, m.c.Keys.Global.Back.Help().Key)
	}
	if text == "" {
		return nil
	}
	rule := ui.Truncate("── "+ui.Sanitize(about)+" ", w)
	rule = m.c.Styles.Faint.Render(rule + strings.Repeat("─", max(min(w, 44)-lipgloss.Width(rule), 0)))
	lines := strings.Split(m.c.Styles.Wrap(m.c.Styles.Faint.Render(text), max(w, 20)), "\n")
	if len(lines) > 4 && !m.notesBeside() {
		lines = append(lines[:3], ui.Truncate(lines[3], w-1)+"…")
	}
	return append([]string{rule}, lines...)
}

func (m *Model) formView() string {
	head := m.formHead()
	fw := m.formWidth()
	noteW := m.width - fw - 3
	if !m.notesBeside() {
		noteW = m.width
	}
	notes := m.noteLines(noteW)
	room := m.height - len(head)
	if !m.notesBeside() {
		room -= len(notes)
	}
	room = max(room, 1)
	var body string
	if m.picker != nil {
		body = m.picker.view(m.c.Styles, fw, max(room, 4))
	} else {
		body = m.activeForm().View()
	}
	bodyLines := strings.Split(body, "\n")
	if m.notesBeside() {
		return strings.Join(append(head, besideLines(bodyLines, fw, notes)...), "\n")
	}
	for len(bodyLines) < room {
		bodyLines = append(bodyLines, "")
	}
	return strings.Join(append(append(head, bodyLines...), notes...), "\n")
}

// besideLines puts the notes to the right of the form's lines.
func besideLines(left []string, lw int, right []string) []string {
	out := make([]string, max(len(left), len(right)))
	for i := range out {
		var l, r string
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		l = ui.Truncate(l, lw)
		out[i] = l + strings.Repeat(" ", max(lw-lipgloss.Width(l), 0)) + "   " + r
	}
	return out
}

// summaryView lists what will be sent: old → new, masked values as ••••.
func (m *Model) summaryView() string {
	st := m.c.Styles
	keys := m.c.Keys
	q := "Save these changes to the account?"
	if m.task == taskPassword {
		q = "Change the account password?"
	}
	lines := []string{st.Title.Render(q)}
	for _, c := range m.summary {
		lines = append(lines, m.changeLines(c)...)
	}
	lines = append(lines, "")
	for _, c := range m.summary {
		if w := changeWarning(c); w != "" {
			lines = append(lines, m.wrap(st.Warning.Render(w))...)
		}
	}
	if m.task == taskPassword {
		lines = append(lines, m.wrap(st.Warning.Render(m.passwordEffect()))...)
	}
	hint := st.Key.Render(keys.Form.Confirm.Help().Key+"/"+keys.Form.Accept.Help().Key) + st.Faint.Render(" send   ") +
		st.Key.Render(keys.Form.Cancel.Help().Key+"/"+keys.Global.Back.Help().Key) + st.Faint.Render(" back to the form")
	lines = append(lines, "", hint)
	if len(lines) > m.height { // keep the question's keys in view
		lines = append(lines[:max(m.height-3, 1)], st.Faint.Render("…"), "", hint)
	}
	return strings.Join(lines, "\n")
}

// passwordEffect says what a password change does to this session's key.
func (m *Model) passwordEffect() string {
	user, acct := ui.Sanitize(m.c.API.UserID()), ui.Sanitize(m.c.API.AccountID())
	if user == acct {
		return "You are signed in as the account's own user (" + user + "): the server answers with a new API " +
			"token, the old key stops working at once, and this session switches to the new one."
	}
	return "You are signed in as " + user + ", not as the account's own user (" + acct + "): the server sends " +
		"no new token and this profile's key stays; the owner's key changes with the password."
}

// changeLines shows one change as "label  old → new", on two lines
// ("→ new" under "old") when one is too narrow.
func (m *Model) changeLines(c form.Change) []string {
	st := m.c.Styles
	l := ui.Truncate(ui.Sanitize(c.Label), labelWidth+4)
	l += strings.Repeat(" ", max(labelWidth+4-lipgloss.Width(l), 0))
	head := "  " + st.Label.Render(l) + " "
	old, now := ui.Sanitize(c.OldText), ui.Sanitize(c.NewText)
	if c.Key == kNewPassword {
		return []string{head + form.Mask}
	}
	if line := head + old + " → " + now; lipgloss.Width(line) <= m.width {
		return []string{line}
	}
	indent := strings.Repeat(" ", labelWidth+7)
	return []string{ui.Truncate(head+old, m.width), ui.Truncate(indent+"→ "+now, m.width)}
}

// changeWarning points out changes whose effect is easy to get wrong.
func changeWarning(c form.Change) string {
	switch c.Key {
	case "contact_email":
		return "Billing email is where the agency's bills go, not the shop's own address."
	case kActivate:
		if c.New == "true" {
			return "Activating a trial account makes it billable and lifts its 10-customer limit."
		}
	}
	return ""
}

func (m *Model) tokenView() string {
	st := m.c.Styles
	ak := m.c.Keys.Account
	t := m.token
	profile := ui.Sanitize(m.c.Session.Profile)
	value := maskedToken + st.Faint.Render(fmt.Sprintf("  (%s shows it)", ak.ShowToken.Help().Key))
	if t.shown {
		value = ui.Sanitize(t.value) + st.Faint.Render(fmt.Sprintf("  (%s hides it)", ak.ShowToken.Help().Key))
	}
	lines := []string{st.Success.Render("✓ The account password was changed.")}
	lines = append(lines, m.wrap("The server issued a new API token. This session already uses it; the old one no longer works.")...)
	lines = append(lines, "", ui.Truncate(st.Label.Render("New API token  ")+value, m.width), "")
	done := ak.Done.Help().Key
	switch {
	case t.storing:
		lines = append(lines, st.Faint.Render("Storing it in profile "+profile+"…"))
	case t.stored:
		lines = append(lines, m.wrap(st.Success.Render("✓ Stored in profile "+profile+".")+" The next start signs in with it. "+done+" continues.")...)
	case t.storeErr != "":
		lines = append(lines, m.wrap(st.Error.Render("✗ Not stored: ")+t.storeErr+
			fmt.Sprintf(" Store it by hand as the password (API key) of profile %s; %s shows it, %s tries again.", profile, ak.ShowToken.Help().Key, ak.StoreToken.Help().Key))...)
	case m.c.Settings.SaveToken == nil:
		lines = append(lines, m.wrap(st.Warning.Render("This session cannot write to a profile: store the token by hand")+
			fmt.Sprintf(" as the password (API key) of profile %s, or the next start will not sign in. %s shows it; %s when done.", profile, ak.ShowToken.Help().Key, done))...)
	default:
		lines = append(lines, m.wrap(fmt.Sprintf("Store it in profile %s so the next start signs in with it? %s stores it; %s skips.",
			profile, ak.StoreToken.Help().Key, done))...)
	}
	return strings.Join(lines, "\n")
}
