package sim_test

import (
	"slices"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"github.com/credsql/credsql/internal/routes/oparoutes"
	"github.com/credsql/credsql/internal/routes/zitiroutes"
	"github.com/credsql/credsql/internal/sim"
)

// The simulator serves exactly the catalog: every declared route has a handler, and it
// serves no route the catalog does not declare (its router registers handlers by entry).
func TestSimulatorServesTheCatalog(t *testing.T) {
	t.Parallel()
	var catalog, served []string
	for _, all := range [][]routes.Route{oktaroutes.All, zitiroutes.All, oparoutes.All} {
		for _, r := range all {
			catalog = append(catalog, string(r.Vendor)+" "+r.Op())
		}
	}
	for _, r := range sim.New(sim.Options{}).Entries() {
		served = append(served, string(r.Vendor)+" "+r.Op())
	}
	slices.Sort(catalog)
	slices.Sort(served)
	if d := gocmp.Diff(catalog, served); d != "" {
		t.Errorf("routes (-catalog +served):\n%s", d)
	}
}

// Each entry is served where a connection's base URL points: a request to the vendor's
// prefix plus the expanded path reaches the entry's handler.
func TestEntriesAreServedUnderTheVendorPrefix(t *testing.T) {
	t.Parallel()
	s := sim.New(sim.Options{})
	prefix := map[routes.Vendor]string{routes.Okta: "", routes.Ziti: sim.ZitiPrefix, routes.OPA: sim.OPAPrefix}
	for _, all := range [][]routes.Route{oktaroutes.All, zitiroutes.All, oparoutes.All} {
		for _, r := range all {
			args := make([]string, len(r.Params()))
			for i := range args {
				args[i] = "x1"
			}
			path := prefix[r.Vendor] + r.Expand(args...)
			if got := s.EntryOf(r.Method, path); got != r {
				t.Errorf("%s %s is served as %v, want %s", r.Method, path, got, r)
			}
		}
	}
}

// The paging oracle's scheme of each list route, worked out from the vendors' docs, is the
// paging its catalog entry declares.
func TestCatalogPagingMatchesTheOracle(t *testing.T) {
	t.Parallel()
	want := map[scheme]routes.Paging{oktaCursor: routes.LinkHeader, opaCursor: routes.LinkHeader, zitiOffset: routes.LimitOffset, whole: routes.OnePage}
	for _, rt := range pgRoutes {
		if got := rt.pattern.Paging; got != want[rt.scheme] {
			t.Errorf("%s (%s): the catalog says %s, the oracle walks it as %s", rt.name, rt.pattern, got, want[rt.scheme])
		}
	}
}
