package main

import (
	"context"
	"log/slog"
	"path/filepath"

	"loyaltydesk/apiclient"
	"loyaltydesk/custindex"
)

// customerIndexPath is where a profile's customer index is kept: in the
// process's state dir, so `run` and `serve` of one profile share the file.
func customerIndexPath(stateDir, profile string) string {
	return filepath.Join(stateDir, "customers-"+safeFileName(profile)+".idx")
}

// indexSource names the account an index belongs to: a file made for
// another server or account is not used.
func indexSource(api *apiclient.Client) string {
	return api.BaseURL() + " " + api.AccountID()
}

// customerIndex is the one store of a profile for a process that serves
// only that profile (run, demo).
func customerIndex(ctx context.Context, stateDir, profile string, api *apiclient.Client, log *slog.Logger) *custindex.Store {
	return custindex.NewStore(ctx, customerIndexPath(stateDir, profile), indexSource(api), log)
}
