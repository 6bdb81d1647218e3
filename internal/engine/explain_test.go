package engine_test

import (
	"strings"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/tables"
	"github.com/credsql/credsql/internal/testenv"
)

func TestExplainShowsTheAPICalls(t *testing.T) {
	t.Parallel()
	lines := func(t *testing.T, e *testenv.Env, rows [][]any) string {
		var b strings.Builder
		for _, r := range rows {
			b.WriteString(r[0].(string) + "\n")
		}
		return b.String()
	}
	expect := func(want ...string) func(t *testing.T, e *testenv.Env, rows [][]any) {
		return func(t *testing.T, e *testenv.Env, rows [][]any) {
			got := lines(t, e, rows)
			for _, w := range want {
				if !strings.Contains(got, w) {
					t.Errorf("EXPLAIN lacks %q:\n%s", w, got)
				}
			}
		}
	}
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			Name:  "get by key",
			SQL:   "EXPLAIN SELECT label FROM apps WHERE id IN ('a', 'b')",
			Check: expect("credsql API calls", "apps: get by key", "keys pushed: id IN (2 values) (key)", "estimated calls: 2"),
			Calls: testenv.N(0),
		},
		{
			Name:  "fan-out over every parent",
			SQL:   "EXPLAIN SELECT kid FROM app_keys",
			Check: expect("app_keys: fan-out over every apps row: list apps (GET /api/v1/apps", "then GET /api/v1/apps/{appId}/credentials/keys once per apps row", "keys pushed: none"),
			Calls: testenv.N(0),
		},
		{
			Name:  "list per parent key",
			SQL:   "EXPLAIN FORMAT=TREE SELECT kid FROM app_keys WHERE app_id IN ('a', 'b', 'c')",
			Check: expect("app_keys: list per app_id (GET /api/v1/apps/{appId}/credentials/keys), 3 parent key(s)", "app_id IN (3 values)", "estimated calls: 3"),
		},
		{
			Name:  "vendor-side filter",
			SQL:   "EXPLAIN SELECT name FROM idps WHERE type = 'SAML2'",
			Check: expect("idps: list with a vendor-side filter (GET /api/v1/idps)", "type = 'SAML2' (filter)"),
		},
		{
			Name:  "a lookup join and a subquery",
			SQL:   "EXPLAIN SELECT a.label FROM apps a WHERE a.id = 'x' AND EXISTS (SELECT 1 FROM app_keys k WHERE k.app_id = a.id)",
			Check: expect("apps: get by key", "app_keys: "),
		},
		{
			Name:  "no call for a WHERE that matches nothing",
			SQL:   "EXPLAIN SELECT * FROM apps WHERE status = 'NOT_A_STATUS'",
			Check: expect("apps: no call: the WHERE clause matches no row"),
		},
	})
}

func TestShowStatusReportsTheCalls(t *testing.T) {
	t.Parallel()
	status := func(t *testing.T, run func(string) ([][]any, error)) map[string]int64 {
		t.Helper()
		rows, err := run("SHOW STATUS LIKE 'credsql_%'")
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]int64{}
		for _, r := range rows {
			var n int64
			switch v := r[1].(type) {
			case int64:
				n = v
			case string:
				for _, c := range v {
					n = n*10 + int64(c-'0')
				}
			}
			out[r[0].(string)] = n
		}
		return out
	}
	for _, path := range []string{"in-process", "wire"} {
		t.Run(path, func(t *testing.T) {
			t.Parallel()
			e := testenv.New(t, testenv.Options{NoWire: path != "wire", Settings: tables.Settings{MaxWait: 10 * time.Second}})
			run := e.Query
			if path == "wire" {
				run = func(q string) ([][]any, error) { return e.WireQuery(q) }
			}
			id := e.OktaList("/api/v1/apps?limit=1")[0]["id"].(string)
			if _, err := run("SELECT 1"); err != nil {
				t.Fatal(err)
			}
			e.Sim.ResetCalls()
			if _, err := run("SELECT kid FROM app_keys"); err != nil {
				t.Fatal(err)
			}
			calls := int64(e.Sim.CallCount())
			got := status(t, run)
			if got["credsql_calls"] != calls || got["credsql_session_calls"] != calls || got["credsql_calls_rate_limited"] != 0 {
				t.Errorf("after a fan-out of %d calls: %v", calls, got)
			}
			// SHOW STATUS itself does not hide the last statement's cost.
			if again := status(t, run); again["credsql_calls"] != calls {
				t.Errorf("a second SHOW STATUS: %v", again)
			}
			// A 429 waited out.
			e.Sim.Inject(sim.Injection{Route: "GET /api/v1/apps/{appId}", Kind: sim.Fault429, RetryAfter: time.Second})
			if _, err := run("SELECT label FROM apps WHERE id = '" + id + "'"); err != nil {
				t.Fatal(err)
			}
			got = status(t, run)
			if got["credsql_calls"] != 2 || got["credsql_calls_rate_limited"] != 1 || got["credsql_rate_limit_wait_ms"] < 1 {
				t.Errorf("after a 429: %v", got)
			}
			if got["credsql_session_calls"] != calls+2 || got["credsql_session_calls_rate_limited"] != 1 {
				t.Errorf("session totals after a 429: %v (%d calls before)", got, calls)
			}
		})
	}
}
