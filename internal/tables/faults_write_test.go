package tables_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"github.com/credsql/credsql/internal/routes"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/audit"
	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/tables"
	"github.com/credsql/credsql/internal/testenv"
)

// registeredWrite is one write of the registry: a table's INSERT, UPDATE or DELETE, or a
// mutating procedure, with the vendor calls it may send.
type registeredWrite struct {
	name   string // "apps_secrets INSERT", "CALL app_keys_generate"
	vendor fetch.Vendor
	routes []fetch.WriteRoute
}

func registeredWrites() []registeredWrite {
	var out []registeredWrite
	for _, d := range tables.All() {
		m := d.Meta()
		for _, stmt := range m.WriteStatements() {
			out = append(out, registeredWrite{m.Name + " " + stmt, m.Vendor, m.StatementRoutes(stmt)})
		}
		for _, p := range m.Procedures {
			if p.Mutating {
				out = append(out, registeredWrite{"CALL " + p.FullName, m.Vendor, p.Routes})
			}
		}
	}
	return out
}

// Every write of the registry, and every write route of the vendors, is exercised by the
// fault tests: a new write without a scenario fails here.
func TestEveryWriteHasAFaultScenario(t *testing.T) {
	t.Parallel()
	writes := map[string]registeredWrite{}
	for _, w := range registeredWrites() {
		writes[w.name] = w
		s, ok := writeScenarios[w.name]
		switch {
		case !ok:
			t.Errorf("%s has no fault scenario: add one to writeScenarios", w.name)
		case !slices.Contains(w.routes, s.route):
			t.Errorf("%s: the scenario faults %s, which the write does not declare", w.name, s.route.Op())
		}
	}
	for name := range writeScenarios {
		if _, ok := writes[name]; !ok {
			t.Errorf("scenario %q names no registered write", name)
		}
	}
	faulted := map[string]bool{}
	for _, s := range writeScenarios {
		faulted[s.route.Op()] = true
	}
	for _, v := range tables.VendorWrites() {
		for _, r := range v.Routes {
			if !faulted[r.Op()] {
				t.Errorf("no scenario sends %s %s", v.Vendor, r.Op())
			}
		}
	}
}

// faultKind is one of the faults every write is run under.
type faultKind int

const (
	lostReset   faultKind = iota + 1 // applied, then the connection is reset
	lostTimeout                      // applied, then no answer within the client's timeout
	lostGateway                      // applied, then a proxy answers 502 (no request id)
	lostVendor                       // applied, then the vendor answers 503 (with its request id)
	refusedOnce                      // the connection is refused MaxRetries times, then works
	refusedAll                       // the connection is refused every time
	tlsGarbage                       // the TLS handshake is answered with garbage every time
	tlsHangup                        // the server hangs up during the TLS handshake, then works
	rateLimited                      // one 429, not applied
)

var faultNames = map[faultKind]string{
	lostReset: "applied then reset", lostTimeout: "applied then timeout", lostGateway: "applied then 502 from a proxy",
	lostVendor: "applied then 503", refusedOnce: "refused then reachable", refusedAll: "refused every time",
	tlsGarbage: "TLS garbage every time", tlsHangup: "TLS hangup then reachable", rateLimited: "429",
}

const (
	faultRetries = 2
	// faultTimeout is the client's timeout under the timeout fault: long enough for every
	// other call on a busy machine, short for the test.
	faultTimeout = 500 * time.Millisecond
)

// expectation is what credsql must do with a write under a fault.
type expectation struct {
	applied bool          // the vendor ends as after one clean run (else as before)
	errHas  []string      // the error says these ("" : the statement succeeds)
	outcome fetch.Outcome // the audit record of the write's call
	calls   int           // requests of the write's route the vendor received
	// atLeast: calls is a minimum. An idempotent write sent again may be answered 401 by a
	// vendor whose session it just ended, and sent once more after a new login.
	atLeast bool
}

func expect(f faultKind, route fetch.WriteRoute, vw fetch.VendorWrites, run writeRun) expectation {
	switch f {
	case lostReset, lostTimeout, lostGateway, lostVendor:
		if route.Idempotent {
			return expectation{applied: true, outcome: fetch.OutcomeOK, calls: 2, atLeast: true}
		}
		x := expectation{applied: true, outcome: fetch.OutcomeUnknown, calls: 1,
			errHas: []string{"outcome unknown", route.Op(), "check with: " + run.check}}
		if f == lostVendor && route.Vendor != fetch.OPA { // OPA sends no request id
			x.errHas = append(x.errHas, "[request id ")
		}
		return x
	case refusedOnce, tlsHangup:
		return expectation{applied: true, outcome: fetch.OutcomeOK, calls: 1}
	case refusedAll, tlsGarbage:
		return expectation{outcome: fetch.OutcomeNotSent, calls: 0,
			errHas: []string{route.Op(), "(after 3 tries)", "never reached the vendor: nothing was changed"}}
	case rateLimited:
		if vw.Resend429 {
			return expectation{applied: true, outcome: fetch.OutcomeOK, calls: 2}
		}
		return expectation{outcome: fetch.OutcomeRefused, calls: 1, errHas: []string{"429", "Not applied (rate limited)"}}
	}
	panic("unknown fault")
}

