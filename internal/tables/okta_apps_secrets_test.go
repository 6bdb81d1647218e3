package tables_test

import (
	"fmt"
	"github.com/credsql/credsql/internal/routes"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"github.com/credsql/credsql/internal/tables"
	"github.com/credsql/credsql/internal/testenv"
)

// The simulator's secret findings: Workday (OIDC) has two active secrets, 200 and 3 days
// old; AWS Console an inactive and an active one; Jira Cloud none.

func secretsOf(t testing.TB, e *testenv.Env, appID string) []map[string]any {
	return oktaList(t, e, "/api/v1/apps/"+appID+"/credentials/secrets")
}

// secretWith returns an app's secret with a status, the oldest first.
func secretWith(t testing.TB, e *testenv.Env, label, status string) (appID, id string, secret map[string]any) {
	t.Helper()
	appID = appByLabel(t, e, label)
	var best map[string]any
	for _, s := range secretsOf(t, e, appID) {
		if s["status"] == status && (best == nil || str(s["created"]) < str(best["created"])) {
			best = s
		}
	}
	if best == nil {
		t.Fatalf("%s has no %s secret", label, status)
	}
	return appID, best["id"].(string), best
}

func masked(s string) string { return "****" + s[len(s)-4:] }

func secretSQL(label, status, format string) func(e *testenv.Env) string {
	return func(e *testenv.Env) string {
		app, id, _ := secretWith(e.T, e, label, status)
		return fmt.Sprintf(format, q(app), q(id))
	}
}

func TestAppsSecretsRead(t *testing.T) {
	t.Parallel()
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			Name:    "key get is one call; the secret is masked",
			SQLFunc: secretSQL("AWS Console", "ACTIVE", "SELECT app_id, id, status, client_secret, secret_hash, created, last_updated FROM apps_secrets WHERE app_id = %s AND id = %s"),
			Calls:   testenv.N(1),
			Routes:  map[routes.Route]int{oktaroutes.GetClientSecret: 1},
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				app, id, s := secretWith(t, e, "AWS Console", "ACTIVE")
				want := [][]any{{app, id, "ACTIVE", masked(s["client_secret"].(string)), s["secret_hash"], oktaTime(t, s["created"]), oktaTime(t, s["lastUpdated"])}}
				if diff := cmp.Diff(want, rows); diff != "" {
					t.Errorf("rows (-api +credsql):\n%s", diff)
				}
			},
		},
		{
			Name: "IN on the id is one get per value",
			SQLFunc: func(e *testenv.Env) string {
				app, active, _ := secretWith(e.T, e, "AWS Console", "ACTIVE")
				_, inactive, _ := secretWith(e.T, e, "AWS Console", "INACTIVE")
				return "SELECT status FROM apps_secrets WHERE app_id = " + q(app) + " AND id IN (" + q(active) + ", " + q(inactive) + ") ORDER BY status"
			},
			Want:   [][]any{{"ACTIVE"}, {"INACTIVE"}},
			Calls:  testenv.N(2),
			Routes: map[routes.Route]int{oktaroutes.GetClientSecret: 2},
		},
		{
			Name: "an app that is not an OAuth client has no secrets",
			SQLFunc: func(e *testenv.Env) string {
				return "SELECT id FROM apps_secrets WHERE app_id = " + q(appByLabel(e.T, e, "Salesforce"))
			},
			CountSet: true, WantCount: 0,
			Calls: testenv.N(1),
		},
		{
			Name:      "without app_id: the OIDC apps' secrets, as the API holds them",
			SQL:       "SELECT app_id, id, status, secret_hash FROM apps_secrets",
			Unordered: true,
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				appLists, secretLists := e.Sim.Count(oktaroutes.ListApps), e.Sim.Count(oktaroutes.ListClientSecrets)
				var want [][]any
				oidc := 0
				for _, a := range rawApps(t, e) {
					if a["signOnMode"] != "OPENID_CONNECT" {
						continue
					}
					oidc++
					for _, s := range secretsOf(t, e, a["id"].(string)) {
						want = append(want, []any{a["id"], s["id"], s["status"], s["secret_hash"]})
					}
				}
				if diff := cmp.Diff(sortedRows(want), sortedRows(rows)); diff != "" {
					t.Errorf("rows (-api +credsql):\n%s", diff)
				}
				// Only OAuth clients are asked for secrets: one list of apps, one call per OIDC app.
				if appLists != 12 || secretLists != oidc {
					t.Errorf("%d app pages and %d secret lists, want 12 and %d", appLists, secretLists, oidc)
				}
			},
		},
		{
			Name: "two active secrets, found by the example query",
			SQL:  "SELECT a.label, COUNT(*) FROM apps_secrets s JOIN apps a ON a.id = s.app_id WHERE s.status = 'ACTIVE' GROUP BY a.label HAVING COUNT(*) = 2 ORDER BY a.label",
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				found := false
				for _, r := range rows {
					found = found || r[0] == "Workday"
				}
				if !found {
					t.Errorf("Workday has two active secrets; rows %v", rows)
				}
			},
		},
	})
}

