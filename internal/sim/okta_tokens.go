package sim

import (
	"fmt"
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"math/rand/v2"
	"net/http"
	"sort"
	"strings"
	"time"
)

// API tokens (docs/vendors/okta.md §3.10). The first token is the one the simulator's
// configured API token stands for: oktaroutes.CurrentAPIToken answers it (a call absent
// from the published spec, see Options.NoCurrentAPIToken), and revoking it revokes the
// configured token.

type oktaToken struct {
	ID, Name, UserID, ClientName, Window string
	Network                              map[string]any // nil: not sent
	Created, LastUpdated, ExpiresAt      time.Time
}

// tokenPlans are the first tokens, so that small data sets hold every finding. expires is
// from Options.Now: a token expires when unused for its window (P30D), so one expiring in 3
// days has not been used for 27.
var tokenPlans = []struct {
	name, client string
	expires      time.Duration
	network      map[string]any
}{
	{"credsql", "credsql", 30*oktaDay - time.Hour, map[string]any{"connection": "ANYWHERE"}},
	{"terraform-ci", "Okta API", 3 * oktaDay, nil},
	{"scim-sync", "Okta API", 29 * oktaDay, map[string]any{"connection": "ZONE", "include": []string{"nzo1corpnetwork00001"}}},
	{"old-backup-script", "Okta API", 1 * oktaDay, map[string]any{"connection": "ANYWHERE"}},
	{"okta-aws-cli", "okta-aws-cli", 12 * oktaDay, nil},
}

func (s *oktaState) genTokens(rng *rand.Rand) {
	now := s.opts.Now
	for i := range s.opts.APITokens {
		t := &oktaToken{ID: oktaID(rng, "00T"), UserID: oktaID(rng, "00u"), Window: "P30D"}
		if i < len(tokenPlans) {
			p := tokenPlans[i]
			t.Name, t.ClientName, t.Network = p.name, p.client, p.network
			t.ExpiresAt = now.Add(p.expires)
		} else {
			t.Name, t.ClientName = fmt.Sprintf("automation-%d", i+1), "Okta API"
			t.ExpiresAt = now.Add(time.Duration(1+rng.IntN(30)) * oktaDay)
		}
		t.ExpiresAt = t.ExpiresAt.Add(-time.Duration(rng.IntN(3600)) * time.Second)
		t.Created = now.Add(-time.Duration(40+rng.IntN(700)) * oktaDay).Add(-time.Duration(rng.IntN(86400)) * time.Second)
		t.LastUpdated = t.Created.Add(time.Duration(rng.IntN(20)) * oktaDay)
		s.estate.tokens = append(s.estate.tokens, t)
	}
	// The current token's id is fixed before sorting: the first generated.
	if len(s.estate.tokens) > 0 {
		s.estate.current = s.estate.tokens[0].ID
	}
	sort.Slice(s.estate.tokens, func(i, j int) bool { return s.estate.tokens[i].ID < s.estate.tokens[j].ID })
}

func (t *oktaToken) json(base string) map[string]any {
	self := base + oktaroutes.GetAPIToken.Expand(t.ID)
	out := map[string]any{
		"id": t.ID, "name": t.Name, "userId": t.UserID, "clientName": t.ClientName, "tokenWindow": t.Window,
		"created": oktaTS(t.Created), "lastUpdated": oktaTS(t.LastUpdated), "expiresAt": oktaTS(t.ExpiresAt),
		"_links": map[string]any{"self": halLink(self, "GET", "DELETE"), "user": halLink(base+"/api/v1/users/"+t.UserID, "GET")},
	}
	if t.Network != nil {
		out["network"] = t.Network
	}
	return out
}

func (s *Server) tokenRoutes(add func(r routes.Route, h handler)) {
	add(oktaroutes.ListAPITokens, s.listTokens)
	add(oktaroutes.CurrentAPIToken, s.currentToken)
	add(oktaroutes.GetAPIToken, s.getToken)
	add(oktaroutes.RevokeAPIToken, s.revokeToken)
}

// listTokens answers every token in one page: the spec gives the call no paging (§3.10).
func (s *Server) listTokens(w http.ResponseWriter, r *http.Request, _ params) {
	out := make([]map[string]any, 0, len(s.okta.estate.tokens))
	for _, t := range s.okta.estate.tokens {
		out = append(out, t.json(baseURL(r)))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) token(w http.ResponseWriter, id string) int {
	for i, t := range s.okta.estate.tokens {
		if t.ID == id {
			return i
		}
	}
	oktaNotFound(w, id, "ApiToken")
	return -1
}

func (s *Server) getToken(w http.ResponseWriter, r *http.Request, p params) {
	if i := s.token(w, p["apiTokenId"]); i >= 0 {
		writeJSON(w, http.StatusOK, s.okta.estate.tokens[i].json(baseURL(r)))
	}
}

// currentToken is the calling API token's metadata; an OAuth caller, or an org configured
// not to serve the call, gets a 404 as for an unknown token.
func (s *Server) currentToken(w http.ResponseWriter, r *http.Request, p params) {
	s.omu.Lock()
	off := s.opts.NoCurrentAPIToken
	s.omu.Unlock()
	if off || !strings.HasPrefix(r.Header.Get("Authorization"), "SSWS ") {
		oktaNotFound(w, "current", "ApiToken")
		return
	}
	if i := s.token(w, s.okta.estate.current); i >= 0 {
		writeJSON(w, http.StatusOK, s.okta.estate.tokens[i].json(baseURL(r)))
	}
}

func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request, p params) {
	i := s.token(w, p["apiTokenId"])
	if i < 0 {
		return
	}
	id := s.okta.estate.tokens[i].ID
	s.okta.estate.tokens = append(s.okta.estate.tokens[:i], s.okta.estate.tokens[i+1:]...)
	if id == s.okta.estate.current {
		s.RevokeOktaToken()
	}
	w.WriteHeader(http.StatusNoContent)
}

// APIToken is an API token as the simulator holds it, for tests.
type APIToken struct{ ID, Name string }

// OktaAPITokens returns the simulator's API tokens in list order.
func (s *Server) OktaAPITokens() []APIToken {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []APIToken
	for _, t := range s.okta.estate.tokens {
		out = append(out, APIToken{ID: t.ID, Name: t.Name})
	}
	return out
}
