package engine_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/credsql/credsql/internal/audit"
	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/testenv"
)

// memSink collects audit records.
type memSink struct {
	mu      sync.Mutex
	records []audit.Record
	buf     bytes.Buffer // the same records as JSON lines, as the file would hold them
}

func (m *memSink) Write(r audit.Record) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.records = append(m.records, r)
	b, _ := json.Marshal(r)
	m.buf.Write(append(b, '\n'))
	return nil
}

func (m *memSink) take() []audit.Record {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := m.records
	m.records = nil
	return out
}

func (m *memSink) text() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.buf.String()
}

const (
	secretsRoute   = "POST /api/v1/apps/{appId}/credentials/secrets"
	zitiPatchRoute = "PATCH /current-identity/authenticators/{id}"
)

func TestAuditLog(t *testing.T) {
	t.Parallel()
	for _, wire := range []bool{false, true} {
		path := map[bool]string{false: "in-process", true: "wire"}[wire]
		t.Run(path, func(t *testing.T) {
			sink := &memSink{}
			e := testenv.New(t, testenv.Options{NoWire: !wire, Engine: engine.Options{Audit: sink}})
			run := func(q string) error {
				var err error
				if wire {
					_, err = e.WireQuery(q)
				} else {
					_, err = e.Query(q)
				}
				return err
			}
			app := e.MustQuery("SELECT app_id FROM apps_secrets GROUP BY app_id HAVING COUNT(*) = 1 LIMIT 1")[0][0].(string)
			updb := e.MustQuery("SELECT id FROM ziti_authenticators WHERE method = 'updb'")[0][0].(string)
			sink.take() // logins and reads are not audited; nothing so far

			const secret = "s3cret-Value-0123456789"
			if err := run("INSERT INTO apps_secrets (app_id, client_secret) VALUES ('" + app + "', '" + secret + "')"); err != nil {
				t.Fatal(err)
			}
			zitiPW := e.Sim.Options().ZitiPassword
			if err := run("CALL ziti_authenticators_patch('" + updb + "', '" + zitiPW + "', NULL, CONCAT('new-pass', 'word-42'))"); err != nil {
				t.Fatal(err)
			}
			e.Sim.Inject(sim.Injection{Route: secretsRoute, Kind: sim.FaultStatus, Status: 400})
			if err := run("INSERT INTO apps_secrets (app_id) VALUES ('" + app + "')"); err == nil {
				t.Fatal("the refused INSERT succeeded")
			}
			e.Sim.Inject(sim.Injection{Route: secretsRoute, Kind: sim.Fault5xx, Apply: true})
			if err := run("INSERT INTO apps_secrets (app_id) VALUES ('" + app + "')"); err == nil {
				t.Fatal("the INSERT whose answer was lost succeeded")
			}
			if err := run("SELECT * FROM apps_secrets WHERE app_id = '" + app + "'"); err != nil {
				t.Fatal(err)
			}

			recs := sink.take()
			if len(recs) != 4 {
				t.Fatalf("%d records, want one per mutating call (4):\n%s", len(recs), sink.text())
			}
			wantUser, wantClient := "test", "in-process"
			for i, r := range recs {
				if r.User != wantUser || r.Time.IsZero() || r.Vendor == "" || r.Connection != "demo" || r.Attempts != 1 {
					t.Errorf("record %d: %+v", i, r)
				}
				if wire {
					if r.ConnID == 0 || !strings.HasPrefix(r.Client, "127.0.0.1:") {
						t.Errorf("record %d over the wire: connection %d, client %q", i, r.ConnID, r.Client)
					}
				} else if r.Client != wantClient {
					t.Errorf("record %d in-process: client %q", i, r.Client)
				}
			}
			check := func(r audit.Record, method, route string, status int, outcome string, stmtHas ...string) {
				t.Helper()
				if r.Method != method || r.Route != route || r.Status != status || r.Outcome != outcome {
					t.Errorf("record %s %s %d %s, want %s %s %d %s", r.Method, r.Route, r.Status, r.Outcome, method, route, status, outcome)
				}
				for _, s := range stmtHas {
					if !strings.Contains(r.Statement, s) {
						t.Errorf("statement %q lacks %q", r.Statement, s)
					}
				}
			}
			check(recs[0], "POST", secretsRoute, 201, "ok", "'"+app+"'", "'[REDACTED]'")
			if recs[0].RequestID == "" {
				t.Errorf("the INSERT's record has no vendor request id")
			}
			check(recs[1], "PATCH", zitiPatchRoute, 200, "ok", "'"+updb+"'", "CONCAT('[REDACTED]', '[REDACTED]')")
			check(recs[2], "POST", secretsRoute, 400, "refused")
			check(recs[3], "POST", secretsRoute, 500, "unknown")
			if recs[3].RequestID == "" || !strings.Contains(recs[3].Error, "outcome unknown") {
				t.Errorf("the lost answer's record: request id %q, error %q", recs[3].RequestID, recs[3].Error)
			}
			// A multi-row INSERT: the first row (no secret) is audited before the second row's
			// secret is known to be one.
			const second = "second-row-secret-0123456789"
			other := e.MustQuery("SELECT app_id FROM apps_secrets GROUP BY app_id HAVING COUNT(*) = 1 LIMIT 1")[0][0].(string)
			_ = run("INSERT INTO apps_secrets (app_id, client_secret) VALUES ('" + other + "', NULL), ('" + other + "', '" + second + "')")
			if recs := sink.take(); len(recs) != 2 {
				t.Errorf("multi-row INSERT: %d records, want 2", len(recs))
			}
			for _, s := range []string{secret, zitiPW, "new-password-42", "new-pass", "word-42", second} {
				if strings.Contains(sink.text(), s) {
					t.Errorf("the audit log holds %q:\n%s", s, sink.text())
				}
			}
		})
	}
}
