package main

import (
	"bytes"
	"io"
	"net/http"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/testenv"
)

// promtoolCheck runs `promtool check metrics` on an exposition: it must pass, with no lint
// problem either. promtool comes from Debian's prometheus package; CI fails without it.
func promtoolCheck(t *testing.T, exposition string) {
	t.Helper()
	bin := testenv.Program(t, "promtool", "apt-get install -y prometheus")
	cmd := exec.Command(bin, "check", "metrics")
	cmd.Stdin = strings.NewReader(exposition)
	out, err := cmd.CombinedOutput()
	if err != nil || len(bytes.TrimSpace(out)) > 0 {
		t.Errorf("promtool check metrics: %v\n%s", err, out)
	}
}

var expirySeries = regexp.MustCompile(`(?m)^credsql_credential_expiry_timestamp_seconds\{([^}]*)\} (\S+)$`)

func TestRunPrometheus(t *testing.T) {
	t.Parallel()
	s, u := invStartSim(t, sim.Options{Seed: 15})
	c := &invCLI{t: t}
	cfg := invFullConfig(c, s, u)
	// A pack of one Okta query: the expiry series cover every connection whatever the pack.
	pack := invPackDir(t, map[string]string{"apps.sql": "-- title: Apps\n-- severity: low\nSELECT connection, id FROM apps WHERE status = 'ACTIVE'"})
	o := c.must(exitOK, "--config", cfg, "run", pack, "--format", "prometheus")
	promtoolCheck(t, o.stdout)
	perTable := map[string]int{}
	for _, m := range expirySeries.FindAllStringSubmatch(o.stdout, -1) {
		table := regexp.MustCompile(`table="([^"]+)"`).FindStringSubmatch(m[1])[1]
		perTable[table]++
		if !strings.Contains(m[1], `id="`) || strings.Contains(m[1], `id=""`) || !strings.Contains(m[1], `connection="`) {
			t.Errorf("series without an id or connection: %s", m[0])
		}
	}
	// Independent count: the simulator's own data, through plain queries.
	for table, where := range map[string]string{
		"app_keys":              "COALESCE(cert_not_after, expires_at) IS NOT NULL",
		"idps_keys":             "COALESCE(cert_not_after, expires_at) IS NOT NULL",
		"ziti_authenticators":   "method = 'cert' AND cert_not_after IS NOT NULL",
		"opa_service_user_keys": "expires_at IS NOT NULL AND user_name IN (SELECT name FROM opa_service_users WHERE status <> 'DELETED')",
	} {
		rows := invJSON(t, c.must(exitOK, "--config", cfg, "query", "--format", "json", "-e", "SELECT COUNT(*) AS n FROM "+table+" WHERE "+where).stdout)
		if want := int(rows[0]["n"].(float64)); perTable[table] != want || want == 0 {
			t.Errorf("%s: %d expiry series, want %d", table, perTable[table], want)
		}
	}
	for _, want := range []string{`credsql_query_rows{query="apps",severity="low"} `, `credsql_query_success{query="apps",severity="low"} 1`,
		`credsql_connection_up{connection="edge",vendor="ziti"} 1`, "credsql_run_success 1"} {
		if !strings.Contains(o.stdout, want) {
			t.Errorf("no %s", want)
		}
	}
	if strings.Contains(o.stderr, "credsql_") || !strings.Contains(o.stderr, "1 finding") && !strings.Contains(o.stderr, " findings") {
		t.Errorf("stderr: %s", o.stderr)
	}

	// A failing query: the metrics are still written, and the exit code says it.
	s.Inject(sim.Injection{Entry: oktaroutes.ListApps, Kind: sim.FaultStatus, Status: 400, Count: 1000})
	o = c.must(exitError, "--config", cfg, "run", pack, "--format", "prometheus")
	promtoolCheck(t, o.stdout)
	for _, want := range []string{`credsql_query_success{query="apps",severity="low"} 0`, "credsql_run_success 0", `table="ziti_authenticators"`} {
		if !strings.Contains(o.stdout, want) {
			t.Errorf("failed run: no %s in\n%s", want, o.stdout)
		}
	}
	if strings.Contains(o.stdout, `credsql_query_rows{query="apps"`) {
		t.Errorf("a failed query has a row count")
	}
}

func TestServeMetrics(t *testing.T) {
	t.Parallel()
	_, stderr := startServe(t, isolatedEnv(t), "--demo", "--listen", "127.0.0.1:0", "--audit-log", "", "--metrics-listen", "127.0.0.1:0",
		"--log-level", "debug")
	stderr.WaitFor("/metrics\n", 10*time.Second) // written after the ready file, copied in the background
	m := regexp.MustCompile(`metrics on (http://\S+/metrics)`).FindStringSubmatch(stderr.String())
	if m == nil {
		t.Fatalf("no metrics address: %s", stderr.String())
	}
	// The first refresh runs in the background at start: wait for its end (logged at debug).
	if !stderr.WaitFor(`msg="metrics refreshed"`, 30*time.Second) {
		t.Fatalf("the first metrics refresh did not end within 30s: %s", stderr.String())
	}
	resp, err := http.Get(m[1])
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /metrics: %s", resp.Status)
	}
	body := string(b)
	promtoolCheck(t, body)
	for _, want := range []string{`credsql_vendor_requests_total{code="200",connection="demo",vendor="okta"}`,
		`credsql_vendor_rate_limited_total{connection="demo",vendor="okta"} 0`, "credsql_vendor_request_duration_seconds_bucket{",
		`credsql_connection_up{connection="demo",vendor="opa"} 1`, `table="app_keys"`, `table="ziti_authenticators"`} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics has no %s", want)
		}
	}
	// The inventory refresh called Okta: its in-flight limit is shown, within 1..ceiling.
	lim := regexp.MustCompile(`(?m)^credsql_vendor_inflight_limit\{bucket="[^"]*",connection="demo",vendor="okta"\} (\d+)$`).FindStringSubmatch(body)
	ceil := regexp.MustCompile(`(?m)^credsql_vendor_inflight_ceiling\{bucket="[^"]*",connection="demo",vendor="okta"\} (\d+)$`).FindStringSubmatch(body)
	if lim == nil || ceil == nil {
		t.Fatalf("/metrics has no in-flight limit or ceiling for okta demo:\n%s", body)
	}
	if l, c := atoi(t, lim[1]), atoi(t, ceil[1]); l < 1 || l > c || c != 32 {
		t.Errorf("in-flight limit %d of ceiling %d (want 1..32 of the default 32)", l, c)
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
