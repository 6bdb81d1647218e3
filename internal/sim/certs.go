package sim

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"embed"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"sync"
	"time"
)

//go:embed keys/*.pem
var keyFiles embed.FS

// keyPool holds the simulator's fixed private keys (see keys/README.md). Generated data
// draws from it, so a seed always yields the same certificates.
type keyPool struct {
	rsa     []*rsa.PrivateKey // 2048-bit
	rsa3072 *rsa.PrivateKey
	ec      []*ecdsa.PrivateKey // P-256, P-384
	ed      ed25519.PrivateKey
	ca      *rsa.PrivateKey
	caCert  *x509.Certificate
	caDER   []byte
}

var (
	poolOnce sync.Once
	thePool  *keyPool
)

// rsaPool is keys/rsa-pool.pem: distinct RSA keys for the credentials of generated data, one
// each (keyAlloc).
var rsaPool = sync.OnceValue(func() []*rsa.PrivateKey {
	rest, err := keyFiles.ReadFile("keys/rsa-pool.pem")
	if err != nil {
		panic(err)
	}
	var out []*rsa.PrivateKey
	for {
		var blk *pem.Block
		if blk, rest = pem.Decode(rest); blk == nil {
			return out
		}
		k, err := x509.ParsePKCS8PrivateKey(blk.Bytes)
		if err != nil {
			panic(fmt.Sprintf("sim key pool: %v", err))
		}
		out = append(out, k.(*rsa.PrivateKey))
	}
})

// keyAlloc hands out the pool's keys in order, so that a seed always yields the same keys and
// no two credentials share one until the pool is spent.
type keyAlloc struct {
	mu   sync.Mutex
	next int
}

// take returns the next key of the pool; past its end, generated data (bulk sets) reuses
// keys from the start.
func (a *keyAlloc) take() *rsa.PrivateKey {
	a.mu.Lock()
	defer a.mu.Unlock()
	pool := rsaPool()
	k := pool[a.next%len(pool)]
	a.next++
	return k
}

// fresh returns a key no credential uses: the pool's next unused one, or a new key once the
// pool is spent. A key generated through the API must never be one already in use.
func (a *keyAlloc) fresh() *rsa.PrivateKey {
	a.mu.Lock()
	pool := rsaPool()
	if a.next < len(pool) {
		k := pool[a.next]
		a.next++
		a.mu.Unlock()
		return k
	}
	a.mu.Unlock()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(fmt.Sprintf("sim: generate a key: %v", err))
	}
	return k
}

func keys() *keyPool {
	poolOnce.Do(func() {
		p := &keyPool{}
		load := func(name string) crypto.Signer {
			b, err := keyFiles.ReadFile("keys/" + name)
			if err != nil {
				panic(err)
			}
			blk, _ := pem.Decode(b)
			k, err := x509.ParsePKCS8PrivateKey(blk.Bytes)
			if err != nil {
				panic(fmt.Sprintf("sim key %s: %v", name, err))
			}
			return k.(crypto.Signer)
		}
		for i := 1; i <= 5; i++ {
			p.rsa = append(p.rsa, load(fmt.Sprintf("rsa%d.pem", i)).(*rsa.PrivateKey))
		}
		p.rsa3072 = load("rsa3072.pem").(*rsa.PrivateKey)
		p.ec = []*ecdsa.PrivateKey{load("ec-P-256.pem").(*ecdsa.PrivateKey), load("ec-P-384.pem").(*ecdsa.PrivateKey)}
		p.ed = load("ed25519.pem").(ed25519.PrivateKey)
		p.ca = load("rsa6.pem").(*rsa.PrivateKey)
		tpl := &x509.Certificate{
			SerialNumber:          big.NewInt(1),
			Subject:               pkix.Name{CommonName: "credsql simulator CA", Organization: []string{"credsql"}},
			NotBefore:             time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
			NotAfter:              time.Date(2036, 1, 1, 0, 0, 0, 0, time.UTC),
			IsCA:                  true,
			BasicConstraintsValid: true,
			KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		}
		der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &p.ca.PublicKey, p.ca)
		if err != nil {
			panic(err)
		}
		p.caDER = der
		p.caCert, _ = x509.ParseCertificate(der)
		thePool = p
	})
	return thePool
}

// CAPEM is the PEM of the simulator's CA, which signs its TLS certificate, OpenZiti client
// certificates and CA-issued IdP certificates.
func CAPEM() string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: keys().caDER}))
}

