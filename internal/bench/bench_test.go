package bench

import (
	"context"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/tables"
)

// TestBenchmarkSuiteShort runs the whole suite on small data, so CI knows it works. It checks
// what is deterministic (API calls, rows, 429s); wall times are reported, not asserted:
// benchmarks are not timed tests (docs/benchmarks.md has the full run's figures).
func TestBenchmarkSuiteShort(t *testing.T) {
	e, err := NewEnv(Short, sim.Options{}, tables.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	ctx := context.Background()
	for _, r := range Run(ctx, e, Scenarios()) {
		t.Logf("%s: %d rows, %d calls (min %d), %s (bound %s, ×%.2f), %d×429", r.Scenario, r.Rows, r.Calls, r.MinCalls, r.Wall.Round(time.Millisecond), r.LowerBound, r.Ratio(), r.Limited)
		if r.Err != nil {
			t.Errorf("%s: %v", r.Scenario, r.Err)
			continue
		}
		if r.Calls > r.MinCalls+slack(r.Scenario) {
			t.Errorf("%s: %d calls, minimum %d", r.Scenario, r.Calls, r.MinCalls)
		}
	}
	r := RateLimited(ctx, e, 10, time.Second, 1)
	t.Logf("rate-limited fan-out: %d calls, %s (calls ÷ rate %s, ×%.2f), %d×429", r.Calls, r.Wall.Round(time.Millisecond), r.LowerBound, r.Ratio(), r.Limited)
	if r.Err != nil || r.Limited > 3 {
		t.Errorf("rate-limited fan-out: %v, %d×429", r.Err, r.Limited)
	}
	w := WireThroughput(ctx, e)
	t.Logf("wire: %d rows in %s, %.0f rows/s, %d calls", w.Rows, w.Wall, w.RowsPerSec, w.Calls)
	if w.Err != nil || w.Rows != Short.IdPKeys || w.Calls != w.MinCalls {
		t.Errorf("wire: %+v", w)
	}
}

func slack(name string) int {
	if name == Scenarios()[5].Name {
		return 2 // the join may read ahead of the rows it needs
	}
	return 0
}
