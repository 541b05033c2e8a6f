package config

import (
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

const twoProfiles = `default_profile = "store-north"

[profiles.store-north]
url = "https://north.example.com/api.php"
user_id = "john1970"
password = "` + testPassword + `"
account_id = "greatwidgets"
store_name = "North Street"

[profiles.store-south]
user_id = "mary"
password = "` + testPassword + `"
account_id = "southwidgets"
format = "JSON"
timeout = "5s"
refresh_interval = 30
import_chunk_size = 50
no_color = true

[profiles.store-south.imonggo]
account = "southshop"
token = "` + testToken + `"

[keys]
lookup = ["f2", "alt+l"]
help = "f1"
`

func TestLoadReadsTheDefaultProfile(t *testing.T) {
	path := writeConfig(t, twoProfiles, 0o600)
	cfg, p, warnings, err := loadFile(t, path, nil)
	require.NoError(t, err)
	require.Empty(t, warnings)
	require.Equal(t, path, cfg.Path)
	require.Equal(t, []string{"store-north", "store-south"}, cfg.ProfileNames())
	require.Equal(t, map[string][]string{"lookup": {"f2", "alt+l"}, "help": {"f1"}}, cfg.Keys)

	require.Equal(t, "store-north", p.Name)
	require.Equal(t, "https://north.example.com/api.php", p.URL)
	require.Equal(t, "john1970", p.UserID)
	require.Equal(t, testPassword, p.Password.Reveal())
	require.Equal(t, "greatwidgets", p.AccountID)
	require.Equal(t, "North Street", p.DisplayName())
}

func TestLoadFillsDefaults(t *testing.T) {
	path := writeConfig(t, "[profiles.a]\nuser_id = \"u\"\npassword = \"p\"\naccount_id = \"acc\"\n", 0o600)
	_, p, _, err := loadFile(t, path, nil)
	require.NoError(t, err)
	require.Equal(t, DefaultURL, p.URL)
	require.Equal(t, FormatXML, p.Format)
	require.Equal(t, DefaultTimeout, p.Timeout)
	require.Equal(t, 10*time.Second, p.RefreshInterval)
	require.Equal(t, DefaultImportChunkSize, p.ImportChunkSize)
	require.False(t, p.NoColor)
	require.Equal(t, "a", p.DisplayName(), "without store_name the profile name is shown")
}

func TestLoadReadsEverySetting(t *testing.T) {
	path := writeConfig(t, twoProfiles, 0o600)
	_, p, _, err := loadFile(t, path, &Flags{Profile: "store-south"})
	require.NoError(t, err)
	require.Equal(t, FormatJSON, p.Format, "format is case-insensitive")
	require.Equal(t, 5*time.Second, p.Timeout)
	require.Equal(t, 30*time.Second, p.RefreshInterval, "a bare number is seconds")
	require.Equal(t, 50, p.ImportChunkSize)
	require.True(t, p.NoColor)
	require.Equal(t, "southshop", p.Imonggo.Account)
	require.Equal(t, testToken, p.Imonggo.Token.Reveal())
	require.Equal(t, "https://southshop.imonggo.com/api", p.Imonggo.Endpoint())
}

func TestLoadPrecedenceFileEnvFlags(t *testing.T) {
	path := writeConfig(t, twoProfiles, 0o600)
	env := []string{
		EnvURL, "https://env.example.com", EnvUserID, "env-user",
		EnvAccountID, "env-account", EnvPassword, "env-password",
	}

	_, p, _, err := loadFile(t, path, nil, env...)
	require.NoError(t, err)
	require.Equal(t, "https://env.example.com", p.URL, "env beats file")
	require.Equal(t, "env-user", p.UserID)
	require.Equal(t, "env-account", p.AccountID)
	require.Equal(t, "env-password", p.Password.Reveal())

	flags := &Flags{URL: "https://flag.example.com", UserID: "flag-user", AccountID: "flag-account"}
	_, p, _, err = loadFile(t, path, flags, env...)
	require.NoError(t, err)
	require.Equal(t, "https://flag.example.com", p.URL, "flag beats env")
	require.Equal(t, "flag-user", p.UserID)
	require.Equal(t, "flag-account", p.AccountID)
	require.Equal(t, "env-password", p.Password.Reveal())
}

func TestLoadEmptyEnvDoesNotOverride(t *testing.T) {
	path := writeConfig(t, twoProfiles, 0o600)
	_, p, _, err := loadFile(t, path, nil, EnvUserID, "", EnvPassword, "")
	require.NoError(t, err)
	require.Equal(t, "john1970", p.UserID)
	require.Equal(t, testPassword, p.Password.Reveal())
}

func TestLoadNoColorFromFileEnvOrFlag(t *testing.T) {
	path := writeConfig(t, twoProfiles, 0o600)
	_, p, _, err := loadFile(t, path, nil)
	require.NoError(t, err)
	require.False(t, p.NoColor)

	_, p, _, err = loadFile(t, path, nil, EnvNoColor, "1")
	require.NoError(t, err)
	require.True(t, p.NoColor)

	_, p, _, err = loadFile(t, path, &Flags{NoColor: true})
	require.NoError(t, err)
	require.True(t, p.NoColor)
}

func TestLoadProfileChoice(t *testing.T) {
	path := writeConfig(t, twoProfiles, 0o600)
	_, p, _, err := loadFile(t, path, nil, EnvProfile, "store-south")
	require.NoError(t, err)
	require.Equal(t, "store-south", p.Name, "env beats default_profile")

	_, p, _, err = loadFile(t, path, &Flags{Profile: "store-north"}, EnvProfile, "store-south")
	require.NoError(t, err)
	require.Equal(t, "store-north", p.Name, "flag beats env")
}

func TestLoadSingleProfileNeedsNoDefault(t *testing.T) {
	path := writeConfig(t, "[profiles.only]\nuser_id = \"u\"\npassword = \"p\"\naccount_id = \"a\"\n", 0o600)
	_, p, _, err := loadFile(t, path, nil)
	require.NoError(t, err)
	require.Equal(t, "only", p.Name)
}

func TestLoadSeveralProfilesWithoutDefault(t *testing.T) {
	path := writeConfig(t, "[profiles.b]\n[profiles.a]\n", 0o600)
	cfg, _, _, err := loadFile(t, path, nil)
	require.Error(t, err)
	require.NotNil(t, cfg, "the config is returned so a caller can offer the profiles")
	for _, want := range []string{path, "a, b", "default_profile", "--profile", EnvProfile} {
		require.ErrorContains(t, err, want)
	}
}

func TestLoadNoProfiles(t *testing.T) {
	path := writeConfig(t, "[keys]\nlookup = [\"f2\"]\n", 0o600)
	_, _, _, err := loadFile(t, path, nil)
	require.ErrorContains(t, err, "has no profiles")
	require.ErrorContains(t, err, "[profiles.NAME]")
	require.ErrorIs(t, err, ErrNoProfile, "set-up starts for it, as for a missing file")
}

func TestLoadUnknownProfileListsKnownOnes(t *testing.T) {
	path := writeConfig(t, twoProfiles, 0o600)
	tests := []struct {
		name  string
		flags *Flags
		env   []string
		from  string
	}{
		{"flag", &Flags{Profile: "store-east"}, nil, "--profile"},
		{"env", nil, []string{EnvProfile, "store-east"}, EnvProfile},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, _, err := loadFile(t, path, tt.flags, tt.env...)
			require.ErrorContains(t, err, `profile "store-east" (from `+tt.from+`) is not in `+path)
			require.ErrorContains(t, err, "known profiles: store-north, store-south")
		})
	}

	path = writeConfig(t, "default_profile = \"gone\"\n[profiles.here]\n", 0o600)
	_, _, _, err := loadFile(t, path, nil)
	require.ErrorContains(t, err, `profile "gone" (from default_profile)`)
	require.ErrorContains(t, err, "known profiles: here")
}

