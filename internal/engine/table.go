package engine

import (
	"fmt"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
	"github.com/dolthub/vitess/go/sqltypes"

	"github.com/credsql/credsql/internal/tables"
)

// table is the go-mysql-server table over any credsql table definition. Copies carry a
// projection and a lookup; the definition and the connections are shared.
type table struct {
	e      *Engine
	def    tables.Def
	meta   *tables.Meta
	schema sql.Schema // full schema, Columns order
	// projection: indexes into schema of the columns a query reads (nil = all).
	projection []int
	projNames  []string
	lookup     *lookupPlan
}

var (
	_ sql.Table                 = (*table)(nil)
	_ sql.ProjectedTable        = (*table)(nil)
	_ sql.IndexAddressableTable = (*table)(nil)
	_ sql.IndexSearchableTable  = (*table)(nil)
	_ sql.IndexedTable          = (*table)(nil)
	_ sql.CommentedTable        = (*table)(nil)
	_ sql.PrimaryKeyTable       = (*table)(nil)
	_ sql.InsertableTable       = (*table)(nil)
	_ sql.UpdatableTable        = (*table)(nil)
	_ sql.DeletableTable        = (*table)(nil)
)

func newTable(e *Engine, def tables.Def) *table {
	m := def.Meta()
	t := &table{e: e, def: def, meta: m}
	for _, c := range m.Columns {
		// A key is NOT NULL, as in MySQL, unless the table takes INSERTs: an INSERT names only
		// what the API takes (never the connection or a generated id), and go-mysql-server
		// would refuse a NOT NULL column left out ("Field 'id' doesn't have a default value")
		// before the definition's own checks (InsertNeeds) could say what is missing.
		t.schema = append(t.schema, &sql.Column{
			Name:       c.Name,
			Type:       sqlType(c.Type),
			Source:     m.Name,
			Comment:    columnComment(c),
			Nullable:   !c.Key || m.CanInsert,
			PrimaryKey: c.Key,
		})
	}
	return t
}

func columnComment(c tables.ColumnMeta) string {
	if c.Sensitive {
		return c.Doc + " Sensitive: masked unless SET credsql_reveal_secrets = ON."
	}
	return c.Doc
}

var (
	varchar = types.MustCreateStringWithDefaults(sqltypes.VarChar, 1024)
)

func sqlType(t tables.Type) sql.Type {
	switch t {
	case tables.Text:
		return types.LongText
	case tables.Int:
		return types.Int64
	case tables.Bool:
		return types.Boolean
	case tables.Time:
		return types.DatetimeMaxPrecision
	case tables.JSON:
		return types.JSON
	}
	return varchar
}

func (t *table) Name() string   { return t.meta.Name }
func (t *table) String() string { return t.meta.Name }

// Comment is the table's description, shown by information_schema.tables and SHOW TABLE STATUS.
func (t *table) Comment() string { return t.meta.Doc }

func (t *table) Collation() sql.CollationID { return sql.Collation_Default }

// Schema returns the projected columns when a projection is set.
func (t *table) Schema(*sql.Context) sql.Schema {
	if t.projection == nil {
		return t.schema
	}
	out := make(sql.Schema, len(t.projection))
	for i, ci := range t.projection {
		out[i] = t.schema[ci]
	}
	return out
}

// PrimaryKeySchema declares the key columns, so SHOW CREATE TABLE shows them.
func (t *table) PrimaryKeySchema(ctx *sql.Context) sql.PrimaryKeySchema {
	var ords []int
	for _, k := range t.meta.Keys {
		ords = append(ords, t.meta.Column(k))
	}
	return sql.NewPrimaryKeySchema(t.schema, ords...)
}

func (t *table) WithProjections(ctx *sql.Context, names []string) (sql.Table, error) {
	n := *t
	n.projection = make([]int, 0, len(names))
	for _, name := range names {
		i := t.meta.Column(name)
		if i < 0 {
			return nil, fmt.Errorf("table %s has no column %s", t.meta.Name, name)
		}
		n.projection = append(n.projection, i)
	}
	n.projNames = names
	return &n, nil
}

func (t *table) Projections() []string { return t.projNames }

// columns returns the indexes of the columns rows carry.
func (t *table) columns() []int {
	if t.projection != nil {
		return t.projection
	}
	all := make([]int, len(t.schema))
	for i := range all {
		all[i] = i
	}
	return all
}

// partition is the single partition of a scan: credsql fans out itself.
type partition struct{ lookup *lookupPlan }

func (p partition) Key() []byte { return []byte("credsql") }

func (t *table) Partitions(*sql.Context) (sql.PartitionIter, error) {
	return sql.PartitionsToPartitionIter(partition{lookup: t.lookup}), nil
}

func (t *table) LookupPartitions(ctx *sql.Context, l sql.IndexLookup) (sql.PartitionIter, error) {
	return sql.PartitionsToPartitionIter(partition{lookup: t.planFor(l)}), nil
}

func (t *table) IndexedAccess(ctx *sql.Context, l sql.IndexLookup) sql.IndexedTable {
	n := *t
	n.lookup = t.planFor(l)
	return &n
}

// PreciseMatch is false: the engine re-checks every predicate on the rows, so a vendor-side
// filter that is only a hint can never change a result.
func (t *table) PreciseMatch() bool { return false }

func (t *table) GetIndexes(*sql.Context) ([]sql.Index, error) {
	if len(t.meta.Keys) == 0 {
		// A singleton table has no key; an index without columns breaks SHOW COLUMNS.
		return nil, nil
	}
	return []sql.Index{t.primaryIndex()}, nil
}

func (t *table) primaryIndex() *keyIndex {
	return &keyIndex{db: DatabaseName, table: t.meta.Name, cols: t.meta.Keys, types: t.keyTypes()}
}

func (t *table) keyTypes() []sql.Type {
	var out []sql.Type
	for _, k := range t.meta.Keys {
		out = append(out, t.schema[t.meta.Column(k)].Type)
	}
	return out
}

// PartitionRows runs the scan.
func (t *table) PartitionRows(ctx *sql.Context, p sql.Partition) (sql.RowIter, error) {
	var lp *lookupPlan
	if pp, ok := p.(partition); ok {
		lp = pp.lookup
	}
	return t.e.scan(ctx, t, lp)
}

func (t *table) Inserter(ctx *sql.Context) sql.RowInserter { return &editor{t: t, op: "INSERT"} }
func (t *table) Updater(ctx *sql.Context) sql.RowUpdater {
	t.e.markDML(ctx, t.meta.Name, "UPDATE")
	return &editor{t: t, op: "UPDATE"}
}
func (t *table) Deleter(ctx *sql.Context) sql.RowDeleter {
	t.e.markDML(ctx, t.meta.Name, "DELETE")
	return &editor{t: t, op: "DELETE"}
}

// isSensitive reports whether a schema column is masked by default.
func (t *table) isSensitive(i int) bool { return t.meta.Columns[i].Sensitive }

func lower(s string) string { return strings.ToLower(s) }
