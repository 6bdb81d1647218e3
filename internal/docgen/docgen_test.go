package docgen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	for _, want := range []string{"apps.md: differs", "gone.md: no such table", "idps.md: missing"} {
		if !strings.Contains(diffs, want) {
			t.Errorf("Check did not report %q:\n%s", want, diffs)
		}
	}
}