func TestAppsSecretsWrite(t *testing.T) {
	t.Parallel()
	setup, after := usableAfter("SELECT COUNT(*) FROM apps_secrets WHERE app_id = 'x'")
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			Name: "INSERT with only app_id: Okta generates an active secret",
			SQLFunc: func(e *testenv.Env) string {
				return "INSERT INTO apps_secrets (app_id) VALUES (" + q(appByLabel(e.T, e, "Jira Cloud")) + ")"
			},
			Want:   [][]any{{int64(1)}},
			Calls:  testenv.N(1),
			Routes: map[routes.Route]int{oktaroutes.CreateClientSecret: 1},
			After: func(t *testing.T, e *testenv.Env) {
				ss := secretsOf(t, e, appByLabel(t, e, "Jira Cloud"))
				if len(ss) != 1 || ss[0]["status"] != "ACTIVE" || len(str(ss[0]["client_secret"])) < 14 {
					t.Errorf("secrets after INSERT: %v", ss)
				}
			},
		},
		{
			Name: "INSERT with a secret and a status",
			SQLFunc: func(e *testenv.Env) string {
				return "INSERT INTO apps_secrets (app_id, client_secret, status) VALUES (" + q(appByLabel(e.T, e, "Jira Cloud")) + ", 'my-own-secret-0123456789', 'inactive')"
			},
			Want:  [][]any{{int64(1)}},
			Calls: testenv.N(1),
			After: func(t *testing.T, e *testenv.Env) {
				ss := secretsOf(t, e, appByLabel(t, e, "Jira Cloud"))
				if len(ss) != 1 || ss[0]["status"] != "INACTIVE" || ss[0]["client_secret"] != "my-own-secret-0123456789" {
					t.Errorf("secrets after INSERT: %v", ss)
				}
			},
		},
		{
			Name: "a third secret carries Okta's error",
			SQLFunc: func(e *testenv.Env) string {
				return "INSERT INTO apps_secrets (app_id) VALUES (" + q(appByLabel(e.T, e, "Workday")) + ")"
			},
			WantErr: "400 Bad Request (E0000001): Api validation failed: OAuth2ClientSecretMediated: You've reached the maximum number of client secrets per client.",
			Calls:   testenv.N(1),
			Setup:   setup, After: after,
		},
		{
			Name: "a secret shorter than 14 characters carries Okta's error",
			SQLFunc: func(e *testenv.Env) string {
				return "INSERT INTO apps_secrets (app_id, client_secret) VALUES (" + q(appByLabel(e.T, e, "Jira Cloud")) + ", 'short-secret')"
			},
			WantErr: "(E0000001): Api validation failed: client_secret: client_secret: 'client_secret' must be at least '14' characters long.",
			Calls:   testenv.N(1),
			Setup:   setup, After: after,
		},
		{
			Name: "INSERT with another status is refused before any call",
			SQLFunc: func(e *testenv.Env) string {
				return "INSERT INTO apps_secrets (app_id, status) VALUES (" + q(appByLabel(e.T, e, "Jira Cloud")) + ", 'PAUSED')"
			},
			WantErr: `status must be 'ACTIVE' or 'INACTIVE', not "PAUSED"`,
			Calls:   testenv.N(0),
		},
		{
			Name:    "UPDATE SET status = 'INACTIVE' deactivates",
			SQLFunc: secretSQL("Workday", "ACTIVE", "UPDATE apps_secrets SET status = 'INACTIVE' WHERE app_id = %s AND id = %s"),
			Want:    [][]any{{int64(1)}},
			Calls:   testenv.N(2),
			Routes:  map[routes.Route]int{oktaroutes.GetClientSecret: 1, oktaroutes.DeactivateClientSecret: 1},
			After: func(t *testing.T, e *testenv.Env) {
				if _, _, s := secretWith(t, e, "Workday", "INACTIVE"); s["created"] == nil {
					t.Error("no inactive secret")
				}
			},
		},
		{
			Name:    "UPDATE SET status = 'ACTIVE' activates",
			SQLFunc: secretSQL("AWS Console", "INACTIVE", "UPDATE apps_secrets SET status = 'ACTIVE' WHERE app_id = %s AND id = %s"),
			Want:    [][]any{{int64(1)}},
			Routes:  map[routes.Route]int{oktaroutes.ActivateClientSecret: 1},
		},
		{
			Name:    "UPDATE to the status a secret has changes nothing and calls no lifecycle",
			SQLFunc: secretSQL("Workday", "ACTIVE", "UPDATE apps_secrets SET status = 'ACTIVE' WHERE app_id = %s AND id = %s"),
			Want:    [][]any{{int64(0)}},
			Calls:   testenv.N(1),
		},
		{
			Name:    "UPDATE to another status is refused before the lifecycle call",
			SQLFunc: secretSQL("Workday", "ACTIVE", "UPDATE apps_secrets SET status = 'REVOKED' WHERE app_id = %s AND id = %s"),
			WantErr: `status must be 'ACTIVE' or 'INACTIVE', not "REVOKED"`,
			Routes: map[routes.Route]int{oktaroutes.ActivateClientSecret: 0,
				oktaroutes.DeactivateClientSecret: 0},
		},
		{
			Name:    "UPDATE of another column is refused",
			SQLFunc: secretSQL("Workday", "ACTIVE", "UPDATE apps_secrets SET client_secret = 'new-secret-0123456789' WHERE app_id = %s AND id = %s"),
			WantErr: "UPDATE apps_secrets cannot change client_secret: the updatable columns are status",
			Routes:  map[routes.Route]int{oktaroutes.CreateClientSecret: 0},
		},
		{
			Name:    "deactivating the only active secret carries Okta's error",
			SQLFunc: secretSQL("AWS Console", "ACTIVE", "UPDATE apps_secrets SET status = 'INACTIVE' WHERE app_id = %s AND id = %s"),
			WantErr: "(E0000001): Api validation failed: OAuth2ClientSecretMediated: You can't deactivate the only active client secret.",
			Calls:   testenv.N(2),
			Setup:   setup, After: after,
		},
		{
			Name: "UPDATE without the id is refused by sql_safe_updates, before any call",
			SQLFunc: func(e *testenv.Env) string {
				return "UPDATE apps_secrets SET status = 'INACTIVE' WHERE app_id = " + q(appByLabel(e.T, e, "Workday"))
			},
			WantErr: "safe update mode",
			Calls:   testenv.N(0),
		},
		{
			Name: "UPDATE with sql_safe_updates off deactivates what the WHERE finds",
			Setup: func(e *testenv.Env) {
				if _, err := sameConn(e, "SET sql_safe_updates = 0"); err != nil {
					e.T.Fatal(err)
				}
			},
			SQLFunc: func(e *testenv.Env) string {
				return "UPDATE apps_secrets SET status = 'INACTIVE' WHERE app_id = " + q(appByLabel(e.T, e, "Workday")) + " AND created < NOW() - INTERVAL 100 DAY"
			},
			Want:   [][]any{{int64(1)}},
			Routes: map[routes.Route]int{oktaroutes.DeactivateClientSecret: 1},
		},
		{
			Name:    "deleting an active secret carries Okta's error",
			SQLFunc: secretSQL("AWS Console", "ACTIVE", "DELETE FROM apps_secrets WHERE app_id = %s AND id = %s"),
			WantErr: "(E0000001): Api validation failed: OAuth2ClientSecretMediated: You can't delete an active client secret. Deactivate the secret before deleting it.",
			Calls:   testenv.N(1),
			Setup:   setup, After: after,
		},
		{
			Name:    "a key-only DELETE of an inactive secret is one call",
			SQLFunc: secretSQL("AWS Console", "INACTIVE", "DELETE FROM apps_secrets WHERE app_id = %s AND id = %s"),
			Want:    [][]any{{int64(1)}},
			Calls:   testenv.N(1),
			Routes:  map[routes.Route]int{oktaroutes.DeleteClientSecret: 1},
			After: func(t *testing.T, e *testenv.Env) {
				if ss := secretsOf(t, e, appByLabel(t, e, "AWS Console")); len(ss) != 1 || ss[0]["status"] != "ACTIVE" {
					t.Errorf("secrets after DELETE: %v", ss)
				}
			},
		},
		{
			Name:    "DELETE without the id is refused by sql_safe_updates, before any call",
			SQL:     "DELETE FROM apps_secrets WHERE status = 'INACTIVE'",
			WantErr: "safe update mode",
			Calls:   testenv.N(0),
		},
	})
}

