package tables_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"github.com/credsql/credsql/internal/routes"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"github.com/credsql/credsql/internal/tables"
	"github.com/credsql/credsql/internal/testenv"
)

// csrOf returns an app's first pending CSR as the API lists it.
func csrOf(t testing.TB, e *testenv.Env, appID string) map[string]any {
	t.Helper()
	csrs := oktaList(t, e, "/api/v1/apps/"+appID+"/credentials/csrs")
	if len(csrs) == 0 {
		t.Fatalf("app %s has no CSR", appID)
	}
	return csrs[0]
}

// salesforceCSR is the simulator's Salesforce app (SAML) and its CSR, pending for 21 days.
func salesforceCSR(e *testenv.Env) (appID, csrID string) {
	appID = appByLabel(e.T, e, "Salesforce")
	return appID, csrOf(e.T, e, appID)["id"].(string)
}

func TestAppCSRsRead(t *testing.T) {
	t.Parallel()
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			Name: "key get is one call and decodes the CSR",
			SQLFunc: func(e *testenv.Env) string {
				app, id := salesforceCSR(e)
				return "SELECT app_id, id, kty, subject_common_name, subject_country_name, subject_state_or_province_name, subject_locality_name, subject_organization_name, dns_names, csr_key_type, csr_signature_valid FROM app_csrs WHERE app_id = " + q(app) + " AND id = " + q(id)
			},
			Calls:  testenv.N(1),
			Routes: map[routes.Route]int{oktaroutes.GetAppCSR: 1},
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				app, id := salesforceCSR(e)
				want := [][]any{{app, id, "RSA", "Salesforce", "US", "California", "San Francisco", "Acme Corp", `["salesforce.acme.example"]`, "RSA", int64(1)}}
				if diff := cmp.Diff(want, rows); diff != "" {
					t.Errorf("rows (-want +got):\n%s", diff)
				}
			},
		},
		{
			Name: "the csr column is the API's request as PEM",
			SQLFunc: func(e *testenv.Env) string {
				app, id := salesforceCSR(e)
				return "SELECT csr, csr_key_bits FROM app_csrs WHERE app_id = " + q(app) + " AND id = " + q(id)
			},
			Calls: testenv.N(1),
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				app, _ := salesforceCSR(e)
				raw, err := base64.StdEncoding.DecodeString(csrOf(t, e, app)["csr"].(string))
				if err != nil {
					t.Fatal(err)
				}
				blk, _ := pem.Decode([]byte(rows[0][0].(string)))
				if blk == nil || blk.Type != "CERTIFICATE REQUEST" || string(blk.Bytes) != string(raw) {
					t.Fatalf("csr column is not the API's CSR as PEM: %q", rows[0][0])
				}
				r, err := x509.ParseCertificateRequest(raw)
				if err != nil {
					t.Fatal(err)
				}
				if bits := int64(r.PublicKey.(interface{ Size() int }).Size() * 8); rows[0][1] != bits {
					t.Errorf("csr_key_bits = %v, want %d", rows[0][1], bits)
				}
			},
		},
		{
			Name: "IN on the id is one get per value",
			SQLFunc: func(e *testenv.Env) string {
				app, id := salesforceCSR(e)
				return "SELECT id FROM app_csrs WHERE app_id = " + q(app) + " AND id IN (" + q(id) + ", 'no-such-csr')"
			},
			WantCount: 1,
			Calls:     testenv.N(2),
			Routes:    map[routes.Route]int{oktaroutes.GetAppCSR: 2},
		},
		{
			Name: "IN on the parent is one list per app",
			SQLFunc: func(e *testenv.Env) string {
				return "SELECT id FROM app_csrs WHERE app_id IN (" + q(appByLabel(e.T, e, "Salesforce")) + ", " + q(appByLabel(e.T, e, "Workday")) + ")"
			},
			WantCount: 2,
			Calls:     testenv.N(2),
			Routes:    map[routes.Route]int{oktaroutes.ListAppCSRs: 2},
		},
		{
			Name: "without app_id every app's CSRs, as the API holds them",
			SQL:  "SELECT app_id, id, created FROM app_csrs",
			// 24 apps at 2 per page, then one list per app.
			Calls:     testenv.N(12 + 24),
			Routes:    map[routes.Route]int{oktaroutes.ListApps: 12, oktaroutes.ListAppCSRs: 24},
			Unordered: true,
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				var want [][]any
				for _, a := range rawApps(t, e) {
					for _, c := range oktaList(t, e, "/api/v1/apps/"+a["id"].(string)+"/credentials/csrs") {
						want = append(want, []any{a["id"], c["id"], oktaTime(t, c["created"])})
					}
				}
				if len(want) < 3 {
					t.Fatalf("the simulator should hold several CSRs, has %d", len(want))
				}
				if diff := cmp.Diff(sortedRows(want), sortedRows(rows)); diff != "" {
					t.Errorf("rows (-api +credsql):\n%s", diff)
				}
			},
		},
	})
}