func TestLoadMissingRequiredFields(t *testing.T) {
	path := writeConfig(t, "[profiles.store-north]\nurl = \"https://x.example.com\"\n", 0o600)
	_, _, _, err := loadFile(t, path, nil)
	require.Error(t, err)
	for _, want := range []string{
		`profile "store-north"`, path, "[profiles.store-north]",
		"no user_id", "--user-id", EnvUserID,
		"no password", EnvPassword,
		"no account_id", "--account-id", EnvAccountID,
	} {
		require.ErrorContains(t, err, want)
	}
	require.NotContains(t, err.Error(), "--password", "there is no password flag to suggest")
}

func TestLoadMissingFieldsSuppliedByEnvAndFlags(t *testing.T) {
	path := writeConfig(t, "[profiles.store-north]\n", 0o600)
	_, p, _, err := loadFile(t, path, &Flags{UserID: "u"}, EnvPassword, testPassword, EnvAccountID, "acc")
	require.NoError(t, err)
	require.Equal(t, "u", p.UserID)
	require.Equal(t, "acc", p.AccountID)

	_, _, _, err = loadFile(t, path, &Flags{UserID: "u"}, EnvAccountID, "acc")
	require.ErrorContains(t, err, "no password")
	require.NotContains(t, err.Error(), "no user_id")
}

