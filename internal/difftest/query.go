package difftest

import (
	"fmt"
	"strconv"
	"strings"
)

// query is a generated SELECT, kept as a tree so that a mismatch can be shrunk.
type query struct {
	distinct bool
	sel      []string
	from     string
	where    expr // nil: no WHERE
	groupBy  []string
	having   string
	// orderBy is the generated ORDER BY; orderKeys, when set, follow it and name every key
	// column (and connection) of every table in from, which makes the order total.
	orderBy   []string
	orderKeys []string
	limit     int // 0: no LIMIT
	offset    int
}

// ordered reports whether the result has one correct order, to compare row by row.
func (q *query) ordered() bool { return len(q.orderKeys) > 0 }

// compareMode says how the results of two engines must agree.
type compareMode struct {
	// ordered: row by row (the ORDER BY is total).
	ordered bool
	// rows: as multisets of whole rows (anything but a LIMIT under a partial order).
	rows bool
	// sortKey: the first sortKey columns are ORDER BY expressions; under a partial order
	// their values still come in one order, whichever tied rows an engine puts first.
	sortKey int
}

func (c compareMode) String() string {
	var parts []string
	if c.ordered {
		return "ordered"
	}
	if c.rows {
		parts = append(parts, "multiset")
	}
	if c.sortKey > 0 {
		parts = append(parts, "sortkey="+strconv.Itoa(c.sortKey))
	}
	if len(parts) == 0 {
		return "count"
	}
	return strings.Join(parts, "+")
}

// parseCompareMode reads what String printed.
func parseCompareMode(s string) (compareMode, error) {
	var c compareMode
	for _, part := range strings.Split(s, "+") {
		switch {
		case part == "ordered":
			c.ordered = true
		case part == "multiset":
			c.rows = true
		case strings.HasPrefix(part, "sortkey="):
			n, err := strconv.Atoi(strings.TrimPrefix(part, "sortkey="))
			if err != nil {
				return c, err
			}
			c.sortKey = n
		case part == "count":
		default:
			return c, fmt.Errorf("unknown comparison %q (ordered, multiset, sortkey=N, multiset+sortkey=N, count)", part)
		}
	}
	return c, nil
}

// compareMode is how q's results are compared: in order under a total ORDER BY; else as
// multisets (without LIMIT), plus the order of the leading select columns that are ORDER BY
// expressions.
func (q *query) compareMode() compareMode {
	if q.ordered() {
		return compareMode{ordered: true}
	}
	c := compareMode{rows: q.limit == 0}
	for i, o := range q.orderBy {
		if i >= len(q.sel) || strings.TrimSuffix(o, " DESC") != q.sel[i] {
			break
		}
		c.sortKey++
	}
	return c
}

func (q *query) String() string {
	var b strings.Builder
	b.WriteString("SELECT ")
	if q.distinct {
		b.WriteString("DISTINCT ")
	}
	b.WriteString(strings.Join(q.sel, ", "))
	b.WriteString(" FROM ")
	b.WriteString(q.from)
	if q.where != nil {
		b.WriteString(" WHERE ")
		b.WriteString(q.where.render(true))
	}
	if len(q.groupBy) > 0 {
		b.WriteString(" GROUP BY ")
		b.WriteString(strings.Join(q.groupBy, ", "))
		if q.having != "" {
			b.WriteString(" HAVING ")
			b.WriteString(q.having)
		}
	}
	if order := append(append([]string(nil), q.orderBy...), q.orderKeys...); len(order) > 0 {
		b.WriteString(" ORDER BY ")
		b.WriteString(strings.Join(order, ", "))
	}
	if q.limit > 0 {
		b.WriteString(" LIMIT ")
		b.WriteString(strconv.Itoa(q.limit))
		if q.offset > 0 {
			b.WriteString(" OFFSET ")
			b.WriteString(strconv.Itoa(q.offset))
		}
	}
	return b.String()
}

func (q *query) clone() *query {
	n := *q
	n.sel = append([]string(nil), q.sel...)
	n.groupBy = append([]string(nil), q.groupBy...)
	n.orderBy = append([]string(nil), q.orderBy...)
	n.orderKeys = append([]string(nil), q.orderKeys...)
	return &n
}

// expr is a WHERE condition. Nodes are never changed once built: shrinking builds new ones.
type expr interface {
	// render prints the condition; top is true for the whole WHERE (no parentheses needed).
	render(top bool) string
}

// leaf is an atomic condition: a comparison, LIKE, IS NULL, BETWEEN.
type leaf string

func (l leaf) render(bool) string { return string(l) }

// junction is AND or OR over two or more conditions.
type junction struct {
	op string
	xs []expr
}

func (j junction) render(top bool) string {
	parts := make([]string, len(j.xs))
	for i, x := range j.xs {
		parts[i] = x.render(false)
	}
	s := strings.Join(parts, " "+j.op+" ")
	if top && j.op == "AND" {
		return s
	}
	return "(" + s + ")"
}