func TestAppCSRsWrite(t *testing.T) {
	t.Parallel()
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			Name: "INSERT generates a CSR from the subject columns",
			SQLFunc: func(e *testenv.Env) string {
				return `INSERT INTO app_csrs (app_id, subject_common_name, subject_organization_name, subject_organizational_unit_name, subject_country_name, subject_state_or_province_name, subject_locality_name, dns_names) VALUES (` +
					q(appByLabel(e.T, e, "Slack")) + `, 'sso.example.com', 'Example Inc', 'IAM', 'DE', 'Berlin', 'Berlin', '["sso.example.com", "login.example.com"]')`
			},
			Want:   [][]any{{int64(1)}},
			Calls:  testenv.N(1),
			Routes: map[routes.Route]int{oktaroutes.GenerateAppCSR: 1},
			After: func(t *testing.T, e *testenv.Env) {
				csrs := oktaList(t, e, "/api/v1/apps/"+appByLabel(t, e, "Slack")+"/credentials/csrs")
				r := lastCSR(t, csrs)
				want := pkix.Name{CommonName: "sso.example.com", Organization: []string{"Example Inc"}, OrganizationalUnit: []string{"IAM"},
					Country: []string{"DE"}, Province: []string{"Berlin"}, Locality: []string{"Berlin"}}
				if r.Subject.String() != want.String() || strings.Join(r.DNSNames, ",") != "sso.example.com,login.example.com" {
					t.Errorf("CSR subject %s, names %v", r.Subject, r.DNSNames)
				}
			},
		},
		{
			Name: "dns_names may be one name, and the subject may be left out",
			SQLFunc: func(e *testenv.Env) string {
				return `INSERT INTO app_csrs (app_id, dns_names) VALUES (` + q(appByLabel(e.T, e, "Slack")) + `, 'one.example.com')`
			},
			Want:  [][]any{{int64(1)}},
			Calls: testenv.N(1),
			After: func(t *testing.T, e *testenv.Env) {
				r := lastCSR(t, oktaList(t, e, "/api/v1/apps/"+appByLabel(t, e, "Slack")+"/credentials/csrs"))
				if strings.Join(r.DNSNames, ",") != "one.example.com" || r.Subject.CommonName != "" {
					t.Errorf("CSR subject %s, names %v", r.Subject, r.DNSNames)
				}
			},
		},
		{
			Name: "a multi-row INSERT is one call per row and reports each",
			SQLFunc: func(e *testenv.Env) string {
				app := q(appByLabel(e.T, e, "Slack"))
				return "INSERT INTO app_csrs (app_id, subject_common_name) VALUES (" + app + ", 'a.example.com'), (" + app + ", 'b.example.com')"
			},
			Want:  [][]any{{int64(2)}},
			Calls: testenv.N(2),
		},
		{
			Name:    "INSERT needs app_id, before any call",
			SQL:     "INSERT INTO app_csrs (subject_common_name) VALUES ('x.example.com')",
			WantErr: "needs a value for app_id",
			Calls:   testenv.N(0),
		},
		{
			Name:    "INSERT refuses dns_names that are not names, before any call",
			SQL:     "INSERT INTO app_csrs (app_id, dns_names) VALUES ('0oa1', '[1, 2]')",
			WantErr: "dns_names[0]: want a string",
			Calls:   testenv.N(0),
		},
		{
			Name:    "INSERT refuses columns Okta does not take",
			SQL:     "INSERT INTO app_csrs (app_id, kty) VALUES ('0oa1', 'EC')",
			WantErr: "cannot set kty",
			Calls:   testenv.N(0),
		},
		{
			Name: "a key-only DELETE revokes with exactly one call",
			SQLFunc: func(e *testenv.Env) string {
				app, id := salesforceCSR(e)
				return "DELETE FROM app_csrs WHERE app_id = " + q(app) + " AND id = " + q(id)
			},
			Want:   [][]any{{int64(1)}},
			Calls:  testenv.N(1),
			Routes: map[routes.Route]int{oktaroutes.RevokeAppCSR: 1},
			After: func(t *testing.T, e *testenv.Env) {
				if n := len(oktaList(t, e, "/api/v1/apps/"+appByLabel(t, e, "Salesforce")+"/credentials/csrs")); n != 0 {
					t.Errorf("the CSR is still there (%d CSRs)", n)
				}
			},
		},
		{
			Name: "DELETE of a CSR that does not exist affects no row",
			SQLFunc: func(e *testenv.Env) string {
				return "DELETE FROM app_csrs WHERE app_id = " + q(appByLabel(e.T, e, "Salesforce")) + " AND id = 'no-such-csr'"
			},
			Want:  [][]any{{int64(0)}},
			Calls: testenv.N(1),
		},
		{
			Name: "DELETE without the id is refused by sql_safe_updates, before any call",
			SQLFunc: func(e *testenv.Env) string {
				return "DELETE FROM app_csrs WHERE app_id = " + q(appByLabel(e.T, e, "Salesforce"))
			},
			WantErr: "safe update mode",
			Calls:   testenv.N(0),
		},
		{
			Name: "UPDATE is not supported",
			SQLFunc: func(e *testenv.Env) string {
				app, id := salesforceCSR(e)
				return "UPDATE app_csrs SET subject_common_name = 'x' WHERE app_id = " + q(app) + " AND id = " + q(id)
			},
			WantErr: "app_csrs does not support UPDATE",
			Calls:   testenv.N(0),
		},
	})
}

