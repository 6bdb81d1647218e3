package engine_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"

	mysqldriver "github.com/go-sql-driver/mysql"

	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/tables"
	"github.com/credsql/credsql/internal/testenv"
)

// An account that is not an admin cannot change server-wide defaults (1227) or kill other
// sessions' queries (1227, SUPER); nobody can reveal secrets globally (1228).
func TestReadOnlyAccountCannotChangeTheServer(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{NoWire: true})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv, err := e.Engine.NewServer(engine.ServerOptions{Listener: ln, Users: []engine.User{
		engine.Owner("admin", "admin-pw"), {Name: "auditor", Password: "auditor-pw", ReadOnly: true}}})
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Start() }()
	t.Cleanup(func() { _ = srv.Close() })
	open := func(user, pw string) *sql.DB {
		db, err := sql.Open("mysql", user+":"+pw+"@tcp("+ln.Addr().String()+")/credsql")
		if err != nil {
			t.Fatal(err)
		}
		db.SetMaxOpenConns(1)
		t.Cleanup(func() { db.Close() })
		return db
	}
	admin, auditor := open("admin", "admin-pw"), open("auditor", "auditor-pw")
	var adminID int64
	if err := admin.QueryRow("SELECT CONNECTION_ID()").Scan(&adminID); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"SET GLOBAL sql_safe_updates = 0",
		"SET @@GLOBAL.sql_safe_updates = 0",
		"SET PERSIST sql_safe_updates = 0",
	} {
		_, err := auditor.Exec(q)
		var me *mysqldriver.MySQLError
		if !errors.As(err, &me) || me.Number != 1227 || !strings.Contains(me.Message, `user "auditor" is not an admin`) {
			t.Errorf("read-only %s: %v, want error 1227 naming the user", q, err)
		}
	}
	_, err = auditor.Exec(fmt.Sprintf("KILL QUERY %d", adminID))
	if me := (*mysqldriver.MySQLError)(nil); !errors.As(err, &me) || me.Number != 1227 || !strings.Contains(me.Message, "SUPER") {
		t.Errorf("read-only KILL of another session: %v, want error 1227 (SUPER)", err)
	}
	for _, db := range []*sql.DB{admin, auditor} {
		_, err := db.Exec("SET GLOBAL credsql_reveal_secrets = 1")
		if me := (*mysqldriver.MySQLError)(nil); !errors.As(err, &me) || me.Number != 1228 {
			t.Errorf("SET GLOBAL credsql_reveal_secrets: %v, want error 1228 (a session variable)", err)
		}
	}
	// The session forms still work, and the defaults are untouched.
	if _, err := auditor.Exec("SET sql_safe_updates = 0"); err != nil {
		t.Errorf("read-only SET of its own session: %v", err)
	}
	var safe int
	if err := admin.QueryRow("SELECT @@sql_safe_updates").Scan(&safe); err != nil || safe != 1 {
		t.Errorf("admin's sql_safe_updates = %d (%v), want the default 1", safe, err)
	}
	var secret string
	if err := admin.QueryRow("SELECT client_secret FROM apps_secrets LIMIT 1").Scan(&secret); err != nil || !strings.HasPrefix(secret, "****") {
		t.Errorf("admin sees %q (%v), want a masked secret", secret, err)
	}
}

// A read-only connection refuses every kind of write with one error, MySQL's 1290
// (ER_OPTION_PREVENTS_STATEMENT), before any API call: the engine's early check and the table
// layer's own check (for callers that go to a table directly) say the same thing.
func TestReadOnlyConnectionRefusesWrites(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{Settings: tables.Settings{ReadOnly: true}})
	apps := e.MustQuery("SELECT id FROM apps LIMIT 1")
	app := fmt.Sprint(apps[0][0])
	e.Sim.ResetCalls()
	for _, c := range []struct{ sql, what string }{
		{"INSERT INTO apps_secrets (app_id) VALUES ('" + app + "')", "INSERT INTO apps_secrets"},
		{"DELETE FROM apps_secrets WHERE app_id = '" + app + "' AND id = 'x'", "DELETE on apps_secrets"},
		{"UPDATE apps_secrets SET status = 'INACTIVE' WHERE app_id = '" + app + "' AND id = 'x'", "UPDATE on apps_secrets"},
		{"CALL apps_secrets_activate('" + app + "', 'x')", "CALL apps_secrets_activate"},
	} {
		_, err := e.WireQuery(c.sql)
		want := `connection "demo" is read-only (--read-only), so it cannot execute ` + c.what
		var me *mysqldriver.MySQLError
		if !errors.As(err, &me) || me.Number != 1290 || me.Message != want {
			t.Errorf("%s: %v, want error 1290 %q", c.sql, err, want)
		}
	}
	if n := len(e.Sim.Calls()); n != 0 {
		t.Errorf("refused writes made %d API calls, want 0", n)
	}
	var okta *tables.Conn
	for _, c := range e.Conns {
		if c.Vendor == tables.Okta {
			okta = c
		}
	}
	d, _ := tables.Lookup("apps_secrets")
	err := d.DeleteRow(context.Background(), okta, tables.Values{"app_id": app, "id": "x"})
	want := `connection "demo" is read-only (--read-only), so it cannot execute DELETE on apps_secrets`
	if !errors.Is(err, tables.ErrReadOnly) || err.Error() != want {
		t.Errorf("DeleteRow on a read-only connection: %v, want %q wrapping ErrReadOnly", err, want)
	}
}
