package inventory

import (
	"slices"
	"strings"

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
// literals and comments.
func identifiers(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\'' || c == '"':
			i = skipQuoted(s, i, c)
		case c == '`':
			end := strings.IndexByte(s[i+1:], '`')
			if end < 0 {
				return append(out, s[i+1:])
			}
			out = append(out, s[i+1:i+1+end])
			i += end + 2
		case c == '#' || c == '-' && strings.HasPrefix(s[i:], "--") && (i+2 == len(s) || s[i+2] == ' ' || s[i+2] == '\t' || s[i+2] == '\n' || s[i+2] == '\r'):
			end := strings.IndexByte(s[i:], '\n')
			if end < 0 {
				return out
			}
			i += end + 1
		case c == '/' && strings.HasPrefix(s[i:], "/*"):
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				return out
			}
			i += end + 4
		case isIdentByte(c):
			j := i
			for j < len(s) && isIdentByte(s[j]) {
				j++
			}
			out = append(out, s[i:j])
			i = j
		default:
			i++
		}
	}
	return out
}

func skipQuoted(s string, i int, quote byte) int {
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case quote:
			if j+1 < len(s) && s[j+1] == quote { // '' inside '...'
				j++
				continue
			}
			return j + 1
		}
	}
	return len(s)
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
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
