package tables_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"github.com/credsql/credsql/internal/routes/oparoutes"
	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/tables"
	"github.com/credsql/credsql/internal/testenv"
)

// A 429 is waited out until the vendor's reset (Okta X-Rate-Limit-Reset, OPA
// X-RateLimit-Retry-At), and the query returns what it returns without one.
func TestRateLimitIsWaitedOut(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, query string
		route       routes.Route
	}{
		{"okta", "SELECT id, label FROM apps", oktaroutes.ListApps},
		{"opa", "SELECT name, status FROM opa_service_users", oparoutes.ListServiceUsers},
	}
	if testing.Short() {
		cases = cases[:1]
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := testenv.New(t, testenv.Options{NoWire: true, Settings: tables.Settings{MaxWait: 10 * time.Second}})
			want := e.MustQuery(tc.query)
			e.Sim.ResetCalls()
			e.Sim.Inject(sim.Injection{Entry: tc.route, Kind: sim.Fault429, RetryAfter: time.Second})
			start := time.Now()
			got, err := e.Query(tc.query)
			took := time.Since(start)
			if err != nil {
				t.Fatalf("%s: %v", tc.query, err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("rows differ after waiting out the rate limit (-want +got):\n%s", diff)
			}
			// The reset is given in whole epoch seconds: at least one second goes by.
			if took < time.Second {
				t.Errorf("the query took %s: the 429s were not waited out", took)
			}
			if n := e.Sim.Count(tc.route); n < 2 {
				t.Errorf("%d calls to %s, want the refused one and more", n, tc.route)
			}
		})
	}
}

// A query that would have to wait longer than --max-wait fails promptly, saying why, instead
// of hanging until the window resets.
func TestRateLimitBeyondMaxWait(t *testing.T) {
	t.Parallel()
	testenv.Run(t, testenv.Options{
		Sim:      sim.Options{RateLimit: 3, RateWindow: time.Minute, EnforceRateLimit: true},
		Settings: tables.Settings{MaxWait: time.Second},
	}, []testenv.Case{{
		Name: "a full scan needs more calls than the window allows",
		SQL:  "SELECT * FROM app_keys",
		// credsql reads X-Rate-Limit-Remaining and stops before the vendor refuses.
		WantErr: "more than the remaining --max-wait",
	}})

	e := testenv.New(t, testenv.Options{NoWire: true,
		Sim:      sim.Options{RateLimit: 3, RateWindow: time.Minute, EnforceRateLimit: true},
		Settings: tables.Settings{MaxWait: time.Second}})
	start := time.Now()
	_, err := e.Query("SELECT * FROM app_keys")
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("the query took %s: it waited for the minute-long window", took)
	}
	if err == nil || !strings.Contains(err.Error(), oktaroutes.ListApps.Op()) || !strings.Contains(err.Error(), "429") {
		t.Errorf("error %v: want the call and the 429 named", err)
	}
}

// A vendor 429 whose reset lies beyond --max-wait fails the query at once.
func TestRateLimit429BeyondMaxWait(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{NoWire: true, Settings: tables.Settings{MaxWait: 2 * time.Second}})
	e.Sim.Inject(sim.Injection{Entry: oktaroutes.ListApps, Kind: sim.Fault429, RetryAfter: 30 * time.Second})
	start := time.Now()
	_, err := e.Query("SELECT id FROM apps")
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the query took %s: it waited for the 30s reset", took)
	}
	if err == nil || !strings.Contains(err.Error(), "GET /api/v1/apps: 429 Too Many Requests") ||
		!strings.Contains(err.Error(), "more than the remaining --max-wait") {
		t.Errorf("error %v: want the call, the 429 and --max-wait named", err)
	}
}
