package main

import (
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"github.com/credsql/credsql/internal/sim"
)

// A token without okta.authorizationServers.read or okta.apiTokens.read: the check names each
// missing scope, and still the ones granted.
func TestConnectionsNamesAuthzAndTokenScopes(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		route routes.Route
		scope string
	}{
		{oktaroutes.ListAuthzServers, "okta.authorizationServers.read"},
		{oktaroutes.ListAPITokens, "okta.apiTokens.read"},
	} {
		t.Run(c.scope, func(t *testing.T) {
			s, u := invStartSim(t, sim.Options{Seed: 1})
			s.Inject(sim.Injection{Entry: c.route, Kind: sim.FaultStatus, Status: 403, Count: 1000})
			cli := &invCLI{t: t}
			cfg := cli.writeConfig(invConn{name: "prod", vendor: "okta", sim: s, url: u})
			o := cli.must(exitAuth, "--config", cfg, "connections", "--format", "json")
			rows := invJSON(t, o.stdout)
			if len(rows) == 0 {
				t.Fatalf("no rows: %s", o.stdout)
			}
			r := rows[0]
			detail, _ := r["detail"].(string)
			if r["status"] != "missing permission" || !strings.Contains(detail, c.route.Op()+" needs "+c.scope) || !strings.Contains(detail, "okta.apps.read") {
				t.Errorf("%v, want missing permission naming %s and the granted scopes", r, c.scope)
			}
		})
	}
}
