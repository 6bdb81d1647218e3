package engine

import (
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"weak"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"

	"github.com/credsql/credsql/internal/fetch"
)

// SHOW STATUS LIKE 'credsql_%' reports what statements cost in API calls: the last
// statement's (other than SHOW) and the session's totals. The values are the fetch.Stats of
// each statement, folded in when the next statement starts (the previous one is over by
// then), so they are exact and never raced.

// Status variables credsql adds (session scope).
const (
	StatusCalls            = "credsql_calls"                      // API calls of the last statement
	StatusRateLimited      = "credsql_calls_rate_limited"         // 429s it met
	StatusRateLimitWaitMS  = "credsql_rate_limit_wait_ms"         // ms it waited for rate limits
	StatusSessionCalls     = "credsql_session_calls"              // the session's totals
	StatusSessionLimited   = "credsql_session_calls_rate_limited" //
	StatusSessionWaitMS    = "credsql_session_rate_limit_wait_ms" //
	StatusStatementsCalled = "credsql_session_statements"         // statements that made calls
)

var statusNames = []string{StatusCalls, StatusRateLimited, StatusRateLimitWaitMS, StatusSessionCalls, StatusSessionLimited, StatusSessionWaitMS, StatusStatementsCalled}

// statusRegistry adds credsql's session status variables to go-mysql-server's.
type statusRegistry struct{ sql.StatusVariableRegistry }

func (r statusRegistry) NewSessionMap() map[string]sql.StatusVarValue {
	m := r.StatusVariableRegistry.NewSessionMap()
	for _, name := range statusNames {
		v := &sql.MySQLStatusVariable{Name: name, Scope: sql.StatusVariableScope_Session, Type: types.Uint64, Default: uint64(0)}
		m[name] = &sql.MutableStatusVarValue{Var: v, Val: &atomic.Uint64{}}
	}
	return m
}

// processStart is when the process started: Uptime counts from it.
var processStart = time.Now()

// NewGlobalMap adds the values go-mysql-server leaves at 0 that clients divide by or show
// (mycli's status divides Queries by Uptime): Uptime in seconds since the process started
// (at least 1), and Queries, which counts what Questions counts.
func (r statusRegistry) NewGlobalMap() map[string]sql.StatusVarValue {
	m := r.StatusVariableRegistry.NewGlobalMap()
	if v, ok := m["Uptime"]; ok {
		up := &atomic.Uint64{}
		up.Store(uint64(max(1, time.Since(processStart)/time.Second)))
		m["Uptime"] = &sql.MutableStatusVarValue{Var: v.Variable(), Val: up}
	}
	if q, ok := m["Questions"]; ok {
		if v, ok := m["Queries"]; ok {
			n := &atomic.Uint64{}
			if x, ok := q.Value().(uint64); ok {
				n.Store(x)
			}
			m["Queries"] = &sql.MutableStatusVarValue{Var: v.Variable(), Val: n}
		}
	}
	return m
}

func (r statusRegistry) GetGlobal(name string) (sql.StatusVariable, any, bool) {
	v, val, ok := r.StatusVariableRegistry.GetGlobal(name)
	if ok && strings.EqualFold(name, "Uptime") {
		val = uint64(max(1, time.Since(processStart)/time.Second))
	}
	return v, val, ok
}

// installStatusVariables wraps go-mysql-server's status registry once. Call it with
// gmsGlobals held, after go-mysql-server initialised the registry.
func installStatusVariables() {
	if _, ok := sql.StatusVariables.(statusRegistry); ok || sql.StatusVariables == nil {
		return
	}
	sql.StatusVariables = statusRegistry{sql.StatusVariables}
}

// sessionCost is what a session's statements cost.
type sessionCost struct {
	mu          sync.Mutex
	cur         *fetch.Stats // the statement running (or last run)
	last, total [3]uint64    // calls, 429s, ms waited
	statements  uint64       // statements that made calls
}

// costs maps a session (weakly: in-process and wire sessions may share an id) to its
// sessionCost; an entry goes when its session is collected.
type costs struct{ m sync.Map }

func (e *Engine) sessionCost(s sql.Session) *sessionCost {
	bs, ok := baseSession(s)
	if !ok {
		return &sessionCost{}
	}
	key := weak.Make(bs)
	if c, ok := e.costs.m.Load(key); ok {
		return c.(*sessionCost)
	}
	c, loaded := e.costs.m.LoadOrStore(key, &sessionCost{})
	if !loaded {
		runtime.AddCleanup(bs, func(k weak.Pointer[sql.BaseSession]) { e.costs.m.Delete(k) }, key)
	}
	return c.(*sessionCost)
}

// trackStatement is called as a statement starts with its stats: it folds the previous
// statement's cost into the session's status variables, then makes st the current one
// (unless the statement is a SHOW, which costs nothing and must not hide the last cost).
func (e *Engine) trackStatement(ctx *sql.Context, st *fetch.Stats) {
	if ctx.Session == nil || st == nil {
		return
	}
	sc := e.sessionCost(ctx.Session)
	sc.mu.Lock()
	if prev := sc.cur; prev != nil && prev != st {
		sc.last = [3]uint64{uint64(prev.Calls.Load()), uint64(prev.RateLimited.Load()), uint64(time.Duration(prev.WaitNanos.Load()).Milliseconds())}
		for i := range sc.total {
			sc.total[i] += sc.last[i]
		}
		if sc.last[0] > 0 {
			sc.statements++
		}
		sc.cur = nil
	}
	if q := strings.TrimSpace(stripLeadingComments(ctx.Query())); !strings.HasPrefix(strings.ToLower(q), "show") {
		sc.cur = st
	}
	vals := map[string]uint64{
		StatusCalls: sc.last[0], StatusRateLimited: sc.last[1], StatusRateLimitWaitMS: sc.last[2],
		StatusSessionCalls: sc.total[0], StatusSessionLimited: sc.total[1], StatusSessionWaitMS: sc.total[2],
		StatusStatementsCalled: sc.statements,
	}
	sc.mu.Unlock()
	for name, v := range vals {
		_ = ctx.Session.SetStatusVariable(ctx, name, v)
	}
}
