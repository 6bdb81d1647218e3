package ziti

import (
	"context"

	"github.com/credsql/credsql/internal/fetch"
)

// Check is the outcome of one access probe.
type Check struct {
	Op    string // route template of the call
	Needs string // what the call needs
	Err   error  // nil when the call succeeded
	// Identity is the name of the identity logged in as, when the call succeeded.
	Identity string
}

// CheckAccess logs in if needed and reads GET /current-api-session: every table credsql has
// for OpenZiti reads the current identity, so a session is all it needs.
func (c *Client) CheckAccess(ctx context.Context) Check {
	s, err := c.CurrentAPISession(fetch.BypassCache(ctx))
	ch := Check{Op: "GET " + sessionPath, Needs: "a credential the controller accepts", Err: err}
	if err == nil {
		ch.Identity = s.Identity.Name
	}
	return ch
}
