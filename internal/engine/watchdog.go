package engine

import (
	"crypto/tls"
	"errors"
	"net"
	"time"

	"github.com/dolthub/vitess/go/netutil"
)

// go-mysql-server notices a client that went away only for multi-row results and only every
// 5 s (docs/gms.md §3): a dead client's COUNT(*), DML or CALL ran on, API
// calls included. The wire handler therefore watches the client's socket while a statement
// runs and cancels the statement's context when the client closes it.

// errClientGone is the cause of a statement cancelled because its client disconnected.
var errClientGone = errors.New("the client closed its connection")

// watchInterval is how often a running statement's client socket is checked. A check is one
// getsockopt call; statements shorter than this are never checked at all.
const watchInterval = 100 * time.Millisecond

// tcpConn finds the TCP connection under a client connection (vitess' timeout wrapper, TLS).
func tcpConn(c net.Conn) *net.TCPConn {
	for range 4 {
		switch x := c.(type) {
		case *net.TCPConn:
			return x
		case netutil.ConnWithTimeouts:
			c = x.Conn
		case *netutil.ConnWithTimeouts:
			c = x.Conn
		case *tls.Conn:
			c = x.NetConn()
		default:
			return nil
		}
	}
	return nil
}
