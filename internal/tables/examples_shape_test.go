package tables_test

import (
	"testing"

	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/tables"
	"github.com/credsql/credsql/internal/testenv"
)

// TestTableExamplesShape runs every documented example of every table (the ones the table
// docs show) on the demo data and checks what it promises: at least one row, the columns its
// SELECT list names (read by the vitess parser, not by credsql), and the same rows over the
// MySQL wire as in-process. The data is --demo's (seed 42), which the docs show.
func TestTableExamplesShape(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{Sim: sim.Options{Seed: 42}})
	n := 0
	for _, d := range tables.All() {
		m := d.Meta()
		for _, ex := range m.Examples {
			n++
			t.Run(m.Name+": "+ex.Title, func(t *testing.T) {
				rows := e.CheckExample(t, m.Name, ex.SQL)
				wire, err := e.WireQuery(ex.SQL)
				if err != nil {
					t.Fatalf("over the wire: %v", err)
				}
				if len(wire) != len(rows) {
					t.Errorf("%s: %d rows over the wire, %d in-process", ex.SQL, len(wire), len(rows))
				}
			})
		}
	}
	if n < 2*len(tables.All()) {
		t.Errorf("%d examples for %d tables: want at least two per table", n, len(tables.All()))
	}
}
