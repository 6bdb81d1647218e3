package engine

import (
	"errors"
	"strings"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/tables"
)

// A write whose request reached the vendor but whose answer was lost (a 5xx, a reset, a
// timeout, a cancellation) may or may not have been applied, and is never retried. The
// error then says so, with the vendor's request id (fetch) and the SELECT that shows what
// happened, composed here where the table and the key are known.

// withCheck adds to an unknown-outcome error the SELECT that checks the write. Other errors
// are returned as they are.
func (e *Engine) withCheck(err error, m *tables.Meta, conn string, key tables.Values) error {
	if err == nil || !errors.Is(err, fetch.ErrOutcomeUnknown) {
		return err
	}
	return &checkError{err: err, check: e.checkQuery(m, conn, key)}
}

// checkError is an unknown-outcome error with the SELECT that shows what happened. (The
// definitions wrap vendor errors with fmt.Errorf, whose text is fixed when it is made: the
// check is added around it rather than into the vendor error.)
type checkError struct {
	err   error
	check string
}

func (e *checkError) Error() string {
	return e.err.Error() + ". The change may have been made: check with: " + e.check
}

func (e *checkError) Unwrap() error { return e.err }

// checkQuery is SELECT * FROM table WHERE <the key columns given in key>, with the
// connection when the vendor has several.
func (e *Engine) checkQuery(m *tables.Meta, conn string, key tables.Values) string {
	var where []string
	if len(e.conns[m.Vendor]) > 1 && conn != "" {
		where = append(where, tables.ConnectionColumn+" = "+quote(conn))
	}
	cols := append([]string(nil), m.Keys...)
	if m.Parent != nil && !m.IsKey(m.Parent.Column) {
		cols = append([]string{m.Parent.Column}, cols...)
	}
	for _, k := range cols {
		if key.Has(k) && key.Str(k) != "" {
			where = append(where, k+" = "+quote(key.Str(k)))
		}
	}
	q := "SELECT * FROM " + m.Name
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	return q
}

// procKey maps a procedure's arguments onto its table's key columns: a parameter named like
// the column, "target_<column>" (where the result lands, as app_keys_clone's target_app_id),
// or, for an "id" key, the one other "<noun>_id" parameter (apps_secrets_activate's
// secret_id).
func procKey(m *tables.Meta, pm tables.ProcMeta, args tables.Values) tables.Values {
	key := tables.Values{}
	cols := append([]string(nil), m.Keys...)
	if m.Parent != nil && !m.IsKey(m.Parent.Column) {
		cols = append(cols, m.Parent.Column)
	}
	for _, k := range cols {
		switch {
		case args.Has("target_" + k):
			key[k] = args["target_"+k]
		case args.Has(k):
			key[k] = args[k]
		}
	}
	if m.IsKey("id") && !key.Has("id") {
		var ids []string
		for _, p := range pm.Params {
			if strings.HasSuffix(p.Name, "_id") && !m.IsKey(p.Name) && !strings.HasPrefix(p.Name, "target_") && args.Has(p.Name) &&
				(m.Parent == nil || p.Name != m.Parent.Column) {
				ids = append(ids, p.Name)
			}
		}
		if len(ids) == 1 {
			key["id"] = args[ids[0]]
		}
	}
	return key
}

// quote is a SQL string literal.
func quote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(s) + "'"
}
