package tables_test

import (
	"crypto/sha1"
	"encoding/hex"
	"encoding/pem"
	"github.com/credsql/credsql/internal/routes"
	"net/url"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/routes/zitiroutes"
	"github.com/credsql/credsql/internal/tables"
	"github.com/credsql/credsql/internal/testenv"
)

// The admin views of the OpenZiti network. Expected values are the simulator's fixed data set
// written out by hand (internal/sim/ziti_estate.go): nine identities, thirteen authenticators
// (the current identity's six and seven of others), four pending enrollments; certificate
// expiries and enrollment expiries fall on whole days from the simulator's Now.

var (
	zitiIdentitiesRoute   = zitiroutes.ListIdentities
	zitiIdentityRoute     = zitiroutes.GetIdentity
	zitiIdentityAuthRoute = zitiroutes.ListIdentityAuthenticators
	zitiAllAuthRoute      = zitiroutes.ListAuthenticators
	zitiAnyAuthRoute      = zitiroutes.GetAuthenticator
	zitiDelAuthRoute      = zitiroutes.DeleteAuthenticator
	zitiEnrollmentsRoute  = zitiroutes.ListEnrollments
	zitiEnrollmentRoute   = zitiroutes.GetEnrollment
	zitiDelEnrollRoute    = zitiroutes.DeleteEnrollment
	zitiRefreshRoute      = zitiroutes.RefreshEnrollment
)

// filtersOf returns the filter parameter of every call to route.
func filtersOf(e *testenv.Env, route routes.Route) []string {
	var out []string
	for _, c := range e.Sim.Calls() {
		if c.Entry == route {
			v, _ := url.ParseQuery(c.Query)
			out = append(out, v.Get("filter"))
		}
	}
	return out
}

func identityID(e *testenv.Env, name string) string {
	return e.MustQuery("SELECT id FROM ziti_identities WHERE name = " + q(name))[0][0].(string)
}

// day is the simulator's Now plus n days.
func day(e *testenv.Env, n int) time.Time {
	return e.Sim.Options().Now.Add(time.Duration(n) * 24 * time.Hour).UTC()
}

// b2i is a BOOLEAN as the engine returns it.
func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func asTime(t *testing.T, v any) time.Time {
	t.Helper()
	switch x := v.(type) {
	case time.Time:
		return x.UTC()
	case string:
		for _, l := range []string{"2006-01-02 15:04:05.999999", "2006-01-02 15:04:05"} {
			if tt, err := time.Parse(l, x); err == nil {
				return tt
			}
		}
	case []byte:
		return asTime(t, string(x))
	}
	t.Fatalf("not a time: %T %v", v, v)
	return time.Time{}
}