// netFault sends the next requests of one route, for real, to a listener that refuses the
// connection or breaks the TLS handshake, so that they fail before any byte is sent.
type netFault struct {
	sim   *sim.Server
	route routes.Route // the catalog entry faulted
	to    *url.URL
	left  atomic.Int64
	tr    *http.Transport
}

func (f *netFault) wrap(next http.RoundTripper) http.RoundTripper {
	return roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if f.to != nil && f.sim.EntryOf(r.Method, r.URL.EscapedPath()) == f.route && f.left.Add(-1) >= 0 {
			r = r.Clone(r.Context())
			r.URL.Scheme, r.URL.Host, r.Host = f.to.Scheme, f.to.Host, f.to.Host
			return f.tr.RoundTrip(r)
		}
		return next.RoundTrip(r)
	})
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// auditRecords collects the audit log.
type auditRecords struct {
	mu   sync.Mutex
	recs []audit.Record
}

func (a *auditRecords) Write(r audit.Record) error {
	a.mu.Lock()
	a.recs = append(a.recs, r)
	a.mu.Unlock()
	return nil
}

func (a *auditRecords) of(route string) []audit.Record {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []audit.Record
	for _, r := range a.recs {
		if r.Route == route {
			out = append(out, r)
		}
	}
	return out
}

// faultEnv is a credsql over its own simulator, with the knobs the faults need: retries
// without delay, rate-limit resets taken as the vendor gives them, and the short timeout for
// the timeout fault.
func faultEnv(t *testing.T, s writeScenario, f faultKind, wire bool) (*testenv.Env, *netFault, *auditRecords) {
	nf := &netFault{route: s.route}
	recs := &auditRecords{}
	timeout := time.Duration(0)
	if f == lostTimeout {
		timeout = faultTimeout
	}
	o := testenv.Options{NoWire: !wire,
		Settings: tables.Settings{MaxRetries: faultRetries, Backoff: time.Millisecond, Timeout: timeout, ResetSkew: -1, WrapTransport: nf.wrap},
		Sim:      sim.Options{Faults: sim.Faults{Stall: 10 * time.Second}},
		Engine:   engine.Options{Audit: recs},
	}
	if s.certLogin {
		o.ConfigureSim = zitiCertLogin(t)
	}
	e := testenv.New(t, o)
	nf.sim = e.Sim
	return e, nf, recs
}

// controls runs each write once without faults, on a simulator of its own: the state before
// and after one clean run are what the faulted runs must end in.
var controls sync.Map // write name -> *control

type control struct {
	once          sync.Once
	before, after string
	err           error
}

func cleanRun(t *testing.T, name string, s writeScenario) *control {
	v, _ := controls.LoadOrStore(name, &control{})
	c := v.(*control)
	c.once.Do(func() {
		e, _, _ := faultEnv(t, s, 0, false)
		run := s.prepare(e)
		c.before = run.state()
		_, c.err = e.Query(run.stmt)
		c.after = run.state()
	})
	if c.err != nil {
		t.Fatalf("the write without faults: %v", c.err)
	}
	if c.before == c.after {
		t.Fatalf("the scenario's state %q does not show the write", c.before)
	}
	return c
}

// TestWritesUnderFaults runs every write of the registry under every fault and checks the
// vendor's state afterwards against one clean run, the error the user gets, the calls the
// vendor received and the audit record.
func TestWritesUnderFaults(t *testing.T) {
	t.Parallel()
	vendors := map[fetch.Vendor]fetch.VendorWrites{}
	for _, v := range tables.VendorWrites() {
		vendors[v.Vendor] = v
	}
	faults := []faultKind{lostReset, lostTimeout, lostGateway, lostVendor, refusedOnce, refusedAll, tlsGarbage, tlsHangup, rateLimited}
	if testing.Short() {
		faults = []faultKind{lostReset, lostVendor, refusedOnce, tlsGarbage, rateLimited}
	}
	for _, w := range registeredWrites() {
		s, ok := writeScenarios[w.name]
		if !ok {
			continue // TestEveryWriteHasAFaultScenario fails
		}
		t.Run(w.name, func(t *testing.T) {
			t.Parallel()
			for _, f := range faults {
				for _, wire := range []bool{false, true} {
					if wire && f != lostVendor {
						continue // one fault over the wire: the MySQL error carries the same text
					}
					name := faultNames[f]
					if wire {
						name += "/wire"
					}
					t.Run(name, func(t *testing.T) {
						t.Parallel()
						runUnderFault(t, w, s, f, vendors[w.vendor], wire)
					})
				}
			}
		})
	}
}

