package engine

import (
	"context"
	"sync"

	"github.com/dolthub/go-mysql-server/sql"
)

// queryState is what credsql remembers during one query: which tables it writes (set by
// Updater/Deleter before the scan starts) and which rows a one-call DELETE already removed.
type queryState struct {
	mu      sync.Mutex
	dml     map[string]string // table -> "UPDATE" | "DELETE"
	deleted map[string]bool   // table/connection/key already deleted in the scan
}

type stateKey struct {
	session uint32
	pid     uint64
}

// state returns the current query's state, created on first use and dropped when the
// query's context ends.
func (e *Engine) state(ctx *sql.Context) *queryState {
	k := stateKey{pid: ctx.Pid()}
	if ctx.Session != nil {
		k.session = ctx.Session.ID()
	}
	e.statesMu.Lock()
	defer e.statesMu.Unlock()
	if qs, ok := e.states[k]; ok {
		return qs
	}
	qs := &queryState{dml: map[string]string{}, deleted: map[string]bool{}}
	e.states[k] = qs
	context.AfterFunc(ctx, func() {
		e.statesMu.Lock()
		if e.states[k] == qs {
			delete(e.states, k)
		}
		e.statesMu.Unlock()
	})
	return qs
}

func (qs *queryState) dmlFor(table string) string {
	qs.mu.Lock()
	defer qs.mu.Unlock()
	return qs.dml[table]
}

// markDML records that the current statement writes table; the scan then checks safe
// updates and read-only before any API call.
func (e *Engine) markDML(ctx *sql.Context, table, op string) {
	qs := e.state(ctx)
	qs.mu.Lock()
	qs.dml[table] = op
	qs.mu.Unlock()
}

func (qs *queryState) markDeleted(key string) {
	qs.mu.Lock()
	qs.deleted[key] = true
	qs.mu.Unlock()
}

func (qs *queryState) takeDeleted(key string) bool {
	qs.mu.Lock()
	defer qs.mu.Unlock()
	if qs.deleted[key] {
		delete(qs.deleted, key)
		return true
	}
	return false
}
