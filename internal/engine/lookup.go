package engine

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression"

	"github.com/credsql/credsql/internal/tables"
)

// lookupPlan is what a query pins: which connections, and which combinations of key and
// filter values. The scan turns it into API calls: a get per point when every key is pinned,
// a list per pinned parent, a vendor-side filter, or a full listing.
type lookupPlan struct {
	conns  []string        // connections pinned; nil = every connection of the vendor
	points []tables.Values // pinned key/filter values; one empty point = nothing pinned
	// keyOnly: the WHERE was nothing but equalities on key columns (and connection), so the
	// rows a get returns are exactly the rows the statement means (safe one-call DELETE).
	keyOnly bool
	// keysPinned: every point pins every key column.
	keysPinned bool
	// empty: contradictory constraints, no row can match.
	empty bool
}

// maxPoints bounds the combinations of IN lists a query may pin.
const maxPoints = 10000

func (lp *lookupPlan) String() string {
	if lp == nil {
		return "scan"
	}
	var b strings.Builder
	if lp.conns != nil {
		fmt.Fprintf(&b, "connection in %v; ", lp.conns)
	}
	fmt.Fprintf(&b, "%d point(s)", len(lp.points))
	if lp.keysPinned {
		b.WriteString(", keys pinned")
	}
	if lp.keyOnly {
		b.WriteString(", key-only")
	}
	return b.String()
}

// pushable reports whether a column's equality can shape the API calls: connection, key and
// filter columns of a string type (a number compared with a string column is a numeric
// comparison in MySQL, which no API lookup reproduces).
func (t *table) pushable(col string) bool {
	i := t.meta.Column(col)
	if i < 0 || t.meta.Columns[i].Type != tables.String {
		return false
	}
	if col == tables.ConnectionColumn || t.meta.IsKey(col) {
		return true
	}
	for _, f := range t.meta.Filters {
		if f == col {
			return true
		}
	}
	return false
}

// LookupForExpressions receives the WHERE conjuncts on this table and keeps the equalities
// and IN lists on connection, key and filter columns. Everything stays in the filter above
// the table too (PreciseMatch is false), so this only decides which calls to make.
func (t *table) LookupForExpressions(ctx *sql.Context, exprs ...sql.Expression) (sql.IndexLookup, *sql.FuncDepSet, sql.Expression, bool, error) {
	cons := map[string][]string{}
	order := []string{}
	keyOnly := true
	for _, e := range exprs {
		col, vals, ok := equality(ctx, e)
		if !ok || !t.pushable(col) {
			keyOnly = false
			continue
		}
		if dom := t.domain(col); dom != nil {
			// A value outside a closed domain matches no row: it is never sent to the
			// vendor (which may refuse it), and the lookup comes out empty.
			vals = slices.DeleteFunc(slices.Clone(vals), func(v string) bool { return !slices.Contains(dom, v) })
		}
		if col != tables.ConnectionColumn && !t.meta.IsKey(col) {
			keyOnly = false
		}
		if prev, seen := cons[col]; seen {
			cons[col] = intersect(prev, vals)
		} else {
			cons[col] = dedupe(vals)
			order = append(order, col)
		}
	}
	if len(cons) == 0 {
		return sql.IndexLookup{}, nil, nil, false, nil
	}
	lp := &lookupPlan{keyOnly: keyOnly}
	if c, ok := cons[tables.ConnectionColumn]; ok {
		lp.conns = c
		if len(c) == 0 {
			lp.empty = true
		}
		delete(cons, tables.ConnectionColumn)
	}
	sort.Strings(order)
	points := []tables.Values{{}}
	for _, col := range order {
		vals, ok := cons[col]
		if !ok {
			continue
		}
		if len(vals) == 0 {
			lp.empty = true
		}
		var next []tables.Values
		for _, p := range points {
			for _, v := range vals {
				np := tables.Values{}
				for k, x := range p {
					np[k] = x
				}
				np[col] = v
				next = append(next, np)
			}
		}
		points = next
		if len(points) > maxPoints {
			return sql.IndexLookup{}, nil, nil, false, fmt.Errorf("%s: the WHERE clause pins %d or more combinations of key values; at most %d are allowed", t.meta.Name, len(points), maxPoints)
		}
	}
	if lp.empty {
		points = nil
	}
	lp.points = points
	lp.keysPinned = len(points) > 0
	for _, p := range points {
		for _, k := range t.meta.Keys {
			if !p.Has(k) {
				lp.keysPinned = false
			}
		}
	}
	idx := t.primaryIndex()
	idx.plan = lp
	return sql.IndexLookup{Index: idx, Ranges: idx.ranges(lp)}, nil, nil, true, nil
}

