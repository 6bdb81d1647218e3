package bench

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"strings"
	"time"

	_ "github.com/go-sql-driver/mysql"

	"github.com/credsql/credsql/internal/demo"
	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/tables"
)

// Scenario is one measured query shape.
type Scenario struct {
	Name   string
	Target string
	Run    func(ctx context.Context, e *Env) Result
}

// measure runs q once with the call log reset and fills the common fields.
func measure(ctx context.Context, e *Env, name, target, q string) Result {
	e.settle()
	limited := e.Sim.RateLimited()
	start := time.Now()
	rows, err := e.Query(ctx, q)
	r := Result{Scenario: name, Target: target, Rows: rows, Wall: time.Since(start), Err: err}
	r.Calls = e.Sim.CallCount()
	r.Limited = e.Sim.RateLimited() - limited
	return r
}

func (e *Env) rtt() time.Duration { return e.Sizes.Latency }

// settle waits for calls of earlier queries still being answered (a fan-out stopped by LIMIT
// may leave some in flight at the vendor), then clears the call log.
func (e *Env) settle() {
	for i := 0; i < 200 && e.Sim.InFlight() > 0; i++ {
		time.Sleep(5 * time.Millisecond)
	}
	e.Sim.ResetCalls()
}

// Scenarios are the rows of the table, in order.
func Scenarios() []Scenario {
	return []Scenario{
		{Name: "`SELECT * FROM app_keys WHERE app_id = ? AND kid = ?`", Target: "exactly 1 call", Run: keyGet},
		{Name: "`SELECT * FROM app_keys WHERE app_id IN (5 ids)`", Target: "5 calls, wall ≤ 2 × one round trip", Run: inList},
		{Name: "`SELECT * FROM apps LIMIT 5`", Target: "exactly 1 call", Run: limitQuery("SELECT * FROM apps LIMIT 5", 1)},
		{Name: "`SELECT * FROM idps_keys LIMIT 250`", Target: "exactly 2 calls", Run: limitQuery("SELECT * FROM idps_keys LIMIT 250", 2)},
		{Name: "`SELECT * FROM app_keys` (fan-out over all apps)", Target: "calls = apps pages + apps; wall ≤ 1.3 × lower bound", Run: fanOut},
		{Name: "`apps a JOIN app_keys k ON k.app_id = a.id WHERE a.sign_on_mode = 'SAML_2_0'`", Target: "calls ≤ minimum + 2; wall ≤ 1.5 × lower bound", Run: samlJoin},
		{Name: "`DELETE FROM apps_secrets WHERE app_id = ? AND id = ?`", Target: "exactly 1 call", Run: deleteSecret},
		{Name: "`SELECT * FROM opa_service_user_keys` (fan-out over all users)", Target: "calls = user pages + users; wall ≤ 1.3 × lower bound", Run: opaFanOut},
		{Name: "the same query twice within the cache TTL (`serve` defaults)", Target: "0 calls the second time", Run: cached},
	}
}

func keyGet(ctx context.Context, e *Env) Result {
	apps, err := e.Strings("SELECT id FROM apps ORDER BY id LIMIT 1")
	if err != nil || len(apps) == 0 {
		return Result{Err: fmt.Errorf("find an app: %v", err)}
	}
	app := apps[0]
	kids, err := e.Strings("SELECT kid FROM app_keys WHERE app_id = '" + app + "' LIMIT 1")
	if err != nil || len(kids) == 0 {
		return Result{Err: fmt.Errorf("find a key: %v", err)}
	}
	kid := kids[0]
	r := measure(ctx, e, "", "", fmt.Sprintf("SELECT * FROM app_keys WHERE app_id = '%s' AND kid = '%s'", app, kid))
	r.MinCalls, r.LowerBound = 1, e.rtt()
	r.Pass = r.Err == nil && r.Calls == 1 && r.Rows == 1
	return r
}

