package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/stretchr/testify/require"
)

func sampleConfig() *Config {
	return &Config{
		DefaultProfile: "store-north",
		Profiles: map[string]Profile{
			"store-north": {Name: "store-north", URL: DefaultURL, UserID: "john1970", Password: testPassword,
				AccountID: "greatwidgets", StoreName: "North Street", RefreshInterval: 15 * time.Second},
			"store south": {Name: "store south", UserID: "mary", Password: "p2", AccountID: "south",
				Format: FormatJSON, Timeout: 5 * time.Second, ImportChunkSize: 100, NoColor: true,
				Imonggo: Imonggo{Account: "shop", Token: testToken}},
		},
		Keys: map[string][]string{"lookup": {"f2", "alt+l"}},
	}
}

func TestSaveRoundTrips(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	want := sampleConfig()
	require.NoError(t, Save(path, want))

	got, warnings, err := Read(path)
	require.NoError(t, err)
	require.Empty(t, warnings)
	want.Path = path
	require.Equal(t, want, got)

	data, err := os.ReadFile(path)
	require.NoError(t, err)
	for _, unset := range []string{`"0s"`, "= 0\n", "= false", `= ""`} {
		require.NotContains(t, string(data), unset, "settings left unset are not written")
	}
	require.Contains(t, string(data), "\n[profiles.store-north]\n", "tables are not indented")
}

func TestSaveWritesPrivateFileAndDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "loyaltydesk")
	path := filepath.Join(dir, "config.toml")
	require.NoError(t, Save(path, sampleConfig()))
	requireMode(t, path, 0o600)
	requireMode(t, dir, 0o700)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1, "no temporary file is left behind")
}

func TestSaveNarrowsAnExistingFile(t *testing.T) {
	path := writeConfig(t, "# old\n", 0o644)
	require.NoError(t, Save(path, sampleConfig()))
	requireMode(t, path, 0o600)
}

func TestSaveThroughSymlinkReplacesTarget(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.toml")
	link := filepath.Join(dir, "config.toml")
	require.NoError(t, os.WriteFile(target, []byte("# old\n"), 0o600))
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	require.NoError(t, Save(link, sampleConfig()))
	info, err := os.Lstat(link)
	require.NoError(t, err)
	require.NotZero(t, info.Mode()&os.ModeSymlink, "the link stays a link")
	cfg, _, err := Read(target)
	require.NoError(t, err)
	require.Equal(t, "store-north", cfg.DefaultProfile)
}

func TestSaveRefusesEmptyProfileName(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	err := Save(path, &Config{Profiles: map[string]Profile{"": {}}})
	require.ErrorContains(t, err, "empty name")
	_, statErr := os.Stat(path)
	require.ErrorIs(t, statErr, os.ErrNotExist, "nothing is written")
}

func TestSaveFailureKeepsOldFile(t *testing.T) {
	path := writeConfig(t, twoProfiles, 0o600)
	require.Error(t, Save(path, &Config{Profiles: map[string]Profile{"": {}}}))
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, twoProfiles, string(data))
}

const commentedConfig = `# loyaltydesk configuration — managed by hand
default_profile = "store-north"

[profiles.store-north]   # the main shop
url = "https://api.clienttoolbox.com"
user_id = "john1970"
password = "old-token"   # rotated 2026-01
account_id = "greatwidgets"
future_setting = 42

[profiles.store-south]
user_id = "mary"
password = "south-token"
account_id = "south"

[keys]
lookup = ["f2", "alt+l"]
`

func TestSetProfileTokenKeepsTheRestOfTheFile(t *testing.T) {
	path := writeConfig(t, commentedConfig, 0o600)
	require.NoError(t, SetProfileToken(path, "store-north", testPassword))

	data, err := os.ReadFile(path)
	require.NoError(t, err)
	want := strings.Replace(commentedConfig, `password = "old-token"`, `password = "`+testPassword+`"`, 1)
	require.Equal(t, want, string(data), "only the password changes; comments and unknown keys stay")
	requireMode(t, path, 0o600)

	cfg, _, err := Read(path)
	require.NoError(t, err)
	require.Equal(t, testPassword, cfg.Profiles["store-north"].Password.Reveal())
	require.Equal(t, "south-token", cfg.Profiles["store-south"].Password.Reveal())
}

func TestSetProfileTokenAddsMissingPassword(t *testing.T) {
	path := writeConfig(t, "[profiles.a]\r\nuser_id = \"u\"\r\n\r\n[profiles.b]\r\nuser_id = \"v\"\r\n", 0o600)
	require.NoError(t, SetProfileToken(path, "b", "new"))
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, "[profiles.a]\r\nuser_id = \"u\"\r\n\r\n[profiles.b]\r\npassword = \"new\"\r\nuser_id = \"v\"\r\n", string(data))
}

func TestSetProfileTokenQuotesAwkwardTokens(t *testing.T) {
	path := writeConfig(t, commentedConfig, 0o600)
	token := Secret(`a"b\c'd`)
	require.NoError(t, SetProfileToken(path, "store-north", token))
	cfg, _, err := Read(path)
	require.NoError(t, err)
	require.Equal(t, token.Reveal(), cfg.Profiles["store-north"].Password.Reveal())
}

func TestSetProfileTokenOnLiteralString(t *testing.T) {
	path := writeConfig(t, "[profiles.a]\npassword = 'old'  # c\n", 0o600)
	require.NoError(t, SetProfileToken(path, "a", "new"))
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, "[profiles.a]\npassword = \"new\"  # c\n", string(data))
}

