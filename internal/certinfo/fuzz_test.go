package certinfo

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// seedMaterial is a real certificate and CSR in the forms users and vendors give them: PEM,
// base64 DER (standard and URL alphabet, padded and not), a chain, and damaged variants.
func seedMaterial(t testing.TB) []string {
	t.Helper()
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	rk, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: "seed", Organization: []string{"credsql"}},
		NotBefore: time.Unix(1700000000, 0), NotAfter: time.Unix(1900000000, 0), DNSNames: []string{"seed.example"}}
	cert, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &ec.PublicKey, ec)
	if err != nil {
		t.Fatal(err)
	}
	rcert, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &rk.PublicKey, rk)
	if err != nil {
		t.Fatal(err)
	}
	csr, err := x509.CreateCertificateRequest(rand.Reader, &x509.CertificateRequest{Subject: pkix.Name{CommonName: "seed", Country: []string{"US"}},
		DNSNames: []string{"a.example", "b.example"}}, rk)
	if err != nil {
		t.Fatal(err)
	}
	certPEM := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert}))
	rcertPEM := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: rcert}))
	csrPEM := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE REQUEST", Bytes: csr}))
	return []string{
		certPEM, rcertPEM, certPEM + rcertPEM, csrPEM,
		base64.StdEncoding.EncodeToString(cert), base64.RawURLEncoding.EncodeToString(cert),
		base64.StdEncoding.EncodeToString(csr), base64.RawURLEncoding.EncodeToString(csr),
		"  \n" + certPEM + "\n\n", strings.ReplaceAll(certPEM, "\n", "\r\n"),
		certPEM[:len(certPEM)/2], csrPEM[:len(csrPEM)-30], strings.Replace(certPEM, "CERTIFICATE", "PRIVATE KEY", 2),
		"-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n", "-----BEGIN", "", "   ", "not base64!", "AAAA", "====",
		base64.StdEncoding.EncodeToString(cert[:len(cert)-5]),
	}
}

// FuzzParseCertificateArg: whatever a user passes as a certificate, parsing it never
// panics, and what it accepts is a certificate.
func FuzzParseCertificateArg(f *testing.F) {
	for _, s := range seedMaterial(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		der, _, err := ParseCertificateArg(s)
		if err == nil {
			if _, err := x509.ParseCertificate(der); err != nil {
				t.Fatalf("accepted %q, which is no certificate: %v", s, err)
			}
			if c, err := FromDER(der); err != nil || c == nil {
				t.Fatalf("accepted %q, which FromDER refuses: %v", s, err)
			}
		}
		if ders, err := ParseChainArg(s); err == nil {
			for _, d := range ders {
				if _, err := x509.ParseCertificate(d); err != nil {
					t.Fatalf("chain %q: %v", s, err)
				}
			}
		}
		_, _ = FromPEM(s)
		_ = LazyPEM(s).Get()
		_ = LazyX5C([]string{s, s}).Get()
	})
}

// FuzzParseCSR: decoding a CSR never panics, and an accepted one round-trips through its PEM.
func FuzzParseCSR(f *testing.F) {
	for _, s := range seedMaterial(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCSR(s)
		if err != nil {
			return
		}
		again, err := ParseCSR(c.PEM)
		if err != nil || string(again.DER) != string(c.DER) || again.CommonName != c.CommonName {
			t.Fatalf("CSR %q does not round-trip through its PEM: %v", s, err)
		}
		_ = NewLazyCSR(s).Get()
	})
}

// FuzzDN: rendering any bytes as a name never panics; what renders is printable ASCII
// (openssl's escaping leaves no control character or non-ASCII byte in the text); and what
// does not render, crypto/x509 refuses as a subject too, so FromDER never fails on a name of a
// certificate that crypto/x509 parsed.
func FuzzDN(f *testing.F) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		f.Fatal(err)
	}
	pems, err := filepath.Glob("testdata/dn/*.pem")
	if err != nil || len(pems) == 0 {
		f.Fatalf("no seed certificates in testdata/dn: %v", err)
	}
	for _, p := range pems {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		subject, issuer := rawNames(f, b)
		f.Add(subject)
		f.Add(issuer)
	}
	f.Fuzz(func(t *testing.T, der []byte) {
		s, err := DN(der)
		if err != nil {
			tpl := &x509.Certificate{SerialNumber: big.NewInt(1), RawSubject: der}
			cert, cerr := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
			if cerr != nil {
				return
			}
			if c, perr := x509.ParseCertificate(cert); perr == nil && string(c.RawSubject) == string(der) {
				t.Fatalf("DN(% x): %v, but crypto/x509 parses a certificate with this subject", der, err)
			}
			return
		}
		for i := 0; i < len(s); i++ {
			if s[i] < 0x20 || s[i] >= 0x7f {
				t.Fatalf("DN(% x) = %q: byte %#x at %d is not printable ASCII", der, s, s[i], i)
			}
		}
	})
}
