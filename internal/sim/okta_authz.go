package sim

import (
	"encoding/base64"
	"fmt"
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"math/rand/v2"
	"net/http"
	"sort"
	"strings"
	"time"
)

// Custom authorization servers and their signing keys (docs/vendors/okta.md §3.9), API tokens
// (§3.10, okta_tokens.go), an IdP's own CSRs and signing keys (§3.11, okta_idp_creds.go).

// oktaEstate holds those objects; it is a member of oktaState.
type oktaEstate struct {
	authz     []*oktaAuthz // in id order, the list order
	tokens    []*oktaToken // in id order
	current   string       // id of the token Options.OktaToken stands for
	idpCreds  map[string]*idpCreds
	rotateRNG *rand.Rand // kids and moduli of keys made by rotation
}

type oktaAuthz struct {
	ID, Name, Description, Status, IssuerMode, RotationMode string
	Audiences                                               []string
	Created, LastUpdated, LastRotated, NextRotation         time.Time
	Keys                                                    []*authzKey // ACTIVE, NEXT, EXPIRED order
}

// authzKey is an RS256 signing key: no certificate, no dates (§3.9).
type authzKey struct {
	Kid, Status, N string
}

func (s *oktaState) genEstate() {
	s.estate.rotateRNG = subRNG(s.opts.Seed, "okta.authzrotate")
	s.genAuthz(subRNG(s.opts.Seed, "okta.authz"))
	s.genTokens(subRNG(s.opts.Seed, "okta.apitokens"))
	s.genIdPCreds(subRNG(s.opts.Seed, "okta.idpcreds"))
}

// authzPlan describes the first authorization servers, so that small data sets hold every
// finding.
var authzPlans = []struct {
	name, audience, mode string
	lastRotated          time.Duration // ago
	nextRotation         time.Duration // from now; AUTO only
	statuses             []string
}{
	// The org's default server: AUTO, rotated a month ago, healthy.
	{"default", "api://default", "AUTO", 30 * oktaDay, 60 * oktaDay, []string{"ACTIVE", "NEXT", "EXPIRED"}},
	// MANUAL and not rotated for more than a year: overdue.
	{"Payments API", "https://payments.acme.example", "MANUAL", 400 * oktaDay, 0, []string{"ACTIVE", "NEXT"}},
	// AUTO, but its next rotation is a month past: stuck with its NEXT key.
	{"Partner API", "https://partners.acme.example", "AUTO", 120 * oktaDay, -30 * oktaDay, []string{"ACTIVE", "NEXT", "EXPIRED"}},
}

// rsaModulus is a made-up 2048-bit modulus as base64url: nothing verifies signatures with
// an authorization server's keys here.
func rsaModulus(rng *rand.Rand) string {
	b := make([]byte, 256)
	for i := range b {
		b[i] = byte(rng.IntN(256))
	}
	b[0] |= 0x80
	b[255] |= 1
	return base64.RawURLEncoding.EncodeToString(b)
}

