package apiclient

import (
	"strconv"
	"strings"
)

// Amount is a balance, level or transaction amount in hundredths of the
// campaign's unit (cents for money, hundredths of a point otherwise), so
// that balances compare and subtract exactly.
type Amount int64

// OneUnit is an amount of 1.
const OneUnit Amount = 100

// ParseAmount reads an amount as the server writes it: "1250", "12.5",
// "-3.00"; a decimal comma ("9,95") is accepted as the service accepts it.
// More than two decimals are cut.
func ParseAmount(s string) (Amount, bool) {
	s = strings.TrimSpace(s)
	neg := false
	switch {
	case strings.HasPrefix(s, "-"):
		neg, s = true, s[1:]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	if !hasFrac {
		whole, frac, hasFrac = strings.Cut(s, ",")
	}
	if whole == "" || !allDigits(whole) || len(whole) > 15 || (hasFrac && (frac == "" || !allDigits(frac))) {
		return 0, false
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, false
	}
	frac = (frac + "00")[:2]
	f, _ := strconv.ParseInt(frac, 10, 64)
	a := Amount(w*100 + f)
	if neg {
		a = -a
	}
	return a, true
}

// String writes the amount without decimals when it is whole ("1250"),
// else with two ("12.50").
func (a Amount) String() string {
	if a%100 == 0 {
		return strconv.FormatInt(int64(a/100), 10)
	}
	return a.Money()
}

// Grouped is String for people: thousands grouped ("1,074", "1,074.50").
func (a Amount) Grouped() string { return groupThousands(a.String()) }

// GroupedMoney is Money for people: "1,074.00".
func (a Amount) GroupedMoney() string { return groupThousands(a.Money()) }

// groupThousands puts a comma between each three digits of the whole part
// of a number written by String or Money.
func groupThousands(s string) string {
	sign, rest := "", s
	if strings.HasPrefix(rest, "-") {
		sign, rest = "-", rest[1:]
	}
	whole, frac, dot := strings.Cut(rest, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if dot {
		b.WriteString("." + frac)
	}
	return sign + b.String()
}

// Money writes the amount with two decimals ("12.50", "-3.00").
func (a Amount) Money() string {
	sign := ""
	if a < 0 {
		sign, a = "-", -a
	}
	return sign + strconv.FormatInt(int64(a/100), 10) + "." + strconv.FormatInt(int64(a%100)/10, 10) + strconv.FormatInt(int64(a%10), 10)
}
