package main

import (
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"github.com/credsql/credsql/internal/routes/oparoutes"
	"github.com/credsql/credsql/internal/sim"
)

func TestConnectionsChecksEachConnection(t *testing.T) {
	t.Parallel()
	good, goodURL := invStartSim(t, sim.Options{Seed: 1})
	noIdPs, noIdPsURL := invStartSim(t, sim.Options{Seed: 2})
	// A token without okta.idps.read: the IdP key store answers 403, apps still 200.
	noIdPs.Inject(sim.Injection{Entry: oktaroutes.ListIdPKeys, Kind: sim.FaultStatus, Status: 403, Count: 1000})
	noUsers, noUsersURL := invStartSim(t, sim.Options{Seed: 3})
	noUsers.Inject(sim.Injection{Entry: oparoutes.ListServiceUsers, Kind: sim.FaultStatus, Status: 403, Count: 1000})

	c := &invCLI{t: t}
	cfg := c.writeConfig(
		invConn{name: "prod", vendor: "okta", sim: good, url: goodURL},
		invConn{name: "partner", vendor: "okta", sim: noIdPs, url: noIdPsURL},
		invConn{name: "revoked", vendor: "okta", sim: good, url: goodURL, secret: "not-the-token"},
		invConn{name: "edge", vendor: "ziti", sim: good, url: goodURL},
		invConn{name: "edge-old", vendor: "ziti", sim: good, url: goodURL, secret: "old-password"},
		invConn{name: "pam", vendor: "opa", sim: good, url: goodURL},
		invConn{name: "pam-limited", vendor: "opa", sim: noUsers, url: noUsersURL},
	)
	good.ResetCalls()
	o := c.must(exitAuth, "--config", cfg, "connections", "--format", "json")
	status := map[string]map[string]any{}
	for _, r := range invJSON(t, o.stdout) {
		status[r["connection"].(string)] = r
	}
	for name, want := range map[string][]string{
		"prod":        {"ok", "okta.apps.read, okta.idps.read, okta.authorizationServers.read, okta.apiTokens.read granted"},
		"partner":     {"missing permission", "GET /api/v1/idps/credentials/keys needs okta.idps.read"},
		"revoked":     {"rejected", "401"},
		"edge":        {"ok", "identity credsql-bot"},
		"edge-old":    {"rejected", "401"},
		"pam":         {"ok", "team acme"},
		"pam-limited": {"missing permission", "GET /v1/teams/{team_name}/service_users needs a PAM administrator role"},
	} {
		r := status[name]
		if r == nil || r["status"] != want[0] || !strings.Contains(r["detail"].(string), want[1]) {
			t.Errorf("%s: %v, want status %q and detail with %q", name, r, want[0], want[1])
		}
	}
	if status["partner"]["detail"].(string) == "" || !strings.Contains(status["partner"]["detail"].(string), "okta.apps.read, okta.authorizationServers.read, okta.apiTokens.read granted") {
		t.Errorf("partner: the granted scope is not named: %v", status["partner"])
	}
	for _, secret := range []string{"not-the-token", "old-password", good.Options().OktaToken, good.Options().ZitiPassword, good.Options().OPAKeySecret} {
		if strings.Contains(o.stdout+o.stderr, secret) {
			t.Errorf("output shows the secret %q", secret)
		}
	}
	if !strings.Contains(o.stderr, "4 of 7 connections failed the check: partner (okta), revoked (okta), edge-old (ziti), pam-limited (opa)") {
		t.Errorf("stderr: %s", o.stderr)
	}
	// One cheap call per API family: two for Okta, a login and a read for OpenZiti, a token
	// and one page of one user for OPA.
	if n := good.Count(oktaroutes.ListApps); n != 2 {
		t.Errorf("%d app listings for two Okta connections", n)
	}
	for _, call := range good.Calls() {
		if call.Entry == oparoutes.ListServiceUsers && !strings.Contains(call.Query, "count=1") {
			t.Errorf("OPA check listed more than one user: %s", call.Query)
		}
	}

	ok := c.writeConfig(invConn{name: "prod", vendor: "okta", sim: good, url: goodURL}, invConn{name: "pam", vendor: "opa", sim: good, url: goodURL})
	o = c.must(0, "--config", ok, "connections")
	if !strings.Contains(o.stdout, "not configured") || !strings.Contains(o.stdout, "ZITI_MGMT_URL") {
		t.Errorf("unconfigured vendor not listed: %s", o.stdout)
	}
	good.ResetCalls()
	c.must(0, "--config", ok, "connections", "--no-check")
	if good.CallCount() != 0 {
		t.Errorf("--no-check made %d calls", good.CallCount())
	}
}
