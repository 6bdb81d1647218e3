package docgen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/tables"
)

// The committed reference must be what the definitions generate: `make docs` fixes a failure.
func TestCommittedDocsAreCurrent(t *testing.T) {
	if diffs := Check("../../docs/tables"); len(diffs) > 0 {
		t.Fatalf("docs/tables is out of date; run 'make docs':\n  %s", strings.Join(diffs, "\n  "))
	}
}

func TestCheckFindsDrift(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir); err != nil {
		t.Fatal(err)
	}
	if diffs := Check(dir); len(diffs) != 0 {
		t.Fatalf("fresh output differs: %v", diffs)
	}
	if err := os.WriteFile(filepath.Join(dir, "apps.md"), []byte("edited by hand\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "gone.md"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "idps.md"))
	diffs := strings.Join(Check(dir), "\n")
	for _, want := range []string{"apps.md: differs", "gone.md: not generated any more", "idps.md: missing"} {
		if !strings.Contains(diffs, want) {
			t.Errorf("Check did not report %q:\n%s", want, diffs)
		}
	}
}

// The writes page has a row for every vendor call of every write of the registry, with the
// call's retry behaviour, and the 429 behaviour of every vendor.
func TestWritesPageCoversEveryWrite(t *testing.T) {
	page := string(writesPage())
	for _, d := range tables.All() {
		m := d.Meta()
		check := func(write string, routes []fetch.WriteRoute) {
			for _, r := range routes {
				row := "| " + write + " | `" + r.Op() + "` | " + onLost(r) + " |"
				if !strings.Contains(page, row) {
					t.Errorf("no row %q", row)
				}
			}
		}
		for _, stmt := range m.WriteStatements() {
			check("`"+stmt+"` "+m.Name, m.StatementRoutes(stmt))
		}
		for _, p := range m.Procedures {
			if p.Mutating {
				check("`CALL "+p.FullName+"`", p.Routes)
			}
		}
	}
	for _, v := range tables.VendorWrites() {
		if row := "| " + v.Vendor.Title() + " | " + on429(v) + " |"; !strings.Contains(page, row) {
			t.Errorf("no row %q", row)
		}
	}
	if !strings.Contains(onLost(fetch.WriteRoute{}), "not sent again") || onLost(fetch.WriteRoute{Idempotent: true}) != "sent again" {
		t.Error("onLost does not tell idempotent calls from the others")
	}
}
