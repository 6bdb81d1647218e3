package main

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/credsql/credsql/internal/sim"
)

// allClear are the phrases that tell a reader all is well; a run or report that could not
// check everything must show none of them.
var allClear = regexp.MustCompile(`(?i)\b0 findings|no findings|\b0 credentials|\b0 expired|all clear`)

// invDeadVendor accepts connections and closes them at once, counting them: a vendor that
// never answers, whose attempts can be counted.
func invDeadVendor(t *testing.T) (string, *atomic.Int64) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var n atomic.Int64
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			n.Add(1)
			c.Close()
		}
	}()
	t.Cleanup(func() { ln.Close() })
	return "http://" + ln.Addr().String(), &n
}

func TestAllVendorsDownIsNeverAnAllClear(t *testing.T) {
	t.Parallel()
	s := sim.New(sim.Options{Seed: 3}) // credentials only: never started
	dead, attempts := invDeadVendor(t)
	c := &invCLI{t: t}
	cfg := c.writeConfig(invConn{name: "okta-dead", vendor: "okta", sim: s, url: dead}, invConn{name: "ziti-dead", vendor: "ziti", sim: s, url: dead},
		invConn{name: "opa-dead", vendor: "opa", sim: s, url: dead})
	names := []string{"okta-dead", "ziti-dead", "opa-dead"}

	for _, format := range []string{"table", "markdown", "csv", "json", "ndjson", "prometheus"} {
		attempts.Store(0)
		o := c.run("--config", cfg, "run", invQueriesDir, "--format", format)
		if o.code == exitOK || o.code == exitUsage {
			t.Errorf("run --format %s: exit %d, want a failure", format, o.code)
		}
		if m := allClear.FindString(o.stdout + o.stderr); m != "" {
			t.Errorf("run --format %s says %q with every vendor down", format, m)
		}
		for _, n := range names {
			if k := invLinesWith(o.stderr, `"`+n+`"`); k != 1 {
				t.Errorf("run --format %s: %s named on %d stderr lines, want 1:\n%s", format, n, k, o.stderr)
			}
		}
		if n := attempts.Load(); n != 3 {
			t.Errorf("run --format %s: %d attempts against the dead vendors, want one per connection", format, n)
		}
		switch format {
		case "table", "markdown":
			if last := invLastLine(o.stdout); !strings.HasPrefix(last, "FAILED: 3 connections") {
				t.Errorf("run --format %s: last line %q, want the failure summary", format, last)
			}
		case "ndjson":
			failed := map[string]bool{}
			for _, rec := range invNDJSON(t, o.stdout) {
				if rec["failure"] == "connection" {
					failed[rec["connection"].(string)] = true
				} else if rec["failure"] != "query" {
					t.Errorf("ndjson record %v: want failure records only", rec)
				}
			}
			if len(failed) != 3 {
				t.Errorf("ndjson: connection failure records for %v, want all three", failed)
			}
		case "json":
			if recs := invJSON(t, o.stdout); len(recs) < 3 || recs[0]["failure"] != "connection" {
				t.Errorf("json: %.300v", recs)
			}
		case "prometheus":
			if !strings.Contains(o.stdout, "credsql_run_success 0") || !strings.Contains(o.stdout, `credsql_connection_up{connection="okta-dead",vendor="okta"} 0`) {
				t.Errorf("prometheus: %s", o.stdout)
			}
		}
	}

	// The report is written anyway, and opens with a banner naming every connection.
	out := filepath.Join(t.TempDir(), "report.html")
	o := c.run("--config", cfg, "report", invQueriesDir, "--html", out)
	if o.code == exitOK || o.code == exitUsage {
		t.Errorf("report: exit %d, want a failure", o.code)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	banner, chart := strings.Index(page, `role="alert"`), strings.Index(page, `<svg id="timeline"`)
	if banner < 0 || chart < 0 || banner > chart {
		t.Errorf("banner at %d, chart at %d: want a role=alert banner before the chart", banner, chart)
	}
	if banner >= 0 {
		alert := page[banner : strings.Index(page[banner:], "</section>")+banner]
		for _, n := range names {
			if !strings.Contains(alert, n) {
				t.Errorf("the banner does not name %s:\n%s", n, alert)
			}
		}
		if !strings.Contains(alert, "unreachable") {
			t.Errorf("the banner does not say unreachable:\n%s", alert)
		}
	}
	if m := allClear.FindString(page + o.stderr); m != "" {
		t.Errorf("report says %q with every vendor down: %s", m, invAround(page+o.stderr, allClear))
	}
	if !strings.Contains(page, `<span class="value">—</span>credentials`) || !strings.Contains(page, `<span class="value">—</span>findings`) {
		t.Errorf("the counts that could not be taken are not unknown")
	}
	for _, n := range names {
		if k := invLinesWith(o.stderr, `"`+n+`"`); k != 1 {
			t.Errorf("report: %s named on %d stderr lines, want 1:\n%s", n, k, o.stderr)
		}
	}

	// A one-off query fails too.
	o = c.run("--config", cfg, "query", "-e", "SELECT COUNT(*) FROM apps")
	if o.code == exitOK || o.code == exitUsage || !strings.Contains(o.stderr, "okta-dead") {
		t.Errorf("query: exit %d, stderr %s", o.code, o.stderr)
	}
}

// With one vendor down, a run costs what the same run costs with every vendor up plus one
// failed attempt, names the dead connection once, and returns the same records for every
// query that does not read it.
func TestOneVendorDownFailsFast(t *testing.T) {
	t.Parallel()
	s, u := invStartSim(t, sim.Options{Seed: 11})
	dead, attempts := invDeadVendor(t)
	c := &invCLI{t: t}
	allUp := invFullConfig(c, s, u)
	oneDown := c.writeConfig(invConn{name: "prod", vendor: "okta", sim: s, url: u}, invConn{name: "edge", vendor: "ziti", sim: s, url: u},
		invConn{name: "pam", vendor: "opa", sim: s, url: dead})

	s.ResetCalls()
	up := c.must(exitOK, "--config", allUp, "run", invQueriesDir, "--format", "ndjson")
	upCalls := s.CallCount()
	s.ResetCalls()
	down := c.must(exitError, "--config", oneDown, "run", invQueriesDir, "--format", "ndjson")
	downCalls := s.CallCount()

	if n := attempts.Load(); n != 1 {
		t.Errorf("%d attempts against the dead vendor, want 1", n)
	}
	if downCalls > upCalls {
		t.Errorf("%d calls to the live vendors with one down, more than the %d with all up", downCalls, upCalls)
	}
	if k := invLinesWith(down.stderr, `"pam"`); k != 1 {
		t.Errorf(`"pam" on %d stderr lines, want 1:\n%s`, k, down.stderr)
	}
	opaQueries := map[string]bool{}
	for _, rec := range invNDJSON(t, down.stdout) {
		if rec["failure"] == "query" {
			opaQueries[rec["name"].(string)] = true
		}
	}
	if len(opaQueries) == 0 {
		t.Fatalf("no failed query:\n%s", down.stderr)
	}
	records := func(out string) []string {
		var keep []string
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			rec := invNDJSON(t, line)[0]
			if rec["failure"] == nil && !opaQueries[rec["name"].(string)] {
				keep = append(keep, line)
			}
		}
		sort.Strings(keep)
		return keep
	}
	if got, want := records(down.stdout), records(up.stdout); strings.Join(got, "\n") != strings.Join(want, "\n") || len(want) == 0 {
		t.Errorf("records of the queries that do not read OPA differ: %d with OPA down, %d with it up", len(got), len(want))
	}
	for q := range opaQueries {
		if !invReadsOPA(t, q) {
			t.Errorf("%s failed, but it does not read OPA", q)
		}
	}
}

