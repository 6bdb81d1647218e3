package engine

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"
)

// MySQL syntax the pinned parser lacks, which clients' catalog queries use, is rewritten
// before parsing (only the first statement of a batch; the next is rewritten when its turn
// comes):
//   - `@v := expr` in a SELECT (MariaDB Connector/ODBC's SQLColumns and SQLProcedureColumns)
//     becomes credsql_assign('v', expr), which sets the user variable and returns the value;
//     a later @v in the same row reads it, as in MySQL (evaluation left to right);
//   - DESCRIBE t 'pattern' and DESCRIBE t col (Perl DBI's column_info) become
//     SHOW COLUMNS FROM t LIKE 'pattern'.
type rewriteParser struct {
	inner sql.Parser
}

var _ sql.Parser = rewriteParser{}

func (p rewriteParser) ParseSimple(query string) (ast.Statement, error) {
	q, _, _ := rewriteFirst(query)
	return p.inner.ParseSimple(q)
}

func (p rewriteParser) Parse(ctx *sql.Context, query string, multi bool) (ast.Statement, string, string, error) {
	q, _, vars := rewriteFirst(query)
	declare(ctx, vars)
	return p.inner.Parse(ctx, q, multi)
}

func (p rewriteParser) ParseWithOptions(ctx context.Context, query string, delim rune, multi bool, opts ast.ParserOptions) (ast.Statement, string, string, error) {
	q, _, vars := rewriteFirst(query)
	declare(ctx, vars)
	return p.inner.ParseWithOptions(ctx, q, delim, multi, opts)
}

func (p rewriteParser) ParseOneWithOptions(ctx context.Context, query string, opts ast.ParserOptions) (ast.Statement, int, error) {
	q, grew, vars := rewriteFirst(query)
	declare(ctx, vars)
	stmt, next, err := p.inner.ParseOneWithOptions(ctx, q, opts)
	if next > 0 {
		next -= grew
	}
	return stmt, next, err
}

// rewriteFirst rewrites the first statement of query; grew is how much longer it became,
// vars the user variables it assigns.
func rewriteFirst(query string) (out string, grew int, vars []string) {
	end := statementEnd(query)
	first := query[:end]
	r := rewriteDescribe(first)
	if r == first {
		r = rewriteHelp(first)
	}
	if r == first {
		r, vars = rewriteAssign(first)
	}
	return r + query[end:], len(r) - len(first), vars
}

// declare gives each user variable a statement assigns, and that has no value yet, the type
// LONGTEXT (its value stays NULL): go-mysql-server types a reference to a user variable when
// it plans the statement, and a variable without a value would be typed NULL, its
// reference then reading NULL even after the assignment earlier in the row.
func declare(ctx context.Context, vars []string) {
	sctx, ok := ctx.(*sql.Context)
	if !ok || sctx.Session == nil {
		return
	}
	for _, v := range vars {
		typ, val, err := sctx.GetUserVariable(sctx, v)
		if err == nil && val == nil && (typ == nil || typ == types.Null) {
			_ = sctx.SetUserVariable(sctx, v, nil, types.LongText)
		}
	}
}

// textScanner steps over a statement's quoted strings, identifiers and comments.
type textScanner struct {
	s string
	i int
}

// skip moves past a quoted string, backquoted identifier or comment starting at i and
// reports whether there was one.
func (sc *textScanner) skip() bool {
	s, i := sc.s, sc.i
	switch c := s[i]; {
	case c == '\'' || c == '"' || c == '`':
		j := i + 1
		for j < len(s) {
			if s[j] == '\\' && c != '`' {
				j += 2
				continue
			}
			if s[j] == c {
				if j+1 < len(s) && s[j+1] == c {
					j += 2
					continue
				}
				break
			}
			j++
		}
		sc.i = min(j+1, len(s))
		return true
	case c == '#' || c == '-' && strings.HasPrefix(s[i:], "-- "):
		j := strings.IndexByte(s[i:], '\n')
		if j < 0 {
			sc.i = len(s)
		} else {
			sc.i = i + j + 1
		}
		return true
	case c == '/' && strings.HasPrefix(s[i:], "/*"):
		j := strings.Index(s[i+2:], "*/")
		if j < 0 {
			sc.i = len(s)
		} else {
			sc.i = i + 2 + j + 2
		}
		return true
	}
	return false
}

