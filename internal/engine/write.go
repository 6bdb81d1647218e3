package engine

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
	"github.com/dolthub/vitess/go/mysql"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/sqltext"
	"github.com/credsql/credsql/internal/tables"
)

// checkDML runs before an UPDATE or DELETE makes any API call: sql_safe_updates requires the
// key columns pinned, and a read-only connection refuses the statement.
func (e *Engine) checkDML(ctx *sql.Context, t *table, lp *lookupPlan, op string, conns []*tables.Conn) error {
	if !t.meta.CanDelete && op == "DELETE" || !t.meta.CanUpdate && op == "UPDATE" {
		return unsupportedWrite(t.meta, op)
	}
	if safeUpdates(ctx) && !t.meta.Singleton && (lp == nil || !lp.keysPinned) {
		return mysql.NewSQLError(erUpdateWithoutKeyInSafeMode, "HY000",
			"You are using safe update mode and you tried to update a table without a WHERE that uses a KEY column. %s needs %s pinned with = or IN; to disable safe mode, SET sql_safe_updates = 0",
			t.meta.Name, strings.Join(t.meta.Keys, " and "))
	}
	if e.userReadOnly(ctx) {
		return readOnlyUserError(ctx, op, t.meta.Name)
	}
	for _, c := range conns {
		if err := c.Writable(op + " on " + t.meta.Name); err != nil {
			return sqlError(err)
		}
	}
	return nil
}

func unsupportedWrite(m *tables.Meta, op string) error {
	can := m.WriteStatements()
	for _, p := range m.Procedures {
		can = append(can, "CALL "+p.FullName)
	}
	alt := "it is read-only"
	if len(can) > 0 {
		alt = "it supports " + strings.Join(can, ", ")
	}
	return mysql.NewSQLError(mysql.ERNotSupportedYet, "42000", "%s does not support %s: %s", m.Name, op, alt)
}

func safeUpdates(ctx *sql.Context) bool { return sessionBool(ctx, "sql_safe_updates", true) }

var (
	simpleDeleteRe = regexp.MustCompile("(?is)^\\s*delete\\s+from\\s+(?:`?" + DatabaseName + "`?\\.)?`?([a-z0-9_]+)`?\\s+where\\s")
	// A subquery could read the table being deleted from; ORDER BY with LIMIT (or LIMIT
	// alone) deletes fewer rows than the WHERE pins. Either rules out deleting in the scan.
	notSimpleRe = regexp.MustCompile(`(?i)\b(select|limit|order\s+by)\b`)
)

// simpleDelete reports whether query is a single-table DELETE whose rows are exactly those
// its WHERE pins: no subquery, no ORDER BY, no LIMIT. Only then may rows be deleted inside
// the scan, one call each.
func simpleDelete(query, table string) bool {
	q := sqltext.Code(query)
	m := simpleDeleteRe.FindStringSubmatch(q)
	if m == nil || !strings.EqualFold(m[1], table) {
		return false
	}
	return !notSimpleRe.MatchString(q)
}

// deleteInScan deletes each pinned key with one API call and yields the deleted rows, so that
// a key-only DELETE costs exactly one call per key instead of a GET and a DELETE. A key that
// does not exist (404) yields no row: zero rows affected, as MySQL reports.
func (e *Engine) deleteInScan(ctx context.Context, done func(), qs *queryState, t *table, conns []*tables.Conn, points []tables.Values, cols []int) iter.Seq2[[]any, error] {
	return func(yield func([]any, error) bool) {
		for _, c := range conns {
			for _, p := range points {
				noteValues(ctx, t.meta, p)
				err := t.def.DeleteRow(ctx, c, p)
				done()
				if errors.Is(err, fetch.ErrNotFound) {
					continue
				}
				if err != nil {
					yield(nil, e.withCheck(err, t.meta, c.Name, p))
					return
				}
				qs.markDeleted(rowKey(t.meta, c.Name, p))
				row := make([]any, len(cols))
				for i, ci := range cols {
					name := t.meta.Columns[ci].Name
					if name == tables.ConnectionColumn {
						row[i] = c.Name
					} else if p.Has(name) {
						row[i] = p[name]
					}
				}
				if !yield(row, nil) {
					return
				}
			}
		}
	}
}

func rowKey(m *tables.Meta, conn string, v tables.Values) string {
	parts := []string{m.Name, conn}
	for _, k := range m.Keys {
		parts = append(parts, v.Str(k))
	}
	return strings.Join(parts, "\x00")
}

// editor applies INSERT, UPDATE and DELETE rows to the API.
type editor struct {
	t  *table
	op string
}

func (ed *editor) StatementBegin(*sql.Context)              {}
func (ed *editor) DiscardChanges(*sql.Context, error) error { return nil }
func (ed *editor) StatementComplete(*sql.Context) error     { return nil }
func (ed *editor) Close(*sql.Context) error                 { return nil }

// values turns a full-width row into named values, NULLs left out.
func (ed *editor) values(row sql.Row) tables.Values {
	v := tables.Values{}
	for i, c := range ed.t.meta.Columns {
		if i < len(row) && row[i] != nil {
			v[c.Name] = fromSQL(row[i])
		}
	}
	return v
}

func fromSQL(v any) any {
	switch x := v.(type) {
	case types.JSONDocument:
		return x.Val
	case sql.JSONWrapper:
		val, err := x.ToInterface(nil)
		if err != nil {
			return nil
		}
		return val
	case []byte:
		return string(x)
	case time.Time:
		return x.UTC()
	}
	return v
}