// invReadsOPA reports whether the saved query name reads an OPA table (its SQL, comments
// aside, names an opa_ table).
func invReadsOPA(t *testing.T, name string) bool {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(invQueriesDir, name+".sql"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "--") && strings.Contains(line, "opa_") {
			return true
		}
	}
	return false
}

// A connection whose secret is missing fails only its own vendor's queries.
func TestMissingSecretFailsOnlyItsVendor(t *testing.T) {
	t.Parallel()
	s, u := invStartSim(t, sim.Options{Seed: 12})
	c := &invCLI{t: t}
	cfg := invFullConfig(c, s, u)
	full := c.must(exitOK, "--config", cfg, "run", invQueriesDir, "--format", "ndjson")
	delete(c.env, "OPA_PAM_SECRET")
	o := c.must(exitError, "--config", cfg, "run", invQueriesDir, "--format", "ndjson")
	if k := invLinesWith(o.stderr, `"pam"`); k != 1 || !strings.Contains(o.stderr, "OPA_PAM_SECRET") {
		t.Errorf(`"pam" on %d stderr lines, want 1 naming the variable:\n%s`, k, o.stderr)
	}
	count := func(out string) map[string]int {
		m := map[string]int{}
		for _, rec := range invNDJSON(t, out) {
			if rec["failure"] == nil {
				m[rec["name"].(string)]++
			} else if rec["failure"] == "query" {
				m[rec["name"].(string)] = -1
			}
		}
		return m
	}
	before, after := count(full.stdout), count(o.stdout)
	for q, n := range before {
		readsOPA := invReadsOPA(t, q)
		switch {
		case readsOPA && after[q] != -1:
			t.Errorf("%s reads OPA but did not fail", q)
		case !readsOPA && after[q] != n:
			t.Errorf("%s: %d findings without the OPA secret, %d with it", q, after[q], n)
		}
	}
}

