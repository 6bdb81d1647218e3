package sim

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"math/rand/v2"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Okta's timestamp format: "2015-12-10T18:56:23.000Z".
const oktaTime = "2006-01-02T15:04:05.000Z"

func oktaTS(t time.Time) string { return t.UTC().Format(oktaTime) }

// oktaState is the Okta org: applications with their keys, CSRs and client secrets, the
// identity providers and the IdP key store.
type oktaState struct {
	opts    *Options
	apps    []*oktaApp // in id order, the list order
	appByID map[string]*oktaApp
	idps    []*oktaIdP
	idpKeys []*oktaIdPKey // in kid order
	allKeys []*oktaKey    // app keys in generation order
	// seq numbers generated objects; serial numbers certificates.
	seq    int
	serial int64
	// Generators of app CSRs and client secrets, and of objects created through the API.
	csrRNG, secretRNG, liveRNG *rand.Rand
	// keys hands out a distinct RSA key to each app key, CSR and RSA IdP key.
	keys keyAlloc
	// estate: authorization servers, API tokens, IdP CSRs and signing keys (okta_authz.go).
	estate oktaEstate
}

type oktaApp struct {
	ID, Name, Label, Status, SignOnMode string
	Created, LastUpdated                time.Time
	SigningKid                          string
	ClientID, AuthMethod                string // OPENID_CONNECT apps only
	Keys                                []*oktaKey
	CSRs                                []*oktaCSR
	Secrets                             []*oktaSecret
	// doc is the app as the last PUT gave it, system members left out (okta_replace.go);
	// nil until then.
	doc map[string]any
}

// oktaKey is an app key credential: a certificate and its JWK facts.
type oktaKey struct {
	Kid                  string
	Created, LastUpdated time.Time
	// The certificate is built on first use: building hundreds at start-up would slow
	// every test. spec describes it; shared reuses another key's certificate (bulk data);
	// der is set directly for published and cloned keys.
	spec     certSpec
	shared   *oktaKey
	der      []byte
	built    *material
	wrongX5t bool // the API reports a thumbprint that does not match (a data error to find)
}

func (k *oktaKey) material() *material {
	if k.built == nil {
		switch {
		case k.der != nil:
			k.built = newMaterial(k.der)
		case k.shared != nil:
			k.built = k.shared.material()
		default:
			k.built = newMaterial(issue(k.spec))
		}
	}
	return k.built
}

func newOktaState(o *Options, _ *rand.Rand) *oktaState {
	s := &oktaState{opts: o, appByID: map[string]*oktaApp{}, serial: 1000}
	s.csrRNG, s.secretRNG = subRNG(o.Seed, "okta.csrs"), subRNG(o.Seed, "okta.secrets")
	s.liveRNG = subRNG(o.Seed, "okta.live")
	s.genApps(subRNG(o.Seed, "okta.apps"))
	s.genIdPs(subRNG(o.Seed, "okta.idps"))
	s.genEstate()
	return s
}

// subRNG derives an independent generator per kind of data, so that adding a generator
// never changes the data of another.
func subRNG(seed int64, label string) *rand.Rand {
	sum := sha256.Sum256([]byte(label))
	return rand.New(rand.NewPCG(uint64(seed), binary.BigEndian.Uint64(sum[:8])))
}

const alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// oktaID returns an Okta-style id: a 3-character prefix and 17 more characters.
func oktaID(rng *rand.Rand, prefix string) string {
	b := make([]byte, 17)
	for i := range b {
		b[i] = alnum[rng.IntN(len(alnum))]
	}
	return prefix + string(b)
}

