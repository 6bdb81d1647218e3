package tables_test

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"github.com/credsql/credsql/internal/routes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/tables"
	"github.com/credsql/credsql/internal/testenv"
)

// The simulator's IdPs: "Partner SAML 1" (SAML2) trusts a key expiring within 30 days,
// "Smart Card 2" (X509) an EC key expiring within 30 days, "Partner SAML 3" a healthy key.

func rawIdPs(t testing.TB, e *testenv.Env) []map[string]any {
	return oktaList(t, e, "/api/v1/idps?limit=200")
}

func rawIdPKeys(t testing.TB, e *testenv.Env) []map[string]any {
	return oktaList(t, e, "/api/v1/idps/credentials/keys?limit=200")
}

func idpByName(t testing.TB, e *testenv.Env, name string) map[string]any {
	t.Helper()
	for _, p := range rawIdPs(t, e) {
		if p["name"] == name {
			return p
		}
	}
	t.Fatalf("no IdP named %q", name)
	return nil
}

func trustKid(p map[string]any) string {
	proto, _ := p["protocol"].(map[string]any)
	creds, _ := proto["credentials"].(map[string]any)
	trust, _ := creds["trust"].(map[string]any)
	return str(trust["kid"])
}

// unusedKeys are the kids of the store no IdP trusts, as the API says.
func unusedKeys(t testing.TB, e *testenv.Env) []string {
	used := map[string]bool{}
	for _, p := range rawIdPs(t, e) {
		used[trustKid(p)] = true
	}
	var out []string
	for _, k := range rawIdPKeys(t, e) {
		if !used[k["kid"].(string)] {
			out = append(out, k["kid"].(string))
		}
	}
	return out
}

func TestIdPs(t *testing.T) {
	t.Parallel()
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			Name:  "every IdP, as the API lists them (6 at 2 per page)",
			SQL:   "SELECT id, name, type, status, issuer_mode, protocol_type, trust_kid, created, last_updated FROM idps ORDER BY id",
			Calls: testenv.N(3),
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				var want [][]any
				for _, p := range rawIdPs(t, e) {
					proto := p["protocol"].(map[string]any)
					var kid any
					if k := trustKid(p); k != "" {
						kid = k
					}
					want = append(want, []any{p["id"], p["name"], p["type"], p["status"], p["issuerMode"], proto["type"], kid,
						oktaTime(t, p["created"]), oktaTime(t, p["lastUpdated"])})
				}
				if diff := cmp.Diff(sortedRows(want), sortedRows(rows)); diff != "" {
					t.Errorf("rows (-api +credsql):\n%s", diff)
				}
			},
		},
		{
			Name: "key get is one call",
			SQLFunc: func(e *testenv.Env) string {
				return "SELECT name, type, protocol_type FROM idps WHERE id = " + q(idpByName(e.T, e, "Smart Card 2")["id"].(string))
			},
			Want:   [][]any{{"Smart Card 2", "X509", "MTLS"}},
			Calls:  testenv.N(1),
			Routes: map[routes.Route]int{oktaroutes.GetIdP: 1},
		},
		{
			Name: "IN on the id is one get per value",
			SQLFunc: func(e *testenv.Env) string {
				return "SELECT name FROM idps WHERE id IN (" + q(idpByName(e.T, e, "Partner SAML 1")["id"].(string)) + ", " + q(idpByName(e.T, e, "Partner SAML 3")["id"].(string)) + ") ORDER BY name"
			},
			Want:   [][]any{{"Partner SAML 1"}, {"Partner SAML 3"}},
			Calls:  testenv.N(2),
			Routes: map[routes.Route]int{oktaroutes.GetIdP: 2},
		},
		{
			Name:  "type is passed to the API",
			SQL:   "SELECT name FROM idps WHERE type = 'SAML2' ORDER BY name",
			Calls: testenv.N(1),
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				if calls := e.Sim.Calls(); len(calls) != 1 || !strings.Contains(calls[0].Query, "type=SAML2") {
					t.Errorf("calls: %v", calls)
				}
				var want [][]any
				for _, p := range rawIdPs(t, e) {
					if p["type"] == "SAML2" {
						want = append(want, []any{p["name"]})
					}
				}
				if diff := cmp.Diff(sortedRows(want), rows); diff != "" || len(rows) < 2 {
					t.Errorf("rows (-api +credsql):\n%s", diff)
				}
			},
		},
		{
			Name:     "a type that is not an IdP type is not sent",
			SQL:      "SELECT name FROM idps WHERE type = 'SAML'",
			CountSet: true, WantCount: 0,
			Calls: testenv.N(3),
		},
		{
			Name:      "LIMIT stops paging",
			SQL:       "SELECT id FROM idps LIMIT 2",
			WantCount: 2,
			Calls:     testenv.N(1),
		},
		{
			Name: "trust_kid joins idps_keys.kid",
			SQL:  "SELECT i.name, k.kid, k.kty FROM idps i JOIN idps_keys k ON k.kid = i.trust_kid ORDER BY i.name",
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				keys := map[string]map[string]any{}
				for _, k := range rawIdPKeys(t, e) {
					keys[k["kid"].(string)] = k
				}
				var want [][]any
				for _, p := range rawIdPs(t, e) {
					if k, ok := keys[trustKid(p)]; ok {
						want = append(want, []any{p["name"], k["kid"], k["kty"]})
					}
				}
				if diff := cmp.Diff(sortedRows(want), sortedRows(rows)); diff != "" || len(rows) < 3 {
					t.Errorf("rows (-api +credsql):\n%s", diff)
				}
			},
		},
		{
			Name:   "a lookup join never looks up a NULL trust_kid",
			SQL:    "SELECT /*+ JOIN_ORDER(i, k) LOOKUP_JOIN(i, k) */ i.name, k.kty FROM idps i JOIN idps_keys k ON k.kid = i.trust_kid ORDER BY i.name",
			Want:   [][]any{{"Partner SAML 1", "RSA"}, {"Partner SAML 3", "RSA"}, {"Smart Card 2", "EC"}},
			Routes: map[routes.Route]int{oktaroutes.ListIdPKeys: 0, oktaroutes.GetIdPKey: 3},
		},
		{
			Name:     "an empty key names no row and costs no call",
			SQL:      "SELECT kid FROM idps_keys WHERE kid = ''",
			CountSet: true, WantCount: 0,
			Calls: testenv.N(0),
		},
		{
			Name: "IdPs trusting a certificate that expires within 30 days",
			SQL:  "SELECT i.name, k.kty FROM idps i JOIN idps_keys k ON k.kid = i.trust_kid WHERE k.cert_not_after < NOW() + INTERVAL 30 DAY ORDER BY i.name",
			Want: [][]any{{"Partner SAML 1", "RSA"}, {"Smart Card 2", "EC"}},
		},
		{
			Name:    "idps is read-only",
			SQL:     "INSERT INTO idps (id, name) VALUES ('0oa1', 'x')",
			WantErr: "idps does not support INSERT: it supports UPDATE, CALL idps_trust_rotate, CALL idps_trust_promote",
			Calls:   testenv.N(0),
		},
		{
			Name: "DELETE on idps is refused before any call",
			SQLFunc: func(e *testenv.Env) string {
				return "DELETE FROM idps WHERE id = " + q(idpByName(e.T, e, "Partner SAML 1")["id"].(string))
			},
			WantErr: "idps does not support DELETE",
			Calls:   testenv.N(0),
		},
	})
}

