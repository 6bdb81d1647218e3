package difftest

import "fmt"

// aggregate draws COUNT(*) over a filter, or GROUP BY small-domain columns with COUNT(*),
// optionally with HAVING, ORDER BY the group columns (a total order) and LIMIT/OFFSET.
func (g *gen) aggregate(m *tableModel) *query {
	q := &query{from: m.name(), where: g.where(m, "", g.rng.IntN(4))}
	var groups []*column
	for _, c := range m.stable() {
		if c.groupable() {
			groups = append(groups, c)
		}
	}
	if len(groups) == 0 || g.pct(30) {
		q.sel = []string{"COUNT(*)"}
		if g.pct(30) {
			q.sel = append(q.sel, "COUNT(DISTINCT "+pick(g, m.keyCols()).ident+")")
		}
		return q
	}
	seen := map[string]bool{}
	for range 1 + g.rng.IntN(2) {
		c := pick(g, groups)
		if !seen[c.name] {
			seen[c.name] = true
			q.groupBy = append(q.groupBy, c.ident)
		}
	}
	q.sel = append(append([]string(nil), q.groupBy...), "COUNT(*)")
	if g.pct(20) {
		q.having = fmt.Sprintf("COUNT(*) > %d", g.rng.IntN(3))
	}
	if g.pct(50) {
		for _, c := range q.groupBy {
			dir := ""
			if g.pct(30) {
				dir = " DESC"
			}
			q.orderKeys = append(q.orderKeys, c+dir)
		}
		if g.pct(50) {
			q.limit = 1 + g.rng.IntN(4)
			if g.pct(40) {
				q.offset = 1 + g.rng.IntN(3)
			}
		}
	}
	return q
}

// join draws a parent–child join on the parent key, in either order (and LEFT JOIN from the
// parent), sometimes also on the connection, with conditions on both tables.
func (g *gen) join(child *tableModel) *query {
	parent := child.parent
	pk, pc := "p."+child.parentKey().ident, "c."+child.parentColumn().ident
	q := &query{}
	switch g.rng.IntN(4) {
	case 0:
		q.from = fmt.Sprintf("%s p JOIN %s c ON %s = %s", parent.name(), child.name(), pc, pk)
	case 1:
		q.from = fmt.Sprintf("%s c JOIN %s p ON %s = %s", child.name(), parent.name(), pk, pc)
	case 2:
		q.from = fmt.Sprintf("%s p LEFT JOIN %s c ON %s = %s", parent.name(), child.name(), pc, pk)
	default:
		q.from = fmt.Sprintf("%s c, %s p", child.name(), parent.name())
		q.where = leaf(pc + " = " + pk)
	}
	if g.pct(30) {
		if q.where != nil {
			q.where = and(q.where, leaf("c.connection = p.connection"))
		} else {
			q.from += " AND c.connection = p.connection"
		}
	}
	var xs []expr
	if q.where != nil {
		xs = append(xs, q.where)
	}
	for range g.rng.IntN(4) {
		if g.pct(50) {
			xs = append(xs, g.conjunct(parent, "p."))
		} else {
			xs = append(xs, g.conjunct(child, "c."))
		}
	}
	q.where = and(xs...)
	if g.pct(15) {
		q.sel = []string{"COUNT(*)"}
		return q
	}
	q.sel = append(g.selectList(parent, "p."), g.selectList(child, "c.")...)
	g.order(q, []*tableModel{parent, child}, []string{"p.", "c."})
	return q
}

// subquery draws a read of m filtered by an IN subquery over its parent (m's parent column
// IN the parent keys that match) or over a child (m's key IN the child's parent column), or
// by an EXISTS over a child correlated on the parent key.
func (g *gen) subquery(m *tableModel) *query {
	var cond expr
	switch {
	case len(m.children) > 0 && g.pct(25):
		c := pick(g, m.children)
		corr := leaf(fmt.Sprintf("c.%s = %s.%s", c.parentColumn().ident, m.name(), c.parentKey().ident))
		sub := &query{sel: []string{"1"}, from: c.name() + " c", where: and(corr, g.where(c, "c.", g.rng.IntN(3)))}
		cond = exists{not: g.pct(25), sub: sub}
	case m.parent != nil && (len(m.children) == 0 || g.pct(50)):
		sub := &query{sel: []string{m.parentKey().ident}, from: m.parent.name(), where: g.where(m.parent, "", 1+g.rng.IntN(2))}
		cond = inSub{col: m.parentColumn().ident, not: g.pct(20), sub: sub}
	case len(m.children) > 0:
		c := pick(g, m.children)
		sub := &query{sel: []string{c.parentColumn().ident}, from: c.name(), where: g.where(c, "", 1+g.rng.IntN(2))}
		cond = inSub{col: c.parentKey().ident, not: g.pct(20), sub: sub}
	default:
		return nil
	}
	q := &query{from: m.name(), sel: g.selectList(m, "")}
	xs := []expr{cond}
	for range g.rng.IntN(3) {
		xs = append(xs, g.conjunct(m, ""))
	}
	g.rng.Shuffle(len(xs), func(i, j int) { xs[i], xs[j] = xs[j], xs[i] })
	q.where = and(xs...)
	if g.pct(20) {
		q.sel = []string{"COUNT(*)"}
		return q
	}
	g.order(q, []*tableModel{m}, []string{""})
	return q
}
