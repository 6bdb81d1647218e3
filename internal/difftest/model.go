package difftest

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/credsql/credsql/internal/tables"
)

// column is what the grammar knows of a column: its type and role from the table definition,
// and the values the last full scan held.
type column struct {
	name      string
	ident     string // name as it goes into SQL: backquoted when it is a reserved word
	typ       tables.Type
	key       bool // a key column or the connection
	filter    bool // a column whose equality goes to the vendor as a filter
	sensitive bool
	// volatile columns changed between two scans with nothing written (a session's last
	// activity): the grammar never reads them.
	volatile bool
	vals     []any // distinct non-NULL values, sorted by their canonical form
	nulls    bool  // some row holds NULL
}

// enumish reports whether a string column holds few distinct values (a status, a type): the
// grammar tries values outside that domain on it.
func (c *column) enumish() bool {
	return c.typ == tables.String && len(c.vals) > 0 && len(c.vals) <= 6
}

// groupable reports whether GROUP BY on the column makes small groups worth counting.
func (c *column) groupable() bool {
	if c.volatile || c.typ == tables.JSON || c.typ == tables.Text {
		return false
	}
	return c.name == tables.ConnectionColumn || c.enumish() || c.typ == tables.Bool || len(c.vals) <= 12
}

// ident quotes a column name that the MySQL parser does not take bare (use).
func ident(name string) string {
	if _, err := sqlparser.Parse(fmt.Sprintf("SELECT %s FROM t WHERE %s = 1 ORDER BY %s", name, name, name)); err != nil {
		return "`" + name + "`"
	}
	return name
}

// tableModel is one registered table as the grammar sees it: metadata (keys, parent,
// filters, column types) and the rows of the last full scan.
type tableModel struct {
	meta     *tables.Meta
	schema   sql.Schema
	cols     []*column
	rows     []sql.Row
	parent   *tableModel
	children []*tableModel
	// volatile tables return different rows on every scan: they are not queried.
	volatile bool
}

func newModel(meta *tables.Meta, schema sql.Schema) *tableModel {
	m := &tableModel{meta: meta, schema: schema}
	for _, cm := range meta.Columns {
		isFilter := false
		for _, f := range meta.Filters {
			isFilter = isFilter || f == cm.Name
		}
		m.cols = append(m.cols, &column{name: cm.Name, ident: ident(cm.Name), typ: cm.Type, key: cm.Key || cm.Name == tables.ConnectionColumn,
			filter: isFilter, sensitive: cm.Sensitive})
	}
	return m
}

func (m *tableModel) name() string { return m.meta.Name }

func (m *tableModel) col(name string) *column {
	for _, c := range m.cols {
		if strings.EqualFold(c.name, name) {
			return c
		}
	}
	return nil
}

// setRows replaces the rows and recomputes every column's values. The rows are sorted: the
// connections of a vendor are read concurrently, and draws from the rows must not depend on
// which answered first.
func (m *tableModel) setRows(rows []sql.Row) {
	sort.SliceStable(rows, func(i, j int) bool { return rowKey(canonRow(rows[i])) < rowKey(canonRow(rows[j])) })
	m.rows = rows
	for i, c := range m.cols {
		seen := map[string]any{}
		c.nulls = false
		for _, r := range rows {
			if r[i] == nil {
				c.nulls = true
				continue
			}
			seen[canon(r[i])] = r[i]
		}
		keys := make([]string, 0, len(seen))
		for k := range seen {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		c.vals = c.vals[:0]
		for _, k := range keys {
			c.vals = append(c.vals, seen[k])
		}
	}
}

// keyCols are the connection and the key columns: together they identify a row, and ordering
// by them is a total order.
func (m *tableModel) keyCols() []*column {
	out := []*column{m.col(tables.ConnectionColumn)}
	for _, k := range m.meta.Keys {
		out = append(out, m.col(k))
	}
	return out
}

// stable returns the columns the grammar may read.
func (m *tableModel) stable() []*column {
	var out []*column
	for _, c := range m.cols {
		if !c.volatile {
			out = append(out, c)
		}
	}
	return out
}

func (m *tableModel) hasVolatile() bool {
	for _, c := range m.cols {
		if c.volatile {
			return true
		}
	}
	return false
}

// parentColumn is the child's column holding the parent key, and parentKey that key's
// column in the parent.
func (m *tableModel) parentColumn() *column { return m.col(m.meta.Parent.Column) }
func (m *tableModel) parentKey() *column    { return m.parent.col(m.meta.Parent.Key) }

// markVolatile compares two scans taken with nothing written in between: a column whose
// values differ is volatile; a table whose key values differ is volatile as a whole.
func (m *tableModel) markVolatile(first, second []sql.Row) {
	if len(first) != len(second) {
		m.volatile = true
		return
	}
	for i, c := range m.cols {
		a, b := columnValues(first, i), columnValues(second, i)
		if strings.Join(a, "\x01") != strings.Join(b, "\x01") {
			c.volatile = true
			if c.key {
				m.volatile = true
			}
		}
	}
}

func columnValues(rows []sql.Row, i int) []string {
	out := make([]string, len(rows))
	for n, r := range rows {
		out[n] = canon(r[i])
	}
	sort.Strings(out)
	return out
}

// duplicateKeys reports rows of a full scan that share the connection and every key: a scan
// must return each vendor object once, and the oracle, loaded from that scan, cannot tell.
func (m *tableModel) duplicateKeys() []string {
	idx := []int{}
	for _, c := range m.keyCols() {
		idx = append(idx, m.meta.Column(c.name))
	}
	count := map[string]int{}
	var order []string
	for _, r := range m.rows {
		var parts []string
		for _, i := range idx {
			parts = append(parts, canon(r[i]))
		}
		k := strings.Join(parts, "/")
		if count[k] == 0 {
			order = append(order, k)
		}
		count[k]++
	}
	var out []string
	for _, k := range order {
		if count[k] > 1 {
			out = append(out, fmt.Sprintf("%s (%d times)", k, count[k]))
		}
	}
	return out
}
