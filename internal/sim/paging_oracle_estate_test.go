package sim_test

import (
	"net/url"
	"slices"
	"testing"

	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"github.com/credsql/credsql/internal/routes/zitiroutes"
	"github.com/credsql/credsql/internal/sim"
)

// The list routes of authorization servers, API tokens and an IdP's CSRs and signing keys
// (docs/vendors/okta.md §3.9–3.11), walked by the paging oracle with the others.
func init() {
	pgRoutes = append(pgRoutes,
		// Okta's cursor; this list's page size without a limit is 200, not 20 (§3.9).
		pgRoute{name: "okta authz servers", pattern: oktaroutes.ListAuthzServers, scheme: oktaCursor, def: 200, max: 200, cases: func(w *pgWorld) []pgCase {
			all := w.srv.EstateRecords("authz_servers", "")
			get := func(it map[string]any) string { return "/api/v1/authorizationServers/" + it["id"].(string) }
			// q: a case-insensitive prefix of the name (or an audience): "service api" matches
			// the generated "Service API n" servers only.
			svc := slices.DeleteFunc(slices.Clone(all), func(r sim.Record) bool { return len(r.Name) < 11 || r.Name[:11] != "Service API" })
			return []pgCase{
				{name: "all", path: "/api/v1/authorizationServers", want: byID(all), get: get},
				{name: "search", path: "/api/v1/authorizationServers", query: url.Values{"q": {"service api"}}, want: byID(svc)},
			}
		}},
		pgRoute{name: "okta authz keys", pattern: oktaroutes.ListAuthzKeys, scheme: whole, cases: func(w *pgWorld) []pgCase {
			var out []pgCase
			for _, a := range w.srv.EstateRecords("authz_servers", "") {
				path := "/api/v1/authorizationServers/" + a.ID + "/credentials/keys"
				out = append(out, pgCase{name: a.ID, path: path, want: ids(w.srv.EstateRecords("authz_keys", a.ID)),
					get: func(it map[string]any) string { return path + "/" + it["kid"].(string) }})
			}
			return out
		}},
		// The spec gives the token list no paging parameters.
		pgRoute{name: "okta api tokens", pattern: oktaroutes.ListAPITokens, scheme: whole, cases: func(w *pgWorld) []pgCase {
			return []pgCase{{name: "all", path: "/api/v1/api-tokens", want: ids(w.srv.EstateRecords("api_tokens", "")),
				get: func(it map[string]any) string { return "/api/v1/api-tokens/" + it["id"].(string) }}}
		}},
		pgRoute{name: "okta idp csrs", pattern: oktaroutes.ListIdPCSRs, scheme: whole, cases: func(w *pgWorld) []pgCase {
			return w.perIdP("csrs", "idp_csrs", "id")
		}},
		// The spec gives one identity's authenticators no paging or filter parameters.
		pgRoute{name: "ziti one identity's authenticators", pattern: zitiroutes.ListIdentityAuthenticators, scheme: whole, cases: func(w *pgWorld) []pgCase {
			auths := w.srv.Records("ziti_all_authenticators", "")
			var out []pgCase
			for _, id := range w.srv.Records("ziti_identities", "") {
				mine := slices.DeleteFunc(slices.Clone(auths), func(r sim.Record) bool { return r.Name != id.ID })
				out = append(out, pgCase{name: id.ID, path: sim.ZitiPrefix + "/identities/" + url.PathEscape(id.ID) + "/authenticators", want: byID(mine)})
			}
			return out
		}},
		pgRoute{name: "okta idp signing keys", pattern: oktaroutes.ListIdPSigningKeys, scheme: whole, cases: func(w *pgWorld) []pgCase {
			return w.perIdP("keys", "idp_signing_keys", "kid")
		}},
	)
}

func (w *pgWorld) perIdP(noun, kind, field string) []pgCase {
	var out []pgCase
	for _, p := range w.srv.Records("idps", "") {
		path := "/api/v1/idps/" + p.ID + "/credentials/" + noun
		out = append(out, pgCase{name: p.ID, path: path, want: ids(w.srv.EstateRecords(kind, p.ID)),
			get: func(it map[string]any) string { return path + "/" + it[field].(string) }})
	}
	return out
}

// The token list has its ids in order, like every Okta list here.
func TestEstateListsAreSorted(t *testing.T) {
	t.Parallel()
	s := sim.New(sim.Options{Seed: 3})
	if got := ids(s.EstateRecords("api_tokens", "")); !slices.IsSorted(got) {
		t.Errorf("tokens not in id order: %v", got)
	}
}
