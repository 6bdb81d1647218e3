package tables_test

import (
	"github.com/credsql/credsql/internal/routes"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/config"
	"github.com/credsql/credsql/internal/routes/zitiroutes"
	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/tables"
	"github.com/credsql/credsql/internal/testenv"
)

var (
	zitiLoginRoute = zitiroutes.Authenticate
	zitiListRoute  = zitiroutes.ListMyAuthenticators
	zitiGetRoute   = zitiroutes.GetMyAuthenticator
)

// colIndex is the position of a column in a table's full row (and in a procedure's result).
func colIndex(t *testing.T, table, column string) int {
	t.Helper()
	d, ok := tables.Lookup(table)
	if !ok {
		t.Fatalf("no table %s", table)
	}
	i := d.Meta().Column(column)
	if i < 0 {
		t.Fatalf("no column %s.%s", table, column)
	}
	return i
}

func zitiID(e *testenv.Env, method string) string {
	return e.MustQuery("SELECT id FROM ziti_authenticators WHERE method = '" + method + "' ORDER BY id LIMIT 1")[0][0].(string)
}

// zitiFilters returns the filter parameter of every authenticator list call.
func zitiFilters(e *testenv.Env) []string {
	var out []string
	for _, c := range e.Sim.Calls() {
		if c.Entry == zitiListRoute {
			q, _ := url.ParseQuery(c.Query)
			out = append(out, q.Get("filter"))
		}
	}
	return out
}

func TestZitiAuthenticators(t *testing.T) {
	t.Parallel()
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			Name: "every page, after one login",
			SQL:  "SELECT id, method FROM ziti_authenticators",
			// 6 authenticators at 2 per page, and the login.
			WantCount: 6,
			Calls:     testenv.N(4),
			Routes:    map[routes.Route]int{zitiLoginRoute: 1, zitiListRoute: 3},
		},
		{
			Name:      "method equality is pushed into the filter",
			SQL:       "SELECT id, method FROM ziti_authenticators WHERE method = 'cert'",
			WantCount: 5,
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				fs := zitiFilters(e)
				if len(fs) != 3 {
					t.Fatalf("%d list calls, want 3", len(fs))
				}
				for _, f := range fs {
					if f != `(method = "cert")` {
						t.Errorf("filter %q", f)
					}
				}
			},
			Calls: testenv.N(4),
		},
		{
			Name:      "method IN lists each method",
			SQL:       "SELECT id FROM ziti_authenticators WHERE method IN ('updb', 'cert')",
			WantCount: 6,
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				got := strings.Join(zitiFilters(e), " ")
				if strings.Count(got, `(method = "cert")`) != 3 || strings.Count(got, `(method = "updb")`) != 1 {
					t.Errorf("filters %q", got)
				}
			},
			Calls: testenv.N(5),
		},
		{
			Name: "NOT is evaluated by the engine, never pushed",
			SQL:  "SELECT username FROM ziti_authenticators WHERE NOT method = 'cert'",
			Want: [][]any{{"credsql-bot"}},
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				for _, f := range zitiFilters(e) {
					if f != "" {
						t.Errorf("pushed %q", f)
					}
				}
			},
		},
		{
			Name: "id equality is one get",
			SQLFunc: func(e *testenv.Env) string {
				return "SELECT username FROM ziti_authenticators WHERE id = '" + zitiID(e, "updb") + "'"
			},
			Want:   [][]any{{"credsql-bot"}},
			Calls:  testenv.N(1),
			Routes: map[routes.Route]int{zitiGetRoute: 1},
		},
		{
			Name:      "unknown id is no row",
			SQL:       "SELECT * FROM ziti_authenticators WHERE id = 'nope'",
			CountSet:  true,
			WantCount: 0,
			Routes:    map[routes.Route]int{zitiGetRoute: 1, zitiListRoute: 0},
		},
		{
			Name:      "LIMIT 2 reads one page",
			SQL:       "SELECT id FROM ziti_authenticators LIMIT 2",
			WantCount: 2,
			Calls:     testenv.N(2),
		},
		{
			Name: "certificate columns are decoded from cert_pem",
			SQL:  "SELECT method, cert_key_type IS NOT NULL, cert_not_after IS NOT NULL, cert_sha256 IS NOT NULL FROM ziti_authenticators ORDER BY method",
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				for _, r := range rows {
					want := int64(1)
					if r[0] == "updb" {
						want = 0
					}
					if r[1] != want || r[2] != want || r[3] != want {
						t.Errorf("row %v", r)
					}
				}
			},
		},
		{
			Name: "one network certificate expires within 30 days",
			SQL:  "SELECT is_issued_by_network FROM ziti_authenticators WHERE cert_not_after BETWEEN NOW() AND NOW() + INTERVAL 30 DAY",
			Want: [][]any{{int64(1)}},
		},
		{
			Name: "tags are JSON",
			SQL:  "SELECT JSON_UNQUOTE(JSON_EXTRACT(tags, '$.owner')) FROM ziti_authenticators WHERE JSON_EXTRACT(tags, '$.owner') IS NOT NULL",
			Want: [][]any{{"partner"}},
		},
		{
			Name:    "no DELETE: the error names the procedures",
			SQL:     "DELETE FROM ziti_authenticators WHERE id = 'x'",
			WantErr: "ziti_authenticators does not support DELETE: it supports CALL ziti_authenticators_update",
			Calls:   testenv.N(0),
		},
	})
}

