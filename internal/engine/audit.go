package engine

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/vitess/go/sqltypes"
	querypb "github.com/dolthub/vitess/go/vt/proto/query"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/credsql/credsql/internal/audit"
	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/sqltext"
	"github.com/credsql/credsql/internal/tables"
)

// stmtAudit is the fetch.Auditor of one statement: it knows who runs the statement, and the
// write paths tell it which of the statement's values are secret before they call the API.
// fetch reports each mutating call to it once the call is over.
type stmtAudit struct {
	e      *Engine
	sink   audit.Sink
	connID uint32
	user   string
	client string
	query  string
	// params are the values bound to a prepared statement (COM_STMT_EXECUTE), as SQL
	// literals, in the order of its placeholders; nil for a statement sent as text.
	params []string
	// stmtCtx is the statement's context: its end writes what reveal records are left.
	stmtCtx context.Context

	mu      sync.Mutex
	red     audit.Redaction
	reveals *revealSet
}

// newStmtAudit returns the auditor of a statement, or nil when there is no audit log.
func (e *Engine) newStmtAudit() *stmtAudit {
	if e.opts.Audit == nil {
		return nil
	}
	return &stmtAudit{e: e, sink: e.opts.Audit}
}

// secretWords matches a statement that names a sensitive column or a procedure taking a
// secret: every string literal of it is masked from its first audit record on, before the
// write paths say which values are secret (a multi-row INSERT audits its first row before
// the second row's secret is known).
func secretWords(defs []tables.Def) *regexp.Regexp {
	var words []string
	for _, d := range defs {
		m := d.Meta()
		for _, c := range m.Columns {
			if c.Sensitive {
				words = append(words, regexp.QuoteMeta(c.Name))
			}
		}
		for _, p := range m.Procedures {
			for _, pa := range p.Params {
				if pa.Secret {
					words = append(words, regexp.QuoteMeta(p.FullName), regexp.QuoteMeta(p.Table)+`\s*\.\s*`+regexp.QuoteMeta(p.Name))
					break
				}
			}
		}
	}
	if len(words) == 0 {
		return regexp.MustCompile(`$^`)
	}
	return regexp.MustCompile(`(?i)\b(` + strings.Join(words, "|") + `)\b`)
}

// who fills in the session and the statement from the statement's context.
func (a *stmtAudit) who(ctx *sql.Context) {
	a.stmtCtx = ctx
	a.client = "in-process"
	if ctx.Session != nil {
		a.connID = ctx.Session.ID()
		a.user = ctx.Session.Client().User
		// In-process sessions number themselves apart from wire connections: only a wire
		// session's id names a client.
		if addr, ok := a.e.clients.Load(a.connID); ok && ctx.Session.Address() != inProcess {
			a.client = addr.(string)
		}
	}
	// A multi-statement batch runs one statement per context, whose query text is the rest
	// of the batch: the first statement is the one running.
	a.query = ctx.Query()
	if stmts := SplitStatements(a.query); len(stmts) > 0 {
		a.query = stmts[0]
	}
	if bv, ok := ctx.Value(bindingsKey{}).(map[string]*querypb.BindVariable); ok {
		a.params = boundLiterals(bv)
	} else if q, params, ok := executed(ctx, a.query); ok {
		a.query, a.params = q, params
	}
	a.red.All = a.e.secretRe.MatchString(a.query)
}

