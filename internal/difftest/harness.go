// Package difftest is a differential oracle for credsql's engine. It loads a full scan of every
// registered table, read through credsql from the vendor simulator, into go-mysql-server's own
// in-memory database (same database name, table names and column types), then runs generated
// queries through both engines and compares the results. Only the way rows are found differs:
// credsql turns key and filter conditions into API calls (gets, lists per parent, fan-out,
// pages), the oracle reads its tables. A mismatch is shrunk to a small query and reported
// with what reproduces it.
package difftest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/credsql/credsql/internal/config"
	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/tables"
	"github.com/credsql/credsql/internal/testenv"
)

// Options configure one run: one simulator at one page size, one query path.
type Options struct {
	// Seed drives the simulator's data and the query generator.
	Seed uint64
	// PageSize caps every list page of the simulator (0: testenv's default, 2).
	PageSize int
	// Queries is the number of generated reads to compare.
	Queries int
	// Writes is the number of writes (INSERT, UPDATE, DELETE through credsql) spread over the
	// reads; after each, the oracle is reloaded from full scans.
	Writes int
	// Wire sends the reads over the MySQL wire protocol (go-sql-driver/mysql) instead of
	// the in-process session.
	Wire bool
	// MaxShrinks bounds how many mismatches are shrunk (default 6); later ones are only
	// counted.
	MaxShrinks int
}

func (o Options) path() string {
	if o.Wire {
		return "wire"
	}
	return "in-process"
}

// Report is the outcome of a run.
type Report struct {
	Options Options
	// Queries is the number of reads compared (shrinking not included).
	Queries int
	// BothFailed counts reads that both engines refused (the grammar's own mistakes).
	BothFailed int
	// Writes and WritesRefused count the writes tried and those the vendor refused (a
	// DELETE of an active secret); refused writes change nothing and are not mismatches.
	Writes, WritesRefused int
	// Failed counts reads (and writes) whose results differed.
	Failed int
	// Mismatches are the distinct shrunk mismatches.
	Mismatches []*Mismatch
	Elapsed    time.Duration
}

// Summary is one line for logs and campaign output.
func (r *Report) Summary() string {
	return fmt.Sprintf("difftest summary: seed=%d page_size=%d path=%s queries=%d writes=%d (refused %d) both_failed=%d mismatches=%d distinct=%d elapsed=%s",
		r.Options.Seed, r.Options.PageSize, r.Options.path(), r.Queries, r.Writes, r.WritesRefused, r.BothFailed,
		r.Failed, len(r.Mismatches), r.Elapsed.Round(time.Millisecond))
}

// simOptions are the simulator options of a run: the seed's data, small, so that every query
// is cheap even at page size 1.
func simOptions(o Options) sim.Options {
	return sim.Options{Seed: int64(o.Seed), PageSize: o.PageSize, Apps: 12, IdPs: 4, IdPKeys: 6, ServiceUsers: 6,
		// Rate-limit headers that never run low: credsql paces itself when they do.
		RateLimit: 1 << 30, OPARateLimit: 1 << 30}
}

// secondConnection is the name of the extra connection per vendor: both point at the same
// simulator, so every row exists twice, once per connection.
const secondConnection = "alt"

// run is one Options in progress.
type run struct {
	t      testing.TB
	o      Options
	env    *testenv.Env
	rng    *rand.Rand
	gen    *gen
	oracle *oracle
	models []*tableModel
	byName map[string]*tableModel
	// setup are the writes applied so far, in order: a mismatch found after them needs them
	// to be reproduced.
	setup  []string
	rep    *Report
	shapes map[string]bool
	// shrinks counts the comparisons run to shrink mismatches.
	shrinks int
	seq     int
}

