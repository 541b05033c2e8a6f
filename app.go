package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"loyaltydesk/apiclient"
	"loyaltydesk/custindex"
	"loyaltydesk/keymap"
	"loyaltydesk/screens/account"
	"loyaltydesk/screens/customer"
	"loyaltydesk/screens/dashboard"
	"loyaltydesk/screens/importwizard"
	"loyaltydesk/screens/lookup"
	"loyaltydesk/ui"
)

// pageFactories registers every screen with the router.
func pageFactories() map[ui.PageID]ui.PageFactory {
	return map[ui.PageID]ui.PageFactory{
		ui.PageLookup:    lookup.New,
		ui.PageCustomer:  customer.New,
		ui.PageDashboard: dashboard.New,
		ui.PageAccount:   account.New,
		ui.PageImport:    importwizard.New,
	}
}

// sessionSpec is what one running app (local, demo or one SSH session) is
// built from.
type sessionSpec struct {
	ctx      context.Context
	api      *apiclient.Client
	renderer *lipgloss.Renderer
	noColor  bool
	keys     map[string][]string
	session  ui.Session
	settings ui.Settings
	stateDir string
	log      *slog.Logger
	warnings []string // shown in the status line at start
	// customers is the profile's shared index (nil: the session gets one
	// of its own in its state dir).
	customers *custindex.Store
}

// newApp builds the root model of one session.
func newApp(spec sessionSpec) (*ui.App, error) {
	keys := keymap.Default()
	if err := keys.Apply(spec.keys); err != nil {
		return nil, err
	}
	log := spec.log
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if spec.customers == nil && spec.api != nil {
		spec.customers = customerIndex(spec.ctx, spec.stateDir, spec.session.Profile, spec.api, log)
	}
	openTill(spec)
	c := &ui.Common{
		Ctx:      spec.ctx,
		API:      spec.api,
		Styles:   ui.NewStyles(spec.renderer, ui.DefaultTheme(), spec.noColor),
		Keys:     keys,
		Session:  spec.session,
		Settings: spec.settings,
		StateDir: spec.stateDir,
		Log:      log,
		Warnings: spec.warnings,

		Customers: spec.customers,
	}
	return ui.NewApp(c, pageFactories(), ui.PageLookup), nil
}

// runLocal runs an app on this terminal.
func runLocal(ctx context.Context, spec sessionSpec) error {
	spec.renderer = newLocalRenderer()
	app, err := newApp(spec)
	if err != nil {
		return err
	}
	keys, closeKeys := withLocalKeys()
	defer closeKeys()
	p := localProgram(ctx, app, keys, tea.WithAltScreen(), tea.WithFPS(ui.FrameRate))
	if _, err := p.Run(); err != nil && ctx.Err() == nil {
		if errors.Is(err, tea.ErrProgramPanic) {
			return fmt.Errorf("stopped after an internal error; the terminal was restored")
		}
		return err
	}
	return nil
}
