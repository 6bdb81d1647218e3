package inventory_test

import (
	"context"
	"sort"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/credsql/credsql/internal/inventory"
	"github.com/credsql/credsql/internal/testenv"
)

// The credential inventory (the report's expiry timeline, the metrics) lists API tokens and
// IdP signing keys with their end dates, as the API gives them; authorization-server keys
// and CSRs have no end date and are not listed.
func TestListingsOfOktaEstate(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{NoWire: true})
	w := readWorld(t, e.Sim)
	got := map[string][]string{}
	kinds := map[string]string{}
	for _, l := range inventory.Listings([]string{"okta"}) {
		kinds[l.Table] = l.Kind
		r := inventory.List(context.Background(), e.Session, l)
		if r.Err != nil {
			t.Fatalf("%s: %v", l.Table, r.Err)
		}
		for _, c := range r.Credentials {
			got[l.Table] = append(got[l.Table], c.Label()+" "+c.Name+" "+c.Expires.UTC().Format(time.RFC3339))
		}
	}
	if diff := cmp.Diff(map[string]string{"api_tokens": "API token", "idp_signing_keys": "IdP signing key"},
		map[string]string{"api_tokens": kinds["api_tokens"], "idp_signing_keys": kinds["idp_signing_keys"]}); diff != "" {
		t.Errorf("kinds (-want +got):\n%s", diff)
	}
	for _, table := range []string{"authz_server_keys", "authz_servers", "idp_csrs"} {
		if _, ok := kinds[table]; ok {
			t.Errorf("%s is listed as a credential with an end date", table)
		}
	}
	var tokens, keys []string
	for _, tk := range w.estate.tokens {
		tokens = append(tokens, str(tk["id"])+" "+str(tk["name"])+" "+ts(t, tk["expiresAt"]).Format(time.RFC3339))
	}
	for _, p := range w.idps {
		for _, k := range w.estate.signingKeys[str(p["id"])] {
			keys = append(keys, str(p["id"])+"/"+str(k["kid"])+"  "+ts(t, k["expiresAt"]).Format(time.RFC3339))
		}
	}
	for table, want := range map[string][]string{"api_tokens": tokens, "idp_signing_keys": keys} {
		sort.Strings(want)
		sort.Strings(got[table])
		if len(want) == 0 {
			t.Fatalf("the simulator has no %s", table)
		}
		if diff := cmp.Diff(want, got[table]); diff != "" {
			t.Errorf("%s (-api +inventory):\n%s", table, diff)
		}
	}
}
