// Package engine turns credsql's table definitions into a MySQL-compatible SQL engine on
// go-mysql-server: one generic table over every definition with key pushdown, parent fan-out
// and lazy paging; INSERT/UPDATE/DELETE and procedures (CALL, and EXEC rewritten to CALL);
// the MySQL wire server; and in-process query execution for the REPL and `credsql query`.
package engine

import (
	"context"
	"fmt"
	"log/slog"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	sqle "github.com/dolthub/go-mysql-server"
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/analyzer"
	"github.com/dolthub/go-mysql-server/sql/types"
	"github.com/sirupsen/logrus"

	"github.com/credsql/credsql/internal/audit"
	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/tables"
)

// DatabaseName is credsql's one database.
const DatabaseName = "credsql"

// Session variables credsql adds.
const (
	VarRevealSecrets = "credsql_reveal_secrets"
)

// Options configure an engine.
type Options struct {
	// Conns are the configured connections; a vendor without any gets a placeholder that
	// answers with the variables to set.
	Conns []*tables.Conn
	// Concurrency bounds the fan-out of one connection: its ceiling of calls in flight
	// (default fetch.DefaultConcurrency). The connection's adaptive limit decides how many
	// of the fan-out's calls are in flight at a time.
	Concurrency int
	// RevealSecrets is the default of credsql_reveal_secrets.
	RevealSecrets bool
	Logger        *slog.Logger
	// Version is shown as @@version_comment.
	Version string
	// Partial turns a failing connection into a warning naming it (the other connections'
	// rows are returned) instead of failing the query.
	Partial bool
	// Audit, when set, receives a record of every API call that changes vendor state.
	Audit audit.Sink
	// DryRun is the default of credsql_dry_run (--dry-run): writes and procedures show their
	// API calls and make none.
	DryRun bool
}

// Engine is a credsql SQL engine.
type Engine struct {
	opts   Options
	conns  map[tables.Vendor][]*tables.Conn
	sql    *sqle.Engine
	db     *database
	tables map[string]*table
	procs  []tables.ProcMeta

	statesMu sync.Mutex
	states   map[stateKey]*queryState
	pids     atomic.Uint64
	users    users
	// clients maps a MySQL connection id to the client's address, for the audit log.
	clients sync.Map
	// secretRe matches statements that may carry a secret (audit.go).
	secretRe *regexp.Regexp
	// costs are the API costs of each session's statements (SHOW STATUS, status.go).
	costs costs
}

var setupOnce sync.Once

// globalSetup registers credsql's system variables and quietens go-mysql-server's logging.
// Both are process-wide in go-mysql-server.
func globalSetup() {
	setupOnce.Do(func() {
		logrus.SetLevel(logrus.ErrorLevel)
		logrus.SetFormatter(gmsFormatter{inner: &logrus.TextFormatter{}})
		sql.SystemVariables.AddSystemVariables([]sql.SystemVariable{
			// Session only: one session's SET must never reveal secrets to another.
			&sql.MysqlSystemVariable{
				Name:    VarRevealSecrets,
				Scope:   sql.GetMysqlScope(sql.SystemVariableScope_Session),
				Dynamic: true,
				Type:    types.NewSystemBoolType(VarRevealSecrets),
				Default: int8(0),
				// Refuses ON to a user without reveal_secrets (privileges.go).
				NotifyChanged: checkReveal,
			},
			// MySQL's own variable, ON by default in credsql: an UPDATE or DELETE must pin
			// the key columns.
			&sql.MysqlSystemVariable{
				Name:              "sql_safe_updates",
				Scope:             sql.GetMysqlScope(sql.SystemVariableScope_Both),
				Dynamic:           true,
				SetVarHintApplies: true,
				Type:              types.NewSystemBoolType("sql_safe_updates"),
				Default:           int8(1),
			},
		})
		sql.SystemVariables.AddSystemVariables(writeVariables())
	})
}