// lastCSR decodes the last CSR of a list (the one just generated).
func lastCSR(t testing.TB, csrs []map[string]any) *x509.CertificateRequest {
	t.Helper()
	if len(csrs) == 0 {
		t.Fatal("no CSR")
	}
	der, err := base64.StdEncoding.DecodeString(csrs[len(csrs)-1]["csr"].(string))
	if err != nil {
		t.Fatal(err)
	}
	r, err := x509.ParseCertificateRequest(der)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestAppCSRsReadOnly(t *testing.T) {
	t.Parallel()
	ro := testenv.Options{Settings: tables.Settings{ReadOnly: true}}
	testenv.Run(t, ro, []testenv.Case{
		{
			Name: "INSERT",
			SQLFunc: func(e *testenv.Env) string {
				return "INSERT INTO app_csrs (app_id, subject_common_name) VALUES (" + q(appByLabel(e.T, e, "Slack")) + ", 'x')"
			},
			WantErr: "is read-only (--read-only)", Calls: testenv.N(0),
		},
		{
			Name: "DELETE",
			SQLFunc: func(e *testenv.Env) string {
				app, id := salesforceCSR(e)
				return "DELETE FROM app_csrs WHERE app_id = " + q(app) + " AND id = " + q(id)
			},
			WantErr: "is read-only (--read-only)", Calls: testenv.N(0),
		},
		{
			Name: "CALL app_csrs_publish",
			SQLFunc: func(e *testenv.Env) string {
				app, id := salesforceCSR(e)
				return "CALL app_csrs_publish(" + q(app) + ", " + q(id) + ", 'MIIB')"
			},
			WantErr: "is read-only (--read-only)", Calls: testenv.N(0),
		},
		{
			Name: "SELECT still works",
			SQLFunc: func(e *testenv.Env) string {
				app, id := salesforceCSR(e)
				return "SELECT id FROM app_csrs WHERE app_id = " + q(app) + " AND id = " + q(id)
			},
			WantCount: 1, Calls: testenv.N(1),
		},
	})
}

func TestAppCSRsPublishErrors(t *testing.T) {
	t.Parallel()
	setup, after := usableAfter("SELECT id FROM apps LIMIT 1")
	// sign returns a CALL publishing a certificate for the Salesforce CSR made by mk.
	sign := func(mk func(t testing.TB, csr *x509.CertificateRequest) []byte) func(e *testenv.Env) string {
		return func(e *testenv.Env) string {
			app, id := salesforceCSR(e)
			der, _ := base64.StdEncoding.DecodeString(csrOf(e.T, e, app)["csr"].(string))
			csr, err := x509.ParseCertificateRequest(der)
			if err != nil {
				e.T.Fatal(err)
			}
			cert := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: mk(e.T, csr)})
			return fmt.Sprintf("CALL app_csrs_publish(%s, %s, %s)", q(app), q(id), q(string(cert)))
		}
	}
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			Name: "a malformed certificate is refused before any call, naming the argument",
			SQLFunc: func(e *testenv.Env) string {
				app, id := salesforceCSR(e)
				return "CALL app_csrs_publish(" + q(app) + ", " + q(id) + ", 'not a certificate!')"
			},
			WantErr: "app_csrs_publish: parameter certificate: certificate is neither PEM nor base64 DER",
			Calls:   testenv.N(0),
		},
		{
			Name: "PEM that holds no certificate is refused before any call",
			SQLFunc: func(e *testenv.Env) string {
				app, id := salesforceCSR(e)
				return "CALL app_csrs_publish(" + q(app) + ", " + q(id) + ", '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----')"
			},
			WantErr: "parameter certificate: no PEM CERTIFICATE block found",
			Calls:   testenv.N(0),
		},
		{
			Name: "a certificate for another key carries Okta's error",
			SQLFunc: sign(func(t testing.TB, csr *x509.CertificateRequest) []byte {
				other, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
				if err != nil {
					t.Fatal(err)
				}
				return issueFor(t, csr.Subject, csr.DNSNames, &other.PublicKey, 365)
			}),
			WantErr: "400 Bad Request (E0000001): Api validation failed: certificate: The certificate doesn't match the CSR.",
			Calls:   testenv.N(2),
			Setup:   setup, After: after,
		},
		{
			Name: "a certificate valid for 90 days or less carries Okta's error",
			SQLFunc: sign(func(t testing.TB, csr *x509.CertificateRequest) []byte {
				return issueFor(t, csr.Subject, csr.DNSNames, csr.PublicKey, 60)
			}),
			WantErr: "(E0000001): Api validation failed: certificate: The certificate must be valid for more than 90 days.",
			Calls:   testenv.N(2),
			Setup:   setup, After: after,
		},
		{
			Name: "an unknown CSR is Okta's 404",
			SQLFunc: sign(func(t testing.TB, csr *x509.CertificateRequest) []byte {
				return issueFor(t, csr.Subject, csr.DNSNames, csr.PublicKey, 365)
			}),
			Setup: func(e *testenv.Env) {
				app, id := salesforceCSR(e)
				if status, body, _ := oktaRaw(e.T, e, "DELETE", "/api/v1/apps/"+app+"/credentials/csrs/"+id); status != 204 {
					e.T.Fatalf("revoke: %d %s", status, body)
				}
			},
			WantErr: "404 Not Found (E0000007)",
			Calls:   testenv.N(1),
		},
	})
}

