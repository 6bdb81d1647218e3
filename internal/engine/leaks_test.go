package engine_test

import (
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/credsql/credsql/internal/config"
	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/tables"
	"github.com/credsql/credsql/internal/testenv"
)

// leakWatch is everything credsql says outside result rows: its debug log, go-mysql-server's
// log, every error message and every audit record.
type leakWatch struct {
	log     testenv.Buffer
	gms     *testenv.Buffer
	audit   *memSink
	mu      sync.Mutex
	errs    []string
	queries int
}

func (w *leakWatch) options(o testenv.Options) testenv.Options {
	logger := slog.New(slog.NewTextHandler(&w.log, &slog.HandlerOptions{Level: slog.LevelDebug}))
	o.Settings.Logger = logger
	o.Engine.Logger = logger
	o.Engine.Audit = w.audit
	return o
}

// run runs a statement both ways, remembering its error message; rows may hold secrets (the
// user asked for them) and are returned.
func (w *leakWatch) run(e *testenv.Env, wire bool, q string) [][]any {
	var rows [][]any
	var err error
	if wire {
		rows, err = e.WireQuery(q)
	} else {
		rows, err = e.Query(q)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.queries++
	if err != nil {
		// The statement itself may hold a secret the user typed: only the error is checked.
		w.errs = append(w.errs, err.Error())
	}
	return rows
}

// check fails the test for every secret found outside result rows.
func (w *leakWatch) check(t *testing.T, secrets []string) {
	t.Helper()
	w.mu.Lock()
	errs := strings.Join(w.errs, "\n")
	w.mu.Unlock()
	gms := ""
	if w.gms != nil {
		gms = w.gms.String()
	}
	places := map[string]string{"the debug log": w.log.String(), "go-mysql-server's log": gms,
		"an error message": errs, "the audit log": w.audit.text()}
	seen := map[string]bool{}
	for _, s := range secrets {
		if len(s) < 6 || seen[s] {
			continue
		}
		seen[s] = true
		for where, text := range places {
			if i := strings.Index(text, s); i >= 0 {
				from, to := max(0, i-200), min(len(text), i+len(s)+100)
				t.Errorf("secret %q appears in %s: ...%s...", s, where, text[from:to])
			}
		}
	}
	if !strings.Contains(w.log.String(), "level=DEBUG msg=\"api call") {
		t.Errorf("no debug log line was captured: the test would see no leak")
	}
	t.Logf("%d statements, %d errors, %d audit records, %d bytes of log checked for %d secrets",
		w.queries, len(w.errs), len(w.audit.take()), len(w.log.String()), len(seen))
}

// suite is every read of the query suite: every table, every documented example, every saved
// query.
func suite(t *testing.T) []string {
	t.Helper()
	var qs []string
	for _, d := range tables.All() {
		m := d.Meta()
		qs = append(qs, "SELECT * FROM "+m.Name)
		for _, ex := range m.Examples {
			qs = append(qs, ex.SQL)
		}
	}
	qs = append(qs, testenv.SavedQueries(t)...)
	return qs
}

// TestNoSecretLeaks runs the query suite, every kind of write that carries a secret, and the
// failures around them (wrong credentials, refused and lost writes, faults), with debug
// logging and an audit log, and looks for every credential and secret involved in everything
// credsql says outside result rows. Revealed secrets may appear only in the rows of the
// queries that asked for them.
func TestNoSecretLeaks(t *testing.T) {
	// Not parallel: it redirects logrus's global output.
	gms := &testenv.Buffer{}
	logrus.SetOutput(gms)
	defer logrus.SetOutput(os.Stderr)

	paths := []bool{false, true}
	if testing.Short() {
		paths = paths[:1]
	}
	for _, wire := range paths {
		t.Run(map[bool]string{false: "in-process", true: "wire"}[wire], func(t *testing.T) {
			w := &leakWatch{audit: &memSink{}}
			// A timeout fault ends its attempt when the simulator holds it, not after 60 ms of
			// wall clock, which a fault-free call can take on a loaded machine (60 ms is only
			// what the error says).
			st := testenv.NewStallTimeouts()
			e := testenv.New(t, w.options(testenv.Options{NoWire: !wire,
				Settings: tables.Settings{MaxRetries: -1, Timeout: 60 * time.Millisecond, AttemptTimeout: st.Timeout, WrapTransport: st.Tag},
				Sim:      sim.Options{Faults: sim.Faults{Stall: 150 * time.Millisecond, OnStall: st.Expire}}}))
			o := e.Sim.Options()
			secrets := []string{o.OktaToken, o.OktaAccessToken, o.ZitiPassword, o.OPAKeySecret}

			for _, q := range suite(t) {
				w.run(e, wire, q)
			}
			// Faults: failed calls are logged and reported.
			e.Sim.SetFaults(sim.Faults{Rate: 0.3, Seed: 7, Stall: 150 * time.Millisecond, OnStall: st.Expire})
			for _, q := range suite(t) {
				w.run(e, wire, q)
			}
			e.Sim.SetFaults(sim.Faults{})

			// Okta client secrets: created, refused (too short: Okta's message names the
			// field), lost after being applied.
			app := e.MustQuery("SELECT app_id FROM apps_secrets GROUP BY app_id HAVING COUNT(*) = 1 LIMIT 1")[0][0].(string)
			created, short, lost := "Leak-Client-Secret-0001", "Leak-Short01", "Leak-Client-Secret-0003"
			secrets = append(secrets, created, short, lost)
			w.run(e, wire, fmt.Sprintf("INSERT INTO apps_secrets (app_id, client_secret) VALUES ('%s', '%s')", app, created))
			w.run(e, wire, fmt.Sprintf("INSERT INTO apps_secrets (app_id, client_secret) VALUES ('%s', '%s')", app, short))
			e.Sim.Inject(sim.Injection{Route: "POST /api/v1/apps/{appId}/credentials/secrets", Kind: sim.Fault5xx, Apply: true})
			w.run(e, wire, fmt.Sprintf("INSERT INTO apps_secrets (app_id, client_secret) VALUES ('%s', '%s')", app, lost))

			// OpenZiti passwords: a wrong current password (401 that is the user's error), a
			// change and its revert.
			updb := e.MustQuery("SELECT id FROM ziti_authenticators WHERE method = 'updb'")[0][0].(string)
			wrongPW, newPW := "Leak-Wrong-Current-PW", "Leak-New-Ziti-PW-0001"
			secrets = append(secrets, wrongPW, newPW)
			w.run(e, wire, fmt.Sprintf("CALL ziti_authenticators_patch('%s', '%s', NULL, '%s')", updb, wrongPW, newPW))
			w.run(e, wire, fmt.Sprintf("CALL ziti_authenticators_patch('%s', '%s', NULL, '%s')", updb, o.ZitiPassword, newPW))
			w.run(e, wire, fmt.Sprintf("CALL ziti_authenticators_update('%s', '%s', '%s', '%s')", updb, newPW, o.ZitiUsername, o.ZitiPassword))

			// OPA key rotation: the new secret is shown once, in the procedure's row.
			rows := w.run(e, wire, "CALL opa_service_user_keys_rotate('ci-deploy')")
			if len(rows) != 1 {
				t.Fatalf("rotate returned %v", rows)
			}
			rotated, _ := rows[0][len(rows[0])-1].(string)
			if len(rotated) < 6 {
				t.Fatalf("rotate returned no secret: %v", rows[0])
			}
			secrets = append(secrets, rotated)

			// Revealed secrets and session tokens: in rows only.
			w.run(e, wire, "SET credsql_reveal_secrets = ON")
			for _, q := range []string{"SELECT client_secret FROM apps_secrets", "SELECT token FROM ziti_api_sessions"} {
				for _, r := range w.run(e, wire, q) {
					if s, ok := r[0].(string); ok {
						secrets = append(secrets, s)
					}
				}
			}
			// The session's own secrets, revealed: every read again, with faults.
			e.Sim.SetFaults(sim.Faults{Rate: 0.3, Seed: 8, Stall: 150 * time.Millisecond, OnStall: st.Expire})
			for _, q := range suite(t) {
				w.run(e, wire, q)
			}
			e.Sim.SetFaults(sim.Faults{})
			w.run(e, wire, "SET credsql_reveal_secrets = OFF")

			secrets = append(secrets, e.Sim.OPABearerTokens()...)
			secrets = append(secrets, e.Sim.ZitiSessionTokens()...)
			w.gms = gms
			w.check(t, secrets)
		})
	}
}

// Wrong credentials: the vendors' refusals name the connection and where its credential comes
// from, never the credential.
func TestNoSecretLeaksOnRejectedCredentials(t *testing.T) {
	const oktaToken, zitiPW, opaSecret = "Leak-Okta-Token-0001", "Leak-Ziti-Password-0001", "Leak-OPA-Key-Secret-0001"
	w := &leakWatch{audit: &memSink{}}
	e := testenv.New(t, w.options(testenv.Options{NoWire: true, Configure: func(c *config.Config) {
		for i := range c.Connections {
			switch c.Connections[i].Vendor {
			case config.Okta:
				c.Connections[i].Token = oktaToken
			case config.Ziti:
				c.Connections[i].Password = zitiPW
			case config.OPA:
				c.Connections[i].KeySecret = opaSecret
			}
		}
	}}))
	for _, q := range suite(t) {
		w.run(e, false, q)
	}
	if len(w.errs) == 0 {
		t.Fatal("no query failed: the credentials were not rejected")
	}
	w.check(t, []string{oktaToken, zitiPW, opaSecret})
}