// executed reads an EXECUTE of a statement prepared with PREPARE: it returns the prepared
// statement (as go-mysql-server keeps it, parsed and printed again, with a ? for each
// placeholder) and the values of the USING variables as SQL literals, in the order of the
// placeholders. ok is false for any other statement, or an unknown name.
func executed(ctx *sql.Context, query string) (stmt string, params []string, ok bool) {
	name, vars, ok := parseExecute(query)
	if !ok || ctx.Session == nil {
		return "", nil, false
	}
	prep, found := ctx.Session.GetPreparedQuery(name)
	if !found {
		return "", nil, false
	}
	var lits []string
	for _, v := range vars {
		lit := "NULL"
		if _, val, err := ctx.GetUserVariable(ctx, v); err == nil {
			lit = valueLiteral(val)
		}
		lits = append(lits, lit)
	}
	// The printed statement names its placeholders :v1, :v2, ...: each becomes a ?, its
	// value the USING variable of its number.
	text := ast.String(prep)
	var b strings.Builder
	params = []string{}
	for i := 0; i < len(text); {
		t := sqltext.Next(text, i)
		i = t.End
		if t.Kind == sqltext.Punct && text[t.Start] == ':' && i < len(text) {
			w := sqltext.Next(text, i)
			word := w.Text(text)
			if n, err := strconv.Atoi(strings.TrimPrefix(word, "v")); w.Kind == sqltext.Word && len(word) > 1 && word[0] == 'v' && err == nil && n >= 1 {
				lit := "NULL"
				if n <= len(lits) {
					lit = lits[n-1]
				}
				params = append(params, lit)
				b.WriteByte('?')
				i = w.End
				continue
			}
		}
		b.WriteString(t.Text(text))
	}
	return b.String(), params, true
}

// parseExecute reads "EXECUTE name [USING @a, @b ...]": the statement's name and its
// variables' names.
func parseExecute(query string) (name string, vars []string, ok bool) {
	var toks []string
	for _, t := range sqltext.Tokens(query) {
		switch {
		case t.Kind == sqltext.Space || t.IsComment():
		case t.Kind == sqltext.QuotedIdent:
			toks = append(toks, "`"+sqltext.Unquote(t.Text(query)))
		case t.Kind == sqltext.Semicolon:
		default:
			toks = append(toks, t.Text(query))
		}
	}
	if len(toks) < 2 || !strings.EqualFold(toks[0], "EXECUTE") {
		return "", nil, false
	}
	name = strings.TrimPrefix(toks[1], "`")
	rest := toks[2:]
	if len(rest) == 0 {
		return name, nil, true
	}
	if !strings.EqualFold(rest[0], "USING") {
		return "", nil, false
	}
	for rest = rest[1:]; ; rest = rest[1:] {
		if len(rest) < 2 || rest[0] != "@" {
			return "", nil, false
		}
		vars = append(vars, strings.TrimPrefix(rest[1], "`"))
		if rest = rest[2:]; len(rest) == 0 {
			break
		}
		if rest[0] != "," {
			return "", nil, false
		}
	}
	return name, vars, true
}

// valueLiteral writes a user variable's value as the SQL literal that stands for it.
func valueLiteral(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case string:
		return audit.Literal([]byte(x), false, false)
	case []byte:
		return audit.Literal(x, false, false)
	case int8, int16, int32, int64, int, uint8, uint16, uint32, uint64, uint, float32, float64:
		return audit.Literal([]byte(fmt.Sprint(x)), false, true)
	case fmt.Stringer: // decimals, times
		return audit.Literal([]byte(x.String()), false, false)
	}
	return audit.Literal([]byte(fmt.Sprint(v)), false, false)
}

type bindingsKey struct{}

// withBindings returns a context whose statement was executed with bound values: its audit
// records show them (the wire handler's COM_STMT_EXECUTE).
func withBindings(ctx context.Context, bv map[string]*querypb.BindVariable) context.Context {
	if bv == nil {
		bv = map[string]*querypb.BindVariable{}
	}
	return context.WithValue(ctx, bindingsKey{}, bv)
}

// boundLiterals writes the values bound to a prepared statement as SQL literals, in the order
// of its placeholders: vitess names the value of the n-th placeholder "v<n>".
func boundLiterals(bv map[string]*querypb.BindVariable) []string {
	out := []string{}
	for n := 1; ; n++ {
		v, ok := bv["v"+strconv.Itoa(n)]
		if !ok {
			return out
		}
		if v == nil {
			out = append(out, "NULL")
			continue
		}
		t := v.Type
		numeric := sqltypes.IsIntegral(t) || sqltypes.IsFloat(t) || t == sqltypes.Decimal
		out = append(out, audit.Literal(v.Value, t == sqltypes.Null, numeric))
	}
}

