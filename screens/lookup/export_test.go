package lookup

import "time"

// SetOfflineRecheck sets how often a customer shown offline is asked for
// again, and returns what puts it back.
func SetOfflineRecheck(d time.Duration) (restore func()) {
	old := offlineRecheck
	offlineRecheck = d
	return func() { offlineRecheck = old }
}
