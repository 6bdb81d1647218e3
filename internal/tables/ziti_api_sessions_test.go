package tables_test

import (
	"github.com/credsql/credsql/internal/routes"
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/config"
	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/routes/zitiroutes"
	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/testenv"
)

var zitiLogoutRoute = zitiroutes.Logout

func zitiLogIn(e *testenv.Env) { e.MustQuery("SELECT id FROM ziti_api_sessions") }

// loginsAfter checks that the next query logs in again: want logins in all.
func loginsAfter(want int) func(t *testing.T, e *testenv.Env) {
	return func(t *testing.T, e *testenv.Env) {
		e.MustQuery("SELECT id FROM ziti_authenticators LIMIT 1")
		if n := e.Sim.ZitiLogins(); n != want {
			t.Errorf("%d logins, want %d", n, want)
		}
	}
}

func TestZitiAPISessions(t *testing.T) {
	t.Parallel()
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			Name: "one row per connection, token masked",
			SQL:  "SELECT connection, identity_name, token, expiration_seconds, is_mfa_required, auth_queries FROM ziti_api_sessions",
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				if len(rows) != 1 {
					t.Fatalf("rows %v", rows)
				}
				r := rows[0]
				tok, _ := r[2].(string)
				if r[0] != "demo" || r[1] != "credsql-bot" || r[3] != int64(1800) || r[4] != int64(0) || r[5] != "[]" {
					t.Errorf("row %v", r)
				}
				if !strings.HasPrefix(tok, "****") || len(tok) != 8 {
					t.Errorf("token %q is not masked", tok)
				}
			},
			Calls:  testenv.N(2),
			Routes: map[routes.Route]int{zitiLoginRoute: 1},
		},
		{
			Name: "joins to the authenticator it logged in with",
			SQL:  "SELECT a.method, a.username FROM ziti_api_sessions s JOIN ziti_authenticators a ON a.id = s.authenticator_id",
			Want: [][]any{{"updb", "credsql-bot"}},
		},
		{
			Name:  "DELETE with the connection is a logout, one call",
			SQL:   "DELETE FROM ziti_api_sessions WHERE connection = 'demo'",
			Setup: zitiLogIn,
			Want:  [][]any{{int64(1)}},
			Calls: testenv.N(1),
			// The next query logs in again.
			Routes: map[routes.Route]int{zitiLogoutRoute: 1},
			After:  loginsAfter(2),
		},
		{
			Name:   "DELETE without WHERE needs no key (one row per connection)",
			SQL:    "DELETE FROM ziti_api_sessions",
			Setup:  zitiLogIn,
			Want:   [][]any{{int64(1)}},
			Calls:  testenv.N(2),
			Routes: map[routes.Route]int{zitiLogoutRoute: 1},
			After:  loginsAfter(2),
		},
		{
			Name:  "DELETE before any login deletes nothing and calls nothing",
			SQL:   "DELETE FROM ziti_api_sessions WHERE connection = 'demo'",
			Want:  [][]any{{int64(0)}},
			Calls: testenv.N(0),
		},
		{
			Name:    "no INSERT",
			SQL:     "INSERT INTO ziti_api_sessions (id) VALUES ('x')",
			WantErr: "does not support INSERT",
			Calls:   testenv.N(0),
		},
	})
	testenv.Run(t, testenv.Options{Engine: engine.Options{RevealSecrets: true}}, []testenv.Case{{
		Name: "revealed, the token is the session's",
		SQL:  "SELECT token FROM ziti_api_sessions",
		Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
			tok, _ := rows[0][0].(string)
			if len(tok) != 36 || strings.Contains(tok, "*") {
				t.Errorf("token %q", tok)
			}
		},
	}})
}

func TestZitiSessionExpiry(t *testing.T) {
	t.Parallel()
	testenv.Run(t, testenv.Options{}, []testenv.Case{{
		Name:  "an expired session is renewed once and the query goes on",
		SQL:   "SELECT id FROM ziti_authenticators",
		Setup: func(e *testenv.Env) { zitiLogIn(e); e.Sim.ExpireZitiSessions() },
		// 401, login, then 3 pages.
		WantCount: 6,
		Calls:     testenv.N(5),
		Routes:    map[routes.Route]int{zitiLoginRoute: 1},
	}})
}

func zitiConnection(edit func(s *sim.Server, c *config.Connection)) func(*sim.Server, *config.Config) {
	return func(s *sim.Server, cfg *config.Config) {
		for i := range cfg.Connections {
			if cfg.Connections[i].Vendor == config.Ziti {
				edit(s, &cfg.Connections[i])
			}
		}
	}
}

func TestZitiCredentialsRejected(t *testing.T) {
	t.Parallel()
	const envSource = "environment variables " + "ZITI_MGMT_URL and ZITI_USERNAME + ZITI_PASSWORD, ZITI_SESSION_TOKEN, or ZITI_CLIENT_CERT + ZITI_CLIENT_KEY"
	testenv.Run(t, testenv.Options{ConfigureSim: zitiConnection(func(_ *sim.Server, c *config.Connection) {
		c.Password, c.Source = "wrong-ziti-password", envSource
	})}, []testenv.Case{{
		Name:    "a wrong password names the connection and the variables",
		SQL:     "SELECT * FROM ziti_authenticators",
		WantErr: `OpenZiti connection "demo": POST /authenticate?method=password: 401 Unauthorized (INVALID_AUTH)`,
		Calls:   testenv.N(1),
		After: func(t *testing.T, e *testenv.Env) {
			_, err := e.Query("SELECT * FROM ziti_api_sessions")
			if err == nil || !strings.Contains(err.Error(), "ZITI_PASSWORD") || !strings.Contains(err.Error(), "username and password were rejected") ||
				strings.Contains(err.Error(), "wrong-ziti-password") {
				t.Errorf("error %v: want the variables named and the password hidden", err)
			}
		},
	}})

	var token string
	testenv.Run(t, testenv.Options{ConfigureSim: zitiConnection(func(s *sim.Server, c *config.Connection) {
		token = s.ZitiSessionToken()
		c.Username, c.Password, c.SessionToken = "", "", token
	})}, []testenv.Case{
		{
			Name:   "a given session token is used as is",
			SQL:    "SELECT authenticator_id IS NOT NULL FROM ziti_api_sessions",
			Want:   [][]any{{int64(1)}},
			Calls:  testenv.N(1),
			Routes: map[routes.Route]int{zitiLoginRoute: 0},
		},
		{
			Name:    "an expired given token is an error naming it, not a login",
			SQL:     "SELECT * FROM ziti_authenticators",
			Setup:   func(e *testenv.Env) { e.Sim.ExpireZitiSessions() },
			WantErr: "The session token was rejected",
			Calls:   testenv.N(1),
			After: func(t *testing.T, e *testenv.Env) {
				_, err := e.Query("SELECT * FROM ziti_api_sessions")
				if err == nil || strings.Contains(err.Error(), token) {
					t.Errorf("error %v leaks the token", err)
				}
			},
		},
	})
}
