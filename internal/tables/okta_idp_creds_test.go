package tables_test

import (
	"crypto/x509"
	"encoding/base64"
	"github.com/credsql/credsql/internal/routes"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"github.com/credsql/credsql/internal/testenv"
)

// The simulator gives every SAML2 IdP a signing key valid for years; Partner SAML 1 also
// has one that expires in 20 days and a CSR pending for 10 days, Partner SAML 3 a CSR
// pending for 2 days. Other IdPs have none.

func idpID(e *testenv.Env, name string) string { return idpByName(e.T, e, name)["id"].(string) }

func TestIdPSigningKeysRead(t *testing.T) {
	t.Parallel()
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			Name:   "fan-out over every IdP",
			SQL:    "SELECT idp_id, kid, expires_at FROM idp_signing_keys",
			Calls:  testenv.N(3 + 6), // 6 IdPs at 2 per page, then one list per IdP
			Routes: map[routes.Route]int{oktaroutes.ListIdPs: 3, oktaroutes.ListIdPSigningKeys: 6},
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				var want [][]any
				for _, p := range rawIdPs(t, e) {
					for _, k := range oktaList(t, e, "/api/v1/idps/"+p["id"].(string)+"/credentials/keys") {
						want = append(want, []any{p["id"], k["kid"], oktaTime(t, k["expiresAt"])})
					}
				}
				if len(want) < 3 {
					t.Fatalf("the simulator should hold at least 3 IdP signing keys, has %d", len(want))
				}
				if diff := cmp.Diff(sortedRows(want), sortedRows(rows)); diff != "" {
					t.Errorf("rows (-api +credsql):\n%s", diff)
				}
			},
		},
		{
			Name: "the expiring key of Partner SAML 1, decoded",
			SQL: "SELECT i.name, k.kty, k.use, k.cert_subject, k.cert_self_signed, k.x5t_s256_matches FROM idp_signing_keys k JOIN idps i ON i.id = k.idp_id " +
				"WHERE k.cert_not_after < NOW() + INTERVAL 30 DAY",
			Want: [][]any{{"Partner SAML 1", "RSA", "sig", "CN=Partner SAML 1 signing (old),O=Okta", int64(1), int64(1)}},
		},
		{
			Name: "key get is one call; the certificate as x509 reads it",
			SQLFunc: func(e *testenv.Env) string {
				id := idpID(e, "Partner SAML 1")
				kid := oktaList(e.T, e, "/api/v1/idps/"+id+"/credentials/keys")[1]["kid"].(string)
				return "SELECT cert_not_after, NULL, cert_key_bits FROM idp_signing_keys WHERE idp_id = " + q(id) + " AND kid = " + q(kid)
			},
			Calls:  testenv.N(1),
			Routes: map[routes.Route]int{oktaroutes.GetIdPSigningKey: 1},
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				k := oktaList(t, e, "/api/v1/idps/"+idpID(e, "Partner SAML 1")+"/credentials/keys")[1]
				der, err := base64.StdEncoding.DecodeString(k["x5c"].([]any)[0].(string))
				if err != nil {
					t.Fatal(err)
				}
				c, err := x509.ParseCertificate(der)
				if err != nil {
					t.Fatal(err)
				}
				if got := rows[0][0].(time.Time); !got.Equal(c.NotAfter) || time.Until(got) > 21*24*time.Hour {
					t.Errorf("cert_not_after %v, certificate %v (should be within 20 days)", got, c.NotAfter)
				}
				if rows[0][2] != int64(2048) {
					t.Errorf("cert_key_bits %v, want 2048", rows[0][2])
				}
			},
		},
		{
			Name:     "an unknown IdP is Okta's 404 as no rows",
			SQL:      "SELECT kid FROM idp_signing_keys WHERE idp_id = '0oaNoSuchIdP0000000'",
			CountSet: true,
		},
	})
}

