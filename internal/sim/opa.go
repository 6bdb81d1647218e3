package sim

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"github.com/credsql/credsql/internal/routes/oparoutes"
	mrand "math/rand/v2"
	"net/http"
	"sort"
	"strings"
	"time"
)

func opaTS(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// opaState is the Okta Privileged Access team: service users and their API keys, and the
// bearer tokens issued to credsql.
type opaState struct {
	opts   *Options
	users  []*opaUser // sorted by name when sorted is true
	sorted bool
	byName map[string]*opaUser
	byID   map[string]*opaUser
	keys   map[string]*opaKey // by key id
	tokens map[string]time.Time
	issued int
	// every bearer token ever issued, for tests that look for leaks
	allTokens []string
}

type opaUser struct {
	ID, Name, Status string
	DeletedAt        time.Time // zero: not deleted
	OAuthClientID    string
	Keys             []*opaKey
}

type opaKey struct {
	ID       string
	Issued   time.Time
	Expires  time.Time // zero: never
	LastUsed time.Time // zero: never used
	secret   [32]byte  // SHA-256 of the secret; zero when unknown
	owner    *opaUser
}

// opaFixedUsers open every data set so that each case exists: the key credsql logs in with,
// a name with a space and one with a dot, stale keys, a deleted user, a user without keys.
var opaFixedUsers = []string{"credsql", "OPA User", "A.User", "ci-deploy", "legacy-backup", "old-integration", "reporting.bot"}

var opaNameParts = []string{"svc", "deploy", "backup", "etl", "monitoring", "terraform", "ansible", "jenkins",
	"github-actions", "vault-sync", "scanner", "reporting"}

func newOPAState(o *Options, _ *mrand.Rand) *opaState {
	rng := subRNG(o.Seed, "opa.users")
	st := &opaState{opts: o, byName: map[string]*opaUser{}, byID: map[string]*opaUser{}, keys: map[string]*opaKey{},
		tokens: map[string]time.Time{}}
	now := o.Now
	ago := func(days int) time.Time {
		return now.Add(-time.Duration(days) * 24 * time.Hour).Add(time.Duration(rng.IntN(86400)) * time.Second)
	}
	type k struct{ issued, expires, used int } // days ago; expires < 0 is in the future; 0 = none
	for i := 0; i < o.ServiceUsers; i++ {
		u := &opaUser{ID: opaUUID(rng), Status: "ACTIVE"}
		var ks []k
		if i < len(opaFixedUsers) {
			u.Name = opaFixedUsers[i]
			switch i {
			case 1: // stale: last used 200 days ago
				ks = []k{{400, 0, 200}}
			case 2: // disabled, mid-rotation: the old key expires in 5 days
				u.Status = "DISABLED"
				ks = []k{{100, -5, 95}, {2, 0, 0}}
			case 3: // created by an OAuth approval; one expired key
				u.OAuthClientID = opaUUID(rng)
				ks = []k{{300, 10, 20}, {20, 0, 1}, {5, 0, 3}}
			case 4: // stale: never used, issued 180 days ago
				ks = []k{{180, 0, 0}}
			case 5:
				u.Status, u.DeletedAt = "DELETED", ago(30)
				ks = []k{{500, 0, 120}}
			}
		} else {
			u.Name = fmt.Sprintf("%s-%s-%03d", opaNameParts[rng.IntN(len(opaNameParts))], []string{"prod", "stage", "dev", "shared"}[rng.IntN(4)], i)
			switch x := rng.IntN(25); {
			case x < 3:
				u.Status = "DISABLED"
			case x < 5:
				u.Status, u.DeletedAt = "DELETED", ago(1+rng.IntN(300))
			}
			for range rng.IntN(4) {
				kk := k{issued: 1 + rng.IntN(800)}
				if rng.IntN(4) == 0 {
					kk.expires = kk.issued - 1 - rng.IntN(60)
				}
				if rng.IntN(3) > 0 {
					kk.used = 1 + rng.IntN(kk.issued)
				}
				ks = append(ks, kk)
			}
		}
		for _, kk := range ks {
			key := &opaKey{ID: opaUUID(rng), Issued: ago(kk.issued), owner: u}
			if kk.expires != 0 {
				key.Expires = ago(kk.expires)
			}
			if kk.used != 0 {
				key.LastUsed = ago(kk.used)
			}
			u.Keys = append(u.Keys, key)
		}
		if i == 0 {
			// The key credsql is configured with: never expires, used yesterday.
			key := &opaKey{ID: o.OPAKeyID, Issued: ago(60), LastUsed: ago(1), owner: u, secret: sha256.Sum256([]byte(o.OPAKeySecret))}
			u.Keys = []*opaKey{key}
		}
		st.addUser(u)
	}
	return st
}

func (o *opaState) addUser(u *opaUser) {
	o.users = append(o.users, u)
	o.sorted = false
	o.byName[u.Name] = u
	o.byID[u.ID] = u
	for _, k := range u.Keys {
		o.keys[k.ID] = k
	}
}

func (o *opaState) sortUsers() {
	if !o.sorted {
		sort.Slice(o.users, func(i, j int) bool { return o.users[i].Name < o.users[j].Name })
		o.sorted = true
	}
}

// opaUUID returns a version-4 UUID drawn from rng, or from crypto/rand when rng is nil.
func opaUUID(rng *mrand.Rand) string {
	var b [16]byte
	if rng == nil {
		_, _ = rand.Read(b[:])
	} else {
		for i := range b {
			b[i] = byte(rng.IntN(256))
		}
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

func (s *Server) opaRoutes(rt *router) {
	rt.add(oparoutes.IssueToken, s.opaServiceToken)
	rt.add(oparoutes.ListServiceUsers, s.opaListUsers)
	rt.add(oparoutes.CreateServiceUser, s.opaCreateUser)
	rt.add(oparoutes.GetServiceUser, s.opaGetUser)
	rt.add(oparoutes.UpdateServiceUser, s.opaUpdateUser)
	rt.add(oparoutes.ListKeys, s.opaListKeys)
	rt.add(oparoutes.RotateKey, s.opaRotateKey)
	rt.add(oparoutes.DeleteKey, s.opaDeleteKey)
}

func (s *Server) serveOPA(w *recorder, r *http.Request, rt *route, p params) {
	// OPA's request id header is not documented (docs/vendors/opa.md): the simulator sends the
	// common X-Request-Id, which credsql shows in errors when a vendor sends it.
	w.Header().Set("X-Request-Id", requestID("opa"))
	if !s.opaRateCheck(w) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if rt.entry != oparoutes.IssueToken && !s.opa.authorized(r, p["team_name"]) {
		opaError(w, http.StatusUnauthorized, "authentication_error", "A valid API token was not provided")
		return
	}
	rt.h(w, r, p)
}

// authorized reports whether the request bears an unexpired token of the path's team.
func (o *opaState) authorized(r *http.Request, team string) bool {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || !strings.EqualFold(team, o.opts.OPATeam) {
		return false
	}
	exp, ok := o.tokens[tok]
	return ok && o.opts.clock().Before(exp)
}

// opaServiceToken is oparoutes.IssueToken (docs/vendors/opa.md §1). Any
// unexpired key of an active service user of the team works, with its secret.
func (s *Server) opaServiceToken(w http.ResponseWriter, r *http.Request, p params) {
	o := s.opa
	if !strings.EqualFold(p["team_name"], o.opts.OPATeam) {
		// An unknown team is a 404, so that a wrong team name is told apart from a wrong key.
		opaError(w, http.StatusNotFound, "resource_does_not_exist", "team not found")
		return
	}
	var body struct {
		KeyID     string `json:"key_id"`
		KeySecret string `json:"key_secret"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.KeyID == "" || body.KeySecret == "" {
		opaError(w, http.StatusBadRequest, "invalid_request", "key_id and key_secret are required")
		return
	}
	now := o.opts.clock()
	k := o.keys[body.KeyID]
	sum := sha256.Sum256([]byte(body.KeySecret))
	if k == nil || subtle.ConstantTimeCompare(sum[:], k.secret[:]) != 1 || k.owner.Status != "ACTIVE" ||
		(!k.Expires.IsZero() && now.After(k.Expires)) {
		opaError(w, http.StatusUnauthorized, "authentication_error", "Invalid key id or secret")
		return
	}
	k.LastUsed = now
	var b [32]byte
	_, _ = rand.Read(b[:])
	tok := base64.RawURLEncoding.EncodeToString(b[:])
	exp := now.Add(o.opts.OPATokenTTL)
	o.tokens[tok] = exp
	o.issued++
	o.allTokens = append(o.allTokens, tok)
	writeJSON(w, http.StatusOK, map[string]any{"bearer_token": tok, "expires_at": opaTS(exp), "team_name": o.opts.OPATeam})
}

// ExpireOPATokens makes every OPA bearer token issued so far invalid.
func (s *Server) ExpireOPATokens() {
	s.mu.Lock()
	s.opa.tokens = map[string]time.Time{}
	s.mu.Unlock()
}

// OPABearerTokens returns every OPA bearer token issued so far, expired ones included.
func (s *Server) OPABearerTokens() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.opa.allTokens...)
}

// OPATokensIssued returns how many OPA bearer tokens were issued.
func (s *Server) OPATokensIssued() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.opa.issued
}

// opaError writes OPA's error body. Its shape is unverified (docs/vendors/opa.md §4.2); the
// simulator sends the most likely one: the error name in `type`, the status in `code` and a
// human-readable `message`.
func opaError(w http.ResponseWriter, status int, typ, message string) {
	writeJSON(w, status, map[string]any{"type": typ, "code": status, "message": message})
}

func opaTypeFor(status int) string {
	switch status {
	case 400:
		return "invalid_request"
	case 401:
		return "authentication_error"
	case 403:
		return "forbidden_error"
	case 404:
		return "resource_does_not_exist"
	case 409:
		return "resource_already_exists"
	case 429:
		return "too_many_requests"
	case 503:
		return "service_offline"
	case 504:
		return "gateway_timeout"
	}
	return "unknown_error"
}
