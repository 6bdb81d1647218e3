package engine_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	mysqldriver "github.com/go-sql-driver/mysql"
	"github.com/google/go-cmp/cmp"

	"github.com/credsql/credsql/internal/audit"
	"github.com/credsql/credsql/internal/config"
	"github.com/credsql/credsql/internal/demo"
	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/testenv"
)

// The accounts of the privilege tests. Every vendor has two connections: "demo" (the
// testenv simulator) and "other" (a simulator of its own, so that its calls can be counted).
var privUsers = []engine.User{
	engine.Owner("owner", "owner-pw"),
	{Name: "reader", Password: "reader-pw", ReadOnly: true, Connections: []string{"demo"}},
	{Name: "revealer", Password: "revealer-pw", ReadOnly: true, RevealSecrets: true, Connections: []string{"demo"}},
	{Name: "writer", Password: "writer-pw", Connections: []string{"demo"}},
	{Name: "admin", Password: "admin-pw", ReadOnly: true, Admin: true},
}

type privServer struct {
	env   *testenv.Env
	other *sim.Server
	sink  *memSink
	addr  string
}

// startPrivServer starts the wire server with privUsers over the two connections.
func startPrivServer(t *testing.T, eo engine.Options, so engine.ServerOptions) *privServer {
	t.Helper()
	other := sim.New(sim.Options{Seed: 99, PageSize: 2})
	other.Start()
	t.Cleanup(other.Close)
	p := &privServer{other: other, sink: &memSink{}}
	eo.Audit = p.sink
	p.env = testenv.New(t, testenv.Options{NoWire: true, Engine: eo, Configure: func(c *config.Config) {
		c.Connections = append(c.Connections, demo.Config(other, other.URL(), "other").Connections...)
	}})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	so.Listener = ln
	if so.Users == nil {
		so.Users = privUsers
	}
	srv, err := p.env.Engine.NewServer(so)
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Start() }()
	t.Cleanup(func() { _ = srv.Close() })
	p.addr = ln.Addr().String()
	return p
}

