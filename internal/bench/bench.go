// Package bench is credsql's benchmark suite: queries against the simulator with realistic
// latency and data, measuring API calls against the fewest possible, wall time against the
// lower bound (round trip × sequential steps, or calls ÷ allowed rate), 429s received and
// memory. `make bench` runs it in full and writes docs/benchmarks.md; the tests run a short
// version so the suite is known to work.
package bench

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/credsql/credsql/internal/config"
	"github.com/credsql/credsql/internal/demo"
	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/tables"
)

// Sizes of the data set.
type Sizes struct {
	Apps, IdPKeys, ServiceUsers int
	Latency                     time.Duration
	Concurrency                 int
}

// Full is the default data: 200 apps, 1,000 IdP keys, 2,000 OPA service users, 20 ms.
// The query shapes run at a fixed 8 calls in flight (--concurrency 8: a ceiling of 8 is also
// where the adaptive limit starts), so that their figures compare across versions; the
// adaptive scenarios (adaptive.go) run with default flags.
var Full = Sizes{Apps: 200, IdPKeys: 1000, ServiceUsers: 2000, Latency: 20 * time.Millisecond, Concurrency: fetch.StartConcurrency}

// Short is the CI version: the same shapes, smaller.
var Short = Sizes{Apps: 40, IdPKeys: 250, ServiceUsers: 120, Latency: 5 * time.Millisecond, Concurrency: fetch.StartConcurrency}

// Large is the data of the large fan-out: 5,000 apps at the default ceiling.
var Large = Sizes{Apps: 5000, IdPKeys: 10, ServiceUsers: 10, Latency: 20 * time.Millisecond, Concurrency: fetch.DefaultConcurrency}

// Env is a simulator and an engine over it.
type Env struct {
	Sizes   Sizes
	Sim     *sim.Server
	Engine  *engine.Engine
	Session *engine.Session
	conns   []*tables.Conn
}

// NewEnv starts a simulator with the sizes and an engine with one connection per vendor.
func NewEnv(sz Sizes, opts sim.Options, settings tables.Settings) (*Env, error) {
	opts.Seed = 7
	opts.Apps, opts.IdPKeys, opts.ServiceUsers = sz.Apps, sz.IdPKeys, sz.ServiceUsers
	opts.Latency = sz.Latency
	if opts.DistinctCerts == 0 {
		opts.DistinctCerts = 64
	}
	s, cfg := demo.Start(opts)
	e := &Env{Sizes: sz, Sim: s}
	if settings.Concurrency == 0 {
		settings.Concurrency = sz.Concurrency
	}
	if err := e.open(cfg, settings); err != nil {
		s.Close()
		return nil, err
	}
	return e, nil
}

func (e *Env) open(cfg *config.Config, settings tables.Settings) error {
	for _, cc := range cfg.Connections {
		c, err := tables.Open(cc, settings)
		if err != nil {
			return err
		}
		e.conns = append(e.conns, c)
	}
	eng, err := engine.New(engine.Options{Conns: e.conns, Concurrency: settings.Concurrency})
	if err != nil {
		return err
	}
	e.Engine = eng
	e.Session = eng.NewSession("bench")
	return nil
}

// Close stops the simulator.
func (e *Env) Close() {
	_ = e.Engine.Close()
	e.Sim.Close()
}

// Query runs a statement and returns its row count.
func (e *Env) Query(ctx context.Context, q string) (int, error) {
	res, err := e.Session.Query(ctx, q)
	if err != nil {
		return 0, err
	}
	defer res.Close()
	n := 0
	for _, err := range res.Rows() {
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// Strings runs a statement and returns its first column.
func (e *Env) Strings(q string) ([]string, error) {
	res, err := e.Session.Query(context.Background(), q)
	if err != nil {
		return nil, err
	}
	defer res.Close()
	var out []string
	for row, err := range res.Rows() {
		if err != nil {
			return nil, err
		}
		out = append(out, fmt.Sprint(engine.Plain(row[0])))
	}
	return out, nil
}

// Result is one scenario's measurement.
type Result struct {
	Scenario   string
	Target     string
	Rows       int
	Calls      int
	MinCalls   int
	Wall       time.Duration
	LowerBound time.Duration
	Limited    int    // 429s the simulator answered
	PeakRSS    uint64 // bytes, when measured in a separate process
	RowsPerSec float64
	// Limit is the Okta connection's in-flight limit at the end and Ceiling its ceiling
	// (adaptive scenarios).
	Limit, Ceiling int
	Err            error
	// Pass is whether every target of the scenario held.
	Pass  bool
	Notes string
}

// Ratio is wall time over the lower bound.
func (r Result) Ratio() float64 {
	if r.LowerBound <= 0 {
		return math.NaN()
	}
	return float64(r.Wall) / float64(r.LowerBound)
}

// steps is the round trips of a listing of n parents followed by one call per parent at a
// given concurrency: the parents' pages, then the children in waves.
func steps(children, concurrency int) int {
	return 1 + (children+concurrency-1)/concurrency
}
