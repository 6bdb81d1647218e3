package engine_test

import (
	"database/sql"
	"fmt"
	"net"
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/testenv"
)

// A read-only account cannot change server-wide defaults, reveal secrets for others, or kill
// other sessions' queries; nobody can reveal secrets globally.
func TestReadOnlyAccountCannotChangeTheServer(t *testing.T) {
	e := testenv.New(t, testenv.Options{NoWire: true})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv, err := e.Engine.NewServer(engine.ServerOptions{Listener: ln, Users: []engine.User{
		{Name: "admin", Password: "admin-pw"}, {Name: "auditor", Password: "auditor-pw", ReadOnly: true}}})
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
		if _, err := auditor.Exec(q); err == nil || !strings.Contains(err.Error(), `user "auditor" is read-only`) {
			t.Errorf("read-only %s: %v, want a refusal", q, err)
		}
	}
	if _, err := auditor.Exec(fmt.Sprintf("KILL QUERY %d", adminID)); err == nil || !strings.Contains(err.Error(), "denied") {
		t.Errorf("read-only KILL of another session: %v, want access denied", err)
	}
	for _, db := range []*sql.DB{admin, auditor} {
		if _, err := db.Exec("SET GLOBAL credsql_reveal_secrets = 1"); err == nil {
			t.Errorf("SET GLOBAL credsql_reveal_secrets succeeded")
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