// open is a one-connection pool (session variables and PREPARE stick) for user.
func (p *privServer) open(t *testing.T, user string) *sql.DB {
	t.Helper()
	pw := ""
	for _, u := range privUsers {
		if u.Name == user {
			pw = u.Password
		}
	}
	c := mysqldriver.NewConfig()
	c.User, c.Passwd, c.Net, c.Addr, c.DBName = user, pw, "tcp", p.addr, engine.DatabaseName
	db, err := sql.Open("mysql", c.FormatDSN())
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// errNumber is the MySQL error number of err (0 for none or another error).
func errNumber(err error) uint16 {
	var me *mysqldriver.MySQLError
	if errors.As(err, &me) {
		return me.Number
	}
	return 0
}

// strings1 runs a query and returns its rows' columns joined by "|".
func strings1(t *testing.T, db *sql.DB, q string, args ...any) []string {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		var parts []string
		for _, v := range vals {
			parts = append(parts, v.String)
		}
		out = append(out, strings.Join(parts, "|"))
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return out
}

// run executes a statement and drains its rows, returning its error.
func run(db *sql.DB, q string, args ...any) error {
	rows, err := db.Query(q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return rows.Err()
}

// A user without reveal_secrets is refused every way of turning credsql_reveal_secrets on
// with 1227, and its secrets stay masked whatever it tried; the same statements reveal for
// a user with reveal_secrets.
func TestRevealNeedsThePrivilege(t *testing.T) {
	t.Parallel()
	p := startPrivServer(t, engine.Options{}, engine.ServerOptions{})
	reader, revealer := p.open(t, "reader"), p.open(t, "revealer")
	secretQ := "SELECT app_id, id, client_secret FROM apps_secrets WHERE client_secret IS NOT NULL ORDER BY app_id, id LIMIT 1"

	for _, q := range []string{
		"SET credsql_reveal_secrets = ON",
		"SET SESSION credsql_reveal_secrets = 1",
		"SET LOCAL credsql_reveal_secrets = TRUE",
		"SET @@credsql_reveal_secrets = 1",
		"SET @@session.credsql_reveal_secrets = ON",
		"SET sql_safe_updates = 1, credsql_reveal_secrets = 1",
	} {
		err := run(reader, q)
		if errNumber(err) != 1227 || !strings.Contains(err.Error(), engine.PrivRevealSecrets) {
			t.Errorf("reader: %s: %v, want error 1227 naming %s", q, err, engine.PrivRevealSecrets)
		}
	}
	// A server-side prepared SET (the driver prepares statements with arguments), and SQL
	// PREPARE / EXECUTE.
	if _, err := reader.Exec("SET credsql_reveal_secrets = ?", 1); errNumber(err) != 1227 {
		t.Errorf("reader: prepared SET credsql_reveal_secrets = ?: %v, want error 1227", err)
	}
	if _, err := reader.Exec("PREPARE s FROM 'SET credsql_reveal_secrets = 1'"); err != nil {
		t.Fatal(err)
	}
	if _, err := reader.Exec("EXECUTE s"); errNumber(err) != 1227 {
		t.Errorf("reader: EXECUTE of a prepared SET: %v, want error 1227", err)
	}
	// No global value, for anyone.
	for _, db := range []*sql.DB{reader, revealer} {
		if err := run(db, "SET GLOBAL credsql_reveal_secrets = ON"); errNumber(err) != 1228 {
			t.Errorf("SET GLOBAL credsql_reveal_secrets: %v, want error 1228", err)
		}
	}

	if got := strings1(t, reader, "SELECT @@credsql_reveal_secrets"); !cmp.Equal(got, []string{"0"}) {
		t.Errorf("reader's @@credsql_reveal_secrets = %v after the refusals, want 0", got)
	}
	masked := strings1(t, reader, secretQ)
	hinted := strings1(t, reader, "SELECT /*+ SET_VAR(credsql_reveal_secrets = 1) */ app_id, id, client_secret FROM apps_secrets WHERE client_secret IS NOT NULL ORDER BY app_id, id LIMIT 1")
	if _, err := revealer.Exec("SET credsql_reveal_secrets = ON"); err != nil {
		t.Fatalf("revealer: %v", err)
	}
	clear := strings1(t, revealer, secretQ)
	if len(masked) != 1 || len(clear) != 1 {
		t.Fatalf("rows: reader %v, revealer %v", masked, clear)
	}
	secret := strings.Split(clear[0], "|")[2]
	for _, got := range []string{strings.Split(masked[0], "|")[2], strings.Split(hinted[0], "|")[2]} {
		if !strings.HasPrefix(got, "****") || got != "****"+secret[len(secret)-4:] {
			t.Errorf("reader sees %q, want the secret masked (****%s)", got, secret[len(secret)-4:])
		}
	}
	if strings.HasPrefix(secret, "****") {
		t.Errorf("revealer sees %q, want the secret", secret)
	}
	for _, r := range p.sink.take() {
		if r.Action == audit.ActionReveal && r.User == "reader" {
			t.Errorf("a reveal record for the reader, who saw no secret: %+v", r)
		}
	}
}

// --reveal-secrets (engine option RevealSecrets) turns revealing on by default only for the
// users who may reveal.
func TestRevealByDefaultOnlyForRevealers(t *testing.T) {
	t.Parallel()
	p := startPrivServer(t, engine.Options{RevealSecrets: true}, engine.ServerOptions{})
	q := "SELECT @@credsql_reveal_secrets, client_secret FROM apps_secrets WHERE client_secret IS NOT NULL ORDER BY app_id, id LIMIT 1"
	for user, wantReveal := range map[string]bool{"reader": false, "admin": false, "revealer": true, "owner": true} {
		got := strings1(t, p.open(t, user), q)
		if len(got) != 1 {
			t.Fatalf("%s: %v", user, got)
		}
		parts := strings.Split(got[0], "|")
		if reveals := parts[0] == "1" && !strings.HasPrefix(parts[1], "****"); reveals != wantReveal {
			t.Errorf("%s with --reveal-secrets: %v, want revealing %v", user, parts, wantReveal)
		}
	}
}

// Only an admin reads the mysql database: 1142 naming the table for anyone else, 1044 for
// SHOW GRANTS of another account; nobody changes accounts or grants at run time (1290).
func TestGrantTablesAreForAdmins(t *testing.T) {
	t.Parallel()
	p := startPrivServer(t, engine.Options{}, engine.ServerOptions{})
	for _, user := range []string{"reader", "revealer", "writer"} {
		db := p.open(t, user)
		for _, table := range []string{"user", "db", "tables_priv", "procs_priv", "role_edges"} {
			err := run(db, "SELECT * FROM mysql."+table)
			if errNumber(err) != 1142 || !strings.Contains(err.Error(), "SELECT command denied to user '"+user+"'@'%' for table 'mysql."+table+"'") {
				t.Errorf("%s: SELECT * FROM mysql.%s: %v, want error 1142 naming the table", user, table, err)
			}
		}
		if err := run(db, "SELECT authentication_string FROM mysql.user WHERE user = 'owner'"); errNumber(err) != 1142 {
			t.Errorf("%s reads a password hash: %v, want error 1142", user, err)
		}
		if err := run(db, "SHOW GRANTS FOR 'owner'"); errNumber(err) != 1044 {
			t.Errorf("%s: SHOW GRANTS FOR 'owner': %v, want error 1044", user, err)
		}
	}
	admin := p.open(t, "admin")
	users := strings1(t, admin, "SELECT user FROM mysql.user ORDER BY user")
	if want := []string{"admin", "owner", "reader", "revealer", "writer"}; !cmp.Equal(users, want) {
		t.Errorf("admin reads mysql.user: %v, want %v", users, want)
	}
	for _, user := range []string{"admin", "owner"} {
		db := p.open(t, user)
		for _, q := range []string{
			"CREATE USER intruder IDENTIFIED BY 'x'",
			"GRANT SELECT ON *.* TO reader",
			"REVOKE SELECT ON credsql.* FROM reader",
			"DROP USER reader",
			"INSERT INTO mysql.user (Host, User) VALUES ('%', 'intruder')",
			"UPDATE mysql.db SET Insert_priv = 'Y'",
		} {
			if err := run(db, q); errNumber(err) != 1290 {
				t.Errorf("%s: %s: %v, want error 1290", user, q, err)
			}
		}
	}
	if got := strings1(t, p.open(t, "reader"), "SHOW GRANTS"); len(got) != 2 {
		t.Errorf("reader's grants changed at run time: %v", got)
	}
}

// grantLine is one privilege SHOW GRANTS claims: on *.* ("global") or on `credsql`.*.
var grantLine = regexp.MustCompile("^GRANT (.+) ON (\\*\\.\\*|`credsql`\\.\\*) TO `([^`]+)`@`%`$")

// SHOW GRANTS (and information_schema's USER_PRIVILEGES and SCHEMA_PRIVILEGES) state what
// each account may do: every privilege claimed is allowed, every one not claimed refused
// with MySQL's error for it.
func TestShowGrantsMatchesWhatIsEnforced(t *testing.T) {
	t.Parallel()
	p := startPrivServer(t, engine.Options{}, engine.ServerOptions{})
	// One statement per privilege, and the error that refuses it. The writes name an app
	// that does not exist: allowed, they reach the vendor, which answers 404.
	probes := []struct {
		priv, scope, sql string
		denied           uint16
	}{
		{"SELECT", "credsql", "SELECT COUNT(*) FROM credsql_procedures", 1142},
		{"INSERT", "credsql", "INSERT INTO apps_secrets (app_id) VALUES ('no-such-app')", 1142},
		{"UPDATE", "credsql", "UPDATE apps_secrets SET status = 'INACTIVE' WHERE app_id = 'no-such-app' AND id = 'x'", 1142},
		{"DELETE", "credsql", "DELETE FROM apps_secrets WHERE app_id = 'no-such-app' AND id = 'x'", 1142},
		{"EXECUTE", "credsql", "CALL apps_secrets_activate('no-such-app', 'x', 'demo')", 1370},
		{"SELECT", "global", "SELECT COUNT(*) FROM mysql.user", 1142},
		{"PROCESS", "global", "SHOW PROCESSLIST", 1227},
		{"SUPER", "global", "KILL QUERY 4000000", 1227},
		{engine.PrivRevealSecrets, "global", "SET credsql_reveal_secrets = ON", 1227},
	}
	accessErrors := map[uint16]bool{1044: true, 1045: true, 1142: true, 1227: true, 1290: true, 1370: true}
	want := map[string][]string{
		"reader":   {"GRANT USAGE ON *.* TO `reader`@`%`", "GRANT SELECT ON `credsql`.* TO `reader`@`%`"},
		"revealer": {"GRANT USAGE ON *.* TO `revealer`@`%`", "GRANT SELECT ON `credsql`.* TO `revealer`@`%`", "GRANT CREDSQL_REVEAL_SECRETS ON *.* TO `revealer`@`%`"},
		"writer":   {"GRANT USAGE ON *.* TO `writer`@`%`", "GRANT SELECT, INSERT, UPDATE, DELETE, EXECUTE ON `credsql`.* TO `writer`@`%`"},
		"admin":    {"GRANT SELECT, PROCESS, SUPER ON *.* TO `admin`@`%`", "GRANT SELECT ON `credsql`.* TO `admin`@`%`"},
	}
	for _, user := range []string{"reader", "revealer", "writer", "admin"} {
		t.Run(user, func(t *testing.T) {
			db := p.open(t, user)
			lines := strings1(t, db, "SHOW GRANTS")
			if diff := cmp.Diff(want[user], lines); diff != "" {
				t.Errorf("SHOW GRANTS (-want +got):\n%s", diff)
			}
			claimed := map[[2]string]bool{}
			for _, l := range lines {
				m := grantLine.FindStringSubmatch(l)
				if m == nil || m[3] != user {
					t.Fatalf("unexpected grant line %q", l)
				}
				scope := "global"
				if m[2] != "*.*" {
					scope = "credsql"
				}
				for _, priv := range strings.Split(m[1], ", ") {
					if priv != "USAGE" {
						claimed[[2]string{priv, scope}] = true
					}
				}
			}
			for c := range claimed {
				probed := false
				for _, pr := range probes {
					probed = probed || pr.priv == c[0] && pr.scope == c[1]
				}
				if !probed {
					t.Errorf("SHOW GRANTS claims %s on %s, which this test does not check", c[0], c[1])
				}
			}
			// A global SELECT is a SELECT on credsql too.
			for _, pr := range probes {
				has := claimed[[2]string{pr.priv, pr.scope}] || pr.scope == "credsql" && claimed[[2]string{pr.priv, "global"}]
				err := run(db, pr.sql)
				if pr.priv == engine.PrivRevealSecrets && err == nil {
					_, _ = db.Exec("SET credsql_reveal_secrets = OFF")
				}
				switch n := errNumber(err); {
				case has && accessErrors[n]:
					t.Errorf("%s on %s is granted, but %s: %v", pr.priv, pr.scope, pr.sql, err)
				case !has && n != pr.denied:
					t.Errorf("%s on %s is not granted, but %s: %v, want error %d", pr.priv, pr.scope, pr.sql, err, pr.denied)
				}
			}
			// information_schema says the same: the global static privileges, and those on
			// credsql.
			var global, schema []string
			for c := range claimed {
				switch {
				case c[1] == "credsql":
					schema = append(schema, c[0])
				case c[0] != engine.PrivRevealSecrets: // dynamic privileges are not listed there
					global = append(global, c[0])
				}
			}
			sort.Strings(global)
			sort.Strings(schema)
			gotGlobal := strings1(t, db, "SELECT privilege_type FROM information_schema.USER_PRIVILEGES WHERE grantee = ? ORDER BY privilege_type", "'"+user+"'@'%'")
			gotSchema := strings1(t, db, "SELECT privilege_type FROM information_schema.SCHEMA_PRIVILEGES WHERE grantee = ? AND table_schema = 'credsql' ORDER BY privilege_type", "'"+user+"'@'%'")
			if !cmp.Equal(global, gotGlobal, cmpEmpty) || !cmp.Equal(schema, gotSchema, cmpEmpty) {
				t.Errorf("information_schema: global %v, credsql %v; SHOW GRANTS: global %v, credsql %v", gotGlobal, gotSchema, global, schema)
			}
		})
	}
}

var cmpEmpty = cmp.Comparer(func(a, b []string) bool { return strings.Join(a, ",") == strings.Join(b, ",") })

// A user sees and queries only its connections: another connection's rows are never
// fetched, and naming it is refused with 1044 before any API call.
func TestUserSeesOnlyItsConnections(t *testing.T) {
	t.Parallel()
	p := startPrivServer(t, engine.Options{}, engine.ServerOptions{})
	owner, reader, writer := p.open(t, "owner"), p.open(t, "reader"), p.open(t, "writer")
	wantApps := strings1(t, owner, "SELECT id FROM apps WHERE connection = 'demo' ORDER BY id")
	if len(strings1(t, owner, "SELECT id FROM apps WHERE connection = 'other'")) == 0 {
		t.Fatal("the other connection has no apps: the test would prove nothing")
	}
	app := strings.Split(wantApps[0], "|")[0]

	p.other.ResetCalls()
	if got := strings1(t, reader, "SELECT id FROM apps ORDER BY id"); !cmp.Equal(got, wantApps) {
		t.Errorf("reader's apps: %d rows, want demo's %d", len(got), len(wantApps))
	}
	if got := strings1(t, reader, "SELECT DISTINCT connection FROM apps_secrets"); !cmp.Equal(got, []string{"demo"}) {
		t.Errorf("reader's secrets come from %v, want demo only", got)
	}
	if got := strings1(t, reader, "SELECT DISTINCT a.connection FROM apps a JOIN app_keys k ON k.app_id = a.id"); !cmp.Equal(got, []string{"demo"}) {
		t.Errorf("reader's join: %v, want demo only", got)
	}
	if got := strings1(t, reader, "SELECT name, vendor FROM credsql_connections ORDER BY vendor"); !cmp.Equal(got, []string{"demo|okta", "demo|opa", "demo|ziti"}) {
		t.Errorf("reader's credsql_connections: %v", got)
	}
	for _, q := range []string{
		"SELECT * FROM apps WHERE connection = 'other'",
		"SELECT * FROM apps WHERE connection IN ('demo', 'other')",
		"SELECT * FROM apps_secrets WHERE connection = 'other' AND app_id = '" + app + "'",
		"SELECT * FROM ziti_authenticators WHERE connection = 'other'",
	} {
		err := run(reader, q)
		if errNumber(err) != 1044 || !strings.Contains(err.Error(), "Access denied for user 'reader'@'%' to connection 'other'") {
			t.Errorf("reader: %s: %v, want error 1044 naming connection 'other'", q, err)
		}
	}
	for _, q := range []string{
		"INSERT INTO apps_secrets (connection, app_id) VALUES ('other', '" + app + "')",
		"CALL app_keys_generate('" + app + "', 2, 'other')",
		"EXEC app_keys.generate @app_id = '" + app + "', @validity_years = 2, @connection = 'other'",
		"DELETE FROM apps_secrets WHERE connection = 'other' AND app_id = '" + app + "' AND id = 'x'",
	} {
		err := run(writer, q)
		if errNumber(err) != 1044 || !strings.Contains(err.Error(), "to connection 'other'") {
			t.Errorf("writer: %s: %v, want error 1044 naming connection 'other'", q, err)
		}
	}
	if n := p.other.CallCount(); n != 0 {
		t.Errorf("the other connection got %d API calls from users without it, want 0: %v", n, p.other.Calls())
	}
	// Without a connection, a write goes to the user's only connection of the vendor.
	p.env.Sim.ResetCalls()
	if err := run(writer, "INSERT INTO apps_secrets (app_id) VALUES ('"+app+"')"); err != nil {
		t.Errorf("writer's INSERT on its own connection: %v", err)
	}
	if n := p.env.Sim.Count(oktaroutes.CreateClientSecret); n != 1 || p.other.CallCount() != 0 {
		t.Errorf("writer's INSERT: %d POSTs to demo, %d calls to other; want 1 and 0", n, p.other.CallCount())
	}
}

// Every statement that returns secrets unmasked writes one audit record per table and
// connection: the user, the statement, the rows' keys, how many values; never a value.
func TestRevealsAreAudited(t *testing.T) {
	t.Parallel()
	p := startPrivServer(t, engine.Options{}, engine.ServerOptions{})
	owner, revealer, writer := p.open(t, "owner"), p.open(t, "revealer"), p.open(t, "writer")
	app := strings1(t, owner, "SELECT app_id FROM apps_secrets WHERE connection = 'demo' AND client_secret IS NOT NULL GROUP BY app_id HAVING COUNT(*) >= 2 ORDER BY app_id LIMIT 1")[0]
	if _, err := revealer.Exec("SET credsql_reveal_secrets = ON"); err != nil {
		t.Fatal(err)
	}
	p.sink.take()

	var secrets []string
	check := func(what string, wantIDs []string, wantValues int, stmtHas string) {
		t.Helper()
		var reveals []audit.Record
		for _, r := range p.sink.take() {
			if r.Action == audit.ActionReveal {
				reveals = append(reveals, r)
			}
		}
		if len(reveals) != 1 {
			t.Fatalf("%s: %d reveal records, want 1: %+v", what, len(reveals), reveals)
		}
		r := reveals[0]
		ids := append([]string(nil), r.RowIDs...)
		sort.Strings(ids)
		if r.User != "revealer" || !strings.HasPrefix(r.Client, "127.0.0.1:") || r.ConnID == 0 || r.Table != "apps_secrets" ||
			r.Connection != "demo" || r.Vendor != "okta" || r.Rows != len(wantIDs) || r.Values != wantValues || !cmp.Equal(ids, wantIDs) ||
			!strings.Contains(r.Statement, stmtHas) {
			t.Errorf("%s: record %+v; want %d rows %v, %d values, statement with %q", what, r, len(wantIDs), wantIDs, wantValues, stmtHas)
		}
	}

	rows := strings1(t, revealer, "SELECT id, client_secret FROM apps_secrets WHERE app_id = '"+app+"' ORDER BY id")
	var ids []string
	for _, r := range rows {
		parts := strings.Split(r, "|")
		ids = append(ids, app+"/"+parts[0])
		secrets = append(secrets, parts[1])
	}
	check("SELECT with the keys", ids, len(rows), "'"+app+"'")

	// The keys are fetched for the record even when the statement does not ask for them,
	// and the client gets only what it asked for.
	only := strings1(t, revealer, "SELECT client_secret FROM apps_secrets WHERE app_id = '"+app+"'")
	if len(only) != len(rows) || strings.Contains(only[0], "|") {
		t.Errorf("SELECT client_secret: %v", only)
	}
	check("SELECT without the keys", ids, len(rows), "'"+app+"'")

	// A statement naming a secret keeps it out of the record. Every row its condition was
	// tried on counts as revealed (the condition read the secret), not only the row returned.
	if got := strings1(t, revealer, "SELECT id FROM apps_secrets WHERE app_id = '"+app+"' AND client_secret = '"+secrets[0]+"'"); len(got) != 1 {
		t.Errorf("SELECT by secret: %v", got)
	}
	check("SELECT naming a secret", ids, len(rows), "client_secret = '[REDACTED]'")

	// Nothing revealed, nothing audited: no sensitive column, or masked.
	strings1(t, revealer, "SELECT id, status FROM apps_secrets WHERE app_id = '"+app+"'")
	strings1(t, p.open(t, "reader"), "SELECT id, client_secret FROM apps_secrets WHERE app_id = '"+app+"'")
	strings1(t, revealer, "SELECT COUNT(client_secret) FROM apps_secrets WHERE app_id = '"+app+"' AND id = 'no-such-id'")
	if recs := p.sink.take(); len(recs) != 0 {
		t.Errorf("statements that revealed nothing were audited: %+v", recs)
	}

	// A procedure's one-time secret is shown to a user who may write, even without
	// reveal_secrets, and audited.
	user := strings1(t, owner, "SELECT name FROM opa_service_users WHERE connection = 'demo' AND status = 'ACTIVE' ORDER BY name LIMIT 1")[0]
	got := strings1(t, writer, "SELECT @@credsql_reveal_secrets")
	rotated := strings1(t, writer, "CALL opa_service_user_keys_rotate(?)", user)
	if len(rotated) != 1 || got[0] != "0" {
		t.Fatalf("rotate: %v (reveal %v)", rotated, got)
	}
	parts := strings.Split(rotated[0], "|")
	keySecret := parts[len(parts)-1]
	if keySecret == "" || strings.HasPrefix(keySecret, "****") {
		t.Errorf("the writer does not see the new key's secret: %q", keySecret)
	}
	secrets = append(secrets, keySecret)
	var kinds []string
	for _, r := range p.sink.take() {
		kinds = append(kinds, r.Action)
		if r.Action == audit.ActionReveal && (r.Table != "opa_service_user_keys" || r.Values != 1 || r.Rows != 1 || r.User != "writer" || len(r.RowIDs) != 1) {
			t.Errorf("rotate's reveal record: %+v", r)
		}
	}
	sort.Strings(kinds)
	if !cmp.Equal(kinds, []string{audit.ActionReveal, audit.ActionWrite}) {
		t.Errorf("rotate's records: %v, want one write and one reveal", kinds)
	}

	// In-process statements are audited when they are closed.
	sess := p.env.Engine.NewSession("owner")
	if _, err := testenv.QuerySession(context.Background(), sess, "SET credsql_reveal_secrets = ON"); err != nil {
		t.Fatal(err)
	}
	if _, err := testenv.QuerySession(context.Background(), sess, "SELECT client_secret FROM apps_secrets WHERE connection = 'demo' AND app_id = '"+app+"'"); err != nil {
		t.Fatal(err)
	}
	if recs := p.sink.take(); len(recs) != 1 || recs[0].Action != audit.ActionReveal || recs[0].Client != "in-process" || recs[0].Rows != len(rows) {
		t.Errorf("in-process reveal: %+v", recs)
	}

	// INSERT … RETURNING shows the created object: its secret is a reveal; without
	// RETURNING nothing is shown and only the write is recorded.
	if _, err := owner.Exec("SET credsql_reveal_secrets = ON"); err != nil {
		t.Fatal(err)
	}
	oidc := strings1(t, owner, "SELECT id FROM apps WHERE connection = 'demo' AND sign_on_mode = 'OPENID_CONNECT' AND id NOT IN (SELECT app_id FROM apps_secrets WHERE connection = 'demo') ORDER BY id LIMIT 1")[0]
	p.sink.take()
	created := strings1(t, owner, "INSERT INTO apps_secrets (connection, app_id) VALUES ('demo', '"+oidc+"') RETURNING id, client_secret")
	if len(created) != 1 || strings.Contains(created[0], "****") {
		t.Fatalf("INSERT … RETURNING with reveal on: %v", created)
	}
	secrets = append(secrets, strings.Split(created[0], "|")[1])
	kinds = nil
	for _, r := range p.sink.take() {
		kinds = append(kinds, r.Action)
		if r.Action == audit.ActionReveal && (r.Table != "apps_secrets" || r.Values != 1 || r.Rows != 1 || r.User != "owner" ||
			!cmp.Equal(r.RowIDs, []string{oidc + "/" + strings.Split(created[0], "|")[0]})) {
			t.Errorf("INSERT … RETURNING's reveal record: %+v", r)
		}
	}
	sort.Strings(kinds)
	if !cmp.Equal(kinds, []string{audit.ActionReveal, audit.ActionWrite}) {
		t.Errorf("INSERT … RETURNING's records: %v, want one write and one reveal", kinds)
	}
	if _, err := owner.Exec("INSERT INTO apps_secrets (connection, app_id) VALUES ('demo', '" + oidc + "')"); err != nil {
		t.Fatal(err)
	}
	if recs := p.sink.take(); len(recs) != 1 || recs[0].Action != audit.ActionWrite {
		t.Errorf("INSERT without RETURNING: %+v, want one write record", recs)
	}

	text := p.sink.text()
	for _, s := range secrets {
		if strings.Contains(text, s) {
			t.Errorf("the audit log holds the secret %q", s)
		}
	}
}

// fakeClock is a clock the test moves.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// Failed logins are logged with the user and the address, never the password, at most
// LogPerMinute lines per address and minute with a count of those left out; repeated
// failures from an address are answered later and later (capped); a success resets the count.
func TestFailedLogins(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)}
	var mu sync.Mutex
	var sleeps []time.Duration
	var logBuf testenv.Buffer
	p := startPrivServer(t, engine.Options{Logger: slog.New(slog.NewTextHandler(&logBuf, nil))}, engine.ServerOptions{Logins: engine.LoginOptions{
		LogPerMinute: 3, BaseDelay: 100 * time.Millisecond, MaxDelay: 400 * time.Millisecond, Now: clock.Now,
		Sleep: func(d time.Duration) { mu.Lock(); sleeps = append(sleeps, d); mu.Unlock() },
	}})
	login := func(user, pw string) error {
		c := mysqldriver.NewConfig()
		c.User, c.Passwd, c.Net, c.Addr = user, pw, "tcp", p.addr
		db, err := sql.Open("mysql", c.FormatDSN())
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		return db.Ping()
	}
	var wrong []string
	fail := func(user string) {
		t.Helper()
		pw := fmt.Sprintf("wrong-password-%d", len(wrong))
		wrong = append(wrong, pw)
		if err := login(user, pw); errNumber(err) != 1045 {
			t.Fatalf("wrong password: %v, want error 1045", err)
		}
	}
	for range 5 {
		fail("reader")
	}
	clock.Add(61 * time.Second)
	fail("nobody") // the sixth failure from the address, in a new minute: logged, counting 2 left out
	if err := login("reader", "reader-pw"); err != nil {
		t.Fatal(err)
	}
	fail("reader") // after a success: the count starts again

	type line struct {
		user                 string
		failures, suppressed int
		delay                int64
	}
	var got []line
	for _, r := range p.sink.take() {
		if r.Action != audit.ActionLoginFailed {
			t.Errorf("unexpected record %+v", r)
			continue
		}
		if !strings.HasPrefix(r.Client, "127.0.0.1:") || !strings.Contains(r.Error, "Access denied") {
			t.Errorf("record %+v lacks the address or the refusal", r)
		}
		got = append(got, line{r.User, r.Failures, r.Suppressed, r.DelayMS})
	}
	want := []line{{"reader", 1, 0, 0}, {"reader", 2, 0, 100}, {"reader", 3, 0, 200}, {"nobody", 6, 2, 400}, {"reader", 1, 0, 0}}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(line{})); diff != "" {
		t.Errorf("failed-login records (-want +got):\n%s", diff)
	}
	mu.Lock()
	gotSleeps := append([]time.Duration(nil), sleeps...)
	mu.Unlock()
	wantSleeps := []time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond, 400 * time.Millisecond, 400 * time.Millisecond}
	if !cmp.Equal(gotSleeps, wantSleeps) {
		t.Errorf("answers held back %v, want %v", gotSleeps, wantSleeps)
	}
	logs := logBuf.String()
	if n := strings.Count(logs, "failed login"); n != len(want) {
		t.Errorf("%d failed-login lines in the server log, want %d:\n%s", n, len(want), logs)
	}
	for _, pw := range append(wrong, "reader-pw") {
		if strings.Contains(p.sink.text(), pw) || strings.Contains(logs, pw) {
			t.Errorf("a password (%q) is in the audit log or the server log", pw)
		}
	}
}