func inList(ctx context.Context, e *Env) Result {
	ids, err := e.Strings("SELECT id FROM apps ORDER BY id LIMIT 5")
	if err != nil || len(ids) != 5 {
		return Result{Err: fmt.Errorf("find apps: %v", err)}
	}
	r := measure(ctx, e, "", "", "SELECT * FROM app_keys WHERE app_id IN ('"+strings.Join(ids, "', '")+"')")
	r.MinCalls, r.LowerBound = 5, e.rtt()
	r.Pass = r.Err == nil && r.Calls == 5 && r.Wall <= 2*e.rtt()
	return r
}

func limitQuery(q string, calls int) func(context.Context, *Env) Result {
	return func(ctx context.Context, e *Env) Result {
		r := measure(ctx, e, "", "", q)
		r.MinCalls, r.LowerBound = calls, time.Duration(calls)*e.rtt()
		r.Pass = r.Err == nil && r.Calls == calls
		return r
	}
}

// pages is the number of pages of n items at the vendor's page size.
func pages(n, size int) int { return max(1, (n+size-1)/size) }

func fanOut(ctx context.Context, e *Env) Result {
	r := measure(ctx, e, "", "", "SELECT * FROM app_keys")
	apps := e.Sizes.Apps
	r.MinCalls = pages(apps, 200) + apps
	r.LowerBound = time.Duration(steps(apps, e.Sizes.Concurrency)) * e.rtt()
	r.Pass = r.Err == nil && r.Calls == r.MinCalls && r.Ratio() <= 1.3
	return r
}

func samlJoin(ctx context.Context, e *Env) Result {
	saml, err := e.Strings("SELECT COUNT(*) FROM apps WHERE sign_on_mode = 'SAML_2_0'")
	if err != nil {
		return Result{Err: err}
	}
	var n int
	fmt.Sscan(saml[0], &n)
	r := measure(ctx, e, "", "", "SELECT a.label, k.kid, k.cert_not_after FROM apps a JOIN app_keys k ON k.app_id = a.id WHERE a.sign_on_mode = 'SAML_2_0'")
	r.MinCalls = pages(e.Sizes.Apps, 200) + n
	r.LowerBound = time.Duration(steps(n, e.Sizes.Concurrency)) * e.rtt()
	r.Pass = r.Err == nil && r.Calls <= r.MinCalls+2 && r.Ratio() <= 1.5
	r.Notes = fmt.Sprintf("%d SAML apps", n)
	return r
}

func deleteSecret(ctx context.Context, e *Env) Result {
	ids, err := e.Strings("SELECT CONCAT(app_id, ' ', id) FROM apps_secrets WHERE status = 'INACTIVE' LIMIT 1")
	if err != nil || len(ids) == 0 {
		return Result{Err: fmt.Errorf("find an inactive secret: %v", err)}
	}
	app, id, _ := strings.Cut(ids[0], " ")
	r := measure(ctx, e, "", "", fmt.Sprintf("DELETE FROM apps_secrets WHERE app_id = '%s' AND id = '%s'", app, id))
	r.MinCalls, r.LowerBound = 1, e.rtt()
	r.Pass = r.Err == nil && r.Calls == 1
	return r
}

func opaFanOut(ctx context.Context, e *Env) Result {
	r := measure(ctx, e, "", "", "SELECT * FROM opa_service_user_keys")
	users := e.Sizes.ServiceUsers
	// The first call of an OPA connection issues its bearer token: not a data call.
	r.MinCalls = 1 + pages(users, 100) + users
	r.LowerBound = time.Duration(steps(users, e.Sizes.Concurrency)) * e.rtt()
	r.Pass = r.Err == nil && r.Calls <= r.MinCalls && r.Ratio() <= 1.3
	r.Notes = "includes the one service-token call"
	return r
}