// kid returns a 43-character base64url key id, as Okta's.
func kid(rng *rand.Rand) string {
	b := make([]byte, 32)
	for i := range b {
		b[i] = byte(rng.IntN(256))
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func (s *oktaState) nextSerial() int64 { s.serial++; return s.serial }

// ---- HTTP plumbing ----

func (s *Server) serveOkta(w *recorder, r *http.Request, rt *route, p params) {
	h := w.Header()
	h.Set("X-Okta-Request-Id", requestID("req"))
	if !s.oktaAuthorized(r) {
		oktaError(w, http.StatusUnauthorized, "E0000011", "Invalid token provided")
		return
	}
	if !s.oktaRateCheck(w, rt.entry, w.refused) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rt.h(w, r, p)
}

func (s *Server) oktaAuthorized(r *http.Request) bool {
	s.omu.Lock()
	defer s.omu.Unlock()
	a := r.Header.Get("Authorization")
	switch {
	case strings.HasPrefix(a, "SSWS "):
		return strings.TrimPrefix(a, "SSWS ") == s.opts.OktaToken
	case strings.HasPrefix(a, "Bearer "):
		return strings.TrimPrefix(a, "Bearer ") == s.opts.OktaAccessToken
	}
	return false
}

// RevokeOktaToken makes the configured Okta tokens invalid (401 E0000011 from then on).
func (s *Server) RevokeOktaToken() {
	s.omu.Lock()
	s.opts.OktaToken, s.opts.OktaAccessToken = "revoked:"+s.opts.OktaToken, "revoked:"+s.opts.OktaAccessToken
	s.omu.Unlock()
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// oktaError writes Okta's error object (docs/vendors/okta.md §2.5).
func oktaError(w http.ResponseWriter, status int, code, summary string, causes ...string) {
	cs := make([]map[string]string, 0, len(causes))
	for _, c := range causes {
		cs = append(cs, map[string]string{"errorSummary": c})
	}
	writeJSON(w, status, map[string]any{
		"errorCode": code, "errorSummary": summary, "errorLink": code,
		"errorId": requestID("oae"), "errorCauses": cs,
	})
}

func oktaNotFound(w http.ResponseWriter, id, kind string) {
	oktaError(w, http.StatusNotFound, "E0000007", fmt.Sprintf("Not found: Resource not found: %s (%s)", id, kind))
}

func oktaValidation(w http.ResponseWriter, what string, causes ...string) {
	oktaError(w, http.StatusBadRequest, "E0000001", "Api validation failed: "+what, causes...)
}

// baseURL is the scheme and host the request came to, for links.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// oktaPage cuts one page out of a list sorted by cursor, after the `after` cursor, and
// writes the self and next links. cursor returns an item's cursor value. A limit that is not
// one integer is answered with Okta's 400 and ok is false.
func oktaPage[T any](s *Server, w http.ResponseWriter, r *http.Request, items []T, cursor func(T) string) (page []T, ok bool) {
	return oktaPageDef(s, w, r, items, cursor, 20)
}

// oktaPageDef is oktaPage for a list whose page size without a limit is def.
func oktaPageDef[T any](s *Server, w http.ResponseWriter, r *http.Request, items []T, cursor func(T) string, def int) (page []T, ok bool) {
	q := r.URL.Query()
	limit := 0
	if vs := q["limit"]; len(vs) > 0 {
		n, err := strconv.Atoi(vs[0])
		if err != nil || len(vs) > 1 {
			// Okta's answer to limit=x, or to a limit sent twice by a client that re-adds it to
			// a next link (field report: gblues.hashnode.dev, "More Okta gotchas").
			oktaError(w, http.StatusBadRequest, "E0000037", "Type mismatch exception.  Could not convert parameter 'limit' to the required type.")
			return nil, false
		}
		limit = n
	}
	n := s.pageSize(limit, def, 200)
	start := 0
	if after := q.Get("after"); after != "" {
		start = sort.Search(len(items), func(i int) bool { return cursor(items[i]) > after })
	}
	end := min(start+n, len(items))
	page = items[start:end]
	self := *r.URL
	links := []string{fmt.Sprintf(`<%s%s>; rel="self"`, baseURL(r), self.RequestURI())}
	if end < len(items) {
		nq := url.Values{}
		for k, v := range q {
			nq[k] = v
		}
		nq.Set("after", cursor(items[end-1]))
		nq.Set("limit", strconv.Itoa(n))
		links = append(links, fmt.Sprintf(`<%s%s?%s>; rel="next"`, baseURL(r), r.URL.EscapedPath(), nq.Encode()))
	}
	s.writeLinks(w, links)
	return page, true
}

func (s *Server) writeLinks(w http.ResponseWriter, links []string) {
	s.omu.Lock()
	style := s.opts.LinkStyle
	s.omu.Unlock()
	if style == LinkJoined {
		w.Header().Set("Link", strings.Join(links, ", "))
		return
	}
	for _, l := range links {
		w.Header().Add("link", l)
	}
}

func (s *Server) oktaRoutes(rt *router) {
	add := rt.add
	add(oktaroutes.ListApps, s.listApps)
	add(oktaroutes.GetApp, s.getApp)
	add(oktaroutes.ReplaceApp, s.replaceApp)
	add(oktaroutes.ListAppKeys, s.listAppKeys)
	add(oktaroutes.GetAppKey, s.getAppKey)
	s.oktaMoreRoutes(add)
	s.estateRoutes(add)
}
