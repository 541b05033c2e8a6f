package config

import (
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/stretchr/testify/require"
)

func TestSuggestKey(t *testing.T) {
	tests := []struct {
		key  toml.Key
		want string
	}{
		{toml.Key{"pasword"}, "password under [profiles.NAME]"},
		{toml.Key{"user_id"}, "user_id under [profiles.NAME]"},
		{toml.Key{"zzzzzzz"}, ""},
		{toml.Key{"default_profil"}, "default_profile"},
		{toml.Key{"key"}, "keys"},
		{toml.Key{"profiles", "x", "pasword"}, "password"},
		{toml.Key{"profiles", "x", "Password"}, "password"},
		{toml.Key{"profiles", "x", "userid"}, "user_id"},
		{toml.Key{"profiles", "x", "refresh"}, ""},
		{toml.Key{"profiles", "x", "imonggo", "tokn"}, "token"},
		{toml.Key{"profile", "x", "url"}, "profiles.x.url"},
		{toml.Key{"profiles", "x", "zzzz"}, ""},
		{toml.Key{"keys", "anything"}, ""},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, suggestKey(tt.key), tt.key.String())
	}
}

func TestEditDistance(t *testing.T) {
	require.Equal(t, 0, editDistance("url", "url"))
	require.Equal(t, 1, editDistance("pasword", "password"))
	require.Equal(t, 2, editDistance("userid", "user_ic"))
	require.Equal(t, 3, editDistance("", "abc"))
}

func TestParseKey(t *testing.T) {
	tests := []struct {
		in       string
		want     []string
		wantRest string
		ok       bool
	}{
		{`password = "x"`, []string{"password"}, `= "x"`, true},
		{`  a.b . c= 1`, []string{"a", "b", "c"}, `= 1`, true},
		{`"store north".x = 1`, []string{"store north", "x"}, `= 1`, true},
		{`'lit\eral' = 1`, nil, `'lit\eral' = 1`, false},
		{`"esc\"aped" = 1`, nil, `"esc\"aped" = 1`, false},
		{`# comment`, nil, `# comment`, false},
		{``, nil, ``, false},
		{`a. = 1`, nil, `a. = 1`, false},
	}
	for _, tt := range tests {
		got, rest, ok := parseKey(tt.in)
		require.Equal(t, tt.ok, ok, tt.in)
		require.Equal(t, tt.want, got, tt.in)
		require.Equal(t, tt.wantRest, rest, tt.in)
	}
}

func TestTOMLStringRoundTrips(t *testing.T) {
	for _, s := range []string{"plain", `q"uo\te`, "tab\tnl\nnul\x00del\x7f", "ünï €", ""} {
		var v struct{ S string }
		_, err := toml.Decode("S = "+tomlString(s), &v)
		require.NoError(t, err, s)
		require.Equal(t, s, v.S)
	}
}
