package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
)

// IsOK reports whether the statement returns an OK packet (a write, SET, ...) rather than rows.
func (r *Result) IsOK() bool { return types.IsOkResultSchema(r.Schema) }

// RowsAffected reads the affected-rows count of an OK result row.
func RowsAffected(row sql.Row) (uint64, bool) {
	if len(row) == 1 {
		if ok, isOK := row[0].(types.OkResult); isOK {
			return ok.RowsAffected, true
		}
	}
	return 0, false
}

// Column describes a result column for output: its name, and the two types output formats
// show differently from their wire form. The renderer converts it (render.Columns); the
// engine does not depend on any output format.
type Column struct {
	Name string
	// Bool marks a BOOLEAN (TINYINT(1)) column.
	Bool bool
	// JSON marks a JSON column.
	JSON bool
}

// Columns describes the result columns.
func (r *Result) Columns() []Column {
	return SchemaColumns(r.Schema)
}

// SchemaColumns describes a schema's columns.
func SchemaColumns(s sql.Schema) []Column {
	out := make([]Column, len(s))
	for i, c := range s {
		out[i] = Column{Name: c.Name, Bool: types.IsBoolean(c.Type), JSON: types.IsJSON(c.Type)}
	}
	return out
}

// RowWriter receives rows of plain values (render.Writer is one).
type RowWriter interface {
	Row(vals []any) error
}

// Plain converts a go-mysql-server value into a plain Go value for output: JSON documents
// become their JSON text, decimals strings.
func Plain(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case time.Time:
		return x
	case sql.JSONWrapper:
		if js, ok := x.(interface{ JSONString() (string, error) }); ok {
			if s, err := js.JSONString(); err == nil {
				return s
			}
		}
		val, err := x.ToInterface(context.Background())
		if err != nil {
			return fmt.Sprint(x)
		}
		b, err := json.Marshal(val)
		if err != nil {
			return fmt.Sprint(x)
		}
		return string(b)
	case fmt.Stringer:
		return x.String()
	}
	return v
}

// Drain writes every row of the result to w and returns how many there were, or, for an OK
// result, the rows affected.
func (r *Result) Drain(w RowWriter) (rows uint64, err error) {
	for row, err := range r.Rows() {
		if err != nil {
			return rows, err
		}
		if n, ok := RowsAffected(row); ok && r.IsOK() {
			rows += n
			continue
		}
		if err := w.Row(PlainRow(row)); err != nil {
			return rows, err
		}
		rows++
	}
	return rows, nil
}

// PlainRow is a row with every value made Plain.
func PlainRow(row sql.Row) []any {
	vals := make([]any, len(row))
	for i, v := range row {
		vals[i] = Plain(v)
	}
	return vals
}

// Notes are the statement's notes and warnings, oldest first, as "Note: text" or
// "Warning: text".
func (r *Result) Notes() []string {
	if r.ctx == nil || r.ctx.Session == nil {
		return nil
	}
	prior := map[*sql.Warning]bool{}
	if p, ok := r.ctx.Value(priorWarningsKey{}).([]*sql.Warning); ok {
		for _, w := range p {
			prior[w] = true
		}
	}
	ws := r.ctx.Session.Warnings()
	out := make([]string, 0, len(ws))
	for i := len(ws) - 1; i >= 0; i-- {
		if !prior[ws[i]] {
			out = append(out, ws[i].Level+": "+ws[i].Message)
		}
	}
	return out
}

// priorWarningsKey holds, in a statement's context, the session's warnings before it.
type priorWarningsKey struct{}
