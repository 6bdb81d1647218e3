package tables_test

import (
	"github.com/credsql/credsql/internal/routes"
	"net/url"
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/config"
	"github.com/credsql/credsql/internal/routes/oparoutes"
	"github.com/credsql/credsql/internal/tables"
	"github.com/credsql/credsql/internal/testenv"
)

var (
	opaTokenRoute = oparoutes.IssueToken
	opaUsersRoute = oparoutes.ListServiceUsers
	opaUserRoute  = oparoutes.GetServiceUser
	opaPutRoute   = oparoutes.UpdateServiceUser
)

func opaStatus(t *testing.T, e *testenv.Env, name, want string) {
	t.Helper()
	rows := e.MustQuery("SELECT status FROM opa_service_users WHERE name = '" + name + "'")
	if len(rows) != 1 || rows[0][0] != want {
		t.Errorf("%s: status %v, want %s", name, rows, want)
	}
}

func TestOPAServiceUsers(t *testing.T) {
	t.Parallel()
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			Name:      "every page, after one token",
			SQL:       "SELECT name, status FROM opa_service_users",
			WantCount: 15,
			// 15 users at 2 per page.
			Calls:  testenv.N(9),
			Routes: map[routes.Route]int{opaTokenRoute: 1, opaUsersRoute: 8},
		},
		{
			Name:      "LIMIT 3 with page size 2 reads two pages",
			SQL:       "SELECT name FROM opa_service_users LIMIT 3",
			WantCount: 3,
			Calls:     testenv.N(3),
		},
		{
			Name: "status equality is pushed",
			SQL:  "SELECT name FROM opa_service_users WHERE status = 'DISABLED' ORDER BY name",
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				if len(rows) == 0 || rows[0][0] != "A.User" {
					t.Errorf("rows %v", rows)
				}
				for _, c := range e.Sim.Calls() {
					if q, _ := url.ParseQuery(c.Query); c.Entry == opaUsersRoute && q.Get("status") != "DISABLED" {
						t.Errorf("call %s does not filter on status", c)
					}
				}
			},
		},
		{
			Name:   "name equality is one get, the name path-escaped",
			SQL:    "SELECT name, status, user_type, team_name FROM opa_service_users WHERE name = 'OPA User'",
			Want:   [][]any{{"OPA User", "ACTIVE", "service", "acme"}},
			Calls:  testenv.N(2),
			Routes: map[routes.Route]int{opaUserRoute: 1, opaUsersRoute: 0},
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				if p := e.Sim.Calls()[1].Path; !strings.HasSuffix(p, "/service_users/OPA%20User") {
					t.Errorf("path %s", p)
				}
			},
		},
		{
			Name: "deleted users carry deleted_at",
			SQL:  "SELECT COUNT(*) = SUM(deleted_at IS NOT NULL) FROM opa_service_users WHERE status = 'DELETED'",
			Want: [][]any{{int64(1)}},
		},
		{
			Name:   "INSERT creates an active user",
			SQL:    "INSERT INTO opa_service_users (name) VALUES ('new bot')",
			Want:   [][]any{{int64(1)}},
			Calls:  testenv.N(2),
			Routes: map[routes.Route]int{oparoutes.CreateServiceUser: 1},
			After:  func(t *testing.T, e *testenv.Env) { opaStatus(t, e, "new bot", "ACTIVE") },
		},
		{
			Name:    "INSERT of a taken name is the vendor's 409",
			SQL:     "INSERT INTO opa_service_users (name) VALUES ('credsql')",
			WantErr: "409 Conflict (resource_already_exists)",
		},
		{
			Name:    "INSERT of another column names the insertable ones",
			SQL:     "INSERT INTO opa_service_users (name, status) VALUES ('x', 'DISABLED')",
			WantErr: "the insertable columns are name",
			Calls:   testenv.N(0),
		},
		{
			Name: "UPDATE status sends name and status",
			SQL:  "UPDATE opa_service_users SET status = 'DISABLED' WHERE name = 'ci-deploy'",
			Want: [][]any{{int64(1)}},
			// The token, the statement's read, the user's keys (is it the user credsql
			// authenticates as?), the PUT.
			Calls:  testenv.N(4),
			Routes: map[routes.Route]int{opaUserRoute: 1, opaPutRoute: 1},
			After:  func(t *testing.T, e *testenv.Env) { opaStatus(t, e, "ci-deploy", "DISABLED") },
		},
		{
			Name: "UPDATE can rename",
			SQL:  "UPDATE opa_service_users SET name = 'ci-deploy-2', status = 'ACTIVE' WHERE name = 'ci-deploy'",
			Want: [][]any{{int64(1)}},
			After: func(t *testing.T, e *testenv.Env) {
				opaStatus(t, e, "ci-deploy-2", "ACTIVE")
				if rows := e.MustQuery("SELECT * FROM opa_service_users WHERE name = 'ci-deploy'"); len(rows) != 0 {
					t.Errorf("old name still there: %v", rows)
				}
			},
		},
		{
			Name:    "UPDATE to an unknown status is refused before the PUT",
			SQL:     "UPDATE opa_service_users SET status = 'PAUSED' WHERE name = 'ci-deploy'",
			WantErr: `status must be ACTIVE, DISABLED or DELETED, not "PAUSED"`,
			Routes:  map[routes.Route]int{opaPutRoute: 0},
		},
		{
			Name:    "UPDATE without the key is refused in safe mode",
			SQL:     "UPDATE opa_service_users SET status = 'DISABLED' WHERE status = 'ACTIVE'",
			WantErr: "safe update mode",
			Calls:   testenv.N(0),
		},
		{
			Name: "DELETE is the soft delete: one PUT",
			SQL:  "DELETE FROM opa_service_users WHERE name = 'ci-deploy'",
			Want: [][]any{{int64(1)}},
			// The token, a read (already deleted?), the user's keys (the user credsql
			// authenticates as?), the PUT.
			Calls:  testenv.N(4),
			Routes: map[routes.Route]int{opaPutRoute: 1},
			After: func(t *testing.T, e *testenv.Env) {
				opaStatus(t, e, "ci-deploy", "DELETED")
				if rows := e.MustQuery("SELECT deleted_at IS NOT NULL FROM opa_service_users WHERE name = 'ci-deploy'"); rows[0][0] != int64(1) {
					t.Errorf("deleted_at not set: %v", rows)
				}
			},
		},
		{
			Name: "DELETE of an unknown user deletes nothing",
			SQL:  "DELETE FROM opa_service_users WHERE name = 'nobody'",
			Want: [][]any{{int64(0)}},
		},
	})
	testenv.Run(t, testenv.Options{Settings: tables.Settings{ReadOnly: true}}, []testenv.Case{{
		Name:    "read-only refuses INSERT before any call",
		SQL:     "INSERT INTO opa_service_users (name) VALUES ('x')",
		WantErr: "read-only",
		Calls:   testenv.N(0),
	}})
}

func TestOPAKeyRejected(t *testing.T) {
	t.Parallel()
	testenv.Run(t, testenv.Options{Configure: func(cfg *config.Config) {
		for i, c := range cfg.Connections {
			if c.Vendor == config.OPA {
				c.KeySecret, c.Source = "wrong-opa-secret", "environment variables "+config.EnvHint(config.OPA)
				cfg.Connections[i] = c
			}
		}
	}}, []testenv.Case{{
		Name:    "a wrong key names the connection and the variables",
		SQL:     "SELECT * FROM opa_service_users",
		WantErr: `Okta Privileged Access connection "demo": POST /v1/teams/{team_name}/service_token: 401 Unauthorized (authentication_error)`,
		Calls:   testenv.N(1),
		After: func(t *testing.T, e *testenv.Env) {
			_, err := e.Query("SELECT * FROM opa_service_user_keys")
			if err == nil || !strings.Contains(err.Error(), "OPA_KEY_SECRET") || strings.Contains(err.Error(), "wrong-opa-secret") {
				t.Errorf("error %v: want the variables named and the secret hidden", err)
			}
		},
	}})
}
