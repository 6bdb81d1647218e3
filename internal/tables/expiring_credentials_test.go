package tables_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/inventory"
	"github.com/credsql/credsql/internal/tables"
	"github.com/credsql/credsql/internal/testenv"
)

func TestExpiringCredentialsQuery(t *testing.T) {
	t.Parallel()
	q, err := inventory.LoadFile(filepath.Join("..", "..", "queries", "expiring_credentials_30d.sql"))
	if err != nil {
		t.Fatal(err)
	}
	if q.Title == q.Name || q.Description == "" || q.Severity != "high" || q.Action == "" {
		t.Errorf("header incomplete: %+v", q)
	}
	testenv.Run(t, testenv.Options{}, []testenv.Case{{
		Name: "rows of every vendor, all expiring within 30 days",
		SQL:  q.SQL,
		Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
			now := time.Now().UTC()
			vendors := map[any]int{}
			for _, r := range rows {
				if len(r) != 5 {
					t.Fatalf("row %v: want vendor, connection, kind, id, expires_at", r)
				}
				vendors[r[0]]++
				exp, ok := r[4].(time.Time)
				if !ok || exp.Before(now.Add(-time.Minute)) || exp.After(now.Add(30*24*time.Hour)) {
					t.Errorf("row %v does not expire within 30 days", r)
				}
				if r[1] != "demo" || r[2] == nil || r[3] == nil {
					t.Errorf("row %v", r)
				}
			}
			for _, v := range []string{"okta", "ziti", "opa"} {
				if vendors[v] == 0 {
					t.Errorf("no %s rows in %v", v, rows)
				}
			}
		},
	}})
}

// TestZitiOPATableExamples runs the documented examples of the OpenZiti and OPA tables.
func TestZitiOPATableExamples(t *testing.T) {
	t.Parallel()
	if err := tables.Validate(); err != nil {
		t.Fatal(err)
	}
	e := testenv.New(t, testenv.Options{NoWire: true})
	for _, d := range tables.All() {
		m := d.Meta()
		if m.Vendor != tables.Ziti && m.Vendor != tables.OPA {
			continue
		}
		for _, ex := range m.Examples {
			if _, err := e.Query(ex.SQL); err != nil {
				t.Errorf("%s: %s: %v", m.Name, ex.Title, err)
			}
		}
	}
}