type notExpr struct{ x expr }

func (n notExpr) render(bool) string { return "NOT " + n.x.render(false) }

// inList is col [NOT] IN (literals).
type inList struct {
	col  string
	not  bool
	vals []string
}

func (in inList) render(bool) string {
	op := " IN ("
	if in.not {
		op = " NOT IN ("
	}
	return in.col + op + strings.Join(in.vals, ", ") + ")"
}

// inSub is col [NOT] IN (subquery).
type inSub struct {
	col string
	not bool
	sub *query
}

func (in inSub) render(bool) string {
	op := " IN ("
	if in.not {
		op = " NOT IN ("
	}
	return in.col + op + in.sub.String() + ")"
}

// exists is [NOT] EXISTS (subquery), the subquery correlated with the outer table.
type exists struct {
	not bool
	sub *query
}

func (e exists) render(bool) string {
	if e.not {
		return "NOT EXISTS (" + e.sub.String() + ")"
	}
	return "EXISTS (" + e.sub.String() + ")"
}

func and(xs ...expr) expr {
	var keep []expr
	for _, x := range xs {
		if x != nil {
			keep = append(keep, x)
		}
	}
	switch len(keep) {
	case 0:
		return nil
	case 1:
		return keep[0]
	}
	return junction{op: "AND", xs: keep}
}

// shrinkExpr returns smaller variants of e; a nil variant means "drop e altogether".
func shrinkExpr(e expr) []expr {
	var out []expr
	switch x := e.(type) {
	case junction:
		for i := range x.xs {
			rest := append(append([]expr(nil), x.xs[:i]...), x.xs[i+1:]...)
			if len(rest) == 1 {
				out = append(out, rest[0])
			} else {
				out = append(out, junction{op: x.op, xs: rest})
			}
		}
		for i, c := range x.xs {
			for _, alt := range shrinkExpr(c) {
				if alt == nil {
					continue
				}
				xs := append([]expr(nil), x.xs...)
				xs[i] = alt
				out = append(out, junction{op: x.op, xs: xs})
			}
		}
	case notExpr:
		out = append(out, x.x)
		for _, alt := range shrinkExpr(x.x) {
			if alt != nil {
				out = append(out, notExpr{alt})
			}
		}
	case inList:
		if len(x.vals) > 1 {
			for i := range x.vals {
				vals := append(append([]string(nil), x.vals[:i]...), x.vals[i+1:]...)
				out = append(out, inList{col: x.col, not: x.not, vals: vals})
			}
		}
	case inSub:
		for _, sq := range shrinkQuery(x.sub, false) {
			out = append(out, inSub{col: x.col, not: x.not, sub: sq})
		}
	case exists:
		for _, sq := range shrinkQuery(x.sub, false) {
			out = append(out, exists{not: x.not, sub: sq})
		}
	}
	return out
}

// shrinkQuery returns smaller variants of q, each one step simpler. Variants that would
// make the result depend on an unspecified order (LIMIT without a total ORDER BY) are left
// out. top is false inside a subquery, whose select list must stay one column.
func shrinkQuery(q *query, top bool) []*query {
	var out []*query
	with := func(f func(n *query)) {
		n := q.clone()
		f(n)
		out = append(out, n)
	}
	if q.where != nil {
		with(func(n *query) { n.where = nil })
		for _, alt := range shrinkExpr(q.where) {
			with(func(n *query) { n.where = alt })
		}
	}
	if q.limit > 0 {
		with(func(n *query) { n.limit, n.offset = 0, 0 })
		if q.offset > 0 {
			with(func(n *query) { n.offset = 0 })
		}
	}
	if q.limit == 0 && (len(q.orderBy) > 0 || len(q.orderKeys) > 0) {
		with(func(n *query) { n.orderBy, n.orderKeys = nil, nil })
	}
	for i := range q.orderBy {
		with(func(n *query) { n.orderBy = append(n.orderBy[:i:i], n.orderBy[i+1:]...) })
	}
	if q.having != "" {
		with(func(n *query) { n.having = "" })
	}
	if len(q.groupBy) > 0 && top {
		// Without GROUP BY only the aggregates of the select list remain.
		var aggs []string
		for _, s := range q.sel {
			if strings.Contains(s, "(") {
				aggs = append(aggs, s)
			}
		}
		if len(aggs) > 0 {
			with(func(n *query) {
				n.groupBy, n.having, n.sel = nil, "", aggs
				n.orderBy, n.orderKeys, n.limit, n.offset = nil, nil, 0, 0
			})
		}
	}
	if q.distinct {
		with(func(n *query) { n.distinct = false })
	}
	if top && len(q.sel) > 1 {
		for i := range q.sel {
			with(func(n *query) { n.sel = append(n.sel[:i:i], n.sel[i+1:]...) })
		}
	}
	return out
}
