// Package certinfo decodes X.509 certificates and PKCS#10 certificate signing requests into
// the facts credsql's cert_* and csr_* columns show.
package certinfo

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Cert holds what credsql shows about a certificate chain: facts of its first certificate
// and the chain's length.
type Cert struct {
	Subject     string // RFC 4514, as openssl prints it: see DN
	Issuer      string // RFC 4514, as openssl prints it: see DN
	Serial      string // hex, lower case
	NotBefore   time.Time
	NotAfter    time.Time
	SHA256      string // base64url (no padding) SHA-256 of the DER, as x5t#S256
	KeyType     string // RSA, EC, Ed25519
	KeyBits     int
	SelfSigned  bool
	ChainLength int
	DNSNames    []string
}

// FromX5C decodes an x5c chain: standard base64 DER strings, first the leaf.
func FromX5C(x5c []string) (*Cert, error) {
	if len(x5c) == 0 {
		return nil, errors.New("empty certificate chain")
	}
	der, err := DecodeBase64(x5c[0])
	if err != nil {
		return nil, fmt.Errorf("decode x5c[0]: %w", err)
	}
	c, err := FromDER(der)
	if err != nil {
		return nil, err
	}
	c.ChainLength = len(x5c)
	return c, nil
}

// FromPEM decodes the certificates of a PEM bundle; facts are of the first.
func FromPEM(s string) (*Cert, error) {
	ders, err := PEMBlocks(s, "CERTIFICATE")
	if err != nil {
		return nil, err
	}
	c, err := FromDER(ders[0])
	if err != nil {
		return nil, err
	}
	c.ChainLength = len(ders)
	return c, nil
}

// parses counts certificate decodings, for tests that check decoding stays lazy.
var parses atomic.Int64

// Parses returns how many certificates have been decoded by this process.
func Parses() int64 { return parses.Load() }

// FromDER decodes one DER certificate.
func FromDER(der []byte) (*Cert, error) {
	parses.Add(1)
	x, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("parse certificate: %w", err)
	}
	subject, err := DN(x.RawSubject)
	if err != nil {
		return nil, fmt.Errorf("render subject: %w", err)
	}
	issuer, err := DN(x.RawIssuer)
	if err != nil {
		return nil, fmt.Errorf("render issuer: %w", err)
	}
	sum := sha256.Sum256(der)
	kt, bits := KeyFacts(x.PublicKey)
	return &Cert{
		Subject:     subject,
		Issuer:      issuer,
		Serial:      hex.EncodeToString(x.SerialNumber.Bytes()),
		NotBefore:   x.NotBefore.UTC(),
		NotAfter:    x.NotAfter.UTC(),
		SHA256:      base64.RawURLEncoding.EncodeToString(sum[:]),
		KeyType:     kt,
		KeyBits:     bits,
		SelfSigned:  selfSigned(x),
		ChainLength: 1,
		DNSNames:    x.DNSNames,
	}, nil
}

func selfSigned(x *x509.Certificate) bool {
	if !bytesEqual(x.RawIssuer, x.RawSubject) {
		return false
	}
	// CheckSignatureFrom would also demand that x be a CA; a self-signed leaf is not one.
	return x.CheckSignature(x.SignatureAlgorithm, x.RawTBSCertificate, x.Signature) == nil
}

func bytesEqual(a, b []byte) bool { return string(a) == string(b) }

// KeyFacts names a public key's type and size in bits (the curve size for EC).
func KeyFacts(pub any) (string, int) {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return "RSA", k.N.BitLen()
	case *ecdsa.PublicKey:
		return "EC", k.Curve.Params().BitSize
	case ed25519.PublicKey:
		return "Ed25519", 256
	}
	return "", 0
}

// PEMBlocks returns the DER bytes of every PEM block of the given type in s. It fails when
// there is none.
func PEMBlocks(s, typ string) ([][]byte, error) {
	rest := []byte(s)
	var out [][]byte
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			break
		}
		if b.Type == typ || (typ == "CERTIFICATE REQUEST" && b.Type == "NEW CERTIFICATE REQUEST") {
			out = append(out, b.Bytes)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no PEM %s block found", typ)
	}
	return out, nil
}

// DecodeBase64 accepts standard or URL-safe base64, padded or not, with line breaks.
func DecodeBase64(s string) ([]byte, error) {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\n', '\r', ' ', '\t':
			return -1
		}
		return r
	}, s)
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil {
			return b, nil
		}
	}
	return nil, errors.New("not valid base64")
}

// Lazy decodes a certificate the first time it is asked for, at most once, so that listing
// keys costs no parsing unless a cert_* column is read. The zero value is not ready: use
// NewLazy.
type Lazy struct {
	once sync.Once
	src  func() (*Cert, error)
	cert *Cert
}

// LazyX5C returns a Lazy over an x5c chain.
func LazyX5C(x5c []string) *Lazy {
	return &Lazy{src: func() (*Cert, error) { return FromX5C(x5c) }}
}

// LazyPEM returns a Lazy over a PEM bundle.
func LazyPEM(s string) *Lazy {
	return &Lazy{src: func() (*Cert, error) { return FromPEM(s) }}
}

// Get returns the decoded certificate, or nil when it does not parse.
func (l *Lazy) Get() *Cert {
	if l == nil {
		return nil
	}
	l.once.Do(func() {
		if l.src != nil {
			l.cert, _ = l.src()
		}
	})
	return l.cert
}
