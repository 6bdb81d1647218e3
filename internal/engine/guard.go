package engine

import (
	"context"
	"fmt"
	"iter"
	"log/slog"
	"runtime/debug"

	"github.com/credsql/credsql/internal/tables"
)

// guardDef turns a panic inside a table definition (a column accessor meeting data it did
// not expect, a decoder bug) into that query's error. Without it a panic in a fan-out
// goroutine would end the whole server. The stack goes to the log, not to the client.
type guardDef struct {
	tables.Def
	log *slog.Logger
}

func guard(d tables.Def, log *slog.Logger) tables.Def { return guardDef{Def: d, log: log} }

// recovered converts a recovered panic value into an error, logging the stack.
func (g guardDef) recovered(what string, r any) error {
	g.log.Error(fmt.Sprintf("panic in %s of table %s: %v", what, g.Meta().Name, r), "stack", string(debug.Stack()))
	return fmt.Errorf("internal error in %s of table %s: %v (the server goes on; the log has the details)", what, g.Meta().Name, r)
}

func (g guardDef) Scan(ctx context.Context, c *tables.Conn, k tables.Values, cols []int) iter.Seq2[[]any, error] {
	inner := g.Def.Scan(ctx, c, k, cols)
	return func(yield func([]any, error) bool) {
		// A panic raised by the consumer (inside yield) is not the table's: it goes on up.
		inYield, stopped := false, false
		defer func() {
			if inYield || stopped {
				return
			}
			if r := recover(); r != nil {
				yield(nil, g.recovered("the scan", r))
			}
		}()
		for row, err := range inner {
			inYield = true
			more := yield(row, err)
			inYield = false
			if !more {
				stopped = true
				return
			}
		}
	}
}

func (g guardDef) Lookup(ctx context.Context, c *tables.Conn, k tables.Values, cols []int) (row []any, found bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			row, found, err = nil, false, g.recovered("a lookup", r)
		}
	}()
	return g.Def.Lookup(ctx, c, k, cols)
}

func (g guardDef) InsertRow(ctx context.Context, c *tables.Conn, v tables.Values) (row []any, err error) {
	defer func() {
		if r := recover(); r != nil {
			row, err = nil, g.recovered("an INSERT", r)
		}
	}()
	return g.Def.InsertRow(ctx, c, v)
}

func (g guardDef) UpdateRow(ctx context.Context, c *tables.Conn, key, old, set tables.Values) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = g.recovered("an UPDATE", r)
		}
	}()
	return g.Def.UpdateRow(ctx, c, key, old, set)
}

func (g guardDef) DeleteRow(ctx context.Context, c *tables.Conn, key tables.Values) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = g.recovered("a DELETE", r)
		}
	}()
	return g.Def.DeleteRow(ctx, c, key)
}

func (g guardDef) Call(ctx context.Context, c *tables.Conn, proc string, args tables.Values) (row []any, err error) {
	defer func() {
		if r := recover(); r != nil {
			row, err = nil, g.recovered("procedure "+proc, r)
		}
	}()
	return g.Def.Call(ctx, c, proc, args)
}
