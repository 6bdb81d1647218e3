package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"slices"
	"sync"
	"time"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/tables"
)

// scan builds the row iterator of one table access: it picks the connections, turns the
// lookup plan into API calls, and streams rows as pages arrive.
func (e *Engine) scan(ctx *sql.Context, t *table, lp *lookupPlan) (sql.RowIter, error) {
	qs := e.state(ctx)
	dml := qs.dmlFor(t.meta.Name)
	conns, err := e.userConns(ctx, t.meta.Vendor, lp)
	if err != nil {
		return nil, err
	}
	var gctx context.Context = ctx
	if dml != "" {
		if err := e.checkDML(ctx, t, lp, dml, conns); err != nil {
			return nil, err
		}
		// A statement that writes reads the vendor's current state, not a cached one.
		gctx = fetch.BypassCache(gctx)
	}
	reveal := e.revealSecrets(ctx)
	cols, reveals := e.trackReveals(ctx, t, t.columns(), reveal && dml == "")
	points := []tables.Values{{}}
	if lp != nil {
		if lp.empty {
			return sql.RowsToRowIter(), nil
		}
		points = lp.points
	}
	warns := &warnings{}
	var seq iter.Seq2[[]any, error]
	switch {
	case dml == "DELETE" && lp != nil && lp.keyOnly && lp.keysPinned && simpleDelete(ctx.Query(), t.meta.Name):
		wctx, done := e.writeCtx(ctx, gctx)
		seq = e.deleteInScan(wctx, done, qs, t, conns, points, cols)
	default:
		// The rows of a point are checked against it, so the scan also reads the pinned
		// columns a projection left out; they are cut off again below.
		fcols := withPointColumns(t.meta, cols, points)
		gone := -1 // position of the soft-delete column in a DELETE's rows
		if sd := t.meta.SoftDeleted; dml == "DELETE" && sd[0] != "" {
			ci := t.meta.Column(sd[0])
			if gone = slices.Index(fcols, ci); gone < 0 {
				fcols = append(slices.Clip(fcols), ci)
				gone = len(fcols) - 1
			}
		}
		var sources []func(context.Context) iter.Seq2[[]any, error]
		for _, c := range conns {
			sources = append(sources, func(gctx context.Context) iter.Seq2[[]any, error] {
				rows := e.connRows(gctx, t.def, c, points, fcols)
				if e.opts.Partial && len(conns) > 1 {
					return e.partial(ctx, t, c, warns, rows)
				}
				return rows
			})
		}
		seq = merge(gctx, sources)
		if gone >= 0 {
			seq = withoutSoftDeleted(seq, gone, t.meta.SoftDeleted[1])
		}
		if len(fcols) > len(cols) {
			seq = truncated(seq, len(cols))
		}
	}
	next, stop := iter.Pull2(seq)
	return reveals.wrap(&rowIter{t: t, cols: cols, next: next, stop: stop, reveal: reveal, stats: fetch.StatsFrom(ctx), warns: warns}), nil
}

// withPointColumns returns cols followed by the columns the points pin that cols lacks.
func withPointColumns(m *tables.Meta, cols []int, points []tables.Values) []int {
	out := cols
	for _, p := range points {
		for name := range p {
			ci := m.Column(name)
			if ci >= 0 && !slices.Contains(out, ci) {
				out = append(slices.Clip(out), ci)
			}
		}
	}
	return out
}

// pointFilter keeps the rows of a point that have its pinned values. A vendor-side filter,
// a list per parent or a get by one key of several may return rows another point asks for
// (or none asked for); without this check a row pinned by two points would come out twice.
// Points are uniform and distinct (planFor, LookupForExpressions), so the rows kept for
// different points are disjoint.
func pointFilter(m *tables.Meta, cols []int, p tables.Values, rows iter.Seq2[[]any, error]) iter.Seq2[[]any, error] {
	type pin struct {
		pos int
		val string
	}
	var pins []pin
	for name := range p {
		pos := slices.Index(cols, m.Column(name))
		if pos < 0 {
			continue
		}
		pins = append(pins, pin{pos, p.Str(name)})
	}
	if len(pins) == 0 {
		return rows
	}
	return func(yield func([]any, error) bool) {
		for row, err := range rows {
			if err == nil {
				ok := true
				for _, pn := range pins {
					if v, isStr := keyString(row[pn.pos]); !isStr || v != pn.val {
						ok = false
						break
					}
				}
				if !ok {
					continue
				}
			}
			if !yield(row, err) {
				return
			}
		}
	}
}

