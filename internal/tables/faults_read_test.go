package tables_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/tables"
	"github.com/credsql/credsql/internal/testenv"
)

// readSuite is every read credsql answers in the tests' terms: every table in full (child
// tables fan out over their parents), every documented example (joins included), lookups by
// key, and every saved query of queries/.
func readSuite(t *testing.T) []string {
	t.Helper()
	var qs []string
	for _, d := range tables.All() {
		m := d.Meta()
		qs = append(qs, "SELECT * FROM "+m.Name)
		for _, ex := range m.Examples {
			qs = append(qs, ex.SQL)
		}
	}
	qs = append(qs,
		"SELECT a.label, k.kid, k.expires_at FROM apps a JOIN app_keys k ON k.app_id = a.id",
		"SELECT s.app_id, s.id FROM apps a JOIN apps_secrets s ON s.app_id = a.id WHERE a.sign_on_mode = 'OPENID_CONNECT'",
		"SELECT * FROM app_keys WHERE app_id IN (SELECT id FROM apps WHERE sign_on_mode = 'SAML_2_0')",
		"SELECT u.name, k.id FROM opa_service_users u LEFT JOIN opa_service_user_keys k ON k.user_name = u.name",
		"SELECT COUNT(*) FROM apps_secrets",
	)
	qs = append(qs, testenv.SavedQueries(t)...)
	return qs
}

// stableQuery leaves out of a query the columns the simulator changes on every request
// (an API session's last activity and expiry), which differ between two fault-free runs.
func stableQuery(q string) string {
	if strings.EqualFold(q, "SELECT * FROM ziti_api_sessions") {
		return "SELECT connection, id, identity_id, identity_name, authenticator_id, ip_address, created_at FROM ziti_api_sessions"
	}
	return q
}

// runSuite runs every query and returns its rows, sorted (the order of rows without ORDER
// BY is not part of the result), or its error.
func runSuite(e *testenv.Env, qs []string, wire bool) (map[string][][]any, map[string]error) {
	rows, errs := map[string][][]any{}, map[string]error{}
	for _, q := range qs {
		var r [][]any
		var err error
		if wire {
			r, err = e.WireQuery(q)
		} else {
			r, err = e.Query(q)
		}
		if err != nil {
			errs[q] = err
			continue
		}
		sort.Slice(r, func(i, j int) bool { return fmt.Sprint(r[i]) < fmt.Sprint(r[j]) })
		rows[q] = r
	}
	return rows, errs
}

// A failed read names the call (its route template) and, when it was tried more than once,
// how many times.
var (
	failedCallRe = regexp.MustCompile(`(GET|POST) /\S*: `)
	triesRe      = regexp.MustCompile(`\(after \d+ tries\)`)
)

// TestReadsUnderFaults: with 10% of GETs failing (5xx, connection resets, timeouts and
// truncated JSON), every read either returns exactly what it returns without faults, or
// fails naming the call that failed and how many times it was tried. Never fewer rows
// without an error. With retries, faults are absorbed; without retries, most queries fail,
// which is what shows that no failure is ever swallowed into a shorter result.
func TestReadsUnderFaults(t *testing.T) {
	t.Parallel()
	seeds := []int64{1, 2, 3, 4}
	if testing.Short() {
		seeds = seeds[:1]
	}
	if os.Getenv("CREDSQL_LONG") != "" {
		for s := int64(5); s <= 40; s++ {
			seeds = append(seeds, s)
		}
	}
	for _, tc := range []struct {
		name    string
		retries int // tables.Settings.MaxRetries: -1 = none
	}{{"retries", 3}, {"no retries", -1}} {
		t.Run(tc.name, func(t *testing.T) { readsUnderFaults(t, seeds, tc.retries) })
	}
}

