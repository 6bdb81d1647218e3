package difftest

import (
	"context"
	"fmt"
	"io"

	sqle "github.com/dolthub/go-mysql-server"
	"github.com/dolthub/go-mysql-server/memory"
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
)

// oracle is a second go-mysql-server engine over go-mysql-server's own in-memory tables,
// loaded with credsql's full scans: the same database name, table names and column types, so
// that a query means the same thing to both engines and only the way rows are found differs.
type oracle struct {
	db  *memory.Database
	pro *memory.DbProvider
	eng *sqle.Engine
	ctx *sql.Context
}

func newOracle(dbName string) *oracle {
	db := memory.NewDatabase(dbName)
	pro := memory.NewDBProvider(db)
	sess := memory.NewSession(sql.NewBaseSession(), pro)
	ctx := sql.NewContext(context.Background(), sql.WithSession(sess))
	ctx.SetCurrentDatabase(dbName)
	return &oracle{db: db, pro: pro, eng: sqle.NewDefault(pro), ctx: ctx}
}

// load replaces a table with rows. The schema is credsql's, without the primary key: credsql's
// key does not include the connection, and a scan that repeats a row must reach the
// comparison rather than fail here.
func (o *oracle) load(name string, schema sql.Schema, rows []sql.Row) error {
	cols := make(sql.Schema, len(schema))
	for i, c := range schema {
		cc := *c
		cc.PrimaryKey = false
		cc.Source = name
		cc.DatabaseSource = o.db.Name()
		cols[i] = &cc
	}
	if _, ok, _ := o.db.GetTableInsensitive(o.ctx, name); ok {
		// Dropping through the database also forgets the session's copy of the rows.
		if err := o.db.DropTable(o.ctx, name); err != nil {
			return fmt.Errorf("reload %s: %w", name, err)
		}
	}
	t := memory.NewTableWithCollation(o.ctx, o.db.BaseDatabase, name, sql.NewPrimaryKeySchema(cols), o.db.GetForeignKeyCollection(), sql.Collation_Default)
	o.db.AddTable(name, t)
	for _, r := range rows {
		row := make(sql.Row, len(r))
		for i, v := range r {
			if v == nil {
				continue // Convert would turn a NULL JSON column into the JSON null
			}
			cv, _, err := cols[i].Type.Convert(o.ctx, v)
			if err != nil {
				return fmt.Errorf("load %s.%s value %v: %w", name, cols[i].Name, v, err)
			}
			row[i] = cv
		}
		if err := t.Insert(o.ctx, row); err != nil {
			return fmt.Errorf("load %s: %w", name, err)
		}
	}
	return nil
}

// query runs a statement on the in-memory engine. jsonCols tells which result columns are
// JSON: the wire sends JSON as LONGTEXT (docs/protocol.md), so a client cannot tell.
func (o *oracle) query(q string) (rows [][]string, jsonCols []bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("oracle panic: %v", r)
		}
	}()
	sch, iter, _, err := o.eng.Query(o.ctx, q)
	if err != nil {
		return nil, nil, err
	}
	for _, c := range sch {
		jsonCols = append(jsonCols, types.IsJSON(c.Type))
	}
	defer iter.Close(o.ctx)
	for {
		row, err := iter.Next(o.ctx)
		if err == io.EOF {
			return rows, jsonCols, nil
		}
		if err != nil {
			return nil, nil, err
		}
		rows = append(rows, canonRow(row))
	}
}
