package tables_test

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"github.com/credsql/credsql/internal/routes"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/credsql/credsql/internal/config"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"github.com/credsql/credsql/internal/testenv"
)

func firstApp(e *testenv.Env) string {
	return e.MustQuery("SELECT id FROM apps ORDER BY id LIMIT 1")[0][0].(string)
}

func TestAppsAndAppKeys(t *testing.T) {
	t.Parallel()
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			Name: "apps lists every page",
			SQL:  "SELECT id, label, sign_on_mode FROM apps",
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				raw := e.OktaList("/api/v1/apps?limit=200")
				if len(rows) != len(raw) || len(rows) != e.Sim.Options().Apps {
					t.Errorf("%d rows, simulator has %d apps", len(rows), len(raw))
				}
				want := map[string]string{}
				for _, a := range raw {
					want[a["id"].(string)] = a["label"].(string) + "/" + a["signOnMode"].(string)
				}
				for _, r := range rows {
					if got := r[1].(string) + "/" + r[2].(string); want[r[0].(string)] != got {
						t.Errorf("app %s: %s, want %s", r[0], got, want[r[0].(string)])
					}
				}
			},
			// 24 apps at 2 per page.
			Calls: testenv.N(12),
		},
		{
			Name:      "LIMIT 3 with page size 2 costs 2 calls",
			SQL:       "SELECT id FROM apps LIMIT 3",
			WantCount: 3,
			Calls:     testenv.N(2),
		},
		{
			Name:      "get by id is one call",
			SQLFunc:   func(e *testenv.Env) string { return "SELECT id, status FROM apps WHERE id = '" + firstApp(e) + "'" },
			WantCount: 1,
			Routes:    map[routes.Route]int{oktaroutes.GetApp: 1},
			Calls:     testenv.N(1),
		},
		{
			Name:      "unknown app id is no row, not an error",
			SQL:       "SELECT * FROM apps WHERE id = '0oaDoesNotExist'",
			CountSet:  true,
			WantCount: 0,
			Calls:     testenv.N(1),
		},
		{
			Name: "status equality becomes a vendor-side filter",
			SQL:  "SELECT id FROM apps WHERE status = 'INACTIVE'",
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				for _, c := range e.Sim.Calls() {
					if !strings.Contains(c.Query, "filter=status+eq+%22INACTIVE%22") {
						t.Errorf("call %s does not filter on status", c)
					}
				}
			},
		},
		{
			Name: "app key by app_id and kid is one call",
			SQLFunc: func(e *testenv.Env) string {
				r := e.MustQuery("SELECT app_id, kid FROM app_keys WHERE app_id = '" + firstApp(e) + "' LIMIT 1")[0]
				return fmt.Sprintf("SELECT kid, cert_not_after FROM app_keys WHERE app_id = '%s' AND kid = '%s'", r[0], r[1])
			},
			WantCount: 1,
			Routes:    map[routes.Route]int{oktaroutes.GetAppKey: 1},
			Calls:     testenv.N(1),
		},
		{
			Name: "app_id IN costs one list per app",
			SQLFunc: func(e *testenv.Env) string {
				ids := e.MustQuery("SELECT id FROM apps ORDER BY id LIMIT 3")
				return fmt.Sprintf("SELECT app_id, kid FROM app_keys WHERE app_id IN ('%s', '%s', '%s')", ids[0][0], ids[1][0], ids[2][0])
			},
			Routes: map[routes.Route]int{oktaroutes.ListAppKeys: 3},
			Calls:  testenv.N(3),
		},
		{
			Name: "fan-out over every app returns the union of their keys",
			SQL:  "SELECT app_id, kid FROM app_keys",
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				var want, got []string
				for _, a := range e.OktaList("/api/v1/apps?limit=200") {
					id := a["id"].(string)
					for _, k := range e.OktaList("/api/v1/apps/" + id + "/credentials/keys") {
						want = append(want, id+"/"+k["kid"].(string))
					}
				}
				for _, r := range rows {
					got = append(got, r[0].(string)+"/"+r[1].(string))
				}
				sort.Strings(want)
				sort.Strings(got)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("keys differ from the simulator's (-want +got):\n%s", diff)
				}
			},
			// 12 pages of apps and one key list per app.
			Calls: testenv.N(12 + 24),
		},
		{
			Name: "cert columns are what crypto/x509 says",
			SQL:  "SELECT app_id, kid, x5c, cert_subject, cert_issuer, cert_serial, cert_not_before, cert_not_after, cert_sha256, cert_key_type, cert_key_bits, cert_self_signed, cert_chain_length, x5t_s256, x5t_s256_matches, expires_at FROM app_keys",
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				mismatches := 0
				for _, r := range rows {
					var x5c []string
					mustJSON(t, r[2], &x5c)
					der, _ := base64.StdEncoding.DecodeString(x5c[0])
					c, err := x509.ParseCertificate(der)
					if err != nil {
						t.Fatal(err)
					}
					sum := sha256.Sum256(der)
					thumb := base64.RawURLEncoding.EncodeToString(sum[:])
					self := int64(0)
					if bytes.Equal(c.RawIssuer, c.RawSubject) && c.CheckSignature(c.SignatureAlgorithm, c.RawTBSCertificate, c.Signature) == nil {
						self = 1
					}
					// For the simulator's names (CN, and O) pkix.Name.String agrees with the
					// openssl form of cert_subject, which internal/certinfo checks against openssl.
					want := []any{c.Subject.String(), c.Issuer.String(), hex.EncodeToString(c.SerialNumber.Bytes()),
						c.NotBefore.UTC(), c.NotAfter.UTC(), thumb, "RSA", int64(2048), self, int64(1)}
					if diff := cmp.Diff(want, r[3:13]); diff != "" {
						t.Errorf("key %s: (-x509 +credsql):\n%s", r[1], diff)
					}
					matches := int64(0)
					if r[13] == thumb {
						matches = 1
					} else {
						mismatches++
					}
					if r[14] != matches {
						t.Errorf("key %s: x5t_s256_matches = %v with x5t %v and sha256 %s", r[1], r[14], r[13], thumb)
					}
					if !r[15].(time.Time).Equal(c.NotAfter) {
						t.Errorf("key %s: expires_at %v, certificate %v", r[1], r[15], c.NotAfter)
					}
				}
				if mismatches == 0 {
					t.Error("the simulator's deliberately wrong x5t#S256 was not found")
				}
			},
		},
		{
			Name:    "unknown table",
			SQL:     "SELECT * FROM app_keyz",
			WantErr: "table not found: app_keyz",
			Calls:   testenv.N(0),
		},
		{
			Name:    "unknown column",
			SQL:     "SELECT kidd FROM app_keys",
			WantErr: `column "kidd" could not be found`,
			Calls:   testenv.N(0),
		},
	})
}