// SkipIndexCosting is false: with nothing to push, the default costing may still find the
// key index (it never does better than a scan here, but it is harmless).
func (t *table) SkipIndexCosting() bool { return false }

// equality recognises `col = literal`, `literal = col` and `col IN (literals)`.
func equality(ctx *sql.Context, e sql.Expression) (col string, vals []string, ok bool) {
	switch x := e.(type) {
	case *expression.Equals:
		l, r := x.Left(), x.Right()
		if gf, ok := l.(*expression.GetField); ok {
			if v, ok := literal(ctx, r); ok {
				return lower(gf.Name()), []string{v}, true
			}
		}
		if gf, ok := r.(*expression.GetField); ok {
			if v, ok := literal(ctx, l); ok {
				return lower(gf.Name()), []string{v}, true
			}
		}
	case *expression.InTuple, *expression.HashInTuple:
		ch := e.Children()
		if len(ch) != 2 {
			return "", nil, false
		}
		gf, ok := ch[0].(*expression.GetField)
		if !ok {
			return "", nil, false
		}
		tup, ok := ch[1].(expression.Tuple)
		if !ok {
			return "", nil, false
		}
		for _, item := range tup {
			v, ok := literal(ctx, item)
			if !ok {
				return "", nil, false
			}
			vals = append(vals, v)
		}
		return lower(gf.Name()), vals, true
	}
	return "", nil, false
}

// domain returns the closed set of values a column can hold, or nil.
func (t *table) domain(col string) []string {
	if i := t.meta.Column(col); i >= 0 {
		return t.meta.Columns[i].Domain
	}
	return nil
}

// literal returns a non-NULL string literal, or the string value of a user variable
// (WHERE id = @app). Other values are not pushed down: MySQL compares a number with a string
// column as numbers ('05' = 5), which an API lookup by the text "5" would not find.
func literal(ctx *sql.Context, e sql.Expression) (string, bool) {
	var v any
	switch x := e.(type) {
	case *expression.Literal:
		v = x.Value()
	case *expression.UserVar:
		if ctx == nil {
			return "", false
		}
		val, err := x.Eval(ctx, nil)
		if err != nil {
			return "", false
		}
		v = val
	default:
		return "", false
	}
	switch v := v.(type) {
	case string:
		return v, true
	case []byte:
		return string(v), true
	}
	return "", false
}

func keyString(v any) (string, bool) {
	switch x := v.(type) {
	case nil:
		return "", false
	case string:
		return x, true
	case []byte:
		return string(x), true
	default:
		return fmt.Sprint(x), true
	}
}

