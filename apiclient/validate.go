package apiclient

import (
	"strings"
	"time"
)

// IsISODate reports whether s is a real calendar date written YYYY-MM-DD.
func IsISODate(s string) bool {
	if len(s) != 10 {
		return false
	}
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// IsDateTime reports whether s is a date-time of custom fields, YYYY.MM.DD HH:MM:SS.
func IsDateTime(s string) bool {
	if len(s) != 19 {
		return false
	}
	_, err := time.Parse("2006.01.02 15:04:05", s)
	return err == nil
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// checkIDList refuses empty IDs and IDs with white space or separators.
func checkIDList(field string, ids []string) error {
	if len(ids) == 0 {
		return invalid(field, "at least one campaign is required")
	}
	for _, id := range ids {
		switch {
		case id == "":
			return invalid(field, "an empty campaign ID in the list")
		case strings.ContainsAny(id, " \t\r\n"):
			return invalid(field, "campaign IDs hold no spaces (%q)", id)
		case strings.ContainsAny(id, ",|"):
			return invalid(field, "campaign ID %q holds a separator", id)
		}
	}
	return nil
}
