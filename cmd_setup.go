package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"loyaltydesk/config"
	"loyaltydesk/keymap"
	"loyaltydesk/screens/setup"
	"loyaltydesk/ui"
)

// setupProfileName is the profile setup writes unless --profile names one.
const setupProfileName = "main"

func setupCommand(args []string, stdout, _ io.Writer) error {
	fs := newFlagSet("setup", "Ask for the service's URL, user id, account id and API key, try them, and save them as a profile", stdout)
	flags := config.RegisterFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx, stop := untilInterrupted()
	defer stop()
	path, name, err := runSetup(ctx, flags)
	if err != nil {
		return err
	}
	if path == "" {
		return errors.New("set-up left; nothing was saved")
	}
	fmt.Fprintf(stdout, "Saved profile %q to %s (mode 0600). Start the app with `loyaltydesk`.\n", name, path)
	return nil
}

// runSetup shows the set-up screen on this terminal and saves what the
// service accepted; path is "" when the user left without saving.
func runSetup(ctx context.Context, flags *config.Flags) (path, name string, err error) {
	path, err = config.FilePath(flags.ConfigPath, nil)
	if err != nil {
		return "", "", err
	}
	name = flags.Profile
	if name == "" {
		name = setupProfileName
	}
	defaultURL := cmp.Or(flags.URL, os.Getenv(config.EnvURL), config.DefaultURL)
	renderer := newLocalRenderer()
	noColor := flags.NoColor || os.Getenv(config.EnvNoColor) != ""
	m := setup.New(setup.Options{
		Ctx: ctx, Styles: ui.NewStyles(renderer, ui.DefaultTheme(), noColor), Keys: keymap.Default(),
		DefaultURL: defaultURL, Where: path,
		UserID:    cmp.Or(flags.UserID, os.Getenv(config.EnvUserID)),
		AccountID: cmp.Or(flags.AccountID, os.Getenv(config.EnvAccountID)),
		Save:      func(a setup.Answers) error { return config.AddProfile(path, setupProfile(name, a)) },
	})
	keys, closeKeys := withLocalKeys()
	defer closeKeys()
	if _, err := localProgram(ctx, m, keys).Run(); err != nil && ctx.Err() == nil {
		return "", "", err
	}
	if m.Saved() == nil {
		return "", name, nil
	}
	return path, name, nil
}

func setupProfile(name string, a setup.Answers) config.Profile {
	p := config.Profile{Name: name, UserID: a.UserID, Password: config.Secret(a.APIKey), AccountID: a.AccountID}
	if a.URL != config.DefaultURL {
		p.URL = a.URL
	}
	return p
}
