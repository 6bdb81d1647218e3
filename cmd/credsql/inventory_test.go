package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/inventory"
	"github.com/credsql/credsql/internal/sim"
)

// fullConfig is a config with one connection per vendor to s.
func invFullConfig(c *invCLI, s *sim.Server, u string) string {
	return c.writeConfig(invConn{name: "prod", vendor: "okta", sim: s, url: u}, invConn{name: "edge", vendor: "ziti", sim: s, url: u},
		invConn{name: "pam", vendor: "opa", sim: s, url: u})
}

var invOsqueryFields = []string{"name", "hostIdentifier", "calendarTime", "unixTime", "epoch", "counter", "numerics", "decorations", "columns", "action"}

// eventKey identifies an event: action, query, and the row's columns.
func invEventKey(ev map[string]any) string {
	cols := ev["columns"].(map[string]any)
	keys := make([]string, 0, len(cols))
	for k := range cols {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", ev["action"], ev["name"])
	for _, k := range keys {
		fmt.Fprintf(&b, " %s=%v", k, cols[k])
	}
	return b.String()
}

// TestRunDifferential runs the saved queries three times against one simulator, changing its
// data between runs through credsql itself: the first run reports every finding as added
// (counter 0), the second only what the writes changed (counter 1), the third nothing.
func TestRunDifferential(t *testing.T) {
	t.Parallel()
	s, u := invStartSim(t, sim.Options{Seed: 7})
	c := &invCLI{t: t}
	cfg := invFullConfig(c, s, u)
	state := filepath.Join(t.TempDir(), "state.json")
	diffRun := func(extra ...string) ([]map[string]any, invOutcome, int) {
		args := append([]string{"--config", cfg, "run", invQueriesDir, "--state", state, "--host-identifier", "ci-runner"}, extra...)
		o := c.run(args...)
		return invNDJSON(t, o.stdout), o, o.code
	}

	// The findings as a plain run sees them.
	plain := invNDJSON(t, c.must(0, "--config", cfg, "run", invQueriesDir, "--format", "ndjson").stdout)
	if len(plain) == 0 {
		t.Fatal("no findings")
	}
	for _, rec := range plain {
		if rec["name"] == "" || rec["severity"] == "" || rec["title"] == "" || rec["columns"] == nil {
			t.Fatalf("record without its query: %v", rec)
		}
	}

	// Run 1: the baseline, every finding added with counter 0.
	first, o, code := diffRun("--fail-on-rows")
	if code != exitFindings {
		t.Fatalf("first run: exit %d, want %d (rows added)\n%s", code, exitFindings, o.stderr)
	}
	if len(first) != len(plain) {
		t.Errorf("first run: %d events, want one per finding (%d)", len(first), len(plain))
	}
	for _, ev := range first {
		for _, f := range invOsqueryFields {
			if _, ok := ev[f]; !ok {
				t.Fatalf("event without %q: %v", f, ev)
			}
		}
		if ev["action"] != "added" || ev["counter"] != float64(0) || ev["hostIdentifier"] != "ci-runner" || ev["numerics"] != false {
			t.Fatalf("first-run event %v", ev)
		}
		if d, _ := ev["decorations"].(map[string]any); d["severity"] == nil || d["title"] == nil {
			t.Fatalf("event without severity and title: %v", ev)
		}
	}

	// Writes: a second active secret for an app that has one; an unreferenced IdP key deleted.
	rows := invJSON(t, c.must(0, "--config", cfg, "query", "--format", "json", "-e",
		"SELECT app_id FROM apps_secrets WHERE status = 'ACTIVE' GROUP BY app_id HAVING COUNT(*) = 1 ORDER BY app_id LIMIT 1").stdout)
	if len(rows) != 1 {
		t.Fatalf("no app with one active secret: %v", rows)
	}
	appID := rows[0]["app_id"].(string)
	var kid string
	for _, ev := range first {
		if ev["name"] == "idp_keys_unreferenced" {
			kid = ev["columns"].(map[string]any)["kid"].(string)
			break
		}
	}
	if kid == "" {
		t.Fatal("no unreferenced IdP key to delete")
	}
	c.must(0, "--config", cfg, "query", "-e", fmt.Sprintf("INSERT INTO apps_secrets (app_id) VALUES ('%s')", appID))
	c.must(0, "--config", cfg, "query", "-e", fmt.Sprintf("DELETE FROM idps_keys WHERE kid = '%s'", kid))

	// Run 2: only the changes, counter 1.
	second, o, code := diffRun("--fail-on-rows")
	if code != exitFindings {
		t.Fatalf("second run: exit %d, want %d\n%s", code, exitFindings, o.stderr)
	}
	var added, removed []string
	for _, ev := range second {
		if ev["counter"] != float64(1) {
			t.Errorf("second-run event with counter %v", ev["counter"])
		}
		cols := ev["columns"].(map[string]any)
		switch {
		case ev["action"] == "added" && ev["name"] == "apps_two_active_secrets" && cols["app_id"] == appID:
			added = append(added, invEventKey(ev))
		case ev["action"] == "removed" && (cols["kid"] == kid || cols["id"] == kid):
			removed = append(removed, invEventKey(ev))
		default:
			t.Errorf("unexpected event %s", invEventKey(ev))
		}
	}
	if len(added) != 1 {
		t.Errorf("added: %v, want the app with two active secrets now", added)
	}
	if !slices.ContainsFunc(removed, func(s string) bool { return strings.HasPrefix(s, "removed idp_keys_unreferenced ") }) {
		t.Errorf("removed: %v, want the deleted IdP key", removed)
	}
	if !strings.Contains(o.stderr, fmt.Sprintf("%d added, %d removed", len(added), len(removed))) {
		t.Errorf("stderr: %s", o.stderr)
	}

	// Run 3: nothing changed.
	third, o, code := diffRun("--fail-on-rows")
	if code != 0 || len(third) != 0 {
		t.Errorf("third run: exit %d, events %v\n%s", code, third, o.stderr)
	}
	st, err := inventory.LoadState(state)
	if err != nil {
		t.Fatal(err)
	}
	if q := st.Queries["apps_two_active_secrets"]; q == nil || q.Counter != 2 {
		t.Errorf("state after three runs: %+v", q)
	}

	// A new epoch starts over: every finding added again, counter 0.
	again, _, _ := diffRun("--epoch", "2")
	if len(again) != len(plain)+len(added)-len(removed) || again[0]["counter"] != float64(0) || again[0]["epoch"] != float64(2) {
		t.Errorf("new epoch: %d events (want %d), first %v", len(again), len(plain)+len(added)-len(removed), again[0])
	}
}

func TestQueryDifferentialAndStateErrors(t *testing.T) {
	t.Parallel()
	s, u := invStartSim(t, sim.Options{Seed: 3})
	c := &invCLI{t: t}
	cfg := invFullConfig(c, s, u)
	dir := t.TempDir()
	state := filepath.Join(dir, "q.json")
	file := filepath.Join(invQueriesDir, "apps_two_active_secrets.sql")

	evs := invNDJSON(t, c.must(0, "--config", cfg, "query", "-f", file, "--state", state).stdout)
	if len(evs) == 0 || evs[0]["name"] != "apps_two_active_secrets" || evs[0]["action"] != "added" {
		t.Fatalf("query --state: %v", evs)
	}
	if evs := invNDJSON(t, c.must(0, "--config", cfg, "query", "-f", file, "--state", state).stdout); len(evs) != 0 {
		t.Errorf("second run of an unchanged query: %v", evs)
	}

	// -e needs a name; --reveal-secrets would put secrets into the state.
	c.must(exitUsage, "--config", cfg, "query", "-e", "SELECT id FROM apps", "--state", state)
	c.must(0, "--config", cfg, "query", "-e", "SELECT id FROM apps WHERE id = 'none'", "--state", state, "--name", "nothing")
	c.must(exitUsage, "--config", cfg, "--reveal-secrets", "run", invQueriesDir, "--state", state)

	// A corrupt state file is an error and is left alone.
	corrupt := filepath.Join(dir, "corrupt.json")
	if err := os.WriteFile(corrupt, []byte(`{"version": 1, "queries": {`), 0o600); err != nil {
		t.Fatal(err)
	}
	o := c.must(exitError, "--config", cfg, "run", invQueriesDir, "--state", corrupt)
	if !strings.Contains(o.stderr, "corrupt.json is unusable") || o.stdout != "" {
		t.Errorf("corrupt state: stdout %q stderr %q", o.stdout, o.stderr)
	}
	if b, _ := os.ReadFile(corrupt); string(b) != `{"version": 1, "queries": {` {
		t.Errorf("corrupt state file rewritten: %s", b)
	}
}

func TestFailOnRows(t *testing.T) {
	t.Parallel()
	s, u := invStartSim(t, sim.Options{Seed: 5})
	c := &invCLI{t: t}
	cfg := invFullConfig(c, s, u)
	clean := invPackDir(t, map[string]string{"none.sql": "-- title: Nothing\n-- severity: high\nSELECT connection, id FROM apps WHERE id = 'no-such-app'\n"})

	c.must(exitFindings, "--config", cfg, "run", invQueriesDir, "--fail-on-rows", "--format", "csv")
	c.must(0, "--config", cfg, "run", invQueriesDir, "--format", "csv")
	c.must(0, "--config", cfg, "run", clean, "--fail-on-rows")
	c.must(exitFindings, "--config", cfg, "query", "-f", filepath.Join(invQueriesDir, "csrs_pending_7d.sql"), "--fail-on-rows")
	c.must(0, "--config", cfg, "query", "-f", filepath.Join(clean, "none.sql"), "--fail-on-rows")

	// --min-severity leaves out the lower ones.
	o := c.must(0, "--config", cfg, "run", invQueriesDir, "--min-severity", "critical", "--format", "ndjson")
	for _, rec := range invNDJSON(t, o.stdout) {
		if rec["severity"] != "critical" {
			t.Errorf("--min-severity critical printed %v", rec)
		}
	}
}

// TestManyOrgs configures two Okta orgs (two simulators with different data) and a third
// whose token is wrong: one query answers for both good orgs, rows tagged by connection; the
// wrong one fails the query naming it, or with --partial becomes a warning on stderr.
func TestManyOrgs(t *testing.T) {
	t.Parallel()
	eu, euURL := invStartSim(t, sim.Options{Seed: 11, Apps: 5, OktaToken: "eu-token"})
	us, usURL := invStartSim(t, sim.Options{Seed: 12, Apps: 7, OktaToken: "us-token"})
	c := &invCLI{t: t}
	good := c.writeConfig(invConn{name: "eu", vendor: "okta", sim: eu, url: euURL}, invConn{name: "us", vendor: "okta", sim: us, url: usURL})
	withBroken := c.writeConfig(invConn{name: "eu", vendor: "okta", sim: eu, url: euURL}, invConn{name: "us", vendor: "okta", sim: us, url: usURL},
		invConn{name: "broken", vendor: "okta", sim: us, url: usURL, secret: "wrong-token"})
	count := "SELECT connection, COUNT(*) AS apps FROM apps GROUP BY connection ORDER BY connection"

	rows := invJSON(t, c.must(0, "--config", good, "query", "--format", "json", "-e", count).stdout)
	if got := fmt.Sprint(rows); got != "[map[apps:5 connection:eu] map[apps:7 connection:us]]" {
		t.Errorf("apps per org: %s", got)
	}

	// A pinned connection calls only its org.
	us.ResetCalls()
	rows = invJSON(t, c.must(0, "--config", good, "query", "--format", "json", "-e", "SELECT connection, id FROM apps WHERE connection = 'eu'").stdout)
	if len(rows) != 5 || us.CallCount() != 0 {
		t.Errorf("pinned to eu: %d rows, %d calls to us", len(rows), us.CallCount())
	}

	// The pack: Okta queries fan out over both orgs; the others are skipped.
	o := c.must(0, "--config", good, "run", invQueriesDir, "--format", "ndjson")
	conns := map[any]bool{}
	for _, rec := range invNDJSON(t, o.stdout) {
		conns[rec["columns"].(map[string]any)["connection"]] = true
	}
	if !conns["eu"] || !conns["us"] || len(conns) != 2 {
		t.Errorf("findings from connections %v, want eu and us", conns)
	}
	if !strings.Contains(o.stderr, "skipped opa_keys_never_expire: no Okta Privileged Access connection is configured") {
		t.Errorf("stderr: %s", o.stderr)
	}

	// The broken org fails the query, by name.
	o = c.must(exitAuth, "--config", withBroken, "query", "--format", "json", "-e", count)
	if !strings.Contains(o.stderr, `"broken"`) || strings.Contains(o.stderr, "wrong-token") {
		t.Errorf("stderr of the failed query: %s", o.stderr)
	}
	o = c.must(exitAuth, "--config", withBroken, "run", invQueriesDir)
	if invLinesWith(o.stderr, `"broken"`) != 1 || !regexp.MustCompile(`\nFAILED: 1 connection \(broken\) and \d+ of \d+ queries failed; .*\n$`).MatchString(o.stdout) {
		t.Errorf("the failed run:\nstdout:\n%s\nstderr:\n%s", invTail(o.stdout), o.stderr)
	}

	// --partial: the good orgs' rows and a warning naming the broken one.
	// The result is incomplete: the exit code says so.
	o = c.must(exitAuth, "--config", withBroken, "--partial", "query", "--format", "json", "-e", count)
	if got := fmt.Sprint(invJSON(t, o.stdout)); got != "[map[apps:5 connection:eu] map[apps:7 connection:us]]" {
		t.Errorf("partial rows: %s", got)
	}
	if !strings.Contains(o.stderr, `Warning: connection "broken" failed`) {
		t.Errorf("no warning on stderr: %s", o.stderr)
	}
	// A run with --partial has the good orgs' findings, names the broken org once, and still
	// fails: a connection was not checked.
	o = c.must(exitAuth, "--config", withBroken, "run", invQueriesDir, "--partial", "--format", "ndjson")
	recs := invNDJSON(t, o.stdout)
	if invLinesWith(o.stderr, `"broken"`) != 1 || len(recs) < 2 || recs[0]["failure"] != "connection" || recs[0]["connection"] != "broken" {
		t.Errorf("partial run:\nstdout:\n%s\nstderr:\n%s", invTail(o.stdout), o.stderr)
	}
	conns = map[any]bool{}
	for _, rec := range recs[1:] {
		conns[rec["columns"].(map[string]any)["connection"]] = true
	}
	if !conns["eu"] || !conns["us"] || len(conns) != 2 {
		t.Errorf("partial run: findings from connections %v, want eu and us", conns)
	}
	// In differential mode an incomplete result keeps the previous snapshot.
	state := filepath.Join(t.TempDir(), "state.json")
	o = c.must(exitAuth, "--config", withBroken, "run", invQueriesDir, "--partial", "--state", state)
	if !strings.Contains(o.stdout, `"failure":"connection"`) || strings.Contains(o.stdout, `"action"`) || !strings.Contains(o.stderr, "results are incomplete") {
		t.Errorf("partial differential run: stdout %q stderr %s", o.stdout, o.stderr)
	}
}
