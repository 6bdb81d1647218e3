package tables

import (
	"context"
	"iter"
	"testing"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/routes"
)

// The negative tests of Validate: one broken definition per rule, each expecting exactly
// that rule's error, so that a rule turned into a no-op fails the suite.

type vItem struct{ ID, Name string }

// vRoutes are the write routes vTable's writes send, declared as a vendor's writes.
var (
	vCreate  = fetch.WriteRoute{Vendor: Okta, Method: "POST", Path: "/things"}
	vReplace = fetch.WriteRoute{Vendor: Okta, Method: "PUT", Path: "/things/{id}", Idempotent: true}
	vDelete  = fetch.WriteRoute{Vendor: Okta, Method: "DELETE", Path: "/things/{id}", Idempotent: true}
	vRotate  = fetch.WriteRoute{Vendor: Okta, Method: "POST", Path: "/things/{id}/rotate"}
	vWrites  = []fetch.VendorWrites{{Vendor: Okta, Routes: []fetch.WriteRoute{vCreate, vReplace, vDelete, vRotate}}}
)

// vTable returns a definition that passes every rule: keys, a filter, every write, a
// procedure with a parameter and an extra column, and an example. Each case breaks one thing.
func vTable(name string) *Table[vItem] {
	get := func(it vItem) any { return it.ID }
	return &Table[vItem]{
		Name:    name,
		Doc:     "Things.",
		Vendor:  Okta,
		Route:   routes.Route{Vendor: Okta, Method: "GET", Path: "/things"},
		Keys:    []string{"id"},
		Filters: []string{"name"},
		List: func(context.Context, *Conn, Values) iter.Seq2[vItem, error] {
			return func(func(vItem, error) bool) {}
		},
		Columns: []Column[vItem]{
			{Name: "id", Type: String, Doc: "Id.", Get: get},
			{Name: "name", Type: String, Doc: "Name.", Get: get},
		},
		Insert:       func(context.Context, *Conn, Values) (vItem, error) { return vItem{}, nil },
		InsertCols:   []string{"name"},
		InsertNeeds:  []string{"name"},
		InsertDoc:    "POST /things",
		InsertRoutes: []fetch.WriteRoute{vCreate},
		UpdateRoutes: []fetch.WriteRoute{vReplace},
		DeleteRoutes: []fetch.WriteRoute{vDelete},
		Update:       func(context.Context, *Conn, Values, Values, Values) (vItem, error) { return vItem{}, nil },
		UpdateCols:   []string{"name"},
		UpdateDoc:    "PUT /things/{id}",
		Delete:       func(context.Context, *Conn, Values) error { return nil },
		DeleteDoc:    "DELETE /things/{id}",
		Procedures: []Procedure[vItem]{{
			Name:     "rotate",
			Doc:      "Rotates a thing.",
			Params:   []Param{{Name: "id", Type: String, Doc: "The thing."}},
			Routes:   []fetch.WriteRoute{vRotate},
			Mutating: true,
			Extra:    []ExtraColumn{{Name: "secret", Type: Text, Doc: "The new secret."}},
			Run:      func(context.Context, *Conn, Values) (vItem, []any, error) { return vItem{}, nil, nil },
		}},
		Examples: []Example{{Title: "All things", SQL: "SELECT * FROM " + name}},
	}
}

