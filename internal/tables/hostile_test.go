package tables_test

import (
	"bytes"
	"github.com/credsql/credsql/internal/routes"
	"io"
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"github.com/credsql/credsql/internal/routes/oparoutes"
	"github.com/credsql/credsql/internal/routes/zitiroutes"
	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/tables"
	"github.com/credsql/credsql/internal/testenv"
)

// Key values that would address another endpoint if they were put into a URL as they are.
var hostileKeys = []string{"../idps", "..", ".", "a/b", "x?limit=1", "x#frag", "100%", "%2F..%2F", "no such user", "a/../../apps"}

// TestHostileKeyValues: every key value becomes exactly one path segment of the route the
// query means, whatever it holds: the simulator, which routes on escaped segments as an API
// gateway does, sees the intended route once, and answers 404: no row (or, for a child table
// whose parent does not exist, the vendor's 404 naming that route), never another endpoint's
// data.
func TestHostileKeyValues(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{NoWire: true})
	// Log in first: logins are not the query's calls.
	e.MustQuery("SELECT COUNT(*) FROM ziti_api_sessions")
	e.MustQuery("SELECT COUNT(*) FROM opa_service_users")
	for _, tc := range []struct {
		query string       // %s is the hostile value
		route routes.Route // the one call it must make
	}{
		{"SELECT * FROM apps WHERE id = '%s'", oktaroutes.GetApp},
		{"SELECT * FROM app_keys WHERE app_id = '%s'", oktaroutes.ListAppKeys},
		{"SELECT * FROM app_keys WHERE app_id = '0oa1' AND kid = '%s'", oktaroutes.GetAppKey},
		{"SELECT * FROM apps_secrets WHERE app_id = '%s' AND id = 'ocs1'", oktaroutes.GetClientSecret},
		{"SELECT * FROM app_csrs WHERE app_id = '%s'", oktaroutes.ListAppCSRs},
		{"SELECT * FROM idps_keys WHERE kid = '%s'", oktaroutes.GetIdPKey},
		{"SELECT * FROM ziti_authenticators WHERE id = '%s'", zitiroutes.GetMyAuthenticator},
		{"SELECT * FROM opa_service_user_keys WHERE user_name = '%s'", oparoutes.ListKeys},
		{"DELETE FROM apps_secrets WHERE app_id = '0oa1' AND id = '%s'", oktaroutes.DeleteClientSecret},
		{"DELETE FROM idps_keys WHERE kid = '%s'", oktaroutes.DeleteIdPKey},
	} {
		for _, v := range hostileKeys {
			q := strings.ReplaceAll(tc.query, "%s", strings.ReplaceAll(v, "'", "''"))
			e.Sim.ResetCalls()
			rows, err := e.Query(q)
			if err != nil && (!strings.Contains(err.Error(), tc.route.Path) || !strings.Contains(err.Error(), "404 Not Found")) {
				t.Errorf("%s: %v", q, err)
				continue
			}
			want := 0
			if err != nil {
				want = len(rows)
			}
			if strings.HasPrefix(q, "DELETE") {
				want = 1 // the OK row: 0 rows affected
				if len(rows) == 1 && rows[0][0] != int64(0) {
					t.Errorf("%s: %v rows affected", q, rows[0][0])
				}
			}
			if len(rows) != want {
				t.Errorf("%s: %d rows, want none: %v", q, len(rows), rows)
			}
			var calls []sim.Call
			for _, c := range e.Sim.Calls() {
				// A DELETE of idps_keys first lists the IdPs, to refuse a key one trusts.
				if c.Entry != oktaroutes.ListIdPs {
					calls = append(calls, c)
				}
			}
			if len(calls) != 1 || calls[0].Entry != tc.route || calls[0].Status != 404 {
				t.Errorf("%s: calls %v (routes %v), want one %s answered 404", q, calls, callRoutes(calls), tc.route)
			}
		}
	}
}

func callRoutes(calls []sim.Call) []string {
	var out []string
	for _, c := range calls {
		out = append(out, c.Route)
	}
	return out
}

