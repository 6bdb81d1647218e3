package tables

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/routes"
)

// ConnectionColumn is the first column of every table.
const ConnectionColumn = "connection"

// Def is a table definition seen without its item type, as the engine and the docs see it.
type Def interface {
	Meta() *Meta
	// Scan runs one List call with k (pinned parent key and filters) and yields rows with
	// the values of cols (indexes into Meta().Columns).
	Scan(ctx context.Context, c *Conn, k Values, cols []int) iter.Seq2[[]any, error]
	// Lookup fetches the row with every key pinned; found is false for a vendor 404.
	Lookup(ctx context.Context, c *Conn, k Values, cols []int) (row []any, found bool, err error)
	// InsertRow creates one object and returns it as the vendor created it, as a row of
	// every column (Meta().Columns order).
	InsertRow(ctx context.Context, c *Conn, v Values) ([]any, error)
	UpdateRow(ctx context.Context, c *Conn, key, old, set Values) error
	DeleteRow(ctx context.Context, c *Conn, key Values) error
	// Call runs a procedure; the row has every column of the table, then the Extra columns.
	Call(ctx context.Context, c *Conn, proc string, args Values) ([]any, error)
}

// Meta describes a table.
type Meta struct {
	Name   string
	Doc    string
	Vendor Vendor
	Route  string // the list call's Op (ListRoute.Op())
	// ListRoute and GetRoute are the catalog entries of the list and get-by-key calls
	// (GetRoute is zero without a get).
	ListRoute, GetRoute routes.Route
	// Reads are the other read calls of a SELECT (Table.Reads).
	Reads   []routes.Route
	Columns []ColumnMeta // Columns[0] is "connection"
	Keys    []string
	Parent  *Parent
	Filters []string

	HasGet    bool // a get-by-key call exists (else a key lookup lists and filters)
	Singleton bool // one row per connection, no keys

	InsertCols, InsertNeeds, UpdateCols []string
	// InsertDoc, UpdateDoc and DeleteDoc name the calls of each write, then say what it does.
	InsertDoc, UpdateDoc, DeleteDoc string
	CanInsert, CanUpdate, CanDelete bool
	// InsertRoutes, UpdateRoutes and DeleteRoutes are the calls of each write that change
	// vendor state; InsertCalls, UpdateCalls and DeleteCalls every call, reads included.
	InsertRoutes, UpdateRoutes, DeleteRoutes []fetch.WriteRoute
	InsertCalls, UpdateCalls, DeleteCalls    []routes.Route
	ReadOnlyNote                             string
	// SoftDeleted, when set, is the column and value of a row the vendor keeps after a DELETE
	// (OPA's status DELETED): a DELETE skips such rows, 0 rows affected, as DeleteDoc says.
	SoftDeleted [2]string
	Procedures  []ProcMeta
	Examples    []Example
}

// ColumnMeta describes a column.
type ColumnMeta struct {
	Name      string
	Type      Type
	Doc       string
	Sensitive bool
	Key       bool
	Domain    []string
}

// ProcMeta describes a procedure.
type ProcMeta struct {
	Table    string
	Name     string // "activate"
	FullName string // "apps_secrets_activate"
	Doc      string
	Params   []Param
	Mutating bool
	// Call names the API calls, for the docs: every call's Op, then the CallNote.
	Call string
	// Routes are the calls that change vendor state; Calls every call, reads included.
	Routes []fetch.WriteRoute
	Calls  []routes.Route
	Extra  []ExtraColumn
}

// WriteStatements lists the DML statements the table supports, in the order INSERT, UPDATE,
// DELETE; procedures are in Procedures.
func (m *Meta) WriteStatements() []string {
	var w []string
	if m.CanInsert {
		w = append(w, "INSERT")
	}
	if m.CanUpdate {
		w = append(w, "UPDATE")
	}
	if m.CanDelete {
		w = append(w, "DELETE")
	}
	return w
}

// StatementRoutes returns the vendor calls of a DML statement ("INSERT", "UPDATE" or
// "DELETE").
func (m *Meta) StatementRoutes(stmt string) []fetch.WriteRoute {
	switch stmt {
	case "INSERT":
		return m.InsertRoutes
	case "UPDATE":
		return m.UpdateRoutes
	case "DELETE":
		return m.DeleteRoutes
	}
	return nil
}

