package engine

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/credsql/credsql/internal/sqltext"
)

// MySQL syntax the pinned parser lacks, which clients' catalog queries use, is rewritten
// before parsing (only the first statement of a batch; the next is rewritten when its turn
// comes):
//   - `@v := expr` in a SELECT (MariaDB Connector/ODBC's SQLColumns and SQLProcedureColumns)
//     becomes credsql_assign('v', expr), which sets the user variable and returns the value;
//     a later @v in the same row reads it, as in MySQL (evaluation left to right);
//   - DESCRIBE t 'pattern' and DESCRIBE t col (Perl DBI's column_info) become a read of
//     information_schema.COLUMNS (rewriteDescribe);
//   - HELP 'topic' becomes one row pointing to the MySQL manual (rewriteHelp).
//
// A statement prepared on the server (COM_STMT_PREPARE) is parsed by vitess before any of
// this, so these forms work only as text (docs/protocol.md).
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

// statementEnd is the index just past the first statement's terminating semicolon (or the
// end).
func statementEnd(s string) int {
	for i := 0; i < len(s); {
		t := sqltext.Next(s, i)
		if t.Kind == sqltext.Semicolon {
			return t.End
		}
		i = t.End
	}
	return len(s)
}

var (
	startsRead = regexp.MustCompile(`(?is)^\s*(\(\s*)*(select|with)\b`)
	exprEnd    = regexp.MustCompile(`(?i)^(as|from|where|group|order|limit|having|into|union|window|for|lock)$`)
)

// rewriteAssign turns each `@v := expr` of a SELECT into credsql_assign('v', expr).
func rewriteAssign(stmt string) (string, []string) {
	if !startsRead.MatchString(sqltext.SkipComments(stmt)) || !strings.Contains(stmt, ":=") {
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

// rewriteOneAssign rewrites the first `@v := expr` outside strings, quoted identifiers and
// comments.
func rewriteOneAssign(s string) (string, string, bool) {
	prevAt := false // the token before is an '@' (then this '@' starts a system variable)
	for i := 0; i < len(s); {
		t := sqltext.Next(s, i)
		i = t.End
		at := t.Kind == sqltext.Punct && s[t.Start] == '@'
		if !at || prevAt {
			prevAt = at
			continue
		}
		prevAt = true
		name, from, ok := assignTarget(s, t.End)
		if !ok {
			continue
		}
		end := assignEnd(s, from)
		expr := strings.TrimLeft(s[from:end], " \t\r\n")
		return s[:t.Start] + "credsql_assign(" + sqlString(name) + ", " + expr + ")" + s[end:], name, true
	}
	return s, "", false
}

// assignTarget reads, after an '@' at s[i-1], a user variable's name and ":=": the name (quoted,
// or words joined by dots) and where the assigned expression starts.
func assignTarget(s string, i int) (name string, from int, ok bool) {
	if i >= len(s) {
		return "", 0, false
	}
	t := sqltext.Next(s, i)
	switch t.Kind {
	case sqltext.String, sqltext.QuotedIdent:
		if t.Open {
			return "", 0, false
		}
		name, i = sqltext.Unquote(t.Text(s)), t.End
	case sqltext.Word:
		j := t.End
		for j+1 < len(s) && s[j] == '.' && sqltext.IsWordByte(s[j+1]) {
			j = sqltext.Next(s, j+1).End
		}
		name, i = s[t.Start:j], j
	default:
		return "", 0, false
	}
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	if !strings.HasPrefix(s[i:], ":=") {
		return "", 0, false
	}
	return name, i + 2, true
}

// assignEnd is where the expression starting at i ends: `:=` binds loosest, so at the first
// comma, closing parenthesis, semicolon or clause keyword outside parentheses, or at an alias
// without AS (a word that follows an operand outside parentheses and CASE ... END). The end is
// that of the expression's last token: spaces and comments after it stay outside.
func assignEnd(s string, i int) int {
	depth, cases := 0, 0
	operand := false // the last token ends an operand
	last := i        // the end of the expression's last token so far
	for j := i; j < len(s); {
		t := sqltext.Next(s, j)
		j = t.End
		switch t.Kind {
		case sqltext.Space, sqltext.LineComment, sqltext.BlockComment:
			continue
		case sqltext.String, sqltext.QuotedIdent, sqltext.HexLiteral, sqltext.BitLiteral:
			operand, last = true, t.End
			continue
		case sqltext.Semicolon, sqltext.Vertical:
			if depth == 0 {
				return last
			}
		case sqltext.Word:
			w := strings.ToLower(t.Text(s))
			if depth == 0 && exprEnd.MatchString(w) {
				return last
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
					return last // an alias without AS
				}
				operand = true
			}
			last = t.End
			continue
		case sqltext.Punct:
			switch c := s[t.Start]; {
			case c == '(':
				depth++
			case c == ')':
				if depth == 0 {
					return last
				}
				depth--
				operand, last = true, t.End
				continue
			case c == ',' && depth == 0:
				return last
			}
		}
		operand, last = false, t.End
	}
	return last
}

// operators are the words that join operands in an expression.
var operators = map[string]bool{
	"and": true, "or": true, "xor": true, "not": true, "is": true, "in": true, "like": true, "between": true,
	"when": true, "then": true, "else": true, "div": true, "mod": true, "regexp": true, "rlike": true,
	"collate": true, "escape": true, "sounds": true, "interval": true, "binary": true,
}

// helpStatement is MySQL's HELP 'topic' (the topic quoted or not).
var helpStatement = regexp.MustCompile(`(?is)^help\s+('(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.|"")*"|[A-Za-z0-9_ ]+?)\s*;?\s*$`)

// rewriteHelp answers MySQL's server-side HELP 'topic' (the help of the mysql and mycli
// clients) as MySQL answers when exactly one topic matches: one row of name, description and
// example. credsql has no help text (its mysql.help_* tables are empty), so the row names the
// topic and points to the MySQL manual; the clients print it instead of a syntax error.
func rewriteHelp(stmt string) string {
	m := helpStatement.FindStringSubmatch(sqltext.SkipComments(stmt))
	if m == nil {
		return stmt
	}
	topic := strings.ToUpper(strings.TrimSpace(sqltext.Unquote(m[1])))
	return "SELECT " + sqlString(topic) + " AS name, " +
		sqlString("credsql has no help tables. See the MySQL 8.0 Reference Manual, https://dev.mysql.com/doc/refman/8.0/en/, for "+topic+
			"; credsql's own tables, procedures and errors are in its docs (SELECT * FROM credsql_procedures lists the procedures).") +
		" AS description, '' AS example"
}

// sqlString quotes s as a MySQL string literal.
func sqlString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, "'", "''").Replace(s) + "'"
}

