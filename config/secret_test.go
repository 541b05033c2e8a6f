package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func secretProfile() Profile {
	return Profile{
		Name: "store-north", URL: DefaultURL, UserID: "john1970", Password: testPassword,
		AccountID: "greatwidgets", Format: FormatXML, Timeout: time.Second,
		Imonggo: Imonggo{Account: "shop", Token: testToken},
	}
}

func TestSecretRevealReturnsTheValue(t *testing.T) {
	s := Secret(testPassword)
	require.Equal(t, testPassword, s.Reveal())
	require.True(t, s.IsSet())
	require.False(t, Secret("").IsSet())
}

func TestSecretNotShownByAnyFmtVerb(t *testing.T) {
	s := Secret(testPassword)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10s", "%-8v", "%08d"} {
		out := fmt.Sprintf(verb, s)
		requireNoSecret(t, out)
		require.Contains(t, out, Redacted, verb)
	}
	require.Equal(t, Redacted, s.String())
	require.Equal(t, Redacted, s.GoString())
	require.Equal(t, "", Secret("").String(), "an empty secret shows as empty")
}

func TestProfileSecretsNotShownByFmt(t *testing.T) {
	p := secretProfile()
	nested := &struct{ Profiles map[string]Profile }{map[string]Profile{p.Name: p}}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		for _, v := range []any{p, &p, nested, []Profile{p}} {
			out := fmt.Sprintf(verb, v)
			requireNoSecret(t, out)
			require.Contains(t, out, "john1970", "the rest of the profile is still shown")
		}
	}
	requireNoSecret(t, fmt.Sprint(p))
	requireNoSecret(t, fmt.Sprintln(p))
}

func TestProfileSecretsNotInJSON(t *testing.T) {
	out, err := json.Marshal(secretProfile())
	require.NoError(t, err)
	requireNoSecret(t, string(out))
	require.Contains(t, string(out), `"Password":"`+Redacted+`"`)
}

func TestProfileSecretsNotInSlog(t *testing.T) {
	p := secretProfile()
	var text, js bytes.Buffer
	for _, h := range []slog.Handler{slog.NewTextHandler(&text, nil), slog.NewJSONHandler(&js, nil)} {
		log := slog.New(h)
		log.Info("using", "profile", p, "password", p.Password, "imonggo", p.Imonggo, "ptr", &p)
		log.Info("group", slog.Group("g", slog.Any("p", p)))
	}
	requireNoSecret(t, text.String())
	requireNoSecret(t, js.String())
	require.Contains(t, text.String(), "profile.user_id=john1970")
	require.Contains(t, js.String(), `"user_id":"john1970"`)
}
