package account

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	"loyaltydesk/ui"
	"loyaltydesk/ui/form"
)

// Every message carries the page it belongs to: messages are broadcast to
// every live page, and a rebuilt page must not take its predecessor's.
type (
	accountMsg struct {
		owner   *Model
		at      time.Time
		account apiclient.Account
		err     error
	}
	savedMsg struct {
		owner  *Model
		task   task
		fields []string
		result apiclient.AccountUpdateResult
		err    error
	}
	tokenStoredMsg struct {
		owner *Model
		err   error
	}
)

func (m *Model) load() tea.Cmd {
	m.loading = true
	api, ctx, owner := m.c.API, m.c.Ctx, m
	return func() tea.Msg {
		a, err := api.AccountInfo(ctx)
		return accountMsg{owner: owner, at: time.Now(), account: a, err: err}
	}
}

func (m *Model) applyAccount(msg accountMsg) tea.Cmd {
	m.loading = false
	if msg.err != nil {
		m.loadErr = msg.err
		return ui.ReportConnection(msg.err)
	}
	a := msg.account
	m.account, m.loadedAt, m.loadErr = &a, msg.at, nil
	return ui.ReportConnection(nil)
}

// send sends the reviewed changes; only they go to the server.
func (m *Model) send() tea.Cmd {
	var changed map[string]string
	if m.task == taskPassword {
		changed = map[string]string{kNewPassword: m.pw.Value(kNewPassword)}
	} else {
		changed = updateValues(m.form.ChangedValues())
	}
	fields := make([]string, 0, len(changed))
	for k := range changed {
		fields = append(fields, k)
	}
	slices.Sort(fields)
	m.mode, m.saveErr = modeSaving, nil
	api, ctx, owner, t := m.c.API, m.c.Ctx, m, m.task
	return func() tea.Msg {
		res, err := api.UpdateAccount(ctx, changed)
		return savedMsg{owner: owner, task: t, fields: fields, result: res, err: err}
	}
}

func (m *Model) applySaved(msg savedMsg) tea.Cmd {
	if msg.err != nil {
		return m.saveFailed(msg)
	}
	m.c.Log.Info("account updated", "fields", strings.Join(msg.fields, ","), "new_token", msg.result.NewAPIToken != "")
	if msg.task == taskPassword {
		return m.passwordChanged(msg.result)
	}
	m.form, m.mode = nil, modeView
	m.saved = fmt.Sprintf("Saved: %s.", ui.Plural(len(msg.fields), "field", "fields"))
	return tea.Batch(ui.ReportConnection(nil), ui.SetStatus(ui.StatusSuccess, "Account saved."), m.load(), ui.AccountChanged())
}

func (m *Model) saveFailed(msg savedMsg) tea.Cmd {
	m.saveErr = msg.err
	m.mode = map[task]mode{taskEdit: modeEdit, taskPassword: modePassword}[msg.task]
	m.c.Log.Warn("account not updated", "fields", strings.Join(msg.fields, ","), "err", msg.err)
	cmds := []tea.Cmd{ui.ReportConnection(msg.err), ui.SetStatus(ui.StatusError, "Not saved: "+ui.Describe(msg.err))}
	if f := m.activeForm(); f != nil {
		if k, text := fieldOfError(msg.err, msg.fields); k != "" && f.Has(k) {
			f.SetError(k, text)
			cmds = append(cmds, f.Focus(k))
		}
	}
	return tea.Batch(cmds...)
}

// fieldOfError names the field a server's refusal is about, if it names
// one of the fields sent.
func fieldOfError(err error, sent []string) (key, text string) {
	var apiErr *apiclient.APIError
	var vErr *apiclient.ValidationError
	switch {
	case errors.As(err, &vErr) && vErr.Field != "":
		return vErr.Field, ui.Sanitize(vErr.Problem)
	case errors.As(err, &apiErr):
		for _, k := range sent {
			if strings.Contains(apiErr.Message, k) {
				return k, "the server refused: " + ui.Sanitize(apiErr.Message)
			}
		}
	}
	return "", ""
}

// passwordChanged takes up the new API token, if the server sent one; the
// client already uses it.
func (m *Model) passwordChanged(res apiclient.AccountUpdateResult) tea.Cmd {
	m.pw = nil
	conn := ui.ReportConnection(nil)
	if res.NewAPIToken == "" {
		m.mode = modeView
		m.saved = "Password changed. The server issued no new API token (only the account's own user gets one), so this profile's key stays as it is."
		return tea.Batch(conn, ui.SetStatus(ui.StatusSuccess, "Password changed."))
	}
	m.token = tokenState{value: res.NewAPIToken}
	m.mode = modeToken
	m.saved = "Password changed; this session uses the new API token."
	return tea.Batch(conn, ui.SetStatus(ui.StatusSuccess, "Password changed: the server issued a new API token."))
}

// storeToken writes the token to the active profile (file I/O, so in a
// Cmd).
func (m *Model) storeToken() tea.Cmd {
	m.token.storing, m.token.storeErr = true, ""
	save, token, owner := m.c.Settings.SaveToken, m.token.value, m
	return func() tea.Msg { return tokenStoredMsg{owner: owner, err: save(token)} }
}

func (m *Model) applyTokenStored(msg tokenStoredMsg) tea.Cmd {
	m.token.storing = false
	if msg.err != nil {
		// Whatever the error says, the token itself is never shown in it.
		m.token.storeErr = strings.ReplaceAll(ui.Sanitize(msg.err.Error()), m.token.value, form.Mask)
		m.c.Log.Warn("new API token not stored", "err", m.token.storeErr)
		return ui.SetStatus(ui.StatusError, "The new API token was not stored; store it by hand.")
	}
	m.token.stored, m.token.shown = true, false
	return ui.SetStatus(ui.StatusSuccess, "The new API token is stored in profile "+ui.Sanitize(m.c.Session.Profile)+".")
}
