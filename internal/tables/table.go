// Package tables declares credsql's virtual tables as data: one file per table with its
// columns (typed accessors), key columns, parent, the vendor calls behind reads and writes,
// procedures and examples. No paging, retrying, auth or SQL engine code lives here: calls go
// through internal/fetch/<vendor>, and internal/engine turns a definition into a SQL table.
package tables

import (
	"context"
	"fmt"
	"iter"
	"time"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/routes"
)

// Type is a column's SQL type.
type Type int

// Column types (docs/schema-contract.md "Conventions").
const (
	String Type = iota + 1 // VARCHAR: ids and short strings
	Text                   // TEXT: PEM, CSR, base64
	Int                    // BIGINT
	Bool                   // BOOLEAN
	Time                   // DATETIME(6), UTC
	JSON                   // JSON: arrays and objects
)

func (t Type) String() string {
	switch t {
	case String:
		return "VARCHAR"
	case Text:
		return "TEXT"
	case Int:
		return "BIGINT"
	case Bool:
		return "BOOLEAN"
	case Time:
		return "DATETIME"
	case JSON:
		return "JSON"
	}
	return "?"
}

// Vendor aliases fetch.Vendor.
type Vendor = fetch.Vendor

// The vendors.
const (
	Okta = fetch.Okta
	Ziti = fetch.Ziti
	OPA  = fetch.OPA
)

// Column is one column of a table over items of type T.
type Column[T any] struct {
	Name      string
	Type      Type
	Doc       string
	Sensitive bool // masked unless secrets are revealed
	// Domain, when set, is the closed set of values the vendor documents for the column. An
	// equality on a value outside it matches no row and makes no API call (the vendor would
	// refuse it as a filter).
	Domain []string
	// Get reads the column from an item; nil means NULL. It is called only for columns a
	// query reads, so expensive columns (decoded certificates) cost nothing otherwise.
	Get func(T) any
}

// Values are column values of a write or a key lookup, by column name: string, int64, bool,
// time.Time or nil.
type Values map[string]any

// Str returns a value as a string ("" for NULL or a missing column).
func (v Values) Str(name string) string {
	switch x := v[name].(type) {
	case string:
		return x
	case nil:
		return ""
	case []byte:
		return string(x)
	default:
		return fmt.Sprint(x)
	}
}

// Has reports whether a column has a non-NULL value.
func (v Values) Has(name string) bool { return v[name] != nil }

// Table defines a virtual table over items of type T. See apps.go for a complete example.
type Table[T any] struct {
	Name   string
	Doc    string
	Vendor Vendor
	// Route is the catalog entry of the list call (internal/routes/<vendor>routes): the docs
	// name it, and docs/permissions.md says what it needs.
	Route routes.Route
	// GetRoute is the catalog entry of the get-by-key call Get sends (required with Get).
	GetRoute routes.Route
	// Reads are the other read calls List and Get may send (a list of one parent's children
	// used when a filter is pinned), for docs/permissions.md.
	Reads []routes.Route
	// Singleton tables have one row per connection and no key columns (the current API
	// session); an UPDATE or DELETE on them needs no key.
	Singleton bool
	// Keys are the columns the API can look up by, in path order. Equality and IN on them
	// become get-by-key calls (all pinned) or one list per parent (the parent key pinned).
	Keys []string
	// Parent, for a child table, names the parent table and the column holding its key.
	Parent *Parent
	// Filters are other columns whose equality List can pass to the API (a vendor-side
	// filter). The engine still checks every row, so a List may ignore them.
	Filters []string

	// List streams items. k holds the pinned parent key (child tables) and the pinned
	// Filters; the sequence must stop when the consumer stops.
	List func(ctx context.Context, c *Conn, k Values) iter.Seq2[T, error]
	// Get fetches the item with every key pinned in k. An error matching fetch.ErrNotFound
	// means no row. Optional: without it, a key lookup lists and filters.
	Get func(ctx context.Context, c *Conn, k Values) (T, error)

	Columns []Column[T]

	// Writes (all optional). Insert receives the non-NULL columns of one VALUES row.
	Insert      func(ctx context.Context, c *Conn, v Values) (T, error)
	InsertCols  []string // columns INSERT accepts
	InsertNeeds []string // columns INSERT requires
	// InsertDoc says what INSERT does, for the docs; the docs put the calls of InsertRoutes
	// before it ("POST /api/v1/...: <InsertDoc>").
	InsertDoc string
	// Update receives the key, the row before (all columns) and the changed columns.
	Update     func(ctx context.Context, c *Conn, key, old, set Values) (T, error)
	UpdateCols []string // columns UPDATE ... SET accepts
	UpdateDoc  string
	Delete     func(ctx context.Context, c *Conn, key Values) error
	DeleteDoc  string
	// InsertRoutes, UpdateRoutes and DeleteRoutes are the catalog entries of every vendor
	// call each write may send for a row, in order, the reads it makes first included. The
	// docs name them before InsertDoc, UpdateDoc and DeleteDoc, and docs/permissions.md lists
	// what each needs; whether a call that changes state is sent again after a fault comes
	// from its entry, and the docs' retry table and the fault tests read them here.
	InsertRoutes []routes.Route
	UpdateRoutes []routes.Route
	DeleteRoutes []routes.Route
	Procedures   []Procedure[T]
	Examples     []Example
	ReadOnlyNote string // for tables without writes, why (docs)
	// SoftDeleted is the column and value of a row kept after a DELETE (see Meta.SoftDeleted).
	SoftDeleted [2]string
}

// Parent links a child table to its parent.
type Parent struct {
	Table  string // parent table name, e.g. "apps"
	Column string // column of the child holding the parent key, e.g. "app_id"
	Key    string // the parent's key column, e.g. "id"
	// Only, when set, holds parent column values a parent must have to have children
	// (client secrets exist only on OPENID_CONNECT apps): the fan-out skips other parents
	// without calling the API for them.
	Only Values
}

// Example is a documented query; every example runs in the tests.
type Example struct {
	Title string
	SQL   string
}

// Param is a procedure parameter.
type Param struct {
	Name     string
	Type     Type
	Doc      string
	Optional bool // may be NULL / omitted in EXEC
	Secret   bool // never logged or echoed
}

// Procedure is an action on a table: CALL <table>_<name>(...) or EXEC <table>.<name> @p = ....
// It returns the resulting item as one row in the table's column layout, plus Extra columns.
type Procedure[T any] struct {
	Name     string
	Doc      string
	Params   []Param
	Mutating bool
	// Routes are the catalog entries of every vendor call the procedure sends, in order,
	// reads included (see Table.InsertRoutes).
	Routes []routes.Route
	// CallNote, when set, adds what the calls' paths do not say to the docs' API call
	// ("validityYears=N").
	CallNote string
	Extra    []ExtraColumn
	Run      func(ctx context.Context, c *Conn, args Values) (T, []any, error)
}

// ExtraColumn is a procedure result column beyond the table's own.
type ExtraColumn struct {
	Name string
	Type Type
	Doc  string
	// Secret marks a one-time secret (a new key's secret): shown only to a user who may
	// write, whatever credsql_reveal_secrets says, and audited as a reveal.
	Secret bool
}

// NZ returns s, or nil (NULL) when it is empty.
func NZ(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// TS returns t in UTC, or nil (NULL) for the zero time.
func TS(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}
