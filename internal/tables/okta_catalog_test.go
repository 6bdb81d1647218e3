package tables_test

import (
	"context"
	"errors"
	"github.com/credsql/credsql/internal/routes"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"github.com/credsql/credsql/internal/tables"
	"github.com/credsql/credsql/internal/testenv"
)

func TestOktaProcedureCatalog(t *testing.T) {
	t.Parallel()
	testenv.Run(t, testenv.Options{}, []testenv.Case{{
		Name: "credsql_procedures lists the Okta procedures and their parameters",
		SQL: "SELECT procedure_name, table_name, call_syntax, exec_syntax, mutating, api_call FROM credsql_procedures " +
			"WHERE table_name IN ('app_csrs', 'app_keys', 'apps_secrets') ORDER BY procedure_name",
		Want: [][]any{
			{"app_csrs_publish", "app_csrs", "CALL app_csrs_publish(app_id, csr_id, certificate)",
				"EXEC app_csrs.publish @app_id = ..., @csr_id = ..., @certificate = ...", int64(1),
				"GET /api/v1/apps/{appId}/credentials/csrs/{csrId}, then POST /api/v1/apps/{appId}/credentials/csrs/{csrId}/lifecycle/publish"},
			{"app_keys_clone", "app_keys", "CALL app_keys_clone(app_id, kid, target_app_id)",
				"EXEC app_keys.clone @app_id = ..., @kid = ..., @target_app_id = ...", int64(1),
				"POST /api/v1/apps/{appId}/credentials/keys/{keyId}/clone (targetAid=...)"},
			{"app_keys_generate", "app_keys", "CALL app_keys_generate(app_id, validity_years)",
				"EXEC app_keys.generate @app_id = ..., @validity_years = ...", int64(1),
				"POST /api/v1/apps/{appId}/credentials/keys/generate (validityYears=N)"},
			{"app_keys_rotate", "app_keys", "CALL app_keys_rotate(app_id, validity_years)",
				"EXEC app_keys.rotate @app_id = ..., @validity_years = ...", int64(1),
				"GET /api/v1/apps/{appId}, then POST /api/v1/apps/{appId}/credentials/keys/generate, then PUT /api/v1/apps/{appId} " +
					"(validityYears=N; the app is read again just before the PUT)"},
			{"apps_secrets_activate", "apps_secrets", "CALL apps_secrets_activate(app_id, secret_id)",
				"EXEC apps_secrets.activate @app_id = ..., @secret_id = ...", int64(1),
				"POST /api/v1/apps/{appId}/credentials/secrets/{secretId}/lifecycle/activate"},
			{"apps_secrets_deactivate", "apps_secrets", "CALL apps_secrets_deactivate(app_id, secret_id)",
				"EXEC apps_secrets.deactivate @app_id = ..., @secret_id = ...", int64(1),
				"POST /api/v1/apps/{appId}/credentials/secrets/{secretId}/lifecycle/deactivate"},
		},
		Calls: testenv.N(0),
	}, {
		Name:      "SHOW TABLES has every Okta table",
		SQL:       "SELECT table_name FROM information_schema.tables WHERE table_schema = 'credsql' AND table_name IN ('apps', 'app_keys', 'app_csrs', 'apps_secrets', 'idps', 'idps_keys')",
		WantCount: 6,
	}, {
		Name: "every column carries its description",
		SQL: "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = 'credsql' AND table_name IN ('app_csrs', 'apps_secrets', 'idps', 'idps_keys') " +
			"AND (column_comment IS NULL OR column_comment = '')",
		Want: [][]any{{int64(0)}},
	}})
}

// TestOktaTableExamples runs every documented example of the Okta tables, SELECT * and
// DESCRIBE, in-process and over the wire.
func TestOktaTableExamples(t *testing.T) {
	t.Parallel()
	var cases []testenv.Case
	for _, d := range tables.All() {
		m := d.Meta()
		if m.Vendor != tables.Okta {
			continue
		}
		for _, ex := range m.Examples {
			cases = append(cases, testenv.Case{Name: m.Name + ": " + ex.Title, SQL: ex.SQL})
		}
		cases = append(cases,
			testenv.Case{Name: m.Name + ": SELECT *", SQL: "SELECT * FROM " + m.Name},
			testenv.Case{Name: m.Name + ": DESCRIBE", SQL: "DESCRIBE " + m.Name, WantCount: len(m.Columns), Calls: testenv.N(0)})
	}
	if len(cases) < 12 {
		t.Fatalf("only %d Okta examples", len(cases))
	}
	testenv.Run(t, testenv.Options{}, cases)
}

