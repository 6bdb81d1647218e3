package engine

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/credsql/credsql/internal/audit"
	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/tables"
)

// A statement that returns secrets unmasked (credsql_reveal_secrets = ON, or a procedure's
// one-time secret) is audited as writes are: one record per statement, table and
// connection, with who, the statement, the rows' keys and how many secret values, never the
// values. The rows are counted as they reach the client, and the record is written when the
// statement ends, before the client has its last packet (revealFlush).

// revealSet is what one statement revealed so far.
type revealSet struct {
	groups map[revealGroup]*revealEntry
	order  []revealGroup
	// keep are the key values and connections of the rows: they stay in the statement text.
	keep []string
	// secrets are revealed values that the statement text holds (WHERE client_secret = ...).
	secrets []string
}

type revealGroup struct{ table, conn string }

type revealEntry struct {
	vendor       string
	rows, values int
	ids          []string
	omitted      int
}

// revealTracker counts the secrets of one table access as its rows come out.
type revealTracker struct {
	e *Engine
	t *table
	// n is how many columns the statement asked for; the columns after it were added for
	// the record (the connection and the key columns).
	n      int
	conn   int   // position of the connection column
	keys   []int // positions of the key columns
	secret []int // positions of the sensitive columns
}

// trackReveals returns the columns a scan fetches and, when the statement reveals a
// sensitive column of t and there is an audit log, the tracker that records it. The
// connection and key columns are fetched too (the same API calls carry them).
func (e *Engine) trackReveals(ctx *sql.Context, t *table, cols []int, reveal bool) ([]int, *revealTracker) {
	if !reveal {
		return cols, nil
	}
	if a, ok := fetch.AuditorFrom(ctx).(*stmtAudit); !ok || a == nil {
		return cols, nil
	}
	rt := &revealTracker{e: e, t: t, n: len(cols), conn: -1}
	for i, ci := range cols {
		if t.isSensitive(ci) {
			rt.secret = append(rt.secret, i)
		}
	}
	if len(rt.secret) == 0 {
		return cols, nil
	}
	pos := func(ci int) int {
		for i, c := range cols {
			if c == ci {
				return i
			}
		}
		cols = append(cols, ci)
		return len(cols) - 1
	}
	cols = append([]int(nil), cols...)
	rt.conn = pos(t.meta.Column(tables.ConnectionColumn))
	for _, k := range t.meta.Keys {
		rt.keys = append(rt.keys, pos(t.meta.Column(k)))
	}
	return cols, rt
}

// wrap returns iter, recording the reveals of its rows and dropping the columns added for
// the record.
func (rt *revealTracker) wrap(iter sql.RowIter) sql.RowIter {
	if rt == nil {
		return iter
	}
	return &revealIter{RowIter: iter, rt: rt}
}

type revealIter struct {
	sql.RowIter
	rt *revealTracker
}

func (it *revealIter) Next(ctx *sql.Context) (sql.Row, error) {
	row, err := it.RowIter.Next(ctx)
	if err != nil {
		return row, err
	}
	rt := it.rt
	var secrets []string
	for _, i := range rt.secret {
		if i < len(row) && row[i] != nil {
			secrets = append(secrets, fmt.Sprint(row[i]))
		}
	}
	if len(secrets) > 0 {
		keys := make([]string, len(rt.keys))
		for n, i := range rt.keys {
			keys[n] = fmt.Sprint(row[i])
		}
		conn, _ := row[rt.conn].(string)
		noteReveal(ctx, rt.t.meta, conn, keys, secrets)
	}
	return row[:rt.n:rt.n], nil
}

