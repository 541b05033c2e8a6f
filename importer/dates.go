package importer

import (
	"fmt"
	"strings"
)

// dateVerdict is what checkDate makes of a custom_date value.
type dateVerdict uint8

const (
	dateISO       dateVerdict = iota // already YYYY-MM-DD
	dateConverted                    // unambiguous: the fix is given
	dateAmbiguous                    // could be two different days
	dateInvalid                      // not a date, or not a real day
)

// isISODate reports whether b is a real day written YYYY-MM-DD, without
// the cost of time.Parse on the common path.
func isISODate(b []byte) bool {
	if len(b) != 10 || b[4] != '-' || b[7] != '-' {
		return false
	}
	for _, i := range [...]int{0, 1, 2, 3, 5, 6, 8, 9} {
		if b[i] < '0' || b[i] > '9' {
			return false
		}
	}
	y := int(b[0]-'0')*1000 + int(b[1]-'0')*100 + int(b[2]-'0')*10 + int(b[3]-'0')
	m := int(b[5]-'0')*10 + int(b[6]-'0')
	d := int(b[8]-'0')*10 + int(b[9]-'0')
	return realDay(y, m, d)
}

func realDay(y, m, d int) bool {
	return y >= 1000 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func iso(y, m, d int) string { return fmt.Sprintf("%04d-%02d-%02d", y, m, d) }

// dateToken is a run of digits or letters in a date.
type dateToken struct {
	text   string
	num    int // for digits
	digits int // 0 for a word
}

// checkDate reads a custom_date. The API takes only YYYY-MM-DD; another
// spelling is converted only when it names one day for certain:
// year-month-day with any separator (1970-7-4, 1970/07/14, 1970.07.14),
// day and month around a four-digit year when one of them is over 12 or both
// are equal (14/07/1970, 07/14/1970, 14.07.1970), and month names (July 14
// 1970, 14 Jul 1970, 1970-Jul-14). A time after the date is dropped.
// Two-digit years (04-06-05) and day/month pairs that could be either way
// round (04/03/2010) are refused, as the documents ask.
func checkDate(b []byte) (dateVerdict, string, string) { return checkDateIn(b, DateAuto) }

// checkDateIn is checkDate with the order of day and month around a
// four-digit year known (DMY, MDY); DateAuto and YMD leave it open.
func checkDateIn(b []byte, order DateOrder) (dateVerdict, string, string) {
	if isISODate(b) {
		return dateISO, "", ""
	}
	s := dropTime(strings.TrimSpace(string(b)))
	toks, ok := tokenizeDate(s)
	if !ok {
		return dateInvalid, "", "is not a date; write it as YYYY-MM-DD"
	}
	if month, rest, ok := splitMonthName(toks); ok {
		return dateWithMonthName(month, rest)
	}
	if len(toks) != 3 || toks[0].digits == 0 || toks[1].digits == 0 || toks[2].digits == 0 {
		return dateInvalid, "", "is not a date; write it as YYYY-MM-DD"
	}
	a, b2, c := toks[0], toks[1], toks[2]
	switch {
	case a.digits == 4 && b2.digits <= 2 && c.digits <= 2:
		return fixed(a.num, b2.num, c.num)
	case c.digits == 4 && a.digits <= 2 && b2.digits <= 2:
		return dayMonthYear(a.num, b2.num, c.num, order)
	case a.digits <= 2 && b2.digits <= 2 && c.digits <= 2:
		return dateAmbiguous, "", "has a two-digit year and could be one of several days; write it as YYYY-MM-DD"
	}
	return dateInvalid, "", "is not a date; write it as YYYY-MM-DD"
}

// fixedIn is fixed for a date read in an order, which the reason names.
func fixedIn(y, m, d int, order DateOrder) (dateVerdict, string, string) {
	if !realDay(y, m, d) {
		return dateInvalid, "", "is not a real day read " + order.String() + "; write it as YYYY-MM-DD"
	}
	return dateConverted, iso(y, m, d), ""
}

func fixed(y, m, d int) (dateVerdict, string, string) {
	if !realDay(y, m, d) {
		return dateInvalid, "", "is not a real day; write it as YYYY-MM-DD"
	}
	return dateConverted, iso(y, m, d), ""
}

// dayMonthYear resolves a/b/YYYY, where a/b is day/month or month/day:
// as the order says, or else when only one of them can be the month.
func dayMonthYear(a, b, y int, order DateOrder) (dateVerdict, string, string) {
	switch order {
	case DMY:
		return fixedIn(y, b, a, order)
	case MDY:
		return fixedIn(y, a, b, order)
	}
	switch {
	case a == b || (a > 12 && b <= 12):
		return fixed(y, b, a)
	case b > 12 && a <= 12:
		return fixed(y, a, b)
	case a <= 12 && b <= 12:
		return dateAmbiguous, "", fmt.Sprintf("could be %s or %s; write it as YYYY-MM-DD", longDay(y, b, a), longDay(y, a, b))
	}
	return dateInvalid, "", "is not a real day; write it as YYYY-MM-DD"
}

var monthNames = [...]string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

func longDay(y, m, d int) string { return fmt.Sprintf("%d %s %d", d, monthNames[m-1], y) }

// dropTime removes a time after a date: "1970-07-14 00:00:00",
// "1970-07-14T10:00Z", "7/14/1970 0:00".
func dropTime(s string) string {
	i := strings.LastIndexAny(s, " T")
	if i <= 0 {
		return s
	}
	t := strings.TrimSuffix(strings.TrimSuffix(s[i+1:], "Z"), "z")
	if strings.Count(t, ":") == 0 {
		return s
	}
	for _, r := range t {
		if (r < '0' || r > '9') && r != ':' && r != '.' {
			return s
		}
	}
	return strings.TrimSpace(s[:i])
}

// tokenizeDate splits at separators (space - / . ,) into digit and letter runs.
func tokenizeDate(s string) ([]dateToken, bool) {
	var toks []dateToken
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '-' || c == '/' || c == '.' || c == ',':
			i++
		case c >= '0' && c <= '9':
			j := i
			n := 0
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				n = n*10 + int(s[j]-'0')
				j++
				if j-i > 4 {
					return nil, false
				}
			}
			toks = append(toks, dateToken{text: s[i:j], num: n, digits: j - i})
			i = j
		case isLetter(c):
			j := i
			for j < len(s) && isLetter(s[j]) {
				j++
			}
			toks = append(toks, dateToken{text: strings.ToLower(s[i:j])})
			i = j
		default:
			return nil, false
		}
	}
	return toks, len(toks) > 0 && len(toks) <= 5
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