// Column returns the index of a column, or -1.
func (m *Meta) Column(name string) int {
	for i, c := range m.Columns {
		if strings.EqualFold(c.Name, name) {
			return i
		}
	}
	return -1
}

// IsKey reports whether name is a key column.
func (m *Meta) IsKey(name string) bool {
	for _, k := range m.Keys {
		if strings.EqualFold(k, name) {
			return true
		}
	}
	return false
}

// Procedure returns a procedure by short name.
func (m *Meta) Procedure(name string) (ProcMeta, bool) {
	for _, p := range m.Procedures {
		if strings.EqualFold(p.Name, name) {
			return p, true
		}
	}
	return ProcMeta{}, false
}

// Writable reports whether the table has any write or mutating procedure.
func (m *Meta) Writable() bool {
	if m.CanInsert || m.CanUpdate || m.CanDelete {
		return true
	}
	for _, p := range m.Procedures {
		if p.Mutating {
			return true
		}
	}
	return false
}

// Meta builds the table's description.
func (t *Table[T]) Meta() *Meta {
	m := &Meta{
		Name: t.Name, Doc: t.Doc, Vendor: t.Vendor, Route: t.Route.Op(), ListRoute: t.Route, GetRoute: t.GetRoute, Reads: t.Reads,
		Keys: t.Keys, Parent: t.Parent,
		Filters: t.Filters, InsertCols: t.InsertCols, InsertNeeds: t.InsertNeeds, UpdateCols: t.UpdateCols,
		InsertDoc: callDoc(t.InsertRoutes, t.InsertDoc), UpdateDoc: callDoc(t.UpdateRoutes, t.UpdateDoc), DeleteDoc: callDoc(t.DeleteRoutes, t.DeleteDoc),
		CanInsert: t.Insert != nil, CanUpdate: t.Update != nil, CanDelete: t.Delete != nil,
		ReadOnlyNote: t.ReadOnlyNote, SoftDeleted: t.SoftDeleted, Examples: t.Examples, HasGet: t.Get != nil, Singleton: t.Singleton,
		InsertRoutes: routes.Writes(t.InsertRoutes), UpdateRoutes: routes.Writes(t.UpdateRoutes), DeleteRoutes: routes.Writes(t.DeleteRoutes),
		InsertCalls: t.InsertRoutes, UpdateCalls: t.UpdateRoutes, DeleteCalls: t.DeleteRoutes,
	}
	m.Columns = append(m.Columns, ColumnMeta{Name: ConnectionColumn, Type: String,
		Doc: "Name of the configured " + t.Vendor.Title() + " connection the row came from."})
	for _, c := range t.Columns {
		m.Columns = append(m.Columns, ColumnMeta{Name: c.Name, Type: c.Type, Doc: c.Doc, Sensitive: c.Sensitive, Domain: c.Domain})
	}
	for i := range m.Columns {
		m.Columns[i].Key = m.IsKey(m.Columns[i].Name)
	}
	for _, p := range t.Procedures {
		m.Procedures = append(m.Procedures, ProcMeta{Table: t.Name, Name: p.Name, FullName: t.Name + "_" + p.Name,
			Doc: p.Doc, Params: p.Params, Mutating: p.Mutating, Call: procCall(p.Routes, p.CallNote),
			Routes: routes.Writes(p.Routes), Calls: p.Routes, Extra: p.Extra})
	}
	return m
}

// ops joins the calls' route templates.
func ops(calls []routes.Route, sep string) string {
	s := make([]string, len(calls))
	for i, r := range calls {
		s[i] = r.Op()
	}
	return strings.Join(s, sep)
}

// callDoc is the docs' description of a write: the calls it may send, then what it does
// (which says when each call is sent).
func callDoc(calls []routes.Route, doc string) string {
	if doc == "" || len(calls) == 0 {
		return doc
	}
	return ops(calls, "; ") + ": " + doc
}

// procCall is the docs' API call of a procedure: its calls, then the note.
func procCall(calls []routes.Route, note string) string {
	s := ops(calls, ", then ")
	if note != "" {
		s += " (" + note + ")"
	}
	return s
}

func (t *Table[T]) row(c *Conn, item T, cols []int) []any {
	row := make([]any, len(cols))
	for i, ci := range cols {
		if ci == 0 {
			row[i] = c.Name
			continue
		}
		row[i] = t.Columns[ci-1].Get(item)
	}
	return row
}