func TestZitiAuthenticatorPasswordProcedures(t *testing.T) {
	t.Parallel()
	updb := func(sql string) func(e *testenv.Env) string {
		return func(e *testenv.Env) string { return strings.ReplaceAll(sql, "ID", zitiID(e, "updb")) }
	}
	username := func(want string) func(t *testing.T, e *testenv.Env, rows [][]any) {
		return func(t *testing.T, e *testenv.Env, rows [][]any) {
			if len(rows) != 1 || rows[0][colIndex(t, "ziti_authenticators", "username")] != want {
				t.Errorf("rows %v, want username %s", rows, want)
			}
			if got := e.MustQuery("SELECT username FROM ziti_authenticators WHERE method = 'updb'"); got[0][0] != want {
				t.Errorf("username read back %v", got)
			}
		}
	}
	const wrong = "wr0ng-current-pass"
	wrongSQL := "CALL ziti_authenticators_update('ID', '" + wrong + "', 'credsql-bot', 'n3w-passw0rd')"
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			Name:    "CALL update replaces username and password",
			SQLFunc: updb("CALL ziti_authenticators_update('ID', 'sim-ziti-password', 'credsql-bot2', 'n3w-passw0rd')"),
			Check:   username("credsql-bot2"),
			// GET (tags and method), PUT, GET.
			Calls: testenv.N(3),
		},
		{
			Name:    "EXEC update takes named parameters in any order",
			SQLFunc: updb("EXEC ziti_authenticators.update @password = 'n3w-passw0rd', @username = 'credsql-bot3', @current_password = 'sim-ziti-password', @id = 'ID'"),
			Check:   username("credsql-bot3"),
			Calls:   testenv.N(3),
		},
		{
			Name:    "a wrong current password is the user's error: no login, no password in it",
			SQLFunc: updb(wrongSQL),
			WantErr: "currentPassword: invalid current password",
			Calls:   testenv.N(2),
			Routes:  map[routes.Route]int{zitiLoginRoute: 0},
			After: func(t *testing.T, e *testenv.Env) {
				q := updb(wrongSQL)(e)
				_, err := e.Query(q)
				errs := []error{err}
				if e.Addr() != "" {
					_, werr := e.WireQuery(q)
					errs = append(errs, werr)
				}
				for _, err := range errs {
					if err == nil || strings.Contains(err.Error(), wrong) || strings.Contains(err.Error(), "n3w-passw0rd") {
						t.Errorf("error %v: want an error without the passwords", err)
					}
				}
				if n := e.Sim.ZitiLogins(); n != 1 {
					t.Errorf("%d logins, want 1", n)
				}
			},
		},
		{
			Name: "update refuses a cert authenticator before the PUT",
			SQLFunc: func(e *testenv.Env) string {
				return "CALL ziti_authenticators_update('" + zitiID(e, "cert") + "', 'pw123', 'user', 'pw1234')"
			},
			WantErr: "only updb (password) authenticators can be updated",
			Calls:   testenv.N(1),
		},
		{
			Name:    "a missing required parameter is named before any call",
			SQL:     "CALL ziti_authenticators_update('x', '', 'user', 'pw1234')",
			WantErr: "parameter current_password is required",
			Calls:   testenv.N(0),
		},
		{
			Name:    "CALL patch with NULL username changes the password only",
			SQLFunc: updb("CALL ziti_authenticators_patch('ID', 'sim-ziti-password', NULL, 'n3w-passw0rd')"),
			Check:   username("credsql-bot"),
			Calls:   testenv.N(2),
		},
		{
			Name:    "CALL patch with '' password changes the username only",
			SQLFunc: updb("CALL ziti_authenticators_patch('ID', 'sim-ziti-password', 'renamed-bot', '')"),
			Check:   username("renamed-bot"),
			Calls:   testenv.N(2),
		},
		{
			Name:    "EXEC patch leaves out optional parameters",
			SQLFunc: updb("EXEC ziti_authenticators.patch @id = 'ID', @current_password = 'sim-ziti-password', @username = 'exec-bot'"),
			Check:   username("exec-bot"),
			Calls:   testenv.N(2),
		},
		{
			Name:    "EXEC syntax errors never quote a procedure that takes passwords",
			SQL:     "EXEC ziti_authenticators.update @id = 'x', @current_password = 's3cret-pw' @username = 'u'",
			WantErr: "expected ',' between parameters at character",
			Calls:   testenv.N(0),
			After: func(t *testing.T, e *testenv.Env) {
				for _, q := range []string{
					"EXEC ziti_authenticators.update @id = 'x', @current_password = 's3cret-pw' @username = 'u'",
					"EXEC ziti_authenticators.patch @id = 'x', @current_password = 's3cret-pw, @username = 'u'",
				} {
					if _, err := e.Query(q); err == nil || strings.Contains(err.Error(), "s3cret") {
						t.Errorf("%s: error %v", q, err)
					}
				}
			},
		},
		{
			Name:    "patch with nothing to change is refused before any call",
			SQL:     "CALL ziti_authenticators_patch('x', 'sim-ziti-password', NULL, NULL)",
			WantErr: "nothing to change",
			Calls:   testenv.N(0),
		},
		{
			Name: "extend on a password connection needs mTLS",
			SQLFunc: func(e *testenv.Env) string {
				return "CALL ziti_authenticators_extend('" + zitiID(e, "cert") + "', '" + testenv.CSRPEM(e.T) + "')"
			},
			WantErr: "mTLS",
			Calls:   testenv.N(0),
		},
	})
	testenv.Run(t, testenv.Options{Settings: tables.Settings{ReadOnly: true}}, []testenv.Case{{
		Name:    "read-only refuses before any call",
		SQL:     "CALL ziti_authenticators_update('x', 'sim-ziti-password', 'credsql-bot', 'n3w-passw0rd')",
		WantErr: "read-only",
		Calls:   testenv.N(0),
	}})
}

