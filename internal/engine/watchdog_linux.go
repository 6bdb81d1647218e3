package engine

import (
	"context"
	"net"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

// watchClient cancels a running statement (cancel) once the client's end of c is closed, and
// returns the function that stops watching. It reads nothing from the socket: it asks the
// kernel for the TCP state, which leaves ESTABLISHED when the client sends FIN or RST, so it
// never competes with the protocol reader.
func watchClient(c net.Conn, cancel context.CancelCauseFunc) (stop func()) {
	return watchClientOn(c, cancel, afterInterval)
}

// afterInterval is the watchdog's clock: it runs check once, watchInterval from now, and
// returns the function that cancels that run.
func afterInterval(check func()) (cancel func()) {
	t := time.AfterFunc(watchInterval, check)
	return func() { t.Stop() }
}

// watchClientOn is watchClient with its clock as a parameter: schedule arranges for one
// check to run later and returns the function that cancels it. The tests pass a schedule
// they fire themselves, so that they drive every check instead of sleeping through them.
func watchClientOn(c net.Conn, cancel context.CancelCauseFunc, schedule func(check func()) (cancel func())) (stop func()) {
	tcp := tcpConn(c)
	if tcp == nil {
		return func() {}
	}
	rc, err := tcp.SyscallConn()
	if err != nil {
		return func() {}
	}
	var (
		mu      sync.Mutex
		stopped bool
		next    func() // cancels the scheduled check
		check   func()
	)
	check = func() {
		mu.Lock()
		defer mu.Unlock()
		if stopped {
			return
		}
		known, closed := false, false
		cerr := rc.Control(func(fd uintptr) {
			info, err := unix.GetsockoptTCPInfo(int(fd), unix.IPPROTO_TCP, unix.TCP_INFO)
			if err == nil {
				known, closed = true, info.State != unix.BPF_TCP_ESTABLISHED
			}
		})
		switch {
		case cerr != nil || !known:
			// The socket is gone or its state cannot be read (a sandbox without TCP_INFO):
			// stop watching rather than cancel a statement on a guess.
		case closed:
			cancel(errClientGone)
		default:
			next = schedule(check)
		}
	}
	mu.Lock()
	next = schedule(check)
	mu.Unlock()
	return func() {
		mu.Lock()
		stopped = true
		next()
		mu.Unlock()
	}
}