func TestAppsSecretsProcedures(t *testing.T) {
	t.Parallel()
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			Name:    "CALL apps_secrets_deactivate returns the secret, masked",
			SQLFunc: secretSQL("Workday", "ACTIVE", "CALL apps_secrets_deactivate(%s, %s)"),
			Calls:   testenv.N(1),
			Routes:  map[routes.Route]int{oktaroutes.DeactivateClientSecret: 1},
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				app, id, s := secretWith(t, e, "Workday", "INACTIVE")
				rec := record(t, "apps_secrets", "deactivate", rows[0])
				want := map[string]any{"connection": "demo", "app_id": app, "id": id, "status": "INACTIVE", "client_secret": masked(s["client_secret"].(string)),
					"secret_hash": s["secret_hash"], "created": oktaTime(t, s["created"]), "last_updated": oktaTime(t, s["lastUpdated"])}
				if diff := cmp.Diff(want, rec); diff != "" {
					t.Errorf("result (-api +credsql):\n%s", diff)
				}
			},
		},
		{
			Name: "EXEC apps_secrets.activate with named parameters in any order",
			SQLFunc: func(e *testenv.Env) string {
				app, id, _ := secretWith(e.T, e, "AWS Console", "INACTIVE")
				return "EXEC apps_secrets.activate @secret_id = " + q(id) + ", @app_id = " + q(app)
			},
			Calls: testenv.N(1),
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				if rec := record(t, "apps_secrets", "activate", rows[0]); rec["status"] != "ACTIVE" {
					t.Errorf("status %v", rec["status"])
				}
			},
		},
		{
			Name:    "EXEC apps_secrets.deactivate with the connection named",
			SQLFunc: secretSQL("Workday", "ACTIVE", "EXEC apps_secrets.deactivate @app_id = %s, @connection = 'demo', @secret_id = %s"),
			Calls:   testenv.N(1),
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				if rec := record(t, "apps_secrets", "deactivate", rows[0]); rec["status"] != "INACTIVE" {
					t.Errorf("status %v", rec["status"])
				}
			},
		},
		{
			Name:    "the only active secret: Okta's error through the procedure",
			SQLFunc: secretSQL("AWS Console", "ACTIVE", "CALL apps_secrets_deactivate(%s, %s)"),
			WantErr: "apps_secrets_deactivate: deactivate client secret",
			Calls:   testenv.N(1),
		},
		{
			Name:    "EXEC with an unknown parameter lists the parameters, before any call",
			SQL:     "EXEC apps_secrets.deactivate @app_id = '0oa1', @secret = 'ocs1'",
			WantErr: "EXEC apps_secrets.deactivate: unknown parameter @secret; parameters: app_id, secret_id, connection (optional)",
			Calls:   testenv.N(0),
		},
		{
			Name:    "EXEC with a missing parameter lists the parameters, before any call",
			SQL:     "EXEC apps_secrets.activate @app_id = '0oa1'",
			WantErr: "EXEC apps_secrets.activate: missing parameter @secret_id; parameters: app_id, secret_id, connection (optional)",
			Calls:   testenv.N(0),
		},
	})
}

