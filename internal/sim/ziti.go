package sim

import (
	"crypto"
	"crypto/sha1"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"github.com/credsql/credsql/internal/routes/zitiroutes"
	"math/rand/v2"
	"net/http"
	"sort"
	"strconv"
	"time"
)

// zitiTime is go-openapi's strfmt.DateTime format, which OpenZiti uses.
const zitiTime = "2006-01-02T15:04:05.000Z07:00"

func zitiTS(t time.Time) string { return t.UTC().Format(zitiTime) }

// zitiState is the OpenZiti controller: the current identity, its authenticators and API
// sessions.
// zitiFirstSerial is the serial before the first certificate an extension signs.
const zitiFirstSerial = 7000

type zitiState struct {
	opts         *Options
	start        time.Time
	identityID   string
	identityName string
	auths        []*zitiAuth // in id order, the default list order
	byID         map[string]*zitiAuth
	sessions     map[string]*zitiSession // by token
	allTokens    []string                // every session token ever issued (leak tests)
	logins       int
	serial       int64
	// The initial network-issued client certificate and its key, PEM.
	clientCert, clientKey string
	// estate is the rest of the network, seen through the admin routes (ziti_estate.go).
	estate *zitiEstate
}

// zitiAuth is an authenticator of the current identity: updb (username/password) or cert.
type zitiAuth struct {
	ID, Method         string
	Username, Password string // updb
	der                []byte // cert
	Fingerprint        string
	Network            bool // issued by the network's PKI
	ResolvedToRoot     bool
	Created, Updated   time.Time
	Tags               map[string]any
	pending            []byte // the certificate returned by extend, awaiting extend-verify
}

func (a *zitiAuth) setCert(der []byte) {
	a.der = der
	a.Fingerprint = zitiFingerprint(der)
}

func (a *zitiAuth) certPEM() string { return pemCert(a.der) }

// zitiFingerprint is OpenZiti's certificate fingerprint: lower-case hex SHA-1 of the DER.
func zitiFingerprint(der []byte) string {
	sum := sha1.Sum(der)
	return hex.EncodeToString(sum[:])
}

type zitiSession struct {
	ID, Token, AuthID, IP string
	Created, LastActivity time.Time
	CertLogin             bool
}

func newZitiState(o *Options, _ *rand.Rand) *zitiState {
	rng := subRNG(o.Seed, "ziti.authenticators")
	z := &zitiState{opts: o, start: time.Now(), identityName: "credsql-bot", byID: map[string]*zitiAuth{},
		sessions: map[string]*zitiSession{}, serial: zitiFirstSerial}
	z.identityID = zitiShortID(rng)
	now, day := o.Now, 24*time.Hour
	at := func(days int) time.Time {
		return now.Add(time.Duration(days) * day).Add(time.Duration(rng.IntN(86400)) * time.Second)
	}
	c := at(-420)
	z.add(&zitiAuth{ID: zitiShortID(rng), Method: "updb", Username: o.ZitiUsername, Password: o.ZitiPassword,
		Created: c, Updated: at(-30)})
	p := keys()
	certs := []struct {
		network, root bool
		pub           crypto.PublicKey
		self          crypto.Signer
		from, to      int // days from now
		cn, org       string
	}{
		{true, true, &p.rsa[0].PublicKey, nil, -200, 165, z.identityID, "OpenZiti"}, // healthy; ZitiClientCertPEM
		{true, true, &p.ec[0].PublicKey, nil, -345, 20, z.identityID, "OpenZiti"},   // expires within 30 days
		{true, true, &p.rsa[1].PublicKey, nil, -400, -35, z.identityID, "OpenZiti"}, // expired
		{false, true, &p.rsa[2].PublicKey, p.rsa[2], -90, 640, "credsql-bot.partner.example", "Partner PKI"},
		{false, false, &p.rsa[3].PublicKey, p.rsa[3], -300, 50, "credsql-bot.legacy.example", "Legacy PKI"},
	}
	for i, cs := range certs {
		nb := now.Add(time.Duration(cs.from) * day)
		der := issue(certSpec{cn: cs.cn, org: cs.org, serial: int64(7001 + i), notBefore: nb,
			notAfter: now.Add(time.Duration(cs.to) * day), pub: cs.pub, selfKey: cs.self, client: true})
		a := &zitiAuth{ID: zitiShortID(rng), Method: "cert", Network: cs.network, ResolvedToRoot: cs.root,
			Created: nb, Updated: nb}
		a.setCert(der)
		if i == 3 {
			a.Tags = map[string]any{"owner": "partner"}
		}
		z.add(a)
		if i == 0 {
			z.clientCert = a.certPEM()
			k, _ := x509.MarshalPKCS8PrivateKey(p.rsa[0])
			z.clientKey = string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: k}))
		}
	}
	z.genBulk(subRNG(o.Seed, "ziti.authenticators.bulk"), o.ZitiAuthenticators-len(z.auths))
	sort.Slice(z.auths, func(i, j int) bool { return z.auths[i].ID < z.auths[j].ID })
	z.estate = newZitiEstate(z)
	return z
}

