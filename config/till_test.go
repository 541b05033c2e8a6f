package config

import (
	"testing"

	"github.com/stretchr/testify/require"
)

const tillBase = "[profiles.a]\nuser_id = \"u\"\npassword = \"p\"\naccount_id = \"acc\"\n"

func TestLoadReadsTillSettings(t *testing.T) {
	path := writeConfig(t, tillBase+"[profiles.a.till]\nname = \" till-2 \"\ndefault_campaign = \"1234\"\n", 0o600)
	_, p, warnings, err := loadFile(t, path, nil)
	require.NoError(t, err)
	require.Empty(t, warnings)
	require.Equal(t, Till{Name: "till-2", DefaultCampaign: "1234"}, p.Till)
}

func TestLoadTillTypoIsSuggested(t *testing.T) {
	path := writeConfig(t, tillBase+"[profiles.a.till]\ndefault_campain = \"1\"\n", 0o600)
	_, _, warnings, err := loadFile(t, path, nil)
	require.NoError(t, err)
	require.Contains(t, warningsText(warnings), "did you mean default_campaign?")
}

func TestLoadRefusesUnusableTillName(t *testing.T) {
	for line, want := range map[string]string{
		`name = "till #1"`:                   "may not hold #",
		`name = "the till by the back door"`: "too long",
	} {
		path := writeConfig(t, tillBase+"[profiles.a.till]\n"+line+"\n", 0o600)
		_, _, _, err := loadFile(t, path, nil)
		require.ErrorContains(t, err, want, line)
	}
}

func TestSaveKeepsTillSettings(t *testing.T) {
	f := fromProfile(Profile{Till: Till{Name: "till-1", DefaultCampaign: "9"}})
	require.Equal(t, &fileTill{Name: "till-1", DefaultCampaign: "9"}, f.Till)
	require.Nil(t, fromProfile(Profile{}).Till)
}