func (s *oktaState) genAuthz(rng *rand.Rand) {
	now := s.opts.Now
	for i := range s.opts.AuthzServers {
		a := &oktaAuthz{ID: oktaID(rng, "aus"), Status: "ACTIVE", IssuerMode: "ORG_URL"}
		if i < len(authzPlans) {
			p := authzPlans[i]
			a.Name, a.Audiences, a.RotationMode = p.name, []string{p.audience}, p.mode
			a.LastRotated = now.Add(-p.lastRotated)
			if p.mode == "AUTO" {
				a.NextRotation = now.Add(p.nextRotation)
			}
			for _, st := range p.statuses {
				a.Keys = append(a.Keys, &authzKey{Kid: kid(rng), Status: st, N: rsaModulus(rng)})
			}
		} else {
			a.Name = fmt.Sprintf("Service API %d", i+1)
			a.Audiences = []string{fmt.Sprintf("https://svc%d.acme.example", i+1)}
			a.RotationMode = "AUTO"
			if rng.IntN(3) == 0 {
				a.RotationMode = "MANUAL"
			}
			a.LastRotated = now.Add(-time.Duration(1+rng.IntN(80)) * oktaDay)
			if a.RotationMode == "AUTO" {
				a.NextRotation = a.LastRotated.Add(90 * oktaDay)
			}
			if rng.IntN(5) == 0 {
				a.Status = "INACTIVE"
			}
			for _, st := range []string{"ACTIVE", "NEXT", "EXPIRED"}[:2+rng.IntN(2)] {
				a.Keys = append(a.Keys, &authzKey{Kid: kid(rng), Status: st, N: rsaModulus(rng)})
			}
		}
		a.Description = a.Name + " authorization server"
		if a.Name == "default" {
			a.Description = "Default Authorization Server for your Applications"
		}
		jitter := time.Duration(rng.IntN(86400)) * time.Second
		a.LastRotated = a.LastRotated.Add(-jitter)
		if !a.NextRotation.IsZero() {
			a.NextRotation = a.NextRotation.Add(-jitter)
		}
		a.Created = a.LastRotated.Add(-time.Duration(100+rng.IntN(900)) * oktaDay)
		a.LastUpdated = a.Created.Add(time.Duration(rng.IntN(30)) * oktaDay)
		s.estate.authz = append(s.estate.authz, a)
	}
	sort.Slice(s.estate.authz, func(i, j int) bool { return s.estate.authz[i].ID < s.estate.authz[j].ID })
}

func (a *oktaAuthz) activeKid() string {
	for _, k := range a.Keys {
		if k.Status == "ACTIVE" {
			return k.Kid
		}
	}
	return ""
}

func (a *oktaAuthz) json(base string) map[string]any {
	self := base + oktaroutes.GetAuthzServer.Expand(a.ID)
	signing := map[string]any{"kid": a.activeKid(), "rotationMode": a.RotationMode, "use": "sig",
		"lastRotated": oktaTS(a.LastRotated)}
	if a.RotationMode == "AUTO" {
		// "only returned when rotationMode is set to AUTO" (§3.9).
		signing["nextRotation"] = oktaTS(a.NextRotation)
	}
	links := map[string]any{
		"self":      halLink(self, "GET", "DELETE", "PUT"),
		"rotateKey": halLink(base+oktaroutes.RotateAuthzKeys.Expand(a.ID), "POST"),
		"keys":      halLink(base+oktaroutes.ListAuthzKeys.Expand(a.ID), "GET"),
	}
	if a.Status == "ACTIVE" {
		links["deactivate"] = halLink(self+"/lifecycle/deactivate", "POST")
	} else {
		links["activate"] = halLink(self+"/lifecycle/activate", "POST")
	}
	return map[string]any{
		"id": a.ID, "name": a.Name, "description": a.Description, "audiences": a.Audiences,
		"issuer": base + "/oauth2/" + a.ID, "issuerMode": a.IssuerMode, "status": a.Status,
		"created": oktaTS(a.Created), "lastUpdated": oktaTS(a.LastUpdated),
		"credentials": map[string]any{"signing": signing},
		"_links":      links,
	}
}

func (k *authzKey) json(base, serverID string) map[string]any {
	return map[string]any{"alg": "RS256", "e": "AQAB", "kid": k.Kid, "kty": "RSA", "n": k.N, "status": k.Status, "use": "sig",
		"_links": map[string]any{"self": halLink(base+oktaroutes.GetAuthzKey.Expand(serverID, k.Kid), "GET")}}
}

func (s *Server) estateRoutes(add func(r routes.Route, h handler)) {
	add(oktaroutes.ListAuthzServers, s.listAuthz)
	add(oktaroutes.GetAuthzServer, s.getAuthz)
	add(oktaroutes.ListAuthzKeys, s.listAuthzKeys)
	add(oktaroutes.GetAuthzKey, s.getAuthzKey)
	add(oktaroutes.RotateAuthzKeys, s.rotateAuthzKeys)
	s.tokenRoutes(add)
	s.idpCredRoutes(add)
}

