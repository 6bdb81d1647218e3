package tables_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/dolthub/vitess/go/vt/sqlparser"
	"github.com/google/go-cmp/cmp"

	"github.com/credsql/credsql/internal/engine"
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
				res, err := e.Session.Query(context.Background(), ex.SQL)
				if err != nil {
					t.Fatalf("%s: %v", ex.SQL, err)
				}
				var got []string
				for _, c := range res.Columns() {
					got = append(got, strings.ToLower(c.Name))
				}
				var rows [][]any
				for row, err := range res.Rows() {
					if err != nil {
						t.Fatal(err)
					}
					rows = append(rows, engine.PlainRow(row))
				}
				_ = res.Close()
				if len(rows) == 0 {
					t.Errorf("%s: no rows on the demo data; a documented example must show something", ex.SQL)
				}
				if want := selectNames(t, ex.SQL); want != nil {
					if d := cmp.Diff(want, got); d != "" {
						t.Errorf("%s: columns (-from the SELECT list +result):\n%s", ex.SQL, d)
					}
				}
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

// selectNames is the column names a SELECT's list gives its result, lower case: the alias,
// the column name, or the expression's text; nil when the list has a star.
func selectNames(t *testing.T, q string) []string {
	t.Helper()
	stmt, err := sqlparser.Parse(q)
	if err != nil {
		t.Fatalf("vitess cannot parse %s: %v", q, err)
	}
	var sel *sqlparser.Select
	switch s := stmt.(type) {
	case *sqlparser.Select:
		sel = s
	default:
		return nil
	}
	var out []string
	for _, se := range sel.SelectExprs {
		switch x := se.(type) {
		case *sqlparser.StarExpr:
			return nil
		case *sqlparser.AliasedExpr:
			switch {
			case !x.As.IsEmpty():
				out = append(out, strings.ToLower(x.As.String()))
			default:
				if c, ok := x.Expr.(*sqlparser.ColName); ok {
					out = append(out, strings.ToLower(c.Name.String()))
				} else {
					out = append(out, strings.ToLower(strings.TrimSpace(x.InputExpression)))
				}
			}
		default:
			out = append(out, strings.ToLower(fmt.Sprint(se)))
		}
	}
	return out
}
