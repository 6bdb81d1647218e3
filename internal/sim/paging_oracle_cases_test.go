package sim_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/credsql/credsql/internal/sim"
)

// Page sizes other than numbers.
const (
	pgDefault = 0  // no limit parameter: the vendor's default page size
	pgMax     = -1 // the vendor's maximum
	pgOverMax = -2 // twice the maximum, which the OpenZiti controller clamps; unverified elsewhere
)

// TestPagingOracleCoversEveryListRoute fails when the router gains a list route that the
// paging oracle does not walk.
func TestPagingOracleCoversEveryListRoute(t *testing.T) {
	t.Parallel()
	var covered, served []string
	for _, rt := range pgRoutes {
		covered = append(covered, rt.pattern.Op())
	}
	for _, e := range sim.New(sim.Options{}).ListRoutes() {
		served = append(served, e.Op())
	}
	slices.Sort(covered)
	slices.Sort(served)
	if d := gocmp.Diff(served, covered); d != "" {
		t.Errorf("list routes (-served +walked by the oracle):\n%s", d)
	}
}

// TestPagingOracle walks every list route at page sizes 1, 2, 7, the default and the
// maximum, in both Link header forms, over data sets of 28 items (1, 2 and 7 divide it: no
// short last page) and 29, and over more than two maximum pages.
func TestPagingOracle(t *testing.T) {
	t.Parallel()
	small := func(n int) sim.Options {
		return sim.Options{Seed: 11, Apps: n, IdPs: n, IdPKeys: n, ServiceUsers: n, ZitiAuthenticators: n, ZitiIdentities: n, AuthzServers: n, APITokens: n}
	}
	large := sim.Options{Seed: 12, Apps: 401, IdPs: 401, IdPKeys: 401, ServiceUsers: 201, ZitiAuthenticators: 1001, ZitiIdentities: 1001, DistinctCerts: 8, AuthzServers: 401}
	for _, ds := range []struct {
		name  string
		opts  sim.Options
		sizes []int
		whole bool // walk the lists without paging too (one request per app or user and size)
	}{
		{"28 items", small(28), []int{1, 2, 7, pgDefault}, true},
		{"29 items", small(29), []int{1, 2, 7, pgDefault}, true},
		{"two max pages and more", large, []int{pgMax, pgOverMax, pgDefault}, false},
	} {
		for _, style := range []sim.LinkStyle{sim.LinkHeaders, sim.LinkJoined} {
			t.Run(fmt.Sprintf("%s/links %s", ds.name, styleName(style)), func(t *testing.T) {
				t.Parallel()
				opts := ds.opts
				opts.LinkStyle = style
				w := newPGWorld(t, opts)
				for _, rt := range pgRoutes {
					if rt.scheme == whole && !ds.whole || rt.scheme == zitiOffset && style != sim.LinkHeaders {
						continue // OpenZiti sends no links
					}
					for _, c := range rt.cases(w) {
						for _, n := range ds.sizes {
							limit, ok := rt.limit(n)
							if !ok {
								continue
							}
							t.Run(fmt.Sprintf("%s/%s/%s", rt.name, c.name, sizeName(n)), func(t *testing.T) {
								list := w.walk(t, rt, c, limit)
								if n == 7 {
									w.checkItems(t, c, list)
								}
							})
						}
					}
				}
			})
		}
	}
}

// limit turns a page size of the table into the limit to send.
func (rt pgRoute) limit(n int) (int, bool) {
	switch n {
	case pgMax:
		return rt.max, rt.scheme != whole
	case pgOverMax:
		return 2 * rt.max, rt.scheme == zitiOffset
	}
	return n, true
}

func sizeName(n int) string {
	switch n {
	case pgDefault:
		return "default size"
	case pgMax:
		return "max size"
	case pgOverMax:
		return "over max"
	}
	return "size " + strconv.Itoa(n)
}

func styleName(s sim.LinkStyle) string {
	if s == sim.LinkJoined {
		return "joined"
	}
	return "one per line"
}

