package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"

	"github.com/credsql/credsql/internal/tables"
)

// go-mysql-server runs a lookup join one outer row at a time: one LookupPartitions, so one API
// call, after the other. For a credsql table on the inner side, credsql runs it in batches
// instead: it reads up to joinBatch outer rows, computes each one's lookup, fetches the
// distinct keys concurrently (bounded by the connections' concurrency), and then joins in
// outer-row order with the join's own condition, so the result is what the lookup join would
// give. It does so when the plan is executed (joinBuilder, go-mysql-server's priority exec
// builder), not by rewriting the plan: the join node, its exec indexes and its scope are the
// analyser's, wherever the join is (a subquery, a derived table, a UNION branch).

// joinBatch is how many outer rows are read before their lookups are sent.
const joinBatch = 256

// joinBuilder builds the iterator of a lookup join into a credsql table (and those of EXPLAIN,
// SHOW CREATE PROCEDURE and MySQL's help tables); every other node is left to
// go-mysql-server's builder (a nil iterator).
type joinBuilder struct{ e *Engine }

func (jb joinBuilder) Build(ctx *sql.Context, n sql.Node, parent sql.Row) (sql.RowIter, error) {
	if d, ok := n.(*plan.DescribeQuery); ok && d.Format.Plan && !d.Format.Analyze {
		return jb.e.explainRows(ctx, d)
	}
	if it, ok, err := jb.e.showCreateProcedure(ctx, n); ok || err != nil {
		return it, err
	}
	if it, ok := emptyHelpTable(n); ok {
		return it, nil
	}
	j, ok := n.(*plan.JoinNode)
	if !ok || (j.Op != plan.JoinTypeLookup && j.Op != plan.JoinTypeLeftOuterLookup) {
		return nil, nil
	}
	ita, t := lookupTarget(j.Right())
	if ita == nil || t == nil || t.e != jb.e {
		return nil, nil
	}
	left, err := jb.e.sql.Analyzer.ExecBuilder.Build(ctx, j.Left(), parent)
	if err != nil {
		return nil, err
	}
	inner := ita.Name()
	if ta, ok := j.Right().(*plan.TableAlias); ok {
		inner = ta.Name()
	}
	bj := &batchJoin{JoinNode: j, e: jb.e, ita: ita, t: t, conn: connEquality(ctx, j.Filter, inner)}
	return &batchJoinIter{j: bj, left: left, parent: append(sql.Row(nil), parent...),
		leftLen: len(j.Left().Schema(ctx)), rightLen: len(j.Right().Schema(ctx))}, nil
}

// connEquality finds `inner.connection = <expression of the outer row>` in a join
// condition: with several connections of a vendor, the lookup of an outer row then goes to
// that one connection only, instead of to every connection.
func connEquality(ctx *sql.Context, cond sql.Expression, inner string) sql.Expression {
	if cond == nil {
		return nil
	}
	isInnerConn := func(e sql.Expression) bool {
		gf, ok := e.(*expression.GetField)
		return ok && strings.EqualFold(gf.Name(), tables.ConnectionColumn) && strings.EqualFold(gf.Table(), inner)
	}
	readsInner := func(e sql.Expression) bool {
		return transform.InspectExpr(ctx, e, func(_ *sql.Context, x sql.Expression) bool {
			gf, ok := x.(*expression.GetField)
			return ok && strings.EqualFold(gf.Table(), inner)
		})
	}
	for _, c := range expression.SplitConjunction(ctx, cond) {
		eq, ok := c.(*expression.Equals)
		if !ok {
			continue
		}
		l, r := eq.Left(), eq.Right()
		if isInnerConn(l) && !readsInner(r) {
			return r
		}
		if isInnerConn(r) && !readsInner(l) {
			return l
		}
	}
	return nil
}

// lookupTarget finds the credsql table a lookup join's right side reads by index, seeing
// through a table alias. Other shapes are left to go-mysql-server.
func lookupTarget(n sql.Node) (*plan.IndexedTableAccess, *table) {
	if ta, ok := n.(*plan.TableAlias); ok {
		n = ta.Child
	}
	ita, ok := n.(*plan.IndexedTableAccess)
	if !ok || ita.IsStatic() {
		return nil, nil
	}
	var tbl sql.Table = ita.Table
	for {
		switch x := tbl.(type) {
		case *table:
			return ita, x
		case sql.TableWrapper:
			tbl = x.Underlying()
		default:
			return nil, nil
		}
	}
}

// batchJoin is what a batched lookup join needs of the plan.
type batchJoin struct {
	*plan.JoinNode
	e    *Engine
	ita  *plan.IndexedTableAccess
	t    *table
	conn sql.Expression // the outer row's connection, when the join condition pins it
}

type batchJoinIter struct {
	j                 *batchJoin
	left              sql.RowIter
	parent            sql.Row
	leftLen, rightLen int
	out               []sql.Row
	done              bool
}

