package engine

import (
	"encoding/json"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/types"

	"github.com/credsql/credsql/internal/tables"
)

// Catalog tables: what credsql offers, as SQL.
const (
	proceduresTable  = "credsql_procedures"
	connectionsTable = "credsql_connections"
)

// staticTable is a small read-only table computed in memory.
type staticTable struct {
	name, comment string
	schema        sql.Schema
	rows          []sql.Row
}

var _ sql.CommentedTable = (*staticTable)(nil)

func (s *staticTable) Name() string                   { return s.name }
func (s *staticTable) String() string                 { return s.name }
func (s *staticTable) Comment() string                { return s.comment }
func (s *staticTable) Schema(*sql.Context) sql.Schema { return s.schema }
func (s *staticTable) Collation() sql.CollationID     { return sql.Collation_Default }
func (s *staticTable) Partitions(*sql.Context) (sql.PartitionIter, error) {
	return sql.PartitionsToPartitionIter(partition{}), nil
}
func (s *staticTable) PartitionRows(*sql.Context, sql.Partition) (sql.RowIter, error) {
	return sql.RowsToRowIter(s.rows...), nil
}

func col(table, name string, t sql.Type, doc string) *sql.Column {
	return &sql.Column{Name: name, Type: t, Source: table, Comment: doc, Nullable: true}
}

// proceduresCatalog lists every procedure with its parameters: SELECT * FROM credsql_procedures.
func (e *Engine) proceduresCatalog() sql.Table {
	n := proceduresTable
	t := &staticTable{name: n, comment: "Every credsql procedure, with its parameters, as CALL and EXEC.", schema: sql.Schema{
		col(n, "procedure_name", varchar, "Name to CALL."),
		col(n, "table_name", varchar, "Table the procedure acts on."),
		col(n, "call_syntax", types.LongText, "CALL form, positional parameters."),
		col(n, "exec_syntax", types.LongText, "EXEC form, named parameters in any order."),
		col(n, "parameters", types.JSON, "Parameters in order: name, type, optional, description."),
		col(n, "mutating", types.Boolean, "Whether it changes vendor state (refused in read-only mode)."),
		col(n, "api_call", varchar, "The vendor API call it makes."),
		col(n, "description", types.LongText, "What it does."),
	}}
	for _, p := range e.procs {
		var names, named []string
		var params []map[string]any
		for _, a := range p.Params {
			names = append(names, a.Name)
			named = append(named, "@"+a.Name+" = ...")
			params = append(params, map[string]any{"name": a.Name, "type": a.Type.String(), "optional": a.Optional, "description": a.Doc})
		}
		params = append(params, map[string]any{"name": "connection", "type": "VARCHAR", "optional": true,
			"description": "Connection to run on; needed only when several connections of the vendor are configured."})
		b, _ := json.Marshal(params)
		var doc any
		_ = json.Unmarshal(b, &doc)
		mut := int8(0)
		if p.Mutating {
			mut = 1
		}
		t.rows = append(t.rows, sql.Row{p.FullName, p.Table,
			"CALL " + p.FullName + "(" + strings.Join(names, ", ") + ")",
			"EXEC " + p.Table + "." + p.Name + " " + strings.Join(named, ", "),
			types.JSONDocument{Val: doc}, mut, p.Call, p.Doc})
	}
	return t
}

// connectionsCatalog lists the configured connections the user sees: SELECT * FROM
// credsql_connections.
func (e *Engine) connectionsCatalog(ctx *sql.Context) sql.Table {
	n := connectionsTable
	t := &staticTable{name: n, comment: "Configured vendor connections (no secrets).", schema: sql.Schema{
		col(n, "name", varchar, "Connection name: the value of every table's connection column."),
		col(n, "vendor", varchar, "okta, ziti or opa."),
		col(n, "read_only", types.Boolean, "Whether writes and mutating procedures are refused."),
		col(n, "configured", types.Boolean, "Whether the connection is configured (false: its tables answer with what to set)."),
		col(n, "problem", types.LongText, "Why it cannot be used, when not configured."),
	}}
	for _, v := range tables.Vendors() {
		for _, c := range e.conns[v] {
			if !e.connVisible(ctx, c.Name) {
				continue // a user sees its own connections only
			}
			ro, ok := int8(0), int8(1)
			if c.ReadOnly {
				ro = 1
			}
			var problem any
			if c.Err != nil {
				ok, problem = 0, c.Err.Error()
			}
			t.rows = append(t.rows, sql.Row{c.Name, string(v), ro, ok, problem})
		}
	}
	return t
}

// emptyHelpTable builds the iterator of a read of one of MySQL's help tables (mysql.help_topic,
// help_category, help_keyword, help_relation): no row. go-mysql-server has them, empty, but
// its empty table returns one row of no columns, so that SELECT * FROM mysql.help_topic failed
// with "unable to find field with index 0" and COUNT(*) counted 1. credsql has no help text:
// HELP answers with a pointer to the MySQL manual (rewriteHelp).
func emptyHelpTable(n sql.Node) (sql.RowIter, bool) {
	rt, ok := n.(*plan.ResolvedTable)
	if !ok || rt.SqlDatabase == nil || !strings.EqualFold(rt.SqlDatabase.Name(), "mysql") || !strings.HasPrefix(strings.ToLower(rt.Name()), "help_") {
		return nil, false
	}
	return sql.RowsToRowIter(), true
}
