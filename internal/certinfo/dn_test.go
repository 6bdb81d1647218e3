package certinfo

import (
	"encoding/asn1"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// goRefuses are the certificates of testdata/dn that crypto/x509 does not parse, so only DN
// renders their names: a UniversalString, and OID arcs wider than 31 bits.
var goRefuses = map[string]bool{"universal": true, "big_oid": true}

// TestDNMatchesOpenSSL: the subject and issuer of every certificate in testdata/dn render as
// `openssl x509 -nameopt RFC2253` printed them when testdata/dn/gen.sh made the certificate.
func TestDNMatchesOpenSSL(t *testing.T) {
	pems, err := filepath.Glob("testdata/dn/*.pem")
	if err != nil {
		t.Fatal(err)
	}
	if len(pems) < 25 {
		t.Fatalf("found %d certificates in testdata/dn, want at least 25", len(pems))
	}
	for _, path := range pems {
		name := strings.TrimSuffix(filepath.Base(path), ".pem")
		t.Run(name, func(t *testing.T) {
			certPEM, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			wantSubject, wantIssuer := opensslNames(t, strings.TrimSuffix(path, ".pem")+".txt")
			subject, issuer := rawNames(t, certPEM)
			for _, c := range []struct{ what, want string }{{"subject", wantSubject}, {"issuer", wantIssuer}} {
				raw := subject
				if c.what == "issuer" {
					raw = issuer
				}
				got, err := DN(raw)
				if err != nil {
					t.Errorf("DN(%s): %v", c.what, err)
				} else if got != c.want {
					t.Errorf("DN(%s):\n got %q\nwant %q (openssl)", c.what, got, c.want)
				}
			}

			cert, err := FromPEM(string(certPEM))
			if goRefuses[name] {
				if err == nil {
					t.Errorf("FromPEM accepted a certificate crypto/x509 refused; move it out of goRefuses")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if cert.Subject != wantSubject || cert.Issuer != wantIssuer {
				t.Errorf("FromPEM:\n got subject %q issuer %q\nwant subject %q issuer %q", cert.Subject, cert.Issuer, wantSubject, wantIssuer)
			}
		})
	}
}

// opensslNames reads what openssl printed: a "subject=" line, then an "issuer=" line.
func opensslNames(t *testing.T, path string) (subject, issuer string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("%s: %d lines, want subject= and issuer=", path, len(lines))
	}
	subject, ok1 := strings.CutPrefix(lines[0], "subject=")
	issuer, ok2 := strings.CutPrefix(lines[1], "issuer=")
	if !ok1 || !ok2 {
		t.Fatalf("%s: want subject= and issuer= lines, got %q", path, lines)
	}
	return subject, issuer
}

// rawNames returns the DER subject and issuer of a PEM certificate, read with encoding/asn1
// so that certificates crypto/x509 refuses can be read too.
func rawNames(t testing.TB, certPEM []byte) (subject, issuer []byte) {
	t.Helper()
	block, _ := pem.Decode(certPEM)
	if block == nil {
		t.Fatal("no PEM block")
	}
	var cert struct {
		TBS struct {
			Version  asn1.RawValue `asn1:"optional,explicit,tag:0"`
			Serial   asn1.RawValue
			SigAlg   asn1.RawValue
			Issuer   asn1.RawValue
			Validity asn1.RawValue
			Subject  asn1.RawValue
		}
	}
	if _, err := asn1.Unmarshal(block.Bytes, &cert); err != nil {
		t.Fatalf("parse certificate: %v", err)
	}
	return cert.TBS.Subject.FullBytes, cert.TBS.Issuer.FullBytes
}

// TestDNRefusesMalformed: names that are not DER Names are errors, not text.
func TestDNRefusesMalformed(t *testing.T) {
	cn := []byte{0x30, 0x0a, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x03, 'a', 'b', 'c'}
	set := append([]byte{0x31, byte(len(cn))}, cn...)
	for _, c := range []struct {
		name string
		der  []byte
	}{
		{"empty", nil},
		{"not a sequence", append([]byte{0x31, byte(len(set))}, set...)},
		{"trailing bytes", append(append([]byte{0x30, byte(len(set))}, set...), 0)},
		{"truncated", append([]byte{0x30, byte(len(set))}, set[:len(set)-1]...)},
		{"RDN not a set", append([]byte{0x30, byte(len(cn))}, cn...)},
		{"type not an OID", []byte{0x30, 0x08, 0x31, 0x06, 0x30, 0x04, 0x0c, 0x00, 0x0c, 0x00}},
		{"OID with a padded arc", []byte{0x30, 0x0b, 0x31, 0x09, 0x30, 0x07, 0x06, 0x03, 0x55, 0x80, 0x03, 0x0c, 0x00}},
		{"OID cut inside an arc", []byte{0x30, 0x0a, 0x31, 0x08, 0x30, 0x06, 0x06, 0x02, 0x55, 0x84, 0x0c, 0x00}},
		{"no value", []byte{0x30, 0x09, 0x31, 0x07, 0x30, 0x05, 0x06, 0x03, 0x55, 0x04, 0x03}},
		{"BMPString of odd length", []byte{0x30, 0x0c, 0x31, 0x0a, 0x30, 0x08, 0x06, 0x03, 0x55, 0x04, 0x03, 0x1e, 0x01, 'a'}},
		{"indefinite length", []byte{0x30, 0x80, 0x00, 0x00}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if s, err := DN(c.der); err == nil {
				t.Errorf("DN(% x) = %q, want an error", c.der, s)
			}
		})
	}
	// The well-formed name the cases above are damaged from.
	if s, err := DN(append([]byte{0x30, byte(len(set))}, set...)); err != nil || s != "CN=abc" {
		t.Errorf("DN(CN=abc) = %q, %v", s, err)
	}
}
