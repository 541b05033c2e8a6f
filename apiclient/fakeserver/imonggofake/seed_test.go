package imonggofake

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestSeedIsDeterministic(t *testing.T) {
	clock := func() time.Time { return docEra }
	a := New(Options{Seed: 7, Now: clock, Codes: []string{"L1", "L2"}})
	b := New(Options{Seed: 7, Now: clock, Codes: []string{"L1", "L2"}})
	c := New(Options{Seed: 8, Now: clock, Codes: []string{"L1", "L2"}})
	same, differ := true, false
	for _, id := range a.IDs() {
		fa, _ := a.Customer(id)
		fb, _ := b.Customer(id)
		fc, _ := c.Customer(id)
		same = same && equalFields(fa, fb)
		differ = differ || !equalFields(fa, fc)
	}
	require.True(t, same, "same seed, same customers")
	require.True(t, differ, "another seed, other customers")
}

func equalFields(a, b Fields) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestSeedSharesGivenCodes(t *testing.T) {
	codes := []string{"LOY-1001", "", "LOY-1002", "LOY-1001", " ", "000003"}
	srv := New(Options{Seed: 3, Now: func() time.Time { return docEra }, Codes: codes, Customers: 40})
	seen := map[string]int{}
	deleted := 0
	var first, last time.Time
	for _, id := range srv.IDs() {
		c, _ := srv.Customer(id)
		seen[c["code"]]++
		if c["status"] == "D" {
			deleted++
		}
		u, err := time.Parse(time.RFC3339, c["utc_updated_at"])
		require.NoError(t, err)
		require.False(t, u.After(docEra))
		if first.IsZero() || u.Before(first) {
			first = u
		}
		if u.After(last) {
			last = u
		}
	}
	require.Len(t, seen, 40, "every code is unique")
	for _, code := range []string{"LOY-1001", "LOY-1002", "000003"} {
		require.Equal(t, 1, seen[code], code)
	}
	require.Positive(t, deleted)
	require.Greater(t, last.Sub(first), 30*24*time.Hour, "updates are spread over time")
}

func TestSeedFewerCustomersThanCodes(t *testing.T) {
	srv := New(Options{Seed: 3, Customers: 2, Codes: []string{"A", "B", "C"}})
	require.Len(t, srv.IDs(), 2)
	for _, id := range srv.IDs() {
		c, _ := srv.Customer(id)
		require.Contains(t, []string{"A", "B", "C"}, c["code"])
	}
}

func TestLenientTimes(t *testing.T) {
	utc := func(y, mo, d, h, mi, s int) time.Time { return time.Date(y, time.Month(mo), d, h, mi, s, 0, time.UTC) }
	good := map[string]time.Time{
		"2011-04-13T04:37:45Z":      utc(2011, 4, 13, 4, 37, 45),
		"2012-01-01":                utc(2012, 1, 1, 0, 0, 0),
		"2011-04-1":                 utc(2011, 4, 1, 0, 0, 0),
		"2010-12-31 23:59":          utc(2010, 12, 31, 23, 59, 0),
		"2011-04-13 04:37:45":       utc(2011, 4, 13, 4, 37, 45),
		"2011-04-13T12:37:45+08:00": utc(2011, 4, 13, 4, 37, 45),
		"2011-04-13T04:37:45 UTC":   utc(2011, 4, 13, 4, 37, 45),
	}
	for in, want := range good {
		got, err := parseLenientTime(in)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
	}
	for _, bad := range []string{"", "yesterday", "2011-13-01", "2011-02-30", "2011-04-01T24:00", "11-04-01", "2011-04-01T10:00:00+15:00"} {
		_, err := parseLenientTime(bad)
		require.Error(t, err, bad)
	}
}