func TestIdPKeysRead(t *testing.T) {
	t.Parallel()
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			Name:  "every key with its decoded certificate (12 at 2 per page)",
			SQL:   "SELECT kid, kty, alg, crv, expires_at, x5t_s256, cert_sha256, x5t_s256_matches, cert_not_after, cert_key_type, cert_chain_length FROM idps_keys",
			Calls: testenv.N(6),
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				var want [][]any
				mismatches := 0
				for _, k := range rawIdPKeys(t, e) {
					der, err := base64.StdEncoding.DecodeString(k["x5c"].([]any)[0].(string))
					if err != nil {
						t.Fatal(err)
					}
					cert, err := x509.ParseCertificate(der)
					if err != nil {
						t.Fatal(err)
					}
					sum := sha256.Sum256(der)
					sha := base64.RawURLEncoding.EncodeToString(sum[:])
					matches := int64(0)
					if sha == k["x5t#S256"] {
						matches = 1
					} else {
						mismatches++
					}
					var crv any
					if k["crv"] != nil {
						crv = k["crv"]
					}
					want = append(want, []any{k["kid"], k["kty"], k["alg"], crv, oktaTime(t, k["expiresAt"]), k["x5t#S256"], sha, matches,
						cert.NotAfter.UTC(), k["kty"], int64(1)})
				}
				if diff := cmp.Diff(sortedRows(want), sortedRows(rows)); diff != "" {
					t.Errorf("rows (-api +credsql):\n%s", diff)
				}
				if mismatches == 0 {
					t.Error("the simulator should hold a key whose thumbprint does not match")
				}
			},
		},
		{
			Name: "key get is one call",
			SQLFunc: func(e *testenv.Env) string {
				return "SELECT kid FROM idps_keys WHERE kid = " + q(trustKid(idpByName(e.T, e, "Smart Card 2")))
			},
			WantCount: 1,
			Calls:     testenv.N(1),
			Routes:    map[routes.Route]int{oktaroutes.GetIdPKey: 1},
		},
		{
			Name: "IN is one get per value",
			SQLFunc: func(e *testenv.Env) string {
				return "SELECT kid FROM idps_keys WHERE kid IN (" + q(trustKid(idpByName(e.T, e, "Smart Card 2"))) + ", 'no-such-kid')"
			},
			WantCount: 1,
			Calls:     testenv.N(2),
		},
		{Name: "LIMIT 2 reads one page", SQL: "SELECT kid FROM idps_keys LIMIT 2", WantCount: 2, Calls: testenv.N(1)},
		{Name: "LIMIT 3 reads two pages", SQL: "SELECT kid FROM idps_keys LIMIT 3", WantCount: 3, Calls: testenv.N(2)},
		{
			Name: "keys no IdP trusts",
			SQL:  "SELECT k.kid FROM idps_keys k WHERE NOT EXISTS (SELECT 1 FROM idps i WHERE i.trust_kid = k.kid)",
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				var want [][]any
				for _, kid := range unusedKeys(t, e) {
					want = append(want, []any{kid})
				}
				if diff := cmp.Diff(sortedRows(want), sortedRows(rows)); diff != "" || len(rows) < 3 {
					t.Errorf("rows (-api +credsql):\n%s", diff)
				}
			},
		},
	})
}