func (it *batchJoinIter) Next(ctx *sql.Context) (sql.Row, error) {
	for len(it.out) == 0 {
		if it.done {
			return nil, io.EOF
		}
		if err := it.batch(ctx); err != nil {
			return nil, err
		}
	}
	row := it.out[0]
	it.out = it.out[1:]
	return row, nil
}

func (it *batchJoinIter) Close(ctx *sql.Context) error { return it.left.Close(ctx) }

// batch reads up to joinBatch outer rows, fetches their inner rows and joins them.
func (it *batchJoinIter) batch(ctx *sql.Context) error {
	j := it.j
	parentLen, scopeLen := len(it.parent), j.ScopeLen
	type outer struct {
		row    sql.Row // left columns only
		points []string
	}
	var outers []outer
	points := map[string]*lookupPlan{}
	var order []string
	for len(outers) < joinBatch {
		r, err := it.left.Next(ctx)
		if err == io.EOF {
			it.done = true
			break
		}
		if err != nil {
			return err
		}
		left := append(sql.Row(nil), r[len(r)-it.leftLen:]...)
		primary := append(append(sql.Row(nil), it.parent...), left...)
		o := outer{row: left}
		lookup, inRange, err := j.ita.GetLookup(ctx, primary)
		if err != nil {
			return err
		}
		if inRange {
			lp := j.t.planFor(lookup)
			conns := lp.conns
			if j.conn != nil {
				full := append(append(sql.Row(nil), primary...), make(sql.Row, it.rightLen)...)
				v, err := j.conn.Eval(ctx, full)
				if err != nil {
					return err
				}
				name, ok := keyString(v)
				if !ok {
					name = "" // a NULL connection matches no connection
				}
				conns = []string{name}
			}
			for _, p := range lp.points {
				sub := &lookupPlan{conns: conns, points: []tables.Values{p}, keysPinned: allPinned(j.t.meta.Keys, p)}
				key := pointKey(sub)
				if _, seen := points[key]; !seen {
					points[key] = sub
					order = append(order, key)
				}
				o.points = append(o.points, key)
			}
		}
		outers = append(outers, o)
	}
	inner, err := it.fetch(ctx, points, order)
	if err != nil {
		return err
	}
	full := make(sql.Row, parentLen+it.leftLen+it.rightLen)
	copy(full, it.parent)
	for _, o := range outers {
		copy(full[parentLen:], o.row)
		matched := false
		for _, key := range o.points {
			for _, right := range inner[key] {
				copy(full[parentLen+it.leftLen:], right)
				res, err := sql.EvaluateCondition(ctx, j.Filter, full)
				if err != nil {
					return err
				}
				if !sql.IsTrue(res) {
					continue
				}
				matched = true
				it.out = append(it.out, joined(it.parent[:scopeLen], o.row, right, it.rightLen))
			}
		}
		if !matched && j.Op.IsLeftOuter() {
			it.out = append(it.out, joined(it.parent[:scopeLen], o.row, nil, it.rightLen))
		}
	}
	return nil
}

func joined(scope, left, right sql.Row, rightLen int) sql.Row {
	row := make(sql.Row, 0, len(scope)+len(left)+rightLen)
	row = append(row, scope...)
	row = append(row, left...)
	if right == nil {
		return append(row, make(sql.Row, rightLen)...)
	}
	return append(row, right...)
}

// fetch reads the inner rows of every distinct point, concurrently, each point through the
// same scan a single lookup would use.
func (it *batchJoinIter) fetch(ctx *sql.Context, points map[string]*lookupPlan, order []string) (map[string][]sql.Row, error) {
	type res struct {
		key  string
		rows []sql.Row
	}
	out := map[string][]sql.Row{}
	if len(order) == 0 {
		return out, nil
	}
	results := orderedMap(ctx, sliceSeq(order), it.j.e.vendorWidth(it.j.t.meta.Vendor), func(gctx context.Context, key string) ([]res, error) {
		iter, err := it.j.e.scan(ctx.WithContext(gctx), it.j.t, points[key])
		if err != nil {
			return nil, err
		}
		defer iter.Close(ctx)
		var rows []sql.Row
		for {
			r, err := iter.Next(ctx)
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, err
			}
			rows = append(rows, r)
		}
		return []res{{key, rows}}, nil
	})
	for r, err := range results {
		if err != nil {
			return nil, err
		}
		out[r.key] = r.rows
	}
	return out, nil
}

// pointKey identifies a lookup: its connections and pinned values, JSON-encoded so that no
// value can make two different lookups look alike.
func pointKey(lp *lookupPlan) string {
	keys := make([]string, 0, len(lp.points[0]))
	for k := range lp.points[0] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := []any{lp.conns}
	for _, k := range keys {
		parts = append(parts, k, fmt.Sprint(lp.points[0][k]))
	}
	b, _ := json.Marshal(parts)
	return string(b)
}