func TestZitiIdentities(t *testing.T) {
	t.Parallel()
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			Name: "every identity, every page",
			SQL:  "SELECT name, type FROM ziti_identities ORDER BY name",
			Want: [][]any{{"Default Admin", "Default"}, {"credsql-bot", "Default"}, {"edge-router-eu", "Router"}, {"iot-sensor", "Default"},
				{"laptop-alice", "Default"}, {"laptop-bob", "Default"}, {"ops-carol", "Default"}, {"partner-gw", "Default"}, {"svc-billing", "Default"}},
			// 9 identities at 2 per page, and the login.
			Calls:  testenv.N(6),
			Routes: map[routes.Route]int{zitiLoginRoute: 1, zitiIdentitiesRoute: 5},
		},
		{
			Name: "flags",
			SQL:  "SELECT name, is_admin, is_default_admin, disabled, disabled_at IS NOT NULL FROM ziti_identities WHERE is_admin OR disabled ORDER BY name",
			Want: [][]any{{"Default Admin", int64(1), int64(1), int64(0), int64(0)}, {"credsql-bot", int64(1), int64(0), int64(0), int64(0)},
				{"svc-billing", int64(0), int64(0), int64(1), int64(1)}},
		},
		{
			Name: "name equality is pushed into the filter",
			SQL:  "SELECT name, external_id, tags FROM ziti_identities WHERE name = 'partner-gw'",
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				if len(rows) != 1 || rows[0][1] != "partner-42" || !strings.Contains(str(rows[0][2]), `"owner"`) {
					t.Errorf("rows %v", rows)
				}
				for _, f := range filtersOf(e, zitiIdentitiesRoute) {
					if f != `(name = "partner-gw")` {
						t.Errorf("filter %q", f)
					}
				}
			},
			Routes: map[routes.Route]int{zitiIdentitiesRoute: 1},
		},
		{
			Name: "id equality is one get",
			SQLFunc: func(e *testenv.Env) string {
				return "SELECT name FROM ziti_identities WHERE id = " + q(identityID(e, "laptop-bob"))
			},
			Want:   [][]any{{"laptop-bob"}},
			Calls:  testenv.N(1),
			Routes: map[routes.Route]int{zitiIdentityRoute: 1},
		},
		{
			Name:      "unknown id is no row",
			SQL:       "SELECT * FROM ziti_identities WHERE id = 'nope'",
			CountSet:  true,
			WantCount: 0,
			Routes:    map[routes.Route]int{zitiIdentityRoute: 1, zitiIdentitiesRoute: 0},
		},
		{
			Name: "pending enrollments are listed without their tokens",
			SQL:  "SELECT enrollments FROM ziti_identities WHERE name = 'laptop-bob'",
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				got := str(rows[0][0])
				tok := e.MustQuery("SELECT token FROM ziti_enrollments /*+ SET_VAR(credsql_reveal_secrets = ON) */ WHERE identity_name = 'laptop-bob'")
				if !strings.Contains(got, `"ott"`) || !strings.Contains(got, `"expiresAt"`) {
					t.Errorf("enrollments %s", got)
				}
				if strings.Contains(got, "token") || strings.Contains(got, "jwt") {
					t.Errorf("enrollments carry a secret: %s (token %v)", got, tok)
				}
			},
		},
		{
			Name: "the authenticators column shows one per method",
			SQL:  "SELECT JSON_EXTRACT(authenticators, '$.updb.username') FROM ziti_identities WHERE name = 'svc-billing'",
			Want: [][]any{{`"billing"`}},
		},
	})
}

