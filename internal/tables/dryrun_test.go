package tables_test

import (
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/tables"
	"github.com/credsql/credsql/internal/testenv"
)

// dryRunSample is one write of the registry as a statement on the simulator's data.
type dryRunSample func(t testing.TB, e *testenv.Env) string

// first returns the first value of a one-column query.
func first(t testing.TB, e *testenv.Env, query string) string {
	t.Helper()
	rows := e.MustQuery(query)
	if len(rows) == 0 {
		t.Fatalf("%s: no rows", query)
	}
	return str(rows[0][0])
}

func samlApp(t testing.TB, e *testenv.Env) string {
	id, _, _ := samlAppWithKeys(t, e)
	return id
}

func oidcApp(t testing.TB, e *testenv.Env) string {
	return first(t, e, "SELECT id FROM apps WHERE sign_on_mode = 'OPENID_CONNECT' ORDER BY id LIMIT 1")
}

func anySecret(t testing.TB, e *testenv.Env) (app, id string) {
	t.Helper()
	rows := e.MustQuery("SELECT s.app_id, s.id FROM apps a JOIN apps_secrets s ON s.app_id = a.id WHERE a.sign_on_mode = 'OPENID_CONNECT' ORDER BY s.app_id, s.id LIMIT 1")
	return str(rows[0][0]), str(rows[0][1])
}

func updbAuthenticator(t testing.TB, e *testenv.Env) string {
	return first(t, e, "SELECT id FROM ziti_authenticators WHERE method = 'updb'")
}