func TestAppKeysProcedures(t *testing.T) {
	t.Parallel()
	target := func(e *testenv.Env) string { return appByLabel(e.T, e, "Zoom") }
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			Name:    "validity_years below 2 is refused before any call",
			SQLFunc: func(e *testenv.Env) string { return "CALL app_keys_generate(" + q(target(e)) + ", 1)" },
			WantErr: "app_keys_generate: validity_years must be between 2 and 10, not 1",
			Calls:   testenv.N(0),
		},
		{
			Name: "validity_years above 10 is refused before any call",
			SQLFunc: func(e *testenv.Env) string {
				return "EXEC app_keys.generate @validity_years = 11, @app_id = " + q(target(e))
			},
			WantErr: "validity_years must be between 2 and 10, not 11",
			Calls:   testenv.N(0),
		},
		{
			Name: "generate returns the new key",
			SQLFunc: func(e *testenv.Env) string {
				return "EXEC app_keys.generate @validity_years = 3, @app_id = " + q(target(e))
			},
			Calls:  testenv.N(1),
			Routes: map[routes.Route]int{oktaroutes.GenerateAppKey: 1},
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				rec := record(t, "app_keys", "generate", rows[0])
				nb, na := rec["cert_not_before"].(time.Time), rec["cert_not_after"].(time.Time)
				if rec["app_id"] != target(e) || rec["kid"] == nil || rec["x5t_s256_matches"] != int64(1) || !na.Equal(nb.AddDate(3, 0, 0)) {
					t.Errorf("generated key: %v", rec)
				}
				if oktaObject(t, e, "/api/v1/apps/"+target(e)+"/credentials/keys/"+rec["kid"].(string)) == nil {
					t.Error("the key is not on the app")
				}
			},
		},
		{
			Name: "clone returns the key as stored on the target app",
			SQLFunc: func(e *testenv.Env) string {
				src := appByLabel(e.T, e, "Salesforce")
				kid := oktaList(e.T, e, "/api/v1/apps/"+src+"/credentials/keys")[0]["kid"].(string)
				return "CALL app_keys_clone(" + q(src) + ", " + q(kid) + ", " + q(target(e)) + ")"
			},
			Calls: testenv.N(1),
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				src := appByLabel(t, e, "Salesforce")
				kid := oktaList(t, e, "/api/v1/apps/"+src+"/credentials/keys")[0]["kid"].(string)
				if rec := record(t, "app_keys", "clone", rows[0]); rec["app_id"] != target(e) || rec["kid"] != kid {
					t.Errorf("cloned key: %v", rec)
				}
			},
		},
		{
			Name: "cloning a key twice carries Okta's error",
			SQLFunc: func(e *testenv.Env) string {
				src := appByLabel(e.T, e, "Salesforce")
				kid := oktaList(e.T, e, "/api/v1/apps/"+src+"/credentials/keys")[0]["kid"].(string)
				return "CALL app_keys_clone(" + q(src) + ", " + q(kid) + ", " + q(src) + ")"
			},
			WantErr: "400 Bad Request (E0000001): Api validation failed: cloneKey: Key already exists in the list of key credentials for the target app.",
			Calls:   testenv.N(1),
		},
	})
	testenv.Run(t, testenv.Options{Settings: tables.Settings{ReadOnly: true}}, []testenv.Case{{
		Name:    "generate on a read-only connection",
		SQLFunc: func(e *testenv.Env) string { return "CALL app_keys_generate(" + q(target(e)) + ", 2)" },
		WantErr: "is read-only (--read-only)",
		Calls:   testenv.N(0),
	}})
}

// TestOktaValidityRule: credsql checks validity_years itself, so the vendor's own rule is
// checked where it surfaces, in the client: an *fetch.APIError with Okta's code and cause.
func TestOktaValidityRule(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{NoWire: true})
	var c *tables.Conn
	for _, cc := range e.Conns {
		if cc.Vendor == tables.Okta {
			c = cc
		}
	}
	_, err := c.Okta.GenerateAppKey(context.Background(), appByLabel(t, e, "Zoom"), 11)
	var ae *fetch.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("want an APIError, got %v", err)
	}
	got := []any{ae.Status, ae.Code, ae.Message, strings.Join(ae.Causes, "; ")}
	want := []any{400, "E0000001", "Api validation failed: generateKey", "Validity years out of range. It should be 2 - 10 years."}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("error (-want +got):\n%s", diff)
	}
}

// TestWriteErrorMessage: an INSERT refused by a definition reads as one MySQL error, not an
// error wrapped in another.
func TestWriteErrorMessage(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{NoWire: true})
	_, err := e.Query("INSERT INTO idps_keys (x5c) VALUES ('hello!')")
	if err == nil || strings.Count(err.Error(), "errno") != 1 || !strings.HasPrefix(err.Error(), "x5c: ") {
		t.Errorf("error %q", err)
	}
}
