package sim

import (
	"crypto/rand"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"github.com/credsql/credsql/internal/routes/zitiroutes"
	"net"
	"net/http"
)

// zitiAuthenticate is zitiroutes.Authenticate, method=password or cert (docs/vendors/ziti.md §1.1).
func (s *Server) zitiAuthenticate(w http.ResponseWriter, r *http.Request, _ params) {
	z := s.ziti
	var a *zitiAuth
	switch method := r.URL.Query().Get("method"); method {
	case "password":
		var body struct {
			Username *string `json:"username"`
			Password *string `json:"password"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			zitiFieldError(w, "(root)", "the request body is not a valid authenticate document")
			return
		}
		if body.Username != nil && (len(*body.Username) < 4 || len(*body.Username) > 100) {
			zitiFieldError(w, "username", "username in body should be between 4 and 100 chars long")
			return
		}
		if body.Password != nil && (len(*body.Password) < 5 || len(*body.Password) > 100) {
			zitiFieldError(w, "password", "password in body should be between 5 and 100 chars long")
			return
		}
		if body.Username != nil && body.Password != nil {
			a = z.updbLogin(*body.Username, *body.Password)
		}
	case "cert":
		a = z.certLogin(r)
	case "":
		zitiFieldError(w, "method", "method in query is required")
		return
	case "ext-jwt":
		// No external JWT signers are configured.
	default:
		zitiError(w, http.StatusBadRequest, "INVALID_AUTH_METHOD", nil)
		return
	}
	if a == nil {
		zitiError(w, http.StatusUnauthorized, "INVALID_AUTH", nil)
		return
	}
	host, _, _ := net.SplitHostPort(r.RemoteAddr)
	ss := z.newSession(a, host, a.Method == "cert")
	z.logins++
	w.Header().Set("zt-session", ss.Token)
	z.sessionHeaders(w, ss)
	zitiData(w, z.sessionJSON(ss))
}

func (z *zitiState) updbLogin(username, password string) *zitiAuth {
	for _, a := range z.auths {
		if a.Method == "updb" && a.Username == username && a.Password == password {
			return a
		}
	}
	return nil
}

// certLogin finds the cert authenticator of the TLS client certificate, which must chain to
// the simulator CA and be valid now.
func (z *zitiState) certLogin(r *http.Request) *zitiAuth {
	if r.TLS == nil || len(r.TLS.PeerCertificates) == 0 {
		return nil
	}
	ca, _ := CAKey()
	roots := x509.NewCertPool()
	roots.AddCert(ca)
	inter := x509.NewCertPool()
	for _, c := range r.TLS.PeerCertificates[1:] {
		inter.AddCert(c)
	}
	leaf := r.TLS.PeerCertificates[0]
	if _, err := leaf.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, CurrentTime: z.clock(),
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}}); err != nil {
		return nil
	}
	fp := zitiFingerprint(leaf.Raw)
	for _, a := range z.auths {
		if a.Method == "cert" && a.Fingerprint == fp {
			return a
		}
	}
	return nil
}

func (z *zitiState) newSession(a *zitiAuth, ip string, certLogin bool) *zitiSession {
	now := z.opts.clock()
	ss := &zitiSession{ID: zitiSessionID(), Token: zitiToken(), AuthID: a.ID, IP: ip, Created: now, LastActivity: now,
		CertLogin: certLogin}
	z.sessions[ss.Token] = ss
	z.allTokens = append(z.allTokens, ss.Token)
	return ss
}

// zitiCurrentSession is zitiroutes.CurrentSession.
func (s *Server) zitiCurrentSession(w http.ResponseWriter, _ *http.Request, p params) {
	zitiData(w, s.ziti.sessionJSON(s.ziti.sessions[p[sessionParam]]))
}

// zitiLogout is zitiroutes.Logout.
func (s *Server) zitiLogout(w http.ResponseWriter, _ *http.Request, p params) {
	delete(s.ziti.sessions, p[sessionParam])
	zitiEmpty(w)
}

// sessionJSON is a currentApiSessionDetail (docs/vendors/ziti.md §2.1).
func (z *zitiState) sessionJSON(ss *zitiSession) map[string]any {
	ttl := z.opts.ZitiSessionTTL
	a := z.byID[ss.AuthID]
	link := func(h string) map[string]any { return map[string]any{"href": h} }
	return map[string]any{
		"_links":               map[string]any{"self": link("./api-sessions/" + ss.ID), "sessions": link("./api-sessions/" + ss.ID + "/sessions")},
		"createdAt":            zitiTS(ss.Created),
		"updatedAt":            zitiTS(ss.Created),
		"id":                   ss.ID,
		"tags":                 map[string]any{},
		"authQueries":          []any{},
		"authenticatorId":      ss.AuthID,
		"cachedLastActivityAt": zitiTS(ss.LastActivity),
		"configTypes":          []string{},
		"identity":             z.identityRef(true),
		"identityId":           z.identityID,
		"ipAddress":            ss.IP,
		"isCertExtendable":     ss.CertLogin && a != nil && a.Network,
		"isMfaComplete":        false,
		"isMfaRequired":        false,
		"lastActivityAt":       zitiTS(ss.LastActivity),
		"token":                ss.Token,
		"expirationSeconds":    int(ttl.Seconds()),
		"expiresAt":            zitiTS(ss.LastActivity.Add(ttl)),
	}
}

// identityRef is the entityRef of the current identity.
func (z *zitiState) identityRef(withAuthenticators bool) map[string]any {
	links := map[string]any{"self": map[string]any{"href": "." + zitiroutes.GetIdentity.Expand(z.identityID)}}
	if withAuthenticators {
		links["authenticators"] = map[string]any{"href": "." + zitiroutes.ListIdentityAuthenticators.Expand(z.identityID)}
	}
	return map[string]any{"_links": links, "entity": "identities", "id": z.identityID, "name": z.identityName}
}

// zitiToken returns a random UUID, the form of legacy session tokens.
func zitiToken() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// zitiSessionID returns an id in the style of OpenZiti's API session ids ("cl4zptpgqcrinn0hhgm7ek5ve").
func zitiSessionID() string {
	const chars = "abcdefghijklmnopqrstuvwxyz0123456789"
	var b [25]byte
	_, _ = rand.Read(b[:])
	for i := range b {
		b[i] = chars[int(b[i])%len(chars)]
	}
	b[0] = 'c'
	return string(b[:])
}
