//go:build !linux

package engine

import (
	"context"
	"net"
)

// watchClient is a no-op where the TCP state cannot be read; go-mysql-server's own check and
// the per-call API timeouts still apply.
func watchClient(net.Conn, context.CancelCauseFunc) (stop func()) { return func() {} }
