package main

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	_ "github.com/go-sql-driver/mysql"

	"github.com/credsql/credsql/internal/sim"
)

// The OpenZiti admin tables over the wire (go-sql-driver/mysql, a prepared statement) and
// in the shell, against the demo's simulator. Expected values are its fixed data set, written
// by hand: nine identities, thirteen authenticators, four pending enrollments.

func TestZitiEstateOverGoDriver(t *testing.T) {
	t.Parallel()
	addr := serveDemo(t)
	db, err := sql.Open("mysql", "smoke:smoke-pw@tcp("+addr+")/credsql")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	for q, want := range map[string]int{
		"SELECT COUNT(*) FROM ziti_identities":              9,
		"SELECT COUNT(*) FROM ziti_identity_authenticators": 13,
		"SELECT COUNT(*) FROM ziti_enrollments":             4,
	} {
		var n int
		if err := db.QueryRowContext(ctx, q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if n != want {
			t.Errorf("%s = %d, want %d", q, n, want)
		}
	}
	rows, err := db.QueryContext(ctx, "SELECT identity_name, method, token FROM ziti_enrollments WHERE method = ? ORDER BY identity_name", "ott")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var name, method, token string
		if err := rows.Scan(&name, &method, &token); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(token, "****") {
			t.Errorf("token of %s not masked: %q", name, token)
		}
		got = append(got, name+"/"+method)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, ",") != "iot-sensor/ott,laptop-bob/ott" {
		t.Errorf("ott enrollments %v", got)
	}
	var name string
	var admin bool
	if err := db.QueryRowContext(ctx, "SELECT i.name, i.is_admin FROM ziti_identities i JOIN ziti_identity_authenticators a ON a.identity_id = i.id WHERE a.username = ?", "billing").Scan(&name, &admin); err != nil {
		t.Fatal(err)
	}
	if name != "svc-billing" || admin {
		t.Errorf("owner of updb 'billing': %s admin=%v", name, admin)
	}
}

func TestZitiEstateInTheShell(t *testing.T) {
	t.Parallel()
	stdout, stderr, code := runCLI(t, nil, "SELECT name FROM ziti_identities WHERE disabled;\nSELECT COUNT(*) AS n FROM ziti_identity_authenticators WHERE method = 'cert' AND NOT is_issued_by_network;\nSELECT COUNT(*) AS expired FROM ziti_enrollments WHERE expires_at < NOW();\n", "--demo", "shell")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	// svc-billing is the one disabled identity; the certificates not issued by the network are
	// two of credsql-bot's and partner-gw's; three of the four enrollments are past their expiry.
	matchOutput(t, "stdout", stdout, []string{"| svc-billing |", "| n |\n+---+\n| 3 |", "| expired |\n+---------+\n|       3 |"})
}

func TestConnectionsZitiAdmin(t *testing.T) {
	t.Parallel()
	admin, adminURL := invStartSim(t, sim.Options{Seed: 1})
	plain, plainURL := invStartSim(t, sim.Options{Seed: 2, ZitiNotAdmin: true})
	c := &invCLI{t: t}
	cfg := c.writeConfig(
		invConn{name: "edge", vendor: "ziti", sim: admin, url: adminURL},
		invConn{name: "edge-user", vendor: "ziti", sim: plain, url: plainURL},
	)
	o := c.must(exitAuth, "--config", cfg, "connections", "--format", "json")
	status := map[string]map[string]any{}
	for _, r := range invJSON(t, o.stdout) {
		if name, ok := r["connection"].(string); ok {
			status[name] = r
		}
	}
	for name, want := range map[string][]string{
		"edge":      {"ok", "identity credsql-bot, administrator"},
		"edge-user": {"missing permission", "GET /identities needs an administrator identity"},
	} {
		r := status[name]
		if r == nil || r["status"] != want[0] || !strings.Contains(r["detail"].(string), want[1]) {
			t.Errorf("%s: %v, want status %q and detail with %q", name, r, want[0], want[1])
		}
	}
	if d := status["edge-user"]["detail"].(string); strings.Contains(d, "password were rejected") {
		t.Errorf("a valid credential is called rejected: %s", d)
	}
}