func TestCheckRefusesEachBrokenRule(t *testing.T) {
	t.Parallel()
	if err := vTable("t").check(); err != nil {
		t.Fatalf("the valid definition is refused: %v", err)
	}
	for _, tc := range []struct {
		name   string
		break_ func(*Table[vItem])
		want   string
	}{
		{"name not snake_case", func(d *Table[vItem]) { d.Name = "Things" }, `table Things: name is not snake_case`},
		{"missing doc", func(d *Table[vItem]) { d.Doc = " " }, `table t: missing Doc`},
		{"unknown vendor", func(d *Table[vItem]) { d.Vendor = "aws" }, `table t: unknown vendor "aws"`},
		{"missing route", func(d *Table[vItem]) { d.Route = routes.Route{} }, `table t: missing Route`},
		{"route of another vendor", func(d *Table[vItem]) { d.Route.Vendor = Ziti }, `table t: Route GET /things is a ziti call`},
		{"route that writes", func(d *Table[vItem]) { d.Route.Method = "DELETE" }, `table t: Route DELETE /things changes vendor state`},
		{"get without its route", func(d *Table[vItem]) {
			d.Get = func(context.Context, *Conn, Values) (vItem, error) { return vItem{}, nil }
		}, `table t: Get without GetRoute`},
		{"write of another vendor", func(d *Table[vItem]) { d.DeleteRoutes = []routes.Route{{Vendor: OPA, Method: "DELETE", Path: "/x"}} }, `table t: a write sends DELETE /x, a opa call`},
		{"missing list", func(d *Table[vItem]) { d.List = nil }, `table t: missing List`},
		{"no key columns", func(d *Table[vItem]) { d.Keys = nil }, `table t: no key columns`},
		{"singleton with keys", func(d *Table[vItem]) { d.Singleton = true }, `table t: a singleton table has no key columns`},
		{"column named connection", func(d *Table[vItem]) {
			d.Columns[1].Name = ConnectionColumn
			d.Filters, d.InsertCols, d.InsertNeeds, d.UpdateCols = nil, []string{"id"}, nil, []string{"id"}
		},
			`table t: column "connection" is added by the registry; do not declare it`},
		{"column not snake_case", func(d *Table[vItem]) {
			d.Columns = append(d.Columns, Column[vItem]{Name: "Extra", Type: Int, Doc: "x", Get: d.Columns[0].Get})
		},
			`table t: column "Extra" is not snake_case`},
		{"duplicate column", func(d *Table[vItem]) { d.Columns = append(d.Columns, d.Columns[1]) }, `table t: column "name" declared twice`},
		{"column without doc", func(d *Table[vItem]) { d.Columns[1].Doc = "" }, `table t: column "name" has no Doc`},
		{"column without get", func(d *Table[vItem]) { d.Columns[1].Get = nil }, `table t: column "name" has no Get`},
		{"column without type", func(d *Table[vItem]) { d.Columns[1].Type = 0 }, `table t: column "name" has no Type`},
		{"column with an unknown type", func(d *Table[vItem]) { d.Columns[1].Type = JSON + 1 }, `table t: column "name" has no Type`},
		{"unknown key column", func(d *Table[vItem]) { d.Keys = []string{"id", "kid"} }, `table t: key column "kid" is not a column`},
		{"unknown filter column", func(d *Table[vItem]) { d.Filters = []string{"status"} }, `table t: filter column "status" is not a column`},
		{"unknown insert column", func(d *Table[vItem]) { d.InsertCols = []string{"name", "label"} }, `table t: insert column "label" is not a column`},
		{"unknown required insert column", func(d *Table[vItem]) { d.InsertNeeds = []string{"label"} }, `table t: required insert column "label" is not a column`},
		{"unknown update column", func(d *Table[vItem]) { d.UpdateCols = []string{"label"} }, `table t: update column "label" is not a column`},
		{"parent column not a key", func(d *Table[vItem]) { d.Parent = &Parent{Table: "p", Column: "name", Key: "id"} },
			`table t: parent column "name" is not a key column`},
		{"insert without its columns", func(d *Table[vItem]) { d.InsertCols, d.InsertNeeds = nil, nil }, `table t: Insert and InsertCols go together`},
		{"insert columns without insert", func(d *Table[vItem]) { d.Insert, d.InsertDoc = nil, "" }, `table t: Insert and InsertCols go together`},
		{"update without its columns", func(d *Table[vItem]) { d.UpdateCols = nil }, `table t: Update and UpdateCols go together`},
		{"update columns without update", func(d *Table[vItem]) { d.Update, d.UpdateDoc = nil, "" }, `table t: Update and UpdateCols go together`},
		{"insert without doc", func(d *Table[vItem]) { d.InsertDoc = "" }, `table t: missing InsertDoc`},
		{"update without doc", func(d *Table[vItem]) { d.UpdateDoc = "" }, `table t: missing UpdateDoc`},
		{"delete without doc", func(d *Table[vItem]) { d.DeleteDoc = "" }, `table t: missing DeleteDoc`},
		{"read-only without a note", func(d *Table[vItem]) {
			d.Insert, d.InsertCols, d.InsertNeeds, d.InsertDoc = nil, nil, nil, ""
			d.Update, d.UpdateCols, d.UpdateDoc = nil, nil, ""
			d.Delete, d.DeleteDoc, d.Procedures = nil, "", nil
		}, `table t: read-only table without ReadOnlyNote`},
		{"procedure name not snake_case", func(d *Table[vItem]) { d.Procedures[0].Name = "Rotate" }, `table t: procedure "Rotate": bad or duplicate name`},
		{"duplicate procedure", func(d *Table[vItem]) { d.Procedures = append(d.Procedures, d.Procedures[0]) }, `table t: procedure "rotate": bad or duplicate name`},
		{"procedure without doc", func(d *Table[vItem]) { d.Procedures[0].Doc = "" }, `table t: procedure "rotate": needs Doc, Routes and Run`},
		{"procedure without routes", func(d *Table[vItem]) { d.Procedures[0].Routes = nil }, `table t: procedure "rotate": needs Doc, Routes and Run`},
		{"procedure without run", func(d *Table[vItem]) { d.Procedures[0].Run = nil }, `table t: procedure "rotate": needs Doc, Routes and Run`},
		{"parameter not snake_case", func(d *Table[vItem]) { d.Procedures[0].Params[0].Name = "Id" }, `table t: procedure "rotate": bad or duplicate parameter "Id"`},
		{"duplicate parameter", func(d *Table[vItem]) { p := &d.Procedures[0]; p.Params = append(p.Params, p.Params[0]) },
			`table t: procedure "rotate": bad or duplicate parameter "id"`},
		{"parameter named connection", func(d *Table[vItem]) { d.Procedures[0].Params[0].Name = ConnectionColumn },
			`table t: procedure "rotate": bad or duplicate parameter "connection"`},
		{"parameter without doc", func(d *Table[vItem]) { d.Procedures[0].Params[0].Doc = "" }, `table t: procedure "rotate": parameter "id" has no Doc`},
		{"extra column clashes", func(d *Table[vItem]) { d.Procedures[0].Extra[0].Name = "name" },
			`table t: procedure "rotate": extra column "name" clashes with a column or has no Doc`},
		{"extra column without doc", func(d *Table[vItem]) { d.Procedures[0].Extra[0].Doc = "" },
			`table t: procedure "rotate": extra column "secret" clashes with a column or has no Doc`},
		{"no examples", func(d *Table[vItem]) { d.Examples = nil }, `table t: no Examples`},
		{"example without title", func(d *Table[vItem]) { d.Examples[0].Title = "" }, `table t: example without title or SQL`},
		{"example without SQL", func(d *Table[vItem]) { d.Examples[0].SQL = "" }, `table t: example without title or SQL`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d := vTable("t")
			tc.break_(d)
			if err := d.check(); err == nil || err.Error() != tc.want {
				t.Errorf("check: %v\nwant exactly: %s", err, tc.want)
			}
		})
	}
}