// truncated cuts every row to its first n values.
// withoutSoftDeleted drops the rows whose column pos says the vendor has already deleted
// them: a DELETE of such a row changes nothing and counts 0 rows, by whatever predicate it
// was matched.
func withoutSoftDeleted(seq iter.Seq2[[]any, error], pos int, deleted string) iter.Seq2[[]any, error] {
	return func(yield func([]any, error) bool) {
		for row, err := range seq {
			if err == nil && row != nil {
				if v, ok := row[pos].(string); ok && v == deleted {
					continue
				}
			}
			if !yield(row, err) {
				return
			}
		}
	}
}

func truncated(seq iter.Seq2[[]any, error], n int) iter.Seq2[[]any, error] {
	return func(yield func([]any, error) bool) {
		for row, err := range seq {
			if row != nil {
				row = row[:n]
			}
			if !yield(row, err) {
				return
			}
		}
	}
}

// warnings collects the warnings of fan-out goroutines; the row iterator hands them to the
// session from the query's own goroutine (a session's warning list is not safe for
// concurrent use).
type warnings struct {
	mu   sync.Mutex
	msgs []string
}

func (w *warnings) add(msg string) {
	w.mu.Lock()
	w.msgs = append(w.msgs, msg)
	w.mu.Unlock()
}

// flush moves the collected warnings onto the session.
func (w *warnings) flush(ctx *sql.Context) {
	if w == nil {
		return
	}
	w.mu.Lock()
	msgs := w.msgs
	w.msgs = nil
	w.mu.Unlock()
	for _, m := range msgs {
		ctx.Warn(1105, "%s", m)
	}
}

// partial turns a connection's failure into a warning: the query goes on with the other
// connections' rows, and the warning names what is missing.
func (e *Engine) partial(ctx *sql.Context, t *table, c *tables.Conn, warns *warnings, rows iter.Seq2[[]any, error]) iter.Seq2[[]any, error] {
	return func(yield func([]any, error) bool) {
		for row, err := range rows {
			if err != nil {
				if ctx.Err() != nil {
					yield(nil, err)
					return
				}
				msg := fmt.Sprintf("connection %q failed, its %s rows are missing: %v", c.Name, t.meta.Name, err)
				warns.add(msg)
				e.opts.Logger.Debug(msg)
				return
			}
			if !yield(row, nil) {
				return
			}
		}
	}
}

// selectConns returns the connections a plan pins, or every connection of the vendor.
func (e *Engine) selectConns(v tables.Vendor, lp *lookupPlan) ([]*tables.Conn, error) {
	all := e.conns[v]
	if lp == nil || lp.conns == nil {
		return all, nil
	}
	var out []*tables.Conn
	for _, c := range all {
		for _, name := range lp.conns {
			if c.Name == name {
				out = append(out, c)
			}
		}
	}
	return out, nil
}

// connRows yields the rows of one connection for the pinned points: one point streams; several
// run concurrently (bounded by the connection's concurrency) and come out in point order.
func (e *Engine) connRows(ctx context.Context, def tables.Def, c *tables.Conn, points []tables.Values, cols []int) iter.Seq2[[]any, error] {
	m := def.Meta()
	if len(points) == 1 {
		return pointFilter(m, cols, points[0], e.pointRows(ctx, def, c, points[0], cols))
	}
	return orderedMap(ctx, sliceSeq(points), e.width(c), func(ctx context.Context, p tables.Values) ([][]any, error) {
		return collect(pointFilter(m, cols, p, e.pointRows(ctx, def, c, p, cols)))
	})
}

