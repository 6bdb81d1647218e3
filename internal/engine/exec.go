package engine

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/vitess/go/mysql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/credsql/credsql/internal/sqltext"
	"github.com/credsql/credsql/internal/tables"
)

// execParser accepts the StackQL-like `EXEC table.action @param = value, ...` besides MySQL,
// rewriting it to `CALL table_action(...)` with the arguments in the procedure's order. Named
// parameters may come in any order; an unknown, repeated or missing one is an error that
// lists the procedure's parameters. Everything else goes to the MySQL parser, and writes to
// JSON columns get lenient literals (see lenientJSON).
type execParser struct {
	e     *Engine
	inner sql.Parser
}

var _ sql.Parser = (*execParser)(nil)

func (p *execParser) ParseSimple(query string) (ast.Statement, error) {
	if body, _, ok := splitExec(query); ok {
		call, err := p.e.rewriteExec(body)
		if err != nil {
			return nil, err
		}
		return p.inner.ParseSimple(call)
	}
	stmt, err := p.inner.ParseSimple(query)
	if err == nil {
		p.e.lenientJSON(stmt)
		explainPlan(stmt)
	}
	return stmt, err
}

func (p *execParser) Parse(ctx *sql.Context, query string, multi bool) (ast.Statement, string, string, error) {
	if body, rest, ok := splitExec(query); ok {
		call, err := p.e.rewriteExec(body)
		if err != nil {
			return nil, "", "", err
		}
		stmt, _, _, err := p.inner.Parse(ctx, call, false)
		if !multi {
			rest = ""
		}
		return stmt, call, rest, err
	}
	stmt, q, rest, err := p.inner.Parse(ctx, query, multi)
	if err == nil {
		err = p.check(ctx, stmt)
	}
	return stmt, q, rest, err
}

func (p *execParser) ParseWithOptions(ctx context.Context, query string, delim rune, multi bool, opts ast.ParserOptions) (ast.Statement, string, string, error) {
	if body, rest, ok := splitExec(query); ok {
		call, err := p.e.rewriteExec(body)
		if err != nil {
			return nil, "", "", err
		}
		stmt, _, _, err := p.inner.ParseWithOptions(ctx, call, delim, false, opts)
		if !multi {
			rest = ""
		}
		return stmt, call, rest, err
	}
	stmt, q, rest, err := p.inner.ParseWithOptions(ctx, query, delim, multi, opts)
	if err == nil {
		err = p.check(ctx, stmt)
	}
	return stmt, q, rest, err
}

func (p *execParser) ParseOneWithOptions(ctx context.Context, query string, opts ast.ParserOptions) (ast.Statement, int, error) {
	if body, rest, ok := splitExec(query); ok {
		call, err := p.e.rewriteExec(body)
		if err != nil {
			return nil, 0, err
		}
		stmt, _, err := p.inner.ParseOneWithOptions(ctx, call, opts)
		next := len(query) - len(rest)
		if strings.TrimSpace(rest) == "" {
			next = 0
		}
		return stmt, next, err
	}
	stmt, next, err := p.inner.ParseOneWithOptions(ctx, query, opts)
	if err == nil {
		err = p.check(ctx, stmt)
	}
	return stmt, next, err
}

// check adapts and guards a parsed statement: lenient JSON literals for credsql tables, and
// what the statement's user may do that go-mysql-server does not check (checkStatement).
func (p *execParser) check(ctx context.Context, stmt ast.Statement) error {
	p.e.lenientJSON(stmt)
	explainPlan(stmt)
	sctx, ok := ctx.(*sql.Context)
	if !ok {
		return nil
	}
	return p.e.checkStatement(sctx, stmt)
}

