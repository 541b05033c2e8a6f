package till

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Cents is an amount in hundredths: cents of money, or hundredths of a
// point (balances of points and visits are whole, but a ratio may not be).
type Cents int64

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

// ParseBalance reads a balance as the server writes it ("1074", "35.00",
// "-2.5"); ok is false when it is not a number.
func ParseBalance(s string) (c Cents, ok bool) {
	s = strings.TrimSpace(s)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	v, err := toCents(whole, strings.TrimRight(frac, "0"))
	if err != nil || s == "" {
		return 0, false
	}
	if neg {
		v = -v
	}
	return v, true
}

// API writes an amount as the API takes it: 12.50, or 12 when whole.
func (c Cents) API() string {
	if c%100 == 0 {
		return strconv.FormatInt(int64(c/100), 10)
	}
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s%d.%02d", sign, c/100, c%100)
}

// Whole reports an amount without cents.
func (c Cents) Whole() bool { return c%100 == 0 }

// Grouped writes the amount for people: thousands grouped (1,074), cents
// shown when there are any or when money is true (35.00).
func (c Cents) Grouped(money bool) string {
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	s := group(strconv.FormatInt(int64(c/100), 10))
	if money || c%100 != 0 {
		s += fmt.Sprintf(".%02d", c%100)
	}
	return sign + s
}

func group(s string) string {
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	lead := len(s) % 3
	if lead > 0 {
		b.WriteString(s[:lead])
	}
	for i := lead; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}
