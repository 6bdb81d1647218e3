package sim

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// A ZitiQL subset for the authenticator list (docs/vendors/ziti.md §5): comparisons, in,
// contains/icontains, between, null tests, bool symbols, and/or/not, parentheses, and the
// sort by / skip / limit tail. Evaluation follows OpenZiti's storage/ast package: a
// comparison with a null value is false, between includes its lower bound and excludes its
// upper one, and (as the grammar's NOT alternative has the lowest precedence) `not` applies
// to the whole rest of the expression unless parenthesised.

type zqlType int

const (
	zqlString zqlType = iota + 1
	zqlBool
	zqlTime
	zqlNumber
	zqlNull
	zqlAny // tags.<key>
)

func (t zqlType) String() string {
	return [...]string{"", "string", "bool", "datetime", "number", "null", "any"}[t]
}

type zqlQuery struct {
	where       func(zqlGet) bool
	sort        []zqlSortKey
	skip, limit *int64 // limit -1: none
}

type zqlSortKey struct {
	name string
	desc bool
}

func (q *zqlQuery) less(a, b zqlGet) bool {
	for _, k := range q.sort {
		if c := zqlOrder(a(k.name), b(k.name)); c != 0 {
			return (c < 0) != k.desc
		}
	}
	return false
}

// zqlOrder orders values for sorting: nil first, then by value.
func zqlOrder(a, b any) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	}
	if x, ok := a.(bool); ok {
		y, _ := b.(bool)
		switch {
		case x == y:
			return 0
		case !x:
			return -1
		}
		return 1
	}
	c, _ := zqlCompare(a, b)
	return c
}

// zqlCompare compares a value with a literal of the same type.
func zqlCompare(v, lit any) (int, bool) {
	switch x := v.(type) {
	case string:
		y, ok := lit.(string)
		return strings.Compare(x, y), ok
	case float64:
		y, ok := lit.(float64)
		switch {
		case !ok || x == y:
			return 0, ok
		case x < y:
			return -1, true
		}
		return 1, true
	case time.Time:
		y, ok := lit.(time.Time)
		return x.Compare(y), ok
	case bool:
		y, ok := lit.(bool)
		if x == y {
			return 0, ok
		}
		return 1, ok
	}
	return 0, false
}

func zqlCmp(op string, v, lit any) bool {
	c, ok := zqlCompare(v, lit)
	if !ok {
		return false
	}
	if _, isBool := v.(bool); isBool && op != "=" && op != "!=" {
		return false
	}
	switch op {
	case "=":
		return c == 0
	case "!=":
		return c != 0
	case "<":
		return c < 0
	case "<=":
		return c <= 0
	case ">":
		return c > 0
	}
	return c >= 0
}

// parseZQL parses a filter of the authenticator list; the empty filter matches everything.
func parseZQL(src string) (*zqlQuery, error) { return parseZQLFor(src, zqlSymbolType) }

// parseZQLFor parses a filter over the public symbols sym knows.
func parseZQLFor(src string, sym func(string) (zqlType, bool)) (*zqlQuery, error) {
	toks, err := zqlLex(src)
	if err != nil {
		return nil, err
	}
	p := &zqlParser{toks: toks, sym: sym}
	q := &zqlQuery{where: func(zqlGet) bool { return true }}
	if t := p.peek(); t.kind != 0 && !p.isKw(t, "sort", "skip", "limit") {
		if q.where, err = p.or(); err != nil {
			return nil, err
		}
	}
	if p.isKw(p.peek(), "sort") {
		p.next()
		if !p.isKw(p.next(), "by") {
			return nil, fmt.Errorf("expected 'by' after 'sort'")
		}
		if q.sort, err = p.sortKeys(); err != nil {
			return nil, err
		}
	}
	if p.isKw(p.peek(), "skip") {
		p.next()
		t := p.next()
		n, err := strconv.ParseInt(t.text, 10, 64)
		if t.kind != 'n' || err != nil {
			return nil, fmt.Errorf("expected an integer after 'skip'")
		}
		q.skip = &n
	}
	if p.isKw(p.peek(), "limit") {
		p.next()
		t := p.next()
		n, err := strconv.ParseInt(t.text, 10, 64)
		switch {
		case p.isKw(t, "none"):
			n = -1
		case t.kind != 'n' || err != nil:
			return nil, fmt.Errorf("expected an integer or 'none' after 'limit'")
		}
		q.limit = &n
	}
	if t := p.peek(); t.kind != 0 {
		return nil, fmt.Errorf("unexpected '%s' at position %d", t.text, t.pos)
	}
	return q, nil
}

// parseZQLSort parses the sort query parameter ("createdAt desc, id").
func parseZQLSort(src string) ([]zqlSortKey, error) { return parseZQLSortFor(src, zqlSymbolType) }

