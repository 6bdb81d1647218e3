package sim

import (
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"math/rand/v2"
	"net/http"
	"sort"
	"strings"
	"time"
)

// Identity providers and the IdP key store (docs/vendors/okta.md §3.5, §3.6).

// oktaIdPKey is an entry of the IdP key store: a trusted certificate and its JWK facts.
// Its kid is a UUID.
type oktaIdPKey struct {
	oktaKey
	chain []string // further x5c entries as posted (standard base64 DER)
}

// oktaIdP is an identity provider. SAML2 and X509 IdPs trust a key of the store.
type oktaIdP struct {
	ID, Type, Name, Status, IssuerMode string
	Created, LastUpdated               time.Time
	TrustKid, Issuer, Audience         string   // SAML2, X509
	AdditionalKids                     []string // SAML2
	ClientID                           string   // OIDC and social IdPs
	// doc is the IdP as the last PUT gave it, system members left out (okta_replace.go);
	// nil until then.
	doc map[string]any
}

// idpKeyJSON is an IdPKeyCredential; a struct, not a map, because bulk lists are large.
type idpKeyJSON struct {
	Kid         string   `json:"kid"`
	Created     string   `json:"created"`
	LastUpdated string   `json:"lastUpdated"`
	ExpiresAt   string   `json:"expiresAt,omitempty"`
	Kty         string   `json:"kty"`
	Alg         string   `json:"alg"`
	Use         string   `json:"use"`
	E           string   `json:"e,omitempty"`
	N           string   `json:"n,omitempty"`
	X           string   `json:"x,omitempty"`
	Y           string   `json:"y,omitempty"`
	Crv         string   `json:"crv,omitempty"`
	X5c         []string `json:"x5c"`
	X5t         string   `json:"x5t#S256"`
}

func (k *oktaIdPKey) json() idpKeyJSON {
	m := k.material()
	out := idpKeyJSON{
		Kid: k.Kid, Created: oktaTS(k.Created), LastUpdated: oktaTS(k.LastUpdated), ExpiresAt: oktaTS(m.notAfter),
		Kty: m.kty, Alg: m.kty, Use: "sig", E: m.e, N: m.n, X: m.x, Y: m.y, Crv: m.crv,
		X5c: append([]string{m.x5c}, k.chain...), X5t: m.x5t,
	}
	if k.wrongX5t {
		out.X5t = x5tS256([]byte("not-this-certificate:" + k.Kid))
	}
	return out
}

// idpKeyPlan describes a generated IdP key.
type idpKeyPlan struct {
	ec       int           // -1 RSA; else the index of the pool's EC key (0 P-256, 1 P-384)
	expires  time.Duration // from Options.Now
	self     bool          // self-signed; else signed by the simulator CA
	wrongX5t bool
}

const oktaDay = 24 * time.Hour

// idpKeyFindings are the first keys, so that small data sets hold every finding: keys 0-2
// are trusted by IdPs 0-2, keys 3-5 by none.
var idpKeyFindings = []idpKeyPlan{
	{ec: -1, expires: 12 * oktaDay, self: true},                  // expiring within 30 days (SAML2 IdP)
	{ec: 0, expires: 25 * oktaDay},                               // EC, expiring within 30 days (X509 IdP)
	{ec: -1, expires: 700 * oktaDay},                             // healthy (SAML2 IdP)
	{ec: -1, expires: -40 * oktaDay, self: true},                 // expired
	{ec: 1, expires: 61 * oktaDay},                               // EC, expiring within 90 days
	{ec: -1, expires: 400 * oktaDay, self: true, wrongX5t: true}, // reports a wrong thumbprint
}