// statement is the statement as its records show it: with its bound values in place of its
// placeholders, and what red says is secret masked, in the statement and in the params.
func (a *stmtAudit) statement(red audit.Redaction) (stmt string, params []string) {
	stmt = audit.RedactStatement(audit.Bind(a.query, a.params), red)
	if a.params == nil {
		return stmt, nil
	}
	params = make([]string, len(a.params))
	for i, p := range a.params {
		params[i] = audit.RedactStatement(p, red)
	}
	return stmt, params
}

// maskIDs masks the secrets red knows of in the ids of a call's object (a path argument is
// never meant to be a secret; if one were, it would not reach the log).
func maskIDs(ids map[string]string, created string, red audit.Redaction) (map[string]string, string) {
	if len(red.Secrets) == 0 {
		return ids, created
	}
	mask := func(v string) string {
		for _, s := range red.Secrets {
			if s != "" && v == s {
				return "[REDACTED]"
			}
		}
		return audit.MaskSecrets(v, red.Secrets)
	}
	var out map[string]string
	if ids != nil {
		out = make(map[string]string, len(ids))
		for k, v := range ids {
			out[k] = mask(v)
		}
	}
	if created != "" {
		created = mask(created)
	}
	return out, created
}

// note tells the statement's auditor, if any, which values of the write about to be sent are
// secret and which are the keys of the object it changes.
func note(ctx context.Context, secrets, keys []string) {
	a, ok := fetch.AuditorFrom(ctx).(*stmtAudit)
	if !ok || a == nil {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, s := range secrets {
		if s != "" {
			a.red.Secrets = append(a.red.Secrets, s)
			a.red.All = true
		}
	}
	a.red.Keep = append(a.red.Keep, keys...)
}

// noteValues is note for named column values: the sensitive columns' values are secret, the
// key columns' values are kept.
func noteValues(ctx context.Context, m *tables.Meta, v tables.Values) {
	var secrets, keys []string
	for _, c := range m.Columns {
		if !v.Has(c.Name) {
			continue
		}
		switch {
		case c.Sensitive:
			secrets = append(secrets, v.Str(c.Name))
		case c.Key || c.Name == tables.ConnectionColumn || m.Parent != nil && c.Name == m.Parent.Column:
			keys = append(keys, v.Str(c.Name))
		}
	}
	note(ctx, secrets, keys)
}

// noteArgs is note for procedure arguments: Secret parameters are secret, the others kept.
func noteArgs(ctx context.Context, pm tables.ProcMeta, args tables.Values, conn string) {
	var secrets, keys []string
	for _, p := range pm.Params {
		if !args.Has(p.Name) {
			continue
		}
		if p.Secret {
			secrets = append(secrets, args.Str(p.Name))
		} else {
			keys = append(keys, args.Str(p.Name))
		}
	}
	if conn != "" {
		keys = append(keys, conn)
	}
	note(ctx, secrets, keys)
}

// AuditCall implements fetch.Auditor.
func (a *stmtAudit) AuditCall(_ context.Context, c fetch.AuditCall) {
	a.mu.Lock()
	red := a.red
	red.Secrets = append([]string(nil), a.red.Secrets...)
	a.mu.Unlock()
	stmt, params := a.statement(red)
	if c.Redact != nil {
		stmt = c.Redact(stmt)
		for i, p := range params {
			params[i] = c.Redact(p)
		}
	}
	object, created := maskIDs(c.Object, c.Created, red)
	r := audit.Record{
		Time: c.Time, Action: audit.ActionWrite, ConnID: a.connID, User: a.user, Client: a.client, Statement: stmt,
		Params: params, Vendor: string(c.Vendor), Connection: c.Connection, Method: c.Method, Route: c.Op,
		Status: c.Status, RequestID: c.RequestID, Outcome: string(c.Outcome), Attempts: c.Attempts,
		Error: c.Error, Object: object, Created: created,
	}
	if err := a.sink.Write(r); err != nil {
		a.e.opts.Logger.Error(fmt.Sprintf("audit log: %v", err), "route", c.Op, "outcome", string(c.Outcome))
	}
}