func TestLoadMissingFileSaysWhatToDo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nowhere", "config.toml")
	_, _, _, err := loadFile(t, path, nil)
	require.ErrorIs(t, err, ErrNoConfig)
	require.ErrorIs(t, err, fs.ErrNotExist)
	require.EqualError(t, err, "no configuration at "+path+": run `loyaltydesk setup` to create it, `loyaltydesk demo` to try the app, "+
		"or set LOYALTYDESK_USER_ID, LOYALTYDESK_PASSWORD and LOYALTYDESK_ACCOUNT_ID (see README)")
}

func TestLoadUsesConfigPathFromEnv(t *testing.T) {
	path := writeConfig(t, twoProfiles, 0o600)
	cfg, _, _, err := Load(LoadOptions{LookupEnv: envOf(EnvConfig, path)})
	require.NoError(t, err)
	require.Equal(t, path, cfg.Path)

	_, _, _, err = Load(LoadOptions{Flags: &Flags{ConfigPath: path + ".missing"}, LookupEnv: envOf(EnvConfig, path)})
	require.ErrorIs(t, err, ErrNoConfig, "the flag wins over the env")
}

func TestLoadBrokenTOMLNamesLineAndColumn(t *testing.T) {
	path := writeConfig(t, "[profiles.a]\nuser_id = \"u\"\naccount_id = = \"x\"\n", 0o600)
	_, _, _, err := loadFile(t, path, nil)
	var se *SyntaxError
	require.ErrorAs(t, err, &se)
	require.Equal(t, 3, se.Line)
	require.Equal(t, 14, se.Column)
	require.ErrorContains(t, err, path+": line 3, column 14: expected value")
}

func TestLoadWrongTypeNamesLine(t *testing.T) {
	path := writeConfig(t, "[profiles.a]\nuser_id = \"u\"\n\nimport_chunk_size = \"lots\"\n", 0o600)
	_, _, _, err := loadFile(t, path, nil)
	var se *SyntaxError
	require.ErrorAs(t, err, &se)
	require.Equal(t, 4, se.Line)
	require.EqualError(t, err, path+": line 4: profiles.a.import_chunk_size: incompatible types: "+
		"TOML value has type string; destination has type integer")
}