func TestZitiIdentityAuthenticators(t *testing.T) {
	t.Parallel()
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			Name:      "every identity's authenticators, every page",
			SQL:       "SELECT id FROM ziti_identity_authenticators",
			WantCount: 13,
			// 13 at 2 per page, and the login.
			Calls:  testenv.N(8),
			Routes: map[routes.Route]int{zitiAllAuthRoute: 7},
		},
		{
			Name: "per identity and method",
			SQL:  "SELECT identity_name, method, COUNT(*) FROM ziti_identity_authenticators GROUP BY identity_name, method ORDER BY identity_name, method",
			Want: [][]any{{"Default Admin", "updb", int64(1)}, {"credsql-bot", "cert", int64(5)}, {"credsql-bot", "updb", int64(1)},
				{"edge-router-eu", "cert", int64(1)}, {"iot-sensor", "cert", int64(1)}, {"laptop-alice", "cert", int64(1)},
				{"partner-gw", "cert", int64(1)}, {"svc-billing", "cert", int64(1)}, {"svc-billing", "updb", int64(1)}},
		},
		{
			Name:      "method equality is pushed into the filter",
			SQL:       "SELECT id FROM ziti_identity_authenticators WHERE method = 'updb'",
			WantCount: 3,
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				fs := filtersOf(e, zitiAllAuthRoute)
				if len(fs) != 2 {
					t.Errorf("%d list calls, want 2", len(fs))
				}
				for _, f := range fs {
					if f != `(method = "updb")` {
						t.Errorf("filter %q", f)
					}
				}
			},
		},
		{
			Name: "a pinned identity reads its own authenticators in one call",
			SQLFunc: func(e *testenv.Env) string {
				return "SELECT method, username FROM ziti_identity_authenticators WHERE identity_id = " + q(identityID(e, "svc-billing")) + " ORDER BY method"
			},
			Want:   [][]any{{"cert", nil}, {"updb", "billing"}},
			Calls:  testenv.N(1),
			Routes: map[routes.Route]int{zitiIdentityAuthRoute: 1, zitiAllAuthRoute: 0},
		},
		{
			Name:      "an unknown identity has no authenticators",
			SQL:       "SELECT * FROM ziti_identity_authenticators WHERE identity_id = 'nope'",
			CountSet:  true,
			WantCount: 0,
			Routes:    map[routes.Route]int{zitiIdentityAuthRoute: 1},
		},
		{
			Name: "id equality is one get",
			SQLFunc: func(e *testenv.Env) string {
				return "SELECT identity_name, username FROM ziti_identity_authenticators WHERE id = " +
					q(first(e.T, e, "SELECT id FROM ziti_identity_authenticators WHERE username = 'admin'"))
			},
			Want:   [][]any{{"Default Admin", "admin"}},
			Calls:  testenv.N(1),
			Routes: map[routes.Route]int{zitiAnyAuthRoute: 1},
		},
		{
			Name: "certificate expiries across every identity",
			SQL: "SELECT identity_name, cert_not_after, is_issued_by_network, cert_self_signed FROM ziti_identity_authenticators " +
				"WHERE method = 'cert' AND identity_name <> 'credsql-bot' ORDER BY cert_not_after",
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				want := []struct {
					name          string
					days          int
					network, self bool
				}{{"edge-router-eu", -10, true, false}, {"laptop-alice", 12, true, false}, {"iot-sensor", 45, true, false},
					{"svc-billing", 80, true, false}, {"partner-gw", 400, false, true}}
				if len(rows) != len(want) {
					t.Fatalf("rows %v", rows)
				}
				for i, w := range want {
					r := rows[i]
					if r[0] != w.name || !asTime(t, r[1]).Equal(day(e, w.days)) || r[2] != b2i(w.network) || r[3] != b2i(w.self) {
						t.Errorf("row %d: %v, want %s expiring %s", i, r, w.name, day(e, w.days))
					}
				}
			},
		},
		{
			Name: "the fingerprint is the certificate's SHA-1, as openssl computes it",
			SQL:  "SELECT fingerprint, cert_pem, cert_subject FROM ziti_identity_authenticators WHERE identity_name = 'laptop-alice'",
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				fp, certPEM := str(rows[0][0]), str(rows[0][1])
				if _, err := exec.LookPath("openssl"); err == nil {
					cmd := exec.Command("openssl", "x509", "-noout", "-fingerprint", "-sha1")
					cmd.Stdin = strings.NewReader(certPEM)
					out, err := cmd.Output()
					if err != nil {
						t.Fatal(err)
					}
					_, hexfp, _ := strings.Cut(strings.TrimSpace(string(out)), "=")
					if want := strings.ToLower(strings.ReplaceAll(hexfp, ":", "")); fp != want {
						t.Errorf("fingerprint %s, openssl %s", fp, want)
					}
				} else {
					blk, _ := pem.Decode([]byte(certPEM))
					sum := sha1.Sum(blk.Bytes)
					if fp != hex.EncodeToString(sum[:]) {
						t.Errorf("fingerprint %s", fp)
					}
				}
				if !strings.Contains(str(rows[0][2]), "O=OpenZiti") {
					t.Errorf("subject %v", rows[0][2])
				}
			},
		},
	})
}

