package inventory_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/inventory"
	"github.com/credsql/credsql/internal/testenv"
)

// TestLoadRefusesABrokenPack: a folder without saved queries, and a saved query that does not
// parse, are errors; the second names its file.
func TestLoadRefusesABrokenPack(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if _, err := inventory.Load(dir); err == nil || err.Error() != "no .sql files in "+dir {
		t.Errorf("empty folder: %v", err)
	}
	bad := filepath.Join(dir, "bad.sql")
	if err := os.WriteFile(bad, []byte("-- title: x\nDELETE FROM idps_keys\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := inventory.Load(dir); err == nil || !strings.HasPrefix(err.Error(), bad+": a saved query only reads") {
		t.Errorf("broken query: %v", err)
	}
}

// TestExecRefusesAStatementWithoutRows: a query that slipped past Parse (built in code) and
// returns no result set is an error, not an empty finding list.
func TestExecRefusesAStatementWithoutRows(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{NoWire: true})
	r := inventory.Exec(context.Background(), e.Session, inventory.Query{Name: "set", SQL: "SET @x = 1"})
	if r.Err == nil || r.Err.Error() != "the statement returned no rows: a saved query must be a SELECT" {
		t.Errorf("Exec: %v", r.Err)
	}
}
