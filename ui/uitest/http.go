package uitest

import (
	"net/http"
	"time"
)

func httpClientWithTimeout(d time.Duration) *http.Client {
	return &http.Client{Timeout: d}
}