// newCert issues a CA-signed certificate for a new key (EC P-256, or Ed25519 when ed).
func newCert(t testing.TB, cn string, ed bool) []byte {
	t.Helper()
	var pub any
	if ed {
		p, _, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		pub = p
	} else {
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		pub = &k.PublicKey
	}
	return issueFor(t, pkix.Name{CommonName: cn}, nil, pub, 365)
}

func b64(der []byte) string { return base64.StdEncoding.EncodeToString(der) }

func pemOf(ders ...[]byte) string {
	var b strings.Builder
	for _, d := range ders {
		b.Write(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: d}))
	}
	return b.String()
}

func caDER(t testing.TB) []byte {
	ca, _ := sim.CAKey()
	return ca.Raw
}

// keyWithSubject finds the store's key whose certificate has cn, as the API says.
func keyWithSubject(t testing.TB, e *testenv.Env, cn string) map[string]any {
	t.Helper()
	for _, k := range rawIdPKeys(t, e) {
		der, _ := base64.StdEncoding.DecodeString(k["x5c"].([]any)[0].(string))
		if c, err := x509.ParseCertificate(der); err == nil && c.Subject.CommonName == cn {
			return k
		}
	}
	return nil
}

func TestIdPKeysWrite(t *testing.T) {
	t.Parallel()
	setup, after := usableAfter("SELECT kid FROM idps_keys LIMIT 1")
	leaf := newCert(t, "new-idp.partner.example", false)
	x5cLen := func(cn string, n int) func(t *testing.T, e *testenv.Env) {
		return func(t *testing.T, e *testenv.Env) {
			k := keyWithSubject(t, e, cn)
			if k == nil || len(k["x5c"].([]any)) != n {
				t.Errorf("key %s with %d certificates: %v", cn, n, k)
			}
		}
	}
	chain, _ := json.Marshal([]string{b64(leaf), b64(caDER(t))})
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			Name:   "INSERT a JSON array chain",
			SQL:    "INSERT INTO idps_keys (x5c) VALUES (" + q(string(chain)) + ")",
			Want:   [][]any{{int64(1)}},
			Calls:  testenv.N(1),
			Routes: map[routes.Route]int{oktaroutes.CreateIdPKey: 1},
			After:  x5cLen("new-idp.partner.example", 2),
		},
		{
			Name:  "INSERT one base64 DER certificate",
			SQL:   "INSERT INTO idps_keys (x5c) VALUES (" + q(b64(leaf)) + ")",
			Want:  [][]any{{int64(1)}},
			Calls: testenv.N(1),
			After: x5cLen("new-idp.partner.example", 1),
		},
		{
			Name:  "INSERT PEM with two certificates",
			SQL:   "INSERT INTO idps_keys (x5c) VALUES (" + q(pemOf(leaf, caDER(t))) + ")",
			Want:  [][]any{{int64(1)}},
			Calls: testenv.N(1),
			After: x5cLen("new-idp.partner.example", 2),
		},
		{
			Name: "INSERT of a value that is no certificate is refused before any call",
			SQL:  "INSERT INTO idps_keys (x5c) VALUES ('hello!')", WantErr: "x5c: certificate is neither PEM nor base64 DER", Calls: testenv.N(0),
		},
		{
			Name:    "INSERT names the bad element of an array",
			SQL:     "INSERT INTO idps_keys (x5c) VALUES (" + q(`["`+b64(leaf)+`", "AAAA"]`) + ")",
			WantErr: "x5c[1]: parse certificate", Calls: testenv.N(0),
		},
		{
			Name:    "an Ed25519 certificate carries Okta's error",
			SQL:     "INSERT INTO idps_keys (x5c) VALUES (" + q(b64(newCert(t, "ed.partner.example", true))) + ")",
			WantErr: "400 Bad Request (E0000001): Api validation failed: x5c",
			Calls:   testenv.N(1),
			Setup:   setup, After: after,
		},
		{
			Name: "UPDATE SET x5c replaces the certificate, keeping the kid",
			SQLFunc: func(e *testenv.Env) string {
				return "UPDATE idps_keys SET x5c = " + q(pemOf(leaf)) + " WHERE kid = " + q(trustKid(idpByName(e.T, e, "Partner SAML 1")))
			},
			Want:   [][]any{{int64(1)}},
			Calls:  testenv.N(2),
			Routes: map[routes.Route]int{oktaroutes.GetIdPKey: 1, oktaroutes.ReplaceIdPKey: 1},
			After: func(t *testing.T, e *testenv.Env) {
				k := oktaObject(t, e, "/api/v1/idps/credentials/keys/"+trustKid(idpByName(t, e, "Partner SAML 1")))
				if k["x5c"].([]any)[0] != b64(leaf) {
					t.Errorf("the key was not replaced: %v", k)
				}
			},
		},
		{
			Name: "UPDATE of another column is refused",
			SQLFunc: func(e *testenv.Env) string {
				return "UPDATE idps_keys SET kty = 'EC' WHERE kid = " + q(unusedKeys(e.T, e)[0])
			},
			WantErr: "UPDATE idps_keys cannot change kty: the updatable columns are x5c",
			Routes:  map[routes.Route]int{oktaroutes.ReplaceIdPKey: 0},
		},
		{
			Name:    "a key-only DELETE is one call, after the list of IdPs that checks none trusts the key",
			SQLFunc: func(e *testenv.Env) string { return "DELETE FROM idps_keys WHERE kid = " + q(unusedKeys(e.T, e)[0]) },
			Want:    [][]any{{int64(1)}},
			Calls:   testenv.N(4),
			Routes:  map[routes.Route]int{oktaroutes.DeleteIdPKey: 1, oktaroutes.ListIdPs: 3},
			After: func(t *testing.T, e *testenv.Env) {
				if n := len(rawIdPKeys(t, e)); n != 11 {
					t.Errorf("%d keys after DELETE, want 11", n)
				}
			},
		},
		{
			Name: "deleting a key an IdP trusts is refused before the DELETE, naming the IdP",
			SQLFunc: func(e *testenv.Env) string {
				return "DELETE FROM idps_keys WHERE kid = " + q(trustKid(idpByName(e.T, e, "Partner SAML 3")))
			},
			WantErr: `is trusted by IdP "Partner SAML 3"`,
			Routes:  map[routes.Route]int{oktaroutes.DeleteIdPKey: 0},
			Setup:   setup, After: after,
		},
		{
			Name: "DELETE without the kid is refused by sql_safe_updates, before any call",
			SQL:  "DELETE FROM idps_keys WHERE kty = 'EC'", WantErr: "safe update mode", Calls: testenv.N(0),
		},
	})
}

func TestIdPKeysReadOnly(t *testing.T) {
	t.Parallel()
	leaf := newCert(t, "ro.partner.example", false)
	testenv.Run(t, testenv.Options{Settings: tables.Settings{ReadOnly: true}}, []testenv.Case{
		{Name: "INSERT", SQL: "INSERT INTO idps_keys (x5c) VALUES (" + q(b64(leaf)) + ")", WantErr: "is read-only (--read-only)", Calls: testenv.N(0)},
		{Name: "UPDATE", SQLFunc: func(e *testenv.Env) string {
			return "UPDATE idps_keys SET x5c = " + q(b64(leaf)) + " WHERE kid = " + q(unusedKeys(e.T, e)[0])
		}, WantErr: "is read-only (--read-only)", Calls: testenv.N(0)},
		{Name: "DELETE", SQLFunc: func(e *testenv.Env) string { return "DELETE FROM idps_keys WHERE kid = " + q(unusedKeys(e.T, e)[0]) },
			WantErr: "is read-only (--read-only)", Calls: testenv.N(0)},
	})
}