// uuid4 returns a random (version 4) UUID.
func uuid4(rng *rand.Rand) string {
	var b [16]byte
	for i := 0; i < 16; i += 8 {
		v := rng.Uint64()
		for j := 0; j < 8; j++ {
			b[i+j] = byte(v >> (8 * j))
		}
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// genIdPKeys fills the key store and returns its keys in generation order, with whether
// each is an EC key. Past Options.DistinctCerts keys, certificates are shared.
func (s *oktaState) genIdPKeys(rng *rand.Rand) ([]*oktaIdPKey, []bool) {
	now, n := s.opts.Now, s.opts.IdPKeys
	gen := make([]*oktaIdPKey, n)
	isEC := make([]bool, n)
	pool := keys()
	for i := range n {
		k := &oktaIdPKey{}
		k.Kid = uuid4(rng)
		if d := s.opts.DistinctCerts; d > 0 && i >= max(d, len(idpKeyFindings)) {
			k.shared = &gen[i%d].oktaKey
			k.Created, k.LastUpdated, isEC[i] = k.shared.Created, k.shared.LastUpdated, isEC[i%d]
			k.wrongX5t = rng.IntN(29) == 0
			gen[i] = k
			continue
		}
		var plan idpKeyPlan
		if i < len(idpKeyFindings) {
			plan = idpKeyFindings[i]
		} else {
			plan = idpKeyPlan{ec: -1, expires: keyExpiry(rng, now, 3+i).Sub(now), self: rng.IntN(2) == 0, wrongX5t: rng.IntN(29) == 0}
			if rng.IntN(4) == 0 {
				plan.ec, plan.self = rng.IntN(len(pool.ec)), false
			}
		}
		notAfter := now.Add(plan.expires)
		notBefore := notAfter.AddDate(-(1 + rng.IntN(5)), 0, 0)
		if notBefore.After(now) {
			notBefore = now.Add(-oktaDay)
		}
		spec := certSpec{cn: fmt.Sprintf("idp-signing-%d.partner.example", i), org: "Acme Partners",
			serial: s.nextSerial(), notBefore: notBefore, notAfter: notAfter}
		if plan.ec >= 0 {
			spec.pub, isEC[i] = &pool.ec[plan.ec].PublicKey, true
		} else {
			rk := s.keys.take()
			spec.pub = &rk.PublicKey
			if plan.self {
				spec.selfKey = rk
			}
		}
		created := notBefore.Add(time.Duration(rng.IntN(10)) * oktaDay).Truncate(time.Second)
		if created.After(now) {
			created = now.Add(-time.Hour)
		}
		k.spec, k.Created, k.LastUpdated, k.wrongX5t = spec, created, created, plan.wrongX5t
		gen[i] = k
	}
	return gen, isEC
}

var idpTypes = []string{"OIDC", "GOOGLE", "X509", "SAML2", "MICROSOFT", "SAML2", "FACEBOOK", "OIDC"}

var idpNames = map[string]string{
	"SAML2": "Partner SAML", "X509": "Smart Card", "OIDC": "Partner OIDC",
	"GOOGLE": "Google", "MICROSOFT": "Microsoft", "FACEBOOK": "Facebook",
}

// genIdPs builds the key store and the IdPs: IdP 0 (SAML2) and 1 (X509) trust keys that
// expire within 30 days, IdP 2 (SAML2) a healthy key; later SAML2 and X509 IdPs trust keys
// past the findings, never keys 3-5.
func (s *oktaState) genIdPs(rng *rand.Rand) {
	now := s.opts.Now
	gen, isEC := s.genIdPKeys(subRNG(s.opts.Seed, "okta.idpkeys"))
	pick := func(typ string) int {
		if len(gen) <= len(idpKeyFindings) {
			return map[string]int{"SAML2": 2, "X509": 1}[typ]
		}
		for range 8 {
			i := len(idpKeyFindings) + rng.IntN(len(gen)-len(idpKeyFindings))
			if typ == "X509" || !isEC[i] {
				return i
			}
		}
		return 2
	}
	for i := range s.opts.IdPs {
		p := &oktaIdP{ID: oktaID(rng, "0oa"), Status: "ACTIVE", IssuerMode: "ORG_URL"}
		ref := -1
		switch i {
		case 0, 2:
			p.Type, ref = "SAML2", i
		case 1:
			p.Type, ref = "X509", 1
		default:
			p.Type = idpTypes[rng.IntN(len(idpTypes))]
			if p.Type == "SAML2" || p.Type == "X509" {
				ref = pick(p.Type)
			}
			if rng.IntN(6) == 0 {
				p.Status = "INACTIVE"
			}
			if rng.IntN(4) == 0 {
				p.IssuerMode = []string{"DYNAMIC", "CUSTOM_URL"}[rng.IntN(2)]
			}
		}
		p.Name = fmt.Sprintf("%s %d", idpNames[p.Type], i+1)
		p.Created = now.Add(-time.Duration(30+rng.IntN(1000))*oktaDay - time.Duration(rng.IntN(86400))*time.Second)
		p.LastUpdated = p.Created.Add(time.Duration(rng.IntN(25)) * oktaDay)
		switch p.Type {
		case "SAML2":
			p.Issuer = fmt.Sprintf("https://idp%d.partner.example/saml2", i+1)
			p.Audience = "https://www.okta.com/saml2/service-provider/sp" + oktaID(rng, "spa")[3:]
		case "X509":
			p.Issuer = fmt.Sprintf("CN=Acme Smart Card CA %d, O=Acme, C=US", i+1)
		default:
			p.ClientID = oktaID(rng, "cid")[3:]
		}
		if ref >= 0 && ref < len(gen) {
			p.TrustKid = gen[ref].Kid
		}
		s.idps = append(s.idps, p)
	}
	sort.Slice(s.idps, func(i, j int) bool { return s.idps[i].ID < s.idps[j].ID })
	s.idpKeys = gen
	sort.Slice(s.idpKeys, func(i, j int) bool { return s.idpKeys[i].Kid < s.idpKeys[j].Kid })
}

func (p *oktaIdP) protocol() map[string]any {
	switch p.Type {
	case "SAML2":
		return map[string]any{
			"type": "SAML2",
			"endpoints": map[string]any{
				"sso": map[string]any{"url": p.Issuer + "/sso", "binding": "HTTP-POST", "destination": p.Issuer + "/sso"},
				"acs": map[string]any{"binding": "HTTP-POST", "type": "INSTANCE"},
			},
			"algorithms": map[string]any{
				"request":  map[string]any{"signature": map[string]any{"algorithm": "SHA-256", "scope": "REQUEST"}},
				"response": map[string]any{"signature": map[string]any{"algorithm": "SHA-256", "scope": "ANY"}},
			},
			"settings":    map[string]any{"nameFormat": "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified"},
			"credentials": map[string]any{"trust": p.samlTrust()},
		}
	case "X509":
		return map[string]any{
			"type":      "MTLS",
			"endpoints": map[string]any{"sso": map[string]any{"url": "/login/cert"}},
			"credentials": map[string]any{"trust": map[string]any{"issuer": p.Issuer, "audience": nil, "kid": p.TrustKid,
				"revocation": "CRL", "revocationCacheLifetime": 2880}},
		}
	}
	typ := "OIDC"
	if p.Type == "FACEBOOK" {
		typ = "OAUTH2"
	}
	return map[string]any{
		"type":        typ,
		"scopes":      []string{"openid", "email", "profile"},
		"credentials": map[string]any{"client": map[string]any{"client_id": p.ClientID, "token_endpoint_auth_method": "client_secret_post"}},
	}
}

func (p *oktaIdP) samlTrust() map[string]any {
	t := map[string]any{"issuer": p.Issuer, "audience": p.Audience, "kid": p.TrustKid}
	if len(p.AdditionalKids) > 0 {
		t["additionalKids"] = p.AdditionalKids
	}
	return t
}

func (p *oktaIdP) json(base string) map[string]any {
	self := base + oktaroutes.GetIdP.Expand(p.ID)
	links := map[string]any{"users": halLink(self+"/users", "GET")}
	if p.Status == "ACTIVE" {
		links["deactivate"] = halLink(self+"/lifecycle/deactivate", "POST")
	} else {
		links["activate"] = halLink(self+"/lifecycle/activate", "POST")
	}
	if p.TrustKid != "" {
		links["keys"] = halLink(base+oktaroutes.GetIdPKey.Expand(p.TrustKid), "GET")
	}
	if p.Type == "SAML2" {
		links["metadata"] = map[string]any{"href": self + "/metadata.xml", "type": "application/xml", "hints": map[string]any{"allow": []string{"GET"}}}
	}
	if p.doc != nil {
		return p.renderDoc(links)
	}
	tpl, match := "idpuser.email", "USERNAME"
	switch p.Type {
	case "SAML2":
		tpl = "saml.subjectNameId"
	case "X509":
		tpl, match = "idpuser.subjectAltNameEmail", "EMAIL"
	}
	out := map[string]any{
		"id": p.ID, "type": p.Type, "name": p.Name, "status": p.Status, "issuerMode": p.IssuerMode,
		"created": oktaTS(p.Created), "lastUpdated": oktaTS(p.LastUpdated),
		"protocol": p.protocol(),
		"policy": map[string]any{
			"provisioning": map[string]any{"action": "AUTO"},
			"subject":      map[string]any{"userNameTemplate": map[string]any{"template": tpl}, "matchType": match},
			"maxClockSkew": 0,
		},
		"_links": links,
	}
	if p.Type == "X509" {
		out["properties"] = map[string]any{"additionalAmr": []string{"sc", "hwk", "pin", "mfa"}}
	}
	return out
}

func (s *Server) idpRoutes(add func(r routes.Route, h handler)) {
	add(oktaroutes.ListIdPs, s.listIdPs)
	add(oktaroutes.ListIdPKeys, s.listIdPKeys)
	add(oktaroutes.CreateIdPKey, s.createIdPKey)
	add(oktaroutes.GetIdPKey, s.getIdPKey)
	add(oktaroutes.ReplaceIdPKey, s.replaceIdPKey)
	add(oktaroutes.DeleteIdPKey, s.deleteIdPKey)
	add(oktaroutes.GetIdP, s.getIdP)
	add(oktaroutes.ReplaceIdP, s.replaceIdP)
}

func (s *Server) listIdPs(w http.ResponseWriter, r *http.Request, _ params) {
	q := r.URL.Query()
	name, typ := strings.ToLower(q.Get("q")), q.Get("type")
	var idps []*oktaIdP
	for _, p := range s.okta.idps {
		if (typ == "" || p.Type == typ) && (name == "" || strings.HasPrefix(strings.ToLower(p.Name), name)) {
			idps = append(idps, p)
		}
	}
	page, ok := oktaPage(s, w, r, idps, func(p *oktaIdP) string { return p.ID })
	if !ok {
		return
	}
	out := make([]map[string]any, 0, len(page))
	for _, p := range page {
		out = append(out, p.json(baseURL(r)))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) getIdP(w http.ResponseWriter, r *http.Request, p params) {
	idps := s.okta.idps
	i := sort.Search(len(idps), func(i int) bool { return idps[i].ID >= p["idpId"] })
	if i == len(idps) || idps[i].ID != p["idpId"] {
		oktaNotFound(w, p["idpId"], "IdpAppInstance")
		return
	}
	writeJSON(w, http.StatusOK, idps[i].json(baseURL(r)))
}

func (s *Server) listIdPKeys(w http.ResponseWriter, r *http.Request, _ params) {
	page, ok := oktaPage(s, w, r, s.okta.idpKeys, func(k *oktaIdPKey) string { return k.Kid })
	if !ok {
		return
	}
	out := make([]idpKeyJSON, 0, len(page))
	for _, k := range page {
		out = append(out, k.json())
	}
	writeJSON(w, http.StatusOK, out)
}

// idpKey finds a key of the store by kid, answering 404 when it is missing.
func (s *Server) idpKey(w http.ResponseWriter, kid string) int {
	ks := s.okta.idpKeys
	i := sort.Search(len(ks), func(i int) bool { return ks[i].Kid >= kid })
	if i == len(ks) || ks[i].Kid != kid {
		oktaNotFound(w, kid, "IdpKeyCredential")
		return -1
	}
	return i
}

func (s *Server) getIdPKey(w http.ResponseWriter, r *http.Request, p params) {
	if i := s.idpKey(w, p["kid"]); i >= 0 {
		writeJSON(w, http.StatusOK, s.okta.idpKeys[i].json())
	}
}

// readX5c reads a body with an x5c chain and checks it. The error causes are the
// simulator's own: Okta's answer to a bad certificate is unverified (okta.md §3.5).
func readX5c(w http.ResponseWriter, r *http.Request) (der []byte, chain []string, ok bool) {
	var body struct {
		X5c []string `json:"x5c"`
	}
	if !readJSON(w, r, &body) {
		return nil, nil, false
	}
	if len(body.X5c) == 0 {
		oktaValidation(w, "x5c", "x5c: The field cannot be left blank.")
		return nil, nil, false
	}
	for i, c := range body.X5c {
		b := decodeBase64(c)
		cert, err := x509.ParseCertificate(b)
		if err != nil {
			oktaValidation(w, "x5c", "x5c: The certificate is not a valid X.509 certificate.")
			return nil, nil, false
		}
		if i > 0 {
			chain = append(chain, base64.StdEncoding.EncodeToString(b))
			continue
		}
		if !supportedIdPKey(cert) {
			oktaValidation(w, "x5c", "x5c: Only RSA and EC (P-256, P-384, P-521) certificates are supported.")
			return nil, nil, false
		}
		der = b
	}
	return der, chain, true
}

// supportedIdPKey: "For EC-based certificates we support only P-256, P-384, and P-521
// curves" (okta.md §3.5); other key types are refused.
func supportedIdPKey(cert *x509.Certificate) bool {
	switch pub := cert.PublicKey.(type) {
	case *rsa.PublicKey:
		return true
	case *ecdsa.PublicKey:
		n := pub.Curve.Params().Name
		return n == "P-256" || n == "P-384" || n == "P-521"
	}
	return false
}

func (s *Server) createIdPKey(w http.ResponseWriter, r *http.Request, _ params) {
	der, chain, ok := readX5c(w, r)
	if !ok {
		return
	}
	st := s.okta
	now := st.clock()
	k := &oktaIdPKey{chain: chain}
	k.Kid, k.Created, k.LastUpdated, k.der = uuid4(st.liveRNG), now, now, der
	ks := st.idpKeys
	i := sort.Search(len(ks), func(i int) bool { return ks[i].Kid >= k.Kid })
	st.idpKeys = append(ks[:i], append([]*oktaIdPKey{k}, ks[i:]...)...)
	// 200, not 201 (okta.md §1, I2).
	writeJSON(w, http.StatusOK, k.json())
}

func (s *Server) replaceIdPKey(w http.ResponseWriter, r *http.Request, p params) {
	i := s.idpKey(w, p["kid"])
	if i < 0 {
		return
	}
	der, chain, ok := readX5c(w, r)
	if !ok {
		return
	}
	// Only x5c is honoured; e, n and the thumbprint follow from the certificate.
	k := s.okta.idpKeys[i]
	k.der, k.chain, k.shared, k.built, k.wrongX5t = der, chain, nil, nil, false
	k.LastUpdated = s.okta.clock()
	writeJSON(w, http.StatusOK, k.json())
}

func (s *Server) deleteIdPKey(w http.ResponseWriter, r *http.Request, p params) {
	i := s.idpKey(w, p["kid"])
	if i < 0 {
		return
	}
	kid := s.okta.idpKeys[i].Kid
	for _, idp := range s.okta.idps {
		if idp.trusts(kid) {
			// Unverified: the spec names no error for a key in use (okta.md §3.5, I5).
			oktaValidation(w, "deleteKey", "Cannot delete the key because it is in use by an identity provider.")
			return
		}
	}
	s.okta.idpKeys = append(s.okta.idpKeys[:i], s.okta.idpKeys[i+1:]...)
	w.WriteHeader(http.StatusNoContent)
}
