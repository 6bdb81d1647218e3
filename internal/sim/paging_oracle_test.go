package sim_test

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"github.com/credsql/credsql/internal/routes/oparoutes"
	"github.com/credsql/credsql/internal/routes/zitiroutes"
	"github.com/credsql/credsql/internal/sim"
)

// The paging conformance suite. For every list route of the simulator, the pages it serves
// over HTTP are compared, page by page, with pages the test cuts itself from a plain list of
// the simulator's data (Server.Records reads its state, not a handler): Okta's after/limit
// cursor with self and next links, OpenZiti's offset envelope, OPA's offset cursor in a next
// link, and the lists that have no pagination at all.

// scheme is how a list route pages.
type scheme int

const (
	oktaCursor scheme = iota // after + limit, link rel="self"/"next" (Okta API, "Pagination")
	zitiOffset               // offset + limit, meta.pagination (OpenZiti edge management API)
	opaCursor                // offset (the last user's id) + count, Link rel="next" (OPA API, "Pagination")
	whole                    // no paging parameters: the whole collection, no next link
)

// pgRoute is one list route of the simulator and how to list it.
type pgRoute struct {
	name     string
	pattern  routes.Route // the catalog entry walked
	scheme   scheme
	def, max int // page size without a limit, and the vendor's maximum
	// cases returns what to list on this data set: concrete paths with their expected items.
	cases func(w *pgWorld) []pgCase
}

// pgCase is one list to walk: a path, extra query parameters (filters, which every next link
// must carry) and the ids the pages must hold, in order.
type pgCase struct {
	name  string
	path  string
	query url.Values
	want  []string
	// get returns the path that reads one listed item by itself, "" when there is none.
	get func(item map[string]any) string
}

