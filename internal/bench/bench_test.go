package bench

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/fetch"
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
	// The vendor-cap scenarios on small data: the result complete, every refused call sent
	// again, few 429s, and the limit learned no higher than the vendor's.
	for _, tt := range []struct{ limit, max429 int }{{16, 3}, {4, 10}} {
		r := VendorCap(ctx, e, tt.limit, tt.max429, math.Inf(1), 1)
		t.Logf("vendor cap %d: %d rows, %d calls (min %d), %s (bound %s, ×%.2f), %d×429, limit %d of %d", tt.limit, r.Rows, r.Calls, r.MinCalls,
			r.Wall.Round(time.Millisecond), r.LowerBound, r.Ratio(), r.Limited, r.Limit, r.Ceiling)
		switch {
		case r.Err != nil:
			t.Errorf("vendor cap %d: %v", tt.limit, r.Err)
		case r.Limited > tt.max429 || r.Calls != r.MinCalls+r.Limited:
			t.Errorf("vendor cap %d: %d calls, %d×429; want %d + one per 429, at most %d×429", tt.limit, r.Calls, r.Limited, r.MinCalls, tt.max429)
		case r.Limit < 1 || r.Limit > tt.limit || r.Ceiling != fetch.DefaultConcurrency:
			t.Errorf("vendor cap %d: in-flight limit %d of %d at the end", tt.limit, r.Limit, r.Ceiling)
		}
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
