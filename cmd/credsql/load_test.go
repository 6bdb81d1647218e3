package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/tables"
	"github.com/credsql/credsql/internal/testenv"
)

// TestServeLoad runs `credsql serve --demo` in-process and holds 32 MySQL clients running a
// mixed read workload against it for a sustained period: no error, no panic, and memory and
// goroutine counts that stay level. Loopback only, bounded in time: 3 s with -short, 10 s by
// default, CREDSQL_LOAD_DURATION (e.g. 2m) for a longer run. docs/benchmarks.md ("Load")
// records its figures.
func TestServeLoad(t *testing.T) {
	// Not parallel: it counts the process's goroutines and measures its heap.
	duration := 10 * time.Second
	if testing.Short() {
		duration = 3 * time.Second
	}
	if d, err := time.ParseDuration(os.Getenv("CREDSQL_LOAD_DURATION")); err == nil && d > 0 {
		duration = d
	}
	const clients = 32

	var out, errw testenv.Buffer
	a := newApp(strings.NewReader(""), &out, &errw)
	a.getenv = func(string) string { return "" }
	listening := make(chan string, 1)
	a.onListen = func(addr string) { listening <- addr }
	a.stop = make(chan struct{})
	// The simulated Okta and OPA allow 10000 calls a minute, and credsql paces itself to them
	// rather than be refused: a load test of the server must not be a test of that budget.
	var demoSim atomic.Pointer[sim.Server]
	a.onDemo = func(s *sim.Server) {
		s.SetRateLimit(1<<30, time.Minute, false)
		s.SetOPARateLimit(1 << 30)
		demoSim.Store(s)
	}
	opened := make(chan *engine.Engine, 1)
	a.onOpen = func(e *engine.Engine) { opened <- e }
	served := make(chan int, 1)
	// The simulated API answers after 2 ms; no cache, so that every query calls it.
	go func() {
		served <- a.main([]string{"--demo", "--demo-latency", "2ms", "--cache-ttl", "0", "serve",
			"--listen", "127.0.0.1:0", "--user", "load", "--password", "load-pw", "--audit-log", ""})
	}()
	var addr string
	select {
	case addr = <-listening:
	case code := <-served:
		t.Fatalf("serve exited (%d): %s", code, errw.String())
	case <-time.After(30 * time.Second):
		t.Fatalf("serve did not start: %s", errw.String())
	}
	stopped := false
	stop := func() int {
		if stopped {
			return 0
		}
		stopped = true
		close(a.stop)
		select {
		case code := <-served:
			return code
		case <-time.After(10 * time.Second):
			t.Fatal("serve did not stop")
		}
		return 0
	}
	defer stop()

	db, err := sql.Open("mysql", "load:load-pw@tcp("+addr+")/credsql?parseTime=true")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(clients)
	db.SetMaxIdleConns(clients)
	defer db.Close()
	workload := loadWorkload(t, db)

	// Warm up (logins, pooled connections to the clients and to the API), then take the
	// goroutines of a server that has seen 32 clients as the idle baseline.
	warm, warmDone := context.WithTimeout(context.Background(), time.Second)
	var wwg sync.WaitGroup
	for c := range clients {
		wwg.Add(1)
		go func() {
			defer wwg.Done()
			for i := c; warm.Err() == nil; i++ {
				_ = runLoadQuery(db, workload[i%len(workload)])
			}
		}()
	}
	wwg.Wait()
	warmDone()
	db.SetMaxIdleConns(0)
	db.SetMaxIdleConns(clients)
	eng := <-opened
	closeIdleAPIConnections(eng)
	baseGoroutines := settledGoroutines(0, 5*time.Second)

	type sample struct {
		at         time.Duration
		heap       uint64
		goroutines int
		done       int64 // queries completed so far
	}
	var (
		queries, failures, running atomic.Int64
		mu                         sync.Mutex
		latencies                  []time.Duration
		firstErrs                  []string
		samples                    []sample
	)
	ctx, cancel := context.WithTimeout(context.Background(), duration)
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			conn, err := db.Conn(context.Background())
			if err != nil {
				failures.Add(1)
				return
			}
			defer conn.Close()
			var mine []time.Duration
			for i := c; ctx.Err() == nil; i++ {
				q := workload[i%len(workload)]
				t0 := time.Now()
				running.Add(1)
				err := runLoadQuery(conn, q) // a query started before the end runs to its end
				running.Add(-1)
				mine = append(mine, time.Since(t0))
				queries.Add(1)
				if err != nil {
					failures.Add(1)
					mu.Lock()
					if len(firstErrs) < 5 {
						firstErrs = append(firstErrs, fmt.Sprintf("%s: %v", q.sql, err))
					}
					mu.Unlock()
				}
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			mu.Unlock()
		}()
	}
	// Sample the server's heap and goroutines during the run.
	sampler := time.NewTicker(duration / 12)
	defer sampler.Stop()
	for ctx.Err() == nil {
		select {
		case <-sampler.C:
			// The simulator runs in this process and logs every request: drop its log so
			// that the heap measured is credsql's.
			demoSim.Load().ResetCalls()
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			samples = append(samples, sample{time.Since(start), ms.HeapInuse, runtime.NumGoroutine(), queries.Load()})
		case <-ctx.Done():
		}
	}
	// Queries running at the end finish; one that does not within 30 s hangs.
	finished := make(chan struct{})
	go func() { wg.Wait(); close(finished) }()
	select {
	case <-finished:
	case <-time.After(30 * time.Second):
		t.Fatalf("%d queries still running 30 s after the end of the run", running.Load())
	}
	elapsed := time.Since(start)
	db.Close()

	// After the clients leave, the server's goroutines go back to what an idle server has.
	closeIdleAPIConnections(eng)
	idle := settledGoroutines(baseGoroutines+10, 10*time.Second)
	var leaked string
	if idle > baseGoroutines+10 {
		buf := make([]byte, 4<<20)
		leaked = string(buf[:runtime.Stack(buf, true)])
	}
	code := stop()

	n, f := queries.Load(), failures.Load()
	sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
	pct := func(p float64) time.Duration {
		if len(latencies) == 0 {
			return 0
		}
		return latencies[int(float64(len(latencies)-1)*p)].Round(100 * time.Microsecond)
	}
	var heaps, gors, rates []string
	stalled := 0
	var prev sample
	for _, s := range samples {
		heaps = append(heaps, fmt.Sprintf("%.1f", float64(s.heap)/(1<<20)))
		gors = append(gors, fmt.Sprint(s.goroutines))
		rate := float64(s.done-prev.done) / (s.at - prev.at).Seconds()
		rates = append(rates, fmt.Sprintf("%.0f", rate))
		if s.done == prev.done {
			stalled++
		}
		prev = s
	}
	t.Logf("%d clients, %s: %d queries (%.0f/s), %d errors; latency p50 %s p95 %s p99 %s max %s",
		clients, elapsed.Round(time.Millisecond), n, float64(n)/elapsed.Seconds(), f, pct(0.50), pct(0.95), pct(0.99), pct(1))
	t.Logf("queries/s per interval: %s", strings.Join(rates, " "))
	t.Logf("heap in use after GC (MiB): %s", strings.Join(heaps, " "))
	t.Logf("goroutines: %d idle after warm-up, %s during, %d after the clients left", baseGoroutines, strings.Join(gors, " "), idle)

	if f > 0 {
		t.Errorf("%d of %d queries failed; first: %s", f, n, strings.Join(firstErrs, "; "))
	}
	if n < clients {
		t.Errorf("only %d queries ran", n)
	}
	if stalled > 0 {
		t.Errorf("no query completed in %d of %d sampling intervals: the server stalled", stalled, len(samples))
	}
	if code != exitOK {
		t.Errorf("serve exited with %d: %s", code, errw.String())
	}
	if strings.Contains(errw.String(), "panic") {
		t.Errorf("the server logged a panic:\n%s", errw.String())
	}
	if idle > baseGoroutines+10 {
		t.Errorf("%d goroutines after the clients left, %d idle before the load: goroutines leak:\n%s", idle, baseGoroutines, leaked)
	}
	// Level memory and goroutines: the second half of the run holds no more than the first
	// half plus a margin (a leak grows with the number of queries).
	if len(samples) >= 4 {
		half := len(samples) / 2
		maxHeap := func(s []sample) (h uint64) {
			for _, x := range s {
				h = max(h, x.heap)
			}
			return
		}
		// Goroutines come and go with the fan-outs running (each up to its connection's
		// ceiling of calls in flight): compare the medians of the halves, which a leak moves
		// and a burst does not.
		medianGoroutines := func(s []sample) int {
			g := make([]int, len(s))
			for i, x := range s {
				g[i] = x.goroutines
			}
			sort.Ints(g)
			return g[len(g)/2]
		}
		h1, h2 := maxHeap(samples[:half]), maxHeap(samples[half:])
		if h2 > h1+h1/2+16<<20 {
			t.Errorf("heap grew from %d MiB (first half) to %d MiB (second half)", h1>>20, h2>>20)
		}
		// Every query fans out up to the connection's ceiling, so the count during the run
		// swings by a fraction of itself with the mix in flight; a leak grows past that. (A
		// leak that outlives the clients is caught above, against the idle count.)
		if g1, g2 := medianGoroutines(samples[:half]), medianGoroutines(samples[half:]); g2 > g1+g1/4+clients {
			t.Errorf("goroutines grew from a median of %d (first half) to %d (second half)", g1, g2)
		}
	}
}