var pgRoutes = []pgRoute{
	{name: "okta apps", pattern: oktaroutes.ListApps, scheme: oktaCursor, def: 20, max: 200, cases: func(w *pgWorld) []pgCase {
		apps := w.srv.Records("apps", "")
		active := slices.DeleteFunc(slices.Clone(apps), func(r sim.Record) bool { return r.Status != "ACTIVE" })
		get := func(it map[string]any) string { return "/api/v1/apps/" + it["id"].(string) }
		return []pgCase{
			{name: "all", path: "/api/v1/apps", want: byID(apps), get: get},
			{name: "active", path: "/api/v1/apps", query: url.Values{"filter": {`status eq "ACTIVE"`}}, want: byID(active)},
		}
	}},
	{name: "okta app keys", pattern: oktaroutes.ListAppKeys, scheme: whole, cases: func(w *pgWorld) []pgCase {
		return w.perApp("keys", "app_keys", false)
	}},
	{name: "okta app csrs", pattern: oktaroutes.ListAppCSRs, scheme: whole, cases: func(w *pgWorld) []pgCase {
		return w.perApp("csrs", "app_csrs", false)
	}},
	{name: "okta client secrets", pattern: oktaroutes.ListClientSecrets, scheme: whole, cases: func(w *pgWorld) []pgCase {
		return w.perApp("secrets", "app_secrets", true)
	}},
	{name: "okta idps", pattern: oktaroutes.ListIdPs, scheme: oktaCursor, def: 20, max: 200, cases: func(w *pgWorld) []pgCase {
		return []pgCase{{name: "all", path: "/api/v1/idps", want: byID(w.srv.Records("idps", "")),
			get: func(it map[string]any) string { return "/api/v1/idps/" + it["id"].(string) }}}
	}},
	{name: "okta idp keys", pattern: oktaroutes.ListIdPKeys, scheme: oktaCursor, def: 20, max: 200, cases: func(w *pgWorld) []pgCase {
		return []pgCase{{name: "all", path: "/api/v1/idps/credentials/keys", want: byID(w.srv.Records("idp_keys", "")),
			get: func(it map[string]any) string { return "/api/v1/idps/credentials/keys/" + it["kid"].(string) }}}
	}},
	{name: "ziti authenticators", pattern: zitiroutes.ListMyAuthenticators, scheme: zitiOffset, def: 10, max: 500, cases: func(w *pgWorld) []pgCase {
		auths := w.srv.Records("ziti_authenticators", "")
		certs := slices.DeleteFunc(slices.Clone(auths), func(r sim.Record) bool { return r.Mode != "cert" })
		path := sim.ZitiPrefix + "/current-identity/authenticators"
		return []pgCase{
			{name: "all", path: path, want: byID(auths), get: func(it map[string]any) string { return path + "/" + it["id"].(string) }},
			{name: "certs", path: path, query: url.Values{"filter": {`method = "cert"`}}, want: byID(certs)},
		}
	}},
	{name: "ziti identities", pattern: zitiroutes.ListIdentities, scheme: zitiOffset, def: 10, max: 500, cases: func(w *pgWorld) []pgCase {
		ids := w.srv.Records("ziti_identities", "")
		path := sim.ZitiPrefix + "/identities"
		return []pgCase{{name: "all", path: path, want: byID(ids), get: func(it map[string]any) string { return path + "/" + it["id"].(string) }}}
	}},
	{name: "ziti every authenticator", pattern: zitiroutes.ListAuthenticators, scheme: zitiOffset, def: 10, max: 500, cases: func(w *pgWorld) []pgCase {
		auths := w.srv.Records("ziti_all_authenticators", "")
		certs := slices.DeleteFunc(slices.Clone(auths), func(r sim.Record) bool { return r.Mode != "cert" })
		path := sim.ZitiPrefix + "/authenticators"
		return []pgCase{
			{name: "all", path: path, want: byID(auths), get: func(it map[string]any) string { return path + "/" + it["id"].(string) }},
			{name: "certs", path: path, query: url.Values{"filter": {`method = "cert"`}}, want: byID(certs)},
		}
	}},
	{name: "ziti enrollments", pattern: zitiroutes.ListEnrollments, scheme: zitiOffset, def: 10, max: 500, cases: func(w *pgWorld) []pgCase {
		es := w.srv.Records("ziti_enrollments", "")
		ott := slices.DeleteFunc(slices.Clone(es), func(r sim.Record) bool { return r.Mode != "ott" })
		path := sim.ZitiPrefix + "/enrollments"
		return []pgCase{
			{name: "all", path: path, want: byID(es), get: func(it map[string]any) string { return path + "/" + it["id"].(string) }},
			{name: "ott", path: path, query: url.Values{"filter": {`method = "ott"`}}, want: byID(ott)},
		}
	}},
	{name: "opa service users", pattern: oparoutes.ListServiceUsers, scheme: opaCursor, def: 100, max: 100, cases: func(w *pgWorld) []pgCase {
		users := w.srv.Records("opa_service_users", "")
		byName := func(rs []sim.Record) []string {
			rs = slices.Clone(rs)
			slices.SortFunc(rs, func(a, b sim.Record) int { return cmp.Compare(a.Name, b.Name) })
			return ids(rs)
		}
		desc := byName(users)
		slices.Reverse(desc)
		live := slices.DeleteFunc(slices.Clone(users), func(r sim.Record) bool { return r.Status == "DELETED" })
		get := func(it map[string]any) string {
			return w.opaPath("/service_users/" + url.PathEscape(it["name"].(string)))
		}
		return []pgCase{
			{name: "all", path: w.opaPath("/service_users"), want: byName(users), get: get},
			{name: "descending", path: w.opaPath("/service_users"), query: url.Values{"descending": {"true"}}, want: desc},
			{name: "not deleted", path: w.opaPath("/service_users"), query: url.Values{"status": {"ACTIVE", "DISABLED"}}, want: byName(live)},
		}
	}},
	{name: "opa service user keys", pattern: oparoutes.ListKeys, scheme: whole, cases: func(w *pgWorld) []pgCase {
		var out []pgCase
		for _, u := range w.srv.Records("opa_service_users", "") {
			keys := w.srv.Records("opa_keys", u.Name)
			// Newest first, as in the API reference's example; equal times keep the store's order.
			slices.SortStableFunc(keys, func(a, b sim.Record) int { return b.Issued.Compare(a.Issued) })
			out = append(out, pgCase{name: u.Name, path: w.opaPath("/service_users/" + url.PathEscape(u.Name) + "/keys"), want: ids(keys)})
		}
		return out
	}},
}

// byID returns the records' ids in ascending order: the list order of Okta's cursor lists
// and OpenZiti's default sort.
func byID(rs []sim.Record) []string {
	out := ids(rs)
	slices.Sort(out)
	return out
}

func ids(rs []sim.Record) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

