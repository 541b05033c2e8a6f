package config

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// OpenLog opens the log for appending: path if given (--log), else
// StateDir()/loyaltydesk.log. The file gets mode 0600. Logs go to a file
// only, never the screen the TUI draws on; attributes whose key names a
// secret (password, token, api_key, pin…) are written as Redacted.
func OpenLog(path string) (*slog.Logger, io.Closer, error) {
	if path == "" {
		dir, err := StateDir()
		if err != nil {
			return nil, nil, fmt.Errorf("opening the log: %w", err)
		}
		path = filepath.Join(dir, LogFileName)
	}
	f, err := openLogFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("opening the log: %w", err)
	}
	h := slog.NewTextHandler(f, &slog.HandlerOptions{ReplaceAttr: redactSecretAttr})
	return slog.New(h), f, nil
}

func openLogFile(path string) (*os.File, error) {
	if path == os.DevNull {
		return os.OpenFile(path, os.O_WRONLY, 0)
	}
	// Checked before opening: opening a FIFO would block, a terminal would
	// put the log on the screen.
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file: give a file path for the log", path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, err
	}
	if err := narrowMode(f); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}

// narrowMode makes an existing log, created by hand or an older version,
// private.
func narrowMode(f *os.File) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	info, err := f.Stat()
	if err != nil || info.Mode().Perm() == 0o600 {
		return err
	}
	return f.Chmod(0o600)
}

func redactSecretAttr(_ []string, a slog.Attr) slog.Attr {
	if isSecretKey(a.Key) {
		a.Value = slog.StringValue(Redacted)
	}
	return a
}

// isSecretKey matches keys such as password, user_password, new_api_token,
// api_key, pin and card_pin ("pin" only as a whole word: "shipping" is not).
func isSecretKey(key string) bool {
	k := strings.ToLower(key)
	if k == "pin" || strings.HasSuffix(k, "_pin") || strings.HasPrefix(k, "pin_") {
		return true
	}
	for _, word := range []string{"password", "passwd", "token", "secret", "api_key", "apikey"} {
		if strings.Contains(k, word) {
			return true
		}
	}
	return false
}
