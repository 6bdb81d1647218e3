package testenv

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/routes"
	"github.com/google/go-cmp/cmp"
)

// Case is a query test as data. It runs twice, in-process and over the MySQL wire, each time
// on a fresh simulator with the same seed (so ids are the same and writes do not leak from
// one run into the other).
type Case struct {
	Name string
	// SQL is the statement; SQLFunc builds it from the data (ids looked up with e.MustQuery)
	// when the test needs real ids. Calls made by SQLFunc are not counted.
	SQL     string
	SQLFunc func(e *Env) string
	// Args are bound to the statement's ? placeholders: the wire client prepares it on the
	// server (COM_STMT_PREPARE) and executes it with them. A case with Args runs only over
	// the wire; ArgsFunc builds them from the data, like SQLFunc.
	Args     []any
	ArgsFunc func(e *Env) []any
	// Setup runs before the statement (inject faults, change knobs); its calls are not counted.
	Setup func(e *Env)

	Want      [][]any // exact rows; nil = not checked
	Unordered bool    // compare Want ignoring row order
	WantCount int     // number of rows when Want is nil; -1 = not checked (the zero value checks 0 only when WantCountSet)
	// CountSet makes WantCount meaningful even when it is 0.
	CountSet bool
	Check    func(t *testing.T, e *Env, rows [][]any)
	WantErr  string // substring of the error; "" = must succeed

	// Calls is the exact number of API calls the statement may make (nil = not checked).
	Calls *int
	// Routes are exact call counts per catalog entry, e.g. {oktaroutes.GetApp: 1}.
	Routes map[routes.Route]int
	// After checks state afterwards (e.g. with another query, whose calls are not counted).
	After func(t *testing.T, e *Env)

	InProcessOnly bool
	WireOnly      bool
}

// N is a helper for Case.Calls.
func N(n int) *int { return &n }

// Run runs cases, each in-process and over the wire.
func Run(t *testing.T, o Options, cases []Case) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			for _, path := range []string{"in-process", "wire"} {
				wireOnly := c.WireOnly || c.Args != nil || c.ArgsFunc != nil
				if (path == "wire" && c.InProcessOnly) || (path == "in-process" && wireOnly) {
					continue
				}
				t.Run(path, func(t *testing.T) { runCase(t, o, c, path) })
			}
		})
	}
}

func runCase(t *testing.T, o Options, c Case, path string) {
	t.Helper()
	opts := o
	opts.NoWire = path != "wire"
	e := New(t, opts)
	q := c.SQL
	if c.SQLFunc != nil {
		q = c.SQLFunc(e)
	}
	args := c.Args
	if c.ArgsFunc != nil {
		args = c.ArgsFunc(e)
	}
	if c.Setup != nil {
		c.Setup(e)
	}
	if path == "wire" {
		// Connect first: the connection's own setup queries are not the statement's calls.
		if err := e.DB().Ping(); err != nil {
			t.Fatalf("connect: %v", err)
		}
	}
	e.Sim.ResetCalls()
	var rows [][]any
	var err error
	if path == "wire" {
		rows, err = e.WireQuery(q, args...)
	} else {
		rows, err = e.Query(q)
	}
	calls := e.Sim.Calls()
	if c.WantErr != "" {
		if err == nil {
			t.Fatalf("%s: want error containing %q, got %d rows", q, c.WantErr, len(rows))
		}
		if !strings.Contains(err.Error(), c.WantErr) {
			t.Fatalf("%s: error %q does not contain %q", q, err, c.WantErr)
		}
	} else if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	if c.Want != nil {
		want, got := c.Want, rows
		if c.Unordered {
			want, got = sorted(want), sorted(got)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: rows differ (-want +got):\n%s", q, diff)
		}
	} else if c.CountSet || c.WantCount > 0 {
		if len(rows) != c.WantCount {
			t.Errorf("%s: got %d rows, want %d", q, len(rows), c.WantCount)
		}
	}
	if c.Check != nil {
		c.Check(t, e, rows)
	}
	if c.Calls != nil && len(calls) != *c.Calls {
		t.Errorf("%s: %d API calls, want %d:\n%s", q, len(calls), *c.Calls, describeCalls(calls))
	}
	if c.Routes != nil {
		got := map[routes.Route]int{}
		for _, call := range calls {
			got[call.Entry]++
		}
		for route, n := range c.Routes {
			if got[route] != n {
				t.Errorf("%s: %d calls to %s, want %d:\n%s", q, got[route], route, n, describeCalls(calls))
			}
		}
	}
	if c.After != nil {
		c.After(t, e)
	}
}

func describeCalls[T fmt.Stringer](calls []T) string {
	var b strings.Builder
	for _, c := range calls {
		fmt.Fprintf(&b, "  %s\n", c)
	}
	return b.String()
}

func sorted(rows [][]any) [][]any {
	out := append([][]any(nil), rows...)
	sort.Slice(out, func(i, j int) bool { return fmt.Sprint(out[i]) < fmt.Sprint(out[j]) })
	return out
}
