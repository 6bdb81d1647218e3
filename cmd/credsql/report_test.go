package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"github.com/credsql/credsql/internal/sim"
)

func TestReportCommand(t *testing.T) {
	t.Parallel()
	c := &invCLI{t: t}
	out := filepath.Join(t.TempDir(), "inventory.html")
	o := c.must(0, "--demo", "report", invQueriesDir, "--html", out, "--title", "Nightly <inventory>")
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, want := range []string{"<title>Nightly &lt;inventory&gt;</title>", `<svg id="timeline"`, `class="finding-row"`, `id="connections"`, "Content-Security-Policy"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page has no %s", want)
		}
	}
	if !strings.Contains(o.stderr, "report written to "+out) || o.stdout != "" {
		t.Errorf("stdout %q stderr %q", o.stdout, o.stderr)
	}
	if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v", fi.Mode().Perm())
	}

	o = c.must(0, "--demo", "report", "--html", "-", "--min-severity", "critical", invQueriesDir)
	if !strings.HasPrefix(o.stdout, "<!DOCTYPE html>") || strings.Contains(o.stdout, `data-severity="high"`) {
		t.Errorf("report on stdout: %.200s", o.stdout)
	}
	c.must(exitUsage, "--demo", "report", invQueriesDir)

	// A query that fails is shown in the page, and the exit code says so.
	s, u := invStartSim(t, sim.Options{Seed: 9})
	s.Inject(sim.Injection{Entry: oktaroutes.ListIdPs, Kind: sim.FaultStatus, Status: 400, Count: 1000})
	cfg := invFullConfig(c, s, u)
	o = c.must(exitError, "--config", cfg, "report", invQueriesDir, "--html", out)
	b, _ = os.ReadFile(out)
	if !strings.Contains(string(b), "Queries that failed") || !strings.Contains(o.stderr, "idps_trusting_expiring_keys") {
		t.Errorf("failed query not reported: %s", o.stderr)
	}
}