func readsUnderFaults(t *testing.T, seeds []int64, retries int) {
	// No wall-clock timeout: an attempt times out when the simulator holds it (a timeout
	// fault), whatever the load; the timeout below is only what the error says.
	const timeout = time.Minute
	at := testenv.NewStallTimeouts()
	stall := func(r *http.Request) {
		if r.Header.Get(testenv.AttemptHeader) == "" {
			t.Errorf("a held request carries no attempt number: %s %s", r.Method, r.URL.Path)
		}
		at.Expire(r)
	}
	e := testenv.New(t, testenv.Options{
		// A timeout fault holds the request until credsql gives up.
		Sim: sim.Options{Seed: 42},
		Settings: tables.Settings{Timeout: timeout, Backoff: time.Millisecond, MaxRetries: retries,
			AttemptTimeout: at.Timeout, WrapTransport: at.Tag},
	})
	var qs []string
	for _, q := range readSuite(t) {
		qs = append(qs, stableQuery(q))
	}
	want, errs := runSuite(e, qs, false)
	for q, err := range errs {
		t.Fatalf("without faults: %s: %v", q, err)
	}
	// The simulator changes an API session's expiry on every request: queries reading it
	// differ between two fault-free runs, so only their row counts are compared.
	again, _ := runSuite(e, qs, false)
	countOnly := map[string]bool{}
	for _, q := range qs {
		if diff := cmp.Diff(want[q], again[q]); diff != "" {
			if !strings.Contains(q, "ziti_api_sessions") {
				t.Fatalf("two fault-free runs differ (-first +second):\n%s", diff)
			}
			countOnly[q] = true
		}
	}

	var faulted, failed, exact int
	for i, seed := range seeds {
		e.Sim.SetFaults(sim.Faults{Rate: 0.1, Seed: seed, OnStall: stall})
		wire := i == 0 // one seed over the MySQL wire, the others in-process
		got, errs := runSuite(e, qs, wire)
		e.Sim.SetFaults(sim.Faults{})
		for _, q := range qs {
			if err, ok := errs[q]; ok {
				failed++
				msg := err.Error()
				if !failedCallRe.MatchString(msg) || retries >= 0 && !triesRe.MatchString(msg) {
					t.Errorf("seed %d: %s\nerror does not name the failed call and its tries: %v", seed, q, err)
				}
				continue
			}
			if countOnly[q] {
				if len(got[q]) != len(want[q]) {
					t.Errorf("seed %d: %s\n%d rows without an error, want %d", seed, q, len(got[q]), len(want[q]))
				}
				continue
			}
			if diff := cmp.Diff(want[q], got[q]); diff != "" {
				t.Errorf("seed %d: %s\nrows differ from the fault-free run without an error (-want +got):\n%s", seed, q, diff)
				continue
			}
			exact++
		}
	}
	trig := e.Sim.FaultsTriggered()
	for _, k := range []sim.FaultKind{sim.Fault5xx, sim.FaultReset, sim.FaultTimeout, sim.FaultMalformed} {
		faulted += trig[k]
		if trig[k] == 0 {
			t.Errorf("no %s fault was injected: the test proves nothing about it", k)
		}
	}
	t.Logf("%d seeds × %d queries: %d exact, %d failed naming the call; faults injected: %v", len(seeds), len(qs), exact, failed, trig)
	if exact == 0 || faulted < 20 || retries < 0 && failed == 0 {
		t.Errorf("%d exact results, %d failures, %d faults: the suite did not run under faults", exact, failed, faulted)
	}
}

// TestReadFailureNamesTheCall: a call that fails on every try ends the query with an error
// naming the route and the tries, whatever the fault.
func TestReadFailureNamesTheCall(t *testing.T) {
	t.Parallel()
	var route = oktaroutes.ListAppKeys
	for _, kind := range []sim.FaultKind{sim.Fault5xx, sim.FaultReset, sim.FaultTimeout, sim.FaultMalformed} {
		t.Run(kind.String(), func(t *testing.T) {
			e := testenv.New(t, testenv.Options{NoWire: true,
				Sim:      sim.Options{Faults: sim.Faults{Stall: time.Second}},
				Settings: tables.Settings{Timeout: 100 * time.Millisecond, Backoff: time.Millisecond, MaxRetries: 2}})
			app := e.MustQuery("SELECT id FROM apps ORDER BY id LIMIT 1")[0][0].(string)
			// Go's HTTP transport itself retries a GET once on a reused connection that was
			// reset, so the simulator may see more requests than credsql's tries.
			e.Sim.Inject(sim.Injection{Entry: route, Kind: kind, Count: 10})
			rows, err := e.Query("SELECT * FROM app_keys WHERE app_id = '" + app + "'")
			if err == nil {
				t.Fatalf("%d rows and no error", len(rows))
			}
			want := `Okta connection "demo": ` + route.Op()
			if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "(after 3 tries)") {
				t.Errorf("error %q: want %q and (after 3 tries)", err, want)
			}
			waitIdle(t, e.Sim)
			if n := e.Sim.Count(route); n < 3 {
				t.Errorf("%d calls, want 3 or more", n)
			}
		})
	}
}

// waitIdle waits until the simulator serves no request: a request the client gave up on is
// logged when its handler notices.
func waitIdle(t *testing.T, s *sim.Server) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.WaitIdle(ctx); err != nil {
		t.Fatalf("%d simulator requests still running after 5s", s.InFlight())
	}
}