func (ed *editor) conn(ctx *sql.Context, v tables.Values) (*tables.Conn, error) {
	return ed.t.e.userConnFor(ctx, ed.t.meta.Vendor, v.Str(tables.ConnectionColumn))
}

// Insert sends one VALUES row.
func (ed *editor) Insert(ctx *sql.Context, row sql.Row) error {
	m := ed.t.meta
	if !m.CanInsert {
		return unsupportedWrite(m, "INSERT")
	}
	v := ed.values(row)
	allowed := map[string]bool{tables.ConnectionColumn: true}
	for _, c := range m.InsertCols {
		allowed[c] = true
	}
	var bad []string
	for name := range v {
		if !allowed[name] {
			bad = append(bad, name)
		}
	}
	if len(bad) > 0 {
		sort.Strings(bad)
		return mysql.NewSQLError(mysql.ERBadFieldError, "42S22", "INSERT INTO %s cannot set %s: the insertable columns are %s",
			m.Name, strings.Join(bad, ", "), strings.Join(m.InsertCols, ", "))
	}
	for _, need := range m.InsertNeeds {
		if !v.Has(need) {
			return mysql.NewSQLError(mysql.ERBadNullError, "23000", "INSERT INTO %s needs a value for %s (required: %s)", m.Name, need, strings.Join(m.InsertNeeds, ", "))
		}
	}
	if ed.t.e.userReadOnly(ctx) {
		return readOnlyUserError(ctx, "INSERT", m.Name)
	}
	c, err := ed.conn(ctx, v)
	if err != nil {
		return err
	}
	if err := c.Writable("INSERT INTO " + m.Name); err != nil {
		return sqlError(err)
	}
	noteValues(ctx, m, v)
	delete(v, tables.ConnectionColumn)
	wctx, done := ed.t.e.writeCtx(ctx, ctx)
	created, err := ed.t.def.InsertRow(wctx, c, v)
	done()
	if err != nil {
		return sqlError(ed.t.e.withCheck(err, m, c.Name, v))
	}
	// The row becomes the object the vendor created (its id, generated values, defaults):
	// go-mysql-server evaluates INSERT ... RETURNING over this same row.
	reveal := ed.t.e.revealSecrets(ctx)
	var secrets []string
	for i := range row {
		if i < len(created) {
			row[i] = ed.t.value(i, created[i], reveal)
			if reveal && created[i] != nil && m.Columns[i].Sensitive {
				secrets = append(secrets, fmt.Sprint(created[i]))
			}
		}
	}
	if len(secrets) > 0 && hasReturning(ctx.Query()) {
		var keys []string
		for _, k := range m.Keys {
			if ci := m.Column(k); ci >= 0 && ci < len(created) {
				keys = append(keys, fmt.Sprint(created[ci]))
			}
		}
		noteReveal(ctx, m, c.Name, keys, secrets)
	}
	return nil
}

var returningRe = regexp.MustCompile(`(?i)\breturning\b`)

// hasReturning reports whether a statement has a RETURNING clause (outside comments and
// string literals): only then does an INSERT show the created object's secret.
func hasReturning(query string) bool {
	return returningRe.MatchString(sqltext.Code(query))
}

// Update sends the changed columns of one row.
func (ed *editor) Update(ctx *sql.Context, old, new sql.Row) error {
	m := ed.t.meta
	ov, nv := ed.values(old), ed.values(new)
	set := tables.Values{}
	for i, col := range m.Columns {
		if i >= len(old) || i >= len(new) {
			break
		}
		if fmt.Sprint(old[i]) != fmt.Sprint(new[i]) {
			set[col.Name] = nv[col.Name]
		}
	}
	if len(set) == 0 {
		return nil
	}
	allowed := map[string]bool{}
	for _, c := range m.UpdateCols {
		allowed[c] = true
	}
	var bad []string
	for name := range set {
		if !allowed[name] {
			bad = append(bad, name)
		}
	}
	if len(bad) > 0 {
		sort.Strings(bad)
		return mysql.NewSQLError(mysql.ERNotSupportedYet, "42000", "UPDATE %s cannot change %s: the updatable columns are %s",
			m.Name, strings.Join(bad, ", "), strings.Join(m.UpdateCols, ", "))
	}
	c, err := ed.conn(ctx, ov)
	if err != nil {
		return err
	}
	key := tables.Values{}
	for _, k := range m.Keys {
		key[k] = ov[k]
	}
	noteValues(ctx, m, key)
	noteValues(ctx, m, set)
	wctx, done := ed.t.e.writeCtx(ctx, ctx)
	err = ed.t.def.UpdateRow(wctx, c, key, ov, set)
	done()
	return sqlError(ed.t.e.withCheck(err, m, c.Name, ov))
}

// Delete removes one row, unless the scan already did.
func (ed *editor) Delete(ctx *sql.Context, row sql.Row) error {
	m := ed.t.meta
	v := ed.values(row)
	key := tables.Values{}
	for _, k := range m.Keys {
		key[k] = v[k]
	}
	if ed.t.e.state(ctx).takeDeleted(rowKey(m, v.Str(tables.ConnectionColumn), key)) {
		return nil
	}
	c, err := ed.conn(ctx, v)
	if err != nil {
		return err
	}
	noteValues(ctx, m, key)
	wctx, done := ed.t.e.writeCtx(ctx, ctx)
	err = ed.t.def.DeleteRow(wctx, c, key)
	done()
	if errors.Is(err, fetch.ErrNotFound) {
		return nil // gone since the scan read it: the row is deleted either way
	}
	return sqlError(ed.t.e.withCheck(err, m, c.Name, v))
}