func TestRunCSVIsOneTable(t *testing.T) {
	t.Parallel()
	s, u := invStartSim(t, sim.Options{Seed: 13})
	c := &invCLI{t: t}
	cfg := invFullConfig(c, s, u)
	o := c.must(exitOK, "--config", cfg, "run", invQueriesDir, "--format", "csv")
	rows := invCSV(t, o.stdout)
	if len(rows) < 2 || rows[0][0] != "query" || rows[0][1] != "severity" {
		t.Fatalf("header %v", rows[0])
	}
	queries := map[string]bool{}
	for _, q := range strings.Fields("app_keys_expiring_30d opa_keys_never_expire ziti_certificates_expiring_30d") {
		queries[q] = false
	}
	for i, r := range rows[1:] {
		if len(r) != len(rows[0]) {
			t.Fatalf("row %d has %d cells, the header %d", i+1, len(r), len(rows[0]))
		}
		if _, ok := queries[r[0]]; ok {
			queries[r[0]] = true
		}
		if r[1] == "" {
			t.Errorf("row %d has no severity", i+1)
		}
	}
	for q, seen := range queries {
		if !seen {
			t.Errorf("no row of %s", q)
		}
	}
	// Booleans read as in JSON.
	for i, h := range rows[0] {
		if h == "in_use" {
			for _, r := range rows[1:] {
				if v := r[i]; v != "" && v != "true" && v != "false" {
					t.Errorf("in_use %q in %s", v, r[0])
				}
			}
		}
	}
	if o.stderr == "" || strings.Contains(o.stdout, "findings:") {
		t.Errorf("the summary belongs on stderr: stderr %q", o.stderr)
	}

	// --output-dir: one file per query, each a table of its own.
	dir := t.TempDir()
	c.must(exitOK, "--config", cfg, "run", invQueriesDir, "--format", "csv", "--output-dir", dir)
	files, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	if len(files) != savedQueryCount(t) {
		t.Errorf("%d files, want one per query", len(files))
	}
	b, err := os.ReadFile(filepath.Join(dir, "app_keys_expiring_30d.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if rows := invCSV(t, string(b)); len(rows) < 2 || rows[0][0] != "connection" {
		t.Errorf("app_keys_expiring_30d.csv: %v", rows)
	}
	c.must(exitUsage, "--config", cfg, "run", invQueriesDir, "--format", "json", "--output-dir", dir)
}

func TestRunTextFindings(t *testing.T) {
	t.Parallel()
	s, u := invStartSim(t, sim.Options{Seed: 14})
	c := &invCLI{t: t}
	cfg := invFullConfig(c, s, u)
	c.env["COLUMNS"] = "80"
	o := c.must(exitOK, "--config", cfg, "run", invQueriesDir)
	if o.stderr != "" {
		t.Errorf("stderr %q: the summary is stdout's last line", o.stderr)
	}
	heading := regexp.MustCompile(`(?m)^## .+ \[(critical|high|medium|low|info)\] — (\d+) findings?$`)
	var sevs []string
	total := 0
	for _, m := range heading.FindAllStringSubmatch(o.stdout, -1) {
		sevs = append(sevs, m[1])
		var n int
		fmt.Sscan(m[2], &n)
		total += n
	}
	if n := savedQueryCount(t); len(sevs) != n {
		t.Fatalf("%d headings, want %d:\n%s", len(sevs), n, o.stdout)
	}
	rank := map[string]int{"critical": 0, "high": 1, "medium": 2, "low": 3, "info": 4}
	for i := 1; i < len(sevs); i++ {
		if rank[sevs[i]] < rank[sevs[i-1]] {
			t.Errorf("%s after %s: not in order of severity", sevs[i], sevs[i-1])
		}
	}
	last := invLastLine(o.stdout)
	if !regexp.MustCompile(fmt.Sprintf(`^%d findings: \d+ critical, \d+ high, \d+ medium, \d+ low$`, total)).MatchString(last) {
		t.Errorf("last line %q, want the summary of %d findings", last, total)
	}
	for _, line := range strings.Split(o.stdout, "\n") {
		// Headings and the summary stay whole: scripts read them.
		if strings.HasPrefix(line, "## ") || line == last {
			continue
		}
		if n := len([]rune(line)); n > 80 {
			t.Errorf("a line of %d columns on an 80-column terminal: %s", n, line)
			break
		}
	}
	o = c.must(exitOK, "--config", cfg, "run", invQueriesDir, "--wide")
	wide := 0
	for _, line := range strings.Split(o.stdout, "\n") {
		wide = max(wide, len([]rune(line)))
	}
	if wide <= 80 {
		t.Errorf("--wide: the widest line is %d columns", wide)
	}
}

// A newcomer's serve with nothing configured says so, instead of serving tables that all fail.
func TestServeWarnsWithoutConnections(t *testing.T) {
	t.Parallel()
	_, stderr := startServe(t, isolatedEnv(t), "--listen", "127.0.0.1:0", "--audit-log", "")
	if !strings.Contains(stderr.String(), "credsql serve: warning: no connection is configured") {
		t.Errorf("stderr: %s", stderr.String())
	}
}

// Config warnings are sentences on stderr, not log records; a connection with a missing
// secret shows as such in `credsql connections`.
func TestConfigWarningsAndMissingSecrets(t *testing.T) {
	t.Parallel()
	s, u := invStartSim(t, sim.Options{Seed: 16})
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	body := fmt.Sprintf("connections:\n  - {name: prod, vendor: okta, url: %s, token: %s}\n  - {name: pam, vendor: opa, url: %s%s, team: acme, key_id: k, key_secret_env: NOPE}\n",
		u, s.Options().OktaToken, u, sim.OPAPrefix)
	if err := os.WriteFile(cfg, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	c := &invCLI{t: t}
	o := c.must(exitOK, "--config", cfg, "query", "-e", "SELECT COUNT(*) FROM apps")
	if o.stderr != "credsql: warning: connection \"prod\": inline token in the config file; prefer token_env or token_file\n" {
		t.Errorf("stderr %q", o.stderr)
	}
	o = c.must(exitError, "--config", cfg, "connections", "--format", "csv")
	if !strings.Contains(o.stdout, `pam,opa,`) || !strings.Contains(o.stdout, "missing secret") || !strings.Contains(o.stdout, "NOPE") {
		t.Errorf("connections:\n%s", o.stdout)
	}
}

// savedQueryCount is the number of saved queries (every one has findings on the simulator).
func savedQueryCount(t *testing.T) int {
	t.Helper()
	qs, err := filepath.Glob(filepath.Join(invQueriesDir, "*.sql"))
	if err != nil || len(qs) == 0 {
		t.Fatalf("no saved queries in %s: %v", invQueriesDir, err)
	}
	return len(qs)
}