func TestLoadBadDurationNamesLineAndFix(t *testing.T) {
	path := writeConfig(t, "[profiles.a]\n\ntimeout = \"10 sec\"\n", 0o600)
	_, _, _, err := loadFile(t, path, nil)
	var se *SyntaxError
	require.ErrorAs(t, err, &se)
	require.Equal(t, 3, se.Line)
	require.ErrorContains(t, err, `"10 sec" is not a duration`)
	require.ErrorContains(t, err, `"10s"`)
}

func TestLoadBrokenPasswordLineDoesNotShowIt(t *testing.T) {
	for name, line := range map[string]string{
		"unquoted":       "password = " + testPassword,
		"bad escape":     `password = "` + testPassword + `\q"`,
		"trailing text":  `password = "x" ` + testPassword,
		"token unquoted": "[profiles.a.imonggo]\ntoken = " + testToken,
		"datetime-like":  "password = 2024-13-45",
		"inline table":   "imonggo = { account = \"x\", token = " + testToken + " }",
		"multi-line":     "password = \"\"\"\n" + testPassword + "\\q\n\"\"\"",
	} {
		t.Run(name, func(t *testing.T) {
			path := writeConfig(t, "[profiles.a]\nuser_id = \"u\"\n"+line+"\n", 0o600)
			_, _, _, err := loadFile(t, path, nil)
			var se *SyntaxError
			require.ErrorAs(t, err, &se)
			requireNoSecret(t, err.Error())
			require.NotContains(t, err.Error(), "2024-13-45")
			require.ErrorContains(t, err, "in double quotes")
			require.NotZero(t, se.Line)
		})
	}
}

func TestLoadHarmlessSyntaxMessageOnPasswordLineIsKept(t *testing.T) {
	path := writeConfig(t, "[profiles.a]\npassword = \"x\"\npassword = \"y\"\n", 0o600)
	_, _, _, err := loadFile(t, path, nil)
	require.ErrorContains(t, err, "line 3")
	require.ErrorContains(t, err, "already been defined")
}

func TestLoadUnknownKeysAreWarnings(t *testing.T) {
	path := writeConfig(t, `default_profile = "a"
colour = "red"
[profiles.a]
user_id = "u"
password = "p"
account_id = "acc"
pasword = "oops"
[profiles.a.imonggo]
acount = "x"
`, 0o600)
	_, p, warnings, err := loadFile(t, path, nil)
	require.NoError(t, err)
	require.Equal(t, "u", p.UserID)
	text := warningsText(warnings)
	require.Contains(t, text, path+": unknown key colour is ignored\n")
	require.Contains(t, text, "unknown key profiles.a.pasword is ignored (did you mean password?)")
	require.Contains(t, text, "unknown key profiles.a.imonggo.acount is ignored (did you mean account?)")
	require.Equal(t, "profiles.a.pasword", warnings[1].Key)
}

func TestLoadMisspelledTableIsWarned(t *testing.T) {
	path := writeConfig(t, "[profile.a]\nuser_id = \"u\"\n[profiles.b]\nuser_id = \"u\"\npassword = \"p\"\naccount_id = \"acc\"\n", 0o600)
	_, _, warnings, err := loadFile(t, path, nil)
	require.NoError(t, err)
	require.Equal(t, path+": unknown key profile.a is ignored (did you mean profiles.a?)\n", warningsText(warnings), "keys inside an unknown table are not listed again")
}

func TestLoadWarnsWhenOthersCanReadPassword(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes on Windows")
	}
	path := writeConfig(t, twoProfiles, 0o644)
	_, _, warnings, err := loadFile(t, path, nil)
	require.NoError(t, err, "a readable file is a warning, not an error")
	require.Len(t, warnings, 1)
	require.Contains(t, warnings[0].String(), "run `chmod 600 "+path+"`")
	require.Contains(t, warnings[0].String(), "0644")
	requireNoSecret(t, warnings[0].String())

	require.NoError(t, os.Chmod(path, 0o640))
	_, _, warnings, _ = loadFile(t, path, nil)
	require.Len(t, warnings, 1, "group-readable counts too")

	require.NoError(t, os.Chmod(path, 0o600))
	_, _, warnings, _ = loadFile(t, path, nil)
	require.Empty(t, warnings)
}

