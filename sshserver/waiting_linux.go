package sshserver

import (
	"net"
	"syscall"

	"golang.org/x/sys/unix"
)

// bytesWaiting reports whether conn has received bytes not read yet.
func bytesWaiting(conn net.Conn) bool {
	sc, ok := conn.(syscall.Conn)
	if !ok {
		return false
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return false
	}
	n := 0
	if err := raw.Control(func(fd uintptr) { n, _ = unix.IoctlGetInt(int(fd), unix.SIOCINQ) }); err != nil {
		return false
	}
	return n > 0
}
