//go:build linux

package engine

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/dolthub/vitess/go/netutil"
	"golang.org/x/sys/unix"
)

// The client watchdog reads the TCP state on Linux only (watchdog_other.go is a no-op).

func tcpPair(t *testing.T) (server, client net.Conn) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan net.Conn, 1)
	go func() {
		c, _ := ln.Accept()
		accepted <- c
	}()
	client, err = net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	server = <-accepted
	t.Cleanup(func() { server.Close(); client.Close() })
	return server, client
}

// manualClock is a watchdog schedule the test fires: the scheduled check runs when the test
// calls fire, on the test's goroutine, so every check the test asks for has run when fire
// returns.
type manualClock struct {
	mu      sync.Mutex
	gen     int
	pending func()
}

func (m *manualClock) schedule(check func()) (cancel func()) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.gen++
	gen := m.gen
	m.pending = check
	return func() {
		m.mu.Lock()
		defer m.mu.Unlock()
		if m.gen == gen {
			m.pending = nil
		}
	}
}

// fire runs the scheduled check and reports whether one was scheduled.
func (m *manualClock) fire() bool {
	m.mu.Lock()
	check := m.pending
	m.pending = nil
	m.mu.Unlock()
	if check == nil {
		return false
	}
	check()
	return true
}

// awaitSocket blocks until the kernel reports events on c's socket (POLLRDHUP: the peer's
// FIN has arrived; POLLIN: data has), so that a check fired next sees them.
func awaitSocket(t *testing.T, c net.Conn, events int16) {
	t.Helper()
	rc, err := c.(*net.TCPConn).SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	cerr := rc.Control(func(fd uintptr) {
		fds := []unix.PollFd{{Fd: int32(fd), Events: events}}
		for {
			n, err = unix.Poll(fds, 10_000)
			if !errors.Is(err, unix.EINTR) {
				return
			}
		}
	})
	if cerr != nil || err != nil || n == 0 {
		t.Fatalf("the socket event %#x did not come within 10s (%v, %v)", events, cerr, err)
	}
}

func TestWatchClient(t *testing.T) {
	t.Parallel()
	t.Run("cancels when the client closes", func(t *testing.T) {
		t.Parallel()
		server, client := tcpPair(t)
		ctx, cancel := context.WithCancelCause(context.Background())
		clk := &manualClock{}
		// Under vitess' timeout wrapper and TLS, as the wire server has it.
		stop := watchClientOn(netutil.NewConnWithTimeouts(tls.Server(server, &tls.Config{}), 0, 0), cancel, clk.schedule)
		defer stop()
		for i := range 3 {
			if !clk.fire() {
				t.Fatalf("check %d: no check was scheduled while the client is connected", i+1)
			}
			if ctx.Err() != nil {
				t.Fatalf("check %d: cancelled while the client is connected", i+1)
			}
		}
		client.Close()
		awaitSocket(t, server, unix.POLLRDHUP)
		if !clk.fire() {
			t.Fatal("no check was scheduled")
		}
		if !errors.Is(context.Cause(ctx), errClientGone) {
			t.Fatalf("the first check after the client closed: cause %v, want %v", context.Cause(ctx), errClientGone)
		}
		if clk.fire() {
			t.Error("the watch goes on after cancelling")
		}
	})
	t.Run("stop ends the watch", func(t *testing.T) {
		t.Parallel()
		server, client := tcpPair(t)
		ctx, cancel := context.WithCancelCause(context.Background())
		clk := &manualClock{}
		stop := watchClientOn(server, cancel, clk.schedule)
		if !clk.fire() {
			t.Fatal("no check was scheduled")
		}
		stop()
		client.Close()
		awaitSocket(t, server, unix.POLLRDHUP)
		if clk.fire() {
			t.Error("a check is still scheduled after stop")
		}
		if ctx.Err() != nil {
			t.Error("cancelled after stop")
		}
	})
	t.Run("data from the client is left alone", func(t *testing.T) {
		t.Parallel()
		server, client := tcpPair(t)
		ctx, cancel := context.WithCancelCause(context.Background())
		clk := &manualClock{}
		stop := watchClientOn(server, cancel, clk.schedule)
		_, _ = client.Write([]byte("next command"))
		awaitSocket(t, server, unix.POLLIN)
		for i := range 3 {
			if !clk.fire() {
				t.Fatalf("check %d: no check was scheduled", i+1)
			}
		}
		stop()
		if ctx.Err() != nil {
			t.Error("cancelled because the client sent data")
		}
		buf := make([]byte, 32)
		_ = server.SetReadDeadline(time.Now().Add(time.Second))
		n, err := server.Read(buf)
		if string(buf[:n]) != "next command" {
			t.Errorf("the protocol reader got %q, %v: the watchdog consumed the client's bytes", buf[:n], err)
		}
	})
	t.Run("on the real clock", func(t *testing.T) {
		t.Parallel()
		// The production schedule (afterInterval) checks by itself: the close is noticed
		// without anyone firing a check.
		server, client := tcpPair(t)
		ctx, cancel := context.WithCancelCause(context.Background())
		stop := watchClient(server, cancel)
		defer stop()
		client.Close()
		select {
		case <-ctx.Done():
			if !errors.Is(context.Cause(ctx), errClientGone) {
				t.Errorf("cause %v", context.Cause(ctx))
			}
		case <-time.After(10 * time.Second):
			t.Fatal("the closed client was not noticed")
		}
	})
}