// TestEmptyKeyValues: an empty key value names no object. No call is made with an empty path
// segment (which would address the collection instead): the query has no rows, the DELETE
// affects none.
func TestEmptyKeyValues(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{NoWire: true})
	for _, d := range tables.All() {
		m := d.Meta()
		for _, k := range m.Keys {
			for _, q := range []string{
				"SELECT * FROM " + m.Name + " WHERE " + k + " = ''",
				"SELECT * FROM " + m.Name + " WHERE " + k + " IN ('', '')",
			} {
				e.Sim.ResetCalls()
				rows, err := e.Query(q)
				if err != nil {
					t.Errorf("%s: %v", q, err)
					continue
				}
				if len(rows) != 0 {
					t.Errorf("%s: %d rows", q, len(rows))
				}
				for _, c := range e.Sim.Calls() {
					if strings.Contains(c.Path, "//") || strings.HasSuffix(c.Path, "/") {
						t.Errorf("%s: called %s", q, c)
					}
				}
				if m.Parent != nil && k == m.Parent.Column && e.Sim.CallCount() > 0 {
					t.Errorf("%s: %d calls for an empty parent key: %v", q, e.Sim.CallCount(), e.Sim.Calls())
				}
			}
		}
		if m.CanDelete && len(m.Keys) > 0 {
			var where []string
			for _, k := range m.Keys {
				where = append(where, k+" = ''")
			}
			q := "DELETE FROM " + m.Name + " WHERE " + strings.Join(where, " AND ")
			e.Sim.ResetCalls()
			rows, err := e.Query(q)
			if err != nil || len(rows) != 1 || rows[0][0] != int64(0) {
				t.Errorf("%s: %v %v, want 0 rows affected", q, rows, err)
			}
			if n := e.Sim.CountMethod("DELETE"); n != 0 {
				t.Errorf("%s: %d DELETE calls: %v", q, n, e.Sim.Calls())
			}
		}
	}
}

// A vendor answer larger than fetch.MaxBody (64 MiB) is refused with a clear error, once:
// the same answer again would be as large.
func TestHugeBody(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{NoWire: true})
	e.Sim.Inject(sim.Injection{Entry: oktaroutes.ListApps, Kind: sim.FaultBody, Count: 5, Body: func(w io.Writer) {
		chunk := bytes.Repeat([]byte(" "), 1<<20)
		_, _ = w.Write([]byte("["))
		for range 65 {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
		_, _ = w.Write([]byte("]"))
	}})
	_, err := e.Query("SELECT id FROM apps")
	if err == nil || !strings.Contains(err.Error(), "GET /api/v1/apps: response body larger than 64 MiB") {
		t.Errorf("error %v, want the call and the size limit named", err)
	}
	waitIdle(t, e.Sim)
	if n := e.Sim.Count(oktaroutes.ListApps); n != 1 {
		t.Errorf("%d calls: a body over the limit must not be fetched again", n)
	}
}

// Deeply nested JSON does not crash the decoder: it is a malformed answer, retried like one,
// and named in the error when it persists.
func TestDeeplyNestedBody(t *testing.T) {
	t.Parallel()
	nested := func(w io.Writer) {
		_, _ = w.Write(bytes.Repeat([]byte("["), 1<<20))
		_, _ = w.Write(bytes.Repeat([]byte("]"), 1<<20))
	}
	e := testenv.New(t, testenv.Options{NoWire: true, Settings: tables.Settings{MaxRetries: 2}})
	want := e.MustQuery("SELECT id FROM apps")
	e.Sim.Inject(sim.Injection{Entry: oktaroutes.ListApps, Kind: sim.FaultBody, Body: nested})
	got, err := e.Query("SELECT id FROM apps")
	if err != nil || len(got) != len(want) {
		t.Errorf("one nested answer, then a good one: %d rows, %v; want %d rows", len(got), err, len(want))
	}
	e.Sim.Inject(sim.Injection{Entry: zitiroutes.ListMyAuthenticators, Kind: sim.FaultBody, Count: 3, Body: func(w io.Writer) {
		_, _ = w.Write([]byte(`{"data":`))
		nested(w)
		_, _ = w.Write([]byte(`}`))
	}})
	_, err = e.Query("SELECT id FROM ziti_authenticators")
	if err == nil || !strings.Contains(err.Error(), "GET /current-identity/authenticators: malformed response body") || !strings.Contains(err.Error(), "(after 3 tries)") {
		t.Errorf("error %v, want a malformed body named after 3 tries", err)
	}
}
