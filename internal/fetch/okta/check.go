package okta

import (
	"context"
	"encoding/json"
	"net/url"

	"github.com/credsql/credsql/internal/fetch"
)

// CheckAccess asks for one item of each API family credsql reads, bypassing the cache:
// GET /api/v1/apps?limit=1 (okta.apps.read: apps and their keys, CSRs and client secrets) and
// GET /api/v1/idps/credentials/keys?limit=1 (okta.idps.read: IdPs, the IdP key store, IdP
// CSRs and signing keys), GET /api/v1/authorizationServers?limit=1
// (okta.authorizationServers.read: authz_servers, authz_server_keys) and GET
// /api/v1/api-tokens (okta.apiTokens.read: api_tokens; the call takes no limit).
// A 401 means the token is invalid; a 403 that the scope, or the token's admin role, is
// missing (docs/vendors/okta.md §2.5). Needs is the OAuth scope; with an API token, the admin
// role must grant the same.
func (c *Client) CheckAccess(ctx context.Context) []fetch.Check {
	ctx = fetch.BypassCache(ctx)
	probes := []struct{ op, path, needs string }{
		{"GET /api/v1/apps", "/api/v1/apps", "okta.apps.read"},
		{"GET /api/v1/idps/credentials/keys", "/api/v1/idps/credentials/keys", "okta.idps.read"},
		{"GET " + authzServersPath, authzServersPath, "okta.authorizationServers.read"},
		{"GET " + apiTokensPath, apiTokensPath, "okta.apiTokens.read"},
	}
	out := make([]fetch.Check, len(probes))
	for i, p := range probes {
		var page []json.RawMessage
		q := url.Values{"limit": {"1"}}
		if p.path == apiTokensPath {
			q = nil
		}
		_, err := c.c.Do(ctx, &fetch.Request{Op: p.op, Path: p.path, Query: q, Into: &page, NoStore: true})
		out[i] = fetch.Check{Op: p.op, Needs: p.needs, Err: err}
	}
	return out
}