// dryRunSamples has one statement for every write (INSERT, UPDATE, DELETE) and procedure of
// every table of the registry, keyed "table INSERT" or the procedure's full name.
func dryRunSamples() map[string]dryRunSample {
	return map[string]dryRunSample{
		"app_csrs INSERT": func(t testing.TB, e *testenv.Env) string {
			return "INSERT INTO app_csrs (app_id, subject_common_name) VALUES (" + q(samlApp(t, e)) + ", 'sso.example.com')"
		},
		"app_csrs DELETE": func(t testing.TB, e *testenv.Env) string {
			rows := e.MustQuery("SELECT app_id, id FROM app_csrs ORDER BY app_id, id LIMIT 1")
			return "DELETE FROM app_csrs WHERE app_id = " + q(str(rows[0][0])) + " AND id = " + q(str(rows[0][1]))
		},
		"app_csrs_publish": func(t testing.TB, e *testenv.Env) string {
			rows := e.MustQuery("SELECT app_id, id, csr FROM app_csrs ORDER BY app_id, id LIMIT 1")
			cert, _ := signCSR(t, str(rows[0][2]), 365)
			return "CALL app_csrs_publish(" + q(str(rows[0][0])) + ", " + q(str(rows[0][1])) + ", " + q(cert) + ")"
		},
		"app_keys_generate": func(t testing.TB, e *testenv.Env) string {
			return "CALL app_keys_generate(" + q(samlApp(t, e)) + ", 3)"
		},
		"app_keys_clone": func(t testing.TB, e *testenv.Env) string {
			id, kid, _ := samlAppWithKeys(t, e)
			return "CALL app_keys_clone(" + q(id) + ", " + q(kid) + ", " + q(oidcApp(t, e)) + ")"
		},
		"app_keys_rotate": func(t testing.TB, e *testenv.Env) string { return "CALL app_keys_rotate(" + q(samlApp(t, e)) + ")" },
		"apps UPDATE": func(t testing.TB, e *testenv.Env) string {
			id, _, other := samlAppWithKeys(t, e)
			return "UPDATE apps SET signing_kid = " + q(other) + " WHERE id = " + q(id)
		},
		"apps_secrets INSERT": func(t testing.TB, e *testenv.Env) string {
			app, _ := anySecret(t, e)
			return "INSERT INTO apps_secrets (app_id) VALUES (" + q(app) + ")"
		},
		"apps_secrets UPDATE": func(t testing.TB, e *testenv.Env) string {
			app, id := anySecret(t, e)
			return "UPDATE apps_secrets SET status = 'INACTIVE' WHERE app_id = " + q(app) + " AND id = " + q(id)
		},
		"apps_secrets DELETE": func(t testing.TB, e *testenv.Env) string {
			app, id := anySecret(t, e)
			return "DELETE FROM apps_secrets WHERE app_id = " + q(app) + " AND id = " + q(id)
		},
		"apps_secrets_activate": func(t testing.TB, e *testenv.Env) string {
			app, id := anySecret(t, e)
			return "CALL apps_secrets_activate(" + q(app) + ", " + q(id) + ")"
		},
		"apps_secrets_deactivate": func(t testing.TB, e *testenv.Env) string {
			app, id := anySecret(t, e)
			return "CALL apps_secrets_deactivate(" + q(app) + ", " + q(id) + ")"
		},
		"idps UPDATE": func(t testing.TB, e *testenv.Env) string {
			id, _ := samlIdP(t, e)
			return "UPDATE idps SET trust_kid = " + q(unusedKeys(t, e)[0]) + " WHERE id = " + q(id)
		},
		"idps_trust_rotate": func(t testing.TB, e *testenv.Env) string {
			id, _ := samlIdP(t, e)
			return "CALL idps_trust_rotate(" + q(id) + ", " + q(pemOf(newCert(t, "next.partner.example", false))) + ")"
		},
		"idps_trust_promote": func(t testing.TB, e *testenv.Env) string {
			id, _ := samlIdP(t, e)
			return "CALL idps_trust_promote(" + q(id) + ", 'sha256:" + thumbprint(newCert(t, "next.partner.example", false)) + "')"
		},
		"idps_keys INSERT": func(t testing.TB, e *testenv.Env) string {
			return "INSERT INTO idps_keys (x5c) VALUES (" + q(b64(newCert(t, "new.partner.example", false))) + ")"
		},
		"idps_keys UPDATE": func(t testing.TB, e *testenv.Env) string {
			return "UPDATE idps_keys SET x5c = " + q(b64(newCert(t, "new.partner.example", false))) + " WHERE kid = " + q(unusedKeys(t, e)[0])
		},
		"idps_keys DELETE": func(t testing.TB, e *testenv.Env) string {
			return "DELETE FROM idps_keys WHERE kid = " + q(unusedKeys(t, e)[0])
		},
		// Authorization-server keys, API tokens, an IdP's own CSRs and signing keys.
		"authz_server_keys_rotate": func(t testing.TB, e *testenv.Env) string {
			return "CALL authz_server_keys_rotate(" + q(authzByName(t, e, "default")["id"].(string)) + ")"
		},
		"api_tokens DELETE": func(t testing.TB, e *testenv.Env) string {
			return "DELETE FROM api_tokens WHERE id = " + q(tokenByName(t, e, "terraform-ci"))
		},
		"idp_csrs INSERT": func(t testing.TB, e *testenv.Env) string {
			return "INSERT INTO idp_csrs (idp_id, subject_common_name) VALUES (" + q(idpID(e, "Partner SAML 3")) + ", 'sso.example.com')"
		},
		"idp_csrs DELETE": func(t testing.TB, e *testenv.Env) string {
			idp, c := idpCSROf(e, "Partner SAML 1")
			return "DELETE FROM idp_csrs WHERE idp_id = " + q(idp) + " AND id = " + q(c["id"].(string))
		},
		"idp_csrs_publish": func(t testing.TB, e *testenv.Env) string {
			rows := e.MustQuery("SELECT idp_id, id, csr FROM idp_csrs ORDER BY idp_id, id LIMIT 1")
			cert, _ := signCSR(t, str(rows[0][2]), 365)
			return "CALL idp_csrs_publish(" + q(str(rows[0][0])) + ", " + q(str(rows[0][1])) + ", " + q(cert) + ")"
		},
		"idp_signing_keys_generate": func(t testing.TB, e *testenv.Env) string {
			return "CALL idp_signing_keys_generate(" + q(idpID(e, "Partner SAML 3")) + ", 3)"
		},
		"idp_signing_keys_clone": func(t testing.TB, e *testenv.Env) string {
			src := idpID(e, "Partner SAML 1")
			kid := first(t, e, "SELECT kid FROM idp_signing_keys WHERE idp_id = "+q(src)+" ORDER BY kid LIMIT 1")
			return "CALL idp_signing_keys_clone(" + q(src) + ", " + q(kid) + ", " + q(idpID(e, "Partner SAML 3")) + ")"
		},
		"opa_service_users INSERT": func(t testing.TB, e *testenv.Env) string {
			return "INSERT INTO opa_service_users (name) VALUES ('dry-run-user')"
		},
		"opa_service_users UPDATE": func(t testing.TB, e *testenv.Env) string {
			return "UPDATE opa_service_users SET status = 'DISABLED' WHERE name = 'ci-deploy'"
		},
		"opa_service_users DELETE": func(t testing.TB, e *testenv.Env) string {
			return "DELETE FROM opa_service_users WHERE name = 'ci-deploy'"
		},
		"opa_service_user_keys DELETE": func(t testing.TB, e *testenv.Env) string {
			return "DELETE FROM opa_service_user_keys WHERE user_name = 'ci-deploy' AND id = " + q(first(t, e, "SELECT id FROM opa_service_user_keys WHERE user_name = 'ci-deploy'"))
		},
		"opa_service_user_keys_rotate": func(t testing.TB, e *testenv.Env) string {
			return "CALL opa_service_user_keys_rotate('ci-deploy')"
		},
		"ziti_identity_authenticators DELETE": func(t testing.TB, e *testenv.Env) string {
			return "DELETE FROM ziti_identity_authenticators WHERE id = " + q(first(t, e, "SELECT id FROM ziti_identity_authenticators WHERE identity_name = 'laptop-alice'"))
		},
		"ziti_enrollments DELETE": func(t testing.TB, e *testenv.Env) string {
			return "DELETE FROM ziti_enrollments WHERE id = " + q(first(t, e, "SELECT id FROM ziti_enrollments WHERE identity_name = 'ops-carol'"))
		},
		"ziti_enrollments_refresh": func(t testing.TB, e *testenv.Env) string {
			return "CALL ziti_enrollments_refresh(" + q(first(t, e, "SELECT id FROM ziti_enrollments WHERE identity_name = 'ops-carol'")) + ", '2099-01-01 00:00:00')"
		},
		"ziti_api_sessions DELETE": func(t testing.TB, e *testenv.Env) string { return "DELETE FROM ziti_api_sessions" },
		"ziti_authenticators_update": func(t testing.TB, e *testenv.Env) string {
			return "CALL ziti_authenticators_update(" + q(updbAuthenticator(t, e)) + ", 'sim-ziti-password', 'credsql-bot', 'new-password-1')"
		},
		"ziti_authenticators_patch": func(t testing.TB, e *testenv.Env) string {
			return "CALL ziti_authenticators_patch(" + q(updbAuthenticator(t, e)) + ", 'sim-ziti-password', NULL, 'new-password-1')"
		},
		"ziti_authenticators_extend": func(t testing.TB, e *testenv.Env) string {
			return "CALL ziti_authenticators_extend(" + q(loginAuthenticator(e)) + ", " + q(testenv.CSRPEM(t)) + ")"
		},
		"ziti_authenticators_extend_verify": func(t testing.TB, e *testenv.Env) string {
			return "CALL ziti_authenticators_extend_verify(" + q(loginAuthenticator(e)) + ", " + q(pemOf(newCert(t, "credsql-bot", false))) + ")"
		},
	}
}