func TestAppsSecretsReadOnly(t *testing.T) {
	t.Parallel()
	ro := testenv.Options{Settings: tables.Settings{ReadOnly: true}}
	testenv.Run(t, ro, []testenv.Case{
		{Name: "INSERT", SQLFunc: func(e *testenv.Env) string {
			return "INSERT INTO apps_secrets (app_id) VALUES (" + q(appByLabel(e.T, e, "Jira Cloud")) + ")"
		}, WantErr: "is read-only (--read-only)", Calls: testenv.N(0)},
		{Name: "UPDATE", SQLFunc: secretSQL("Workday", "ACTIVE", "UPDATE apps_secrets SET status = 'INACTIVE' WHERE app_id = %s AND id = %s"),
			WantErr: "is read-only (--read-only)", Calls: testenv.N(0)},
		{Name: "DELETE", SQLFunc: secretSQL("AWS Console", "INACTIVE", "DELETE FROM apps_secrets WHERE app_id = %s AND id = %s"),
			WantErr: "is read-only (--read-only)", Calls: testenv.N(0)},
		{Name: "CALL", SQLFunc: secretSQL("AWS Console", "INACTIVE", "CALL apps_secrets_activate(%s, %s)"),
			WantErr: "is read-only (--read-only)", Calls: testenv.N(0)},
		{Name: "EXEC", SQLFunc: secretSQL("Workday", "ACTIVE", "EXEC apps_secrets.deactivate @secret_id = %[2]s, @app_id = %[1]s"),
			WantErr: "is read-only (--read-only)", Calls: testenv.N(0)},
	})
}