func runUnderFault(t *testing.T, w registeredWrite, s writeScenario, f faultKind, vw fetch.VendorWrites, wire bool) {
	ctl := cleanRun(t, w.name, s)
	e, nf, recs := faultEnv(t, s, f, wire)
	run := s.prepare(e)
	if before := run.state(); before != ctl.before {
		t.Fatalf("state before the write %q, the clean run's %q", before, ctl.before)
	}
	route, simRt := s.route.Op(), s.route
	e.Sim.ResetCalls()
	switch f {
	case lostReset:
		e.Sim.Inject(sim.Injection{Entry: simRt, Kind: sim.FaultReset, Apply: true})
	case lostTimeout:
		e.Sim.Inject(sim.Injection{Entry: simRt, Kind: sim.FaultTimeout, Apply: true})
	case lostGateway:
		e.Sim.Inject(sim.Injection{Entry: simRt, Kind: sim.FaultGateway, Apply: true})
	case lostVendor:
		e.Sim.Inject(sim.Injection{Entry: simRt, Kind: sim.Fault5xx, Status: http.StatusServiceUnavailable, Apply: true})
	case rateLimited:
		e.Sim.Inject(sim.Injection{Entry: simRt, Kind: sim.Fault429, RetryAfter: -time.Second})
	case refusedOnce, refusedAll:
		u, err := sim.RefusedURL()
		if err != nil {
			t.Fatal(err)
		}
		nf.to, _ = url.Parse(u)
		nf.tr = &http.Transport{DisableKeepAlives: true}
	case tlsGarbage, tlsHangup:
		b, err := sim.StartBrokenTLS(map[faultKind]sim.HandshakeFault{tlsGarbage: sim.HandshakeGarbage, tlsHangup: sim.HandshakeHangup}[f])
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(b.Close)
		nf.to, _ = url.Parse(b.URL)
		roots := x509.NewCertPool()
		roots.AppendCertsFromPEM([]byte(sim.CAPEM()))
		nf.tr = &http.Transport{DisableKeepAlives: true, TLSClientConfig: &tls.Config{RootCAs: roots}}
	}
	switch f {
	case refusedOnce, tlsHangup:
		nf.left.Store(faultRetries) // the last attempt of the budget gets through
	case refusedAll, tlsGarbage:
		nf.left.Store(faultRetries + 1)
	}
	var err error
	if wire {
		_, err = e.WireQuery(run.stmt)
	} else {
		_, err = e.Query(run.stmt)
	}
	nf.left.Store(0)
	x := expect(f, s.route, vw, run)
	switch {
	case len(x.errHas) == 0 && err != nil:
		t.Errorf("%s: %v, want success", run.stmt, err)
	case len(x.errHas) > 0 && err == nil:
		t.Errorf("%s: no error, want one saying %q", run.stmt, x.errHas)
	case err != nil:
		for _, want := range x.errHas {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error lacks %q:\n%v", want, err)
			}
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := e.Sim.WaitIdle(ctx); err != nil {
		t.Fatalf("the simulator is still serving: %v", err)
	}
	if n := e.Sim.Count(simRt); n != x.calls && !(x.atLeast && n > x.calls) {
		t.Errorf("the vendor received %s %d times, want %d", route, n, x.calls)
	}
	want := ctl.before
	if x.applied {
		want = ctl.after
	}
	if got := run.state(); got != want {
		t.Errorf("vendor state after the fault %q, want %q (before %q, after one clean run %q)", got, want, ctl.before, ctl.after)
	}
	recsOf := recs.of(route)
	if len(recsOf) != 1 || recsOf[0].Outcome != string(x.outcome) {
		t.Errorf("audit records of %s: %+v, want one with outcome %s", route, recsOf, x.outcome)
	}
}

// A write the vendor refuses (4xx) is not retried and is not "outcome unknown".
func TestWriteRefusedIsNotRetried(t *testing.T) {
	t.Parallel()
	var secretsRoute = oktaroutes.CreateClientSecret
	testenv.Run(t, testenv.Options{}, []testenv.Case{{
		Name: "INSERT refused with 400",
		SQLFunc: func(e *testenv.Env) string {
			return "INSERT INTO apps_secrets (app_id) VALUES (" + q(appWithOneSecret(e)) + ")"
		},
		Setup: func(e *testenv.Env) {
			e.Sim.Inject(sim.Injection{Entry: secretsRoute, Kind: sim.FaultStatus, Status: 400})
		},
		WantErr: "400 Bad Request",
		Routes:  map[routes.Route]int{secretsRoute: 1},
		Check: func(t *testing.T, e *testenv.Env, _ [][]any) {
			if _, err := e.Query("SELECT 1"); err != nil {
				t.Fatal(err)
			}
		},
	}})
}
