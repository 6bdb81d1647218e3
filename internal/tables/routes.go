package tables

import (
	"errors"
	"fmt"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/routes"
)

// callOf is a call of route r as the steps of a procedure name it: the method and the
// expanded path.
func callOf(r routes.Route, args ...string) string { return r.Method + " " + r.Expand(args...) }

// checkRoutes refuses a write without the vendor calls it sends, a call of another vendor or
// of no vendor declaration, and a declared write route no table sends: every write's
// behaviour under faults is documented and tested from these lists.
func checkRoutes(metas []*Meta, vendors []fetch.VendorWrites) error {
	var errs []error
	declared := map[string]bool{}
	for _, v := range vendors {
		for _, r := range v.Routes {
			if r.Vendor != v.Vendor {
				errs = append(errs, fmt.Errorf("write route %s: declared by %s for vendor %s", r.Op(), v.Vendor, r.Vendor))
			}
			declared[string(r.Vendor)+" "+r.Op()] = true
		}
	}
	used := map[string]bool{}
	check := func(m *Meta, what string, can bool, routes []fetch.WriteRoute) {
		switch {
		case can && len(routes) == 0:
			errs = append(errs, fmt.Errorf("table %s: %s declares no write routes", m.Name, what))
		case !can && len(routes) > 0:
			errs = append(errs, fmt.Errorf("table %s: %s declares write routes but changes nothing", m.Name, what))
		}
		for _, r := range routes {
			key := string(r.Vendor) + " " + r.Op()
			switch {
			case r.Vendor != m.Vendor:
				errs = append(errs, fmt.Errorf("table %s: %s sends %s, a %s call", m.Name, what, r.Op(), r.Vendor))
			case !declared[key]:
				errs = append(errs, fmt.Errorf("table %s: %s sends %s, which the vendor's writes do not declare", m.Name, what, r.Op()))
			}
			used[key] = true
		}
	}
	for _, m := range metas {
		for _, stmt := range []string{"INSERT", "UPDATE", "DELETE"} {
			check(m, stmt, stmtSupported(m, stmt), m.StatementRoutes(stmt))
		}
		for _, p := range m.Procedures {
			check(m, "procedure "+p.Name, p.Mutating, p.Routes)
		}
	}
	for _, v := range vendors {
		for _, r := range v.Routes {
			if !used[string(r.Vendor)+" "+r.Op()] {
				errs = append(errs, fmt.Errorf("write route %s %s: no table write sends it", r.Vendor, r.Op()))
			}
		}
	}
	return errors.Join(errs...)
}

func stmtSupported(m *Meta, stmt string) bool {
	switch stmt {
	case "INSERT":
		return m.CanInsert
	case "UPDATE":
		return m.CanUpdate
	}
	return m.CanDelete
}

func ordered(defs []Def) []*Meta {
	out := make([]*Meta, len(defs))
	for i, d := range defs {
		out[i] = d.Meta()
	}
	return out
}
