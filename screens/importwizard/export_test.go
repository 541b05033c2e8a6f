package importwizard

import (
	"time"

	"loyaltydesk/ui"
)

// NewWithRetryDelay builds wizards that wait d between re-sendings of a
// chunk without an answer, so a test can hold an upload in its retry.
func NewWithRetryDelay(d time.Duration) ui.PageFactory {
	return func(c *ui.Common, arg any) ui.Page {
		m := New(c, arg).(*Model)
		m.retryDelay = d
		return m
	}
}
