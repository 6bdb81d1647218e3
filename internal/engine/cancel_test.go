package engine_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/config"
	"github.com/credsql/credsql/internal/testenv"
)

// The vendor takes this long to answer once a test has warmed up: a query still running
// after a second was not cancelled.
const slowAPI = 10 * time.Second

// prompt is how soon a cancellation must reach the vendor: the in-flight API request ends.
const prompt = time.Second

// slowEnv is an environment whose connections are logged in, then whose simulator answers
// every request after slowAPI.
func slowEnv(t *testing.T) *testenv.Env {
	t.Helper()
	e := testenv.New(t, testenv.Options{})
	for _, q := range []string{"SELECT COUNT(*) FROM apps", "SELECT COUNT(*) FROM ziti_api_sessions", "SELECT COUNT(*) FROM opa_service_users"} {
		e.MustQuery(q)
	}
	e.Sim.SetLatency(slowAPI)
	t.Cleanup(func() { e.Sim.SetLatency(0) })
	return e
}

// callStarted returns a channel closed when the simulator starts serving the next request:
// arm it before starting the statement, then wait on it.
func callStarted(e *testenv.Env) <-chan struct{} {
	ch := make(chan struct{})
	e.Sim.BeforeCall(1, func() { close(ch) })
	return ch
}

// waitInFlight waits until the request armed with callStarted has reached the simulator.
func waitInFlight(t *testing.T, started <-chan struct{}) {
	t.Helper()
	select {
	case <-started:
	case <-time.After(5 * time.Second):
		t.Fatal("no API call started within 5s")
	}
}

// vendorIdleWithin reports how long it took until the simulator serves no request, failing
// when that is more than d: the cancellation did not reach the HTTP request.
func vendorIdleWithin(t *testing.T, e *testenv.Env, since time.Time, d time.Duration) time.Duration {
	t.Helper()
	ctx, cancel := context.WithDeadline(context.Background(), since.Add(d+4*time.Second))
	defer cancel()
	_ = e.Sim.WaitIdle(ctx)
	took := time.Since(since)
	if e.Sim.InFlight() > 0 || took > d {
		t.Errorf("the vendor still served %d requests %s after the cancellation (want them gone within %s)", e.Sim.InFlight(), took.Round(time.Millisecond), d)
	}
	return took
}

// settle waits until no goroutine runs credsql code other than the test itself and the
// wire server's accept loop, failing after 5 seconds with their stacks.
func settle(t *testing.T) {
	t.Helper()
	// Goroutines announce no exit: this is the polling the suite allows (testenv.Poll).
	var leaked []string
	if testenv.Poll(5*time.Second, func() bool { leaked = credsqlGoroutines(); return len(leaked) == 0 }) {
		return
	}
	t.Errorf("%d goroutines still run credsql code:\n%s", len(leaked), strings.Join(leaked, "\n\n"))
}

func credsqlGoroutines() []string {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	var out []string
	for _, g := range strings.Split(string(buf), "\n\n") {
		if !strings.Contains(g, "github.com/credsql/credsql/internal/") ||
			strings.Contains(g, "testing.tRunner") || strings.Contains(g, "testenv.(*Env).startWire") {
			continue
		}
		out = append(out, g)
	}
	return out
}