// New builds an engine over every registered table.
func New(o Options) (*Engine, error) {
	if err := tables.Validate(); err != nil {
		return nil, fmt.Errorf("table definitions: %w", err)
	}
	globalSetup()
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	e := &Engine{opts: o, conns: map[tables.Vendor][]*tables.Conn{}, tables: map[string]*table{}, states: map[stateKey]*queryState{},
		secretRe: secretWords(tables.All())}
	for _, c := range o.Conns {
		e.conns[c.Vendor] = append(e.conns[c.Vendor], c)
	}
	for v, cs := range e.conns {
		sort.Slice(cs, func(i, j int) bool { return cs[i].Name < cs[j].Name })
		e.conns[v] = cs
	}
	for _, v := range tables.Vendors() {
		if len(e.conns[v]) == 0 {
			e.conns[v] = []*tables.Conn{tables.Unconfigured(v)}
		}
	}
	for _, d := range tables.All() {
		t := newTable(e, guard(d, o.Logger))
		e.tables[t.meta.Name] = t
		e.procs = append(e.procs, t.meta.Procedures...)
	}
	e.db = &database{e: e}
	pro, err := newProvider(e)
	if err != nil {
		return nil, err
	}
	parser := &execParser{e: e, inner: rewriteParser{inner: sql.NewMysqlParser()}}
	ab := analyzer.NewBuilder(pro).AddOverrides(sql.EngineOverrides{Builder: sql.BuilderOverrides{Parser: parser}})
	for _, r := range analyzer.OnceAfterDefault {
		// replaceIdxSort drops an ORDER BY over key columns when the table is read through
		// its index, as if a lookup returned rows in key order. An API lookup returns them in
		// the order of its IN list and of the vendor's pages: the sort must stay.
		if r.Id.String() == "replaceIdxSort" {
			ab = ab.RemoveOnceAfterRule(r.Id)
		}
	}
	a := ab.Build()
	a.Coster = apiCoster{inner: a.Coster}
	a.ExecBuilder.PriorityBuilder = joinBuilder{e: e}
	// go-mysql-server initialises process-wide status and system variables without a lock:
	// engines built at the same time (parallel tests) would race on them.
	gmsGlobals.Lock()
	e.sql = sqle.New(a, nil)
	installStatusVariables()
	if o.Version != "" {
		_ = sql.SystemVariables.AssignValues(map[string]any{"version_comment": "credsql " + o.Version})
	}
	gmsGlobals.Unlock()
	e.sql.Parser = parser
	e.sql.Analyzer.Catalog.RegisterFunction(sql.NewEmptyContext(), assignFunction, jsonTextFunction)
	return e, nil
}

// gmsGlobals serialises go-mysql-server's initialisation of its process-wide variables.
var gmsGlobals sync.Mutex

// SQL returns the go-mysql-server engine.
func (e *Engine) SQL() *sqle.Engine { return e.sql }

// Conns returns the connections of a vendor (a placeholder when none is configured).
func (e *Engine) Conns(v tables.Vendor) []*tables.Conn { return e.conns[v] }

// Procedures lists every procedure.
func (e *Engine) Procedures() []tables.ProcMeta { return e.procs }

// Close releases the engine.
func (e *Engine) Close() error { return e.sql.Close() }

// connFor picks the connection a write or procedure runs on: the named one, or the vendor's
// only connection.
func (e *Engine) connFor(v tables.Vendor, name string) (*tables.Conn, error) {
	cs := e.conns[v]
	if name == "" {
		if len(cs) == 1 {
			if cs[0].Err != nil {
				return nil, sqlError(cs[0].Err)
			}
			return cs[0], nil
		}
		var names []string
		for _, c := range cs {
			names = append(names, c.Name)
		}
		return nil, fmt.Errorf("several %s connections are configured (%s): say which with the connection column or parameter", v.Title(), strings.Join(names, ", "))
	}
	for _, c := range cs {
		if c.Name == name {
			if c.Err != nil {
				return nil, sqlError(c.Err)
			}
			return c, nil
		}
	}
	var names []string
	for _, c := range cs {
		names = append(names, c.Name)
	}
	return nil, fmt.Errorf("no %s connection is named %q (configured: %s)", v.Title(), name, strings.Join(names, ", "))
}

// revealSecrets reads credsql_reveal_secrets for the session; a user without reveal_secrets
// never reveals, whatever the variable says.
func (e *Engine) revealSecrets(ctx *sql.Context) bool {
	return sessionBool(ctx, VarRevealSecrets, e.opts.RevealSecrets) && e.access(ctx).reveal
}

// sessionBool reads a boolean session variable, or def when it cannot be read.
func sessionBool(ctx *sql.Context, name string, def bool) bool {
	v, err := ctx.GetSessionVariable(ctx, name)
	if err != nil {
		return def
	}
	switch x := v.(type) {
	case int8:
		return x != 0
	case int64:
		return x != 0
	case bool:
		return x
	}
	return def
}

// NewContext makes the context of one query: a unique process id, and the per-query memo
// that sends identical API reads once and the counters of what the query cost.
func (e *Engine) NewContext(ctx context.Context, opts ...sql.ContextOption) *sql.Context {
	if fetch.StatsFrom(ctx) == nil {
		ctx = fetch.WithStats(ctx, &fetch.Stats{})
	}
	ctx = withEngine(fetch.WithMemo(ctx), e)
	a := e.newStmtAudit()
	if a != nil {
		ctx = fetch.WithAuditor(ctx, a)
	}
	sctx := sql.NewContext(ctx, opts...)
	if a != nil {
		a.who(sctx)
	}
	e.trackStatement(sctx, fetch.StatsFrom(ctx))
	if sctx.Session != nil {
		// A SET keeps the previous statement's warnings (as MySQL does): Result.Notes leaves
		// out those that were there before the statement.
		if prior := sctx.Session.Warnings(); len(prior) > 0 {
			sctx = sctx.WithContext(context.WithValue(sctx.Context, priorWarningsKey{}, prior))
		}
	}
	return sctx
}

// initSession sets a new session's defaults.
func (e *Engine) initSession(ctx *sql.Context, s sql.Session) {
	s.SetCurrentDatabase(DatabaseName)
	if e.opts.RevealSecrets && e.access(ctx).reveal {
		_ = s.SetSessionVariable(ctx, VarRevealSecrets, int8(1))
	}
	if e.opts.DryRun {
		_ = s.SetSessionVariable(ctx, VarDryRun, int8(1))
	}
}
