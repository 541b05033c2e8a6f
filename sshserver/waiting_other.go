//go:build !linux

package sshserver

import "net"

// bytesWaiting cannot be told here; only bytes the server read count.
func bytesWaiting(net.Conn) int { return 0 }
