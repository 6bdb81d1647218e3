package tables_test

import (
	"net"
	"strings"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/config"
	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/tables"
	"github.com/credsql/credsql/internal/testenv"
)

const (
	secretsRoute    = "POST /api/v1/apps/{appId}/credentials/secrets"
	activateRoute   = "POST /api/v1/apps/{appId}/credentials/secrets/{secretId}/lifecycle/activate"
	deactivateRoute = "POST /api/v1/apps/{appId}/credentials/secrets/{secretId}/lifecycle/deactivate"
	deleteRoute     = "DELETE /api/v1/apps/{appId}/credentials/secrets/{secretId}"
	zitiPatchRoute  = "PATCH " + sim.ZitiPrefix + "/current-identity/authenticators/{id}"
)

// writeFault is a write whose request reaches the vendor, is applied, and whose answer is
// lost: credsql must not retry it and must say how to check what happened.
type writeFault struct {
	name  string
	kind  sim.FaultKind
	route string
	// sql builds the statement and the SELECT credsql must suggest, from the data.
	sql func(e *testenv.Env) (stmt, check string)
	// applied checks, with the suggested SELECT's rows, that the write did happen.
	applied func(t *testing.T, rows [][]any)
	// requestID: the answer carried the vendor's request id (an error body), so the error
	// must name it.
	requestID bool
}

func oneRow(e *testenv.Env, q string) []any {
	e.T.Helper()
	rows := e.MustQuery(q)
	if len(rows) == 0 {
		e.T.Fatalf("%s: no rows", q)
	}
	return rows[0]
}

func TestWritesWithLostAnswers(t *testing.T) {
	statusIs := func(want string) func(t *testing.T, rows [][]any) {
		return func(t *testing.T, rows [][]any) {
			if len(rows) != 1 || rows[0][3] != want {
				t.Errorf("after the write: %v, want status %s", rows, want)
			}
		}
	}
	cases := []writeFault{
		{
			name: "INSERT, 500 after applying", kind: sim.Fault5xx, route: secretsRoute, requestID: true,
			sql: func(e *testenv.Env) (string, string) {
				app := oneRow(e, "SELECT app_id FROM apps_secrets GROUP BY app_id HAVING COUNT(*) = 1 LIMIT 1")[0].(string)
				return "INSERT INTO apps_secrets (app_id) VALUES ('" + app + "')",
					"SELECT * FROM apps_secrets WHERE app_id = '" + app + "'"
			},
			applied: func(t *testing.T, rows [][]any) {
				if len(rows) != 2 {
					t.Errorf("the app has %d secrets after the write, want 2", len(rows))
				}
			},
		},
		{
			name: "CALL activate, reset after applying", kind: sim.FaultReset, route: activateRoute,
			sql: func(e *testenv.Env) (string, string) {
				r := oneRow(e, "SELECT app_id, id FROM apps_secrets WHERE status = 'INACTIVE' LIMIT 1")
				return "CALL apps_secrets_activate('" + r[0].(string) + "', '" + r[1].(string) + "')",
					"SELECT * FROM apps_secrets WHERE app_id = '" + r[0].(string) + "' AND id = '" + r[1].(string) + "'"
			},
			applied: statusIs("ACTIVE"),
		},
		{
			name: "UPDATE, timeout after applying", kind: sim.FaultTimeout, route: deactivateRoute,
			sql: func(e *testenv.Env) (string, string) {
				r := oneRow(e, "SELECT app_id, MIN(id) FROM apps_secrets WHERE status = 'ACTIVE' GROUP BY app_id HAVING COUNT(*) = 2 LIMIT 1")
				return "UPDATE apps_secrets SET status = 'INACTIVE' WHERE app_id = '" + r[0].(string) + "' AND id = '" + r[1].(string) + "'",
					"SELECT * FROM apps_secrets WHERE app_id = '" + r[0].(string) + "' AND id = '" + r[1].(string) + "'"
			},
			applied: statusIs("INACTIVE"),
		},
		{
			name: "DELETE, 503 after applying", kind: sim.Fault5xx, route: deleteRoute, requestID: true,
			sql: func(e *testenv.Env) (string, string) {
				r := oneRow(e, "SELECT app_id, id FROM apps_secrets WHERE status = 'INACTIVE' LIMIT 1")
				return "DELETE FROM apps_secrets WHERE app_id = '" + r[0].(string) + "' AND id = '" + r[1].(string) + "'",
					"SELECT * FROM apps_secrets WHERE app_id = '" + r[0].(string) + "' AND id = '" + r[1].(string) + "'"
			},
			applied: func(t *testing.T, rows [][]any) {
				if len(rows) != 0 {
					t.Errorf("the secret is still there: %v", rows)
				}
			},
		},
		{
			name: "CALL ziti patch, 500 after applying", kind: sim.Fault5xx, route: zitiPatchRoute, requestID: true,
			sql: func(e *testenv.Env) (string, string) {
				id := oneRow(e, "SELECT id FROM ziti_authenticators WHERE method = 'updb'")[0].(string)
				return "CALL ziti_authenticators_patch('" + id + "', '" + e.Sim.Options().ZitiPassword + "', 'renamed-bot', NULL)",
					"SELECT * FROM ziti_authenticators WHERE id = '" + id + "'"
			},
			applied: func(t *testing.T, rows [][]any) {
				if len(rows) != 1 || !strings.Contains(fmtRow(rows[0]), "renamed-bot") {
					t.Errorf("the username was not changed: %v", rows)
				}
			},
		},
		{
			name: "CALL opa rotate, reset after applying", kind: sim.FaultReset, route: opaRotateRoute,
			sql: func(e *testenv.Env) (string, string) {
				return "CALL opa_service_user_keys_rotate('ci-deploy')", "SELECT * FROM opa_service_user_keys WHERE user_name = 'ci-deploy'"
			},
		},
	}
	for _, c := range cases {
		for _, wire := range []bool{false, true} {
			path := map[bool]string{false: "in-process", true: "wire"}[wire]
			t.Run(c.name+"/"+path, func(t *testing.T) {
				e := testenv.New(t, testenv.Options{NoWire: !wire,
					Settings: tables.Settings{Timeout: 300 * time.Millisecond, Backoff: time.Millisecond},
					Sim:      sim.Options{Faults: sim.Faults{Stall: 600 * time.Millisecond}}})
				stmt, check := c.sql(e)
				e.Sim.ResetCalls()
				e.Sim.Inject(sim.Injection{Route: c.route, Kind: c.kind, Apply: true})
				var err error
				if wire {
					_, err = e.WireQuery(stmt)
				} else {
					_, err = e.Query(stmt)
				}
				if err == nil {
					t.Fatalf("%s: no error", stmt)
				}
				msg := err.Error()
				for _, want := range []string{"outcome unknown", strings.SplitN(c.route, " ", 2)[0], "check with: " + check} {
					if !strings.Contains(msg, want) {
						t.Errorf("error lacks %q:\n%s", want, msg)
					}
				}
				if c.requestID && !strings.Contains(msg, "[request id ") {
					t.Errorf("error lacks the vendor request id:\n%s", msg)
				}
				waitIdle(t, e.Sim)
				if n := e.Sim.Count(c.route); n != 1 {
					t.Errorf("%d calls to %s: a write whose outcome is unknown must not be retried", n, c.route)
				}
				if c.applied != nil {
					rows, err := e.Query(check)
					if err != nil {
						t.Fatalf("the suggested check %s: %v", check, err)
					}
					c.applied(t, rows)
				}
			})
		}
	}
}

