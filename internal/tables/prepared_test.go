package tables_test

import (
	"github.com/credsql/credsql/internal/routes"
	"testing"

	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"github.com/credsql/credsql/internal/testenv"
)

// Statements prepared on the server (COM_STMT_PREPARE) and executed with bound values push
// down and cost the same calls as their literal forms.
func TestPrepared(t *testing.T) {
	t.Parallel()
	var (
		keyGet    = oktaroutes.GetAppKey
		keyList   = oktaroutes.ListAppKeys
		secretGet = oktaroutes.GetClientSecret
	)
	secret := func(label, status string) func(e *testenv.Env) []any {
		return func(e *testenv.Env) []any {
			app, id, _ := secretWith(e.T, e, label, status)
			return []any{app, id}
		}
	}
	// deactivated checks the result row of apps_secrets.deactivate.
	deactivated := func(t *testing.T, e *testenv.Env, rows [][]any) {
		if len(rows) != 1 {
			t.Fatalf("%d rows, want 1", len(rows))
		}
		if rec := record(t, "apps_secrets", "deactivate", rows[0]); rec["status"] != "INACTIVE" {
			t.Errorf("status %v", rec["status"])
		}
	}
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			Name: "app key by bound app_id and kid is one call",
			SQL:  "SELECT kid FROM app_keys WHERE app_id = ? AND kid = ?",
			ArgsFunc: func(e *testenv.Env) []any {
				r := e.MustQuery("SELECT app_id, kid FROM app_keys WHERE app_id = " + q(firstApp(e)) + " LIMIT 1")[0]
				return []any{r[0], r[1]}
			},
			WantCount: 1,
			Calls:     testenv.N(1),
			Routes:    map[routes.Route]int{keyGet: 1},
		},
		{
			Name:     "secret by bound keys is one call",
			SQL:      "SELECT status FROM apps_secrets WHERE app_id = ? AND id = ?",
			ArgsFunc: secret("AWS Console", "ACTIVE"),
			Want:     [][]any{{"ACTIVE"}},
			Calls:    testenv.N(1),
			Routes:   map[routes.Route]int{secretGet: 1},
		},
		{
			Name: "IN with bound values is one get per value",
			SQL:  "SELECT status FROM apps_secrets WHERE app_id = ? AND id IN (?, ?) ORDER BY status",
			ArgsFunc: func(e *testenv.Env) []any {
				app, active, _ := secretWith(e.T, e, "AWS Console", "ACTIVE")
				_, inactive, _ := secretWith(e.T, e, "AWS Console", "INACTIVE")
				return []any{app, active, inactive}
			},
			Want:   [][]any{{"ACTIVE"}, {"INACTIVE"}},
			Calls:  testenv.N(2),
			Routes: map[routes.Route]int{secretGet: 2},
		},
		{
			Name: "app_id IN with bound values is one list per app",
			SQL:  "SELECT app_id, kid FROM app_keys WHERE app_id IN (?, ?, ?)",
			ArgsFunc: func(e *testenv.Env) []any {
				ids := e.MustQuery("SELECT id FROM apps ORDER BY id LIMIT 3")
				return []any{ids[0][0], ids[1][0], ids[2][0]}
			},
			Calls:  testenv.N(3),
			Routes: map[routes.Route]int{keyList: 3},
		},
		{
			Name: "INSERT with bound values is one call",
			SQL:  "INSERT INTO apps_secrets (app_id, client_secret, status) VALUES (?, ?, ?)",
			ArgsFunc: func(e *testenv.Env) []any {
				return []any{appByLabel(e.T, e, "Jira Cloud"), "my-own-secret-0123456789", "inactive"}
			},
			Want:   [][]any{{int64(1)}},
			Calls:  testenv.N(1),
			Routes: map[routes.Route]int{oktaroutes.CreateClientSecret: 1},
			After: func(t *testing.T, e *testenv.Env) {
				ss := secretsOf(t, e, appByLabel(t, e, "Jira Cloud"))
				if len(ss) != 1 || ss[0]["status"] != "INACTIVE" || ss[0]["client_secret"] != "my-own-secret-0123456789" {
					t.Errorf("secrets after INSERT: %v", ss)
				}
			},
		},
		{
			Name:     "DELETE by bound keys is one call",
			SQL:      "DELETE FROM apps_secrets WHERE app_id = ? AND id = ?",
			ArgsFunc: secret("AWS Console", "INACTIVE"),
			Want:     [][]any{{int64(1)}},
			Calls:    testenv.N(1),
			Routes:   map[routes.Route]int{oktaroutes.DeleteClientSecret: 1},
			After: func(t *testing.T, e *testenv.Env) {
				if ss := secretsOf(t, e, appByLabel(t, e, "AWS Console")); len(ss) != 1 || ss[0]["status"] != "ACTIVE" {
					t.Errorf("secrets after DELETE: %v", ss)
				}
			},
		},
		{
			Name:     "CALL with bound arguments",
			SQL:      "CALL apps_secrets_deactivate(?, ?)",
			ArgsFunc: secret("Workday", "ACTIVE"),
			Calls:    testenv.N(1),
			Routes:   map[routes.Route]int{oktaroutes.DeactivateClientSecret: 1},
			Check:    deactivated,
		},
		{
			// The wire server parses COM_STMT_PREPARE with vitess's parser, which knows no
			// EXEC; credsql rewrites a prepared EXEC to the CALL it stands for (binding the
			// placeholders by parameter name) before vitess sees it.
			Name:     "EXEC with bound arguments",
			SQL:      "EXEC apps_secrets.deactivate @secret_id = ?, @app_id = ?",
			ArgsFunc: func(e *testenv.Env) []any { a := secret("Workday", "ACTIVE")(e); return []any{a[1], a[0]} },
			Calls:    testenv.N(1),
			Routes:   map[routes.Route]int{oktaroutes.DeactivateClientSecret: 1},
			Check:    deactivated,
		},
	})
}
