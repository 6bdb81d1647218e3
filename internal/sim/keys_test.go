package sim_test

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"net/http"
	"testing"

	"github.com/credsql/credsql/internal/sim"
)

// No two credentials of the demo share a public key, and a key generated through the API is
// never one already in use: the modulus (JWK n) of every app key, IdP key and CSR differs.
func TestEveryCredentialHasAKeyOfItsOwn(t *testing.T) {
	o := newOkta(t, sim.Options{Seed: 42})
	owner := map[string]string{} // modulus -> credential
	add := func(n any, what string) {
		t.Helper()
		s, _ := n.(string)
		if s == "" {
			return // an EC key
		}
		if prev, ok := owner[s]; ok {
			t.Errorf("%s has the public key of %s", what, prev)
		}
		owner[s] = what
	}
	apps := o.all("/api/v1/apps?limit=200")
	var first string
	for _, a := range apps {
		id := a["id"].(string)
		if first == "" {
			first = id
		}
		var keys, csrs []map[string]any
		o.ok(http.StatusOK, &keys, "GET", "/api/v1/apps/"+id+"/credentials/keys", nil)
		for _, k := range keys {
			add(k["n"], "app key "+id+"/"+k["kid"].(string))
		}
		o.ok(http.StatusOK, &csrs, "GET", "/api/v1/apps/"+id+"/credentials/csrs", nil)
		for _, c := range csrs {
			der, err := base64.StdEncoding.DecodeString(c["csr"].(string))
			if err != nil {
				der, err = base64.RawURLEncoding.DecodeString(c["csr"].(string))
			}
			req, perr := x509.ParseCertificateRequest(der)
			if err != nil || perr != nil {
				t.Fatalf("CSR %v: %v %v", c["id"], err, perr)
			}
			if pub, ok := req.PublicKey.(*rsa.PublicKey); ok {
				add(base64.RawURLEncoding.EncodeToString(pub.N.Bytes()), "CSR "+c["id"].(string))
			}
		}
	}
	for _, k := range o.all("/api/v1/idps/credentials/keys") {
		add(k["n"], "IdP key "+k["kid"].(string))
	}
	if len(owner) < 50 {
		t.Fatalf("only %d keys seen", len(owner))
	}
	for i := range 3 {
		var k map[string]any
		o.ok(http.StatusCreated, &k, "POST", "/api/v1/apps/"+first+"/credentials/keys/generate?validityYears=2", nil)
		add(k["n"], fmt.Sprintf("generated key %d", i))
	}
}