// TestSecretMasking: masked as **** and the last 4 characters unless the session reveals
// secrets; --reveal-secrets reveals by default.
func TestSecretMasking(t *testing.T) {
	t.Parallel()
	check := func(t *testing.T, e *testenv.Env, run runner, reveal bool) {
		app, id, s := secretWith(t, e, "Workday", "ACTIVE")
		secret := s["client_secret"].(string)
		sel := "SELECT client_secret FROM apps_secrets WHERE app_id = " + q(app) + " AND id = " + q(id)
		want := func(revealed bool) string {
			if revealed {
				return secret
			}
			return masked(secret)
		}
		if got := run.must(t, sel)[0][0]; got != want(reveal) {
			t.Errorf("default: %v, want %v", got, want(reveal))
		}
		run.must(t, "SET credsql_reveal_secrets = ON")
		if got := run.must(t, sel)[0][0]; got != secret {
			t.Errorf("revealed: %v, want the secret", got)
		}
		if rec := record(t, "apps_secrets", "activate", run.must(t, "CALL apps_secrets_activate("+q(app)+", "+q(id)+")")[0]); rec["client_secret"] != secret {
			t.Errorf("revealed procedure result: %v", rec["client_secret"])
		}
		run.must(t, "SET credsql_reveal_secrets = OFF")
		if got := run.must(t, sel)[0][0]; got != masked(secret) {
			t.Errorf("masked again: %v", got)
		}
		if rec := record(t, "apps_secrets", "activate", run.must(t, "CALL apps_secrets_activate("+q(app)+", "+q(id)+")")[0]); rec["client_secret"] != masked(secret) {
			t.Errorf("masked procedure result: %v", rec["client_secret"])
		}
	}
	t.Run("default", func(t *testing.T) {
		eachPath(t, testenv.Options{}, func(t *testing.T, e *testenv.Env, run runner) { check(t, e, run, false) })
	})
	t.Run("--reveal-secrets", func(t *testing.T) {
		eachPath(t, testenv.Options{Engine: engine.Options{RevealSecrets: true}}, func(t *testing.T, e *testenv.Env, run runner) { check(t, e, run, true) })
	})
}

// TestSecretRotation rotates a client secret: create a second, deactivate the old one
// (UPDATE, and the next time the procedure), delete it.
func TestSecretRotation(t *testing.T) {
	t.Parallel()
	eachPath(t, testenv.Options{}, func(t *testing.T, e *testenv.Env, run runner) {
		app := appByLabel(t, e, "Jira Cloud")
		list := func() [][]any {
			return run.must(t, "SELECT id, status FROM apps_secrets WHERE app_id = "+q(app)+" ORDER BY created, id")
		}
		create := func() string {
			before := map[any]bool{}
			for _, r := range list() {
				before[r[0]] = true
			}
			if rows := run.must(t, "INSERT INTO apps_secrets (app_id) VALUES ("+q(app)+")"); rows[0][0] != int64(1) {
				t.Fatalf("INSERT: %v", rows)
			}
			for _, r := range list() {
				if !before[r[0]] {
					return r[0].(string)
				}
			}
			t.Fatal("INSERT made no secret")
			return ""
		}
		first := create()
		second := create()
		if got := list(); len(got) != 2 || got[0][1] != "ACTIVE" || got[1][1] != "ACTIVE" {
			t.Fatalf("two active secrets expected: %v", got)
		}
		if rows := run.must(t, "UPDATE apps_secrets SET status = 'INACTIVE' WHERE app_id = "+q(app)+" AND id = "+q(first)); rows[0][0] != int64(1) {
			t.Fatalf("UPDATE: %v", rows)
		}
		if rows := run.must(t, "DELETE FROM apps_secrets WHERE app_id = "+q(app)+" AND id = "+q(first)); rows[0][0] != int64(1) {
			t.Fatalf("DELETE: %v", rows)
		}
		third := create()
		if rec := record(t, "apps_secrets", "deactivate", run.must(t, "CALL apps_secrets_deactivate("+q(app)+", "+q(second)+")")[0]); rec["status"] != "INACTIVE" {
			t.Fatalf("deactivate: %v", rec)
		}
		run.must(t, "DELETE FROM apps_secrets WHERE app_id = "+q(app)+" AND id = "+q(second))
		if diff := cmp.Diff([][]any{{third, "ACTIVE"}}, list()); diff != "" {
			t.Errorf("after the rotation (-want +got):\n%s", diff)
		}
	})
}