func fmtRow(r []any) string {
	var b strings.Builder
	for _, v := range r {
		if s, ok := v.(string); ok {
			b.WriteString(s + " ")
		}
	}
	return b.String()
}

// A write refused with 429 never reached the vendor's logic: it is waited out and retried,
// and happens once.
func TestWriteRetriedAfter429(t *testing.T) {
	testenv.Run(t, testenv.Options{Settings: tables.Settings{Backoff: time.Millisecond}}, []testenv.Case{{
		Name: "INSERT after a 429",
		SQLFunc: func(e *testenv.Env) string {
			app := oneRow(e, "SELECT app_id FROM apps_secrets GROUP BY app_id HAVING COUNT(*) = 1 LIMIT 1")[0].(string)
			return "INSERT INTO apps_secrets (app_id) VALUES ('" + app + "')"
		},
		Setup: func(e *testenv.Env) {
			e.Sim.Inject(sim.Injection{Route: secretsRoute, Kind: sim.Fault429, RetryAfter: 100 * time.Millisecond})
		},
		Want:          [][]any{{int64(1)}},
		Routes:        map[string]int{secretsRoute: 2},
		InProcessOnly: testing.Short(),
	}})
}

// A write the vendor refuses (4xx) is not retried and is not "outcome unknown".
func TestWriteRefusedIsNotRetried(t *testing.T) {
	testenv.Run(t, testenv.Options{}, []testenv.Case{{
		Name: "INSERT refused with 400",
		SQLFunc: func(e *testenv.Env) string {
			app := oneRow(e, "SELECT app_id FROM apps_secrets GROUP BY app_id HAVING COUNT(*) = 1 LIMIT 1")[0].(string)
			return "INSERT INTO apps_secrets (app_id) VALUES ('" + app + "')"
		},
		Setup: func(e *testenv.Env) {
			e.Sim.Inject(sim.Injection{Route: secretsRoute, Kind: sim.FaultStatus, Status: 400})
		},
		WantErr: "400 Bad Request",
		Routes:  map[string]int{secretsRoute: 1},
		Check: func(t *testing.T, e *testenv.Env, _ [][]any) {
			if _, err := e.Query("SELECT 1"); err != nil {
				t.Fatal(err)
			}
		},
	}})
}

// A write to a vendor that refuses the connection provably never arrived: it is retried,
// and the error says nothing was changed.
func TestWriteConnectionRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	ln.Close()
	for _, wire := range []bool{false, true} {
		e := testenv.New(t, testenv.Options{NoWire: !wire,
			Settings: tables.Settings{MaxRetries: 2, Backoff: time.Millisecond},
			Configure: func(c *config.Config) {
				for i := range c.Connections {
					if c.Connections[i].Vendor == config.Okta {
						c.Connections[i].URL = closed
					}
				}
			}})
		stmt := "INSERT INTO apps_secrets (app_id) VALUES ('0oa1')"
		var err error
		if wire {
			_, err = e.WireQuery(stmt)
		} else {
			_, err = e.Query(stmt)
		}
		if err == nil {
			t.Fatal("no error")
		}
		msg := err.Error()
		for _, want := range []string{secretsRoute, "connection refused", "(after 3 tries)", "never reached the vendor: nothing was changed"} {
			if !strings.Contains(msg, want) {
				t.Errorf("error lacks %q:\n%s", want, msg)
			}
		}
		if strings.Contains(msg, "outcome unknown") {
			t.Errorf("a refused connection is not an unknown outcome:\n%s", msg)
		}
	}
}
