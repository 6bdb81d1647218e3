package testenv

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/dolthub/vitess/go/vt/sqlparser"
	"github.com/google/go-cmp/cmp"

	"github.com/credsql/credsql/internal/engine"
)

// CheckExample runs a documented example (a table's, the README's, a guide's) in-process and
// checks what a reader is promised: it succeeds, it returns at least one row (an OK result
// is one), and a SELECT's columns are the ones its list names, read by the vitess parser rather than by
// credsql (SelectNames; not checked for a list with a star). It returns the rows.
func (e *Env) CheckExample(t testing.TB, where, q string) [][]any {
	t.Helper()
	res, err := e.Session.Query(context.Background(), q)
	if err != nil {
		t.Errorf("%s: example fails:\n%s\n%v", where, q, err)
		return nil
	}
	defer res.Close()
	var got []string
	for _, c := range res.Columns() {
		got = append(got, strings.ToLower(c.Name))
	}
	var rows [][]any
	for row, err := range res.Rows() {
		if err != nil {
			t.Errorf("%s: example fails:\n%s\n%v", where, q, err)
			return nil
		}
		rows = append(rows, engine.PlainRow(row))
	}
	if len(rows) == 0 {
		t.Errorf("%s: example returns no rows on the demo data; a documented example must show something:\n%s", where, q)
	}
	want, isSelect, err := SelectNames(q)
	if err != nil {
		t.Errorf("%s: %v", where, err)
		return rows
	}
	if isSelect && want != nil {
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("%s: %s: columns (-from the SELECT list +result):\n%s", where, q, d)
		}
	}
	return rows
}

// SelectNames is the column names a SELECT's list gives its result, lower case: the alias,
// the column name, or the expression's text, as the vitess parser reads them. names is nil
// when the list has a star; isSelect is false for any other statement (a CALL, an UPDATE).
func SelectNames(q string) (names []string, isSelect bool, err error) {
	stmt, err := sqlparser.Parse(q)
	if err != nil {
		// EXEC is credsql's, not MySQL's: vitess does not know it.
		if strings.HasPrefix(strings.ToUpper(strings.TrimSpace(q)), "EXEC ") {
			return nil, false, nil
		}
		return nil, false, fmt.Errorf("vitess cannot parse %s: %v", q, err)
	}
	sel, ok := stmt.(*sqlparser.Select)
	if !ok {
		return nil, false, nil
	}
	for _, se := range sel.SelectExprs {
		switch x := se.(type) {
		case *sqlparser.StarExpr:
			return nil, true, nil
		case *sqlparser.AliasedExpr:
			switch {
			case !x.As.IsEmpty():
				names = append(names, strings.ToLower(x.As.String()))
			default:
				if c, ok := x.Expr.(*sqlparser.ColName); ok {
					names = append(names, strings.ToLower(c.Name.String()))
				} else {
					names = append(names, strings.ToLower(strings.TrimSpace(x.InputExpression)))
				}
			}
		default:
			names = append(names, strings.ToLower(fmt.Sprint(se)))
		}
	}
	return names, true, nil
}