// genBulk adds n network-issued cert authenticators from their own generator, so that the
// fixed ones above never change; Options.DistinctCerts bounds how many certificates they use.
func (z *zitiState) genBulk(rng *rand.Rand, n int) {
	now, day := z.opts.Now, 24*time.Hour
	pool := keys().rsa
	var ders [][]byte
	for i := range n {
		from := -1 - rng.IntN(700)
		nb := now.Add(time.Duration(from) * day)
		a := &zitiAuth{ID: zitiShortID(rng), Method: "cert", Network: true, ResolvedToRoot: true, Created: nb, Updated: nb}
		if d := z.opts.DistinctCerts; d > 0 && i >= d {
			a.setCert(ders[i%d])
		} else {
			der := issue(certSpec{cn: z.identityID, org: "OpenZiti", serial: int64(100001 + i), notBefore: nb,
				notAfter: nb.Add(time.Duration(30+rng.IntN(700)) * day), pub: &pool[i%len(pool)].PublicKey, client: true})
			ders = append(ders, der)
			a.setCert(der)
		}
		z.add(a)
	}
}

func (z *zitiState) add(a *zitiAuth) {
	if a.Tags == nil {
		a.Tags = map[string]any{}
	}
	z.auths = append(z.auths, a)
	z.byID[a.ID] = a
}

// clock is the simulated "now" for certificates: Options.Now plus the time since start.
func (z *zitiState) clock() time.Time { return z.opts.Now.Add(time.Since(z.start)) }

// zitiShortID returns an id in the style of OpenZiti's shortid ("vxtlfvUj6").
func zitiShortID(rng *rand.Rand) string {
	b := make([]byte, 9)
	for i := range b {
		b[i] = alnum[rng.IntN(len(alnum))]
	}
	b[0] = alnum[rng.IntN(52)]
	return string(b)
}

func (s *Server) zitiRoutes(rt *router) {
	add := rt.add
	add(zitiroutes.Authenticate, s.zitiAuthenticate)
	add(zitiroutes.CurrentSession, s.zitiCurrentSession)
	add(zitiroutes.Logout, s.zitiLogout)
	add(zitiroutes.ListMyAuthenticators, s.zitiListAuthenticators)
	add(zitiroutes.GetMyAuthenticator, s.zitiGetAuthenticator)
	add(zitiroutes.UpdateAuthenticator, s.zitiUpdateAuthenticator)
	add(zitiroutes.PatchAuthenticator, s.zitiUpdateAuthenticator)
	add(zitiroutes.Extend, s.zitiExtend)
	add(zitiroutes.ExtendVerify, s.zitiExtendVerify)
	s.zitiEstateRoutes(add)
}

// sessionParam carries the caller's session token from serveZiti to the handlers.
const sessionParam = "zt-session"

func (s *Server) serveZiti(w *recorder, r *http.Request, rt *route, p params) {
	w.Header().Set("Server", "ziti-controller/v1.6.0")
	s.mu.Lock()
	defer s.mu.Unlock()
	if rt.entry != zitiroutes.Authenticate {
		ss, ok := s.ziti.checkSession(w, r)
		if !ok {
			return
		}
		p[sessionParam] = ss.Token
	}
	rt.h(w, r, p)
}

// WWW-Authenticate challenges of controllers ≥ 2.0 (docs/vendors/ziti.md §1.3).
const (
	zitiChallengeMissing = `zt-session realm="zt-session" error="missing" error_description="no matching token was provided",` +
		`Bearer realm="openziti-oidc" error="missing" error_description="no matching token was provided"`
	zitiChallengeInvalid = `zt-session realm="zt-session" error="invalid" error_description="token is invalid"`
	zitiBearerInvalid    = `Bearer realm="openziti-oidc" error="invalid" error_description="token is invalid"`
)

