package config

import (
	"fmt"
	"io"
	"log/slog"
)

// Redacted is what a Secret shows instead of its value.
const Redacted = "••••"

// Secret holds a password or API token. Every way of printing it — String,
// any fmt verb (%v, %+v, %#v, %s, %q, %x, %d…), slog, encoding/json and
// encoding.TextMarshaler — shows Redacted; only Reveal gives the value.
type Secret string

// Reveal returns the secret itself, for the one place that must send it.
func (s Secret) Reveal() string { return string(s) }

// IsSet reports whether the secret holds a value.
func (s Secret) IsSet() bool { return s != "" }

// String shows Redacted, or nothing when the secret is empty (so "not set"
// stays visible without showing anything of the value).
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return Redacted
}

// GoString keeps %#v from printing the value.
func (s Secret) GoString() string { return s.String() }

// Format handles every fmt verb; without it, verbs such as %d or %x would
// print the underlying string.
func (s Secret) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, s.String()) }

// MarshalText is used by encoding/json and other text encoders.
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// LogValue keeps the value out of slog output.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }
