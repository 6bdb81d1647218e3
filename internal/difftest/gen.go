package difftest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/credsql/credsql/internal/tables"
)

// gen draws queries from a small grammar over the table models. Every choice comes from the
// table definitions (key columns, parent, filters, column types) and the loaded rows (values),
// so a new table is covered without touching the grammar.
type gen struct {
	rng    *rand.Rand
	models []*tableModel // the queryable tables
}

func (g *gen) pct(p int) bool { return g.rng.IntN(100) < p }

func pick[T any](g *gen, xs []T) T { return xs[g.rng.IntN(len(xs))] }

// query draws one SELECT: a single-table read, an aggregate, a parent–child join or a read
// filtered by a subquery.
func (g *gen) query() *query {
	m := pick(g, g.models)
	switch r := g.rng.IntN(100); {
	case r < 45:
		return g.single(m)
	case r < 62:
		return g.aggregate(m)
	case r < 84:
		if c := g.childOf(m); c != nil {
			return g.join(c)
		}
	default:
		if q := g.subquery(m); q != nil {
			return q
		}
	}
	return g.single(m)
}

// childOf returns m when it has a parent, else one of m's children (or nil).
func (g *gen) childOf(m *tableModel) *tableModel {
	if m.parent != nil {
		return m
	}
	if len(m.children) > 0 {
		return pick(g, m.children)
	}
	return nil
}

func (g *gen) single(m *tableModel) *query {
	q := &query{from: m.name(), sel: g.selectList(m, "")}
	q.where = g.where(m, "", g.rng.IntN(4))
	g.order(q, []*tableModel{m}, []string{""})
	if q.limit == 0 && len(q.orderBy) == 0 && g.pct(6) {
		q.distinct = true
	}
	return q
}

