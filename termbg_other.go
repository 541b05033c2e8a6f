//go:build !unix

package main

import (
	"os"
	"time"
)

// queryDarkBackground does not ask: without poll(2) a read could not be
// bounded in time.
func queryDarkBackground(_, _ *os.File, _ time.Duration) (dark, ok bool) { return false, false }