// Scan implements Def.
func (t *Table[T]) Scan(ctx context.Context, c *Conn, k Values, cols []int) iter.Seq2[[]any, error] {
	return func(yield func([]any, error) bool) {
		if err := c.usable(t.Name); err != nil {
			yield(nil, err)
			return
		}
		if t.Parent != nil && k.Has(t.Parent.Column) && k.Str(t.Parent.Column) == "" {
			return
		}
		pinned := t.Parent != nil && k.Has(t.Parent.Column)
		first := true
		for item, err := range t.List(ctx, c, k) {
			if err != nil {
				// The children of a parent that does not exist (on this connection, or any
				// more) are no rows, as a get of a missing key is: the same 404 on the
				// first page means the parent is gone, not that the listing failed.
				if pinned && first && errors.Is(err, fetch.ErrNotFound) {
					return
				}
				yield(nil, fmt.Errorf("list %s: %w", t.Name, err))
				return
			}
			first = false
			if !yield(t.row(c, item, cols), nil) {
				return
			}
		}
	}
}

// Lookup implements Def.
func (t *Table[T]) Lookup(ctx context.Context, c *Conn, k Values, cols []int) ([]any, bool, error) {
	if err := c.usable(t.Name); err != nil {
		return nil, false, err
	}
	if t.Get == nil {
		return nil, false, fmt.Errorf("%s has no get-by-key call", t.Name)
	}
	if t.emptyKey(k) {
		return nil, false, nil
	}
	item, err := t.Get(ctx, c, k)
	if err != nil {
		if errors.Is(err, fetch.ErrNotFound) {
			return nil, false, nil
		}
		return nil, false, fmt.Errorf("get %s: %w", t.Name, err)
	}
	return t.row(c, item, cols), true, nil
}

// InsertRow implements Def.
func (t *Table[T]) InsertRow(ctx context.Context, c *Conn, v Values) ([]any, error) {
	if t.Insert == nil {
		return nil, fmt.Errorf("%s does not support INSERT", t.Name)
	}
	if err := c.Writable("INSERT INTO " + t.Name); err != nil {
		return nil, err
	}
	item, err := t.Insert(ctx, c, v)
	if err != nil {
		return nil, err
	}
	return t.row(c, item, t.allColumns()), nil
}

// allColumns returns the indexes of every column, connection first.
func (t *Table[T]) allColumns() []int {
	all := make([]int, len(t.Columns)+1)
	for i := range all {
		all[i] = i
	}
	return all
}

// UpdateRow implements Def.
func (t *Table[T]) UpdateRow(ctx context.Context, c *Conn, key, old, set Values) error {
	if t.Update == nil {
		return fmt.Errorf("%s does not support UPDATE", t.Name)
	}
	if err := c.Writable("UPDATE on " + t.Name); err != nil {
		return err
	}
	_, err := t.Update(ctx, c, key, old, set)
	return err
}

// DeleteRow implements Def.
func (t *Table[T]) DeleteRow(ctx context.Context, c *Conn, key Values) error {
	if t.Delete == nil {
		return fmt.Errorf("%s does not support DELETE", t.Name)
	}
	if err := c.Writable("DELETE on " + t.Name); err != nil {
		return err
	}
	if t.emptyKey(key) {
		return fmt.Errorf("%s: an empty key names no row: %w", t.Name, fetch.ErrNotFound)
	}
	return t.Delete(ctx, c, key)
}

// emptyKey reports whether a key column is pinned to the empty string: no API object has an
// empty id, and an empty path segment would address the collection instead.
func (t *Table[T]) emptyKey(k Values) bool {
	for _, name := range t.Keys {
		if k.Has(name) && k.Str(name) == "" {
			return true
		}
	}
	return false
}

// Call implements Def.
func (t *Table[T]) Call(ctx context.Context, c *Conn, proc string, args Values) ([]any, error) {
	for _, p := range t.Procedures {
		if !strings.EqualFold(p.Name, proc) {
			continue
		}
		if err := c.usable(t.Name); err != nil {
			return nil, err
		}
		if p.Mutating {
			if err := c.Writable("CALL " + t.Name + "_" + p.Name); err != nil {
				return nil, err
			}
		}
		item, extra, err := p.Run(ctx, c, args)
		if err != nil {
			return nil, err
		}
		return append(t.row(c, item, t.allColumns()), extra...), nil
	}
	return nil, fmt.Errorf("%s has no procedure %q", t.Name, proc)
}