// perApp lists one kind of an app's credentials for every app; secrets exist only for
// OPENID_CONNECT apps. Keys, CSRs and secrets come back in the order they were made.
func (w *pgWorld) perApp(noun, kind string, oidcOnly bool) []pgCase {
	var out []pgCase
	for _, a := range w.srv.Records("apps", "") {
		if oidcOnly && a.Mode != "OPENID_CONNECT" {
			continue
		}
		path := "/api/v1/apps/" + a.ID + "/credentials/" + noun
		field := "id"
		if noun == "keys" {
			field = "kid"
		}
		out = append(out, pgCase{name: a.ID, path: path, want: ids(w.srv.Records(kind, a.ID)),
			get: func(it map[string]any) string { return path + "/" + it[field].(string) }})
	}
	return out
}

// pgWorld is one simulator with its credentials.
type pgWorld struct {
	srv     *sim.Server
	base    string
	style   sim.LinkStyle
	zitiTok string
	opaTok  string
	team    string
}

func newPGWorld(t *testing.T, opts sim.Options) *pgWorld {
	t.Helper()
	srv := sim.New(opts)
	w := &pgWorld{srv: srv, base: srv.Start(), style: opts.LinkStyle, team: srv.Options().OPATeam}
	t.Cleanup(srv.Close)
	w.zitiTok = srv.ZitiSessionToken()
	o := srv.Options()
	body := fmt.Sprintf(`{"key_id":%q,"key_secret":%q}`, o.OPAKeyID, o.OPAKeySecret)
	req, _ := http.NewRequest("POST", w.base+w.opaPath("/service_token"), strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var tok struct {
		BearerToken string `json:"bearer_token"`
	}
	if err := json.NewDecoder(res.Body).Decode(&tok); err != nil || tok.BearerToken == "" {
		t.Fatalf("service_token: %d %v", res.StatusCode, err)
	}
	w.opaTok = tok.BearerToken
	return w
}

func (w *pgWorld) opaPath(p string) string { return sim.OPAPrefix + "/v1/teams/" + w.team + p }

type pgResp struct {
	status int
	header http.Header
	body   []byte
}

// get sends a GET to an absolute URL or a path, with the vendor's credentials.
func (w *pgWorld) get(t *testing.T, u string) pgResp {
	t.Helper()
	return w.send(t, "GET", u)
}

func (w *pgWorld) send(t *testing.T, method, u string) pgResp {
	t.Helper()
	if !strings.HasPrefix(u, "http") {
		u = w.base + u
	}
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	path := req.URL.Path
	switch {
	case strings.HasPrefix(path, sim.ZitiPrefix):
		req.Header.Set("zt-session", w.zitiTok)
	case strings.HasPrefix(path, sim.OPAPrefix):
		req.Header.Set("Authorization", "Bearer "+w.opaTok)
	default:
		req.Header.Set("Authorization", "SSWS sim-okta-api-token")
		req.Header.Set("Accept", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, u, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return pgResp{res.StatusCode, res.Header, b}
}

// items decodes a list page: Okta's bare array, OpenZiti's data, OPA's list.
func items(t *testing.T, r pgResp, s scheme, u string) []map[string]any {
	t.Helper()
	if r.status != http.StatusOK {
		t.Fatalf("GET %s: status %d: %s", u, r.status, r.body)
	}
	var out []map[string]any
	var err error
	switch s {
	case zitiOffset:
		var env struct{ Data []map[string]any }
		err = json.Unmarshal(r.body, &env)
		out = env.Data
	case opaCursor:
		var env struct{ List []map[string]any }
		err = json.Unmarshal(r.body, &env)
		out = env.List
	default:
		if strings.Contains(u, sim.OPAPrefix) {
			var env struct{ List []map[string]any }
			err = json.Unmarshal(r.body, &env)
			out = env.List
		} else if strings.Contains(u, sim.ZitiPrefix) {
			var env struct{ Data []map[string]any }
			err = json.Unmarshal(r.body, &env)
			out = env.Data
		} else {
			err = json.Unmarshal(r.body, &out)
		}
	}
	if err != nil || out == nil {
		t.Fatalf("GET %s: not a list page (%v): %s", u, err, r.body)
	}
	return out
}

func itemIDs(list []map[string]any) []string {
	out := make([]string, len(list))
	for i, it := range list {
		id, _ := it["id"].(string)
		if id == "" {
			id, _ = it["kid"].(string) // Okta keys
		}
		out[i] = id
	}
	return out
}

// chunks cuts the expected list into pages of n; an empty list is one empty page.
func chunks(want []string, n int) [][]string {
	out := [][]string{}
	for i := 0; i < len(want); i += n {
		out = append(out, want[i:min(i+n, len(want))])
	}
	if len(out) == 0 {
		out = append(out, []string{})
	}
	return out
}