func TestZitiEnrollments(t *testing.T) {
	t.Parallel()
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			Name: "every pending enrollment",
			SQL:  "SELECT identity_name, method, expires_at, username, ca_id FROM ziti_enrollments ORDER BY identity_name",
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				want := []struct {
					name, method string
					days         int
					user, ca     any
				}{{"iot-sensor", "ott", -8, nil, nil}, {"laptop-bob", "ott", 2, nil, nil},
					{"ops-carol", "updb", -20, "carol", nil}, {"partner-gw", "ottca", -3, nil, "partner-ca"}}
				if len(rows) != len(want) {
					t.Fatalf("rows %v", rows)
				}
				for i, w := range want {
					r := rows[i]
					if r[0] != w.name || r[1] != w.method || !asTime(t, r[2]).Equal(day(e, w.days)) || r[3] != w.user || r[4] != w.ca {
						t.Errorf("row %d: %v, want %v", i, r, w)
					}
				}
			},
			// 4 at 2 per page, and the login.
			Calls:  testenv.N(3),
			Routes: map[routes.Route]int{zitiEnrollmentsRoute: 2},
		},
		{
			Name: "tokens and JWTs are masked",
			SQL:  "SELECT token, jwt FROM ziti_enrollments WHERE identity_name = 'laptop-bob'",
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				for _, v := range rows[0] {
					if s := str(v); !strings.HasPrefix(s, "****") || len(s) != 8 {
						t.Errorf("not masked: %q", s)
					}
				}
			},
		},
		{
			Name: "method and identity are pushed into the filter",
			SQLFunc: func(e *testenv.Env) string {
				return "SELECT identity_name FROM ziti_enrollments WHERE method = 'ott' AND identity_id = " + q(identityID(e, "laptop-bob"))
			},
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				if len(rows) != 1 || rows[0][0] != "laptop-bob" {
					t.Errorf("rows %v", rows)
				}
				fs := filtersOf(e, zitiEnrollmentsRoute)
				if len(fs) != 1 || !strings.HasPrefix(fs[0], `(method = "ott") and (identity = "`) {
					t.Errorf("filters %q", fs)
				}
			},
		},
		{
			Name: "id equality is one get",
			SQLFunc: func(e *testenv.Env) string {
				return "SELECT identity_name FROM ziti_enrollments WHERE id = " + q(first(e.T, e, "SELECT id FROM ziti_enrollments WHERE method = 'updb'"))
			},
			Want:   [][]any{{"ops-carol"}},
			Calls:  testenv.N(1),
			Routes: map[routes.Route]int{zitiEnrollmentRoute: 1},
		},
		{
			Name: "DELETE by id",
			SQLFunc: func(e *testenv.Env) string {
				return "DELETE FROM ziti_enrollments WHERE id = " + q(first(e.T, e, "SELECT id FROM ziti_enrollments WHERE identity_name = 'ops-carol'"))
			},
			Want:   [][]any{{int64(1)}},
			Routes: map[routes.Route]int{zitiDelEnrollRoute: 1},
			After: func(t *testing.T, e *testenv.Env) {
				if n := e.Sim.ZitiEnrollments(); n != 3 {
					t.Errorf("%d enrollments left, want 3", n)
				}
			},
		},
		{
			Name: "refresh sets the expiry and issues a new token",
			SQLFunc: func(e *testenv.Env) string {
				return "CALL ziti_enrollments_refresh(" + q(first(e.T, e, "SELECT id FROM ziti_enrollments WHERE identity_name = 'ops-carol'")) + ", '2099-01-02 03:04:05')"
			},
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				if len(rows) != 1 {
					t.Fatalf("rows %v", rows)
				}
				at := rows[0][colIndex(t, "ziti_enrollments", "expires_at")]
				if !asTime(t, at).Equal(time.Date(2099, 1, 2, 3, 4, 5, 0, time.UTC)) {
					t.Errorf("expires_at %v", at)
				}
			},
			Routes: map[routes.Route]int{zitiRefreshRoute: 1, zitiEnrollmentRoute: 1},
		},
		{
			Name: "refresh to a past time is refused by the controller",
			SQLFunc: func(e *testenv.Env) string {
				return "CALL ziti_enrollments_refresh(" + q(first(e.T, e, "SELECT id FROM ziti_enrollments WHERE identity_name = 'ops-carol'")) + ", '2001-01-01')"
			},
			WantErr: "expiresAt must be in the future",
			Routes:  map[routes.Route]int{zitiRefreshRoute: 1},
		},
		{
			Name:    "refresh with a time that is not one",
			SQL:     "CALL ziti_enrollments_refresh('x', 'next tuesday')",
			WantErr: "is not a time",
			Routes:  map[routes.Route]int{zitiRefreshRoute: 0},
		},
	})
}

func TestZitiEstateTokenChangesOnRefresh(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{NoWire: true})
	e.MustQuery("SET credsql_reveal_secrets = ON")
	id := first(t, e, "SELECT id FROM ziti_enrollments WHERE identity_name = 'laptop-bob'")
	before := e.MustQuery("SELECT token, jwt FROM ziti_enrollments WHERE id = " + q(id))[0]
	e.MustQuery("CALL ziti_enrollments_refresh(" + q(id) + ", '2099-01-01 00:00:00')")
	after := e.MustQuery("SELECT token, jwt FROM ziti_enrollments WHERE id = " + q(id))[0]
	if before[0] == after[0] || before[1] == after[1] {
		t.Errorf("token or JWT unchanged by the refresh: %v", after)
	}
}

