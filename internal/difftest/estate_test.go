package difftest

import (
	"slices"
	"testing"
)

// The credential-estate tables are in the grammar: not volatile (their rows are the same on
// two scans), with rows to query.
func TestEstateTablesAreQueried(t *testing.T) {
	t.Parallel()
	r := newRun(t, Options{Seed: 1, PageSize: 2})
	var names []string
	for _, m := range r.queryable() {
		names = append(names, m.name())
	}
	for _, want := range []string{"authz_servers", "authz_server_keys", "api_tokens", "idp_csrs", "idp_signing_keys",
		"ziti_identities", "ziti_identity_authenticators", "ziti_enrollments"} {
		if !slices.Contains(names, want) {
			t.Errorf("%s is not queried (queryable: %v)", want, names)
			continue
		}
		if n := len(r.byName[want].rows); n == 0 {
			t.Errorf("%s has no rows to compare", want)
		}
	}
}