func TestSetProfileTokenFallsBackForOtherLayouts(t *testing.T) {
	layouts := map[string]string{
		"inline table": "[profiles]\nstore-north = { user_id = \"u\", password = \"old\", extra = 1 }\n",
		"dotted keys":  "profiles.store-north.user_id = \"u\"\nprofiles.store-north.password = \"old\"\nprofiles.store-north.extra = 1\n",
		"multi-line":   "[profiles.store-north]\nuser_id = \"u\"\npassword = \"\"\"old\"\"\"\nextra = 1\n",
	}
	for name, content := range layouts {
		t.Run(name, func(t *testing.T) {
			path := writeConfig(t, content, 0o600)
			require.NoError(t, SetProfileToken(path, "store-north", testPassword))
			cfg, warnings, err := Read(path)
			require.NoError(t, err)
			p := cfg.Profiles["store-north"]
			require.Equal(t, testPassword, p.Password.Reveal())
			require.Equal(t, "u", p.UserID)
			require.Equal(t, "profiles.store-north.extra", warnings[0].Key, "unknown keys are kept")
			requireMode(t, path, 0o600)
		})
	}
}

func TestSetProfileTokenUnknownProfile(t *testing.T) {
	path := writeConfig(t, commentedConfig, 0o600)
	err := SetProfileToken(path, "store-east", testPassword)
	require.ErrorContains(t, err, `profile "store-east" is not in `+path+"; known profiles: store-north, store-south")
	requireNoSecret(t, err.Error())
	data, readErr := os.ReadFile(path)
	require.NoError(t, readErr)
	require.Equal(t, commentedConfig, string(data), "the file is untouched")
}

func TestSetProfileTokenMissingOrBrokenFile(t *testing.T) {
	err := SetProfileToken(filepath.Join(t.TempDir(), "none.toml"), "a", testPassword)
	require.ErrorIs(t, err, ErrNoConfig)
	requireNoSecret(t, err.Error())

	path := writeConfig(t, "[profiles.a]\npassword = \"x\" oops\n", 0o600)
	err = SetProfileToken(path, "a", testPassword)
	require.ErrorContains(t, err, "line 2")
	requireNoSecret(t, err.Error())
}

func TestSetTableKeyDoesNotTouchOtherTables(t *testing.T) {
	text := "[profiles.a]\npassword = \"1\"\n[profiles.a.imonggo]\ntoken = \"2\"\n[[other]]\npassword = \"3\"\n"
	got, ok := setTableKey(text, []string{"profiles", "a", "imonggo"}, "password", `"new"`)
	require.True(t, ok)
	require.Equal(t, "[profiles.a]\npassword = \"1\"\n[profiles.a.imonggo]\npassword = \"new\"\ntoken = \"2\"\n[[other]]\npassword = \"3\"\n", got)

	_, ok = setTableKey(text, []string{"profiles", "zzz"}, "password", `"new"`)
	require.False(t, ok)
}

func TestSetTableKeyHeaderAtEndOfFile(t *testing.T) {
	got, ok := setTableKey("x = 1\n[profiles.a]", []string{"profiles", "a"}, "password", `"p"`)
	require.True(t, ok)
	require.Equal(t, "x = 1\n[profiles.a]\npassword = \"p\"\n", got)
}

func TestSetProfileTokenVerifiesTheInPlaceEdit(t *testing.T) {
	// The line scanner is fooled by a header inside a multi-line string;
	// decoding the edit shows it, and the file is re-encoded instead.
	content := "[profiles.a]\nnotes = \"\"\"\n[profiles.b]\npassword = \"fake\"\n\"\"\"\n\n[profiles.b]\npassword = \"real\"\n"
	path := writeConfig(t, content, 0o600)
	require.NoError(t, SetProfileToken(path, "b", "new"))
	cfg, _, err := Read(path)
	require.NoError(t, err)
	require.Equal(t, "new", cfg.Profiles["b"].Password.Reveal())

	var raw struct {
		Profiles map[string]map[string]string `toml:"profiles"`
	}
	_, err = toml.DecodeFile(path, &raw)
	require.NoError(t, err)
	require.Equal(t, "[profiles.b]\npassword = \"fake\"\n", raw.Profiles["a"]["notes"], "the string is unchanged")
}

func TestAddProfileCreatesTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "config.toml")
	require.NoError(t, AddProfile(path, Profile{Name: "main", UserID: "u", Password: Secret(testPassword), AccountID: "acc"}))
	requireMode(t, path, 0o600)
	_, p, _, err := Load(LoadOptions{Flags: &Flags{ConfigPath: path}, LookupEnv: envOf()})
	require.NoError(t, err)
	require.Equal(t, "main", p.Name)
	require.Equal(t, testPassword, p.Password.Reveal())
	require.Equal(t, DefaultURL, p.URL)
}

func TestAddProfileKeepsTheFilesComments(t *testing.T) {
	path := writeConfig(t, "# my stores\n[profiles.north]\nuser_id = \"n\"\npassword = \"p\"\naccount_id = \"a\"\n", 0o644)
	require.NoError(t, AddProfile(path, Profile{Name: "south", UserID: "s", Password: Secret("k"), AccountID: "b"}))
	requireMode(t, path, 0o600)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Contains(t, string(data), "# my stores")
	cfg, p, _, err := Load(LoadOptions{Flags: &Flags{ConfigPath: path}, LookupEnv: envOf()})
	require.NoError(t, err)
	require.Equal(t, []string{"north", "south"}, cfg.ProfileNames())
	require.Equal(t, "south", p.Name, "the new profile becomes the default when the file named none")
}