// pointRows yields the rows of one point: a get when every key is pinned, a list per pinned
// parent or filter, or, for a child table without its parent key, a listing of the parents
// and one list per parent, concurrently.
func (e *Engine) pointRows(ctx context.Context, def tables.Def, c *tables.Conn, p tables.Values, cols []int) iter.Seq2[[]any, error] {
	m := def.Meta()
	if m.HasGet && allPinned(m.Keys, p) {
		return func(yield func([]any, error) bool) {
			row, found, err := def.Lookup(ctx, c, p, cols)
			if err != nil {
				yield(nil, err)
				return
			}
			if found {
				yield(row, nil)
			}
		}
	}
	if m.Parent != nil && !p.Has(m.Parent.Column) {
		// The engine's definition of the parent, which turns a panic into an error (guard.go).
		pt, ok := e.tables[m.Parent.Table]
		if !ok {
			return errSeq[[]any](fmt.Errorf("%s: parent table %s is not registered", m.Name, m.Parent.Table))
		}
		parent := pt.def
		pm := parent.Meta()
		pcols := []int{pm.Column(m.Parent.Key)}
		var only []string
		for col := range m.Parent.Only {
			only = append(only, col)
			pcols = append(pcols, pm.Column(col))
		}
		width := e.width(c)
		parents := readAhead(ctx, width, func(ctx context.Context) iter.Seq2[[]any, error] {
			return e.pointRows(ctx, parent, c, tables.Values{}, pcols)
		})
		return orderedMap(ctx, parents, width, func(ctx context.Context, prow []any) ([][]any, error) {
			key, ok := keyString(prow[0])
			if !ok {
				return nil, nil
			}
			for i, col := range only {
				if v, _ := keyString(prow[i+1]); v != m.Parent.Only.Str(col) {
					return nil, nil
				}
			}
			cp := tables.Values{m.Parent.Column: key}
			for k, v := range p {
				cp[k] = v
			}
			return collect(def.Scan(ctx, c, cp, cols))
		})
	}
	return def.Scan(ctx, c, p, cols)
}

// width is how many lists or gets of one fan-out run at once on a connection: its own
// concurrency (config `concurrency`), else the engine's, else the default.
func (e *Engine) width(c *tables.Conn) int {
	switch {
	case c != nil && c.Concurrency > 0:
		return c.Concurrency
	case e.opts.Concurrency > 0:
		return e.opts.Concurrency
	}
	return fetch.DefaultConcurrency
}

// vendorWidth is the fan-out width over every connection of a vendor: each connection's
// scheduler still bounds its own calls.
func (e *Engine) vendorWidth(v tables.Vendor) int {
	n := 0
	for _, c := range e.conns[v] {
		n += e.width(c)
	}
	return max(n, 1)
}

func allPinned(keys []string, p tables.Values) bool {
	for _, k := range keys {
		if !p.Has(k) {
			return false
		}
	}
	return len(keys) > 0
}

func sliceSeq[T any](s []T) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for _, v := range s {
			if !yield(v, nil) {
				return
			}
		}
	}
}

func collect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var out []T
	for v, err := range seq {
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func errSeq[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}

// rowIter converts credsql values into go-mysql-server rows: JSON documents, booleans as
// TINYINT, NULL for absent values, and masks sensitive columns unless revealing.
type rowIter struct {
	t      *table
	cols   []int
	next   func() ([]any, error, bool)
	stop   func()
	reveal bool
	stats  *fetch.Stats
	warns  *warnings
}

func (it *rowIter) Next(ctx *sql.Context) (sql.Row, error) {
	vals, err, ok := it.next()
	it.warns.flush(ctx)
	if !ok {
		return nil, io.EOF
	}
	if err != nil {
		// No row follows an error, and go-mysql-server does not always Close an iterator
		// that failed (a lookup join's): end the producing goroutines now.
		it.stop()
		return nil, sqlError(err)
	}
	row := make(sql.Row, len(vals))
	for i, v := range vals {
		row[i] = it.t.value(it.cols[i], v, it.reveal)
	}
	it.stats.AddRows(1)
	return row, nil
}

func (it *rowIter) Close(*sql.Context) error {
	it.stop()
	return nil
}

// value converts column ci's value for go-mysql-server, masking a sensitive one unless
// revealing.
func (t *table) value(ci int, v any, reveal bool) any {
	if v != nil && t.isSensitive(ci) && !reveal {
		v = mask(fmt.Sprint(v))
	}
	return toSQL(t.meta.Columns[ci].Type, v)
}

// mask hides a secret but its last four characters.
func mask(s string) string {
	if len(s) <= 8 {
		return "****"
	}
	return "****" + s[len(s)-4:]
}

// toSQL converts a column value into the representation go-mysql-server expects.
func toSQL(t tables.Type, v any) any {
	if v == nil {
		return nil
	}
	switch t {
	case tables.Bool:
		if b, ok := v.(bool); ok {
			if b {
				return int8(1)
			}
			return int8(0)
		}
	case tables.Int:
		switch n := v.(type) {
		case int:
			return int64(n)
		case int32:
			return int64(n)
		}
	case tables.Time:
		if tm, ok := v.(time.Time); ok {
			if tm.IsZero() {
				return nil
			}
			return tm.UTC()
		}
	case tables.JSON:
		b, err := json.Marshal(v)
		if err != nil {
			return nil
		}
		var doc any
		if json.Unmarshal(b, &doc) != nil || doc == nil {
			return nil
		}
		return types.JSONDocument{Val: doc}
	}
	return v
}
