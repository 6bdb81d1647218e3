package sim

import (
	"bufio"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// The faults of this file happen before any request reaches a vendor: the connection is
// refused, or the TLS handshake fails. No HTTP request is read, so they are not Injections
// (which fault a request the simulator has read): a client is pointed at them instead.

// RefusedURL returns an http URL on a loopback port nobody listens on: connecting to it is
// refused by the operating system.
func RefusedURL() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		return "", err
	}
	return "http://" + addr, nil
}

// HandshakeFault is how a BrokenTLS listener fails a TLS handshake.
type HandshakeFault int

// Handshake faults.
const (
	// HandshakeGarbage answers the client's hello with bytes that are not TLS (a plain-HTTP
	// error page, as a misconfigured proxy sends).
	HandshakeGarbage HandshakeFault = iota + 1
	// HandshakeHangup reads the client's hello and closes the connection.
	HandshakeHangup
)

func (f HandshakeFault) String() string {
	switch f {
	case HandshakeGarbage:
		return "TLS handshake answered with garbage"
	case HandshakeHangup:
		return "connection closed during the TLS handshake"
	}
	return "none"
}

// BrokenTLS is a loopback listener whose every TLS handshake fails. It never reads an HTTP
// request: what a client sends it never reaches a vendor.
type BrokenTLS struct {
	URL   string // https://127.0.0.1:port
	fault HandshakeFault
	ln    net.Listener
	conns atomic.Int64
	wg    sync.WaitGroup
}

// StartBrokenTLS starts a listener failing every handshake with f.
func StartBrokenTLS(f HandshakeFault) (*BrokenTLS, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	b := &BrokenTLS{URL: "https://" + ln.Addr().String(), fault: f, ln: ln}
	b.wg.Add(1)
	go b.serve()
	return b, nil
}

// Conns is how many connections the listener accepted (and failed).
func (b *BrokenTLS) Conns() int { return int(b.conns.Load()) }

// Close stops the listener and waits for its connections to end.
func (b *BrokenTLS) Close() {
	_ = b.ln.Close()
	b.wg.Wait()
}

func (b *BrokenTLS) serve() {
	defer b.wg.Done()
	for {
		conn, err := b.ln.Accept()
		if err != nil {
			return
		}
		b.conns.Add(1)
		b.wg.Add(1)
		go func() {
			defer b.wg.Done()
			defer conn.Close()
			_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
			// The client speaks first: a TLS record header, then its hello.
			r := bufio.NewReader(conn)
			hdr := make([]byte, 5)
			if _, err := io.ReadFull(r, hdr); err != nil {
				return
			}
			n := int(hdr[3])<<8 | int(hdr[4])
			if _, err := io.CopyN(io.Discard, r, int64(n)); err != nil {
				return
			}
			if b.fault == HandshakeGarbage {
				_, _ = conn.Write([]byte("HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<html>400 The plain HTTP request was sent to HTTPS port</html>\n"))
			}
		}()
	}
}
