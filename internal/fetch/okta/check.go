package okta

import (
	"context"
	"encoding/json"
	"net/url"

	"github.com/credsql/credsql/internal/fetch"
)

// CheckAccess asks for one item of each API family credsql reads, bypassing the cache:
// GET /api/v1/apps?limit=1 (okta.apps.read: apps and their keys, CSRs and client secrets) and
// GET /api/v1/idps/credentials/keys?limit=1 (okta.idps.read: IdPs and the IdP key store).
// A 401 means the token is invalid; a 403 that the scope, or the token's admin role, is
// missing (shared/api/okta.md §2.5). Needs is the OAuth scope; with an API token, the admin
// role must grant the same.
func (c *Client) CheckAccess(ctx context.Context) []fetch.Check {
	ctx = fetch.BypassCache(ctx)
	probes := []struct{ op, path, needs string }{
		{"GET /api/v1/apps", "/api/v1/apps", "okta.apps.read"},
		{"GET /api/v1/idps/credentials/keys", "/api/v1/idps/credentials/keys", "okta.idps.read"},
	}
	out := make([]fetch.Check, len(probes))
	for i, p := range probes {
		var page []json.RawMessage
		_, err := c.c.Do(ctx, &fetch.Request{Op: p.op, Path: p.path, Query: url.Values{"limit": {"1"}}, Into: &page, NoStore: true})
		out[i] = fetch.Check{Op: p.op, Needs: p.needs, Err: err}
	}
	return out
}