func TestIdPSigningKeysWrite(t *testing.T) {
	t.Parallel()
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			Name: "generate",
			SQLFunc: func(e *testenv.Env) string {
				return "CALL idp_signing_keys_generate(" + q(idpID(e, "Partner SAML 3")) + ", 3)"
			},
			Routes: map[routes.Route]int{oktaroutes.GenerateIdPSigningKey: 1},
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				keys := oktaList(t, e, "/api/v1/idps/"+idpID(e, "Partner SAML 3")+"/credentials/keys")
				if len(keys) != 2 || rows[0][2] != keys[1]["kid"] {
					t.Errorf("row %v, keys after %v", rows[0], keys)
				}
			},
			After: func(t *testing.T, e *testenv.Env) {
				rows := e.MustQuery("SELECT COUNT(*) FROM idp_signing_keys WHERE idp_id = " + q(idpID(e, "Partner SAML 3")) +
					" AND cert_not_after > NOW() + INTERVAL 1094 DAY AND cert_not_after < NOW() + INTERVAL 1097 DAY")
				if rows[0][0] != int64(1) {
					t.Errorf("%v keys valid for 3 years, want 1", rows[0][0])
				}
			},
		},
		{
			Name: "validity_years out of range is refused before any call",
			SQLFunc: func(e *testenv.Env) string {
				return "CALL idp_signing_keys_generate(" + q(idpID(e, "Partner SAML 3")) + ", 1)"
			},
			WantErr: "validity_years must be between 2 and 10",
			Calls:   testenv.N(0),
		},
		{
			Name: "clone, then Okta refuses a second copy",
			SQLFunc: func(e *testenv.Env) string {
				src := idpID(e, "Partner SAML 1")
				kid := oktaList(e.T, e, "/api/v1/idps/"+src+"/credentials/keys")[0]["kid"].(string)
				e.MustQuery("CALL idp_signing_keys_clone(" + q(src) + ", " + q(kid) + ", " + q(idpID(e, "Partner SAML 3")) + ")")
				return "CALL idp_signing_keys_clone(" + q(src) + ", " + q(kid) + ", " + q(idpID(e, "Partner SAML 3")) + ")"
			},
			WantErr: "Key already exists in the list of key credentials for the target IdP",
			After: func(t *testing.T, e *testenv.Env) {
				if n := len(oktaList(t, e, "/api/v1/idps/"+idpID(e, "Partner SAML 3")+"/credentials/keys")); n != 2 {
					t.Errorf("Partner SAML 3 has %d keys after one clone, want 2", n)
				}
			},
		},
		{
			Name: "dry run sends no write",
			SQLFunc: func(e *testenv.Env) string {
				return "CALL /*+ SET_VAR(credsql_dry_run = ON) */ idp_signing_keys_generate(" + q(idpID(e, "Partner SAML 3")) + ")"
			},
			Routes: map[routes.Route]int{},
			After: func(t *testing.T, e *testenv.Env) {
				if n := len(oktaList(t, e, "/api/v1/idps/"+idpID(e, "Partner SAML 3")+"/credentials/keys")); n != 1 {
					t.Errorf("Partner SAML 3 has %d keys after a dry run, want 1", n)
				}
			},
		},
	})
}

