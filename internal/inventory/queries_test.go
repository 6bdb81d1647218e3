package inventory_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/credsql/credsql/internal/inventory"
	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/testenv"
)

// TestSavedQueries runs every saved query against the simulator (pages of 2, so every
// multi-page path runs) and compares its findings with the ones computed from the vendors'
// APIs directly. At the simulator's usual clock every query must find something; the other
// clocks move known credentials just across the queries' time limits (a key 12 days out
// becomes 31 days out, or expired since midnight), so that an off-by-a-day window fails.
func TestSavedQueries(t *testing.T) {
	t.Parallel()
	qs, err := inventory.Load(filepath.Join("..", "..", "queries"))
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) < 12 {
		t.Errorf("%d saved queries, want at least 12", len(qs))
	}
	today := time.Now().UTC().Truncate(day)
	for _, shift := range []int{0, 19, -12, -20, 30} {
		t.Run(fmt.Sprintf("clock%+dd", shift), func(t *testing.T) {
			e := testenv.New(t, testenv.Options{NoWire: true, Sim: sim.Options{Now: today.AddDate(0, 0, shift)}})
			w := readWorld(t, e.Sim)
			for _, q := range qs {
				t.Run(q.Name, func(t *testing.T) { checkSavedQuery(t, e, w, q, shift == 0) })
			}
		})
	}
}

func checkSavedQuery(t *testing.T, e *testenv.Env, w *world, q inventory.Query, mustFind bool) {
	sq, ok := savedQueries[q.Name]
	if !ok {
		t.Fatalf("no expected findings for %s: add it to savedQueries", q.Name)
	}
	if q.Title == q.Name || q.Description == "" || q.Action == "" || inventory.SeverityRank(q.Severity) < 0 {
		t.Errorf("header incomplete: %+v", q)
	}
	now := time.Now().UTC()
	r := inventory.Exec(context.Background(), e.Session, q)
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	if _, err := r.LogRows(); err != nil {
		t.Errorf("columns: %v", err)
	}
	var got []string
	for _, row := range r.Rows {
		m := map[string]any{}
		for i, c := range r.Columns {
			m[c.Name] = row[i]
		}
		if m["connection"] != "demo" {
			t.Errorf("row %v: connection %v, want demo", row, m["connection"])
		}
		got = append(got, sq.key(m))
	}
	want := sq.want(t, w, now)
	if len(want) == 0 && mustFind {
		t.Fatalf("the simulator's data has no finding for %s", q.Name)
	}
	sort.Strings(got)
	sort.Strings(want)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("findings (-want +got):\n%s", d)
	}
}

// TestSavedQueriesCallBudget checks that each saved query pins keys and walks parent→child:
// with lists that fit one page, its API calls stay within what its data needs.
func TestSavedQueriesCallBudget(t *testing.T) {
	t.Parallel()
	qs, err := inventory.Load(filepath.Join("..", "..", "queries"))
	if err != nil {
		t.Fatal(err)
	}
	e := testenv.New(t, testenv.Options{NoWire: true, Sim: sim.Options{PageSize: 500}})
	w := readWorld(t, e.Sim)
	for _, q := range qs {
		sq, ok := savedQueries[q.Name]
		if !ok {
			continue // TestSavedQueries reports it
		}
		// A fresh session logs in again, so that every query pays for its own login.
		e2 := testenv.New(t, testenv.Options{NoWire: true, Sim: sim.Options{PageSize: 500}})
		e2.Sim.ResetCalls()
		r := inventory.Exec(context.Background(), e2.Session, q)
		if r.Err != nil {
			t.Errorf("%s: %v", q.Name, r.Err)
			continue
		}
		if got, max := e2.Sim.CallCount(), sq.budget(w); got > max {
			t.Errorf("%s made %d API calls, want at most %d", q.Name, got, max)
			for _, c := range e2.Sim.Calls() {
				t.Logf("  %s %s?%s", c.Method, c.Path, c.Query)
			}
		}
	}
}
