package sshserver

import (
	"net"
	"syscall"

	"golang.org/x/sys/unix"
)

// bytesWaiting is how many bytes conn has received and not read yet.
func bytesWaiting(conn net.Conn) int {
	sc, ok := conn.(syscall.Conn)
	if !ok {
		return 0
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return 0
	}
	n := 0
	if err := raw.Control(func(fd uintptr) { n, _ = unix.IoctlGetInt(int(fd), unix.SIOCINQ) }); err != nil {
		return 0
	}
	return n
}