func parseZQLSortFor(src string, sym func(string) (zqlType, bool)) ([]zqlSortKey, error) {
	toks, err := zqlLex(src)
	if err != nil {
		return nil, err
	}
	p := &zqlParser{toks: toks, sym: sym}
	keys, err := p.sortKeys()
	if err == nil && p.peek().kind != 0 {
		err = fmt.Errorf("unexpected '%s' in sort", p.peek().text)
	}
	return keys, err
}

type zqlParser struct {
	toks []zqlTok
	i    int
	sym  func(string) (zqlType, bool) // the list's public symbols
}

func (p *zqlParser) peek() zqlTok { return p.toks[p.i] }

func (p *zqlParser) next() zqlTok {
	t := p.toks[p.i]
	if t.kind != 0 {
		p.i++
	}
	return t
}

func (p *zqlParser) isKw(t zqlTok, kws ...string) bool {
	if t.kind != 'i' {
		return false
	}
	for _, k := range kws {
		if strings.EqualFold(t.text, k) {
			return true
		}
	}
	return false
}

func (p *zqlParser) sortKeys() ([]zqlSortKey, error) {
	var keys []zqlSortKey
	for {
		t := p.next()
		if t.kind != 'i' {
			return nil, fmt.Errorf("expected a sort field at position %d", t.pos)
		}
		if _, ok := p.sym(t.text); !ok {
			return nil, fmt.Errorf("unknown symbol '%s'", t.text)
		}
		k := zqlSortKey{name: t.text}
		if p.isKw(p.peek(), "asc", "desc") {
			k.desc = strings.EqualFold(p.next().text, "desc")
		}
		keys = append(keys, k)
		if t := p.peek(); t.kind != 'p' || t.text != "," {
			return keys, nil
		}
		p.next()
	}
}

func (p *zqlParser) or() (func(zqlGet) bool, error) {
	l, err := p.and()
	for err == nil && p.isKw(p.peek(), "or") {
		p.next()
		var r func(zqlGet) bool
		if r, err = p.and(); err == nil {
			a := l
			l = func(g zqlGet) bool { return a(g) || r(g) }
		}
	}
	return l, err
}

func (p *zqlParser) and() (func(zqlGet) bool, error) {
	l, err := p.unary()
	for err == nil && p.isKw(p.peek(), "and") {
		p.next()
		var r func(zqlGet) bool
		if r, err = p.unary(); err == nil {
			a := l
			l = func(g zqlGet) bool { return a(g) && r(g) }
		}
	}
	return l, err
}

func (p *zqlParser) unary() (func(zqlGet) bool, error) {
	t := p.peek()
	switch {
	case p.isKw(t, "not"):
		p.next()
		f, err := p.or()
		return func(g zqlGet) bool { return !f(g) }, err
	case t.kind == 'p' && t.text == "(":
		p.next()
		f, err := p.or()
		if err != nil {
			return nil, err
		}
		if c := p.next(); c.kind != 'p' || c.text != ")" {
			return nil, fmt.Errorf("expected ')' at position %d", c.pos)
		}
		return f, nil
	case p.isKw(t, "true", "false"):
		p.next()
		b := strings.EqualFold(t.text, "true")
		return func(zqlGet) bool { return b }, nil
	}
	return p.operation()
}

var zqlOps = map[string]bool{"=": true, "!=": true, "<": true, "<=": true, ">": true, ">=": true}

var zqlKeywords = map[string]bool{"and": true, "or": true, "not": true, "in": true, "contains": true,
	"icontains": true, "between": true, "true": true, "false": true, "null": true, "sort": true, "by": true,
	"asc": true, "desc": true, "skip": true, "limit": true, "none": true}