// statementEnd is the index just past the first statement's terminating semicolon (or the
// end).
func statementEnd(s string) int {
	sc := &textScanner{s: s}
	for sc.i < len(s) {
		if sc.skip() {
			continue
		}
		if s[sc.i] == ';' {
			return sc.i + 1
		}
		sc.i++
	}
	return len(s)
}

var (
	assignStart = regexp.MustCompile(`^@(` + "`[^`]+`" + `|'[^']+'|"[^"]+"|[A-Za-z0-9_$.]+)\s*:=`)
	startsRead  = regexp.MustCompile(`(?is)^\s*(\(\s*)*(select|with)\b`)
	exprEnd     = regexp.MustCompile(`(?i)^(as|from|where|group|order|limit|having|into|union|window|for|lock)\b`)
)

// rewriteAssign turns each `@v := expr` of a SELECT into credsql_assign('v', expr).
func rewriteAssign(stmt string) (string, []string) {
	if !startsRead.MatchString(stmt) || !strings.Contains(stmt, ":=") {
		return stmt, nil
	}
	var vars []string
	for {
		out, name, ok := rewriteOneAssign(stmt)
		if !ok {
			return stmt, vars
		}
		stmt = out
		vars = append(vars, name)
	}
}

func rewriteOneAssign(s string) (string, string, bool) {
	sc := &textScanner{s: s}
	for sc.i < len(s) {
		if sc.skip() {
			continue
		}
		m := assignStart.FindStringSubmatch(s[sc.i:])
		if m == nil || (sc.i > 0 && s[sc.i-1] == '@') {
			sc.i++
			continue
		}
		name := strings.Trim(m[1], "`'\"")
		start := sc.i
		from := sc.i + len(m[0])
		end := assignEnd(s, from)
		expr := strings.TrimLeft(s[from:end], " \t\r\n")
		return s[:start] + "credsql_assign('" + strings.ReplaceAll(name, "'", "''") + "', " + expr + ")" + s[end:], name, true
	}
	return s, "", false
}

// assignEnd is where the expression starting at i ends: `:=` binds loosest, so at the first
// comma, closing parenthesis, semicolon or clause keyword outside parentheses, or at an alias
// without AS (a word that follows an operand outside parentheses and CASE ... END).
func assignEnd(s string, i int) int {
	sc := &textScanner{s: s, i: i}
	depth, cases := 0, 0
	operand := false // the last token ends an operand
	for sc.i < len(s) {
		at := sc.i
		if sc.skip() {
			if s[at] == '\'' || s[at] == '"' || s[at] == '`' {
				operand = true
			}
			continue
		}
		c := s[sc.i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			sc.i++
			continue
		case c == '(':
			depth++
			operand = false
		case c == ')':
			if depth == 0 {
				return trimEnd(s, i, sc.i)
			}
			depth--
			operand = true
		case depth == 0 && (c == ',' || c == ';'):
			return trimEnd(s, i, sc.i)
		case isWordByte(c):
			j := sc.i
			for j < len(s) && isWordByte(s[j]) {
				j++
			}
			w := strings.ToLower(s[sc.i:j])
			if depth == 0 && sc.i > i && exprEnd.MatchString(w) {
				return trimEnd(s, i, sc.i)
			}
			switch {
			case w == "case":
				cases++
				operand = false
			case w == "end" && cases > 0:
				cases--
				operand = true
			case operators[w]:
				operand = false
			default:
				if depth == 0 && cases == 0 && operand {
					return trimEnd(s, i, sc.i) // an alias without AS
				}
				operand = true
			}
			sc.i = j
			continue
		default:
			operand = false
		}
		sc.i++
	}
	return trimEnd(s, i, len(s))
}

// operators are the words that join operands in an expression.
var operators = map[string]bool{
	"and": true, "or": true, "xor": true, "not": true, "is": true, "in": true, "like": true, "between": true,
	"when": true, "then": true, "else": true, "div": true, "mod": true, "regexp": true, "rlike": true,
	"collate": true, "escape": true, "sounds": true, "interval": true, "binary": true, "null": false,
}

func trimEnd(s string, from, to int) int {
	for to > from && (s[to-1] == ' ' || s[to-1] == '\t' || s[to-1] == '\n' || s[to-1] == '\r') {
		to--
	}
	return to
}

func isWordByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

var helpStatement = regexp.MustCompile(`(?is)^\s*help\s+('(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.|"")*"|[A-Za-z0-9_ ]+)\s*;?\s*$`)

// rewriteHelp answers MySQL's server-side HELP 'topic' (the mysql and mycli clients' help)
// with no topic: credsql has no help tables, and clients then say nothing was found.
func rewriteHelp(stmt string) string {
	if !helpStatement.MatchString(stmt) {
		return stmt
	}
	return "SELECT '' AS name, '' AS description, '' AS example FROM dual WHERE FALSE"
}

// describePattern is DESCRIBE/DESC/EXPLAIN of a table followed by a column name or pattern.
var describePattern = regexp.MustCompile(`(?is)^(\s*)(?:describe|desc|explain)\s+((?:` + "`[^`]+`" + `|[A-Za-z0-9_$]+)(?:\s*\.\s*(?:` + "`[^`]+`" + `|[A-Za-z0-9_$]+))?)\s+('(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.|"")*"|` + "`[^`]+`" + `|[A-Za-z0-9_$%]+)\s*(;?\s*)$`)

func rewriteDescribe(stmt string) string {
	m := describePattern.FindStringSubmatch(stmt)
	if m == nil {
		return stmt
	}
	pat := m[3]
	switch {
	case strings.HasPrefix(pat, "'"), strings.HasPrefix(pat, `"`):
		pat = "'" + strings.ReplaceAll(pat[1:len(pat)-1], "'", "''") + "'"
		if strings.HasPrefix(m[3], `"`) {
			pat = "'" + strings.ReplaceAll(strings.ReplaceAll(m[3][1:len(m[3])-1], `""`, `"`), "'", "''") + "'"
		}
	case strings.HasPrefix(pat, "`"):
		pat = "'" + strings.ReplaceAll(pat[1:len(pat)-1], "'", "''") + "'"
	default:
		pat = "'" + pat + "'"
	}
	return fmt.Sprintf("%sSHOW COLUMNS FROM %s LIKE %s%s", m[1], m[2], pat, m[4])
}

// assignFunction is credsql_assign(name, value): it sets the user variable and returns the
// value.
var assignFunction = sql.Function2{Name: "credsql_assign", Fn: func(_ *sql.Context, name, value sql.Expression) sql.Expression {
	return &assignExpr{name: name, value: value}
}}

type assignExpr struct {
	name, value sql.Expression
}

var (
	_ sql.Expression                 = (*assignExpr)(nil)
	_ sql.NonDeterministicExpression = (*assignExpr)(nil)
)

func (a *assignExpr) Resolved() bool                   { return a.name.Resolved() && a.value.Resolved() }
func (a *assignExpr) String() string                   { return fmt.Sprintf("@%s := %s", a.name, a.value) }
func (a *assignExpr) Type(ctx *sql.Context) sql.Type   { return a.value.Type(ctx) }
func (a *assignExpr) IsNullable(ctx *sql.Context) bool { return a.value.IsNullable(ctx) }
func (a *assignExpr) Children() []sql.Expression       { return []sql.Expression{a.name, a.value} }
func (a *assignExpr) IsNonDeterministic() bool         { return true }
func (a *assignExpr) WithChildren(_ *sql.Context, c ...sql.Expression) (sql.Expression, error) {
	if len(c) != 2 {
		return nil, sql.ErrInvalidChildrenNumber.New(a, len(c), 2)
	}
	return &assignExpr{name: c[0], value: c[1]}, nil
}

func (a *assignExpr) Eval(ctx *sql.Context, row sql.Row) (any, error) {
	n, err := a.name.Eval(ctx, row)
	if err != nil {
		return nil, err
	}
	name, ok := n.(string)
	if !ok {
		return nil, fmt.Errorf("credsql_assign: the variable name must be a string, not %v", n)
	}
	v, err := a.value.Eval(ctx, row)
	if err != nil {
		return nil, err
	}
	typ := a.value.Type(ctx)
	if v == nil {
		typ = types.Null
	}
	if err := ctx.SetUserVariable(ctx, name, v, typ); err != nil {
		return nil, err
	}
	return v, nil
}
