// The scenarios at the vendors' limits: default flags against a vendor that processes only so
// many calls at once, a large fan-out at the default ceiling, and a one-shot query's start-up.

package bench

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/credsql/credsql/internal/demo"
	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/tables"
)

// JoinQuery is the parent→child join of the vendor-cap scenarios: one listing of the apps,
// then one list of keys per app.
const JoinQuery = "SELECT a.label, k.kid FROM apps a JOIN app_keys k ON k.app_id = a.id"

// VendorCap runs JoinQuery runs times with default flags, each time on new connections that
// have learned nothing yet, against a simulator that processes at most limit Okta calls at
// once and answers the calls over it with Okta's concurrency 429. Every run must return the
// full result with at most max429 429s (each refused call is sent again: calls = the minimum
// + 429s), and the median run's wall time must be within maxRatio × the lower bound at the
// vendor's limit. The result is the median run's; Notes lists every run.
func VendorCap(ctx context.Context, e *Env, limit, max429 int, maxRatio float64, runs int) Result {
	want, err := e.Query(ctx, JoinQuery)
	if err != nil {
		return Result{Err: fmt.Errorf("the join without a cap: %w", err)}
	}
	e.Sim.SetConcurrencyLimit(limit)
	defer e.Sim.SetConcurrencyLimit(0)
	apps := e.Sizes.Apps
	var all []Result
	pass := true
	for range max(runs, 1) {
		f := &Env{Sizes: e.Sizes, Sim: e.Sim}
		if err := f.open(demo.Config(e.Sim, e.Sim.URL(), "demo"), tables.Settings{}); err != nil {
			return Result{Err: err}
		}
		st := &fetch.Stats{}
		r := measure(fetch.WithStats(ctx, st), f, "", "", JoinQuery)
		f.Engine.Close()
		r.MinCalls = pages(apps, 200) + apps
		r.LowerBound = time.Duration(steps(apps, limit)) * e.rtt()
		r.Limit, r.Ceiling = oktaLimit(st)
		if r.Err == nil && r.Rows != want {
			r.Err = fmt.Errorf("%d rows, %d without the limit", r.Rows, want)
		}
		if r.Err != nil {
			return r
		}
		pass = pass && r.Limited <= max429 && r.Calls == r.MinCalls+r.Limited
		all = append(all, r)
	}
	slices.SortFunc(all, func(a, b Result) int { return cmp.Compare(a.Wall, b.Wall) })
	r := all[len(all)/2]
	r.Pass = pass && r.Ratio() <= maxRatio
	if len(all) > 1 {
		var walls, limited []string
		for _, x := range all {
			walls = append(walls, x.Wall.Round(time.Millisecond).String())
			limited = append(limited, strconv.Itoa(x.Limited))
		}
		r.Notes = fmt.Sprintf("median of %d runs: %s; 429s %s", len(all), strings.Join(walls, ", "), strings.Join(limited, ", "))
	}
	return r
}

// LargeFanOut runs `SELECT * FROM app_keys` over every app of e (Large: 5,000) runs times at
// e's concurrency as the ceiling: calls = pages + apps, and the median run's wall time within
// 1.3 × the lower bound at the ceiling. The result is the median run's.
func LargeFanOut(ctx context.Context, e *Env, runs int) Result {
	var all []Result
	for range max(runs, 1) {
		st := &fetch.Stats{}
		r := measure(fetch.WithStats(ctx, st), e, "", "", "SELECT * FROM app_keys")
		apps := e.Sizes.Apps
		r.MinCalls = pages(apps, 200) + apps
		r.LowerBound = time.Duration(steps(apps, e.Sizes.Concurrency)) * e.rtt()
		r.Limit, r.Ceiling = oktaLimit(st)
		if r.Err != nil || r.Calls != r.MinCalls {
			return r
		}
		all = append(all, r)
	}
	slices.SortFunc(all, func(a, b Result) int { return cmp.Compare(a.Wall, b.Wall) })
	r := all[len(all)/2]
	r.Pass = r.Ratio() <= 1.3
	return r
}

// oktaLimit is the in-flight limit and ceiling of the Okta connection a query called.
func oktaLimit(st *fetch.Stats) (limit, ceiling int) {
	for _, l := range st.Limits() {
		if l.Vendor == fetch.Okta {
			return l.Limit, l.Ceiling
		}
	}
	return 0, 0
}

// Startup is what a one-shot query costs before and around its first API call (medians).
type Startup struct {
	Runs        int
	ToFirstCall time.Duration // from starting the process to its first API call
	ToExit      time.Duration
	// From the runtime's own trace of package initialisation (GODEBUG=inittrace=1): when
	// main started, and the time spent initialising every package and go-mysql-server's
	// (with its vitess parser: github.com/dolthub/...) before it.
	MainAt, Init, InitGMS time.Duration
}

// MeasureStartup runs a one-shot `credsql query` (bin) against e's simulator runs times,
// configured from the environment, and returns the medians.
func MeasureStartup(ctx context.Context, e *Env, bin string, runs int) (Startup, error) {
	dir, err := os.MkdirTemp("", "credsql-bench")
	if err != nil {
		return Startup{}, err
	}
	defer os.RemoveAll(dir)
	var first, exit, mainAt, all, gms []time.Duration
	for range runs {
		e.settle()
		cmd := exec.CommandContext(ctx, bin, "query", "-e", "SELECT id FROM apps LIMIT 1")
		cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1",
			"OKTA_ORG_URL="+e.Sim.URL(), "OKTA_API_TOKEN="+e.Sim.Options().OktaToken,
			"XDG_CONFIG_HOME="+dir, "XDG_STATE_HOME="+dir)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return Startup{}, fmt.Errorf("credsql query: %w: %s", err, stderr.String())
		}
		exit = append(exit, time.Since(start))
		calls := e.Sim.Calls()
		if len(calls) == 0 {
			return Startup{}, fmt.Errorf("credsql query made no API call")
		}
		first = append(first, calls[0].Time.Sub(start))
		m, a, g := initTrace(stderr.String())
		mainAt, all, gms = append(mainAt, m), append(all, a), append(gms, g)
	}
	return Startup{Runs: runs, ToFirstCall: median(first), ToExit: median(exit), MainAt: median(mainAt), Init: median(all), InitGMS: median(gms)}, nil
}

// initTrace reads GODEBUG=inittrace=1 lines ("init github.com/x/y @12 ms, 3.4 ms clock, ...").
func initTrace(s string) (mainAt, all, gms time.Duration) {
	ms := func(v string) time.Duration {
		f, _ := strconv.ParseFloat(v, 64)
		return time.Duration(f * float64(time.Millisecond))
	}
	for _, line := range strings.Split(s, "\n") {
		f := strings.Fields(line)
		if len(f) < 7 || f[0] != "init" || f[6] != "clock," {
			continue
		}
		at, clock := ms(strings.TrimPrefix(f[2], "@")), ms(f[4])
		all += clock
		if strings.HasPrefix(f[1], "github.com/dolthub/") {
			gms += clock
		}
		mainAt = max(mainAt, at+clock)
	}
	return mainAt, all, gms
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}