func thumbprint(der []byte) string {
	return testenv.SHA256(der)
}

// registryWrites lists every write and procedure of the registry, as dryRunSamples keys them.
func registryWrites() []string {
	var out []string
	for _, d := range tables.All() {
		m := d.Meta()
		for _, w := range m.WriteStatements() {
			out = append(out, m.Name+" "+w)
		}
		for _, p := range m.Procedures {
			out = append(out, p.FullName)
		}
	}
	sort.Strings(out)
	return out
}

// mutating lists the calls that change vendor state: every method but GET, logins excluded.
func mutating(calls []sim.Call) []sim.Call {
	var out []sim.Call
	for _, c := range calls {
		if c.Method == http.MethodGet || c.Entry.Login {
			continue
		}
		out = append(out, c)
	}
	return out
}

// TestDryRunMakesNoWrite runs every write and procedure of the registry with
// credsql_dry_run = ON, in-process and over the wire: each must succeed, show the calls it
// would make as notes, and make no mutating call at the simulator.
func TestDryRunMakesNoWrite(t *testing.T) {
	t.Parallel()
	samples := dryRunSamples()
	writes := registryWrites()
	for _, w := range writes {
		if samples[w] == nil {
			t.Errorf("no dry-run sample for %s: add one to dryRunSamples", w)
		}
	}
	// The OpenZiti connection logs in with its client certificate: extend needs mTLS.
	eachPath(t, testenv.Options{ConfigureSim: zitiCertLogin(t)}, func(t *testing.T, e *testenv.Env, run runner) {
		run.must(t, "SET credsql_dry_run = ON")
		for _, w := range writes {
			sample := samples[w]
			if sample == nil {
				continue
			}
			stmt := sample(t, e)
			e.Sim.ResetCalls()
			if _, err := run(stmt); err != nil {
				t.Errorf("%s: %s: %v", w, stmt, err)
				continue
			}
			if m := mutating(e.Sim.Calls()); len(m) > 0 {
				t.Errorf("%s: the dry run made %d mutating calls: %v", w, len(m), m)
			}
			notes := run.must(t, "SHOW WARNINGS")
			planned := 0
			for _, n := range notes {
				if n[0] == "Note" && strings.Contains(str(n[2]), "dry run, not sent: ") {
					planned++
				}
			}
			if planned == 0 {
				t.Errorf("%s: no note shows a planned call: %v", w, notes)
			}
		}
		// The session variable turned off, writes happen again.
		run.must(t, "SET credsql_dry_run = OFF")
		e.Sim.ResetCalls()
		run.must(t, "CALL app_keys_generate("+q(samlApp(t, e))+")")
		if n := len(mutating(e.Sim.Calls())); n != 1 {
			t.Errorf("after SET credsql_dry_run = OFF: %d mutating calls, want 1", n)
		}
	})
}