var weekdays = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"}

// splitMonthName finds one English month name among the tokens and returns
// its number and the numbers left; ordinal suffixes and a weekday are
// allowed.
func splitMonthName(toks []dateToken) (int, []dateToken, bool) {
	month := 0
	var rest []dateToken
	for _, t := range toks {
		switch {
		case t.digits > 0:
			rest = append(rest, t)
		case month == 0 && monthNumber(t.text) > 0:
			month = monthNumber(t.text)
		case isOrdinal(t.text) || contains(weekdays, t.text) || t.text == "of":
		default:
			return 0, nil, false
		}
	}
	return month, rest, month > 0
}

func monthNumber(w string) int {
	if len(w) < 3 {
		return 0
	}
	for i, name := range monthNames {
		full := strings.ToLower(name)
		if w == full || w == full[:3] || (w == "sept" && i == 8) {
			return i + 1
		}
	}
	return 0
}

func isOrdinal(w string) bool { return w == "st" || w == "nd" || w == "rd" || w == "th" }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// dateWithMonthName resolves a month name with a day and a four-digit year,
// in either order.
func dateWithMonthName(month int, nums []dateToken) (dateVerdict, string, string) {
	if len(nums) != 2 {
		return dateInvalid, "", "is not a date; write it as YYYY-MM-DD"
	}
	a, b := nums[0], nums[1]
	switch {
	case a.digits == 4 && b.digits <= 2:
		return fixed(a.num, month, b.num)
	case b.digits == 4 && a.digits <= 2:
		return fixed(b.num, month, a.num)
	case a.digits <= 2 && b.digits <= 2:
		return dateAmbiguous, "", "has a two-digit year; write it as YYYY-MM-DD"
	}
	return dateInvalid, "", "is not a date; write it as YYYY-MM-DD"
}