// Run starts a simulator and credsql with two connections per vendor, loads the oracle and
// compares o.Queries generated reads (with o.Writes writes spread among them). The
// mismatches are in the report; Run fails t only when the harness itself cannot work.
func Run(t testing.TB, o Options) *Report {
	t.Helper()
	if o.MaxShrinks == 0 {
		o.MaxShrinks = 6
	}
	start := time.Now()
	r := newRun(t, o)
	r.loop()
	r.rep.Elapsed = time.Since(start)
	return r.rep
}

// shrinkBudget is the comparisons one shrink may run on average.
const shrinkBudget = 120

// loop runs the reads and writes of the run.
func (r *run) loop() {
	o := r.o
	writeAt := map[int]bool{}
	for i := 1; i <= o.Writes; i++ {
		writeAt[i*o.Queries/(o.Writes+1)] = true
	}
	for i := range o.Queries {
		if writeAt[i] {
			r.write()
		}
		q := r.gen.query()
		r.rep.Queries++
		r.check(q)
	}
}

func boolBit(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

func newRun(t testing.TB, o Options) *run {
	t.Helper()
	r := &run{t: t, o: o, rep: &Report{Options: o}, byName: map[string]*tableModel{}, shapes: map[string]bool{}}
	r.env = testenv.New(t, testenv.Options{Sim: simOptions(o), NoWire: !o.Wire, Configure: func(cfg *config.Config) {
		for _, c := range cfg.Connections {
			c.Name = secondConnection
			cfg.Connections = append(cfg.Connections, c)
		}
	}})
	r.rng = rand.New(rand.NewPCG(o.Seed, uint64(o.PageSize)<<1|boolBit(o.Wire)))
	r.oracle = newOracle(engine.DatabaseName)
	for _, d := range tables.All() {
		m := d.Meta()
		schema, err := r.schema(m.Name)
		if err != nil {
			t.Fatalf("difftest: schema of %s: %v", m.Name, err)
		}
		tm := newModel(m, schema)
		r.models = append(r.models, tm)
		r.byName[m.Name] = tm
	}
	for _, m := range r.models {
		if p := m.meta.Parent; p != nil {
			m.parent = r.byName[p.Table]
			m.parent.children = append(m.parent.children, m)
		}
	}
	// Two rounds of scans with nothing written in between tell the volatile columns.
	first := map[string][]sql.Row{}
	for _, m := range r.models {
		first[m.name()] = r.scan(m)
	}
	for _, m := range r.models {
		m.markVolatile(first[m.name()], r.scan(m))
	}
	r.reload()
	r.gen = &gen{rng: r.rng, models: r.queryable()}
	return r
}

// schema is the table's schema as credsql's go-mysql-server engine has it.
func (r *run) schema(name string) (sql.Schema, error) {
	ctx := sql.NewEmptyContext()
	db, err := r.env.Engine.SQL().Analyzer.Catalog.DbProvider.Database(ctx, engine.DatabaseName)
	if err != nil {
		return nil, err
	}
	t, ok, err := db.GetTableInsensitive(ctx, name)
	if err != nil || !ok {
		return nil, fmt.Errorf("table %s not found: %v", name, err)
	}
	return t.Schema(ctx).Copy(), nil
}

// queryable are the tables the grammar reads.
func (r *run) queryable() []*tableModel {
	var out []*tableModel
	for _, m := range r.models {
		if !m.volatile {
			out = append(out, m)
		}
	}
	return out
}

// scan reads a table in full through credsql, in-process.
func (r *run) scan(m *tableModel) []sql.Row {
	r.t.Helper()
	res, err := r.env.Session.Query(context.Background(), "SELECT * FROM "+m.name())
	if err != nil {
		r.t.Fatalf("difftest: scan %s: %v", m.name(), err)
	}
	defer res.Close()
	var rows []sql.Row
	for row, err := range res.Rows() {
		if err != nil {
			r.t.Fatalf("difftest: scan %s: %v", m.name(), err)
		}
		rows = append(rows, row.Copy())
	}
	return rows
}

// reload scans every table through credsql and loads the scans into the oracle. A scan that
// returns an object twice is a mismatch of its own: the oracle, loaded from it, cannot see it.
func (r *run) reload() {
	for _, m := range r.models {
		m.setRows(r.scan(m))
		if err := r.oracle.load(m.name(), m.schema, m.rows); err != nil {
			r.t.Fatalf("difftest: %v", err)
		}
		if m.volatile {
			continue
		}
		if dups := m.duplicateKeys(); len(dups) > 0 {
			r.rep.Failed++
			r.record(&Mismatch{SQL: "SELECT * FROM " + m.name(), Kind: "scan",
				Note: "a full scan returns these keys more than once: " + strings.Join(dups, ", ")})
		}
	}
}

// credsql runs a read through credsql on the run's path.
func (r *run) credsql(q string) ([][]string, error) {
	if r.o.Wire {
		return wireQuery(r.env.DB(), q)
	}
	return sessionQuery(r.env.Session, q)
}

// check runs q both ways and records a (shrunk) mismatch.
func (r *run) check(q *query) {
	m := r.compare(q.String(), q.compareMode())
	if m == nil {
		return
	}
	if m.Kind == "" {
		r.rep.BothFailed++
		return
	}
	r.rep.Failed++
	if len(r.rep.Mismatches) >= r.o.MaxShrinks || r.shrinks >= shrinkBudget*r.o.MaxShrinks {
		return
	}
	m.Original = m.SQL
	m = r.shrink(q, m)
	r.record(m)
}

// record keeps a mismatch unless one of the same shape is already kept.
func (r *run) record(m *Mismatch) {
	m.Seed, m.PageSize, m.Wire = r.o.Seed, r.o.PageSize, r.o.Wire
	m.Setup = append([]string(nil), r.setup...)
	sh := shape(m.Kind + " " + m.SQL)
	if r.shapes[sh] {
		return
	}
	r.shapes[sh] = true
	r.rep.Mismatches = append(r.rep.Mismatches, m)
}

// compare runs q through credsql and the oracle. It returns nil when they agree, a mismatch
// without a Kind when both refused q, and a mismatch otherwise.
func (r *run) compare(q string, mode compareMode) *Mismatch {
	got, gerr := r.credsql(q)
	want, jsonCols, werr := r.oracle.query(q)
	if r.o.Wire {
		canonJSONColumns(got, jsonCols)
	}
	m := &Mismatch{SQL: q, Compare: mode, Got: got, Want: want}
	switch {
	case gerr != nil && werr != nil:
		return &Mismatch{SQL: q}
	case gerr != nil:
		m.Kind, m.GotErr = "credsql error", gerr.Error()
	case werr != nil:
		m.Kind, m.WantErr = "oracle error", werr.Error()
	case !sameRows(got, want, mode):
		m.Kind = "rows"
	default:
		return nil
	}
	return m
}

// shrink simplifies q while it still mismatches in the same way, within a budget of queries.
// It stops early once the query has the shape of a mismatch already found.
func (r *run) shrink(q *query, m *Mismatch) *Mismatch {
	minimize(q, shrinkBudget, func(c *query) (stop bool) {
		return r.shapes[shape(m.Kind+" "+m.SQL)]
	}, func(c *query) bool {
		r.shrinks++
		cm := r.compare(c.String(), c.compareMode())
		if cm == nil || cm.Kind != m.Kind {
			return false
		}
		cm.Original = m.Original
		m = cm
		return true
	})
	return m
}

// minimize shrinks q greedily: it takes the first simpler variant that still fails, and
// starts over from it, until no variant fails, stop says so, or budget variants were tried.
func minimize(q *query, budget int, stop, fails func(*query) bool) *query {
	for changed := true; changed && budget > 0 && !stop(q); {
		changed = false
		for _, c := range shrinkQuery(q, true) {
			if budget--; budget < 0 {
				break
			}
			if fails(c) {
				q, changed = c, true
				break
			}
		}
	}
	return q
}
