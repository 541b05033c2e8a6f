package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"time"

	"loyaltydesk/apiclient/fakeserver"
	"loyaltydesk/apiclient/fakeserver/backend"
	"loyaltydesk/config"
	"loyaltydesk/till"
	"loyaltydesk/ui"
)

func demoCommand(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("demo", "Run the whole app against a built-in fake server with lifelike data and live activity", stdout)
	seed := fs.Uint64("seed", 1, "seed of the fake data")
	customers := fs.Int("customers", 2000, "number of fake customers")
	noLive := fs.Bool("no-live", false, "turn the live activity simulator off")
	noColor := fs.Bool("no-color", false, "no colours (also NO_COLOR)")
	logFile := fs.String("log", "", "log `file` (default demo.log in the state dir)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx, stop := untilInterrupted()
	defer stop()
	live := 2 * time.Second
	if *noLive {
		live = 0
	}
	backend, err := backend.Start(ctx, backend.Options{Addr: "127.0.0.1:0", Seed: *seed, Customers: *customers, Live: live, UserAgent: demoUserAgent})
	if err != nil {
		return err
	}
	defer backend.Close()
	spec, closeLog, err := demoSpec(ctx, backend, *logFile)
	if err != nil {
		return err
	}
	defer closeLog()
	spec.noColor = *noColor || os.Getenv(config.EnvNoColor) != ""
	return runLocal(ctx, spec)
}

// demoTill is the demo's till: + 12.50 enter records a sale in the points
// campaign.
func demoTill() *till.Terminal {
	return &till.Terminal{Name: "till-1", DefaultCampaign: fakeserver.PointsCampaignID, Settle: till.DefaultSettle}
}

// demoSpec is the session of the demo account against a running fake.
func demoSpec(ctx context.Context, backend *backend.Backend, logFile string) (sessionSpec, func(), error) {
	stateDir, err := config.EnsureStateDir()
	if err != nil {
		return sessionSpec{}, nil, err
	}
	// The demo's session may not import loyaltydesk's own files either: the
	// state folder (SSH keys, other profiles' state) and the configuration.
	private := []string{stateDir}
	if cfg, err := config.FilePath("", nil); err == nil {
		private = append(private, cfg)
	}
	stateDir = filepath.Join(stateDir, "demo")
	if err := os.MkdirAll(stateDir, 0o700); err != nil {
		return sessionSpec{}, nil, err
	}
	if logFile == "" {
		logFile = filepath.Join(stateDir, "demo.log")
	}
	log, closer, err := config.OpenLog(logFile)
	if err != nil {
		return sessionSpec{}, nil, err
	}
	api, err := backend.DemoClient()
	if err != nil {
		closer.Close()
		return sessionSpec{}, nil, err
	}
	pos, err := backend.DemoImonggo()
	if err != nil {
		closer.Close()
		return sessionSpec{}, nil, err
	}
	return sessionSpec{
		ctx: ctx, api: api, stateDir: stateDir, log: log,
		customers: customerIndex(ctx, stateDir, "demo", api, log),
		session:   ui.Session{Profile: "demo", StoreName: "Great Widgets (demo)", UserID: api.UserID(), AccountID: api.AccountID(), Demo: true},
		settings:  ui.Settings{DashboardRefresh: 2 * time.Second, ImportChunkRows: 200, Imonggo: pos, Till: demoTill(), Private: private},
	}, func() { closer.Close() }, nil
}
