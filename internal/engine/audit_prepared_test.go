package engine_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/audit"
	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/testenv"
)

// A statement prepared on the server that reveals secrets is recorded with its bound values,
// a bound secret masked like a literal one.
func TestAuditPreparedReveal(t *testing.T) {
	t.Parallel()
	sink := &memSink{}
	e := testenv.New(t, testenv.Options{Engine: engine.Options{Audit: sink}})
	row := e.MustQuery("SELECT app_id, id FROM apps_secrets WHERE client_secret IS NOT NULL ORDER BY app_id, id LIMIT 1")[0]
	app, id := row[0].(string), row[1].(string)
	if _, err := e.WireQuery("SET credsql_reveal_secrets = ON"); err != nil {
		t.Fatal(err)
	}
	got, err := e.WireQuery("SELECT id, client_secret FROM apps_secrets WHERE app_id = ? AND id = ?", app, id)
	if err != nil || len(got) != 1 {
		t.Fatalf("SELECT: %v %v", got, err)
	}
	secret := got[0][1].(string)
	sink.take()
	// The secret itself, bound: the record masks it.
	if got, err := e.WireQuery("SELECT id FROM apps_secrets WHERE app_id = ? AND client_secret = ?", app, secret); err != nil || len(got) != 1 {
		t.Fatalf("SELECT by the bound secret: %v %v", got, err)
	}
	var reveals []audit.Record
	for _, r := range sink.take() {
		if r.Action == audit.ActionReveal {
			reveals = append(reveals, r)
		}
	}
	if len(reveals) != 1 {
		t.Fatalf("%d reveal records, want 1:\n%s", len(reveals), sink.text())
	}
	r := reveals[0]
	wantStmt := "SELECT id FROM apps_secrets WHERE app_id = '" + app + "' AND client_secret = '[REDACTED]'"
	wantParams := []string{"'" + app + "'", "'[REDACTED]'"}
	if r.Statement != wantStmt || !slices.Equal(r.Params, wantParams) {
		t.Errorf("statement %s params %q, want %s %q", r.Statement, r.Params, wantStmt, wantParams)
	}
	if strings.Contains(sink.text(), secret) {
		t.Errorf("the log holds the secret:\n%s", sink.text())
	}
}