type loadQuery struct {
	sql  string
	args []any
}

// loadWorkload is the mix of reads: every table, key lookups (prepared, with a bound
// argument), joins, aggregates and the saved queries.
func loadWorkload(t *testing.T, db *sql.DB) []loadQuery {
	t.Helper()
	var apps []any
	rows, err := db.Query("SELECT id FROM apps ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		apps = append(apps, id)
	}
	rows.Close()
	if len(apps) == 0 {
		t.Fatal("no apps")
	}
	w := []loadQuery{
		{sql: "SELECT COUNT(*) FROM apps"},
		{sql: "SELECT id, label, sign_on_mode FROM apps WHERE sign_on_mode = 'SAML_2_0'"},
		{sql: "SELECT a.label, k.kid, k.expires_at FROM apps a JOIN app_keys k ON k.app_id = a.id"},
		{sql: "SELECT app_id, id, status FROM apps_secrets"},
		{sql: "SELECT * FROM app_csrs"},
		{sql: "SELECT kid, expires_at FROM idps_keys"},
		{sql: "SELECT id, method, cert_not_after FROM ziti_authenticators"},
		{sql: "SELECT name, status FROM opa_service_users"},
		{sql: "SELECT user_name, id, expires_at FROM opa_service_user_keys"},
		{sql: "SELECT COUNT(*) FROM ziti_api_sessions"},
		{sql: "SELECT * FROM credsql_procedures"},
	}
	for i := 0; i < 4; i++ {
		w = append(w, loadQuery{sql: "SELECT kid, expires_at FROM app_keys WHERE app_id = ?", args: []any{apps[i%len(apps)]}})
	}
	for _, s := range testenv.SavedQueries(t) {
		w = append(w, loadQuery{sql: s})
	}
	return w
}

