package main

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/testenv"
)

// `credsql query --timeout` cancels the run, in-flight API calls included: with a vendor that
// takes 10 s to answer, a 300 ms timeout ends the command well before the answer would come,
// and nothing of the run is left running.
func TestQueryTimeoutCancelsAPICalls(t *testing.T) {
	// Not parallel: it counts the goroutines running credsql code.
	before := map[string]bool{} // goroutines other tests of the package left
	for _, g := range runningCredsql() {
		before[goroutineID(g)] = true
	}
	start := time.Now()
	stderr, code := runApp(t, nil, "--demo", "--demo-latency", "10s", "query", "--timeout", "300ms", "-e", "SELECT COUNT(*) FROM app_keys")
	took := time.Since(start)
	if code != exitError || !strings.Contains(stderr, "timed out after 300ms") {
		t.Errorf("exit %d, %q: want exit %d and the timeout named", code, stderr, exitError)
	}
	// Starting the demo takes a moment; the 10 s API answer must not have been waited for.
	if took > 3*time.Second {
		t.Errorf("the command took %s", took)
	}
	// The run's goroutines unwind after the command has returned; nothing signals the last
	// one's end, so this polls (testenv.Poll).
	var left []string
	if !testenv.Poll(5*time.Second, func() bool {
		left = left[:0]
		for _, g := range runningCredsql() {
			if !before[goroutineID(g)] {
				left = append(left, g)
			}
		}
		return len(left) == 0
	}) {
		t.Errorf("%d goroutines of the run are still running:\n%s", len(left), strings.Join(left, "\n\n"))
	}
}

// goroutineID is the "goroutine N" header of a goroutine's stack.
func goroutineID(stack string) string {
	id, _, _ := strings.Cut(stack, " [")
	return id
}

// runningCredsql returns the stacks of goroutines running credsql code, the tests' own aside.
func runningCredsql() []string {
	buf := make([]byte, 4<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var out []string
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, "github.com/credsql/credsql/internal/") && !strings.Contains(g, "testing.tRunner") {
			out = append(out, g)
		}
	}
	return out
}
