package repl

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"github.com/credsql/credsql/internal/sim"
)

// Ctrl-C while a query waits on a slow vendor cancels that query within a second (the
// in-flight API call included), and the shell goes on to the next statement.
func TestCtrlCCancelsTheRunningQueryNotTheShell(t *testing.T) {
	t.Parallel()
	env := newEnv(t, sim.Options{Latency: 5 * time.Second})
	ints := make(chan struct{})
	sc := &script{lines: []string{
		"SELECT label FROM apps;",
		"SELECT 'still here' AS after;",
	}, read: make(chan string, 2)}
	var out, errw bytes.Buffer
	sh := New(Config{Engine: env.Engine, Session: env.Engine.NewSession("test"), Lines: sc, Out: &out, Err: &lockedWriter{w: &errw},
		TTY: true, Interrupts: ints, ProgressAfter: time.Hour})
	// The slow query's API call has reached the vendor, which holds it for its latency.
	inflight := make(chan struct{})
	env.Sim.BeforeCall(1, func() { close(inflight) }, oktaroutes.ListApps)
	done := make(chan error, 1)
	go func() { done <- sh.Run(context.Background()) }()

	<-sc.read // the slow query has been read
	select {
	case <-inflight:
	case <-time.After(10 * time.Second):
		t.Fatal("the query made no API call")
	}
	start := time.Now()
	ints <- struct{}{}
	select {
	case <-sc.read: // the shell asks for the next statement
	case <-time.After(10 * time.Second):
		t.Fatal("Ctrl-C did not stop the query")
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("the query stopped %s after Ctrl-C, want under 1s", d)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the shell did not finish the next statement")
	}
	if want := "ERROR 1317 (70100): Query execution was interrupted (Ctrl-C)\n"; errw.String() != want {
		t.Errorf("stderr = %q, want %q", errw.String(), want)
	}
	if !strings.Contains(out.String(), "still here") {
		t.Errorf("the next statement did not run; stdout:\n%s", out.String())
	}
	if strings.Contains(out.String(), "Salesforce") {
		t.Errorf("the cancelled query printed rows:\n%s", out.String())
	}
}
