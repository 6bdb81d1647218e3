package engine

import (
	"fmt"
	"strings"
	"time"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/information_schema"
	"github.com/dolthub/go-mysql-server/sql/plan"

	"github.com/credsql/credsql/internal/tables"
)

// The procedure catalog: information_schema.ROUTINES and PARAMETERS (and so SHOW PROCEDURE
// STATUS, which reads ROUTINES), and SHOW CREATE PROCEDURE, list every credsql procedure with
// its real parameters and the API call it makes. go-mysql-server lists external procedures
// only with show_external_procedures on, once per overload, and with a stub statement.

// routineDefiner is the DEFINER of every procedure.
const routineDefiner = "credsql@localhost"

// routinesCreated is the CREATED and LAST_ALTERED of every procedure: they come with the
// program, not from a CREATE PROCEDURE.
var routinesCreated = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// procParams are a procedure's parameters as CALL takes them: its own, then the optional
// connection.
func procParams(pm tables.ProcMeta) []tables.Param {
	return append(append([]tables.Param(nil), pm.Params...),
		tables.Param{Name: tables.ConnectionColumn, Type: tables.String, Optional: true, Doc: "The connection to run on (optional when the vendor has one)."})
}

// paramType is the SQL type of a parameter, as CALL converts its argument.
type paramType struct {
	dataType, dtd   string
	charLen         any // CHARACTER_MAXIMUM_LENGTH, CHARACTER_OCTET_LENGTH
	precision       any // NUMERIC_PRECISION
	scale           any // NUMERIC_SCALE
	dtPrecision     any // DATETIME_PRECISION
	charset, collat any
}

func sqlParamType(t tables.Type) paramType {
	switch t {
	case tables.Int:
		return paramType{dataType: "bigint", dtd: "bigint", precision: uint32(19), scale: int64(0)}
	case tables.Bool:
		return paramType{dataType: "tinyint", dtd: "tinyint(1)", precision: uint32(3), scale: int64(0)}
	case tables.Time:
		return paramType{dataType: "datetime", dtd: "datetime(6)", dtPrecision: uint32(6)}
	}
	return paramType{dataType: "longtext", dtd: "longtext", charLen: int64(4294967295), charset: "utf8mb4", collat: sql.Collation_Default.String()}
}

// createProcedure is SHOW CREATE PROCEDURE's statement: the parameters CALL takes, the
// documentation as COMMENT and, as the body, the API call it makes.
func createProcedure(pm tables.ProcMeta) string {
	var ps []string
	for _, p := range procParams(pm) {
		ps = append(ps, fmt.Sprintf("IN `%s` %s", p.Name, sqlParamType(p.Type).dtd))
	}
	access := "READS SQL DATA"
	if pm.Mutating {
		access = "MODIFIES SQL DATA"
	}
	return fmt.Sprintf("CREATE DEFINER=`credsql`@`localhost` PROCEDURE `%s`(%s)\n    %s\n    COMMENT '%s'\n%s",
		pm.FullName, strings.Join(ps, ", "), access, strings.ReplaceAll(pm.Doc, "'", "''"), routineBody(pm))
}

// routineBody is ROUTINE_DEFINITION: a comment naming the API call, and which parameters may
// be left out.
func routineBody(pm tables.ProcMeta) string {
	var b strings.Builder
	b.WriteString("BEGIN\n")
	call := pm.Call
	if call == "" {
		var rs []string
		for _, r := range pm.Routes {
			rs = append(rs, r.Method+" "+r.Path)
		}
		call = strings.Join(rs, "; ")
	}
	fmt.Fprintf(&b, "  -- API call: %s\n", call)
	for _, p := range procParams(pm) {
		opt := ""
		if p.Optional {
			opt = " (optional: may be left out or NULL)"
		}
		if p.Secret {
			opt += " (secret: never logged)"
		}
		fmt.Fprintf(&b, "  -- %s%s: %s\n", p.Name, opt, p.Doc)
	}
	b.WriteString("END")
	return b.String()
}

