package routes_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"github.com/credsql/credsql/internal/routes/oparoutes"
	"github.com/credsql/credsql/internal/routes/zitiroutes"
)

// catalog is one vendor's catalog: its package, its All list and the fetch package that
// sends its calls.
type catalog struct {
	vendor routes.Vendor
	pkg    string // directory under internal/routes and the package name
	all    []routes.Route
	fetch  string // directory of the vendor's fetch package, from internal/routes
}

var catalogs = []catalog{
	{routes.Okta, "oktaroutes", oktaroutes.All, "../fetch/okta"},
	{routes.Ziti, "zitiroutes", zitiroutes.All, "../fetch/ziti"},
	{routes.OPA, "oparoutes", oparoutes.All, "../fetch/opa"},
}

// declared returns the names of the package-level variables of type routes.Route a catalog
// package declares, read from its source: the declarations, not the All list.
func declared(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	for _, f := range parseDir(t, dir) {
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.VAR {
				continue
			}
			for _, sp := range g.Specs {
				for _, n := range sp.(*ast.ValueSpec).Names {
					if n.Name != "All" {
						names = append(names, n.Name)
					}
				}
			}
		}
	}
	return names
}

func parseDir(t *testing.T, dir string) []*ast.File {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	fset := token.NewFileSet()
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	return files
}

// uses returns the names of pkg the non-test Go files of dir refer to (pkg.Name).
func uses(t *testing.T, dir, pkg string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for _, f := range parseDir(t, dir) {
		ast.Inspect(f, func(n ast.Node) bool {
			if s, ok := n.(*ast.SelectorExpr); ok {
				if id, ok := s.X.(*ast.Ident); ok && id.Name == pkg {
					out[s.Sel.Name] = true
				}
			}
			return true
		})
	}
	return out
}

// Every entry a catalog declares is in its All list, once, and no two entries share a
// method and path.
func TestAllListsEveryDeclaredEntry(t *testing.T) {
	t.Parallel()
	for _, c := range catalogs {
		names := declared(t, c.pkg)
		if len(names) != len(c.all) {
			t.Errorf("%s declares %d routes, All lists %d: declare each endpoint once and list it in All", c.pkg, len(names), len(c.all))
		}
		seen := map[string]bool{}
		for _, r := range c.all {
			if seen[r.Op()] {
				t.Errorf("%s: %s listed twice", c.pkg, r.Op())
			}
			seen[r.Op()] = true
		}
	}
}

// Every catalog entry is sent by its vendor's fetch package: a declared endpoint nothing
// calls is dead, and the docs would name permissions credsql never needs.
func TestEveryEntryIsUsedByFetch(t *testing.T) {
	t.Parallel()
	for _, c := range catalogs {
		used := uses(t, c.fetch, c.pkg)
		for _, name := range declared(t, c.pkg) {
			if !used[name] {
				t.Errorf("%s.%s: no function of %s sends it", c.pkg, name, c.fetch)
			}
		}
		for name := range used {
			if !slices.Contains(declared(t, c.pkg), name) && name != "All" && !isConst(name) {
				t.Errorf("%s uses %s.%s, which is not a declared route", c.fetch, c.pkg, name)
			}
		}
	}
}

// isConst reports names of the catalogs' exported constants (permissions, buckets), which
// fetch may read too.
func isConst(name string) bool {
	switch name {
	case "Admin", "Self", "Credential":
		return true
	}
	return strings.HasSuffix(name, "Bucket") || strings.HasSuffix(name, "Read") || strings.HasSuffix(name, "Manage")
}

// The fields of every entry agree with one another and with its vendor's rules.
func TestEntriesAreConsistent(t *testing.T) {
	t.Parallel()
	for _, c := range catalogs {
		for _, r := range c.all {
			op := c.pkg + " " + r.Op()
			switch {
			case r.Vendor != c.vendor:
				t.Errorf("%s: vendor %s", op, r.Vendor)
			case !strings.HasPrefix(r.Path, "/") || strings.ContainsAny(r.Path, "?# "):
				t.Errorf("%s: the path is not a template relative to the base URL", op)
			case r.Needs == "" || r.Doc == "":
				t.Errorf("%s: no Needs or Doc", op)
			case r.Mutating() && r.Why == "":
				t.Errorf("%s: a write without Why (whether it may be sent again)", op)
			case !r.Mutating() && (r.Why != "" || r.Idempotent):
				t.Errorf("%s: a read or login with a retry rule", op)
			case r.Paging.List() && r.Method != "GET":
				t.Errorf("%s: only a GET answers a list", op)
			case r.Login && r.Method == "GET":
				t.Errorf("%s: a login that reads", op)
			}
			for _, p := range r.Params() {
				if p == "" || strings.ContainsAny(p, "{}/") {
					t.Errorf("%s: bad parameter %q", op, p)
				}
			}
			switch c.vendor {
			case routes.Okta:
				// Okta's scopes: okta.<family>.read for a read, okta.<family>.manage for a write.
				want := ".read"
				if r.Mutating() {
					want = ".manage"
				}
				if !strings.HasPrefix(r.Needs, "okta.") || !strings.HasSuffix(r.Needs, want) {
					t.Errorf("%s: needs %q, want an okta.*%s scope", op, r.Needs, want)
				}
				if r.Bucket == "" {
					t.Errorf("%s: no rate-limit bucket", op)
				}
			default:
				if r.Bucket != "" {
					t.Errorf("%s: a bucket, but %s counts all calls together", op, c.vendor)
				}
			}
		}
	}
}

// Expand puts each argument in exactly one segment, in order.
func TestExpand(t *testing.T) {
	t.Parallel()
	r := routes.Route{Method: "GET", Path: "/a/{x}/b/{y}"}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"1", "2"}, "/a/1/b/2"},
		{[]string{"x/y", "a b"}, "/a/x%2Fy/b/a%20b"},
		{[]string{"..", ""}, "/a/%2E%2E/b/"},
		{[]string{"?q#f"}, "/a/%3Fq%23f/b/"},
	} {
		if got := r.Expand(c.args...); got != c.want {
			t.Errorf("Expand(%q) = %q, want %q", c.args, got, c.want)
		}
	}
	if got := r.Params(); !slices.Equal(got, []string{"x", "y"}) {
		t.Errorf("Params() = %q", got)
	}
	if r.Op() != "GET /a/{x}/b/{y}" {
		t.Errorf("Op() = %q", r.Op())
	}
}
