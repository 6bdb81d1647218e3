package engine

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"runtime"
	"testing"
	"time"

	"github.com/dolthub/vitess/go/netutil"
)

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

func TestWatchClient(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the client watchdog reads the TCP state on Linux only")
	}
	t.Run("cancels when the client closes", func(t *testing.T) {
		server, client := tcpPair(t)
		ctx, cancel := context.WithCancelCause(context.Background())
		stop := watchClient(netutil.NewConnWithTimeouts(tls.Server(server, &tls.Config{}), 0, 0), cancel)
		defer stop()
		time.Sleep(3 * watchInterval)
		if ctx.Err() != nil {
			t.Fatal("cancelled while the client is connected")
		}
		closed := time.Now()
		client.Close()
		select {
		case <-ctx.Done():
			if !errors.Is(context.Cause(ctx), errClientGone) {
				t.Errorf("cause %v", context.Cause(ctx))
			}
			if d := time.Since(closed); d > time.Second {
				t.Errorf("noticed after %s", d)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("the closed client was not noticed")
		}
	})
	t.Run("stop ends the watch", func(t *testing.T) {
		server, client := tcpPair(t)
		ctx, cancel := context.WithCancelCause(context.Background())
		stop := watchClient(server, cancel)
		stop()
		client.Close()
		time.Sleep(3 * watchInterval)
		if ctx.Err() != nil {
			t.Error("cancelled after stop")
		}
	})
	t.Run("data from the client is left alone", func(t *testing.T) {
		server, client := tcpPair(t)
		ctx, cancel := context.WithCancelCause(context.Background())
		stop := watchClient(server, cancel)
		_, _ = client.Write([]byte("next command"))
		time.Sleep(3 * watchInterval)
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
}
