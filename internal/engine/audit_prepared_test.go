package engine_test

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/audit"
	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/testenv"
)

// A statement prepared on the server that reveals secrets is recorded with its bound values,
// a bound secret masked like a literal one.
func TestAuditPreparedReveal(t *testing.T) {
	t.Parallel()
	sink := &memSink{}
	e := testenv.New(t, testenv.Options{Engine: engine.Options{Audit: sink}})
	row := e.MustQuery("SELECT app_id, id FROM apps_secrets WHERE client_secret IS NOT NULL ORDER BY app_id, id LIMIT 1")[0]
	app, id := row[0].(string), row[1].(string)
	if _, err := e.WireQuery("SET credsql_reveal_secrets = ON"); err != nil {
		t.Fatal(err)
	}
	got, err := e.WireQuery("SELECT id, client_secret FROM apps_secrets WHERE app_id = ? AND id = ?", app, id)
	if err != nil || len(got) != 1 {
		t.Fatalf("SELECT: %v %v", got, err)
	}
	secret := got[0][1].(string)
	sink.take()
	// The secret itself, bound: the record masks it.
	if got, err := e.WireQuery("SELECT id FROM apps_secrets WHERE app_id = ? AND client_secret = ?", app, secret); err != nil || len(got) != 1 {
		t.Fatalf("SELECT by the bound secret: %v %v", got, err)
	}
	var reveals []audit.Record
	for _, r := range sink.take() {
		if r.Action == audit.ActionReveal {
			reveals = append(reveals, r)
		}
	}
	if len(reveals) != 1 {
		t.Fatalf("%d reveal records, want 1:\n%s", len(reveals), sink.text())
	}
	r := reveals[0]
	wantStmt := "SELECT id FROM apps_secrets WHERE app_id = '" + app + "' AND client_secret = '[REDACTED]'"
	wantParams := []string{"'" + app + "'", "'[REDACTED]'"}
	if r.Statement != wantStmt || !slices.Equal(r.Params, wantParams) {
		t.Errorf("statement %s params %q, want %s %q", r.Statement, r.Params, wantStmt, wantParams)
	}
	if strings.Contains(sink.text(), secret) {
		t.Errorf("the log holds the secret:\n%s", sink.text())
	}
}

// A statement prepared with PREPARE and run with EXECUTE ... USING is recorded as the
// prepared statement with the variables' values, in-process and over the wire, a secret
// among them masked; the record names the object each call addressed.
func TestAuditExecuteUsing(t *testing.T) {
	t.Parallel()
	for _, wire := range []bool{false, true} {
		t.Run(map[bool]string{false: "in-process", true: "wire"}[wire], func(t *testing.T) {
			t.Parallel()
			sink := &memSink{}
			e := testenv.New(t, testenv.Options{NoWire: !wire, Engine: engine.Options{Audit: sink}})
			run := func(q string) {
				t.Helper()
				var err error
				if wire {
					_, err = e.WireQuery(q)
				} else {
					_, err = e.Query(q)
				}
				if err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			row := e.MustQuery("SELECT app_id, id FROM apps_secrets WHERE status = 'INACTIVE' ORDER BY app_id, id LIMIT 1")[0]
			app, id := row[0].(string), row[1].(string)
			one := e.MustQuery("SELECT app_id FROM apps_secrets GROUP BY app_id HAVING COUNT(*) = 1 ORDER BY app_id LIMIT 1")[0][0].(string)
			const secret = "execute-Using-Secret-0123456789"
			run("PREPARE act FROM 'CALL apps_secrets_activate(?, ?)'")
			run("SET @app = '" + app + "', @id = '" + id + "', @one = '" + one + "', @s = '" + secret + "', @st = 'INACTIVE'")
			run("PREPARE ins FROM 'INSERT INTO apps_secrets (app_id, client_secret, status) VALUES (?, ?, ?)'")
			sink.take()
			run("EXECUTE act USING @app, @id")
			run("EXECUTE `ins` USING @one, @s, @st")
			recs := sink.take()
			if len(recs) != 2 {
				t.Fatalf("%d records, want 2:\n%s", len(recs), sink.text())
			}
			for i, want := range []struct {
				stmt   string
				params []string
				object map[string]string
			}{
				{"call apps_secrets_activate('" + app + "', '" + id + "')", []string{"'" + app + "'", "'" + id + "'"},
					map[string]string{"appId": app, "secretId": id}},
				{"insert into apps_secrets(app_id, client_secret, `status`) values ('" + one + "', '[REDACTED]', '[REDACTED]')",
					[]string{"'" + one + "'", "'[REDACTED]'", "'[REDACTED]'"}, map[string]string{"appId": one}},
			} {
				r := recs[i]
				if r.Statement != want.stmt || !slices.Equal(r.Params, want.params) || !maps.Equal(r.Object, want.object) || r.Outcome != "ok" {
					t.Errorf("record %d: statement %s params %q object %v outcome %s\nwant %s %q %v ok", i, r.Statement, r.Params, r.Object, r.Outcome,
						want.stmt, want.params, want.object)
				}
			}
			if recs[1].Created == "" {
				t.Errorf("the INSERT's record names no created secret")
			}
			if strings.Contains(sink.text(), secret) {
				t.Errorf("the log holds the secret:\n%s", sink.text())
			}
		})
	}
}

// EXEC with named parameters (the wire server cannot prepare it: the protocol layer parses
// the statement as MySQL): the passwords are masked, the authenticator id and the new
// username kept, and the record names the authenticator.
func TestAuditExec(t *testing.T) {
	t.Parallel()
	sink := &memSink{}
	e := testenv.New(t, testenv.Options{Engine: engine.Options{Audit: sink}})
	updb := e.MustQuery("SELECT id FROM ziti_authenticators WHERE method = 'updb'")[0][0].(string)
	current, next := e.Sim.Options().ZitiPassword, "exec-New-Password-77"
	sink.take()
	stmt := "EXEC ziti_authenticators.patch @id = '" + updb + "', @current_password = '" + current + "', @username = 'exec-bot', @password = '" + next + "'"
	if _, err := e.WireQuery(stmt); err != nil {
		t.Fatal(err)
	}
	recs := sink.take()
	if len(recs) != 1 {
		t.Fatalf("%d records, want 1:\n%s", len(recs), sink.text())
	}
	r := recs[0]
	wantStmt := "EXEC ziti_authenticators.patch @id = '" + updb + "', @current_password = '[REDACTED]', @username = 'exec-bot', @password = '[REDACTED]'"
	if r.Statement != wantStmt || r.Params != nil || !maps.Equal(r.Object, map[string]string{"id": updb}) || r.Route != "PATCH /current-identity/authenticators/{id}" {
		t.Errorf("record: statement %s params %q object %v route %s\nwant %s", r.Statement, r.Params, r.Object, r.Route, wantStmt)
	}
	for _, s := range []string{current, next} {
		if strings.Contains(sink.text(), s) {
			t.Errorf("the log holds %q:\n%s", s, sink.text())
		}
	}
}