func openDB(t *testing.T, e *testenv.Env) *sql.DB {
	t.Helper()
	db, err := sql.Open("mysql", e.DSN())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// The statements cancelled: a multi-row result (the only kind go-mysql-server itself checks
// for a dead client, every 5 s), a one-row aggregate, and a procedure call that writes.
var cancelled = []struct{ name, sql string }{
	{"multi-row SELECT", "SELECT * FROM app_keys"},
	{"COUNT(*)", "SELECT COUNT(*) FROM app_keys"},
	{"mutating CALL", "CALL opa_service_user_keys_rotate('ci-deploy')"},
}

func TestKillQueryCancelsAPICalls(t *testing.T) {
	for _, c := range cancelled {
		t.Run(c.name, func(t *testing.T) {
			e := slowEnv(t)
			db := openDB(t, e)
			ctx := context.Background()
			conn, err := db.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			var id int64
			if err := conn.QueryRowContext(ctx, "SELECT CONNECTION_ID()").Scan(&id); err != nil {
				t.Fatal(err)
			}
			started := callStarted(e)
			done := make(chan error, 1)
			go func() {
				rows, err := conn.QueryContext(ctx, c.sql)
				if err == nil {
					for rows.Next() {
					}
					err = rows.Err()
					rows.Close()
				}
				done <- err
			}()
			waitInFlight(t, started)
			killed := time.Now()
			if _, err := db.ExecContext(ctx, fmt.Sprintf("KILL QUERY %d", id)); err != nil {
				t.Fatal(err)
			}
			select {
			case err := <-done:
				// 1317 "Query execution was interrupted", whichever layer noticed first
				// (TestKillQueryDuringAPICallIs1317 checks the number).
				if err == nil || !strings.Contains(err.Error(), "interrupted") {
					t.Errorf("the killed query ended with %v, want an interrupted error", err)
				}
				if took := time.Since(killed); took > prompt {
					t.Errorf("the killed query returned after %s", took)
				}
			case <-time.After(slowAPI):
				t.Fatal("KILL QUERY did not end the query")
			}
			took := vendorIdleWithin(t, e, killed, prompt)
			t.Logf("API call cancelled %s after KILL QUERY", took.Round(time.Millisecond))
			// The connection is usable afterwards.
			var one int
			if err := conn.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
				t.Errorf("after KILL QUERY: %v", err)
			}
			conn.Close()
			settle(t)
		})
	}
}

// A client that goes away mid-query (go-sql-driver closes the connection when the query's
// context is cancelled) cancels its statement and the statement's API calls, whatever the
// statement.
func TestClientDisconnectCancelsAPICalls(t *testing.T) {
	for _, c := range cancelled {
		t.Run(c.name, func(t *testing.T) {
			e := slowEnv(t)
			db := openDB(t, e)
			ctx, cancel := context.WithCancel(context.Background())
			started := callStarted(e)
			done := make(chan error, 1)
			go func() {
				rows, err := db.QueryContext(ctx, c.sql)
				if err == nil {
					rows.Close()
				}
				done <- err
			}()
			waitInFlight(t, started)
			gone := time.Now()
			cancel()
			if err := <-done; !errors.Is(err, context.Canceled) {
				t.Errorf("the client's query ended with %v", err)
			}
			took := vendorIdleWithin(t, e, gone, prompt)
			t.Logf("API call cancelled %s after the client disconnected", took.Round(time.Millisecond))
			db.Close()
			settle(t)
		})
	}
}

// In-process (the REPL, `credsql query`), cancelling the statement's context cancels its
// API calls.
func TestInProcessCancelCancelsAPICalls(t *testing.T) {
	e := slowEnv(t)
	ctx, cancel := context.WithCancel(context.Background())
	started := callStarted(e)
	done := make(chan error, 1)
	go func() {
		_, err := testenv.QuerySession(ctx, e.Session, "SELECT COUNT(*) FROM app_keys")
		done <- err
	}()
	waitInFlight(t, started)
	at := time.Now()
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) && (err == nil || !strings.Contains(err.Error(), "interrupted")) {
			t.Errorf("the cancelled query ended with %v", err)
		}
	case <-time.After(slowAPI):
		t.Fatal("cancelling did not end the query")
	}
	vendorIdleWithin(t, e, at, prompt)
	settle(t)
}

// A query that fails (here: one of two connections rejects its token, mid-join or mid-scan)
// leaves no goroutine behind, whatever the plan.
func TestFailedQueriesLeaveNothingBehind(t *testing.T) {
	e := testenv.New(t, testenv.Options{NoWire: true, Configure: func(c *config.Config) {
		b := c.Connections[0]
		b.Name, b.Token = "broken", "wrong-token"
		c.Connections = append(c.Connections, b)
	}})
	failed := 0
	for _, q := range suite(t) {
		if _, err := e.Query(q); err != nil {
			failed++
		}
		settle(t)
		if t.Failed() {
			t.Fatalf("goroutines left behind by %s", q)
		}
	}
	if failed == 0 {
		t.Fatal("no query failed: the broken connection was not used")
	}
}
