package ziti

import (
	"context"

	"github.com/credsql/credsql/internal/fetch"
)

// CheckAccess logs in if needed and reads GET /current-api-session: every table credsql has
// for OpenZiti reads the current identity, so a session is all it needs. Detail names the
// identity logged in as.
func (c *Client) CheckAccess(ctx context.Context) fetch.Check {
	s, err := c.CurrentAPISession(fetch.BypassCache(ctx))
	ch := fetch.Check{Op: "GET " + sessionPath, Needs: "a credential the controller accepts", Err: err}
	if err == nil {
		ch.Detail = "identity " + s.Identity.Name
	}
	return ch
}