// TestDryRunShowsTheExactCall: method, path with query, and the whole body, secrets masked.
func TestDryRunShowsTheExactCall(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{NoWire: true})
	e.MustQuery("SET credsql_dry_run = ON")
	id, _, other := samlAppWithKeys(t, e)
	app := e.OktaGet("/api/v1/apps/" + id)
	e.MustQuery("UPDATE apps SET signing_kid = " + q(other) + " WHERE id = " + q(id))
	notes := e.MustQuery("SHOW WARNINGS")
	var put string
	for _, n := range notes {
		if m := str(n[2]); strings.Contains(m, "PUT /api/v1/apps/"+id+" {") {
			put = m
		}
	}
	if put == "" {
		t.Fatalf("no PUT note: %v", notes)
	}
	for _, want := range []string{`"kid":"` + other + `"`, `"ssoAcsUrl":"` + testenv.Str(app, "settings.signOn.ssoAcsUrl") + `"`, `"label":"` + app["label"].(string) + `"`} {
		if !strings.Contains(put, want) {
			t.Errorf("the planned PUT lacks %s:\n%s", want, put)
		}
	}
	e.MustQuery("CALL ziti_authenticators_update(" + q(updbAuthenticator(t, e)) + ", 'sim-ziti-password', 'credsql-bot', 'new-password-1')")
	for _, n := range e.MustQuery("SHOW WARNINGS") {
		if m := str(n[2]); strings.Contains(m, "sim-ziti-password") || strings.Contains(m, "new-password-1") {
			t.Errorf("a secret in a note: %s", m)
		}
	}
}