// splitExec reports whether query starts with an EXEC statement, and splits it from what
// follows its terminating semicolon.
func splitExec(query string) (body, rest string, ok bool) {
	q := sqltext.SkipComments(query)
	if len(q) < 5 || !strings.EqualFold(q[:4], "exec") || !unicode.IsSpace(rune(q[4])) {
		return "", "", false
	}
	for i := 0; i < len(q); {
		t := sqltext.Next(q, i)
		if t.Kind == sqltext.Semicolon {
			return q[:t.Start], q[t.End:], true
		}
		i = t.End
	}
	return q, "", true
}

// stripLeadingComments returns q from its first token that is not whitespace or a comment.
func stripLeadingComments(q string) string { return sqltext.SkipComments(q) }

// rewriteExec turns one EXEC statement into a CALL.
func (e *Engine) rewriteExec(stmt string) (string, error) {
	s := &scanner{src: strings.TrimSpace(stmt)}
	s.pos = 4 // "EXEC"
	s.space()
	name := s.ident()
	if name == "" {
		return "", syntaxErr("EXEC needs a procedure name, e.g. EXEC apps_secrets.activate @app_id = '...', @secret_id = '...'")
	}
	pm, err := e.findProcedure(name)
	if err != nil {
		return "", err
	}
	// A procedure taking a secret (a password) never has its text quoted back in an error.
	secret := false
	for _, p := range pm.Params {
		secret = secret || p.Secret
	}
	near := func() string {
		if secret {
			return fmt.Sprintf("at character %d", s.pos+1)
		}
		return fmt.Sprintf("near %q", s.rest())
	}
	args := map[string]string{}
	var order []string
	nextBind := 0
	for {
		s.space()
		if s.done() {
			break
		}
		if len(order) > 0 {
			if !s.take(',') {
				return "", syntaxErr(fmt.Sprintf("EXEC %s: expected ',' between parameters %s", name, near()))
			}
			s.space()
		}
		if !s.take('@') {
			return "", syntaxErr(fmt.Sprintf("EXEC %s: parameters are named, like @app_id = '...'; %s", name, near()))
		}
		pname := strings.ToLower(s.ident())
		s.space()
		if pname == "" || !s.take('=') {
			return "", syntaxErr(fmt.Sprintf("EXEC %s: expected @name = value %s", name, near()))
		}
		s.space()
		start := s.pos
		val, isBind, err := s.value()
		if err != nil {
			if secret {
				return "", syntaxErr(fmt.Sprintf("EXEC %s: bad value for @%s at character %d", name, pname, start+1))
			}
			return "", syntaxErr(fmt.Sprintf("EXEC %s: %v", name, err))
		}
		if isBind {
			nextBind++
			val = ":v" + strconv.Itoa(nextBind)
		}
		if _, dup := args[pname]; dup {
			return "", paramErr(pm, fmt.Sprintf("parameter @%s given twice", pname))
		}
		args[pname] = val
		order = append(order, pname)
	}
	known := map[string]bool{tables.ConnectionColumn: true}
	for _, p := range pm.Params {
		known[p.Name] = true
	}
	for _, a := range order {
		if !known[a] {
			return "", paramErr(pm, fmt.Sprintf("unknown parameter @%s", a))
		}
	}
	var vals []string
	for _, p := range pm.Params {
		v, ok := args[p.Name]
		if !ok {
			if !p.Optional {
				return "", paramErr(pm, fmt.Sprintf("missing parameter @%s", p.Name))
			}
			v = "NULL"
		}
		vals = append(vals, v)
	}
	if c, ok := args[tables.ConnectionColumn]; ok {
		vals = append(vals, c)
	}
	return "CALL " + pm.FullName + "(" + strings.Join(vals, ", ") + ")", nil
}