func (s *Server) listAuthz(w http.ResponseWriter, r *http.Request, _ params) {
	// q: a case-insensitive prefix of the name or of an audience (the fake's reading of
	// "searches the name and audiences", §3.9).
	q := strings.ToLower(r.URL.Query().Get("q"))
	var items []*oktaAuthz
	for _, a := range s.okta.estate.authz {
		match := q == "" || strings.HasPrefix(strings.ToLower(a.Name), q)
		for _, aud := range a.Audiences {
			match = match || strings.HasPrefix(strings.ToLower(aud), q)
		}
		if match {
			items = append(items, a)
		}
	}
	// "default 200" for this list (§3.9), where other Okta lists default to 20.
	page, ok := oktaPageDef(s, w, r, items, func(a *oktaAuthz) string { return a.ID }, 200)
	if !ok {
		return
	}
	out := make([]map[string]any, 0, len(page))
	for _, a := range page {
		out = append(out, a.json(baseURL(r)))
	}
	writeJSON(w, http.StatusOK, out)
}

// authz finds an authorization server, answering 404 when it is missing.
func (s *Server) authz(w http.ResponseWriter, id string) *oktaAuthz {
	for _, a := range s.okta.estate.authz {
		if a.ID == id {
			return a
		}
	}
	oktaNotFound(w, id, "AuthorizationServer")
	return nil
}

func (s *Server) getAuthz(w http.ResponseWriter, r *http.Request, p params) {
	if a := s.authz(w, p["authServerId"]); a != nil {
		writeJSON(w, http.StatusOK, a.json(baseURL(r)))
	}
}

func (s *Server) listAuthzKeys(w http.ResponseWriter, r *http.Request, p params) {
	a := s.authz(w, p["authServerId"])
	if a == nil {
		return
	}
	out := make([]map[string]any, 0, len(a.Keys))
	for _, k := range a.Keys {
		out = append(out, k.json(baseURL(r), a.ID))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) getAuthzKey(w http.ResponseWriter, r *http.Request, p params) {
	a := s.authz(w, p["authServerId"])
	if a == nil {
		return
	}
	for _, k := range a.Keys {
		if k.Kid == p["keyId"] {
			writeJSON(w, http.StatusOK, k.json(baseURL(r), a.ID))
			return
		}
	}
	oktaNotFound(w, p["keyId"], "AuthorizationServerKey")
}

// rotateAuthzKeys: ACTIVE becomes EXPIRED (the older EXPIRED key is dropped), NEXT becomes
// ACTIVE (a new ACTIVE key when there was no NEXT), and a fresh NEXT key is made; in either
// rotation mode, on an INACTIVE server too (the fake's choices, §3.9 UNVERIFIED).
func (s *Server) rotateAuthzKeys(w http.ResponseWriter, r *http.Request, p params) {
	a := s.authz(w, p["authServerId"])
	if a == nil {
		return
	}
	var body struct {
		Use *string `json:"use"`
	}
	if !readJSON(w, r, &body) {
		return
	}
	if body.Use == nil || *body.Use != "sig" {
		oktaValidation(w, "rotateKeys", "Invalid value specified for key 'use' parameter")
		return
	}
	rng := s.okta.estate.rotateRNG
	var active, next *authzKey
	for _, k := range a.Keys {
		switch k.Status {
		case "ACTIVE":
			active = k
		case "NEXT":
			next = k
		}
	}
	if next == nil {
		next = &authzKey{Kid: kid(rng), N: rsaModulus(rng)}
	}
	keys := []*authzKey{next}
	next.Status = "ACTIVE"
	keys = append(keys, &authzKey{Kid: kid(rng), Status: "NEXT", N: rsaModulus(rng)})
	if active != nil {
		active.Status = "EXPIRED"
		keys = append(keys, active)
	}
	a.Keys = keys
	now := s.okta.clock()
	a.LastRotated, a.LastUpdated = now, now
	if a.RotationMode == "AUTO" {
		a.NextRotation = now.Add(90 * oktaDay)
	}
	out := make([]map[string]any, 0, len(a.Keys))
	for _, k := range a.Keys {
		out = append(out, k.json(baseURL(r), a.ID))
	}
	writeJSON(w, http.StatusOK, out)
}