func (e *Engine) routineRows(ctx *sql.Context) []sql.Row {
	cs, _ := ctx.GetSessionVariable(ctx, "character_set_client")
	cc, _ := ctx.GetSessionVariable(ctx, "collation_connection")
	mode, _ := ctx.GetSessionVariable(ctx, "sql_mode")
	var rows []sql.Row
	for _, pm := range e.procs {
		access := "READS SQL DATA"
		if pm.Mutating {
			access = "MODIFIES SQL DATA"
		}
		rows = append(rows, sql.Row{
			pm.FullName, "def", DatabaseName, pm.FullName, "PROCEDURE", "",
			nil, nil, nil, nil, nil, nil, nil, nil,
			"SQL", routineBody(pm), nil, "SQL", "SQL", "NO", access, nil, "DEFINER",
			routinesCreated, routinesCreated, mode, pm.Doc, routineDefiner, cs, cc, sql.Collation_Default.String(),
		})
	}
	return rows
}

func (e *Engine) parameterRows(*sql.Context) []sql.Row {
	var rows []sql.Row
	for _, pm := range e.procs {
		for i, p := range procParams(pm) {
			t := sqlParamType(p.Type)
			rows = append(rows, sql.Row{
				"def", DatabaseName, pm.FullName, uint64(i + 1), "IN", p.Name, t.dataType,
				t.charLen, t.charLen, t.precision, t.scale, t.dtPrecision, t.charset, t.collat, t.dtd, "PROCEDURE",
			})
		}
	}
	return rows
}

// catalogTable is an information_schema table whose rows credsql makes.
type catalogTable struct {
	name   string
	schema sql.Schema
	rows   func(*sql.Context) []sql.Row
}

var (
	_ sql.Table        = (*catalogTable)(nil)
	_ sql.Databaseable = (*catalogTable)(nil)
)

func (t *catalogTable) Name() string                   { return t.name }
func (t *catalogTable) String() string                 { return t.name }
func (t *catalogTable) Schema(*sql.Context) sql.Schema { return t.schema }
func (t *catalogTable) Collation() sql.CollationID     { return sql.Collation_Information_Schema_Default }
func (t *catalogTable) Database() string               { return sql.InformationSchemaDatabaseName }
func (t *catalogTable) Partitions(*sql.Context) (sql.PartitionIter, error) {
	return sql.PartitionsToPartitionIter(onePartition{}), nil
}
func (t *catalogTable) PartitionRows(ctx *sql.Context, _ sql.Partition) (sql.RowIter, error) {
	return sql.RowsToRowIter(t.rows(ctx)...), nil
}

type onePartition struct{}

func (onePartition) Key() []byte { return []byte("all") }

// routinesTable replaces information_schema.ROUTINES and PARAMETERS, keeping their schema.
func (e *Engine) routinesTable(ctx *sql.Context, t sql.Table) sql.Table {
	switch strings.ToLower(t.Name()) {
	case information_schema.RoutinesTableName:
		return &catalogTable{name: t.Name(), schema: t.Schema(ctx), rows: e.routineRows}
	case information_schema.ParametersTableName:
		return &catalogTable{name: t.Name(), schema: t.Schema(ctx), rows: e.parameterRows}
	}
	return t
}

// showCreateProcedure answers SHOW CREATE PROCEDURE of a credsql procedure (nil for any
// other node).
func (e *Engine) showCreateProcedure(ctx *sql.Context, n sql.Node) (sql.RowIter, bool, error) {
	s, ok := n.(*plan.ShowCreateProcedure)
	if !ok || s.ExternalStoredProcedure == nil {
		return nil, false, nil
	}
	for _, pm := range e.procs {
		if strings.EqualFold(pm.FullName, s.ExternalStoredProcedure.Name) {
			cs, _ := ctx.GetSessionVariable(ctx, "character_set_client")
			cc, _ := ctx.GetSessionVariable(ctx, "collation_connection")
			srv, _ := ctx.GetSessionVariable(ctx, "collation_server")
			mode, _ := ctx.GetSessionVariable(ctx, "sql_mode")
			return sql.RowsToRowIter(sql.Row{pm.FullName, mode, createProcedure(pm), cs, cc, srv}), true, nil
		}
	}
	return nil, false, nil
}