// TestCSRLifecycle requests certificates, signs them as a CA would, publishes one as PEM and
// one as base64 DER, and finds the keys in app_keys with the certificates' dates.
func TestCSRLifecycle(t *testing.T) {
	t.Parallel()
	eachPath(t, testenv.Options{}, func(t *testing.T, e *testenv.Env, run runner) {
		app := appByLabel(t, e, "Zoom")
		rows := run.must(t, "INSERT INTO app_csrs (app_id, subject_common_name, subject_organization_name, dns_names) VALUES ("+
			q(app)+", 'pem.example.com', 'Example Inc', '[\"pem.example.com\"]'), ("+q(app)+", 'der.example.com', 'Example Inc', 'der.example.com')")
		if diff := cmp.Diff([][]any{{int64(2)}}, rows); diff != "" {
			t.Fatalf("rows affected (-want +got):\n%s", diff)
		}
		csrs := map[string][2]string{} // common name -> id, PEM
		for _, r := range run.must(t, "SELECT subject_common_name, id, csr FROM app_csrs WHERE app_id = "+q(app)+" AND subject_organization_name = 'Example Inc'") {
			csrs[r[0].(string)] = [2]string{r[1].(string), r[2].(string)}
		}
		if len(csrs) != 2 {
			t.Fatalf("want the two new CSRs, got %v", csrs)
		}
		pemCert, _ := signCSR(t, csrs["pem.example.com"][1], 400)
		_, derCert := signCSR(t, csrs["der.example.com"][1], 800)

		e.Sim.ResetCalls()
		published := map[string]map[string]any{}
		for _, c := range []struct{ cn, sql string }{
			{"pem.example.com", "CALL app_csrs_publish(" + q(app) + ", " + q(csrs["pem.example.com"][0]) + ", " + q(pemCert) + ")"},
			{"der.example.com", "EXEC app_csrs.publish @certificate = " + q(derCert) + ", @csr_id = " + q(csrs["der.example.com"][0]) + ", @app_id = " + q(app)},
		} {
			rows := run.must(t, c.sql)
			if len(rows) != 1 {
				t.Fatalf("%s: %d rows", c.sql, len(rows))
			}
			rec := record(t, "app_csrs", "publish", rows[0])
			if rec["id"] != csrs[c.cn][0] || rec["app_id"] != app || rec["subject_common_name"] != c.cn {
				t.Errorf("publish %s: the CSR columns are not the published CSR: %v", c.cn, rec)
			}
			if rec["kid"] == nil || rec["x5t_s256_matches"] != int64(1) || rec["cert_chain_length"] != int64(1) {
				t.Errorf("publish %s: the extra columns are not the new key: %v", c.cn, rec)
			}
			if !strings.HasPrefix(str(rec["cert_subject"]), "CN="+c.cn) || !strings.Contains(str(rec["cert_issuer"]), "credsql simulator CA") {
				t.Errorf("publish %s: certificate subject %v, issuer %v", c.cn, rec["cert_subject"], rec["cert_issuer"])
			}
			published[c.cn] = rec
		}
		// Each publish reads the CSR, then publishes it; PEM and DER go with their media types.
		if n := e.Sim.Count(oktaroutes.PublishAppCSR); n != 2 {
			t.Errorf("%d publish calls, want 2", n)
		}
		if n := e.Sim.CallCount(); n != 4 {
			t.Errorf("%d calls for two publishes, want 4", n)
		}

		for cn, days := range map[string]int{"pem.example.com": 400, "der.example.com": 800} {
			rec := published[cn]
			rows := run.must(t, "SELECT kid, cert_not_before, cert_not_after, expires_at, x5t_s256_matches FROM app_keys WHERE app_id = "+q(app)+" AND kid = "+q(str(rec["kid"])))
			if len(rows) != 1 {
				t.Fatalf("key %v of %s is not in app_keys", rec["kid"], cn)
			}
			k := rows[0]
			nb, na := k[1].(time.Time), k[2].(time.Time)
			if got := na.Sub(nb); got != time.Duration(days)*24*time.Hour+time.Hour {
				t.Errorf("%s: key valid %v, want the certificate's %d days and an hour", cn, got, days)
			}
			if !na.Equal(k[3].(time.Time)) || !na.Equal(rec["cert_not_after"].(time.Time)) || !nb.Equal(rec["cert_not_before"].(time.Time)) {
				t.Errorf("%s: app_keys %v, publish result %v / %v", cn, k, rec["cert_not_before"], rec["cert_not_after"])
			}
		}
		if rows := run.must(t, "SELECT COUNT(*) FROM app_csrs WHERE app_id = "+q(app)+" AND subject_organization_name = 'Example Inc'"); rows[0][0] != int64(0) {
			t.Errorf("published CSRs are still listed: %v", rows)
		}
	})
}
