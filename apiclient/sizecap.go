package apiclient

import (
	"errors"
	"fmt"
	"io"
)

const mib = 1 << 20

// answerLimit bounds the decompressed size of one answer, by call type:
// small for single-customer and account calls, larger for lists, batches
// and the dashboard. A report has no total, it streams; instead each
// customer in it (and whatever comes between two) is bounded, so the
// decoder's memory stays flat however long the report.
func answerLimit(callType string) (limit int64, perItem bool) {
	switch callType {
	case "customer_info", "customer_balance", "record_customer", "account_info", "account_update",
		"record_activity", "redeem", "transaction_delete":
		return 1 * mib, false
	case "reports":
		return 1 * mib, true
	case "customers_batch":
		return 16 * mib, false
	}
	return 8 * mib, false
}

// tooLargeError is an answer over its call's limit.
type tooLargeError struct {
	limit int64
	what  string
}

func (e *tooLargeError) Error() string {
	return fmt.Sprintf("the answer is larger than the %d MiB allowed for %s", e.limit/mib, e.what)
}

// cappedBody fails the read that passes the limit. Transport-level gzip is
// already undone below it, so the bound is on the decompressed bytes.
type cappedBody struct {
	r     io.Reader
	left  int64
	limit int64
	what  string
}

func newCappedBody(r io.Reader, op, callType string) *cappedBody {
	limit, perItem := answerLimit(callType)
	what := op
	if perItem {
		what = "one customer of " + op
	}
	return &cappedBody{r: r, left: limit, limit: limit, what: what}
}

func (b *cappedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		return 0, &tooLargeError{limit: b.limit, what: b.what}
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	return n, err
}

// itemDone starts the count again for a report's next customer.
func (b *cappedBody) itemDone() { b.left = b.limit }

// markItem restarts the per-item count of a report's body.
func markItem(body io.Reader) {
	if b, ok := body.(*bodyReader); ok && b.capped != nil {
		b.capped.itemDone()
	}
}

func asTooLarge(err error) (*tooLargeError, bool) {
	var tl *tooLargeError
	return tl, errors.As(err, &tl)
}