// checkSession validates the zt-session header and slides the session's expiry.
func (z *zitiState) checkSession(w http.ResponseWriter, r *http.Request) (*zitiSession, bool) {
	tok := r.Header.Get("zt-session")
	if tok == "" {
		challenge := zitiChallengeMissing
		if len(r.Header.Get("Authorization")) > len("Bearer ") {
			// The simulator issues no OIDC tokens: any bearer token is invalid.
			challenge = zitiBearerInvalid
		}
		w.Header().Set("WWW-Authenticate", challenge)
		zitiError(w, http.StatusUnauthorized, "UNAUTHORIZED", nil)
		return nil, false
	}
	ss := z.sessions[tok]
	now := z.opts.clock()
	if ss == nil || now.Sub(ss.LastActivity) > z.opts.ZitiSessionTTL {
		delete(z.sessions, tok)
		w.Header().Set("WWW-Authenticate", zitiChallengeInvalid)
		zitiError(w, http.StatusUnauthorized, "UNAUTHORIZED", nil)
		return nil, false
	}
	ss.LastActivity = now
	z.sessionHeaders(w, ss)
	return ss, true
}

func (z *zitiState) sessionHeaders(w http.ResponseWriter, ss *zitiSession) {
	ttl := z.opts.ZitiSessionTTL
	w.Header().Set("expiration-seconds", strconv.Itoa(int(ttl.Seconds())))
	w.Header().Set("expires-at", zitiTS(ss.LastActivity.Add(ttl)))
}

// ZitiClientCertPEM returns the initial client certificate and PKCS#8 key of the identity's
// healthy network-issued cert authenticator (it stops working once that authenticator is
// extended and verified).
func (s *Server) ZitiClientCertPEM() (certPEM, keyPEM string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ziti.clientCert, s.ziti.clientKey
}

// ExpireZitiSessions makes every current OpenZiti API session invalid.
func (s *Server) ExpireZitiSessions() {
	s.mu.Lock()
	s.ziti.sessions = map[string]*zitiSession{}
	s.mu.Unlock()
}

// ZitiSessionTokens returns every OpenZiti session token issued so far, expired ones included.
func (s *Server) ZitiSessionTokens() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.ziti.allTokens...)
}

// ZitiLogins returns how many zitiroutes.Authenticate calls succeeded.
func (s *Server) ZitiLogins() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ziti.logins
}

// ZitiSessionToken opens an API session for the identity's updb authenticator without a
// login, and returns its token.
func (s *Server) ZitiSessionToken() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, a := range s.ziti.auths {
		if a.Method == "updb" {
			return s.ziti.newSession(a, "127.0.0.1", false).Token
		}
	}
	return ""
}

// zitiError writes OpenZiti's error envelope (docs/vendors/ziti.md §4.3).
func zitiError(w http.ResponseWriter, status int, code string, cause map[string]any) {
	e := map[string]any{"code": code, "message": zitiMessages[code], "requestId": requestID("")}
	if cause != nil {
		e["cause"] = cause
	}
	writeJSON(w, status, map[string]any{"error": e, "meta": map[string]any{"apiEnrollmentVersion": "0.0.1", "apiVersion": "0.0.1"}})
}

// zitiFieldError is a 400 COULD_NOT_VALIDATE naming the field at fault.
func zitiFieldError(w http.ResponseWriter, field, reason string) {
	zitiError(w, http.StatusBadRequest, "COULD_NOT_VALIDATE", map[string]any{"field": field, "reason": reason})
}

var zitiMessages = map[string]string{
	"COULD_NOT_VALIDATE":           "The supplied request contains an invalid document or no valid accept content were available, see cause",
	"INVALID_FILTER":               "The filter query supplied is invalid",
	"INVALID_PAGINATION":           "The pagination properties provided are invalid",
	"INVALID_SORT_IDENTIFIER":      "The sort order supplied is invalid",
	"INVALID_AUTH_METHOD":          "The supplied authentication method is not valid",
	"UNAUTHORIZED":                 "The request could not be completed. The session is not authorized or the credentials are invalid",
	"INVALID_AUTH":                 "The authentication request failed",
	"NOT_FOUND":                    "The resource requested was not found or is no longer available",
	"CAN_NOT_UPDATE_AUTHENTICATOR": "The authenticator cannot be updated in this fashion",
	"RATE_LIMITED":                 "The requested operation is rate limited and the rate limit has been exceeded. Please try again later",
	"UNHANDLED":                    "An unhandled error occurred",
}

func zitiCodeFor(status int) string {
	switch status {
	case 400:
		return "COULD_NOT_VALIDATE"
	case 401:
		return "UNAUTHORIZED"
	case 404:
		return "NOT_FOUND"
	case 429:
		return "RATE_LIMITED"
	}
	return "UNHANDLED"
}

func zitiEmpty(w http.ResponseWriter) {
	writeJSON(w, http.StatusOK, map[string]any{"data": map[string]any{}, "meta": map[string]any{}})
}

func zitiData(w http.ResponseWriter, data any) {
	writeJSON(w, http.StatusOK, map[string]any{"data": data, "meta": map[string]any{}})
}