// order adds ORDER BY and LIMIT/OFFSET. Mostly the order is total: the drawn columns, then
// every key column of every table, so the expected rows are defined even under a LIMIT.
// Sometimes it is partial: the drawn columns only, moved to the front of the select list,
// where their values must come in the same order from both engines.
func (g *gen) order(q *query, ms []*tableModel, aliases []string) {
	r := g.rng.IntN(100)
	if r >= 50 {
		return
	}
	partial := r < 14
	var exprs []string
	for range g.rng.IntN(3) + boolInt(partial) {
		i := g.rng.IntN(len(ms))
		c := g.orderable(ms[i])
		if c == nil || contains(exprs, aliases[i]+c.ident) {
			continue
		}
		exprs = append(exprs, aliases[i]+c.ident)
		dir := ""
		if g.pct(40) {
			dir = " DESC"
		}
		q.orderBy = append(q.orderBy, aliases[i]+c.ident+dir)
	}
	if partial {
		if len(exprs) == 0 {
			return
		}
		sel := q.sel
		if len(sel) == 1 && sel[0] == "*" {
			sel = nil
			for _, c := range ms[0].stable() {
				sel = append(sel, c.ident)
			}
		}
		q.sel = exprs
		for _, s := range sel {
			if !contains(exprs, s) {
				q.sel = append(q.sel, s)
			}
		}
	} else {
		for i, m := range ms {
			keys := m.keyCols()
			if g.pct(50) {
				// The key columns in index order first: an ORDER BY the engine may take
				// as already satisfied by the key index.
				keys = append(keys[1:], keys[0])
			}
			for _, k := range keys {
				dir := ""
				if g.pct(15) {
					dir = " DESC"
				}
				q.orderKeys = append(q.orderKeys, aliases[i]+k.ident+dir)
			}
		}
	}
	if g.pct(60) {
		q.limit = 1 + g.rng.IntN(6)
		if g.pct(45) {
			q.offset = 1 + g.rng.IntN(4)
		}
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (g *gen) orderable(m *tableModel) *column {
	if len(m.meta.Keys) > 0 && g.pct(35) {
		return m.col(m.meta.Keys[0])
	}
	var cs []*column
	for _, c := range m.stable() {
		if c.typ != tables.JSON {
			cs = append(cs, c)
		}
	}
	if len(cs) == 0 {
		return nil
	}
	return pick(g, cs)
}

// selectList draws the columns a query returns: every column (when none is volatile), or a
// few, often including a key.
func (g *gen) selectList(m *tableModel, alias string) []string {
	if !m.hasVolatile() && alias == "" && g.pct(25) {
		return []string{"*"}
	}
	stable := m.stable()
	var out []string
	seen := map[string]bool{}
	add := func(c *column) {
		if !seen[c.name] {
			seen[c.name] = true
			out = append(out, alias+c.ident)
		}
	}
	if g.pct(60) {
		add(pick(g, m.keyCols()))
	}
	for range 1 + g.rng.IntN(3) {
		add(pick(g, stable))
	}
	return out
}

// where draws n conjuncts on m's columns.
func (g *gen) where(m *tableModel, alias string, n int) expr {
	var xs []expr
	for range n {
		xs = append(xs, g.conjunct(m, alias))
	}
	return and(xs...)
}

func (g *gen) conjunct(m *tableModel, alias string) expr {
	switch r := g.rng.IntN(100); {
	case r < 62:
		return g.atom(m, alias, g.predCol(m))
	case r < 84:
		// OR mixing a key (or pushable) column with any other column.
		xs := []expr{g.atom(m, alias, g.keyish(m))}
		for range 1 + g.rng.IntN(2) {
			xs = append(xs, g.atom(m, alias, g.predCol(m)))
		}
		return junction{op: "OR", xs: xs}
	case r < 94:
		return notExpr{g.atom(m, alias, g.predCol(m))}
	default:
		return notExpr{junction{op: "OR", xs: []expr{g.atom(m, alias, g.keyish(m)), g.atom(m, alias, g.predCol(m))}}}
	}
}

// predCol picks a column to filter on, favouring the columns credsql pushes to the API.
func (g *gen) predCol(m *tableModel) *column {
	if g.pct(50) {
		return g.keyish(m)
	}
	return pick(g, m.stable())
}

// keyish picks the connection, a key column or a filter column.
func (g *gen) keyish(m *tableModel) *column {
	var cs []*column
	for _, c := range m.stable() {
		if c.key || c.filter {
			cs = append(cs, c)
		}
	}
	return pick(g, cs)
}

// atom draws one condition on c.
func (g *gen) atom(m *tableModel, alias string, c *column) expr {
	col := alias + c.ident
	if g.pct(4) || c.typ == tables.JSON {
		if g.pct(50) {
			return leaf(col + " IS NULL")
		}
		return leaf(col + " IS NOT NULL")
	}
	r := g.rng.IntN(100)
	if c.typ == tables.Text && r < 80 {
		// PEM and base64: a LIKE on a piece reads better than the whole value.
		r = 70
	}
	switch {
	case r < 30:
		if g.pct(15) {
			return leaf(g.value(m, c) + " = " + col)
		}
		return leaf(col + " = " + g.value(m, c))
	case r < 40:
		op := " != "
		if g.pct(30) {
			op = " <> "
		}
		return leaf(col + op + g.value(m, c))
	case r < 65:
		return inList{col: col, not: g.pct(25), vals: g.valueList(m, c)}
	}
	switch c.typ {
	case tables.String, tables.Text:
		if r < 85 {
			not := ""
			if g.pct(20) {
				not = "NOT "
			}
			return leaf(col + " " + not + "LIKE " + quote(g.pattern(c)))
		}
	case tables.Bool:
		return leaf(col + " = " + pick(g, []string{"0", "1", "TRUE", "FALSE"}))
	}
	if g.pct(30) {
		a, b := g.value(m, c), g.value(m, c)
		return leaf(col + " BETWEEN " + a + " AND " + b)
	}
	return leaf(col + " " + pick(g, []string{"<", "<=", ">", ">="}) + " " + g.value(m, c))
}

// valueList draws an IN list: existing, missing and repeated values.
func (g *gen) valueList(m *tableModel, c *column) []string {
	n := 1 + g.rng.IntN(4)
	var out []string
	for range n {
		out = append(out, g.value(m, c))
	}
	if g.pct(35) {
		out = append(out, pick(g, out))
		g.rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	}
	return out
}

// pool is the values worth trying on c: its own, and for a child's parent column the
// parent's keys too (parents without children).
func (g *gen) pool(m *tableModel, c *column) []any {
	vals := c.vals
	if m.parent != nil && c == m.parentColumn() {
		vals = append(append([]any(nil), vals...), m.parentKey().vals...)
	}
	return vals
}

// value draws a literal for c: mostly an existing value; else a missing one, one outside
// an enum's domain, another case, the empty string or NULL.
func (g *gen) value(m *tableModel, c *column) string {
	vals := g.pool(m, c)
	r := g.rng.IntN(100)
	if len(vals) > 0 && r < 64 {
		return literal(c.typ, pick(g, vals))
	}
	switch c.typ {
	case tables.Int:
		if len(vals) > 0 && r < 80 {
			return fmt.Sprint(toInt(pick(g, vals)) + int64(g.rng.IntN(3)-1))
		}
		return pick(g, []string{"0", "-1", "99999999"})
	case tables.Bool:
		return pick(g, []string{"0", "1"})
	case tables.Time:
		if len(vals) > 0 && r < 85 {
			t, ok := pick(g, vals).(time.Time)
			if ok {
				d := time.Duration(g.rng.IntN(7)-3) * time.Second
				return literal(c.typ, t.Add(d))
			}
		}
		return pick(g, []string{"'1999-01-01 00:00:00'", "'2100-01-01'", "'2026-01-01'"})
	case tables.JSON:
		return "NULL"
	}
	switch {
	case r < 74:
		return quote(fmt.Sprintf("missing-%s-%d", c.name, g.rng.IntN(1000)))
	case r < 82 && c.enumish():
		return quote("BOGUS")
	case r < 88 && len(vals) > 0:
		s := canon(pick(g, vals))
		if strings.ToLower(s) != s {
			return quote(strings.ToLower(s))
		}
		return quote(strings.ToUpper(s))
	case r < 93 && len(vals) > 0:
		return quote(canon(pick(g, vals)) + "x")
	case r < 97:
		return "''"
	}
	return "NULL"
}

func toInt(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case int8:
		return int64(x)
	case int32:
		return int64(x)
	case int:
		return int64(x)
	}
	return 0
}

// pattern draws a LIKE pattern from an existing value: a prefix, a suffix, an infix with a
// single-character wildcard, or the whole value.
func (g *gen) pattern(c *column) string {
	if len(c.vals) == 0 {
		return "%"
	}
	s := canon(pick(g, c.vals))
	if len(s) > 40 {
		s = s[:40]
	}
	n := len(s)
	cut := 1 + g.rng.IntN(max(n, 1))
	switch g.rng.IntN(5) {
	case 0:
		return s[:min(cut, n)] + "%"
	case 1:
		return "%" + s[n-min(cut, n):]
	case 2:
		if n > 2 {
			i := g.rng.IntN(n)
			return s[:i] + "_" + s[min(i+1, n):]
		}
	case 3:
		return s
	}
	return "%" + s[:min(cut, n)/2+0] + "%"
}
