package engine

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/credsql/credsql/internal/tables"
)

// EXPLAIN shows go-mysql-server's plan, then one line per access to a credsql table: the
// route it takes (a get by key, a list, a list per parent key, a fan-out over the parent
// table, a lookup per outer row of a join), the key and filter values pushed into the calls,
// and an estimate of the calls. Plain EXPLAIN (MySQL's tabular form is a placeholder in
// go-mysql-server) shows this plan too.

// explainPlan makes a plain EXPLAIN the plan form.
func explainPlan(stmt ast.Statement) {
	if x, ok := stmt.(*ast.Explain); ok && x.ExplainFormat == "" && !x.Analyze {
		x.Plan = true
	}
}

// explainRows builds the rows of EXPLAIN: the plan, then credsql's API-call lines.
func (e *Engine) explainRows(ctx *sql.Context, n *plan.DescribeQuery) (sql.RowIter, error) {
	text := strings.ReplaceAll(sql.Describe(ctx, n.Child, n.Format), "\r", "")
	var rows []sql.Row
	for _, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) != "" {
			rows = append(rows, sql.NewRow(l))
		}
	}
	accesses := e.tableAccesses(ctx, n.Child)
	if len(accesses) > 0 {
		rows = append(rows, sql.NewRow("credsql API calls (estimate; rows are filtered after the calls):"))
		for _, a := range accesses {
			rows = append(rows, sql.NewRow(" - "+a))
		}
	}
	return sql.RowsToRowIter(rows...), nil
}

// tableAccesses describes every access to a credsql table in a plan, subqueries included.
func (e *Engine) tableAccesses(ctx *sql.Context, n sql.Node) []string {
	var out []string
	var walk func(n sql.Node)
	walk = func(n sql.Node) {
		transform.Inspect(n, func(n sql.Node) bool {
			switch x := n.(type) {
			case *plan.IndexedTableAccess:
				if t := credsqlTable(x.UnderlyingTable()); t != nil && t.e == e {
					if x.IsStatic() {
						lookup, _, err := x.GetLookup(ctx, nil)
						if err == nil {
							out = append(out, e.describeAccess(t, t.planFor(lookup)))
						}
					} else {
						out = append(out, e.describeLookupJoin(t))
					}
				}
				return false
			case *plan.ResolvedTable:
				if t := credsqlTable(x.UnderlyingTable()); t != nil && t.e == e {
					out = append(out, e.describeAccess(t, t.lookup))
				}
				return false
			}
			if ex, ok := n.(sql.Expressioner); ok {
				for _, expr := range ex.Expressions() {
					transform.InspectExpr(ctx, expr, func(ctx *sql.Context, x sql.Expression) bool {
						if sq, ok := x.(*plan.Subquery); ok {
							walk(sq.Query)
						}
						return false
					})
				}
			}
			return true
		})
	}
	walk(n)
	return out
}

// describeAccess is the line of one table access with plan lp (nil: a full scan).
func (e *Engine) describeAccess(t *table, lp *lookupPlan) string {
	m := t.meta
	conns, _ := e.selectConns(m.Vendor, lp)
	nc := len(conns)
	head := fmt.Sprintf("%s: ", m.Name)
	if lp != nil && lp.empty {
		return head + "no call: the WHERE clause matches no row"
	}
	points := []tables.Values{{}}
	if lp != nil && len(lp.points) > 0 {
		points = lp.points
	}
	pushed := pushedText(m, lp)
	p := points[0] // points are uniform: they pin the same columns
	per := func(n int) string { return fmt.Sprintf("%d", n*nc) }
	switch {
	case m.Singleton:
		return head + fmt.Sprintf("one call per connection (%s); estimated calls: %d", m.Route, nc)
	case m.HasGet && allPinned(m.Keys, p):
		return head + fmt.Sprintf("get by key, one call per key and connection; keys pushed: %s; estimated calls: %s", pushed, per(len(points)))
	case m.Parent != nil && !p.Has(m.Parent.Column):
		parent := e.tables[m.Parent.Table].meta
		return head + fmt.Sprintf("fan-out over every %s row: list %s (%s, one call per page), then %s once per %s row; keys pushed: %s; estimated calls: %d list page(s) or more + one per %s row",
			parent.Name, parent.Name, parent.Route, m.Route, parent.Name, pushed, nc, parent.Name)
	case m.Parent != nil:
		return head + fmt.Sprintf("list per %s (%s), %d parent key(s); keys pushed: %s; estimated calls: %s, one more per extra page",
			m.Parent.Column, m.Route, len(points), pushed, per(len(points)))
	default:
		what := "list"
		if len(p) > 0 {
			what = "list with a vendor-side filter"
		}
		return head + fmt.Sprintf("%s (%s), one call per page; keys pushed: %s; estimated calls: %s or more (one per page)", what, m.Route, pushed, per(len(points)))
	}
}

// describeLookupJoin is the line of a table looked up for each row of a join's outer side.
func (e *Engine) describeLookupJoin(t *table) string {
	m := t.meta
	how := "a get by key"
	if !m.HasGet {
		how = "a list"
	}
	if m.Parent != nil {
		how = "a list per " + m.Parent.Column
		if m.HasGet {
			how += " (a get when every key is known)"
		}
	}
	return fmt.Sprintf("%s: looked up for each row of the join's outer side, %s per distinct key, %d keys per batch; keys pushed: the join columns; estimated calls: one per distinct outer key",
		m.Name, how, joinBatch)
}

// pushedText lists the key and filter values a plan pushes into the calls.
func pushedText(m *tables.Meta, lp *lookupPlan) string {
	if lp == nil || len(lp.points) == 0 {
		return "none"
	}
	vals := map[string]map[string]bool{}
	for _, p := range lp.points {
		for k := range p {
			if vals[k] == nil {
				vals[k] = map[string]bool{}
			}
			vals[k][p.Str(k)] = true
		}
	}
	var parts []string
	if lp.conns != nil {
		parts = append(parts, fmt.Sprintf("connection IN (%s)", strings.Join(lp.conns, ", ")))
	}
	var cols []string
	for k := range vals {
		cols = append(cols, k)
	}
	sort.Strings(cols)
	for _, k := range cols {
		n := len(vals[k])
		what := "key"
		if !m.IsKey(k) {
			what = "filter"
		}
		if n == 1 {
			for v := range vals[k] {
				parts = append(parts, fmt.Sprintf("%s = %s (%s)", k, quote(v), what))
			}
			continue
		}
		parts = append(parts, fmt.Sprintf("%s IN (%d values) (%s)", k, n, what))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}