// closeIdleAPIConnections closes the API connections pooled for the next fan-out (up to each
// connection's ceiling of calls in flight, which the load reaches in its own time), so that
// the idle counts compare the server's own goroutines.
func closeIdleAPIConnections(e *engine.Engine) {
	for _, v := range tables.Vendors() {
		for _, c := range e.Conns(v) {
			switch {
			case c.Okta != nil:
				c.Okta.HTTP().CloseIdleConnections()
			case c.Ziti != nil:
				c.Ziti.HTTP().CloseIdleConnections()
			case c.OPA != nil:
				c.OPA.HTTP().CloseIdleConnections()
			}
		}
	}
}

// settledGoroutines waits until the goroutine count is at most target (0: until it stops
// falling) or the timeout passes, and returns it.
func settledGoroutines(target int, timeout time.Duration) int {
	// Goroutines end without telling anyone: this polls (testenv.Poll). Without a target,
	// the count has settled when it stayed the same for half a second.
	n, last, steady := 0, -1, 0
	testenv.Poll(timeout, func() bool {
		n = runtime.NumGoroutine()
		if target > 0 {
			return n <= target
		}
		if n == last {
			steady++
		} else {
			steady = 0
		}
		last = n
		return time.Duration(steady)*testenv.PollInterval >= 500*time.Millisecond
	})
	return n
}

// querier is a *sql.DB or a *sql.Conn.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func runLoadQuery(conn querier, q loadQuery) error {
	rows, err := conn.QueryContext(context.Background(), q.sql, q.args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
	}
	return rows.Err()
}
