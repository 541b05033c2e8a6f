package main

import (
	"net/http"
	"time"
)

// httpClient returns a client with the given overall timeout; TLS
// verification stays on (the default transport's settings).
func httpClient(timeout time.Duration) *http.Client {
	return &http.Client{Timeout: timeout}
}
