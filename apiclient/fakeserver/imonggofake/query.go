package imonggofake

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// listQuery is a parsed GET /customers.xml query.
type listQuery struct {
	inquiry    string // "", "count" or "last_updated_at"
	page       int
	perPage    int
	activeOnly bool
	before     time.Time
	after      time.Time
	from       time.Time
	to         time.Time
}

// parseListQuery reads the query; the messages are the 422 body.
func parseListQuery(q url.Values) (listQuery, []string) {
	lq := listQuery{page: 1, perPage: 100}
	var msgs []string
	fail := func(format string, args ...any) { msgs = append(msgs, fmt.Sprintf(format, args...)) }

	switch inq := q.Get("q"); inq {
	case "", "count":
		lq.inquiry = inq
	case "last_updated_at", "last_udpated_at": // the document's prose spells it both ways
		lq.inquiry = "last_updated_at"
	default:
		fail("Unknown inquiry q=%s (use count or last_updated_at)", inq)
	}
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			fail("page must be a number from 1 up")
		}
		lq.page = n
	}
	if v := q.Get("per_page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			fail("per_page must be a number between 1 and 100")
		}
		lq.perPage = n
	}
	if v := q.Get("active_only"); v != "" {
		switch strings.ToLower(v) {
		case "1", "true":
			lq.activeOnly = true
		case "0", "false":
		default:
			fail("active_only must be 1 or true")
		}
	}
	for _, f := range []struct {
		name string
		dst  *time.Time
	}{{"before", &lq.before}, {"after", &lq.after}, {"from", &lq.from}, {"to", &lq.to}} {
		if v := q.Get(f.name); v != "" {
			t, err := parseLenientTime(v)
			if err != nil {
				fail("%s: %v", f.name, err)
			}
			*f.dst = t
		}
	}
	return lq, msgs
}

// matches applies the status and date filters.
func (lq listQuery) matches(r *record) bool {
	u := r.updatedAt
	switch {
	case lq.activeOnly && r.deleted():
		return false
	case !lq.before.IsZero() && !u.Before(lq.before):
		return false
	case !lq.after.IsZero() && !u.After(lq.after):
		return false
	case !lq.from.IsZero() && u.Before(lq.from):
		return false
	case !lq.to.IsZero() && u.After(lq.to):
		return false
	}
	return true
}

// lenientTime accepts what the document's own examples send besides the
// documented YYYY-MM-DDTHH:MM:SSZ: a date alone (2012-01-01, even 2011-04-1)
// and a date with HH:MM after a space (2010-12-31 23:59). No zone means UTC.
var lenientTime = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})` +
	`(?:[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?` +
	`\s*(Z|UTC|[+-]\d{2}:?\d{2})?$`)

func parseLenientTime(s string) (time.Time, error) {
	m := lenientTime.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return time.Time{}, fmt.Errorf("%q is not a date (YYYY-MM-DDTHH:MM:SSZ)", s)
	}
	n := make([]int, 6)
	for i := range n {
		n[i], _ = strconv.Atoi(m[i+1]) // the pattern allows digits only; empty is 0
	}
	zone, err := zoneOf(m[7])
	if err != nil {
		return time.Time{}, fmt.Errorf("%q: %v", s, err)
	}
	t := time.Date(n[0], time.Month(n[1]), n[2], n[3], n[4], n[5], 0, zone)
	if t.Month() != time.Month(n[1]) || t.Day() != n[2] || t.Hour() != n[3] || t.Minute() != n[4] || t.Second() != n[5] {
		return time.Time{}, fmt.Errorf("%q is not a real date and time", s)
	}
	return t.UTC(), nil
}

func zoneOf(s string) (*time.Location, error) {
	if s == "" || s == "Z" || s == "UTC" {
		return time.UTC, nil
	}
	digits := strings.ReplaceAll(s[1:], ":", "")
	h, _ := strconv.Atoi(digits[:2])
	m, _ := strconv.Atoi(digits[2:])
	if h > 14 || m > 59 {
		return nil, fmt.Errorf("zone %s is out of range", s)
	}
	offset := h*3600 + m*60
	if s[0] == '-' {
		offset = -offset
	}
	return time.FixedZone(s, offset), nil
}
