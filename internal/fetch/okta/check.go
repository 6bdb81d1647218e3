package okta

import (
	"context"
	"encoding/json"
	"net/url"

	"github.com/credsql/credsql/internal/fetch"
)

// Check is the outcome of one access probe: the cheapest call that needs a permission.
type Check struct {
	Op    string // route template of the call
	Needs string // the OAuth scope it needs; with an API token, the admin role must grant the same
	Err   error  // nil when the call succeeded
}

// CheckAccess asks for one item of each API family credsql reads, bypassing the cache:
// GET /api/v1/apps?limit=1 (okta.apps.read: apps and their keys, CSRs and client secrets) and
// GET /api/v1/idps/credentials/keys?limit=1 (okta.idps.read: IdPs and the IdP key store).
// A 401 means the token is invalid; a 403 that the scope, or the token's admin role, is
// missing (shared/api/okta.md §2.5).
func (c *Client) CheckAccess(ctx context.Context) []Check {
	ctx = fetch.BypassCache(ctx)
	probes := []struct{ op, path, needs string }{
		{"GET /api/v1/apps", "/api/v1/apps", "okta.apps.read"},
		{"GET /api/v1/idps/credentials/keys", "/api/v1/idps/credentials/keys", "okta.idps.read"},
	}
	out := make([]Check, len(probes))
	for i, p := range probes {
		var page []json.RawMessage
		_, err := c.c.Do(ctx, &fetch.Request{Op: p.op, Path: p.path, Query: url.Values{"limit": {"1"}}, Into: &page, NoStore: true})
		out[i] = Check{Op: p.op, Needs: p.needs, Err: err}
	}
	return out
}
