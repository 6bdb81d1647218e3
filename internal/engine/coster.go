package engine

import (
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/memo"
	"github.com/dolthub/go-mysql-server/sql/plan"
)

// apiCoster adds the cost that matters for credsql tables to go-mysql-server's row-based join
// costs: API calls. A full scan of a child table costs a call per parent; a lookup into a
// credsql table costs a call per outer row. With rows as cheap as they are next to calls,
// the planner then reads the parent side and looks up the children by key.
type apiCoster struct{ inner memo.Coster }

// callCost is the cost of one API call in the planner's units (a row read costs about 1).
const callCost = 1000

func (c apiCoster) EstimateCost(ctx *sql.Context, n memo.RelExpr, s sql.StatsProvider) (float64, error) {
	cost, err := c.inner.EstimateCost(ctx, n, s)
	if err != nil {
		return cost, err
	}
	j, ok := n.(memo.JoinRel)
	if !ok {
		return cost, nil
	}
	jb := j.JoinPrivate()
	calls := scanCalls(jb.Left)
	if lj, ok := n.(*memo.LookupJoin); ok {
		if _, t := lookupTable(lj.Lookup); t != nil {
			calls += float64(max(1, jb.Left.RelProps.GetStats().RowCount()))
		}
	} else {
		calls += scanCalls(jb.Right)
	}
	return cost + calls*callCost, nil
}

// scanCalls estimates the calls of a full scan of a credsql table in group g: a child table
// lists every parent and calls once per parent; a root table a few pages.
func scanCalls(g *memo.ExprGroup) float64 {
	var node sql.Node
	switch r := g.First.(type) {
	case *memo.Filter:
		// A filter on a table still reads it whole: the rows are filtered after the calls.
		return scanCalls(r.Child)
	case *memo.Project:
		return scanCalls(r.Child)
	case *memo.TableScan:
		node = r.Table
	case *memo.TableAlias:
		node = r.Table.Child
	default:
		return 0
	}
	tn, ok := node.(sql.TableNode)
	if !ok {
		return 0
	}
	t := credsqlTable(tn.UnderlyingTable())
	switch {
	case t == nil || t.meta.Singleton:
		return 0
	case t.meta.Parent != nil:
		return estRoot
	}
	return 5
}

func lookupTable(s *memo.IndexScan) (*plan.IndexedTableAccess, *table) {
	if s == nil || s.Table == nil {
		return nil, nil
	}
	return s.Table, credsqlTable(s.Table.UnderlyingTable())
}

// credsqlTable unwraps a table to credsql's own, or nil.
func credsqlTable(tbl sql.Table) *table {
	for {
		switch x := tbl.(type) {
		case *table:
			return x
		case sql.TableWrapper:
			tbl = x.Underlying()
		default:
			return nil
		}
	}
}
