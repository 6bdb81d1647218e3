package inventory

import (
	"slices"
	"strings"

	"github.com/credsql/credsql/internal/sqltext"
	"github.com/credsql/credsql/internal/tables"
)

// tableVendors maps every credsql table to its vendor.
var tableVendors = func() map[string]string {
	m := map[string]string{}
	for _, d := range tables.All() {
		meta := d.Meta()
		m[meta.Name] = string(meta.Vendor)
	}
	return m
}()

// vendorsOf returns the vendors whose tables a statement reads, in tables.Vendors order. It
// looks at identifiers outside strings and comments: a column or alias spelled like a table
// counts too, which errs on the side of needing a vendor.
func vendorsOf(sqlText string) []string {
	seen := map[string]bool{}
	for _, id := range identifiers(sqlText) {
		if v, ok := tableVendors[strings.ToLower(id)]; ok {
			seen[v] = true
		}
	}
	var out []string
	for _, v := range []string{string(tables.Okta), string(tables.Ziti), string(tables.OPA)} {
		if seen[v] {
			out = append(out, v)
		}
	}
	return out
}

// identifiers returns the bare and backquoted identifiers of a MySQL statement, skipping string
// literals and comments (not executable comments, whose content MySQL runs).
func identifiers(s string) []string {
	var out []string
	for _, t := range sqltext.Tokens(s) {
		switch t.Kind {
		case sqltext.Word:
			out = append(out, t.Text(s))
		case sqltext.QuotedIdent:
			out = append(out, sqltext.Unquote(t.Text(s)))
		case sqltext.ExecComment:
			out = append(out, identifiers(sqltext.ExecBody(t.Text(s)))...)
		}
	}
	return out
}

// Missing returns the vendors the query reads that are not in configured.
func (q Query) Missing(configured []string) []string {
	var out []string
	for _, v := range q.Vendors {
		if !slices.Contains(configured, v) {
			out = append(out, v)
		}
	}
	return out
}