// CAKey returns the simulator CA's certificate and key, for tests that sign CSRs "as a CA".
func CAKey() (*x509.Certificate, crypto.Signer) { k := keys(); return k.caCert, k.ca }

// certSpec describes a certificate to issue.
type certSpec struct {
	cn        string
	org       string
	serial    int64
	notBefore time.Time
	notAfter  time.Time
	pub       crypto.PublicKey
	selfKey   crypto.Signer // self-signed with this key; nil = signed by the simulator CA
	dnsNames  []string
	client    bool // client-auth extended key usage
}

// issue creates a DER certificate. RSA PKCS#1 v1.5 signatures are deterministic, so the same
// spec always yields the same bytes.
func issue(s certSpec) []byte {
	p := keys()
	tpl := &x509.Certificate{
		SerialNumber: big.NewInt(s.serial),
		Subject:      pkix.Name{CommonName: s.cn},
		NotBefore:    s.notBefore.UTC(),
		NotAfter:     s.notAfter.UTC(),
		DNSNames:     s.dnsNames,
		KeyUsage:     x509.KeyUsageDigitalSignature,
	}
	if s.org != "" {
		tpl.Subject.Organization = []string{s.org}
	}
	if s.client {
		tpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}
	}
	parent, signer := p.caCert, crypto.Signer(p.ca)
	if s.selfKey != nil {
		parent, signer = tpl, s.selfKey
		tpl.BasicConstraintsValid = true
	}
	der, err := x509.CreateCertificate(rand.Reader, tpl, parent, s.pub, signer)
	if err != nil {
		panic(fmt.Sprintf("sim: issue certificate %q: %v", s.cn, err))
	}
	return der
}

// x5tS256 is the base64url SHA-256 thumbprint of a DER certificate.
func x5tS256(der []byte) string {
	sum := sha256.Sum256(der)
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

func pemCert(der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

var (
	serverCertOnce sync.Once
	serverCert     tls.Certificate
)

// serverCertificate is the simulator's TLS certificate for 127.0.0.1 and localhost.
func serverCertificate() tls.Certificate {
	serverCertOnce.Do(func() {
		p := keys()
		der := issue(certSpec{cn: "localhost", serial: 2, notBefore: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
			notAfter: time.Date(2036, 1, 1, 0, 0, 0, 0, time.UTC), pub: &p.rsa[4].PublicKey, dnsNames: []string{"localhost"}})
		x, _ := x509.ParseCertificate(der)
		tpl := *x
		tpl.IPAddresses = []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback}
		tpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
		der, err := x509.CreateCertificate(rand.Reader, &tpl, p.caCert, &p.rsa[4].PublicKey, p.ca)
		if err != nil {
			panic(err)
		}
		serverCert = tls.Certificate{Certificate: [][]byte{der, p.caDER}, PrivateKey: p.rsa[4]}
	})
	return serverCert
}

// material is what the vendors' JSON says about a certificate, computed once.
type material struct {
	der       []byte
	x5c       string // standard base64 DER
	x5t       string
	notBefore time.Time
	notAfter  time.Time
	kty       string // RSA, EC
	e, n      string // RSA, base64url
	x, y, crv string // EC, base64url
}

func newMaterial(der []byte) *material {
	m := &material{der: der, x5c: base64.StdEncoding.EncodeToString(der), x5t: x5tS256(der)}
	x, err := x509.ParseCertificate(der)
	if err != nil {
		return m
	}
	m.notBefore, m.notAfter = x.NotBefore.UTC(), x.NotAfter.UTC()
	switch pub := x.PublicKey.(type) {
	case *rsa.PublicKey:
		m.kty = "RSA"
		m.e = base64.RawURLEncoding.EncodeToString(big.NewInt(int64(pub.E)).Bytes())
		m.n = base64.RawURLEncoding.EncodeToString(pub.N.Bytes())
	case *ecdsa.PublicKey:
		m.kty = "EC"
		size := (pub.Curve.Params().BitSize + 7) / 8
		m.x = base64.RawURLEncoding.EncodeToString(pub.X.FillBytes(make([]byte, size)))
		m.y = base64.RawURLEncoding.EncodeToString(pub.Y.FillBytes(make([]byte, size)))
		m.crv = pub.Curve.Params().Name
	case ed25519.PublicKey:
		m.kty = "OKP"
	}
	return m
}