// cached runs a query twice through an engine with serve's default cache TTL.
func cached(ctx context.Context, e *Env) Result {
	c := &Env{Sizes: e.Sizes, Sim: e.Sim}
	if err := c.open(demo.Config(e.Sim, e.Sim.URL(), "demo"), tables.Settings{Concurrency: e.Sizes.Concurrency, Cache: fetch.NewCache(30 * time.Second)}); err != nil {
		return Result{Err: err}
	}
	defer c.Engine.Close()
	q := "SELECT kid, cert_not_after FROM app_keys"
	if _, err := c.Query(ctx, q); err != nil {
		return Result{Err: err}
	}
	r := measure(ctx, c, "", "", q)
	r.MinCalls, r.LowerBound = 0, 0
	r.Pass = r.Err == nil && r.Calls == 0 && r.Rows > 0
	return r
}

// RateLimited runs the fan-out `runs` times with the simulator enforcing an Okta bucket of
// perWindow calls per window: it must complete with no failed query, at most 3 429s, and a
// wall time within 1.15 × calls ÷ rate.
func RateLimited(ctx context.Context, e *Env, perWindow int, window time.Duration, runs int) Result {
	e.settle()
	e.Sim.SetRateLimit(perWindow, window, true)
	defer e.Sim.SetRateLimit(10000, time.Minute, false)
	limited := e.Sim.RateLimited()
	start := time.Now()
	r := Result{Target: "completes, 0 failed queries, ≤ 3 × 429, wall ≤ 1.15 × calls ÷ rate"}
	for i := 0; i < runs; i++ {
		n, err := e.Query(ctx, "SELECT * FROM app_keys")
		r.Rows += n
		if err != nil {
			r.Err = err
			break
		}
	}
	r.Wall = time.Since(start)
	r.Calls = e.Sim.CallCount()
	r.Limited = e.Sim.RateLimited() - limited
	r.MinCalls = runs * (pages(e.Sizes.Apps, 200) + e.Sizes.Apps)
	rate := float64(perWindow) / window.Seconds()
	r.LowerBound = time.Duration(float64(r.Calls) / rate * float64(time.Second))
	r.Pass = r.Err == nil && r.Limited <= 3 && r.Ratio() <= 1.15
	r.Notes = fmt.Sprintf("%d runs of the fan-out; bucket of %d calls per %s", runs, perWindow, window)
	return r
}

// WireThroughput serves the engine over the MySQL protocol on loopback and reads `SELECT kid
// FROM idps_keys` with go-sql-driver/mysql.
func WireThroughput(ctx context.Context, e *Env) Result {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return Result{Err: err}
	}
	srv, err := e.Engine.NewServer(engine.ServerOptions{Listener: ln})
	if err != nil {
		return Result{Err: err}
	}
	go func() { _ = srv.Start() }()
	defer srv.Close()
	r := readRows(ctx, e, "bench:x@tcp("+ln.Addr().String()+")/credsql", "SELECT kid FROM idps_keys")
	r.MinCalls = pages(e.Sizes.IdPKeys, 200)
	r.Pass = r.Err == nil && r.Rows == e.Sizes.IdPKeys && r.Calls == r.MinCalls && r.RowsPerSec >= 20000
	return r
}

// readRows runs q over the MySQL protocol and reads every row.
func readRows(ctx context.Context, e *Env, dsn, q string) Result {
	db, err := sql.Open("mysql", dsn)
	if err != nil {
		return Result{Err: err}
	}
	defer db.Close()
	if err := db.PingContext(ctx); err != nil {
		return Result{Err: err}
	}
	e.settle()
	start := time.Now()
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return Result{Err: err}
	}
	cols, err := rows.Columns()
	if err != nil {
		return Result{Err: err}
	}
	dest := make([]any, len(cols))
	for i := range dest {
		dest[i] = new(sql.RawBytes)
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return Result{Err: err}
		}
		n++
	}
	err = rows.Err()
	rows.Close()
	r := Result{Rows: n, Wall: time.Since(start), Err: err, Calls: e.Sim.CallCount()}
	r.RowsPerSec = float64(n) / r.Wall.Seconds()
	return r
}

// Run runs every scenario on e.
func Run(ctx context.Context, e *Env, scs []Scenario) []Result {
	var out []Result
	for _, s := range scs {
		r := s.Run(ctx, e)
		r.Scenario, r.Target = s.Name, s.Target
		out = append(out, r)
	}
	return out
}
