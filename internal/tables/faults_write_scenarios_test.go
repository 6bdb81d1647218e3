package tables_test

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"github.com/credsql/credsql/internal/routes/oparoutes"
	"github.com/credsql/credsql/internal/routes/zitiroutes"
	"net/http"
	"strings"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/testenv"
)

// writeScenario runs one registered write against the simulator's data. Every write of the
// registry needs one (TestEveryWriteHasAFaultScenario): name it "<table> INSERT|UPDATE|DELETE"
// or "CALL <procedure>".
type writeScenario struct {
	// route is the vendor call the statement sends, the one the faults hit.
	route fetch.WriteRoute
	// certLogin: the Ziti connection logs in with its client certificate (mTLS).
	certLogin bool
	prepare   func(e *testenv.Env) writeRun
}

// writeRun is a prepared write: the statement, the SELECT credsql must name when the
// outcome is unknown, and the vendor state the write changes.
type writeRun struct {
	stmt  string
	check string
	// state describes what the write changes (counts, statuses; never generated ids or
	// timestamps, so that runs on separate simulators compare). It is read once the
	// faults are over, through credsql or from the simulator.
	state func() string
}

// count is the single number a COUNT(*) query answers, as text.
func count(e *testenv.Env, q string) string {
	e.T.Helper()
	return fmt.Sprint(e.MustQuery(q)[0][0])
}

// joined is the first column of a query's rows, joined.
func joined(e *testenv.Env, q string) string {
	e.T.Helper()
	var out []string
	for _, r := range e.MustQuery(q) {
		out = append(out, fmt.Sprint(r[0]))
	}
	return strings.Join(out, ",")
}

func firstRow(e *testenv.Env, q string) []any {
	e.T.Helper()
	rows := e.MustQuery(q)
	if len(rows) == 0 {
		e.T.Fatalf("%s: no rows", q)
	}
	return rows[0]
}

// appWithOneSecret, appWithTwoActive and inactiveSecret pick client secrets by their state.
func appWithOneSecret(e *testenv.Env) string {
	return firstRow(e, "SELECT app_id FROM apps_secrets GROUP BY app_id HAVING COUNT(*) = 1 ORDER BY app_id LIMIT 1")[0].(string)
}

func appWithTwoActive(e *testenv.Env) (app, secret string) {
	r := firstRow(e, "SELECT app_id, MIN(id) FROM apps_secrets WHERE status = 'ACTIVE' GROUP BY app_id HAVING COUNT(*) = 2 ORDER BY app_id LIMIT 1")
	return r[0].(string), r[1].(string)
}

func inactiveSecret(e *testenv.Env) (app, secret string) {
	r := firstRow(e, "SELECT app_id, id FROM apps_secrets WHERE status = 'INACTIVE' ORDER BY app_id, id LIMIT 1")
	return r[0].(string), r[1].(string)
}

func secretStatuses(e *testenv.Env, app string) func() string {
	return func() string {
		return joined(e, "SELECT status FROM apps_secrets WHERE app_id = "+q(app)+" ORDER BY status")
	}
}

// signedFor issues, as the CA would, a certificate for the CSR the API lists in base64 DER.
func signedFor(e *testenv.Env, csrB64 string) string {
	der, err := base64.StdEncoding.DecodeString(csrB64)
	if err != nil {
		e.T.Fatal(err)
	}
	csr, err := x509.ParseCertificateRequest(der)
	if err != nil {
		e.T.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: issueFor(e.T, csr.Subject, csr.DNSNames, csr.PublicKey, 400)}))
}

const faultUser = "ci-deploy"