// vMeta is a table description for the parent rules: id is a key, and so is each of keys.
func vMeta(name string, parent *Parent, keys ...string) *Meta {
	m := &Meta{Name: name, Keys: append([]string{"id"}, keys...), Parent: parent,
		Columns: []ColumnMeta{{Name: ConnectionColumn}, {Name: "id"}, {Name: "kind"}}}
	for _, k := range keys {
		m.Columns = append(m.Columns, ColumnMeta{Name: k})
	}
	return m
}

func TestCheckParentsRefusesEachBrokenRule(t *testing.T) {
	t.Parallel()
	metas := func(ms ...*Meta) map[string]*Meta {
		out := map[string]*Meta{}
		for _, m := range ms {
			out[m.Name] = m
		}
		return out
	}
	good := metas(vMeta("a", nil), vMeta("b", &Parent{Table: "a", Column: "a_id", Key: "id", Only: Values{"kind": "x"}}, "a_id"),
		vMeta("c", &Parent{Table: "b", Column: "b_id", Key: "id"}, "b_id"))
	for _, m := range good {
		if err := checkParents(m, good); err != nil {
			t.Fatalf("valid parents refused: %v", err)
		}
	}
	for _, tc := range []struct {
		name  string
		table string
		metas map[string]*Meta
		want  string
	}{
		{"unknown parent", "b", metas(vMeta("b", &Parent{Table: "a", Column: "a_id", Key: "id"}, "a_id")),
			`table b: parent table "a" does not exist`},
		{"unknown grandparent", "c", metas(vMeta("b", &Parent{Table: "a", Column: "a_id", Key: "id"}, "a_id"), vMeta("c", &Parent{Table: "b", Column: "b_id", Key: "id"}, "b_id")),
			`table b: parent table "a" does not exist`},
		{"parent column not a key", "b", metas(vMeta("a", nil), vMeta("b", &Parent{Table: "a", Column: "kind", Key: "id"})),
			`table b: parent column "kind" is not a key column`},
		{"parent key not a key of the parent", "b", metas(vMeta("a", nil), vMeta("b", &Parent{Table: "a", Column: "a_id", Key: "kind"}, "a_id")),
			`table b: parent key "kind" is not a key column of a`},
		{"parent condition on an unknown column", "b", metas(vMeta("a", nil), vMeta("b", &Parent{Table: "a", Column: "a_id", Key: "id", Only: Values{"mode": "x"}}, "a_id")),
			`table b: parent condition column "mode" is not a column of a`},
		{"own parent", "a", metas(vMeta("a", &Parent{Table: "a", Column: "a_id", Key: "id"}, "a_id")),
			`table a: parent cycle through a`},
		{"parent cycle", "a", metas(vMeta("a", &Parent{Table: "b", Column: "b_id", Key: "id"}, "b_id"), vMeta("b", &Parent{Table: "a", Column: "a_id", Key: "id"}, "a_id")),
			`table a: parent cycle through a`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if err := checkParents(tc.metas[tc.table], tc.metas); err == nil || err.Error() != tc.want {
				t.Errorf("checkParents: %v\nwant exactly: %s", err, tc.want)
			}
		})
	}
}

