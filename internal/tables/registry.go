package tables

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/routes"
)

// registry is every table, alphabetically. docs/tables is generated from it.
var registry = []Def{
	apiTokens,
	appCSRs,
	appKeys,
	apps,
	appsSecrets,
	authzServerKeys,
	authzServers,
	idpCSRs,
	idpSigningKeys,
	idps,
	idpsKeys,
	opaServiceUserKeys,
	opaServiceUsers,
	zitiAPISessions,
	zitiAuthenticators,
	zitiEnrollments,
	zitiIdentities,
	zitiIdentityAuthenticators,
}

// All returns every table definition, alphabetically by name.
func All() []Def { return registry }

// Lookup returns a table definition by name (case-insensitive).
func Lookup(name string) (Def, bool) {
	for _, d := range registry {
		if strings.EqualFold(d.Meta().Name, name) {
			return d, true
		}
	}
	return nil, false
}

var snake = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// Validate checks every definition: names, docs, keys, parents, filters, writes, procedures
// and examples. It runs at start-up and in the tests; a bad definition is a bug.
func Validate() error { return validate(registry, VendorWrites()) }

func validate(defs []Def, vendors []fetch.VendorWrites) error {
	var errs []error
	metas := map[string]*Meta{}
	procs := map[string]string{}
	prev := ""
	for _, d := range defs {
		m := d.Meta()
		if _, dup := metas[m.Name]; dup {
			errs = append(errs, fmt.Errorf("table %s: defined twice", m.Name))
		}
		if m.Name < prev {
			errs = append(errs, fmt.Errorf("table %s: registry is not in alphabetical order (after %s)", m.Name, prev))
		}
		prev = m.Name
		metas[m.Name] = m
		for _, p := range m.Procedures {
			if other, dup := procs[p.FullName]; dup {
				errs = append(errs, fmt.Errorf("procedure %s: defined by %s and %s", p.FullName, other, m.Name))
			}
			procs[p.FullName] = m.Name
		}
		if c, ok := d.(interface{ check() error }); ok {
			if err := c.check(); err != nil {
				errs = append(errs, err)
			}
		}
	}
	for _, m := range metas {
		if err := checkParents(m, metas); err != nil {
			errs = append(errs, err)
		}
	}
	if err := checkRoutes(ordered(defs), vendors); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

func checkParents(m *Meta, metas map[string]*Meta) error {
	seen := map[string]bool{m.Name: true}
	for cur := m; cur.Parent != nil; {
		p, ok := metas[cur.Parent.Table]
		if !ok {
			return fmt.Errorf("table %s: parent table %q does not exist", cur.Name, cur.Parent.Table)
		}
		if !cur.IsKey(cur.Parent.Column) {
			return fmt.Errorf("table %s: parent column %q is not a key column", cur.Name, cur.Parent.Column)
		}
		if !p.IsKey(cur.Parent.Key) {
			return fmt.Errorf("table %s: parent key %q is not a key column of %s", cur.Name, cur.Parent.Key, p.Name)
		}
		for col := range cur.Parent.Only {
			if p.Column(col) < 0 {
				return fmt.Errorf("table %s: parent condition column %q is not a column of %s", cur.Name, col, p.Name)
			}
		}
		if seen[p.Name] {
			return fmt.Errorf("table %s: parent cycle through %s", m.Name, p.Name)
		}
		seen[p.Name] = true
		cur = p
	}
	return nil
}

// check validates one definition on its own.
func (t *Table[T]) check() error {
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("table %s: "+format, append([]any{t.Name}, args...)...))
	}
	if !snake.MatchString(t.Name) {
		bad("name is not snake_case")
	}
	if strings.TrimSpace(t.Doc) == "" {
		bad("missing Doc")
	}
	known := t.Vendor == Okta || t.Vendor == Ziti || t.Vendor == OPA
	if !known {
		bad("unknown vendor %q", t.Vendor)
	}
	switch {
	case t.Route == routes.Route{}:
		bad("missing Route")
	case known && t.Route.Vendor != t.Vendor:
		bad("Route %s is a %s call", t.Route, t.Route.Vendor)
	case t.Route.Mutating():
		bad("Route %s changes vendor state", t.Route)
	}
	switch {
	case t.Get != nil && t.GetRoute == routes.Route{}:
		bad("Get without GetRoute")
	case t.Get == nil && t.GetRoute != routes.Route{}:
		bad("GetRoute without Get")
	case t.Get != nil && (known && t.GetRoute.Vendor != t.Vendor || t.GetRoute.Mutating()):
		bad("GetRoute %s is not a %s read", t.GetRoute, t.Vendor)
	}
	for _, r := range t.Reads {
		if known && r.Vendor != t.Vendor || r.Mutating() {
			bad("Reads: %s is not a %s read", r, t.Vendor)
		}
	}
	for _, calls := range [][]routes.Route{t.InsertRoutes, t.UpdateRoutes, t.DeleteRoutes} {
		for _, r := range calls {
			if known && r.Vendor != t.Vendor {
				bad("a write sends %s, a %s call", r, r.Vendor)
			}
		}
	}
	if t.List == nil {
		bad("missing List")
	}
	if len(t.Keys) == 0 && !t.Singleton {
		bad("no key columns")
	}
	if len(t.Keys) > 0 && t.Singleton {
		bad("a singleton table has no key columns")
	}
	cols := map[string]bool{ConnectionColumn: true}
	for _, c := range t.Columns {
		switch {
		case c.Name == ConnectionColumn:
			bad("column %q is added by the registry; do not declare it", c.Name)
		case !snake.MatchString(c.Name):
			bad("column %q is not snake_case", c.Name)
		case cols[c.Name]:
			bad("column %q declared twice", c.Name)
		}
		cols[c.Name] = true
		if strings.TrimSpace(c.Doc) == "" {
			bad("column %q has no Doc", c.Name)
		}
		if c.Get == nil {
			bad("column %q has no Get", c.Name)
		}
		if c.Type < String || c.Type > JSON {
			bad("column %q has no Type", c.Name)
		}
	}
	for _, list := range []struct {
		what  string
		names []string
	}{{"key", t.Keys}, {"filter", t.Filters}, {"insert", t.InsertCols}, {"required insert", t.InsertNeeds}, {"update", t.UpdateCols}} {
		for _, n := range list.names {
			if !cols[n] {
				bad("%s column %q is not a column", list.what, n)
			}
		}
	}
	if t.Parent != nil && !contains(t.Keys, t.Parent.Column) {
		bad("parent column %q is not a key column", t.Parent.Column)
	}
	if (t.Insert != nil) != (len(t.InsertCols) > 0) {
		bad("Insert and InsertCols go together")
	}
	if (t.Update != nil) != (len(t.UpdateCols) > 0) {
		bad("Update and UpdateCols go together")
	}
	for _, doc := range []struct {
		set  bool
		what string
		text string
	}{{t.Insert != nil, "InsertDoc", t.InsertDoc}, {t.Update != nil, "UpdateDoc", t.UpdateDoc}, {t.Delete != nil, "DeleteDoc", t.DeleteDoc}} {
		if doc.set && doc.text == "" {
			bad("missing %s", doc.what)
		}
	}
	if t.Insert == nil && t.Update == nil && t.Delete == nil && len(t.Procedures) == 0 && t.ReadOnlyNote == "" {
		bad("read-only table without ReadOnlyNote")
	}
	pnames := map[string]bool{}
	for _, p := range t.Procedures {
		if !snake.MatchString(p.Name) || pnames[p.Name] {
			bad("procedure %q: bad or duplicate name", p.Name)
		}
		pnames[p.Name] = true
		if p.Doc == "" || len(p.Routes) == 0 || p.Run == nil {
			bad("procedure %q: needs Doc, Routes and Run", p.Name)
		}
		for _, r := range p.Routes {
			if known && r.Vendor != t.Vendor {
				bad("procedure %q sends %s, a %s call", p.Name, r, r.Vendor)
			}
		}
		params := map[string]bool{}
		for _, a := range p.Params {
			if !snake.MatchString(a.Name) || params[a.Name] || a.Name == ConnectionColumn {
				bad("procedure %q: bad or duplicate parameter %q", p.Name, a.Name)
			}
			params[a.Name] = true
			if a.Doc == "" {
				bad("procedure %q: parameter %q has no Doc", p.Name, a.Name)
			}
		}
		for _, x := range p.Extra {
			if cols[x.Name] || x.Doc == "" {
				bad("procedure %q: extra column %q clashes with a column or has no Doc", p.Name, x.Name)
			}
		}
	}
	if len(t.Examples) == 0 {
		bad("no Examples")
	}
	for _, e := range t.Examples {
		if e.Title == "" || e.SQL == "" {
			bad("example without title or SQL")
		}
	}
	return errors.Join(errs...)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