func TestIdPCSRs(t *testing.T) {
	t.Parallel()
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			Name: "every IdP's CSRs, decoded",
			SQL: "SELECT i.name, c.subject_common_name, c.subject_organizational_unit_name, c.dns_names, c.csr_key_type, c.csr_signature_valid, " +
				"c.created < NOW() - INTERVAL 7 DAY FROM idp_csrs c JOIN idps i ON i.id = c.idp_id ORDER BY i.name",
			Want: [][]any{
				{"Partner SAML 1", "Partner SAML 1", "Identity", `["partner-saml-1.acme.example"]`, "RSA", int64(1), int64(1)},
				{"Partner SAML 3", "Partner SAML 3", "Identity", `["partner-saml-3.acme.example"]`, "RSA", int64(1), int64(0)},
			},
		},
		{
			Name: "key get is one call",
			SQLFunc: func(e *testenv.Env) string {
				idp, c := idpCSROf(e, "Partner SAML 3")
				return "SELECT id FROM idp_csrs WHERE idp_id = " + q(idp) + " AND id = " + q(c["id"].(string))
			},
			WantCount: 1,
			Calls:     testenv.N(1),
			Routes:    map[routes.Route]int{oktaroutes.GetIdPCSR: 1},
		},
		{
			Name: "INSERT generates a CSR",
			SQLFunc: func(e *testenv.Env) string {
				return "INSERT INTO idp_csrs (idp_id, subject_common_name, dns_names) VALUES (" + q(idpID(e, "Partner SAML 3")) + ", 'sso.acme.example', '[\"sso.acme.example\"]')"
			},
			Routes: map[routes.Route]int{oktaroutes.GenerateIdPCSR: 1},
			After: func(t *testing.T, e *testenv.Env) {
				rows := e.MustQuery("SELECT subject_common_name FROM idp_csrs WHERE idp_id = " + q(idpID(e, "Partner SAML 3")) + " ORDER BY created")
				if diff := cmp.Diff([][]any{{"Partner SAML 3"}, {"sso.acme.example"}}, rows); diff != "" {
					t.Errorf("CSRs after INSERT (-want +got):\n%s", diff)
				}
			},
		},
		{
			Name: "DELETE revokes it",
			SQLFunc: func(e *testenv.Env) string {
				idp, c := idpCSROf(e, "Partner SAML 1")
				return "DELETE FROM idp_csrs WHERE idp_id = " + q(idp) + " AND id = " + q(c["id"].(string))
			},
			Routes: map[routes.Route]int{oktaroutes.RevokeIdPCSR: 1},
			After: func(t *testing.T, e *testenv.Env) {
				if n := len(oktaList(t, e, "/api/v1/idps/"+idpID(e, "Partner SAML 1")+"/credentials/csrs")); n != 0 {
					t.Errorf("%d CSRs left, want 0", n)
				}
			},
		},
		{
			Name: "publish: the CSR becomes a signing key",
			SQLFunc: func(e *testenv.Env) string {
				idp, c := idpCSROf(e, "Partner SAML 1")
				return "CALL idp_csrs_publish(" + q(idp) + ", " + q(c["id"].(string)) + ", " + q(signedFor(e, c["csr"].(string))) + ")"
			},
			Routes: map[routes.Route]int{oktaroutes.GetIdPCSR: 1, oktaroutes.PublishIdPCSR: 1},
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				keys := oktaList(t, e, "/api/v1/idps/"+idpID(e, "Partner SAML 1")+"/credentials/keys")
				if len(keys) != 3 {
					t.Fatalf("%d signing keys after publishing, want 3", len(keys))
				}
				found := false
				for _, v := range rows[0] {
					found = found || v == keys[2]["kid"]
				}
				if !found {
					t.Errorf("the result row %v does not name the new kid %v", rows[0], keys[2]["kid"])
				}
			},
			After: func(t *testing.T, e *testenv.Env) {
				if n := len(oktaList(t, e, "/api/v1/idps/"+idpID(e, "Partner SAML 1")+"/credentials/csrs")); n != 0 {
					t.Errorf("%d CSRs left after publishing, want 0", n)
				}
			},
		},
		{
			Name: "publish refuses a certificate for another key",
			SQLFunc: func(e *testenv.Env) string {
				idp, c := idpCSROf(e, "Partner SAML 1")
				_, other := idpCSROf(e, "Partner SAML 3")
				return "CALL idp_csrs_publish(" + q(idp) + ", " + q(c["id"].(string)) + ", " + q(signedFor(e, other["csr"].(string))) + ")"
			},
			WantErr: "The certificate doesn't match the CSR.",
		},
	})
}
