package till

import (
	"errors"
	"fmt"
	"loyaltydesk/apiclient"
	"strconv"
	"strings"
)

// Cents is an amount in hundredths, the client's own Amount: parsed from
// the server with apiclient.ParseAmount and written with its String,
// Grouped and GroupedMoney. What the till adds is ParseAmount below, which
// reads what a cashier types.
type Cents = apiclient.Amount

// maxAmount bounds what a cashier may type: a till sale, not a typo.
const maxAmount Cents = 10_000_000_00

// ErrNoAmount is a box left empty.
var ErrNoAmount = errors.New("type an amount")

// ParseAmount reads an amount as a cashier types it: 12.50, 12,50, 12, 12.5.
// When both a point and a comma appear, the last one is the decimal mark and
// the other groups thousands (1,250.00 or 1.250,00). Zero and negative
// amounts are refused.
func ParseAmount(s string) (Cents, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, ErrNoAmount
	}
	whole, frac, err := splitDecimal(s)
	if err != nil {
		return 0, err
	}
	c, err := toCents(whole, frac)
	if err != nil {
		return 0, fmt.Errorf("%q is not an amount: %w", s, err)
	}
	if c <= 0 {
		return 0, fmt.Errorf("%q: the amount must be more than zero", s)
	}
	if c > maxAmount {
		return 0, fmt.Errorf("%q is too large for one sale", s)
	}
	return c, nil
}

func splitDecimal(s string) (whole, frac string, err error) {
	dec := strings.LastIndexAny(s, ".,")
	if dec < 0 {
		return s, "", nil
	}
	whole, frac = s[:dec], s[dec+1:]
	group := ","
	if s[dec] == ',' {
		group = "."
	}
	if strings.ContainsAny(whole, s[dec:dec+1]) {
		return "", "", fmt.Errorf("%q is not an amount: it has more than one decimal mark", s)
	}
	if strings.Contains(whole, group) {
		if !groupedThousands(whole, group) {
			return "", "", fmt.Errorf("%q is not an amount: thousands are grouped by three", s)
		}
		whole = strings.ReplaceAll(whole, group, "")
	}
	return whole, frac, nil
}

func groupedThousands(s, sep string) bool {
	parts := strings.Split(s, sep)
	if len(parts[0]) == 0 || len(parts[0]) > 3 {
		return false
	}
	for _, p := range parts[1:] {
		if len(p) != 3 {
			return false
		}
	}
	return true
}

func toCents(whole, frac string) (Cents, error) {
	if whole == "" {
		whole = "0"
	}
	if !digits(whole) || (frac != "" && !digits(frac)) {
		return 0, errors.New("use digits, and a point or comma before the cents")
	}
	if len(frac) > 2 {
		return 0, errors.New("at most two digits after the decimal mark")
	}
	if len(whole) > 12 {
		return 0, errors.New("too many digits")
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	f, _ := strconv.ParseInt((frac + "00")[:2], 10, 64)
	return Cents(w*100 + f), nil
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
