package sim

import (
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// An IdP's own CSRs and signing keys (docs/vendors/okta.md §3.11): the app CSR and key
// endpoints of one IdP (oktaroutes.ListIdPCSRs, ListIdPSigningKeys, ...). Signing keys have Okta-style kids
// (akm...) and the key store's shape (IdPKeyCredential).

type idpCreds struct {
	CSRs []*oktaCSR
	Keys []*oktaIdPKey
}

// idpCredSerial numbers the certificates of generated IdP signing keys apart from the other
// generated data, whose serials must not change.
const idpCredSerial = 700000

// genIdPCreds gives every SAML2 IdP a signing key valid for years; "Partner SAML 1" also
// has one that expires in 20 days and a CSR pending for 10 days, "Partner SAML 3" a CSR
// pending for 2 days.
func (s *oktaState) genIdPCreds(rng *rand.Rand) {
	now := s.opts.Now
	s.estate.idpCreds = map[string]*idpCreds{}
	pool := keys().rsa
	n := 0
	key := func(p *oktaIdP, cn string, expires time.Duration, years int) *oktaIdPKey {
		k := &oktaIdPKey{}
		k.Kid = oktaID(rng, "akm")
		notAfter := now.Add(expires).Add(-time.Duration(rng.IntN(86400)) * time.Second)
		notBefore := notAfter.AddDate(-years, 0, 0)
		priv := pool[n%len(pool)]
		k.spec = certSpec{cn: cn, org: "Okta", serial: int64(idpCredSerial + n), notBefore: notBefore, notAfter: notAfter,
			pub: &priv.PublicKey, selfKey: priv}
		n++
		k.Created, k.LastUpdated = notBefore, notBefore
		return k
	}
	csr := func(p *oktaIdP, age time.Duration) *oktaCSR {
		slug := strings.ToLower(strings.ReplaceAll(p.Name, " ", "-"))
		meta := csrMetadata{Subject: &csrSubject{CountryName: "US", StateOrProvinceName: "California", LocalityName: "San Francisco",
			OrganizationName: "Acme Corp", OrganizationalUnitName: "Identity", CommonName: p.Name}}
		meta.SubjectAltNames = &struct {
			DNSNames []string `json:"dnsNames"`
		}{DNSNames: []string{slug + ".acme.example"}}
		c := &oktaCSR{ID: kid(rng), Created: now.Add(-age).Add(-time.Duration(rng.IntN(86400)) * time.Second), Meta: meta,
			key: pool[n%len(pool)]}
		n++
		return c
	}
	for _, p := range s.idps {
		if p.Type != "SAML2" {
			continue
		}
		c := &idpCreds{}
		c.Keys = append(c.Keys, key(p, p.Name+" signing", time.Duration(400+rng.IntN(1000))*oktaDay, 5))
		switch p.Name {
		case "Partner SAML 1":
			c.Keys = append(c.Keys, key(p, p.Name+" signing (old)", 20*oktaDay, 2))
			c.CSRs = append(c.CSRs, csr(p, 10*oktaDay))
		case "Partner SAML 3":
			c.CSRs = append(c.CSRs, csr(p, 2*oktaDay))
		}
		s.estate.idpCreds[p.ID] = c
	}
}

// creds finds an IdP and its credentials (empty for an IdP without any), answering 404
// when the IdP is missing.
func (s *Server) creds(w http.ResponseWriter, idpID string) *idpCreds {
	for _, p := range s.okta.idps {
		if p.ID == idpID {
			c := s.okta.estate.idpCreds[idpID]
			if c == nil {
				c = &idpCreds{}
				s.okta.estate.idpCreds[idpID] = c
			}
			return c
		}
	}
	oktaNotFound(w, idpID, "IdpAppInstance")
	return nil
}

func (s *Server) idpCredRoutes(add func(r routes.Route, h handler)) {
	s.csrRoutes(add, idpCSRKind, oktaroutes.ListIdPCSRs, oktaroutes.GenerateIdPCSR, oktaroutes.RevokeIdPCSR)
	add(oktaroutes.ListIdPSigningKeys, s.listIdPSigningKeys)
	add(oktaroutes.GenerateIdPSigningKey, s.generateIdPSigningKey)
	add(oktaroutes.GetIdPSigningKey, s.getIdPSigningKey)
	add(oktaroutes.CloneIdPSigningKey, s.cloneIdPSigningKey)
}

func (s *Server) listIdPSigningKeys(w http.ResponseWriter, r *http.Request, p params) {
	c := s.creds(w, p["idpId"])
	if c == nil {
		return
	}
	out := make([]idpKeyJSON, 0, len(c.Keys))
	for _, k := range c.Keys {
		out = append(out, k.json())
	}
	writeJSON(w, http.StatusOK, out)
}

func signingKey(c *idpCreds, kid string) *oktaIdPKey {
	for _, k := range c.Keys {
		if k.Kid == kid {
			return k
		}
	}
	return nil
}

func (s *Server) getIdPSigningKey(w http.ResponseWriter, r *http.Request, p params) {
	c := s.creds(w, p["idpId"])
	if c == nil {
		return
	}
	if k := signingKey(c, p["kid"]); k != nil {
		writeJSON(w, http.StatusOK, k.json())
		return
	}
	oktaNotFound(w, p["kid"], "IdpKeyCredential")
}

func (s *Server) generateIdPSigningKey(w http.ResponseWriter, r *http.Request, p params) {
	c := s.creds(w, p["idpId"])
	if c == nil {
		return
	}
	years, err := strconv.Atoi(r.URL.Query().Get("validityYears"))
	if err != nil || years < 2 || years > 10 {
		oktaValidation(w, "generateKey", "Validity years out of range. It should be 2 - 10 years.")
		return
	}
	st := s.okta
	now := st.clock()
	priv := st.keys.fresh()
	der := issue(certSpec{cn: "IdP signing " + p["idpId"], org: "Okta", serial: st.nextSerial(),
		notBefore: now.Truncate(time.Second), notAfter: now.Truncate(time.Second).AddDate(years, 0, 0),
		pub: &priv.PublicKey, selfKey: priv})
	k := &oktaIdPKey{}
	k.Kid, k.Created, k.LastUpdated, k.der = oktaID(st.estate.rotateRNG, "akm"), now, now, der
	c.Keys = append(c.Keys, k)
	// 200, not 201 (okta.md §1, D8).
	writeJSON(w, http.StatusOK, k.json())
}

func (s *Server) cloneIdPSigningKey(w http.ResponseWriter, r *http.Request, p params) {
	c := s.creds(w, p["idpId"])
	if c == nil {
		return
	}
	src := signingKey(c, p["kid"])
	if src == nil {
		oktaNotFound(w, p["kid"], "IdpKeyCredential")
		return
	}
	target := s.creds(w, r.URL.Query().Get("targetIdpId"))
	if target == nil {
		return
	}
	if signingKey(target, src.Kid) != nil {
		oktaValidation(w, "cloneKey", "Key already exists in the list of key credentials for the target IdP.")
		return
	}
	now := s.okta.clock()
	k := &oktaIdPKey{}
	k.Kid, k.Created, k.LastUpdated, k.shared = src.Kid, now, now, &src.oktaKey
	target.Keys = append(target.Keys, k)
	writeJSON(w, http.StatusCreated, k.json())
}