func TestOktaTokenRejected(t *testing.T) {
	t.Parallel()
	testenv.Run(t, testenv.Options{Configure: func(c *config.Config) {
		for i := range c.Connections {
			if c.Connections[i].Vendor == config.Okta {
				c.Connections[i].Token = "wrong-token-value"
				c.Connections[i].Source = "environment variables OKTA_ORG_URL and OKTA_API_TOKEN"
			}
		}
	}}, []testenv.Case{{
		Name:    "401 names the connection and the variables",
		SQL:     "SELECT * FROM apps",
		Check:   nil,
		WantErr: `Okta connection "demo": GET /api/v1/apps: 401 Unauthorized (E0000011): Invalid token provided`,
		After: func(t *testing.T, e *testenv.Env) {
			_, err := e.Query("SELECT * FROM apps")
			if !strings.Contains(err.Error(), "OKTA_API_TOKEN") || strings.Contains(err.Error(), "wrong-token-value") {
				t.Errorf("error %q: want the variable named and the token hidden", err)
			}
		},
		Calls: testenv.N(1),
	}})
}

func TestUnconfiguredVendor(t *testing.T) {
	t.Parallel()
	testenv.Run(t, testenv.Options{Configure: func(c *config.Config) {
		var keep []config.Connection
		for _, cc := range c.Connections {
			if cc.Vendor != config.Okta {
				keep = append(keep, cc)
			}
		}
		c.Connections = keep
	}}, []testenv.Case{{
		Name:    "tables of a vendor without configuration name the variables to set",
		SQL:     "SELECT * FROM app_keys",
		WantErr: "no Okta connection is configured: set OKTA_ORG_URL and OKTA_API_TOKEN (or OKTA_ACCESS_TOKEN)",
		Calls:   testenv.N(0),
	}})
}
