package config

import (
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"
)

// Defaults for settings a profile leaves out.
const (
	DefaultURL             = "https://api.clienttoolbox.com"
	DefaultFormat          = FormatXML
	DefaultTimeout         = 30 * time.Second
	DefaultRefreshInterval = 10 * time.Second
	DefaultImportChunkSize = 200

	// MinRefreshInterval keeps the dashboard from hammering the service.
	MinRefreshInterval = time.Second
	// MaxImportChunkSize bounds one customers_batch call.
	MaxImportChunkSize = 5000
)

// Format is the response format asked of the API: "xml" or "json".
type Format string

// The formats a profile may name.
const (
	FormatXML  Format = "xml"
	FormatJSON Format = "json"
)

// Profile is one store or account: where to connect, as whom, and a few
// per-station preferences. In Config.Profiles a zero field means "not set in
// the file"; the Profile returned by Load and Config.Profile has the
// defaults filled in and has been checked.
type Profile struct {
	Name            string
	URL             string
	UserID          string
	Password        Secret // the API key the API calls user_password
	AccountID       string
	Format          Format
	Timeout         time.Duration
	StoreName       string
	RefreshInterval time.Duration
	ImportChunkSize int
	NoColor         bool
	Imonggo         Imonggo
	Till            Till
}

// Till holds the cashier terminal's settings ([profiles.X.till]).
type Till struct {
	// Name names this terminal in every action's reference ("till-1 #4F7K");
	// give each till of a shop its own. Default: till.
	Name string
	// DefaultCampaign is the campaign ID that + uses without asking, so
	// that "+ 12.50 enter" records a sale.
	DefaultCampaign string
}

// MaxTillNameLen keeps the reference short on a receipt and in the history.
const MaxTillNameLen = 20

// Imonggo holds the optional settings for importing from Imonggo.
type Imonggo struct {
	Account string
	Token   Secret
	BaseURL string // default https://{Account}.imonggo.com/api
}

// IsSet reports whether any Imonggo setting is present.
func (i Imonggo) IsSet() bool { return i.Account != "" || i.Token.IsSet() || i.BaseURL != "" }

// Endpoint is BaseURL, or the account's default Imonggo API URL.
func (i Imonggo) Endpoint() string {
	if i.BaseURL != "" || i.Account == "" {
		return i.BaseURL
	}
	return "https://" + i.Account + ".imonggo.com/api"
}

// DisplayName is the store name if set, else the profile name.
func (p Profile) DisplayName() string {
	if p.StoreName != "" {
		return p.StoreName
	}
	return p.Name
}

// LogValue logs a profile without its secrets.
func (p Profile) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("name", p.Name),
		slog.String("url", redactURL(p.URL)),
		slog.String("user_id", p.UserID),
		slog.String("account_id", p.AccountID),
		slog.String("format", string(p.Format)),
	)
}

func (p Profile) hasSecret() bool { return p.Password.IsSet() || p.Imonggo.Token.IsSet() }

func (p Profile) withDefaults() Profile {
	p.URL = strings.TrimSpace(p.URL)
	if p.URL == "" {
		p.URL = DefaultURL
	}
	p.Format = Format(strings.ToLower(strings.TrimSpace(string(p.Format))))
	if p.Format == "" {
		p.Format = DefaultFormat
	}
	if p.Timeout == 0 {
		p.Timeout = DefaultTimeout
	}
	if p.RefreshInterval == 0 {
		p.RefreshInterval = DefaultRefreshInterval
	}
	if p.ImportChunkSize == 0 {
		p.ImportChunkSize = DefaultImportChunkSize
	}
	return p
}

// checkValues reports the first setting (after defaults) that cannot work.
// Messages name the setting, never a secret.
func (p Profile) checkValues(urlSource string) error {
	if err := checkURL(p.URL); err != nil {
		return fmt.Errorf("url (from %s) %v", urlSource, err)
	}
	switch {
	case p.Format != FormatXML && p.Format != FormatJSON:
		return fmt.Errorf("format %q is not known: use \"xml\" or \"json\"", p.Format)
	case p.Timeout < 0:
		return fmt.Errorf("timeout %s is negative: use e.g. \"30s\"", p.Timeout)
	case p.RefreshInterval < MinRefreshInterval:
		return fmt.Errorf("refresh_interval %s is too short: use at least %s", p.RefreshInterval, MinRefreshInterval)
	case p.ImportChunkSize < 1 || p.ImportChunkSize > MaxImportChunkSize:
		return fmt.Errorf("import_chunk_size %d is out of range: use 1 to %d", p.ImportChunkSize, MaxImportChunkSize)
	}
	if err := p.Till.check(); err != nil {
		return err
	}
	if p.Imonggo.BaseURL != "" {
		if err := checkURL(p.Imonggo.BaseURL); err != nil {
			return fmt.Errorf("imonggo.base_url %v", err)
		}
	}
	return nil
}

// checkURL does the shape check only; apiclient decides what it accepts
// (https, or http on loopback). The value is not echoed: it might hold
// credentials.
func checkURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return fmt.Errorf("is not a URL: expected https://host or https://host/api.php")
	}
	return nil
}

func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(invalid URL)"
	}
	return u.Redacted()
}

func (t Till) check() error {
	name := t.Name
	switch {
	case len([]rune(name)) > MaxTillNameLen:
		return fmt.Errorf("till.name %q is too long: use at most %d characters, e.g. \"till-1\"", name, MaxTillNameLen)
	case strings.ContainsAny(name, "#\t\n\r"):
		return fmt.Errorf("till.name %q may not hold # or control characters: it starts every reference, as in \"till-1 #4F7K\"", name)
	}
	return nil
}