func TestLoadNoPermissionWarningWithoutSecrets(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes on Windows")
	}
	path := writeConfig(t, "[profiles.a]\nuser_id = \"u\"\naccount_id = \"acc\"\n", 0o644)
	_, _, warnings, err := loadFile(t, path, nil, EnvPassword, testPassword)
	require.NoError(t, err)
	require.Empty(t, warnings)
}

func TestPermissionWarningQuotesOddPaths(t *testing.T) {
	require.Equal(t, "/home/ann/config.toml", shellQuote("/home/ann/config.toml"))
	require.Equal(t, `'/home/ann/my config.toml'`, shellQuote("/home/ann/my config.toml"))
	require.Equal(t, `'/tmp/it'\''s.toml'`, shellQuote("/tmp/it's.toml"))
}

func TestLoadRejectsBadValues(t *testing.T) {
	base := "[profiles.a]\nuser_id = \"u\"\npassword = \"" + testPassword + "\"\naccount_id = \"acc\"\n"
	tests := map[string]struct{ line, want string }{
		"format":      {`format = "yaml"`, `format "yaml" is not known: use "xml" or "json"`},
		"url":         {`url = "api.clienttoolbox.com"`, "url (from [profiles.a]) is not a URL"},
		"timeout":     {`timeout = "-3s"`, "timeout -3s is negative"},
		"refresh":     {`refresh_interval = "100ms"`, "refresh_interval 100ms is too short: use at least 1s"},
		"chunk":       {`import_chunk_size = 100000`, "import_chunk_size 100000 is out of range: use 1 to 5000"},
		"chunk neg":   {`import_chunk_size = -1`, "import_chunk_size -1 is out of range"},
		"imonggo url": {"[profiles.a.imonggo]\nbase_url = \"ftp://x\"", "imonggo.base_url is not a URL"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			path := writeConfig(t, base+tt.line+"\n", 0o600)
			_, _, _, err := loadFile(t, path, nil)
			require.ErrorContains(t, err, `profile "a" in `+path+": ")
			require.ErrorContains(t, err, tt.want)
			requireNoSecret(t, err.Error())
		})
	}
}

func TestLoadBadURLFromEnvNamesTheVariable(t *testing.T) {
	path := writeConfig(t, twoProfiles, 0o600)
	_, _, _, err := loadFile(t, path, nil, EnvURL, "https://john:"+testPassword+"@")
	require.ErrorContains(t, err, "url (from "+EnvURL+") is not a URL")
	requireNoSecret(t, err.Error())
}

func TestLoadWarnsAboutIncompleteImonggo(t *testing.T) {
	path := writeConfig(t, "[profiles.a]\nuser_id = \"u\"\npassword = \"p\"\naccount_id = \"acc\"\n[profiles.a.imonggo]\naccount = \"shop\"\n", 0o600)
	_, p, warnings, err := loadFile(t, path, nil)
	require.NoError(t, err)
	require.Equal(t, "shop", p.Imonggo.Account)
	require.Len(t, warnings, 1)
	require.Contains(t, warnings[0].Msg, "imonggo needs account (or base_url) and token")
}

func TestConfigProfileIgnoresEnvAndFlags(t *testing.T) {
	path := writeConfig(t, twoProfiles, 0o600)
	cfg, _, _, err := loadFile(t, path, &Flags{UserID: "flag-user"})
	require.NoError(t, err)
	p, err := cfg.Profile("store-south")
	require.NoError(t, err)
	require.Equal(t, "mary", p.UserID)
	require.Equal(t, 5*time.Second, p.Timeout)

	_, err = cfg.Profile("nope")
	require.ErrorContains(t, err, "known profiles: store-north, store-south")
}

