package sim_test

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

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
	oktaCursor scheme = iota // after + limit, link rel="self"/"next" (okta.md §2.3)
	zitiOffset               // offset + limit, meta.pagination (ziti.md §4.2)
	opaCursor                // offset (the last user's id) + count, Link rel="next" (opa.md §3)
	whole                    // no paging parameters: the whole collection, no next link
)

// pgRoute is one list route of the simulator and how to list it.
type pgRoute struct {
	name     string
	pattern  string // the router's "METHOD pattern"
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
	{name: "okta apps", pattern: "GET /api/v1/apps", scheme: oktaCursor, def: 20, max: 200, cases: func(w *pgWorld) []pgCase {
		apps := w.srv.Records("apps", "")
		active := slices.DeleteFunc(slices.Clone(apps), func(r sim.Record) bool { return r.Status != "ACTIVE" })
		get := func(it map[string]any) string { return "/api/v1/apps/" + it["id"].(string) }
		return []pgCase{
			{name: "all", path: "/api/v1/apps", want: byID(apps), get: get},
			{name: "active", path: "/api/v1/apps", query: url.Values{"filter": {`status eq "ACTIVE"`}}, want: byID(active)},
		}
	}},
	{name: "okta app keys", pattern: "GET /api/v1/apps/{appId}/credentials/keys", scheme: whole, cases: func(w *pgWorld) []pgCase {
		return w.perApp("keys", "app_keys", false)
	}},
	{name: "okta app csrs", pattern: "GET /api/v1/apps/{appId}/credentials/csrs", scheme: whole, cases: func(w *pgWorld) []pgCase {
		return w.perApp("csrs", "app_csrs", false)
	}},
	{name: "okta client secrets", pattern: "GET /api/v1/apps/{appId}/credentials/secrets", scheme: whole, cases: func(w *pgWorld) []pgCase {
		return w.perApp("secrets", "app_secrets", true)
	}},
	{name: "okta idps", pattern: "GET /api/v1/idps", scheme: oktaCursor, def: 20, max: 200, cases: func(w *pgWorld) []pgCase {
		return []pgCase{{name: "all", path: "/api/v1/idps", want: byID(w.srv.Records("idps", "")),
			get: func(it map[string]any) string { return "/api/v1/idps/" + it["id"].(string) }}}
	}},
	{name: "okta idp keys", pattern: "GET /api/v1/idps/credentials/keys", scheme: oktaCursor, def: 20, max: 200, cases: func(w *pgWorld) []pgCase {
		return []pgCase{{name: "all", path: "/api/v1/idps/credentials/keys", want: byID(w.srv.Records("idp_keys", "")),
			get: func(it map[string]any) string { return "/api/v1/idps/credentials/keys/" + it["kid"].(string) }}}
	}},
	{name: "ziti authenticators", pattern: "GET " + sim.ZitiPrefix + "/current-identity/authenticators", scheme: zitiOffset, def: 10, max: 500, cases: func(w *pgWorld) []pgCase {
		auths := w.srv.Records("ziti_authenticators", "")
		certs := slices.DeleteFunc(slices.Clone(auths), func(r sim.Record) bool { return r.Mode != "cert" })
		path := sim.ZitiPrefix + "/current-identity/authenticators"
		return []pgCase{
			{name: "all", path: path, want: byID(auths), get: func(it map[string]any) string { return path + "/" + it["id"].(string) }},
			{name: "certs", path: path, query: url.Values{"filter": {`method = "cert"`}}, want: byID(certs)},
		}
	}},
	{name: "opa service users", pattern: "GET " + sim.OPAPrefix + "/v1/teams/{team_name}/service_users", scheme: opaCursor, def: 100, max: 100, cases: func(w *pgWorld) []pgCase {
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
	{name: "opa service user keys", pattern: "GET " + sim.OPAPrefix + "/v1/teams/{team_name}/service_users/{user_name}/keys", scheme: whole, cases: func(w *pgWorld) []pgCase {
		var out []pgCase
		for _, u := range w.srv.Records("opa_service_users", "") {
			keys := w.srv.Records("opa_keys", u.Name)
			// Newest first (opa.md §2.6 shows it; the order of equal times is the store's).
			slices.SortStableFunc(keys, func(a, b sim.Record) int { return b.Issued.Compare(a.Issued) })
			out = append(out, pgCase{name: u.Name, path: w.opaPath("/service_users/" + url.PathEscape(u.Name) + "/keys"), want: ids(keys)})
		}
		return out
	}},
}

// byID returns the records' ids in ascending order: the list order of Okta's cursor lists
// and OpenZiti's default sort (ziti.md §4.2).
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

// link is one RFC 8288 link of a Link header.
type link struct{ url, rel string }

// links parses the Link headers of a response and checks their form: one link per header
// line (LinkHeaders, current Okta), or every link in one comma-joined line (LinkJoined).
func links(t *testing.T, h http.Header, style sim.LinkStyle) map[string]string {
	t.Helper()
	vals := h.Values("Link")
	var all []link
	for _, v := range vals {
		ls := parseLinks(t, v)
		if style == sim.LinkHeaders && len(ls) != 1 {
			t.Errorf("Link header line %q holds %d links, want one per line", v, len(ls))
		}
		all = append(all, ls...)
	}
	if style == sim.LinkJoined && len(vals) > 1 {
		t.Errorf("%d Link header lines, want the links joined in one: %q", len(vals), vals)
	}
	out := map[string]string{}
	for _, l := range all {
		if _, dup := out[l.rel]; dup {
			t.Errorf("two links with rel=%q: %q", l.rel, vals)
		}
		out[l.rel] = l.url
	}
	return out
}

// parseLinks splits `<u1>; rel="a", <u2>; rel="b"` (commas inside <> belong to the URL).
func parseLinks(t *testing.T, v string) []link {
	t.Helper()
	var out []link
	for rest := strings.TrimSpace(v); rest != ""; {
		if rest[0] != '<' {
			t.Fatalf("Link %q: want <url> at %q", v, rest)
		}
		end := strings.IndexByte(rest, '>')
		if end < 0 {
			t.Fatalf("Link %q: unterminated <", v)
		}
		l := link{url: rest[1:end]}
		rest = rest[end+1:]
		params, next, _ := strings.Cut(rest, ",")
		for _, p := range strings.Split(params, ";") {
			if k, val, ok := strings.Cut(strings.TrimSpace(p), "="); ok && strings.EqualFold(k, "rel") {
				l.rel = strings.Trim(val, `"`)
			}
		}
		if l.rel == "" {
			t.Fatalf("Link %q: a link without rel", v)
		}
		out = append(out, l)
		rest = strings.TrimSpace(next)
	}
	return out
}

// wantURL checks that got is the absolute URL of base+path with exactly the query q.
func wantURL(t *testing.T, what, got, base, path string, q url.Values) {
	t.Helper()
	u, err := url.Parse(got)
	if err != nil || !u.IsAbs() {
		t.Fatalf("%s link %q is not an absolute URL", what, got)
	}
	if u.Scheme+"://"+u.Host != base || u.EscapedPath() != (&url.URL{Path: path}).EscapedPath() {
		t.Errorf("%s link %q: want %s%s", what, got, base, path)
	}
	if d := gocmp.Diff(q, u.Query()); d != "" {
		t.Errorf("%s link %q: query (-want +got):\n%s", what, got, d)
	}
}

func withQuery(q url.Values, kv ...string) url.Values {
	out := url.Values{}
	for k, v := range q {
		out[k] = slices.Clone(v)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out.Set(kv[i], kv[i+1])
	}
	return out
}

func pageURL(base, path string, q url.Values) string {
	if len(q) == 0 {
		return base + path
	}
	return base + path + "?" + q.Encode()
}

// checkCover reports duplicates and gaps of the concatenated pages against want.
func checkCover(t *testing.T, got, want []string) {
	t.Helper()
	seen := map[string]int{}
	for _, id := range got {
		seen[id]++
		if seen[id] == 2 {
			t.Errorf("%s listed twice", id)
		}
	}
	for _, id := range want {
		if seen[id] == 0 {
			t.Errorf("%s never listed", id)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d items listed, want %d", len(got), len(want))
	}
}

// walk lists c at page size n (0: no limit parameter, the vendor's default) and compares
// every page with the oracle. It returns the items listed.
func (w *pgWorld) walk(t *testing.T, rt pgRoute, c pgCase, n int) []map[string]any {
	t.Helper()
	size := n
	if n == 0 {
		size = rt.def
	}
	size = min(size, rt.max)
	switch rt.scheme {
	case oktaCursor:
		return w.walkLinks(t, rt, c, n, size, "limit", "after")
	case opaCursor:
		return w.walkLinks(t, rt, c, n, size, "count", "offset")
	case zitiOffset:
		return w.walkOffsets(t, rt, c, n, size)
	}
	return w.walkWhole(t, rt, c, n)
}

// walkLinks follows next links: each must hold the cursor of the page's last item (its id)
// and the page size, keep the filters, and be absent on the last page.
func (w *pgWorld) walkLinks(t *testing.T, rt pgRoute, c pgCase, n, size int, sizeParam, cursorParam string) []map[string]any {
	t.Helper()
	want := chunks(c.want, size)
	q := withQuery(c.query)
	if n > 0 {
		q.Set(sizeParam, strconv.Itoa(n))
	}
	u := pageURL(w.base, c.path, q)
	var got []map[string]any
	for i := 0; u != ""; i++ {
		if i == len(want) {
			t.Fatalf("page %d: the oracle has %d pages; next link %s", i+1, len(want), u)
		}
		r := w.get(t, u)
		page := items(t, r, rt.scheme, u)
		if d := gocmp.Diff(want[i], itemIDs(page)); d != "" {
			t.Errorf("page %d of %d (%s): ids (-want +got):\n%s", i+1, len(want), u, d)
		}
		got = append(got, page...)
		ls := links(t, r.header, w.style)
		if rt.scheme == oktaCursor {
			self, ok := ls["self"]
			if !ok {
				t.Errorf("page %d: no self link", i+1)
			} else if self != u {
				t.Errorf("page %d: self link %q, want %q", i+1, self, u)
			}
		}
		u = ls["next"]
		if i == len(want)-1 {
			if u != "" {
				t.Errorf("last page %d has a next link %s", i+1, u)
			}
			break
		}
		if u == "" {
			t.Fatalf("page %d of %d has no next link", i+1, len(want))
		}
		wantURL(t, "next", u, w.base, c.path, withQuery(c.query, cursorParam, want[i][len(want[i])-1], sizeParam, strconv.Itoa(size)))
	}
	checkCover(t, itemIDs(got), c.want)
	return got
}

// walkOffsets pages by offset as ziti.md §4.2 says (offset += limit until offset >= totalCount)
// and checks each envelope's pagination, then asks one page past the end.
func (w *pgWorld) walkOffsets(t *testing.T, rt pgRoute, c pgCase, n, size int) []map[string]any {
	t.Helper()
	want := chunks(c.want, size)
	var got []map[string]any
	type pagination struct{ Limit, Offset, TotalCount int }
	for i, off := 0, 0; ; i, off = i+1, off+size {
		q := withQuery(c.query, "offset", strconv.Itoa(off))
		if n > 0 {
			q.Set("limit", strconv.Itoa(n))
		}
		u := pageURL(w.base, c.path, q)
		r := w.get(t, u)
		page := items(t, r, rt.scheme, u)
		var env struct {
			Meta struct{ Pagination *pagination }
		}
		if err := json.Unmarshal(r.body, &env); err != nil || env.Meta.Pagination == nil {
			t.Fatalf("GET %s: no meta.pagination: %s", u, r.body)
		}
		wantMeta := pagination{Limit: size, Offset: off, TotalCount: len(c.want)}
		if d := gocmp.Diff(wantMeta, *env.Meta.Pagination); d != "" {
			t.Errorf("GET %s: meta.pagination (-want +got):\n%s", u, d)
		}
		if i >= len(want) {
			if len(page) != 0 {
				t.Errorf("GET %s: past the end, %d items", u, len(page))
			}
			break
		}
		if d := gocmp.Diff(want[i], itemIDs(page)); d != "" {
			t.Errorf("page %d of %d (%s): ids (-want +got):\n%s", i+1, len(want), u, d)
		}
		got = append(got, page...)
		if last := off+size >= env.Meta.Pagination.TotalCount; last != (i == len(want)-1) {
			t.Errorf("GET %s: totalCount %d ends the list after page %d, the oracle after %d", u, env.Meta.Pagination.TotalCount, i+1, len(want))
		}
	}
	checkCover(t, itemIDs(got), c.want)
	return got
}

// walkWhole checks a list without paging parameters: whatever limit or count is sent, the
// whole collection comes in one response with no next link.
func (w *pgWorld) walkWhole(t *testing.T, rt pgRoute, c pgCase, n int) []map[string]any {
	t.Helper()
	q := url.Values{}
	if n > 0 {
		param := "limit"
		if strings.HasPrefix(c.path, sim.OPAPrefix) {
			param = "count"
		}
		q.Set(param, strconv.Itoa(n))
	}
	u := pageURL(w.base, c.path, q)
	r := w.get(t, u)
	page := items(t, r, rt.scheme, u)
	if d := gocmp.Diff(c.want, itemIDs(page)); d != "" {
		t.Errorf("GET %s: ids (-want +got):\n%s", u, d)
	}
	if next, ok := links(t, r.header, w.style)["next"]; ok {
		t.Errorf("GET %s: a list without paging has a next link %s", u, next)
	}
	checkCover(t, itemIDs(page), c.want)
	return page
}

// checkItems compares every listed item with the same item read by itself.
func (w *pgWorld) checkItems(t *testing.T, c pgCase, list []map[string]any) {
	t.Helper()
	if c.get == nil {
		return
	}
	for _, it := range list {
		p := c.get(it)
		r := w.get(t, p)
		var one map[string]any
		if err := json.Unmarshal(r.body, &one); err != nil || r.status != http.StatusOK {
			t.Fatalf("GET %s: %d %s", p, r.status, r.body)
		}
		if strings.HasPrefix(p, sim.ZitiPrefix) {
			one, _ = one["data"].(map[string]any)
		}
		if d := gocmp.Diff(one, it); d != "" {
			t.Errorf("listed item differs from GET %s (-get +list):\n%s", p, d)
		}
	}
}
