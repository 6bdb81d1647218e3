package sim

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// App key credentials made through the API (generate, clone, publish) and app CSRs
// (docs/vendors/okta.md §3.2, §3.3).

// oktaCSR is a pending certificate signing request. Its key pair is a key of the fixed
// pool, kept so that publishing can check the certificate against it.
type oktaCSR struct {
	ID      string
	Created time.Time
	Meta    csrMetadata
	key     *rsa.PrivateKey
	der     []byte // PKCS#10, built on first use
}

// csrMetadata is the CsrMetadata body of a CSR generate request.
type csrMetadata struct {
	Subject         *csrSubject `json:"subject"`
	SubjectAltNames *struct {
		DNSNames []string `json:"dnsNames"`
	} `json:"subjectAltNames"`
}

type csrSubject struct {
	CountryName            string `json:"countryName"`
	StateOrProvinceName    string `json:"stateOrProvinceName"`
	LocalityName           string `json:"localityName"`
	OrganizationName       string `json:"organizationName"`
	OrganizationalUnitName string `json:"organizationalUnitName"`
	CommonName             string `json:"commonName"`
}

func (c *oktaCSR) pkcs10() ([]byte, error) {
	if c.der != nil {
		return c.der, nil
	}
	sub := c.Meta.Subject
	one := func(v string) []string {
		if v == "" {
			return nil
		}
		return []string{v}
	}
	tpl := &x509.CertificateRequest{Subject: pkix.Name{
		Country: one(sub.CountryName), Province: one(sub.StateOrProvinceName), Locality: one(sub.LocalityName),
		Organization: one(sub.OrganizationName), OrganizationalUnit: one(sub.OrganizationalUnitName),
		CommonName: sub.CommonName,
	}}
	if c.Meta.SubjectAltNames != nil {
		tpl.DNSNames = c.Meta.SubjectAltNames.DNSNames
	}
	// PKCS#1 v1.5 signatures are deterministic: the same CSR always has the same bytes.
	der, err := x509.CreateCertificateRequest(rand.Reader, tpl, c.key)
	if err != nil {
		return nil, err
	}
	c.der = der
	return der, nil
}

func halLink(href string, allow ...string) map[string]any {
	return map[string]any{"href": href, "hints": map[string]any{"allow": allow}}
}

var csrUnits = []string{"IT", "Security", "Identity", "Platform Engineering"}

// genCSRs gives a few apps with signing keys a pending CSR: the first app's is older than
// a week, the second's recent.
func (s *oktaState) genCSRs(a *oktaApp, i int) {
	switch a.SignOnMode {
	case "SAML_2_0", "WS_FEDERATION", "OPENID_CONNECT":
	default:
		return
	}
	rng := s.csrRNG
	var ages []time.Duration
	day := oktaDay
	switch {
	case i == 0:
		ages = []time.Duration{21 * day}
	case i == 1:
		ages = []time.Duration{2 * day}
	default:
		switch x := rng.IntN(40); {
		case x < 5:
			ages = []time.Duration{time.Duration(1+rng.IntN(60)) * day}
		case x == 5:
			ages = []time.Duration{time.Duration(30+rng.IntN(200)) * day, time.Duration(1+rng.IntN(10)) * day}
		}
	}
	slug := strings.ToLower(strings.NewReplacer(" ", "-", ".", "").Replace(a.Label))
	for _, age := range ages {
		sub := &csrSubject{CountryName: "US", StateOrProvinceName: "California", LocalityName: "San Francisco",
			OrganizationName: "Acme Corp", OrganizationalUnitName: csrUnits[rng.IntN(len(csrUnits))], CommonName: a.Label}
		meta := csrMetadata{Subject: sub}
		meta.SubjectAltNames = &struct {
			DNSNames []string `json:"dnsNames"`
		}{DNSNames: []string{slug + ".acme.example"}}
		// A key of its own; the draw stays so that a seed yields the same data as before.
		key := s.keys.take()
		if _ = rng.IntN(len(keys().rsa)); rng.IntN(5) == 0 {
			key = keys().rsa3072
		}
		a.CSRs = append(a.CSRs, &oktaCSR{
			ID:      kid(rng),
			Created: s.opts.Now.Add(-age).Add(-time.Duration(rng.IntN(86400)) * time.Second),
			Meta:    meta, key: key,
		})
	}
}

func (s *oktaState) genAppExtras(a *oktaApp, i int) {
	s.genCSRs(a, i)
	s.genSecrets(a, i)
}

// clock is the time of objects created through the API: the real time, as a vendor's (or
// Options.Clock).
func (s *oktaState) clock() time.Time {
	now := time.Now()
	if s.opts.Clock != nil {
		now = s.opts.Clock()
	}
	return now.UTC().Truncate(time.Millisecond)
}

func (s *Server) oktaMoreRoutes(add func(r routes.Route, h handler)) {
	add(oktaroutes.GenerateAppKey, s.generateAppKey)
	add(oktaroutes.CloneAppKey, s.cloneAppKey)
	s.csrRoutes(add, appCSRKind, oktaroutes.ListAppCSRs, oktaroutes.GenerateAppCSR, oktaroutes.RevokeAppCSR)
	s.secretRoutes(add)
	s.idpRoutes(add)
}