// findProcedure resolves `table.action`, `db.table.action` or `table_action`.
func (e *Engine) findProcedure(name string) (tables.ProcMeta, error) {
	parts := strings.Split(strings.ToLower(name), ".")
	if len(parts) == 3 && parts[0] == DatabaseName {
		parts = parts[1:]
	}
	full := strings.Join(parts, "_")
	for _, p := range e.procs {
		if p.FullName == full {
			return p, nil
		}
	}
	var near []string
	for _, p := range e.procs {
		if strings.HasPrefix(p.FullName, parts[0]) {
			near = append(near, p.Table+"."+p.Name)
		}
	}
	msg := fmt.Sprintf("EXEC: no procedure %s", name)
	if len(near) > 0 {
		msg += "; " + parts[0] + " has: " + strings.Join(near, ", ")
	} else {
		msg += "; SELECT * FROM credsql_procedures lists them"
	}
	return tables.ProcMeta{}, mysql.NewSQLError(mysql.ERSPDoesNotExist, "42000", "%s", msg)
}

func syntaxErr(msg string) error {
	return mysql.NewSQLError(mysql.ERParseError, "42000", "%s", msg)
}

func paramErr(pm tables.ProcMeta, what string) error {
	return mysql.NewSQLError(erSPWrongNoOfArgs, "42000", "EXEC %s.%s: %s; parameters: %s",
		pm.Table, pm.Name, what, paramList(pm))
}

// scanner reads the tokens of an EXEC statement.
type scanner struct {
	src string
	pos int
}

func (s *scanner) done() bool   { return s.pos >= len(s.src) }
func (s *scanner) rest() string { return s.src[min(s.pos, len(s.src)):] }
func (s *scanner) space() {
	for s.pos < len(s.src) && unicode.IsSpace(rune(s.src[s.pos])) {
		s.pos++
	}
}
func (s *scanner) take(c byte) bool {
	if s.pos < len(s.src) && s.src[s.pos] == c {
		s.pos++
		return true
	}
	return false
}

// ident reads a dotted identifier, backquotes allowed around parts.
func (s *scanner) ident() string {
	start := s.pos
	var b strings.Builder
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		switch {
		case c == '`':
			t := sqltext.Next(s.src, s.pos)
			if t.Open {
				s.pos = start
				return ""
			}
			b.WriteString(sqltext.Unquote(t.Text(s.src)))
			s.pos = t.End
		case c == '_' || c == '.' || c == '$' || unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c)):
			b.WriteByte(c)
			s.pos++
		default:
			return b.String()
		}
	}
	return b.String()
}

// value reads one literal and returns its SQL text; isBind for a `?` placeholder.
func (s *scanner) value() (text string, isBind bool, err error) {
	if s.done() {
		return "", false, fmt.Errorf("missing value at the end")
	}
	start := s.pos
	switch c := s.src[s.pos]; {
	case c == '?':
		s.pos++
		return "?", true, nil
	case c == '\'' || c == '"':
		t := sqltext.Next(s.src, s.pos)
		if t.Open {
			return "", false, fmt.Errorf("unterminated string starting %q", s.src[start:])
		}
		s.pos = t.End
		return t.Text(s.src), false, nil
	case c == '-' || c == '+' || c == '.' || unicode.IsDigit(rune(c)):
		s.pos++
		for s.pos < len(s.src) && strings.ContainsRune("0123456789.eE+-", rune(s.src[s.pos])) {
			s.pos++
		}
		if _, err := strconv.ParseFloat(s.src[start:s.pos], 64); err != nil {
			return "", false, fmt.Errorf("bad number %q", s.src[start:s.pos])
		}
		return s.src[start:s.pos], false, nil
	case c == '@':
		s.pos++
		v := s.ident()
		if v == "" {
			return "", false, fmt.Errorf("bad variable near %q", s.src[start:])
		}
		return "@" + v, false, nil
	default:
		word := strings.ToUpper(s.ident())
		switch word {
		case "NULL", "TRUE", "FALSE":
			return word, false, nil
		}
		s.pos = start
		return "", false, fmt.Errorf("expected a quoted string, a number, NULL, TRUE, FALSE or ? near %q", s.rest())
	}
}
