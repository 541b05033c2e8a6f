// Package config reads loyaltydesk's configuration: a TOML file of named
// profiles (one per store or account) plus key-binding overrides, with the
// environment and command-line flags on top (file < environment < flags).
// It also knows the state directory (drafts, journals, logs, host keys) and
// opens the log file.
//
// Passwords and tokens are held as Secret, which prints as Redacted in every
// format; only Secret.Reveal returns the value.
package config