func (s *Server) generateAppKey(w http.ResponseWriter, r *http.Request, p params) {
	a := s.app(w, p["appId"])
	if a == nil {
		return
	}
	years, err := strconv.Atoi(r.URL.Query().Get("validityYears"))
	if err != nil || years < 2 || years > 10 {
		oktaValidation(w, "generateKey", "Validity years out of range. It should be 2 - 10 years.")
		return
	}
	st := s.okta
	now := st.clock()
	// A key no credential uses, as a newly generated key pair is. (The draw keeps the live
	// generator's sequence, and so the kids that follow, what they were.)
	_ = st.liveRNG.IntN(len(keys().rsa))
	priv := st.keys.fresh()
	der := issue(certSpec{cn: a.Label, org: "Okta", serial: st.nextSerial(),
		notBefore: now.Truncate(time.Second), notAfter: now.Truncate(time.Second).AddDate(years, 0, 0),
		pub: &priv.PublicKey, selfKey: priv})
	k := &oktaKey{Kid: kid(st.liveRNG), Created: now, LastUpdated: now, der: der}
	a.Keys = append(a.Keys, k)
	writeJSON(w, http.StatusCreated, k.json())
}

func (s *Server) cloneAppKey(w http.ResponseWriter, r *http.Request, p params) {
	a := s.app(w, p["appId"])
	if a == nil {
		return
	}
	src := appKey(a, p["keyId"])
	if src == nil {
		oktaNotFound(w, p["keyId"], "AppInstanceKeyCredential")
		return
	}
	target := s.app(w, r.URL.Query().Get("targetAid"))
	if target == nil {
		return
	}
	if appKey(target, src.Kid) != nil {
		oktaValidation(w, "cloneKey", "Key already exists in the list of key credentials for the target app.")
		return
	}
	now := s.okta.clock()
	k := &oktaKey{Kid: src.Kid, Created: now, LastUpdated: now, shared: src}
	target.Keys = append(target.Keys, k)
	writeJSON(w, http.StatusCreated, k.json())
}

func appKey(a *oktaApp, kid string) *oktaKey {
	for _, k := range a.Keys {
		if k.Kid == kid {
			return k
		}
	}
	return nil
}

func wantsPKCS10(r *http.Request) bool {
	return strings.Contains(strings.ToLower(r.Header.Get("Accept")), "application/pkcs10")
}

// decodeBase64 decodes standard or URL-alphabet base64, padded or not, ignoring
// whitespace; nil when it is neither.
func decodeBase64(s string) []byte {
	s = strings.Join(strings.Fields(s), "")
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil {
			return b
		}
	}
	return nil
}

func badMediaType(w http.ResponseWriter) {
	oktaError(w, http.StatusBadRequest, "E0000021", "Bad request.  Accept and/or Content-Type headers likely do not match supported values.")
}

// readJSON decodes a JSON request body into v (an empty body leaves v alone). It answers
// 400 E0000021 for another content type and E0000003 for a malformed body.
func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
			badMediaType(w)
			return false
		}
	}
	b, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err == nil && len(bytes.TrimSpace(b)) > 0 {
		err = json.Unmarshal(b, v)
	}
	if err != nil {
		oktaError(w, http.StatusBadRequest, "E0000003", "The request body was not well-formed.")
		return false
	}
	return true
}

// publishedCert reads and checks the certificate of a CSR publish, an app's or an IdP's
// (okta.md §3.3, §3.11): PEM, or DER (base64 with Content-Transfer-Encoding: base64), for the
// CSR's key, valid for more than 90 days. On a bad one it writes Okta's error and returns false.
func (s *Server) publishedCert(w http.ResponseWriter, r *http.Request, c *oktaCSR, now time.Time) ([]byte, bool) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		oktaError(w, http.StatusBadRequest, "E0000003", "The request body was not well-formed.")
		return nil, false
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	var der []byte
	switch mt {
	case "application/x-pem-file":
		if blk, _ := pem.Decode(body); blk != nil && blk.Type == "CERTIFICATE" {
			der = blk.Bytes
		}
	case "application/pkix-cert", "application/x-x509-ca-cert":
		der = body
		if strings.EqualFold(r.Header.Get("Content-Transfer-Encoding"), "base64") {
			der = decodeBase64(string(body))
		}
	default:
		badMediaType(w)
		return nil, false
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		oktaValidation(w, "certificate", "The certificate is not a valid X.509 certificate.")
		return nil, false
	}
	if pub, ok := cert.PublicKey.(*rsa.PublicKey); !ok || !pub.Equal(&c.key.PublicKey) {
		oktaValidation(w, "certificate", "The certificate doesn't match the CSR.")
		return nil, false
	}
	// "Valid for more than 90 days" is read as: from now until notAfter.
	if cert.NotAfter.Sub(now) <= 90*24*time.Hour {
		oktaValidation(w, "certificate", "The certificate must be valid for more than 90 days.")
		return nil, false
	}
	return der, true
}