func TestRegisterFlagsFeedsLoad(t *testing.T) {
	path := writeConfig(t, twoProfiles, 0o600)
	fset := flag.NewFlagSet("run", flag.ContinueOnError)
	flags := RegisterFlags(fset)
	err := fset.Parse([]string{
		"--config", path, "--profile", "store-south", "--url", "http://127.0.0.1:8080",
		"--user-id", "u2", "--account-id", "a2", "--log", "/tmp/x.log", "--no-color",
	})
	require.NoError(t, err)
	require.Equal(t, Flags{ConfigPath: path, Profile: "store-south", URL: "http://127.0.0.1:8080",
		UserID: "u2", AccountID: "a2", LogPath: "/tmp/x.log", NoColor: true}, *flags)

	_, p, _, err := Load(LoadOptions{Flags: flags, LookupEnv: envOf()})
	require.NoError(t, err)
	require.Equal(t, "store-south", p.Name)
	require.Equal(t, "http://127.0.0.1:8080", p.URL)
	require.Equal(t, "u2", p.UserID)
	require.Equal(t, "a2", p.AccountID)
	require.Nil(t, fset.Lookup("password"), "no password flag: command lines are visible to others")
}

func TestLoadErrorsNeverShowThePassword(t *testing.T) {
	path := writeConfig(t, twoProfiles, 0o644)
	cases := []*Flags{
		{Profile: "missing"}, {URL: "::bad"}, {Profile: "store-south", URL: "ftp://x"},
	}
	for _, flags := range cases {
		_, _, warnings, err := loadFile(t, path, flags, EnvPassword, testPassword)
		require.Error(t, err)
		requireNoSecret(t, err.Error())
		requireNoSecret(t, warningsText(warnings))
	}
	_, p, warnings, err := loadFile(t, path, nil)
	require.NoError(t, err)
	requireNoSecret(t, warningsText(warnings))
	requireNoSecret(t, p.Password.String())
}

func TestLoadKeysOfWrongTypeNameLine(t *testing.T) {
	path := writeConfig(t, "[profiles.a]\n[keys]\nlookup = [\"f2\", 3]\n", 0o600)
	_, _, _, err := loadFile(t, path, nil)
	var se *SyntaxError
	require.ErrorAs(t, err, &se)
	require.Equal(t, 3, se.Line)
	require.ErrorContains(t, err, `keys must be a list of strings such as ["f2", "alt+l"]`)
}

func TestLoadWithoutFileFromTheEnvironmentAlone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nowhere", "config.toml")
	cfg, p, warnings, err := loadFile(t, path, nil,
		EnvURL, "https://env.example.com/api.php", EnvUserID, "till", EnvPassword, testPassword, EnvAccountID, "shop")
	require.NoError(t, err)
	require.Empty(t, warnings)
	require.Empty(t, cfg.Path, "there is no file to write a new token to")
	require.Equal(t, "https://env.example.com/api.php", p.URL)
	require.Equal(t, "till", p.UserID)
	require.Equal(t, testPassword, p.Password.Reveal())
	require.Equal(t, "shop", p.AccountID)
	require.Equal(t, DefaultTimeout, p.Timeout, "defaults are filled in")

	_, p, _, err = loadFile(t, path, &Flags{UserID: "flag-user", AccountID: "flag-shop", Profile: "till-1"}, EnvPassword, testPassword)
	require.NoError(t, err, "flags plus the password from the environment")
	require.Equal(t, "flag-user", p.UserID)
	require.Equal(t, "till-1", p.Name)
	require.Equal(t, DefaultURL, p.URL)
}

func TestLoadWithoutFileAndPartOfTheEnvironmentNamesWhatIsMissing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	_, _, _, err := loadFile(t, path, nil, EnvUserID, "till", EnvAccountID, "shop")
	require.Error(t, err)
	require.NotErrorIs(t, err, ErrNoConfig, "the environment was meant: set-up does not start")
	require.ErrorContains(t, err, EnvPassword)
	require.NotContains(t, err.Error(), EnvUserID)
}