func dedupe(vals []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, v := range vals {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

func intersect(a, b []string) []string {
	in := map[string]bool{}
	for _, v := range b {
		in[v] = true
	}
	var out []string
	for _, v := range a {
		if in[v] {
			out = append(out, v)
		}
	}
	return out
}

// planFor turns an index lookup into a plan: ours carry it; the analyzer's own (lookup
// joins, costed ranges) are decoded from their ranges, keeping only point equalities.
func (t *table) planFor(l sql.IndexLookup) *lookupPlan {
	if idx, ok := l.Index.(*keyIndex); ok && idx.plan != nil {
		return idx.plan
	}
	lp := &lookupPlan{keysPinned: true}
	coll, ok := l.Ranges.(sql.MySQLRangeCollection)
	if !ok {
		// Ranges credsql cannot read: scan, and let the filter above decide.
		return &lookupPlan{points: []tables.Values{{}}}
	}
	seen := map[string]bool{}
	for _, rng := range coll {
		p := tables.Values{}
		null := false
		for i, ce := range rng {
			if i >= len(t.meta.Keys) {
				break
			}
			if _, isNull := ce.LowerBound.(sql.BelowNull); isNull {
				if _, isNull := ce.UpperBound.(sql.AboveNull); isNull {
					null = true // key = NULL matches nothing
				}
			}
			lb, ok1 := ce.LowerBound.(sql.Below)
			ub, ok2 := ce.UpperBound.(sql.Above)
			if !ok1 || !ok2 {
				continue
			}
			if lb.Key == nil && ub.Key == nil {
				null = true // a lookup join's NULL key: matches nothing, never a full scan
				continue
			}
			lv, ok1 := keyString(lb.Key)
			uv, ok2 := keyString(ub.Key)
			if ok1 && ok2 && lv == uv {
				p[t.meta.Keys[i]] = lv
			}
		}
		if null {
			continue
		}
		for _, k := range t.meta.Keys {
			if !p.Has(k) {
				lp.keysPinned = false
			}
		}
		sig := fmt.Sprint(p)
		if !seen[sig] {
			seen[sig] = true
			lp.points = append(lp.points, p)
		}
	}
	lp.points = uniform(lp.points)
	for _, p := range lp.points {
		if !allPinned(t.meta.Keys, p) {
			lp.keysPinned = false
		}
	}
	if len(lp.points) == 0 {
		lp.empty = true
		lp.keysPinned = false
	}
	return lp
}

// uniform makes points pin the same columns: where ranges pin different columns (an OR of
// a key equality with anything else), each point keeps only the columns every point pins,
// and duplicates go. Uniform, distinct points select disjoint rows (see pointFilter); the
// filter above the table still applies the predicates that were dropped here.
func uniform(points []tables.Values) []tables.Values {
	if len(points) < 2 {
		return points
	}
	common := map[string]bool{}
	for name := range points[0] {
		common[name] = true
	}
	same := true
	for _, p := range points[1:] {
		if len(p) != len(common) {
			same = false
		}
		for name := range common {
			if !p.Has(name) {
				delete(common, name)
				same = false
			}
		}
	}
	if same {
		return points
	}
	seen := map[string]bool{}
	var out []tables.Values
	for _, p := range points {
		np := tables.Values{}
		for name := range common {
			np[name] = p[name]
		}
		if sig := fmt.Sprint(np); !seen[sig] {
			seen[sig] = true
			out = append(out, np)
		}
	}
	return out
}

// keyIndex is a table's index over its key columns. The lookups credsql builds carry their
// plan in it.
type keyIndex struct {
	db, table string
	cols      []string
	types     []sql.Type
	plan      *lookupPlan
}

var _ sql.Index = (*keyIndex)(nil)

func (i *keyIndex) ID() string       { return "PRIMARY" }
func (i *keyIndex) Database() string { return i.db }
func (i *keyIndex) Table() string    { return i.table }
func (i *keyIndex) Expressions() []string {
	out := make([]string, len(i.cols))
	for n, c := range i.cols {
		out[n] = i.table + "." + c
	}
	return out
}
func (i *keyIndex) IsUnique() bool    { return true }
func (i *keyIndex) IsSpatial() bool   { return false }
func (i *keyIndex) IsFullText() bool  { return false }
func (i *keyIndex) IsVector() bool    { return false }
func (i *keyIndex) Comment() string   { return "API lookup by key" }
func (i *keyIndex) IndexType() string { return "BTREE" }
func (i *keyIndex) IsGenerated() bool { return false }
func (i *keyIndex) ColumnExpressionTypes(*sql.Context) []sql.ColumnExpressionType {
	out := make([]sql.ColumnExpressionType, len(i.cols))
	for n, c := range i.cols {
		out[n] = sql.ColumnExpressionType{Expression: i.table + "." + c, Type: i.types[n]}
	}
	return out
}
func (i *keyIndex) CanSupport(*sql.Context, ...sql.Range) bool { return true }
func (i *keyIndex) CanSupportOrderBy(sql.Expression) bool      { return false }
func (i *keyIndex) PrefixLengths() []uint16                    { return nil }
func (i *keyIndex) String() string                             { return i.table + ".PRIMARY" }

// ranges describes a plan as index ranges (EXPLAIN shows them).
func (i *keyIndex) ranges(lp *lookupPlan) sql.MySQLRangeCollection {
	var coll sql.MySQLRangeCollection
	for _, p := range lp.points {
		var r sql.MySQLRange
		for n, c := range i.cols {
			if p.Has(c) {
				v := p.Str(c)
				r = append(r, sql.ClosedRangeColumnExpr(v, v, i.types[n]))
			} else {
				r = append(r, sql.AllRangeColumnExpr(i.types[n]))
			}
		}
		coll = append(coll, r)
	}
	if len(coll) == 0 {
		var r sql.MySQLRange
		for n := range i.cols {
			r = append(r, sql.EmptyRangeColumnExpr(i.types[n]))
		}
		coll = append(coll, r)
	}
	return coll
}