// noteReveal records that the statement returned secrets of one row.
func noteReveal(ctx context.Context, m *tables.Meta, conn string, keys, secrets []string) {
	a, ok := fetch.AuditorFrom(ctx).(*stmtAudit)
	if !ok || a == nil || len(secrets) == 0 {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.reveals == nil {
		a.reveals = &revealSet{groups: map[revealGroup]*revealEntry{}}
		// Should a path end the statement without revealFlush, its end still writes it.
		context.AfterFunc(a.stmtCtx, func() { a.flushReveals() })
	}
	rs := a.reveals
	g := revealGroup{table: m.Name, conn: conn}
	ent, ok := rs.groups[g]
	if !ok {
		ent = &revealEntry{vendor: string(m.Vendor)}
		rs.groups[g] = ent
		rs.order = append(rs.order, g)
		rs.keep = append(rs.keep, conn)
	}
	ent.rows++
	ent.values += len(secrets)
	if len(ent.ids) < audit.MaxRowIDs {
		ent.ids = append(ent.ids, strings.Join(keys, "/"))
		rs.keep = append(rs.keep, keys...)
	} else {
		ent.omitted++
	}
	for _, s := range secrets {
		if s != "" && strings.Contains(a.query, s) {
			rs.secrets = append(rs.secrets, s)
		}
	}
}

// flushReveals writes the statement's reveal records, once.
func (a *stmtAudit) flushReveals() {
	a.mu.Lock()
	rs := a.reveals
	a.reveals = nil
	red := a.red
	red.Secrets = append([]string(nil), a.red.Secrets...)
	a.mu.Unlock()
	if rs == nil {
		return
	}
	red.Secrets = append(red.Secrets, rs.secrets...)
	red.Keep = append(append([]string(nil), red.Keep...), rs.keep...)
	stmt, params := a.statement(red)
	now := time.Now().UTC()
	sort.SliceStable(rs.order, func(i, j int) bool {
		if rs.order[i].table != rs.order[j].table {
			return rs.order[i].table < rs.order[j].table
		}
		return rs.order[i].conn < rs.order[j].conn
	})
	for _, g := range rs.order {
		ent := rs.groups[g]
		r := audit.Record{
			Time: now, Action: audit.ActionReveal, ConnID: a.connID, User: a.user, Client: a.client, Statement: stmt,
			Params: params, Vendor: ent.vendor, Connection: g.conn, Table: g.table, Rows: ent.rows, Values: ent.values,
			RowIDs: ent.ids, RowIDsOmitted: ent.omitted,
		}
		if err := a.sink.Write(r); err != nil {
			a.e.opts.Logger.Error(fmt.Sprintf("audit log: %v", err), "table", g.table, "action", audit.ActionReveal)
		}
	}
}

// revealFlush writes the reveal records of the statement of ctx, if any.
func revealFlush(ctx context.Context) {
	if a, ok := fetch.AuditorFrom(ctx).(*stmtAudit); ok && a != nil {
		a.flushReveals()
	}
}

// queryEnd is go-mysql-server's process list, which the wire handler tells when a
// statement ends (after its last row, before the client's end-of-result packet): the
// statement's reveal records are written then.
type queryEnd struct{ sql.ProcessList }

func (p queryEnd) EndQuery(ctx *sql.Context) {
	revealFlush(ctx)
	p.ProcessList.EndQuery(ctx)
}

// procRow converts a procedure's result: the table's sensitive columns are masked unless the
// session reveals, a one-time secret (an Extra column marked Secret) is shown only to a user
// who may write; what is shown unmasked is audited as a reveal.
func (e *Engine) procRow(ctx *sql.Context, t *table, pm tables.ProcMeta, conn string, vals []any) sql.Row {
	reveal := e.revealSecrets(ctx)
	write := e.access(ctx).write
	row := make(sql.Row, len(vals))
	ncols := len(t.meta.Columns)
	var secrets []string
	for i, v := range vals {
		if i < ncols {
			row[i] = t.value(i, v, reveal)
			if reveal && v != nil && t.isSensitive(i) {
				secrets = append(secrets, fmt.Sprint(v))
			}
			continue
		}
		x := pm.Extra[i-ncols]
		if x.Secret && v != nil {
			if !write {
				v = mask(fmt.Sprint(v))
			} else {
				secrets = append(secrets, fmt.Sprint(v))
			}
		}
		row[i] = toSQL(x.Type, v)
	}
	if len(secrets) > 0 {
		var keys []string
		for _, k := range t.meta.Keys {
			if ci := t.meta.Column(k); ci >= 0 && ci < len(vals) {
				keys = append(keys, fmt.Sprint(vals[ci]))
			}
		}
		noteReveal(ctx, t.meta, conn, keys, secrets)
	}
	return row
}
