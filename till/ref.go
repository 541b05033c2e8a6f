// Package till is the cashier's side of the loyalty program as plain Go:
// the short reference every balance-changing action carries, the amounts a
// cashier types, the rule that an unknown outcome is looked up before
// anything is sent again, and the durable outbox that keeps earns made
// while the server cannot be reached. It has no UI: the till screen and any
// headless runner share it.
package till

import (
	"crypto/rand"
	"strings"
)

// refAlphabet is Crockford's base 32: no I, L, O or U, so a reference read
// aloud or copied from a receipt is not mistaken.
const refAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// refLen is the random part's length: 32⁴ ≈ a million, so two actions of
// one terminal among a customer's last transactions never share one.
const refLen = 4

// DefaultName is the terminal's name when the profile gives none.
const DefaultName = "till"

// NewRef returns a fresh reference for an action of the terminal named
// name, such as "till-1 #4F7K".
func NewRef(name string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		name = DefaultName
	}
	var b [refLen]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	var sb strings.Builder
	sb.WriteString(name)
	sb.WriteString(" #")
	for _, x := range b {
		sb.WriteByte(refAlphabet[int(x)%len(refAlphabet)])
	}
	return sb.String()
}

// Authorization is the text sent as `authorization`: the reference, then
// the cashier's description, if any. The history shows it as it is.
func Authorization(ref, description string) string {
	description = strings.TrimSpace(description)
	if description == "" {
		return ref
	}
	return ref + " " + description
}

// HasRef reports whether a history entry's authorization carries the
// reference: it starts with it and the reference ends there (so
// "till-1 #4F7K" does not match "till-1 #4F7KX").
func HasRef(authorization, ref string) bool {
	if ref == "" {
		return false
	}
	rest, ok := strings.CutPrefix(strings.TrimSpace(authorization), ref)
	return ok && (rest == "" || rest[0] == ' ')
}