// TestPagingOracleBadCursor sends cursors and page sizes the vendors refuse, and checks the
// vendor's error format for each.
func TestPagingOracleBadCursor(t *testing.T) {
	t.Parallel()
	w := newPGWorld(t, sim.Options{Seed: 11})
	for _, path := range []string{"/api/v1/apps", "/api/v1/idps", "/api/v1/idps/credentials/keys"} {
		// Okta's answer to a limit that is not one integer, e.g. a next link that got its
		// limit twice.
		for _, q := range []string{"limit=ten", "limit=2.5", "limit=2&limit=2"} {
			t.Run("okta "+path+"?"+q, func(t *testing.T) {
				wantOktaError(t, w.get(t, path+"?"+q), http.StatusBadRequest, "E0000037")
			})
		}
	}
	zpath := sim.ZitiPrefix + "/current-identity/authenticators"
	for _, q := range []string{"offset=ten", "offset=1.5", "limit=ten", "limit=1e3", "offset=2&limit=x"} {
		t.Run("ziti ?"+q, func(t *testing.T) {
			r := w.get(t, zpath+"?"+q)
			var env struct {
				Error struct{ Code, Message, RequestID string }
				Meta  struct{ APIVersion string }
			}
			if err := json.Unmarshal(r.body, &env); err != nil || r.status != http.StatusBadRequest ||
				env.Error.Code != "INVALID_PAGINATION" || env.Error.Message == "" || env.Error.RequestID == "" || env.Meta.APIVersion != "0.0.1" {
				t.Errorf("got %d %s, want 400 INVALID_PAGINATION in the OpenZiti error envelope", r.status, r.body)
			}
		})
	}
	users := w.srv.Records("opa_service_users", "")
	ukeys := w.srv.Records("opa_keys", users[0].Name)
	for _, q := range []string{"offset=garbage", "offset=" + ukeys[0].ID, "offset=00000000-0000-4000-8000-000000000000", "count=-1", "count=x"} {
		t.Run("opa ?"+q, func(t *testing.T) {
			r := w.get(t, w.opaPath("/service_users?"+q))
			var e struct {
				Type    string
				Code    int
				Message string
			}
			if err := json.Unmarshal(r.body, &e); err != nil || r.status != http.StatusBadRequest ||
				e.Type != "invalid_request" || e.Code != http.StatusBadRequest || e.Message == "" {
				t.Errorf("got %d %s, want 400 invalid_request in OPA's error body", r.status, r.body)
			}
		})
	}
}

func wantOktaError(t *testing.T, r pgResp, status int, code string) {
	t.Helper()
	var e struct {
		ErrorCode, ErrorSummary, ErrorLink, ErrorID string
		ErrorCauses                                 []any
	}
	if err := json.Unmarshal(r.body, &e); err != nil || r.status != status || e.ErrorCode != code ||
		e.ErrorLink != code || e.ErrorSummary == "" || e.ErrorID == "" || e.ErrorCauses == nil {
		t.Errorf("got %d %s, want %d %s in Okta's error object", r.status, r.body, status, code)
	}
}

// TestPagingOracleOffsetEdges checks what OpenZiti does with out-of-range numbers instead of
// refusing them (the controller's checkLimits): a negative offset is 0, a limit of 0 or below -1
// is the default.
func TestPagingOracleOffsetEdges(t *testing.T) {
	t.Parallel()
	w := newPGWorld(t, sim.Options{Seed: 11, ZitiAuthenticators: 29})
	all := byID(w.srv.Records("ziti_authenticators", ""))
	path := sim.ZitiPrefix + "/current-identity/authenticators"
	for q, want := range map[string]struct {
		limit, offset int
		ids           []string
	}{
		"offset=-3&limit=4": {4, 0, all[:4]},
		"limit=0":           {10, 0, all[:10]},
		"limit=-5&offset=7": {10, 7, all[7:17]},
		"offset=27&limit=7": {7, 27, all[27:]},
		"offset=500":        {10, 500, []string{}},
	} {
		t.Run(q, func(t *testing.T) {
			u := path + "?" + q
			r := w.get(t, u)
			page := items(t, r, zitiOffset, u)
			var env struct {
				Meta struct {
					Pagination struct{ Limit, Offset, TotalCount int }
				}
			}
			if err := json.Unmarshal(r.body, &env); err != nil {
				t.Fatal(err)
			}
			p := env.Meta.Pagination
			if p.Limit != want.limit || p.Offset != want.offset || p.TotalCount != len(all) {
				t.Errorf("pagination %+v, want limit %d offset %d totalCount %d", p, want.limit, want.offset, len(all))
			}
			if d := gocmp.Diff(want.ids, itemIDs(page)); d != "" {
				t.Errorf("ids (-want +got):\n%s", d)
			}
		})
	}
}

// TestPagingOracleCursorOfDeletedItem deletes the item a next link points after: the next
// page must still start with the item that follows it, as the cursor is a position in kid
// order and not an index (Okta's pagination docs: the cursor is opaque, follow the next link).
func TestPagingOracleCursorOfDeletedItem(t *testing.T) {
	t.Parallel()
	w := newPGWorld(t, sim.Options{Seed: 11, IdPKeys: 29})
	const path = "/api/v1/idps/credentials/keys"
	u := w.base + path + "?limit=3"
	for page := 1; u != ""; page++ {
		r := w.get(t, u)
		ids := itemIDs(items(t, r, oktaCursor, u))
		next := links(t, r.header, sim.LinkHeaders)["next"]
		if next == "" {
			t.Fatal("no key of the store could be deleted: every one is in use")
		}
		cursor := ids[len(ids)-1]
		// Keys an IdP trusts cannot be deleted; go on to a page ending with one that can.
		if del := w.send(t, "DELETE", path+"/"+url.PathEscape(cursor)); del.status != http.StatusNoContent {
			u = next
			continue
		}
		all := byID(w.srv.Records("idp_keys", ""))
		i, _ := slices.BinarySearch(all, cursor)
		want := all[i:min(i+3, len(all))]
		r = w.get(t, next)
		if d := gocmp.Diff(want, itemIDs(items(t, r, oktaCursor, next))); d != "" {
			t.Errorf("page %d after deleting its cursor %s (-want +got):\n%s", page+1, cursor, d)
		}
		return
	}
}
