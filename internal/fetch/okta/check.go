package okta

import (
	"context"
	"encoding/json"
	"net/url"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
)

// Probes are the calls CheckAccess makes, one per family of calls credsql reads (the lists
// with paging are asked for one item).
var Probes = []routes.Route{oktaroutes.ListApps, oktaroutes.ListIdPKeys, oktaroutes.ListAuthzServers, oktaroutes.ListAPITokens}

// CheckAccess asks for one item of each API family credsql reads, bypassing the cache: the
// list of apps (okta.apps.read: apps and their keys, CSRs and client secrets), of the IdP key
// store (okta.idps.read: IdPs, the IdP key store, IdP CSRs and signing keys), of
// authorization servers (okta.authorizationServers.read: authz_servers, authz_server_keys),
// with limit=1, and of API tokens (okta.apiTokens.read: api_tokens; the call takes no limit).
// Each probe's Needs is its catalog route's scope.
// A 401 means the token is invalid; a 403 that the scope, or the token's admin role, is
// missing (docs/vendors/okta.md §2.5). Needs is the OAuth scope; with an API token, the admin
// role must grant the same.
func (c *Client) CheckAccess(ctx context.Context) []fetch.Check {
	ctx = fetch.BypassCache(ctx)
	out := make([]fetch.Check, len(Probes))
	for i, r := range Probes {
		var page []json.RawMessage
		req := fetch.NewRequest(r)
		req.Into, req.NoStore = &page, true
		if r.Paging == routes.LinkHeader {
			req.Query = url.Values{"limit": {"1"}}
		}
		_, err := c.c.Do(ctx, req)
		out[i] = fetch.Check{Op: r.Op(), Needs: r.Needs, Err: err}
	}
	return out
}