// describePattern is DESCRIBE/DESC/EXPLAIN of a table followed by a column name or pattern.
var describePattern = regexp.MustCompile(`(?is)^(?:describe|desc|explain)\s+((?:` + "`(?:[^`]|``)+`" + `|[A-Za-z0-9_$]+)(?:\s*\.\s*(?:` + "`(?:[^`]|``)+`" + `|[A-Za-z0-9_$]+))?)\s+('(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.|"")*"|` + "`(?:[^`]|``)+`" + `|[A-Za-z0-9_$%]+)\s*(;?\s*)$`)

// rewriteDescribe turns DESCRIBE t 'pattern' (and DESCRIBE t col), which only DBD::MariaDB's
// column_info sends, into a read of information_schema.COLUMNS with SHOW COLUMNS' result
// columns, JSON columns shown as longtext as MariaDB shows them: column_info knows no json
// type and fails on the first JSON column. A table that does not exist has no row (column_info
// takes MySQL's 1146 for that too).
func rewriteDescribe(stmt string) string {
	body := sqltext.SkipComments(stmt)
	m := describePattern.FindStringSubmatch(body)
	if m == nil {
		return stmt
	}
	schema, table := "DATABASE()", ""
	for i := 0; i < len(m[1]); {
		t := sqltext.Next(m[1], i)
		i = t.End
		if t.Kind == sqltext.Word || t.Kind == sqltext.QuotedIdent {
			if table != "" {
				schema = table
			}
			table = sqlString(sqltext.Unquote(t.Text(m[1])))
		}
	}
	return stmt[:len(stmt)-len(body)] + "SELECT COLUMN_NAME AS `Field`, IF(DATA_TYPE = 'json', 'longtext', COLUMN_TYPE) AS `Type`, " +
		"IS_NULLABLE AS `Null`, COLUMN_KEY AS `Key`, COLUMN_DEFAULT AS `Default`, EXTRA AS `Extra` " +
		"FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = " + schema + " AND LOWER(TABLE_NAME) = LOWER(" + table + ") " +
		"AND COLUMN_NAME LIKE " + sqlString(sqltext.Unquote(m[2])) + " ORDER BY ORDINAL_POSITION" + m[3]
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
