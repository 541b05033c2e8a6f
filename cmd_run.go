package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/imonggo"
	"loyaltydesk/config"
	"loyaltydesk/till"
	"loyaltydesk/ui"
)

func runCommand(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("run", "Run the app with the active profile of your configuration", stdout)
	flags := config.RegisterFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	interactive := isTerminal(os.Stdin) && isTerminal(os.Stdout)
	cfg, profile, warnings, err := loadOrSetUp(config.LoadOptions{Flags: flags}, interactive, runSetup, stdout)
	if err != nil {
		return err
	}
	stateDir, err := config.EnsureStateDir()
	if err != nil {
		return err
	}
	log, closer, err := config.OpenLog(flags.LogPath)
	if err != nil {
		return err
	}
	defer closer.Close()
	api, err := clientFor(profile)
	if err != nil {
		return err
	}
	ctx, stop := untilInterrupted()
	defer stop()
	log.Info("start", "profile", profile.Name)
	for _, w := range warnings {
		log.Warn("configuration", "warning", w.String())
	}
	return runLocal(ctx, sessionSpec{
		ctx: ctx, api: api, keys: cfg.Keys, stateDir: stateDir, log: log,
		customers: customerIndex(ctx, stateDir, profile.Name, api, log),
		noColor:   profile.NoColor,
		session:   ui.Session{Profile: profile.Name, StoreName: profile.StoreName, UserID: profile.UserID, AccountID: profile.AccountID},
		settings:  withPrivate(settingsFor(profile, cfg.Path), stateDir),
		warnings:  warningTexts(warnings),
	})
}

// loadOrSetUp loads the configuration; when there is none (and the
// environment gives no credentials either), a person at a terminal is taken
// through set-up first.
func loadOrSetUp(opts config.LoadOptions, interactive bool, setUp setupFunc, stdout io.Writer) (*config.Config, config.Profile, []config.Warning, error) {
	cfg, profile, warnings, err := config.Load(opts)
	noProfile := errors.Is(err, config.ErrNoConfig) || errors.Is(err, config.ErrNoProfile)
	if !noProfile || !interactive {
		return cfg, profile, warnings, err
	}
	ctx, stop := untilInterrupted()
	path, name, setupErr := setUp(ctx, opts.Flags)
	stop()
	if setupErr != nil {
		return nil, config.Profile{}, nil, setupErr
	}
	if path == "" {
		return nil, config.Profile{}, nil, err
	}
	fmt.Fprintf(stdout, "Saved profile %q to %s.\n", name, path)
	return config.Load(opts)
}

// setupFunc takes a person through set-up (runSetup on the terminal); path
// is "" when they left without saving.
type setupFunc func(ctx context.Context, flags *config.Flags) (path, name string, err error)

// warningTexts are the configuration's warnings for the status line,
// without the file's path (the log has it).
func warningTexts(ws []config.Warning) []string {
	texts := make([]string, len(ws))
	for i, w := range ws {
		texts[i] = "Configuration: " + w.Msg
	}
	return texts
}

// clientFor builds the API client of a profile.
func clientFor(p config.Profile) (*apiclient.Client, error) {
	format := apiclient.XML
	if p.Format == config.FormatJSON {
		format = apiclient.JSON
	}
	opts := apiclient.Options{
		BaseURL:     p.URL,
		Credentials: apiclient.Credentials{UserID: p.UserID, Password: p.Password.Reveal(), AccountID: p.AccountID},
		Format:      format,
		UserAgent:   "loyaltydesk/" + version,
		Timeout:     p.Timeout,
	}
	return apiclient.New(opts)
}

func settingsFor(p config.Profile, configPath string) ui.Settings {
	s := ui.Settings{DashboardRefresh: p.RefreshInterval, ImportChunkRows: p.ImportChunkSize,
		Till:    &till.Terminal{Name: p.Till.Name, DefaultCampaign: p.Till.DefaultCampaign, Settle: till.DefaultSettle},
		Private: nonEmpty(configPath)}
	if p.Imonggo.IsSet() && p.Imonggo.Token.IsSet() {
		s.Imonggo, _ = profileImonggo(p.Imonggo) // a bad setting leaves the wizard's Imonggo source off; sync says why
	}
	if configPath != "" && p.Name != "" {
		s.SaveToken = func(token string) error {
			if err := config.SetProfileToken(configPath, p.Name, config.Secret(token)); err != nil {
				return errors.New("could not store the new token in the profile: " + err.Error())
			}
			return nil
		}
	}
	return s
}

// withPrivate adds paths to the files an import may not read.
func withPrivate(s ui.Settings, paths ...string) ui.Settings {
	s.Private = append(s.Private, nonEmpty(paths...)...)
	return s
}

func nonEmpty(paths ...string) []string {
	var out []string
	for _, p := range paths {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// profileImonggo is the Imonggo client of a profile's settings.
func profileImonggo(im config.Imonggo) (*imonggo.Client, error) {
	return imonggo.New(imonggo.Options{Account: im.Account, BaseURL: im.BaseURL, Token: im.Token.Reveal()})
}