// TestValidateRefusesEachBrokenRule covers the rules across definitions, and that validate
// runs the per-table and parent checks.
func TestValidateRefusesEachBrokenRule(t *testing.T) {
	t.Parallel()
	child := func(name, parent string) *Table[vItem] {
		d := vTable(name)
		d.Keys = []string{"parent_id", "id"}
		d.Columns = append(d.Columns, Column[vItem]{Name: "parent_id", Type: String, Doc: "Parent.", Get: d.Columns[0].Get})
		d.Parent = &Parent{Table: parent, Column: "parent_id", Key: "id"}
		return d
	}
	if err := validate([]Def{vTable("a"), child("b", "a")}, vWrites); err != nil {
		t.Fatalf("valid definitions refused: %v", err)
	}
	// "a_b" + "_c" and "a" + "_b_c" are both CALL a_b_c.
	clash := vTable("a")
	clash.Procedures[0].Name = "b_c"
	other := vTable("a_b")
	other.Procedures[0].Name = "c"
	broken := vTable("b")
	broken.Doc = ""
	again := vTable("a")
	again.Procedures[0].Name = "renew" // only the table is defined twice
	noRoutes := vTable("b")
	noRoutes.DeleteRoutes = nil
	for _, tc := range []struct {
		name string
		defs []Def
		want string
	}{
		{"defined twice", []Def{vTable("a"), again}, `table a: defined twice`},
		{"not alphabetical", []Def{vTable("b"), vTable("a")}, `table a: registry is not in alphabetical order (after b)`},
		{"procedure defined twice", []Def{clash, other}, `procedure a_b_c: defined by a and a_b`},
		{"a table's own rules", []Def{vTable("a"), broken}, `table b: missing Doc`},
		{"parent rules", []Def{vTable("a"), child("b", "x")}, `table b: parent table "x" does not exist`},
		{"write routes", []Def{vTable("a"), noRoutes}, `table b: DELETE declares no write routes`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if err := validate(tc.defs, vWrites); err == nil || err.Error() != tc.want {
				t.Errorf("validate: %v\nwant exactly: %s", err, tc.want)
			}
		})
	}
}