// No wire client reads or writes a file of the server, whatever its account: go-mysql-server
// checks no privilege for LOAD_FILE(), INTO OUTFILE and LOAD DATA INFILE, and the server's
// files include the vendor tokens.
func TestWireClientsReachNoServerFile(t *testing.T) {
	t.Parallel()
	p := startPrivServer(t, engine.Options{}, engine.ServerOptions{})
	dir := t.TempDir()
	secretFile := filepath.Join(dir, "token")
	if err := os.WriteFile(secretFile, []byte("vendor-token-0123456789"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, user := range []string{"reader", "owner"} {
		db := p.open(t, user)
		for _, q := range []string{
			"SELECT LOAD_FILE('" + secretFile + "')",
			"SELECT id FROM apps WHERE name = LOAD_FILE('" + secretFile + "')",
			"SELECT 1 INTO OUTFILE '" + filepath.Join(dir, "out") + "'",
			"SELECT 1 INTO DUMPFILE '" + filepath.Join(dir, "dump") + "'",
			"SELECT id FROM apps LIMIT 1 INTO OUTFILE '" + filepath.Join(dir, "apps") + "'",
			"LOAD DATA INFILE '" + secretFile + "' INTO TABLE apps_secrets",
		} {
			if err := run(db, q); errNumber(err) != 1290 {
				t.Errorf("%s: %s: %v, want error 1290", user, q, err)
			}
		}
		if _, err := db.Exec("PREPARE f FROM 'SELECT LOAD_FILE(?)'"); errNumber(err) != 1290 {
			t.Errorf("%s: PREPARE of LOAD_FILE: %v, want error 1290", user, err)
		}
		if got := strings1(t, db, "SELECT @@secure_file_priv"); len(got) != 1 || !strings.HasPrefix(got[0], "/dev/null/") {
			t.Errorf("%s: secure_file_priv %v, want a directory that cannot exist", user, got)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("wire clients wrote files on the server: %v", entries)
	}
}
