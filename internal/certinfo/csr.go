package certinfo

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"strings"
	"sync"
)

// CSR holds what credsql shows about a PKCS#10 certificate signing request.
type CSR struct {
	CommonName         string
	Country            string
	StateOrProvince    string
	Locality           string
	Organization       string
	OrganizationalUnit string
	DNSNames           []string
	KeyType            string
	KeyBits            int
	SignatureValid     bool
	PEM                string
	DER                []byte
}

// ParseCSR decodes a CSR given as PEM, or as base64 DER (standard or URL alphabet, as Okta
// returns it).
func ParseCSR(s string) (*CSR, error) {
	var der []byte
	if strings.Contains(s, "-----BEGIN") {
		blocks, err := PEMBlocks(s, "CERTIFICATE REQUEST")
		if err != nil {
			return nil, err
		}
		der = blocks[0]
	} else {
		b, err := DecodeBase64(s)
		if err != nil {
			return nil, fmt.Errorf("decode CSR: %w", err)
		}
		der = b
	}
	r, err := x509.ParseCertificateRequest(der)
	if err != nil {
		return nil, fmt.Errorf("parse CSR: %w", err)
	}
	kt, bits := KeyFacts(r.PublicKey)
	return &CSR{
		CommonName:         r.Subject.CommonName,
		Country:            first(r.Subject.Country),
		StateOrProvince:    first(r.Subject.Province),
		Locality:           first(r.Subject.Locality),
		Organization:       first(r.Subject.Organization),
		OrganizationalUnit: first(r.Subject.OrganizationalUnit),
		DNSNames:           r.DNSNames,
		KeyType:            kt,
		KeyBits:            bits,
		SignatureValid:     r.CheckSignature() == nil,
		PEM:                string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE REQUEST", Bytes: der})),
		DER:                der,
	}, nil
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// ParseCertificateArg reads a certificate given by a user as PEM or base64 DER. It returns the
// DER bytes and whether the input was PEM.
func ParseCertificateArg(s string) (der []byte, isPEM bool, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, false, fmt.Errorf("empty certificate")
	}
	if strings.Contains(s, "-----BEGIN") {
		blocks, err := PEMBlocks(s, "CERTIFICATE")
		if err != nil {
			return nil, true, err
		}
		der, isPEM = blocks[0], true
	} else {
		b, err := DecodeBase64(s)
		if err != nil {
			return nil, false, fmt.Errorf("certificate is neither PEM nor base64 DER: %w", err)
		}
		der = b
	}
	if _, err := x509.ParseCertificate(der); err != nil {
		return nil, isPEM, fmt.Errorf("parse certificate: %w", err)
	}
	return der, isPEM, nil
}

// LazyCSR decodes a CSR the first time it is asked for, at most once, so that listing CSRs
// costs no parsing unless a decoded column is read.
type LazyCSR struct {
	once sync.Once
	src  string
	csr  *CSR
}

// NewLazyCSR returns a LazyCSR over a CSR given as PEM or base64 DER.
func NewLazyCSR(s string) *LazyCSR { return &LazyCSR{src: s} }

// Get returns the decoded CSR, or nil when it does not parse.
func (l *LazyCSR) Get() *CSR {
	if l == nil {
		return nil
	}
	l.once.Do(func() {
		if l.src != "" {
			l.csr, _ = ParseCSR(l.src)
		}
	})
	return l.csr
}

// ParseChainArg reads a certificate chain given by a user: PEM holding one or more
// certificates, or one base64 DER certificate. It returns the DER of each, leaf first, and
// fails when any of them is not an X.509 certificate.
func ParseChainArg(s string) ([][]byte, error) {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, "-----BEGIN") {
		der, _, err := ParseCertificateArg(s)
		if err != nil {
			return nil, err
		}
		return [][]byte{der}, nil
	}
	ders, err := PEMBlocks(s, "CERTIFICATE")
	if err != nil {
		return nil, err
	}
	for i, der := range ders {
		if _, err := x509.ParseCertificate(der); err != nil {
			return nil, fmt.Errorf("parse certificate %d of the PEM: %w", i+1, err)
		}
	}
	return ders, nil
}