func TestZitiOwnAuthenticatorGuard(t *testing.T) {
	t.Parallel()
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			Name: "deleting the authenticator the connection logged in with",
			SQLFunc: func(e *testenv.Env) string {
				return "DELETE FROM ziti_identity_authenticators WHERE id = " + q(loginAuthenticator(e))
			},
			WantErr: "is the one connection \"demo\" logged in with",
			Routes:  map[routes.Route]int{zitiDelAuthRoute: 0},
		},
		{
			Name: "the refusal is error 1290",
			SQLFunc: func(e *testenv.Env) string {
				return "DELETE FROM ziti_identity_authenticators WHERE id = " + q(loginAuthenticator(e))
			},
			WantErr: "1290",
		},
		{
			Name: "with the hint it is deleted",
			SQLFunc: func(e *testenv.Env) string {
				return "DELETE /*+ SET_VAR(credsql_force = ON) */ FROM ziti_identity_authenticators WHERE id = " + q(loginAuthenticator(e))
			},
			Want:   [][]any{{int64(1)}},
			Routes: map[routes.Route]int{zitiDelAuthRoute: 1},
		},
		{
			Name: "another identity's certificate is deleted without force",
			SQLFunc: func(e *testenv.Env) string {
				return "DELETE FROM ziti_identity_authenticators WHERE id = " + q(first(e.T, e, "SELECT id FROM ziti_identity_authenticators WHERE identity_name = 'edge-router-eu'"))
			},
			Want:   [][]any{{int64(1)}},
			Routes: map[routes.Route]int{zitiDelAuthRoute: 1},
			After: func(t *testing.T, e *testenv.Env) {
				if n := e.Sim.ZitiAllAuthenticators(); n != 12 {
					t.Errorf("%d authenticators left, want 12", n)
				}
			},
		},
		{
			Name: "deleting one of its own other authenticators shows in ziti_authenticators",
			SQLFunc: func(e *testenv.Env) string {
				return "DELETE FROM ziti_identity_authenticators WHERE id = " + q(first(e.T, e, "SELECT id FROM ziti_authenticators WHERE method = 'cert' AND NOT is_issued_by_network AND NOT last_auth_resolved_to_root"))
			},
			Want: [][]any{{int64(1)}},
			After: func(t *testing.T, e *testenv.Env) {
				if n := e.MustQuery("SELECT COUNT(*) FROM ziti_authenticators")[0][0]; n != int64(5) {
					t.Errorf("%v authenticators of the current identity, want 5", n)
				}
			},
		},
	})
}

func TestZitiEstateNeedsAdmin(t *testing.T) {
	t.Parallel()
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			Name:    "an identity that is not an administrator",
			SQL:     "SELECT * FROM ziti_enrollments",
			Setup:   func(e *testenv.Env) { e.Sim.SetZitiNotAdmin(true) },
			WantErr: "not an administrator",
		},
		{
			Name:    "is a missing privilege (1227), not a rejected credential",
			SQL:     "SELECT * FROM ziti_identities",
			Setup:   func(e *testenv.Env) { e.Sim.SetZitiNotAdmin(true) },
			WantErr: "1227",
		},
	})
	testenv.Run(t, testenv.Options{Settings: tables.Settings{ReadOnly: true}}, []testenv.Case{
		{
			Name:    "read-only refuses DELETE before any call",
			SQL:     "DELETE FROM ziti_enrollments WHERE id = 'x'",
			WantErr: "read-only",
			Calls:   testenv.N(0),
		},
		{
			Name:    "read-only refuses the refresh before any call",
			SQL:     "CALL ziti_enrollments_refresh('x', '2099-01-01')",
			WantErr: "read-only",
			Calls:   testenv.N(0),
		},
		{
			Name:    "read-only refuses deleting an authenticator before any call",
			SQL:     "DELETE FROM ziti_identity_authenticators WHERE id = 'x'",
			WantErr: "read-only",
			Calls:   testenv.N(0),
		},
	})
}
