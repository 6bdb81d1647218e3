package testenv

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/credsql/credsql/internal/inventory"
)

// SavedQueries is the SQL of every saved query in the repository's queries/ folder, in name
// order. It fails the test when there are none.
func SavedQueries(t testing.TB) []string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	qs, err := inventory.Load(filepath.Join(filepath.Dir(file), "..", "..", "queries"))
	if err != nil {
		t.Fatalf("saved queries: %v", err)
	}
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.SQL
	}
	return out
}

// CSRPEM is a fresh PEM certificate signing request for CN=credsql-bot, on a new P-256 key.
func CSRPEM(t testing.TB) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.CreateCertificateRequest(rand.Reader, &x509.CertificateRequest{Subject: pkix.Name{CommonName: "credsql-bot"}}, key)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE REQUEST", Bytes: der}))
}