// zitiCertLogin switches the demo OpenZiti connection to certificate login over mTLS.
func zitiCertLogin(t *testing.T) func(*sim.Server, *config.Config) {
	return func(s *sim.Server, cfg *config.Config) {
		dir := t.TempDir()
		certPEM, keyPEM := s.ZitiClientCertPEM()
		files := map[string]string{"client.pem": certPEM, "client.key": keyPEM, "ca.pem": sim.CAPEM()}
		for name, content := range files {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		u := s.StartTLS()
		for i, c := range cfg.Connections {
			if c.Vendor == config.Ziti {
				c.URL, c.Username, c.Password = u+sim.ZitiPrefix, "", ""
				c.ClientCertFile, c.ClientKeyFile, c.CAFile = filepath.Join(dir, "client.pem"), filepath.Join(dir, "client.key"), filepath.Join(dir, "ca.pem")
				cfg.Connections[i] = c
			}
		}
	}
}

func loginAuthenticator(e *testenv.Env) string {
	return e.MustQuery("SELECT authenticator_id FROM ziti_api_sessions")[0][0].(string)
}

func TestZitiCertificateProcedures(t *testing.T) {
	t.Parallel()
	certPEM := func(t *testing.T, rows [][]any, col int) string {
		t.Helper()
		if len(rows) != 1 {
			t.Fatalf("rows %v", rows)
		}
		s, _ := rows[0][col].(string)
		if !strings.HasPrefix(s, "-----BEGIN CERTIFICATE-----") {
			t.Fatalf("column %d is not a certificate: %v", col, rows[0][col])
		}
		return s
	}
	checkExtend := func(t *testing.T, e *testenv.Env, rows [][]any) {
		n := len(rows[0])
		certPEM(t, rows, n-2)
		if rows[0][n-1] != sim.CAPEM() {
			t.Errorf("ca column %v", rows[0][n-1])
		}
		if rows[0][colIndex(t, "ziti_authenticators", "method")] != "cert" {
			t.Errorf("row %v", rows[0])
		}
	}
	extendSQL := func(e *testenv.Env) string {
		return "CALL ziti_authenticators_extend('" + loginAuthenticator(e) + "', '" + testenv.CSRPEM(e.T) + "')"
	}
	testenv.Run(t, testenv.Options{ConfigureSim: zitiCertLogin(t)}, []testenv.Case{
		{
			Name:  "certificate login over mTLS",
			SQL:   "SELECT is_cert_extendable, identity_name FROM ziti_api_sessions",
			Want:  [][]any{{int64(1), "credsql-bot"}},
			Calls: testenv.N(2),
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				if q := e.Sim.Calls()[0].Query; q != "method=cert" {
					t.Errorf("login %s", e.Sim.Calls()[0])
				}
			},
		},
		{
			Name:    "CALL extend returns the new certificate and the CA",
			SQLFunc: extendSQL,
			Check:   checkExtend,
			Calls:   testenv.N(2),
		},
		{
			Name: "EXEC extend",
			SQLFunc: func(e *testenv.Env) string {
				return "EXEC ziti_authenticators.extend @client_cert_csr = '" + testenv.CSRPEM(e.T) + "', @id = '" + loginAuthenticator(e) + "'"
			},
			Check: checkExtend,
			Calls: testenv.N(2),
		},
		{
			Name:    "extend refuses a malformed CSR before any call",
			SQL:     "CALL ziti_authenticators_extend('x', 'not a CSR')",
			WantErr: "client_cert_csr is not a certificate signing request",
			Calls:   testenv.N(0),
		},
		{
			Name: "CALL extend_verify installs the new certificate",
			SQLFunc: func(e *testenv.Env) string {
				rows := e.MustQuery(extendSQL(e))
				cert := rows[0][len(rows[0])-2].(string)
				return "CALL ziti_authenticators_extend_verify('" + loginAuthenticator(e) + "', '" + cert + "')"
			},
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				got := certPEM(t, rows, colIndex(t, "ziti_authenticators", "cert_pem"))
				var last routes.Route
				for _, c := range e.Sim.Calls() {
					last = c.Entry
				}
				if last != zitiGetRoute || got == "" {
					t.Errorf("last call %s", last)
				}
			},
			Calls: testenv.N(2),
		},
		{
			Name: "EXEC extend_verify",
			SQLFunc: func(e *testenv.Env) string {
				rows := e.MustQuery(extendSQL(e))
				cert := rows[0][len(rows[0])-2].(string)
				return "EXEC ziti_authenticators.extend_verify @client_cert = '" + cert + "', @id = '" + loginAuthenticator(e) + "'"
			},
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				certPEM(t, rows, colIndex(t, "ziti_authenticators", "cert_pem"))
			},
			Routes: map[routes.Route]int{zitiroutes.ExtendVerify: 1},
		},
		{
			Name:    "extend_verify refuses what is not a certificate",
			SQL:     "EXEC ziti_authenticators.extend_verify @id = 'x', @client_cert = 'garbage'",
			WantErr: "client_cert",
			Calls:   testenv.N(0),
		},
	})
}