func (p *zqlParser) operation() (func(zqlGet) bool, error) {
	t := p.next()
	if t.kind != 'i' || zqlKeywords[strings.ToLower(t.text)] {
		if t.kind == 0 {
			return nil, fmt.Errorf("unexpected end of filter")
		}
		return nil, fmt.Errorf("unexpected '%s' at position %d", t.text, t.pos)
	}
	name := t.text
	st, ok := p.sym(name)
	if !ok {
		return nil, fmt.Errorf("unknown symbol '%s'", name)
	}
	nt := p.peek()
	if nt.kind == 'p' && zqlOps[nt.text] {
		op := p.next().text
		lit, err := p.value()
		if err != nil {
			return nil, err
		}
		if lit.typ == zqlNull {
			if op != "=" && op != "!=" {
				return nil, fmt.Errorf("null can only be compared with = or !=")
			}
			return func(g zqlGet) bool { return (g(name) == nil) == (op == "=") }, nil
		}
		if err := zqlCheck(name, st, lit.typ, op); err != nil {
			return nil, err
		}
		return func(g zqlGet) bool { return zqlCmp(op, g(name), lit.v) }, nil
	}
	neg := false
	if p.isKw(nt, "not") {
		p.next()
		neg, nt = true, p.peek()
	}
	switch {
	case p.isKw(nt, "in"):
		p.next()
		arr, err := p.array()
		if err != nil {
			return nil, err
		}
		if err := zqlCheck(name, st, arr[0].typ, "in"); err != nil {
			return nil, err
		}
		return func(g zqlGet) bool {
			v := g(name)
			if v == nil {
				return false
			}
			for _, x := range arr {
				if zqlCmp("=", v, x.v) {
					return !neg
				}
			}
			return neg
		}, nil
	case p.isKw(nt, "contains", "icontains"):
		fold := p.isKw(p.next(), "icontains")
		lit, err := p.value()
		if err != nil {
			return nil, err
		}
		if err := zqlCheck(name, st, lit.typ, "contains"); err != nil {
			return nil, err
		}
		sub, ok := lit.v.(string)
		if !ok || (st != zqlString && st != zqlAny) {
			return nil, fmt.Errorf("contains needs a string symbol and a string")
		}
		return func(g zqlGet) bool {
			v, ok := g(name).(string)
			if !ok {
				return false
			}
			if fold {
				return strings.Contains(strings.ToLower(v), strings.ToLower(sub)) != neg
			}
			return strings.Contains(v, sub) != neg
		}, nil
	case p.isKw(nt, "between"):
		p.next()
		lo, err := p.value()
		if err == nil && !p.isKw(p.next(), "and") {
			err = fmt.Errorf("expected 'and' in between")
		}
		var hi zqlLit
		if err == nil {
			hi, err = p.value()
		}
		if err == nil && lo.typ != hi.typ {
			err = fmt.Errorf("between bounds must have the same type")
		}
		if err == nil {
			err = zqlCheck(name, st, lo.typ, "between")
		}
		if err != nil {
			return nil, err
		}
		return func(g zqlGet) bool {
			v := g(name)
			c1, ok1 := zqlCompare(v, lo.v)
			c2, ok2 := zqlCompare(v, hi.v)
			if v == nil || !ok1 || !ok2 {
				return false
			}
			return (c1 >= 0 && c2 < 0) != neg
		}, nil
	case neg:
		return nil, fmt.Errorf("expected in, contains, icontains or between after 'not'")
	}
	if st != zqlBool && st != zqlAny {
		return nil, fmt.Errorf("symbol '%s' is not a boolean", name)
	}
	return func(g zqlGet) bool { b, _ := g(name).(bool); return b }, nil
}

// zqlCheck refuses comparing a typed symbol with a literal of another type.
func zqlCheck(name string, st, lt zqlType, op string) error {
	switch {
	case lt == zqlNull:
		return fmt.Errorf("null can only be compared with = or !=")
	case st == zqlAny:
		return nil
	case st != lt:
		return fmt.Errorf("symbol '%s' of type %s cannot be compared with a %s", name, st, lt)
	case st == zqlBool && op != "=" && op != "!=":
		return fmt.Errorf("operator %s is not supported for bool symbol '%s'", op, name)
	}
	return nil
}

type zqlLit struct {
	v   any
	typ zqlType
}

func (p *zqlParser) value() (zqlLit, error) {
	t := p.next()
	switch {
	case t.kind == 's':
		return zqlLit{t.text, zqlString}, nil
	case t.kind == 'n':
		return zqlLit{t.num, zqlNumber}, nil
	case t.kind == 'd':
		return zqlLit{t.t, zqlTime}, nil
	case p.isKw(t, "true", "false"):
		return zqlLit{strings.EqualFold(t.text, "true"), zqlBool}, nil
	case p.isKw(t, "null"):
		return zqlLit{nil, zqlNull}, nil
	case t.kind == 0:
		return zqlLit{}, fmt.Errorf("unexpected end of filter, expected a value")
	}
	return zqlLit{}, fmt.Errorf("unexpected '%s' at position %d, expected a value", t.text, t.pos)
}

// array parses a non-empty [v, v, ...] of strings, numbers or datetimes, all one type.
func (p *zqlParser) array() ([]zqlLit, error) {
	if t := p.next(); t.kind != 'p' || t.text != "[" {
		return nil, fmt.Errorf("expected '[' at position %d", t.pos)
	}
	var out []zqlLit
	for {
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		if v.typ == zqlBool || v.typ == zqlNull || (len(out) > 0 && v.typ != out[0].typ) {
			return nil, fmt.Errorf("array values must be strings, numbers or datetimes of one type")
		}
		out = append(out, v)
		t := p.next()
		if t.kind == 'p' && t.text == "]" {
			return out, nil
		}
		if t.kind != 'p' || t.text != "," {
			return nil, fmt.Errorf("expected ',' or ']' at position %d", t.pos)
		}
	}
}