var writeScenarios = map[string]writeScenario{
	"apps UPDATE": {route: oktaroutes.ReplaceApp, prepare: func(e *testenv.Env) writeRun {
		id, _, other := samlAppWithKeys(e.T, e)
		return writeRun{
			stmt:  "UPDATE apps SET signing_kid = " + q(other) + " WHERE id = " + q(id),
			check: "SELECT id, signing_kid FROM apps WHERE id = " + q(id),
			state: func() string { return joined(e, "SELECT signing_kid FROM apps WHERE id = "+q(id)) },
		}
	}},
	// The rotation's faults hit its first write, the key generation: a lost answer leaves one
	// new key and stops before the switch.
	"CALL app_keys_rotate": {route: oktaroutes.GenerateAppKey, prepare: func(e *testenv.Env) writeRun {
		id, _, _ := samlAppWithKeys(e.T, e)
		return writeRun{
			stmt:  "CALL app_keys_rotate(" + q(id) + ")",
			check: "SELECT * FROM app_keys WHERE app_id = " + q(id),
			state: func() string { return count(e, "SELECT COUNT(*) FROM app_keys WHERE app_id = "+q(id)) },
		}
	}},
	"idps UPDATE": {route: oktaroutes.ReplaceIdP, prepare: func(e *testenv.Env) writeRun {
		id, _ := samlIdP(e.T, e)
		spare := unusedKeys(e.T, e)[0]
		return writeRun{
			stmt:  "UPDATE idps SET trust_additional_kids = JSON_ARRAY(" + q(spare) + ") WHERE id = " + q(id),
			check: "SELECT id, trust_kid, trust_additional_kids FROM idps WHERE id = " + q(id),
			state: func() string {
				return joined(e, "SELECT CONCAT(trust_kid, ' ', COALESCE(CAST(trust_additional_kids AS CHAR), '')) FROM idps WHERE id = "+q(id))
			},
		}
	}},
	"CALL idps_trust_rotate": {route: oktaroutes.CreateIdPKey, prepare: func(e *testenv.Env) writeRun {
		id, _ := samlIdP(e.T, e)
		cert := newCert(e.T, "fault-rotate.partner.example", false)
		sum := sha256.Sum256(cert)
		return writeRun{
			stmt:  "CALL idps_trust_rotate(" + q(id) + ", " + q(pemOf(cert)) + ")",
			check: "SELECT kid FROM idps_keys WHERE cert_sha256 = '" + base64.RawURLEncoding.EncodeToString(sum[:]) + "'",
			state: func() string { return count(e, "SELECT COUNT(*) FROM idps_keys") },
		}
	}},
	"CALL idps_trust_promote": {route: oktaroutes.ReplaceIdP, prepare: func(e *testenv.Env) writeRun {
		id, _ := samlIdP(e.T, e)
		spare := unusedKeys(e.T, e)[0]
		// Promoting needs the key trusted next to the current one first (set on the vendor
		// directly, so that no statement of credsql's is audited before the one under test).
		doc := e.OktaGet("/api/v1/idps/" + id)
		doc["protocol"].(map[string]any)["credentials"].(map[string]any)["trust"].(map[string]any)["additionalKids"] = []any{spare}
		if status, body := e.OktaDo(http.MethodPut, "/api/v1/idps/"+id, doc); status != http.StatusOK {
			e.T.Fatalf("trust %s next to the current key: %d %v", spare, status, body)
		}
		return writeRun{
			stmt:  "CALL idps_trust_promote(" + q(id) + ", " + q(spare) + ")",
			check: "SELECT id, trust_kid FROM idps WHERE id = " + q(id),
			state: func() string { return joined(e, "SELECT trust_kid FROM idps WHERE id = "+q(id)) },
		}
	}},
	"app_csrs INSERT": {route: oktaroutes.GenerateAppCSR, prepare: func(e *testenv.Env) writeRun {
		app := appByLabel(e.T, e, "Zoom")
		return writeRun{
			stmt:  "INSERT INTO app_csrs (app_id, subject_common_name) VALUES (" + q(app) + ", 'fault.example.com')",
			check: "SELECT * FROM app_csrs WHERE app_id = " + q(app),
			state: func() string { return count(e, "SELECT COUNT(*) FROM app_csrs WHERE app_id = "+q(app)) },
		}
	}},
	"app_csrs DELETE": {route: oktaroutes.RevokeAppCSR, prepare: func(e *testenv.Env) writeRun {
		app, csr := salesforceCSR(e)
		return writeRun{
			stmt:  "DELETE FROM app_csrs WHERE app_id = " + q(app) + " AND id = " + q(csr),
			check: "SELECT * FROM app_csrs WHERE app_id = " + q(app) + " AND id = " + q(csr),
			state: func() string { return count(e, "SELECT COUNT(*) FROM app_csrs WHERE app_id = "+q(app)) },
		}
	}},
	"CALL app_csrs_publish": {route: oktaroutes.PublishAppCSR, prepare: func(e *testenv.Env) writeRun {
		app, csr := salesforceCSR(e)
		cert := signedFor(e, csrOf(e.T, e, app)["csr"].(string))
		return writeRun{
			stmt:  "CALL app_csrs_publish(" + q(app) + ", " + q(csr) + ", " + q(cert) + ")",
			check: "SELECT * FROM app_csrs WHERE app_id = " + q(app) + " AND id = " + q(csr),
			state: func() string {
				return "csrs " + count(e, "SELECT COUNT(*) FROM app_csrs WHERE app_id = "+q(app)) +
					", keys " + count(e, "SELECT COUNT(*) FROM app_keys WHERE app_id = "+q(app))
			},
		}
	}},
	"CALL app_keys_generate": {route: oktaroutes.GenerateAppKey, prepare: func(e *testenv.Env) writeRun {
		app := appByLabel(e.T, e, "Zoom")
		return writeRun{
			stmt:  "CALL app_keys_generate(" + q(app) + ", 2)",
			check: "SELECT * FROM app_keys WHERE app_id = " + q(app),
			state: func() string { return count(e, "SELECT COUNT(*) FROM app_keys WHERE app_id = "+q(app)) },
		}
	}},
	"CALL app_keys_clone": {route: oktaroutes.CloneAppKey, prepare: func(e *testenv.Env) writeRun {
		src, target := appByLabel(e.T, e, "Salesforce"), appByLabel(e.T, e, "Zoom")
		kid := oktaList(e.T, e, "/api/v1/apps/"+src+"/credentials/keys")[0]["kid"].(string)
		return writeRun{
			stmt:  "CALL app_keys_clone(" + q(src) + ", " + q(kid) + ", " + q(target) + ")",
			check: "SELECT * FROM app_keys WHERE app_id = " + q(target) + " AND kid = " + q(kid),
			state: func() string { return count(e, "SELECT COUNT(*) FROM app_keys WHERE app_id = "+q(target)) },
		}
	}},
	// Authorization-server keys, API tokens, an IdP's own CSRs and signing keys.
	"CALL authz_server_keys_rotate": {route: oktaroutes.RotateAuthzKeys, prepare: func(e *testenv.Env) writeRun {
		id := authzByName(e.T, e, "Payments API")["id"].(string)
		return writeRun{
			stmt:  "CALL authz_server_keys_rotate(" + q(id) + ")",
			check: "SELECT * FROM authz_server_keys WHERE auth_server_id = " + q(id),
			state: func() string {
				return joined(e, "SELECT status FROM authz_server_keys WHERE auth_server_id = "+q(id)+" ORDER BY status")
			},
		}
	}},
	"api_tokens DELETE": {route: oktaroutes.RevokeAPIToken, prepare: func(e *testenv.Env) writeRun {
		id := tokenByName(e.T, e, "terraform-ci")
		return writeRun{
			stmt:  "DELETE FROM api_tokens WHERE id = " + q(id),
			check: "SELECT * FROM api_tokens WHERE id = " + q(id),
			state: func() string { return count(e, "SELECT COUNT(*) FROM api_tokens") },
		}
	}},
	"idp_csrs INSERT": {route: oktaroutes.GenerateIdPCSR, prepare: func(e *testenv.Env) writeRun {
		idp := idpByName(e.T, e, "Partner SAML 3")["id"].(string)
		return writeRun{
			stmt:  "INSERT INTO idp_csrs (idp_id, subject_common_name) VALUES (" + q(idp) + ", 'fault.example.com')",
			check: "SELECT * FROM idp_csrs WHERE idp_id = " + q(idp),
			state: func() string { return count(e, "SELECT COUNT(*) FROM idp_csrs WHERE idp_id = "+q(idp)) },
		}
	}},
	"idp_csrs DELETE": {route: oktaroutes.RevokeIdPCSR, prepare: func(e *testenv.Env) writeRun {
		idp, csr := idpCSROf(e, "Partner SAML 1")
		return writeRun{
			stmt:  "DELETE FROM idp_csrs WHERE idp_id = " + q(idp) + " AND id = " + q(csr["id"].(string)),
			check: "SELECT * FROM idp_csrs WHERE idp_id = " + q(idp) + " AND id = " + q(csr["id"].(string)),
			state: func() string { return count(e, "SELECT COUNT(*) FROM idp_csrs WHERE idp_id = "+q(idp)) },
		}
	}},
	"CALL idp_csrs_publish": {route: oktaroutes.PublishIdPCSR, prepare: func(e *testenv.Env) writeRun {
		idp, csr := idpCSROf(e, "Partner SAML 1")
		cert := signedFor(e, csr["csr"].(string))
		return writeRun{
			stmt:  "CALL idp_csrs_publish(" + q(idp) + ", " + q(csr["id"].(string)) + ", " + q(cert) + ")",
			check: "SELECT * FROM idp_csrs WHERE idp_id = " + q(idp) + " AND id = " + q(csr["id"].(string)),
			state: func() string {
				return "csrs " + count(e, "SELECT COUNT(*) FROM idp_csrs WHERE idp_id = "+q(idp)) +
					", keys " + count(e, "SELECT COUNT(*) FROM idp_signing_keys WHERE idp_id = "+q(idp))
			},
		}
	}},
	"CALL idp_signing_keys_generate": {route: oktaroutes.GenerateIdPSigningKey, prepare: func(e *testenv.Env) writeRun {
		idp := idpByName(e.T, e, "Partner SAML 3")["id"].(string)
		return writeRun{
			stmt:  "CALL idp_signing_keys_generate(" + q(idp) + ", 2)",
			check: "SELECT * FROM idp_signing_keys WHERE idp_id = " + q(idp),
			state: func() string { return count(e, "SELECT COUNT(*) FROM idp_signing_keys WHERE idp_id = "+q(idp)) },
		}
	}},
	"CALL idp_signing_keys_clone": {route: oktaroutes.CloneIdPSigningKey, prepare: func(e *testenv.Env) writeRun {
		src, target := idpByName(e.T, e, "Partner SAML 1")["id"].(string), idpByName(e.T, e, "Partner SAML 3")["id"].(string)
		kid := oktaList(e.T, e, "/api/v1/idps/"+src+"/credentials/keys")[0]["kid"].(string)
		return writeRun{
			stmt:  "CALL idp_signing_keys_clone(" + q(src) + ", " + q(kid) + ", " + q(target) + ")",
			check: "SELECT * FROM idp_signing_keys WHERE idp_id = " + q(target) + " AND kid = " + q(kid),
			state: func() string { return count(e, "SELECT COUNT(*) FROM idp_signing_keys WHERE idp_id = "+q(target)) },
		}
	}},
	"apps_secrets INSERT": {route: oktaroutes.CreateClientSecret, prepare: func(e *testenv.Env) writeRun {
		app := appWithOneSecret(e)
		return writeRun{
			stmt:  "INSERT INTO apps_secrets (app_id) VALUES (" + q(app) + ")",
			check: "SELECT * FROM apps_secrets WHERE app_id = " + q(app),
			state: secretStatuses(e, app),
		}
	}},
	"apps_secrets UPDATE": {route: oktaroutes.DeactivateClientSecret, prepare: func(e *testenv.Env) writeRun {
		app, secret := appWithTwoActive(e)
		return writeRun{
			stmt:  "UPDATE apps_secrets SET status = 'INACTIVE' WHERE app_id = " + q(app) + " AND id = " + q(secret),
			check: "SELECT * FROM apps_secrets WHERE app_id = " + q(app) + " AND id = " + q(secret),
			state: secretStatuses(e, app),
		}
	}},
	"apps_secrets DELETE": {route: oktaroutes.DeleteClientSecret, prepare: func(e *testenv.Env) writeRun {
		app, secret := inactiveSecret(e)
		return writeRun{
			stmt:  "DELETE FROM apps_secrets WHERE app_id = " + q(app) + " AND id = " + q(secret),
			check: "SELECT * FROM apps_secrets WHERE app_id = " + q(app) + " AND id = " + q(secret),
			state: secretStatuses(e, app),
		}
	}},
	"CALL apps_secrets_activate": {route: oktaroutes.ActivateClientSecret, prepare: func(e *testenv.Env) writeRun {
		app, secret := inactiveSecret(e)
		return writeRun{
			stmt:  "CALL apps_secrets_activate(" + q(app) + ", " + q(secret) + ")",
			check: "SELECT * FROM apps_secrets WHERE app_id = " + q(app) + " AND id = " + q(secret),
			state: secretStatuses(e, app),
		}
	}},
	"CALL apps_secrets_deactivate": {route: oktaroutes.DeactivateClientSecret, prepare: func(e *testenv.Env) writeRun {
		app, secret := appWithTwoActive(e)
		return writeRun{
			stmt:  "CALL apps_secrets_deactivate(" + q(app) + ", " + q(secret) + ")",
			check: "SELECT * FROM apps_secrets WHERE app_id = " + q(app) + " AND id = " + q(secret),
			state: secretStatuses(e, app),
		}
	}},
	"idps_keys INSERT": {route: oktaroutes.CreateIdPKey, prepare: func(e *testenv.Env) writeRun {
		return writeRun{
			stmt:  "INSERT INTO idps_keys (x5c) VALUES (" + q(b64(newCert(e.T, "fault.partner.example", false))) + ")",
			check: "SELECT * FROM idps_keys",
			state: func() string { return count(e, "SELECT COUNT(*) FROM idps_keys") },
		}
	}},
	"idps_keys UPDATE": {route: oktaroutes.ReplaceIdPKey, prepare: func(e *testenv.Env) writeRun {
		kid := unusedKeys(e.T, e)[0]
		return writeRun{
			stmt:  "UPDATE idps_keys SET x5c = " + q(pemOf(newCert(e.T, "fault.partner.example", false))) + " WHERE kid = " + q(kid),
			check: "SELECT * FROM idps_keys WHERE kid = " + q(kid),
			state: func() string { return joined(e, "SELECT cert_subject FROM idps_keys WHERE kid = "+q(kid)) },
		}
	}},
	"idps_keys DELETE": {route: oktaroutes.DeleteIdPKey, prepare: func(e *testenv.Env) writeRun {
		kid := unusedKeys(e.T, e)[0]
		return writeRun{
			stmt:  "DELETE FROM idps_keys WHERE kid = " + q(kid),
			check: "SELECT * FROM idps_keys WHERE kid = " + q(kid),
			state: func() string { return count(e, "SELECT COUNT(*) FROM idps_keys") },
		}
	}},
	"opa_service_user_keys DELETE": {route: oparoutes.DeleteKey, prepare: func(e *testenv.Env) writeRun {
		id := firstRow(e, "SELECT id FROM opa_service_user_keys WHERE user_name = 'A.User' ORDER BY id LIMIT 1")[0].(string)
		return writeRun{
			stmt:  "DELETE FROM opa_service_user_keys WHERE user_name = 'A.User' AND id = " + q(id),
			check: "SELECT * FROM opa_service_user_keys WHERE user_name = 'A.User' AND id = " + q(id),
			state: func() string {
				return count(e, "SELECT COUNT(*) FROM opa_service_user_keys WHERE user_name = 'A.User'")
			},
		}
	}},
	"CALL opa_service_user_keys_rotate": {route: oparoutes.RotateKey, prepare: func(e *testenv.Env) writeRun {
		return writeRun{
			stmt:  "CALL opa_service_user_keys_rotate(" + q(faultUser) + ")",
			check: "SELECT * FROM opa_service_user_keys WHERE user_name = " + q(faultUser),
			state: func() string {
				return count(e, "SELECT COUNT(*) FROM opa_service_user_keys WHERE user_name = "+q(faultUser))
			},
		}
	}},
	"opa_service_users INSERT": {route: oparoutes.CreateServiceUser, prepare: func(e *testenv.Env) writeRun {
		return writeRun{
			stmt:  "INSERT INTO opa_service_users (name) VALUES ('fault-bot')",
			check: "SELECT * FROM opa_service_users WHERE name = 'fault-bot'",
			state: func() string { return count(e, "SELECT COUNT(*) FROM opa_service_users") },
		}
	}},
	"opa_service_users UPDATE": {route: oparoutes.UpdateServiceUser, prepare: func(e *testenv.Env) writeRun {
		return writeRun{
			stmt:  "UPDATE opa_service_users SET status = 'DISABLED' WHERE name = " + q(faultUser),
			check: "SELECT * FROM opa_service_users WHERE name = " + q(faultUser),
			state: func() string { return joined(e, "SELECT status FROM opa_service_users WHERE name = "+q(faultUser)) },
		}
	}},
	"opa_service_users DELETE": {route: oparoutes.UpdateServiceUser, prepare: func(e *testenv.Env) writeRun {
		return writeRun{
			stmt:  "DELETE FROM opa_service_users WHERE name = " + q(faultUser),
			check: "SELECT * FROM opa_service_users WHERE name = " + q(faultUser),
			state: func() string { return joined(e, "SELECT status FROM opa_service_users WHERE name = "+q(faultUser)) },
		}
	}},
	"ziti_api_sessions DELETE": {route: zitiroutes.Logout, prepare: func(e *testenv.Env) writeRun {
		e.MustQuery("SELECT id FROM ziti_api_sessions") // log in
		return writeRun{
			stmt:  "DELETE FROM ziti_api_sessions",
			check: "SELECT * FROM ziti_api_sessions",
			// Read from the simulator: a SELECT would log in again.
			state: func() string { return fmt.Sprintf("%d sessions", e.Sim.ZitiSessions()) },
		}
	}},
	// The admin views of the network (ziti_estate): a certificate of another identity, an
	// expired enrollment.
	"ziti_identity_authenticators DELETE": {route: zitiroutes.DeleteAuthenticator, prepare: func(e *testenv.Env) writeRun {
		id := firstRow(e, "SELECT id FROM ziti_identity_authenticators WHERE identity_name = 'laptop-alice'")[0].(string)
		return writeRun{
			stmt:  "DELETE FROM ziti_identity_authenticators WHERE id = " + q(id),
			check: "SELECT * FROM ziti_identity_authenticators WHERE id = " + q(id),
			state: func() string { return fmt.Sprintf("%d authenticators", e.Sim.ZitiAllAuthenticators()) },
		}
	}},
	"ziti_enrollments DELETE": {route: zitiroutes.DeleteEnrollment, prepare: func(e *testenv.Env) writeRun {
		id := firstRow(e, "SELECT id FROM ziti_enrollments WHERE identity_name = 'ops-carol'")[0].(string)
		return writeRun{
			stmt:  "DELETE FROM ziti_enrollments WHERE id = " + q(id),
			check: "SELECT * FROM ziti_enrollments WHERE id = " + q(id),
			state: func() string { return fmt.Sprintf("%d enrollments", e.Sim.ZitiEnrollments()) },
		}
	}},
	"CALL ziti_enrollments_refresh": {route: zitiroutes.RefreshEnrollment, prepare: func(e *testenv.Env) writeRun {
		id := firstRow(e, "SELECT id FROM ziti_enrollments WHERE identity_name = 'ops-carol'")[0].(string)
		return writeRun{
			stmt:  "CALL ziti_enrollments_refresh(" + q(id) + ", '2099-01-02 03:04:05')",
			check: "SELECT * FROM ziti_enrollments WHERE id = " + q(id),
			state: func() string { return joined(e, "SELECT expires_at FROM ziti_enrollments WHERE id = "+q(id)) },
		}
	}},
	"CALL ziti_authenticators_update": {route: zitiroutes.UpdateAuthenticator, prepare: func(e *testenv.Env) writeRun {
		id, pw := zitiID(e, "updb"), e.Sim.Options().ZitiPassword
		return writeRun{
			stmt:  "CALL ziti_authenticators_update(" + q(id) + ", " + q(pw) + ", 'renamed-bot', " + q(pw) + ")",
			check: "SELECT * FROM ziti_authenticators WHERE id = " + q(id),
			state: func() string { return joined(e, "SELECT username FROM ziti_authenticators WHERE id = "+q(id)) },
		}
	}},
	"CALL ziti_authenticators_patch": {route: zitiroutes.PatchAuthenticator, prepare: func(e *testenv.Env) writeRun {
		id, pw := zitiID(e, "updb"), e.Sim.Options().ZitiPassword
		return writeRun{
			stmt:  "CALL ziti_authenticators_patch(" + q(id) + ", " + q(pw) + ", 'renamed-bot', NULL)",
			check: "SELECT * FROM ziti_authenticators WHERE id = " + q(id),
			state: func() string { return joined(e, "SELECT username FROM ziti_authenticators WHERE id = "+q(id)) },
		}
	}},
	"CALL ziti_authenticators_extend": {route: zitiroutes.Extend, certLogin: true, prepare: func(e *testenv.Env) writeRun {
		id := loginAuthenticator(e)
		return writeRun{
			stmt:  "CALL ziti_authenticators_extend(" + q(id) + ", " + q(testenv.CSRPEM(e.T)) + ")",
			check: "SELECT * FROM ziti_authenticators WHERE id = " + q(id),
			state: func() string { return fmt.Sprintf("%d certificates signed", e.Sim.ZitiCertificatesSigned()) },
		}
	}},
	"CALL ziti_authenticators_extend_verify": {route: zitiroutes.ExtendVerify, certLogin: true, prepare: func(e *testenv.Env) writeRun {
		id := loginAuthenticator(e)
		rows := e.MustQuery("CALL ziti_authenticators_extend(" + q(id) + ", " + q(testenv.CSRPEM(e.T)) + ")")
		cert := rows[0][len(rows[0])-2].(string)
		return writeRun{
			stmt:  "CALL ziti_authenticators_extend_verify(" + q(id) + ", " + q(cert) + ")",
			check: "SELECT * FROM ziti_authenticators WHERE id = " + q(id),
			state: func() string {
				if strings.TrimSpace(joined(e, "SELECT cert_pem FROM ziti_authenticators WHERE id = "+q(id))) == strings.TrimSpace(cert) {
					return "new certificate"
				}
				return "old certificate"
			},
		}
	}},
}
