package archtest

import (
	"go/build"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

const module = "github.com/credsql/credsql/"

// imports reads the direct imports of every package under internal/ and cmd/ from its
// non-test files, as built (CGO off, gms_pure_go), keyed by path relative to the module.
func imports(t *testing.T) map[string][]string {
	t.Helper()
	ctx := build.Default
	ctx.CgoEnabled = false
	ctx.BuildTags = append(ctx.BuildTags, "gms_pure_go")
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, top := range []string{"internal", "cmd"} {
		err := filepath.WalkDir(filepath.Join(root, top), func(dir string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() {
				return nil
			}
			if d.Name() == "node_modules" || d.Name() == "testdata" {
				return filepath.SkipDir
			}
			p, err := ctx.ImportDir(dir, 0)
			if err != nil {
				if _, ok := err.(*build.NoGoError); ok {
					return nil
				}
				return err
			}
			rel, _ := filepath.Rel(root, dir)
			out[filepath.ToSlash(rel)] = p.Imports
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(out) < 20 {
		t.Fatalf("found %d packages: the walk is not reading the tree", len(out))
	}
	return out
}

// closure returns every package pkg reaches through imports (module-relative for credsql's
// own packages, full paths for the rest).
func closure(graph map[string][]string, pkg string) map[string]bool {
	seen := map[string]bool{}
	var walk func(p string)
	walk = func(p string) {
		for _, imp := range graph[p] {
			if rel, ok := strings.CutPrefix(imp, module); ok {
				imp = rel
			}
			if !seen[imp] {
				seen[imp] = true
				walk(imp)
			}
		}
	}
	walk(pkg)
	return seen
}

func reaches(graph map[string][]string, pkg, prefix string) []string {
	var hit []string
	for p := range closure(graph, pkg) {
		if p == prefix || strings.HasPrefix(p, prefix+"/") {
			hit = append(hit, p)
		}
	}
	sort.Strings(hit)
	return hit
}

func TestImportsFlowOneWay(t *testing.T) {
	t.Parallel()
	graph := imports(t)
	forbidden := []struct {
		pkg, must string
		not       []string
	}{
		// The engine adapts go-mysql-server to the tables; how results are shown is its callers' business.
		{"internal/engine", "the engine", []string{"internal/render", "internal/report", "internal/repl", "internal/inventory", "internal/plan", "internal/metrics", "internal/progress", "cmd"}},
		{"internal/tables", "the tables", []string{"internal/engine", "internal/render", "internal/sim", "github.com/dolthub/go-mysql-server"}},
		{"internal/fetch", "fetch", []string{"internal/tables", "internal/engine", "internal/sim", "internal/fetch/okta", "internal/fetch/ziti", "internal/fetch/opa"}},
		{"internal/fetch/okta", "a vendor client", []string{"internal/tables", "internal/engine", "internal/sim"}},
		{"internal/fetch/ziti", "a vendor client", []string{"internal/tables", "internal/engine", "internal/sim"}},
		{"internal/fetch/opa", "a vendor client", []string{"internal/tables", "internal/engine", "internal/sim"}},
		// The simulator is the tests' independent implementation of the vendor contracts: it
		// shares only the route catalog (names and paths), never the client code.
		{"internal/sim", "the simulator", []string{"internal/fetch", "internal/tables", "internal/engine", "github.com/go-resty/resty"}},
		{"internal/render", "the renderer", []string{"internal/engine", "github.com/dolthub/go-mysql-server"}},
		{"internal/routes", "the route catalog", []string{"internal/fetch", "internal/tables", "internal/sim"}},
	}
	for _, f := range forbidden {
		if _, ok := graph[f.pkg]; !ok {
			t.Errorf("package %s not found", f.pkg)
			continue
		}
		for _, n := range f.not {
			if hit := reaches(graph, f.pkg, n); len(hit) > 0 {
				t.Errorf("%s (%s) imports %v", f.must, f.pkg, hit)
			}
		}
	}
}

// Only fetch talks HTTP through resty; only the engine (and the test support that drives
// it: testenv, which also reads examples with the vitess parser, and difftest's reference
// engine) imports go-mysql-server and vitess.
func TestDependenciesStayInTheirLayer(t *testing.T) {
	t.Parallel()
	graph := imports(t)
	owners := map[string][]string{
		"github.com/go-resty/resty":          {"internal/fetch"},
		"github.com/dolthub/go-mysql-server": {"internal/engine", "internal/testenv", "internal/difftest"},
		"github.com/dolthub/vitess":          {"internal/engine", "internal/testenv", "internal/difftest"},
	}
	for dep, allowed := range owners {
		for pkg, imps := range graph {
			for _, imp := range imps {
				if (imp == dep || strings.HasPrefix(imp, dep+"/")) && !contains(allowed, pkg) {
					t.Errorf("%s imports %s; only %v may", pkg, imp, allowed)
				}
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
